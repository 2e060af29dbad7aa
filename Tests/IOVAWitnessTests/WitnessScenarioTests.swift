import Testing
import IOVACore
import IOVAReplay
import IOVAScenario
import IOVAWitness
import IOVAWorkloads

/// The shrinker's scenario form: `free @LINE` as references that survive any drop.
@Suite struct WitnessScenarioTests {
    static let text = """
        domain start=1 granule=4096
        alloc 4 limit=dma32 aligned
        alloc 8
        free @2
        reserve 0x100 0x1ff
        alloc 2 limit=0xfff fallback=dma40
        free @6
        free @3
        find 0x100
        """

    @Test func roundTripsThroughText() throws {
        let lines = try Scenario.parse(Self.text, file: "t")
        let scenario = try WitnessScenario(lines: lines)
        #expect(scenario.items.count == 8)
        // Written back as it was read; dma64, the default limit, goes unsaid.
        #expect(scenario.text()[2] == "alloc 8")
        #expect(scenario.text().joined(separator: "\n") == Self.text)
        #expect(try Scenario.parse(scenario.text().joined(separator: "\n"), file: "t") == lines)
    }

    @Test func droppingAnAllocDropsItsFreesAndRenumbers() throws {
        var scenario = try WitnessScenario(lines: Scenario.parse(Self.text, file: "t"))
        scenario.items.remove(at: 0)     // alloc 4 on line 2: its free @2 must go, @6 and @3 move up
        let closed = scenario.closed()
        #expect(closed.text() == [
            "domain start=1 granule=4096",
            "alloc 8",
            "reserve 0x100 0x1ff",
            "alloc 2 limit=0xfff fallback=dma40",
            "free @4",
            "free @2",
            "find 0x100",
        ])
    }

    /// Any subset of a generated workload's commands, closed, is a scenario the parser accepts,
    /// and it frees on every policy exactly what the same subset freed before renumbering.
    @Test func everySubsetStaysValid() throws {
        var rng = SplitMix64(seed: 16)
        var source = ""
        ScenarioGenerator(profile: .mixedMasks, ops: 120, seed: 5).generate { source += $0 + "\n" }
        let full = try WitnessScenario(lines: Scenario.parse(source, file: "gen"))
        for _ in 0..<40 {
            var subset = full
            subset.items = full.items.filter { _ in rng.next() % 3 != 0 }
            let closed = subset.closed()
            let text = closed.text(firstLine: 3).joined(separator: "\n")
            let parsed = try Scenario.parse("# a\n# b\n" + text, file: "subset")
            #expect(parsed == closed.lines(firstLine: 3))
            // Every free finds its allocation (mainline places every request here).
            var sink = MemorySink()
            try Replay.run(lines: parsed, policy: MainlinePolicy.self, options: ReplayOptions(format: .jsonl), to: &sink)
            #expect(!sink.text.contains("\"found\":false"))
        }
    }
}
