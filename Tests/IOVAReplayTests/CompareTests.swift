import Testing
import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAScenario

/// `iovascope compare`: lockstep replay, the ≠ marking and the totals.
@Suite struct CompareTests {
    let policies: [PolicyName] = [.mainline, .augmented, .augmented32, .limitAware]

    func rows(_ text: String, _ names: [PolicyName]) throws -> (rows: [Comparison.Row], comparison: Comparison) {
        var comparison = Comparison(policies: names)
        var rows: [Comparison.Row] = []
        for line in try Scenario.parse(text, file: "t.iova") {
            if let row = comparison.apply(line) { rows.append(row) }
        }
        return (rows, comparison)
    }

    func lo(_ r: ReplayResult) -> UInt64?? {
        guard case let .alloc(_, _, _, outcome) = r else { return .none }
        return .some(outcome.range?.lo)
    }

    /// Scenario G (docs/algorithms/mainline.md § Golden results): mainline is next-fit, the proposals are highest fit.
    @Test func nextFitAgainstHighestFit() throws {
        let (rows, comparison) = try rows("alloc 1 limit=0x7ffff\nalloc 1 limit=dma32\nalloc 0x80000 limit=dma32\n", policies)
        #expect(rows.map(\.differs) == [false, true, true])
        #expect(rows[1].results.map(lo) == [0x7fffe, 0xfffff, 0xfffff, 0xfffff])
        #expect(rows[2].results.map(lo) == [0x80000, .some(nil), .some(nil), .some(nil)])
        #expect(comparison.differingRows == 2)
        #expect(comparison.totals.map(\.failures) == [0, 1, 1, 1])
        #expect(comparison.totals.map(\.allocs) == [3, 3, 3, 3])
    }

    /// The seed problem: the first 32-bit allocation after 64-bit ones. Mainline walks every
    /// node from the anchor; augmented32 prunes on the 32-bit max gap.
    @Test func visitsOfTheFirst32BitAllocation() throws {
        let text = String(repeating: "alloc 1 limit=0x1000000 aligned\n", count: 200) + "alloc 1 limit=dma32 aligned\n"
        let (rows, comparison) = try rows(text, policies)
        let last = try #require(rows.last)
        #expect(!last.differs)
        var visits: [Int] = []
        for r in last.results {
            guard case let .alloc(_, _, _, o) = r else { Issue.record("not an alloc"); return }
            visits.append(o.visits)
        }
        #expect(visits[0] == 201)                  // mainline: all 200 nodes and the anchor
        #expect(visits[2] < visits[1])             // augmented32 prunes where augmented cannot
        #expect(comparison.totals[0].visits.max == 201)
        #expect(comparison.totals[0].visits.maxLine == 201)
    }

    @Test func domainResetsEveryPolicy() throws {
        let (rows, comparison) = try rows("domain start=0xffff0\nalloc 16 limit=dma32\nalloc 1 limit=dma32\n", [.mainline, .limitAware])
        #expect(comparison.config.startPFN == 0xffff0)
        #expect(rows[0].results.map(lo) == [0xffff0, 0xffff0])
        #expect(rows[1].results.map(lo) == [.some(nil), .some(nil)])
    }

    @Test func freesAndReservesCompareTheirAnswers() throws {
        // After the differing placements of scenario G, freeing 0x7fffe finds a range only on mainline.
        let (rows, _) = try rows("alloc 1 limit=0x7ffff\nalloc 1 limit=dma32\nfree 0x7fffe\nfind 0xfffff\n", [.mainline, .augmented])
        #expect(rows[2].differs)
        #expect(rows[3].differs)
    }

    // MARK: Memory at the end (kernel model)

    /// `n` single-page allocations under dma64: top-down, contiguous.
    func packed(_ n: Int) -> String { String(repeating: "alloc 1 limit=dma64\n", count: n) }

    /// Three packed ranges: one maple leaf holds them (NULL below, 3 entries, NULL above = 5
    /// slots ≤ 16), so maple spends 3 × 16 + 256 bytes; the rb-tree versions one object each.
    @Test func memoryOfThreePackedRanges() throws {
        let (_, comparison) = try rows(packed(3), Policies.names)
        let m = comparison.memory
        // mainline, augmented, augmented32, limit-aware, maple, align-aware (registry order).
        #expect(m.map(\.liveCount) == [3, 3, 3, 3, 3, 3])
        #expect(m.map(\.structBytes) == [40, 56, 72, 56, 16, 64])
        #expect(m.map(\.objectBytes) == [64, 64, 128, 64, 16, 64])
        #expect(m.map(\.nodeCount) == [0, 0, 0, 0, 1, 0])
        #expect(m.map(\.totalBytes) == [192, 192, 384, 192, 304, 192])
    }

    /// Twenty packed ranges: 22 slots need two leaves and a root above them, 3 nodes.
    @Test func memoryOfTwentyPackedRanges() throws {
        let (_, comparison) = try rows(packed(20), [.mainline, .augmented32, .maple])
        #expect(comparison.memory.map(\.nodeCount) == [0, 0, 3])
        #expect(comparison.memory.map(\.totalBytes) == [1280, 2560, 20 * 16 + 3 * 256])
        #expect(comparison.memory.map(\.bytesPerIOVA) == [64, 128, 54.4])
    }

    @Test func memoryIsOfTheFinalState() throws {
        let (_, comparison) = try rows(packed(3) + "free 0xfffffffffffff\n", [.mainline, .maple])
        #expect(comparison.memory.map(\.liveCount) == [2, 2])
        #expect(comparison.memory.map(\.totalBytes) == [128, 2 * 16 + 256])
        let (_, emptied) = try rows("alloc 1 limit=dma64\nfree 0xfffffffffffff\n", [.mainline, .maple])
        #expect(emptied.memory.map(\.bytesPerIOVA) == [nil, nil])
    }

    func compareOutput(_ text: String, _ names: [PolicyName], _ format: ReplayOptions.Format) throws -> [Substring] {
        var sink = MemorySink()
        try Comparison.run(lines: Scenario.parse(text, file: "t.iova"), policies: names, format: format,
                           onlyDifferences: false, to: &sink)
        return sink.text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The jsonl totals keep their fields and add the memory ones after them.
    @Test func jsonlTotalsCarryMemory() throws {
        let lines = try compareOutput(packed(3), [.mainline, .maple], .jsonl)
        #expect(lines.count == 5)                 // 3 rows, the totals, the final newline
        #expect(lines[3] == """
            {"op":"totals","differing":0,"policies":[\
            {"policy":"mainline","allocs":3,"failures":0,"visits_sum":3,"visits_max":1,"visits_max_line":1,\
            "live":3,"struct_bytes":40,"object_bytes":64,"nodes":0,"node_bytes":0,"total_bytes":192},\
            {"policy":"maple","allocs":3,"failures":0,"visits_sum":3,"visits_max":1,"visits_max_line":1,\
            "live":3,"struct_bytes":16,"object_bytes":16,"nodes":1,"node_bytes":256,"total_bytes":304}]}
            """)
    }

    @Test func jsonlBytesPerIOVAIsNullWithoutLiveRanges() throws {
        let lines = try compareOutput("alloc 1 limit=dma64\nfree 0xfffffffffffff\n", [.mainline], .jsonl)
        #expect(lines[2].hasSuffix(#""live":0,"struct_bytes":40,"object_bytes":64,"nodes":0,"node_bytes":0,"total_bytes":0}]}"#))
    }

    /// The text totals: the visits table as before, then the memory table, then the count of
    /// differing commands last.
    @Test func textTotalsCarryMemory() throws {
        let lines = try compareOutput(packed(3), [.mainline, .augmented32, .maple], .text)
        let start = try #require(lines.firstIndex { $0.hasPrefix("kernel memory") })
        #expect(lines[start - 1] == "")
        #expect(lines[start - 2].hasPrefix("maple"))            // last row of the visits table
        #expect(Array(lines[start...]) == [
            "kernel memory     live   struct   object    nodes   total bytes   bytes/IOVA",
            "mainline             3       40       64        -           192         64.0",
            "augmented32          3       72      128        -           384        128.0",
            "maple                3       16       16        1           304        101.3",
            "0 commands answered differently (marked *)",
            "",
        ])
    }
}
