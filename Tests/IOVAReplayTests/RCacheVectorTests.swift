import Testing
import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAScenario
import TestSupport

/// The DMA path against the kernel: every scenario in Tests/Fixtures/kernel-vectors/rcache
/// (per-CPU magazines, depot growth and trim, flush and retry, PCI devices losing their
/// 32-bit workaround, edge cases; see its README) replays on `mainline` to exactly the
/// kernel's jsonl — every record, `--state` with the `rcache` figures, `--tree` where the file
/// has it — and runs under every other policy with the validators (the rcache's included).
/// The default tier validates as `Fixtures.validation(for:)` says for mainline and samples the
/// commands for the others (the rcache's strict check reads every cached pfn: up to 97k per
/// command with 64 CPUs); the long tier validates after every command.
@Suite struct RCacheVectorTests {
    static let directory = Fixtures.kernelVectors + "/rcache"
    static let files = Fixtures.scenarios(in: directory)

    @Test func allVectorsArePresent() {
        #expect(Self.files.count == 42, "expected the 42 rcache vector scenarios in \(Self.directory)")
    }

    @Test(arguments: files)
    func mainlineMatchesKernel(_ path: String) throws {
        let expected = try #require(readTextFile(Fixtures.expectedPath(for: path)))
        let got = try Fixtures.replayJSONL(path, tree: expected.contains("\"tree\":\""), validation: Fixtures.validation(for: path))
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let gotLines = got.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(gotLines.count == expectedLines.count, "line count for \(path)")
        if let i = (0..<min(gotLines.count, expectedLines.count)).first(where: { gotLines[$0] != expectedLines[$0] }) {
            Issue.record("\(path): first difference at output line \(i + 1)\n got: \(gotLines[i])\n exp: \(expectedLines[i])")
        }
    }

    /// The other policies keep the same rcache in front of their own trees: the files run
    /// with every validator on (strictly for the files that free only through `@LINE`).
    @Test(arguments: Policies.names.filter { !Policies[$0].isKernel })
    func otherPoliciesStaySound(_ policy: PolicyName) throws {
        for path in Self.files {
            #expect(throws: Never.self, "\(policy) on \(path)") {
                // Long tier: the validators after every command, not a sample of them.
                try Fixtures.validate(path, policy: policy, validation: TestTier.isLong ? .everyCommand : .sampled)
            }
        }
    }
}
