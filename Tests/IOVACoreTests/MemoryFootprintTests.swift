import IOVACore
import IOVAMaple
import Testing

/// The kernel's memory per policy (docs/algorithms/README.md § Memory per IOVA): `struct iova` sizes,
/// their slab objects, maple nodes, and the per-IOVA arithmetic.
@Suite struct MemoryFootprintTests {
    /// Three single pages allocated top-down under dma64.
    func threePacked<P: InspectablePolicy>(_: P.Type) -> MemoryFootprint {
        var p = P(config: .standard)
        for _ in 0..<3 { _ = p.alloc(size: 1, limit: DomainConfig.standard.maxPFN, aligned: false) }
        return p.memory
    }

    @Test func rbTreeStructsAndCacheLineObjects() {
        let figures = [threePacked(MainlinePolicy.self), threePacked(AugmentedPolicy.self),
                       threePacked(Augmented32Policy.self), threePacked(LimitAwarePolicy.self)]
        #expect(figures.map(\.structBytes) == [40, 56, 72, 56])   // rb_node + pfn_hi/lo, + 2 or 4 gap words
        #expect(figures.map(\.objectBytes) == [64, 64, 128, 64])  // SLAB_HWCACHE_ALIGN: 64-byte lines
        #expect(figures.map(\.nodeCount) == [0, 0, 0, 0])         // rb_node lives inside struct iova
        #expect(figures.map(\.liveCount) == [3, 3, 3, 3])         // the anchor is not counted
        #expect(figures.map(\.totalBytes) == [192, 192, 384, 192])
        #expect(figures.map(\.bytesPerIOVA) == [64, 64, 128, 64])
    }

    /// Maple: 16-byte structs packed without alignment, plus 256-byte nodes; three contiguous
    /// entries and the NULL ranges around them fit one leaf.
    @Test func mapleStructsAndNodes() {
        let m = threePacked(MaplePolicy.self)
        #expect(m.structBytes == 16)
        #expect(m.objectBytes == 16)
        #expect(m.nodeBytes == 256)
        #expect(m.nodeCount == 1)
        #expect(m.totalBytes == 3 * 16 + 256)
        #expect(m.bytesPerIOVA == 304.0 / 3)
    }

    @Test func reservedRangesCount() {
        var p = MainlinePolicy(config: .standard)
        _ = p.reserve(lo: 0x100, hi: 0x1ff)
        #expect(p.memory.liveCount == 1)
        #expect(p.memory.totalBytes == 64)
    }

    @Test func noLiveRangeHasNoPerIOVAFigure() {
        #expect(MainlinePolicy(config: .standard).memory.bytesPerIOVA == nil)
        #expect(MainlinePolicy(config: .standard).memory.totalBytes == 0)
        #expect(Augmented32Policy(config: .standard).memory.bytesPerIOVA == nil)
        #expect(MaplePolicy(config: .standard).memory.bytesPerIOVA == nil)
        var p = MaplePolicy(config: .standard)
        let r = p.alloc(size: 1, limit: DomainConfig.standard.maxPFN, aligned: false).range
        _ = p.free(pfn: r?.lo ?? 0)
        #expect(p.memory.liveCount == 0)
        #expect(p.memory.bytesPerIOVA == nil)
    }

    @Test func cacheLineRounding() {
        #expect(MemoryFootprint.rbTree(structBytes: 40, liveCount: 1).objectBytes == 64)
        #expect(MemoryFootprint.rbTree(structBytes: 64, liveCount: 1).objectBytes == 64)
        #expect(MemoryFootprint.rbTree(structBytes: 65, liveCount: 1).objectBytes == 128)
        #expect(MemoryFootprint.rbTree(structBytes: 72, liveCount: 1).objectBytes == 128)
    }

    @Test func totalsAndPerIOVA() {
        let m = MemoryFootprint(structBytes: 16, objectBytes: 16, liveCount: 10, nodeCount: 2, nodeBytes: 256)
        #expect(m.totalBytes == 10 * 16 + 2 * 256)
        #expect(m.bytesPerIOVA == 67.2)
        let rb = MemoryFootprint.rbTree(structBytes: 56, liveCount: 1_000_000)
        #expect(rb.totalBytes == 64_000_000)
        #expect(rb.bytesPerIOVA == 64)
        #expect(MemoryFootprint.rbTree(structBytes: 40, liveCount: 0).bytesPerIOVA == nil)
    }
}
