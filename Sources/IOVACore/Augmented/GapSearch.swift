/// One allocation request as the gap searches see it.
public struct GapRequest {
    public var size: UInt64
    /// Exclusive limit (`limit_pfn + 1`).
    public var limit: UInt64
    public var mask: UInt64
    public var start: UInt64
    /// `limit <= dma_32bit_pfn`.
    public var is32: Bool
    /// The smallest subtree `AlignKey` that can hold the request (`align-aware`): `2^o + size`
    /// for a size-aligned request, 0 (every key passes) when unaligned or too large to decide.
    public var keyThreshold: UInt64

    public init(size: UInt64, limit: UInt64, aligned: Bool, start: UInt64, dma32PFN: UInt64) {
        self.size = size
        self.limit = limit
        mask = Bits.alignMask(size: size, aligned: aligned)
        self.start = start
        is32 = limit <= dma32PFN
        keyThreshold = aligned ? AlignKey.threshold(size: size) ?? 0 : 0
    }
}

/// The searches over a gap-tracking tree (docs/algorithms/gap-tree.md). `visits` counts the
/// nodes a search enters (it reads their fields), pruned ones included.
enum GapSearch {
    /// FIT(n): can the gap below `n`, clamped to the limit, hold an aligned placement at or
    /// above `start_pfn`? Returns the placement. `n`: a node the search reached by the tree's
    /// links from a checked entry (RBTree+Trusted.swift), so its reads are unchecked.
    @inline(__always)
    static func fit<F, O: AllocatorObserver>(_ tree: RBTree<MaxGapAugment<F>>, _ n: NodeID, _ q: GapRequest, observer: inout O) -> UInt64? {
        let lo = tree.lo(trusted: n)
        let gap = tree.fields(trusted: n).gap
        guard gap >= q.size else { return nil }
        let gapLo = lo - gap
        let gapHi = min(lo - 1, q.limit - 1)
        guard gapHi >= gapLo && gapHi - gapLo + 1 >= q.size else {
            observer.record(.gapChecked(n, gapLo: gapLo, gapHi: gapHi, candidate: 0, fits: false))
            return nil
        }
        let p = (gapHi - (q.size - 1)) & q.mask    // gapHi >= size - 1 here
        let fits = p >= gapLo && p >= q.start
        observer.record(.gapChecked(n, gapLo: gapLo, gapHi: gapHi, candidate: p, fits: fits))
        return fits ? p : nil
    }

    /// `__iova_search_free_gap`: right-first depth-first search pruned only by the subtree
    /// maximum (the 32-bit one for 32-bit requests where the fields have it). The limit does
    /// not prune: a subtree whose large gaps all lie above the limit is still entered.
    ///
    /// In order, at each node entered: count the visit; stop if its subtree maximum prunes it;
    /// search its right subtree; try its own gap (FIT); search its left subtree. The kernel
    /// recurses. Here the descents are a loop over an explicit stack, `path`, of the
    /// nodes whose child is being searched and on which side, because this search runs about
    /// a hundred visits per allocation on a million-node tree, and a call per visit cost a
    /// quarter of its time (docs/performance.md § The gap trees' search). The events are the
    /// recursion's, in its order: `descend` on the way down, `backtrack` on the way back up.
    ///
    ///     enter n ──prune──────────────────────────────▶ failed(n)
    ///        │ right child r, not skipped: push (n, right), enter r
    ///        ▼
    ///     after right of n ──FIT(n)──────────────────▶ found
    ///        │ left child l, not skipped: push (n, left), enter l
    ///        ▼
    ///     failed: pop (p, side), backtrack(p, side);
    ///             side right: after right of p;  side left: failed again
    ///             stack empty: nil
    static func highestFit<F, O: AllocatorObserver>(_ tree: RBTree<MaxGapAugment<F>>, _ start: NodeID, _ q: GapRequest,
                                                     visits: inout Int, observer: inout O) -> (node: NodeID, start: UInt64)? {
        guard start.exists else { return nil }
        tree.checkEntry(start)
        // A red-black tree of at most 2^30 nodes is at most 2·30 levels deep.
        return withUnsafeTemporaryAllocation(of: (node: NodeID, side: TreeSide).self, capacity: 64) { path in
            var depth = 0
            var n = start
            while true {
                precondition(depth < path.count, "gap search deeper than a red-black tree can be")
                // Enter `n`.
                visits += 1
                observer.record(.visit(n))
                var failed = false
                if let skip = tree.fields(trusted: n).prune(q) {
                    observer.record(.pruned(n, reason: skip.reason, value: skip.value))
                    failed = true
                } else {
                    let r = entered(tree, n, .right, q, observer: &observer)
                    if r.exists {
                        path[depth] = (n, .right)
                        depth += 1
                        n = r
                        continue
                    }
                }
                // Back up while a subtree has failed; stop at a node whose right side failed.
                while true {
                    if failed {
                        guard depth > 0 else { return nil }
                        depth -= 1
                        let (p, side) = path[depth]
                        observer.record(.backtrack(p, side: side))
                        if side == .left { continue }
                        n = p
                    }
                    // After the right subtree of `n`: its own gap, then its left subtree.
                    if let p = fit(tree, n, q, observer: &observer) { return (n, p) }
                    let l = entered(tree, n, .left, q, observer: &observer)
                    if l.exists {
                        path[depth] = (n, .left)
                        depth += 1
                        n = l
                        break
                    }
                    failed = true
                }
            }
        }
    }

    /// Whether `n`'s own fields rule out its child `c` on `side` (`align-aware`'s per-child
    /// keys): then the skip is reported and the child is not entered, so not visited.
    @inline(__always)
    static func skips<F, O: AllocatorObserver>(_ tree: RBTree<MaxGapAugment<F>>, _ n: NodeID, _ c: NodeID, _ side: TreeSide,
                                               _ q: GapRequest, observer: inout O) -> Bool {
        guard let skip = tree.fields(trusted: n).skipChild(side, q) else { return false }
        observer.record(.pruned(c, reason: skip.reason, value: skip.value))
        return true
    }

    /// `n`'s child on `side` if the search goes into it (the descent reported), else none: there
    /// is no child, or `n`'s fields rule it out.
    @inline(__always)
    static func entered<F, O: AllocatorObserver>(_ tree: RBTree<MaxGapAugment<F>>, _ n: NodeID, _ side: TreeSide, _ q: GapRequest,
                                                 observer: inout O) -> NodeID {
        let c = side == .right ? tree.right(trusted: n) : tree.left(trusted: n)
        guard c.exists, !skips(tree, n, c, side, q, observer: &observer) else { return .none }
        observer.record(.descend(c, from: n, side: side))
        return c
    }

    /// Searches `n`'s child on `side` with `highestFit`, reporting the descent and the return.
    @inline(__always)
    static func child<F, O: AllocatorObserver>(_ tree: RBTree<MaxGapAugment<F>>, _ n: NodeID, _ side: TreeSide, _ q: GapRequest,
                                               visits: inout Int, observer: inout O) -> (node: NodeID, start: UInt64)? {
        let c = entered(tree, n, side, q, observer: &observer)
        guard c.exists else { return nil }
        if let hit = highestFit(tree, c, q, visits: &visits, observer: &observer) { return hit }
        observer.record(.backtrack(n, side: side))
        return nil
    }

    /// The limit-aware descent (docs/algorithms/gap-tree.md § limit-aware descent): a node starting at or above the limit has a right
    /// subtree wholly above it, which is skipped; below the limit the right subtree may
    /// straddle it (searched the same way), and the node's own gap and left subtree lie wholly
    /// below it (plain `highestFit`). The bounded part follows one root-to-leaf path.
    ///
    /// As in `highestFit`, the recursion into straddling right subtrees is a loop: `path` holds
    /// the nodes below the limit whose right subtree is being searched. Once the descent ends
    /// without a fit, each is backed up to in turn: its own gap, then its left subtree.
    static func boundedFit<F, O: AllocatorObserver>(_ tree: RBTree<MaxGapAugment<F>>, _ start: NodeID, _ q: GapRequest,
                                                     visits: inout Int, observer: inout O) -> (node: NodeID, start: UInt64)? {
        guard start.exists else { return nil }
        tree.checkEntry(start)   // then only links are followed
        return withUnsafeTemporaryAllocation(of: NodeID.self, capacity: 64) { path in
            var depth = 0
            var n = start
            // The descent. `backingUp`: it ended in a pruned or missing subtree (nothing of `n`
            // left to try); false when it stopped at a node whose right side is done.
            var backingUp = true
            descent: while n.exists {
                visits += 1
                observer.record(.visit(n))
                if let skip = tree.fields(trusted: n).prune(q) {
                    observer.record(.pruned(n, reason: skip.reason, value: skip.value))
                    break descent
                }
                if tree.lo(trusted: n) >= q.limit {
                    let r = tree.right(trusted: n)
                    if r.exists { observer.record(.pruned(r, reason: .aboveLimit, value: tree.lo(trusted: r))) }
                    if let p = fit(tree, n, q, observer: &observer) { return (n, p) }
                    let l = tree.left(trusted: n)
                    if l.exists {
                        if skips(tree, n, l, .left, q, observer: &observer) { break descent }
                        observer.record(.descend(l, from: n, side: .left))
                    }
                    n = l
                    continue
                }
                let r = entered(tree, n, .right, q, observer: &observer)
                guard r.exists else {
                    backingUp = false
                    break descent
                }
                precondition(depth < path.count, "gap search deeper than a red-black tree can be")
                path[depth] = n
                depth += 1
                n = r
            }
            while true {
                if backingUp {
                    guard depth > 0 else { return nil }
                    depth -= 1
                    n = path[depth]
                    observer.record(.backtrack(n, side: .right))
                }
                if let p = fit(tree, n, q, observer: &observer) { return (n, p) }
                if let hit = child(tree, n, .left, q, visits: &visits, observer: &observer) { return hit }
                backingUp = true
            }
        }
    }
}
