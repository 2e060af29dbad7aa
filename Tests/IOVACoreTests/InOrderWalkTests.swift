@testable import IOVACore
import Testing

/// `forEachInOrder` gathers the nodes down the predecessor links; on a tree whose links were
/// corrupted (what the validators exist to report) it must still walk the tree in order,
/// by its shape, and never read out of the arena or trap.
@Suite struct InOrderWalkTests {
    static func tree(_ keys: [UInt64]) -> RBTree<NoAugment> {
        var t = RBTree<NoAugment>()
        var o = NullObserver()
        for k in keys { t.insert(lo: k, hi: k, observer: &o) }
        return t
    }

    static func walk(_ t: RBTree<NoAugment>) -> [UInt64] {
        var out: [UInt64] = []
        t.forEachInOrder { out.append(t.range($0).lo) }
        return out
    }

    @Test func walksInOrder() {
        let keys: [UInt64] = [50, 10, 90, 30, 70, 20, 80, 40, 60, 1, 100]
        #expect(Self.walk(Self.tree(keys)) == keys.sorted())
        #expect(Self.walk(Self.tree([])) == [])
    }

    @Test(arguments: [UInt32(3), 4, 1_000_000, NodeID.none.raw])
    func corruptedPredecessorFallsBackToTheShape(_ bad: UInt32) throws {
        // A fixed order (×17 mod 41 permutes 1…40): with `shuffled()`,
        // one run in forty put 60's true predecessor (57) at the very slot `bad` names, so the
        // "corruption" changed nothing and the validator rightly found nothing.
        let keys: [UInt64] = (1...40).map { UInt64($0 * 17 % 41) * 3 }
        var t = Self.tree(keys)
        let victim = t.find(containing: 60)
        t.nodes.makeUnique()
        try #require(t.nodes[victim.index].pred != NodeID(raw: bad), "the link must really change")
        t.nodes[victim.index].pred = NodeID(raw: bad)
        #expect(Self.walk(t) == keys.sorted())
        #expect(!t.validateStructure().isEmpty)   // and the validator says so
    }
}
