import IOVAScenario
import Testing

/// `alloc SIZE limit=L fallback=F [aligned]`: dma-iommu's try-dma32-first pattern.
@Suite struct AllocFallbackTests {
    @Test func parses() throws {
        let lines = try Scenario.parse("alloc 4 limit=dma32 fallback=dma48 aligned\nalloc 1 fallback=0x1000000 limit=1024\n", file: "t")
        #expect(lines.map(\.command) == [
            .allocFallback(size: 4, limit: 0xfffff, fallback: 0xf_ffff_ffff, aligned: true),
            .allocFallback(size: 1, limit: 1024, fallback: 0x1000000, aligned: false),
        ])
    }

    @Test("refused with a located error", arguments: [
        ("alloc 1 fallback=dma48\n", "1:9: error: fallback= needs a first limit= to fall back from"),
        ("alloc 1 limit=dma48 fallback=dma32\n", "1:21: error: the fallback limit 0xfffff must be above the first limit 0xfffffffff"),
        ("alloc 1 limit=dma32 fallback=dma32\n", "1:21: error: the fallback limit 0xfffff must be above the first limit 0xfffff"),
        ("alloc 1 limit=dma32 fallback=dma40 fallback=dma48\n", "1:36: error: 'fallback' given twice"),
        ("alloc 1 limit=dma32 fallback=\n", "1:21: error: fallback needs a value"),
        ("alloc 1 limit=dma32 fallback=dma99\n", "1:30: error: 'dma99' is not a DMA mask"),
    ])
    func rejects(text: String, message: String) {
        expectRejected(text, message)
    }
}
