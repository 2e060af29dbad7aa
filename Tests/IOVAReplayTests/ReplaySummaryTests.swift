import Testing
import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAScenario

/// The last line of `replay --format text`: counts, live ranges and the kernel's memory per
/// live IOVA under the policy (`IOVAPolicy.memory`).
@Suite struct ReplaySummaryTests {
    func summary(_ text: String, _ policy: PolicyName, format: ReplayOptions.Format = .text) throws -> String {
        var sink = MemorySink()
        try Replay.run(lines: Scenario.parse(text, file: "t.iova"), policy: Policies[policy].type,
                       options: ReplayOptions(format: format), to: &sink)
        return sink.text
    }

    let threePacked = String(repeating: "alloc 1 limit=dma64\n", count: 3)

    @Test func bytesPerLiveIOVAPerPolicy() throws {
        let expected: [(PolicyName, String)] = [
            (.mainline, "64.0"), (.augmented, "64.0"), (.augmented32, "128.0"), (.limitAware, "64.0"),
            (.maple, "101.3"),    // (3 × 16 + one 256-byte leaf) / 3
        ]
        for (policy, bytes) in expected {
            let last = try summary(threePacked, policy).split(separator: "\n").last.map(String.init)
            #expect(last?.hasSuffix("; 3 live ranges, \(bytes) kernel bytes per live IOVA") == true, "\(policy): \(last ?? "")")
        }
    }

    @Test func noFigureWithoutLiveRanges() throws {
        let last = try summary("alloc 1 limit=dma64\nfree 0xfffffffffffff\n", .maple).split(separator: "\n").last
        #expect(last?.hasSuffix("; 0 live ranges") == true)
    }

    /// jsonl is the normative contract (docs/replay-format.md): no summary, no memory figure.
    @Test func jsonlUnchanged() throws {
        let out = try summary(threePacked, .maple, format: .jsonl)
        #expect(out.split(separator: "\n").count == 4)
        #expect(!out.contains("bytes"))
    }
}
