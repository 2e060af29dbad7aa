/// The augmentation callbacks of the gap-tracking trees, as `RB_DECLARE_CALLBACKS` would
/// generate them for a "subtree maximum" field: `propagate` recomputes upwards and stops at the
/// first node whose value does not change; `copy` and `rotate` hand the subtree value over.
public enum MaxGapAugment<Fields: GapFieldSet>: RBAugment {
    public static var blankFields: Fields { .blank }
    public static func gapInfo(_ fields: Fields, lo: UInt64) -> GapInfo? { fields.gapInfo(lo: lo) }

    /// `n`'s fields with its subtree maxima recomputed from its children. `n`: a slot of the
    /// tree (checked by the caller), whose links the reads then follow unchecked.
    @inline(__always) static func recomputed(_ tree: RBTree<Self>, _ n: NodeID) -> Fields {
        let l = tree.left(trusted: n), r = tree.right(trusted: n)
        return tree.fields(trusted: n).withMaxima(lo: tree.lo(trusted: n),
                                                  left: l.exists ? (tree.fields(trusted: l), tree.lo(trusted: l)) : nil,
                                                  right: r.exists ? (tree.fields(trusted: r), tree.lo(trusted: r)) : nil)
    }

    /// Subtree maxima stop at the first node whose value does not change (Linux's rule). Fields
    /// that hold their children's summaries (`align-aware`) can change in the parent when a
    /// node's own gap changes though the node's stored fields do not: they stop once the
    /// parent already holds what the node now sums up.
    public static func propagate<O: AllocatorObserver>(_ tree: inout RBTree<Self>, from node: NodeID, stop: NodeID, observer: inout O) {
        var n = node
        guard n.exists else { return }
        // Checked once here, the arena owned at the first write; from then on `n` follows
        // parent links and each level writes in place (RBTree+Trusted.swift): this loop runs
        // up to the root on most inserts.
        tree.checkEntry(n)
        var owned = false
        while n.exists && n != stop {
            let old = tree.fields(trusted: n)
            let new = recomputed(tree, n)
            if new == old && parentHolds(tree, n, new) { break }
            old.reportChanges(to: new, node: n, observer: &observer)
            if !owned { tree.ownArena(); owned = true }
            tree.setFields(owned: n, new)
            n = tree.parent(trusted: n)
        }
    }

    /// Whether `n`'s parent already holds `n`'s summary with `fields` (always, for subtree maxima).
    @inline(__always) static func parentHolds(_ tree: RBTree<Self>, _ n: NodeID, _ fields: Fields) -> Bool {
        guard Fields.summarizesChildren else { return true }
        let p = tree.parent(n)
        guard p.exists else { return true }
        return tree.fields(p).holds(fields, lo: tree.lo(n), as: tree.left(p) == n ? .left : .right)
    }

    public static func copy<O: AllocatorObserver>(_ tree: inout RBTree<Self>, from old: NodeID, to new: NodeID, observer: inout O) {
        let before = tree.fields(new)
        let moved = before.withSubtreeMaxima(of: tree.fields(old))
        before.reportChanges(to: moved, node: new, observer: &observer)
        tree.setFields(new, moved)
    }

    public static func rotate<O: AllocatorObserver>(_ tree: inout RBTree<Self>, old: NodeID, new: NodeID, observer: inout O) {
        if Fields.summarizesChildren {
            // Both nodes have new children: `old` (now below) first, then `new` above it.
            refresh(&tree, old, observer: &observer)
            refresh(&tree, new, observer: &observer)
            return
        }
        // `new` now roots the subtree `old` rooted: same set of gaps, same maxima.
        copy(&tree, from: old, to: new, observer: &observer)
        refresh(&tree, old, observer: &observer)
    }

    /// Recomputes `n` from its children, reporting what changed.
    @inline(__always) static func refresh<O: AllocatorObserver>(_ tree: inout RBTree<Self>, _ n: NodeID, observer: inout O) {
        tree.checkEntry(n)
        let before = tree.fields(trusted: n), after = recomputed(tree, n)
        before.reportChanges(to: after, node: n, observer: &observer)
        tree.setFields(n, after)
    }

}
