import IOVACore
import IOVAMaple
import IOVAWorkloads
import Testing

/// The `memory` workload of `bench` at n = 2,000: the shapes it promises and the model's
/// figures on them.
@Suite struct MemoryWorkloadTests {
    static let n = 2_000
    let top = DomainConfig.standard.maxPFN

    /// The live ranges are exactly single pages at `pages` (ascending); a mismatch reports the
    /// first difference, not two lists of thousands.
    func expectPages<P: InspectablePolicy>(_ p: P, _ pages: [UInt64], sourceLocation: SourceLocation = #_sourceLocation) {
        var got: [PFNRange] = []
        p.forEachRange { got.append($0) }
        let want = pages.map { PFNRange(lo: $0, hi: $0) }
        let first = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(got.count == want.count && first == nil,
                "\(P.descriptor.name): \(got.count) ranges; first difference at \(first.map(String.init) ?? "-")", sourceLocation: sourceLocation)
    }

    /// Packed: n pages right below the top of the domain, no hole between them.
    func checkPacked<P: InspectablePolicy>(_ type: P.Type) {
        let (p, failures) = MemoryWorkload(n: Self.n, shape: .packed).build(type)
        #expect(failures == 0)
        #expect(p.liveCount == Self.n)
        expectPages(p, (0..<UInt64(Self.n)).reversed().map { top - $0 })
        #expect(p.validate().isEmpty)
    }

    /// Fragmented: the top page, then every other page below it.
    func checkFragmented<P: InspectablePolicy>(_ type: P.Type) {
        let (p, failures) = MemoryWorkload(n: Self.n, shape: .fragmented).build(type)
        #expect(failures == 0)
        #expect(p.liveCount == Self.n)
        expectPages(p, (0..<UInt64(Self.n)).reversed().map { top - 2 * $0 })
        #expect(p.validate().isEmpty)
    }

    @Test func shapesUnderEveryPolicy() {
        checkPacked(MainlinePolicy.self); checkFragmented(MainlinePolicy.self)
        checkPacked(AugmentedPolicy.self); checkFragmented(AugmentedPolicy.self)
        checkPacked(Augmented32Policy.self); checkFragmented(Augmented32Policy.self)
        checkPacked(LimitAwarePolicy.self); checkFragmented(LimitAwarePolicy.self)
        checkPacked(MaplePolicy.self); checkFragmented(MaplePolicy.self)
    }

    /// rb-tree versions: one cache-line-rounded object per range, whatever the shape.
    @Test(arguments: MemoryWorkload.Shape.allCases)
    func rbTreeFigures(shape: MemoryWorkload.Shape) {
        let w = MemoryWorkload(n: Self.n, shape: shape)
        let figures = [w.run(MainlinePolicy.self), w.run(AugmentedPolicy.self),
                       w.run(Augmented32Policy.self), w.run(LimitAwarePolicy.self)]
        #expect(figures.map(\.memory.liveCount) == Array(repeating: Self.n, count: 4))
        #expect(figures.map(\.memory.bytesPerIOVA) == [64, 64, 128, 64])
        #expect(figures.map(\.memory.totalBytes) == [64, 64, 128, 64].map { $0 * Self.n })
    }

    /// Maple: 16 bytes per struct plus the nodes. Leaves hold 6…16 slots (the root excepted),
    /// internal nodes 4…10 children, so the node count lies between what full leaves and what
    /// minimal leaves need. Slots: packed n entries + a NULL below and above; fragmented adds
    /// the n − 1 holes.
    @Test(arguments: MemoryWorkload.Shape.allCases)
    func mapleFigures(shape: MemoryWorkload.Shape) throws {
        let m = MemoryWorkload(n: Self.n, shape: shape).run(MaplePolicy.self).memory
        #expect(m.liveCount == Self.n)
        let slots = shape == .packed ? Self.n + 2 : 2 * Self.n + 1
        let fewestLeaves = (slots + 15) / 16
        let mostLeaves = slots / 6
        #expect(m.nodeCount >= fewestLeaves + 1)
        #expect(m.nodeCount <= mostLeaves + mostLeaves / 3 + MapleLayout.maxHeight)
        let perIOVA = try #require(m.bytesPerIOVA)
        #expect(perIOVA == Double(Self.n * 16 + m.nodeCount * 256) / Double(Self.n))
        #expect(perIOVA > 16 + 256.0 / 16)
        #expect(perIOVA < 16 + 256 * 2)
    }

    /// A hole per range costs a slot per range: fragmented maple needs more nodes than packed.
    @Test func fragmentedMapleCostsMore() {
        let packed = MemoryWorkload(n: Self.n, shape: .packed).run(MaplePolicy.self).memory
        let fragmented = MemoryWorkload(n: Self.n, shape: .fragmented).run(MaplePolicy.self).memory
        #expect(fragmented.nodeCount > packed.nodeCount)
    }

    @Test func emptyWorkload() {
        let r = MemoryWorkload(n: 0, shape: .fragmented).run(MainlinePolicy.self)
        #expect(r.memory.liveCount == 0)
        #expect(r.memory.bytesPerIOVA == nil)
        #expect(r.failures == 0)
    }
}
