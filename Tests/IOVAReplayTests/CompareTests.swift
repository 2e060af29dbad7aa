import Testing
import IOVACore
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

    /// Scenario G (§1.12): mainline is next-fit, the proposals are highest fit.
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
}
