import Testing
import TestSupport
import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAWitness

/// Samples/witness: each file replays as its header claims, and to its committed expected
/// output under every policy (the group's `expected/` folder, as for the other groups).
@Suite struct WitnessSampleTests {
    static let directory = FileIO.repositoryRoot + "/Samples/witness"
    static let files = FileIO.list(directory).filter { $0.hasSuffix(".iova") }.sorted()

    @Test func theThreeStoriesArePresent() {
        #expect(Self.files == ["limit-aware-visits.iova", "maple-over-ask.iova", "mainline-next-fit.iova"].sorted())
    }

    @Test(arguments: files)
    func replaysAsItsHeaderClaims(_ name: String) throws {
        let text = try #require(FileIO.read(Self.directory + "/" + name))
        #expect(try ClaimCheck.problems(text, file: name) == [], "\(name)")
    }

    /// A claim that is not true is caught: the check can fail.
    @Test func aFalseClaimIsCaught() throws {
        let text = try #require(FileIO.read(Self.directory + "/maple-over-ask.iova"))
        let claim = try #require(WitnessClaim(parsing: text))
        var wrong = claim
        wrong.aAnswer.visits += 1
        let tampered = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(WitnessClaim.prefix) ? Substring(wrong.text) : $0 }.joined(separator: "\n")
        #expect(try ClaimCheck.problems(tampered) != [])
        // Swapping the policies turns "fail" into its opposite.
        var swapped = claim
        (swapped.a, swapped.b, swapped.aAnswer, swapped.bAnswer) = (claim.b, claim.a, claim.bAnswer, claim.aAnswer)
        let reversed = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(WitnessClaim.prefix) ? Substring(swapped.text) : $0 }.joined(separator: "\n")
        #expect(try ClaimCheck.problems(reversed) != [])
    }

    @Test(arguments: files, Policies.names)
    func replayMatchesExpected(_ name: String, policy: PolicyName) throws {
        let base = String(name.dropLast(".iova".count))
        let suffix = policy == .mainline ? "" : ".\(policy.rawValue)"
        let expectedPath = Self.directory + "/expected/" + base + suffix + ".expected.jsonl"
        let expected = try #require(FileIO.read(expectedPath), "no \(expectedPath)")
        var sink = MemorySink()
        let options = ReplayOptions(format: .jsonl, includeState: true, includeTree: expected.contains("\"tree\":"))
        try Replay.run(path: Self.directory + "/" + name, policy: Policies[policy].type, options: options, validate: true, to: &sink)
        #expect(sink.text == expected, "\(name) no longer replays to \(expectedPath)")
    }
}
