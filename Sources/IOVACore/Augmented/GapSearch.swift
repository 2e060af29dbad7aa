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
    /// above `start_pfn`? Returns the placement.
    @inline(__always)
    static func fit<F, O: AllocatorObserver>(_ tree: RBTree<MaxGapAugment<F>>, _ n: NodeID, _ q: GapRequest, observer: inout O) -> UInt64? {
        let lo = tree.lo(n)
        let gap = tree.fields(n).gap
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
    static func highestFit<F, O: AllocatorObserver>(_ tree: RBTree<MaxGapAugment<F>>, _ n: NodeID, _ q: GapRequest,
                                                     visits: inout Int, observer: inout O) -> (node: NodeID, start: UInt64)? {
        guard n.exists else { return nil }
        visits += 1
        observer.record(.visit(n))
        if let skip = tree.fields(n).prune(q) {
            observer.record(.pruned(n, reason: skip.reason, value: skip.value))
            return nil
        }
        if let hit = child(tree, n, .right, q, visits: &visits, observer: &observer) { return hit }
        if let p = fit(tree, n, q, observer: &observer) { return (n, p) }
        return child(tree, n, .left, q, visits: &visits, observer: &observer)
    }

    /// Whether `n`'s own fields rule out its child `c` on `side` (`align-aware`'s per-child
    /// keys): then the skip is reported and the child is not entered, so not visited.
    @inline(__always)
    static func skips<F, O: AllocatorObserver>(_ tree: RBTree<MaxGapAugment<F>>, _ n: NodeID, _ c: NodeID, _ side: TreeSide,
                                               _ q: GapRequest, observer: inout O) -> Bool {
        guard let skip = tree.fields(n).skipChild(side, q) else { return false }
        observer.record(.pruned(c, reason: skip.reason, value: skip.value))
        return true
    }

    /// Searches `n`'s child on `side` with `highestFit`, reporting the descent and the return.
    @inline(__always)
    static func child<F, O: AllocatorObserver>(_ tree: RBTree<MaxGapAugment<F>>, _ n: NodeID, _ side: TreeSide, _ q: GapRequest,
                                               visits: inout Int, observer: inout O) -> (node: NodeID, start: UInt64)? {
        let c = side == .right ? tree.right(n) : tree.left(n)
        guard c.exists, !skips(tree, n, c, side, q, observer: &observer) else { return nil }
        observer.record(.descend(c, from: n, side: side))
        if let hit = highestFit(tree, c, q, visits: &visits, observer: &observer) { return hit }
        observer.record(.backtrack(n, side: side))
        return nil
    }

    /// The limit-aware descent (docs/algorithms/gap-tree.md § limit-aware descent): a node starting at or above the limit has a right
    /// subtree wholly above it, which is skipped; below the limit the right subtree may
    /// straddle it (searched the same way), and the node's own gap and left subtree lie wholly
    /// below it (plain `highestFit`). The bounded part follows one root-to-leaf path.
    static func boundedFit<F, O: AllocatorObserver>(_ tree: RBTree<MaxGapAugment<F>>, _ start: NodeID, _ q: GapRequest,
                                                     visits: inout Int, observer: inout O) -> (node: NodeID, start: UInt64)? {
        var n = start
        while n.exists {
            visits += 1
            observer.record(.visit(n))
            if let skip = tree.fields(n).prune(q) {
                observer.record(.pruned(n, reason: skip.reason, value: skip.value))
                return nil
            }
            if tree.lo(n) >= q.limit {
                let r = tree.right(n)
                if r.exists { observer.record(.pruned(r, reason: .aboveLimit, value: tree.lo(r))) }
                if let p = fit(tree, n, q, observer: &observer) { return (n, p) }
                let l = tree.left(n)
                if l.exists {
                    if skips(tree, n, l, .left, q, observer: &observer) { return nil }
                    observer.record(.descend(l, from: n, side: .left))
                }
                n = l
                continue
            }
            let r = tree.right(n)
            if r.exists && !skips(tree, n, r, .right, q, observer: &observer) {
                observer.record(.descend(r, from: n, side: .right))
                if let hit = boundedFit(tree, r, q, visits: &visits, observer: &observer) { return hit }
                observer.record(.backtrack(n, side: .right))
            }
            if let p = fit(tree, n, q, observer: &observer) { return (n, p) }
            return child(tree, n, .left, q, visits: &visits, observer: &observer)
        }
        return nil
    }
}
