import IOVACore

/// Gap tracking (docs/algorithms/maple.md § Gap tracking): leaves compute their largest free run on demand;
/// internal nodes record each child's in `gap[i]`, kept exact by propagating upward after
/// every change and stopping at the first parent whose entry does not change.
extension MapleTree {
    /// Pfns in `[lo, hi]`, saturating at 2^64−1 (the whole space has 2^64).
    @inline(__always) static func span(_ lo: UInt64, _ hi: UInt64) -> UInt64 {
        hi &- lo == .max ? .max : hi &- lo &+ 1
    }

    /// The largest free run among leaf items `items[range]`, the first starting at `min`, or
    /// the largest recorded gap among internal ones.
    static func maxGap(_ items: [Item], _ range: Range<Int>, leaf: Bool, min: UInt64) -> UInt64 {
        var best: UInt64 = 0
        var lo = min
        for i in range {
            let item = items[i]
            let g = leaf ? (item.value == MapleValue.free ? span(lo, item.hi) : 0) : item.gap
            if g > best { best = g }
            lo = item.hi &+ 1
        }
        return best
    }

    /// The node's max gap as it stands. A leaf's needs its bounds: pass them when known, or
    /// they are found by climbing to the ancestors that hold them.
    func maxGap(_ n: NodeID, bounds known: PFNRange? = nil) -> UInt64 {
        let count = slotCount(n), b = base(n)
        if !isLeaf(n) {
            var best: UInt64 = 0
            for i in 0..<count where gaps[b + i] > best { best = gaps[b + i] }
            return best
        }
        let bounds = known ?? self.bounds(n)
        var best: UInt64 = 0
        for i in 0..<count where slots[b + i] == MapleValue.free {
            let r = slotRange(n, i, in: bounds)
            let g = Self.span(r.lo, r.hi)
            if g > best { best = g }
        }
        return best
    }

    /// Writes `n`'s max gap into its parent's gap array and climbs while entries change.
    /// `bounds`: `n`'s, when the caller knows them.
    mutating func propagateGap<O: AllocatorObserver>(from n: NodeID, bounds: PFNRange? = nil, observer: inout O) {
        var c = n
        var known = bounds
        while true {
            let (p, s) = parent(c)
            guard p.exists else { return }
            let g = maxGap(c, bounds: known)
            known = nil
            let old = gaps[base(p) + s]
            guard old != g else { return }
            gaps[base(p) + s] = g
            observer.record(.gapChanged(p, slot: s, from: old, to: g))
            c = p
        }
    }
}
