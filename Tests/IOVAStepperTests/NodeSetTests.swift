import Testing
import IOVACore
import IOVAStepper

/// The bit set behind the highlights and the tree pane's open nodes answers like a Set.
@Suite struct NodeSetTests {
    @Test func behavesLikeASet() {
        var rng = SystemRandomNumberGenerator()
        var bits = NodeSet()
        var plain = Set<NodeID>()
        for _ in 0..<5_000 {
            let n = NodeID(raw: UInt32.random(in: 0..<3_000, using: &rng))
            let inserted = bits.insert(n)
            #expect(inserted == plain.insert(n).inserted)
        }
        #expect(bits.count == plain.count)
        #expect(Array(bits) == plain.sorted())
        for raw in 0..<3_100 { #expect(bits.contains(NodeID(raw: UInt32(raw))) == plain.contains(NodeID(raw: UInt32(raw)))) }
        let extra = [NodeID(raw: 7_000), NodeID(raw: 2)]
        #expect(Array(bits.union(extra)) == plain.union(extra).sorted())
    }

    /// `NodeID.none` (index 2^32 - 1) is never a member: inserting it must not size the bits.
    @Test func noneIsNeverAMember() {
        var s: NodeSet = [NodeID(raw: 1)]
        let inserted = s.insert(.none)
        #expect(!inserted)
        #expect(!s.contains(.none))
        #expect(s.count == 1 && !s.isEmpty)
        #expect(NodeSet().isEmpty && NodeSet() == NodeSet([.none]))
    }
}
