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
    /// Its words are read unchecked once `n` is known to be a live node: it runs at every
    /// level of every propagation.
    func maxGap(_ n: NodeID, bounds known: PFNRange? = nil) -> UInt64 {
        precondition(isLive(n), "max gap of \(n), not a live node")
        let count = slotCount(n), b = base(n)
        if !isLeaf(n) {
            let g = gapBase(n)
            var best: UInt64 = 0
            for i in 0..<count { best = Swift.max(best, words[trusted: g + i]) }
            return best
        }
        let bounds = known ?? self.bounds(n)
        var best: UInt64 = 0
        var lo = bounds.lo
        let h = slotHalf(n, leaf: true)
        for i in 0..<count {
            let hi = i == count - 1 ? bounds.hi : words[trusted: b + i]
            if half(trusted: h + i) == MapleValue.free { best = Swift.max(best, Self.span(lo, hi)) }
            lo = hi &+ 1
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
            let at = gapBase(p) + s
            let old = words[at]
            guard old != g else { return }
            words[at] = g
            observer.record(.gapChanged(p, slot: s, from: old, to: g))
            c = p
        }
    }
}
