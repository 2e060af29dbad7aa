import IOVACore

extension MapleTree: MapleTreeSource {
    public func slotRange(_ n: NodeID, _ i: Int) -> PFNRange { slotRange(n, i, in: bounds(n)) }

    public func gap(_ n: NodeID, _ i: Int) -> UInt64 {
        if !isLeaf(n) { return childGap(n, i) }
        guard value(n, i) == MapleValue.free else { return 0 }
        let r = slotRange(n, i)
        return Self.span(r.lo, r.hi)
    }
}
