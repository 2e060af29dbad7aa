import IOVACore

/// Point lookups and in-order iteration.
extension MapleTree {
    /// A slot of a leaf, with the leaf's implied bounds: what a walk down finds, handed on so
    /// that the next step (the store after a search) need not walk down again. Valid until the
    /// tree changes.
    public struct LeafSlot: Equatable, Sendable {
        public let node: NodeID
        public let slot: Int
        public let bounds: PFNRange
    }

    /// The leaf and slot whose range holds `index`, with the leaf's bounds: a root-to-leaf walk
    /// taking at each level the first slot whose pivot is at or above `index`.
    func locate(_ index: UInt64) -> (node: NodeID, slot: Int, bounds: PFNRange) {
        var n = root
        var b = PFNRange(lo: 0, hi: .max)
        while true {
            let count = slotCount(n), base = self.base(n)
            var s = 0
            while s < count - 1 && words[base + s] < index { s += 1 }
            if isLeaf(n) { return (n, s, b) }
            b = slotRange(n, s, in: b)
            n = child(n, s)
        }
    }

    public func leaf(containing index: UInt64) -> (node: NodeID, slot: Int) {
        let (n, s, _) = locate(index)
        return (n, s)
    }

    /// The non-NULL entry whose range holds `index` (`mas_walk`), with its value.
    public func entry(containing index: UInt64) -> (range: PFNRange, value: UInt32)? {
        let (n, s, b) = locate(index)
        let v = value(n, s)
        guard v != MapleValue.free else { return nil }
        return (slotRange(n, s, in: b), v)
    }

    /// Every slot of every leaf in index order, NULL ones included.
    public func forEachSlot(_ body: (PFNRange, UInt32) -> Void) {
        forEachSlot(under: root, bounds: PFNRange(lo: 0, hi: .max), body)
    }

    private func forEachSlot(under n: NodeID, bounds b: PFNRange, _ body: (PFNRange, UInt32) -> Void) {
        for i in 0..<slotCount(n) {
            let r = slotRange(n, i, in: b)
            if isLeaf(n) { body(r, value(n, i)) } else { forEachSlot(under: child(n, i), bounds: r, body) }
        }
    }

    /// Every entry in index order.
    public func forEachEntry(_ body: (PFNRange, UInt32) -> Void) {
        forEachSlot { r, v in if v != MapleValue.free { body(r, v) } }
    }

    /// The entries intersecting `[lo, hi]`, in order: a walk from `lo` rightwards.
    public func entries(intersecting lo: UInt64, _ hi: UInt64) -> [(range: PFNRange, value: UInt32)] {
        var out: [(range: PFNRange, value: UInt32)] = []
        var at = lo
        while true {
            let (n, s, b) = locate(at)
            let r = slotRange(n, s, in: b)
            if value(n, s) != MapleValue.free { out.append((r, value(n, s))) }
            if r.hi >= hi { return out }
            at = r.hi + 1
        }
    }
}
