import Testing
import TestSupport
import IOVACore
import IOVAPolicies
import IOVAWitness

/// The search end to end: found, shrunk, written, and replaying as its header claims.
@Suite struct WitnessSearchTests {
    func search(_ a: String, _ b: String, _ want: WitnessWant, seed: UInt64, profile: String? = nil, tries: Int = 400) throws -> (Witness, String) {
        let pa = try #require(Policies.named(a)), pb = try #require(Policies.named(b))
        let sources = try profile.map { [try #require(WorkloadSource.named($0))] } ?? WorkloadSource.all
        let search = WitnessSearch(finder: DepartureFinder(a: pa.type, b: pb.type, want: want), sources: sources, seed: seed, tries: tries)
        let witness = try #require(search.run(), "no witness for \(b) departing from \(a) (\(want))")
        let text = WitnessReport.text(witness, a: pa.name, b: pb.name, want: want, invocation: "test")
        return (witness, text)
    }

    /// Default tier: one cheap search (a placement on the first small workload), twice, the
    /// same file both times, replaying as claimed.
    @Test func smallSearchIsDeterministicAndHonest() throws {
        let (first, text) = try search("mainline", "augmented", .placement, seed: 7, profile: "tight-window")
        let (_, again) = try search("mainline", "augmented", .placement, seed: 7, profile: "tight-window")
        #expect(text == again)
        #expect(first.scenario.items.count <= 4, "\(text)")
        #expect(try ClaimCheck.problems(text) == [])
    }

    /// The search gives up after its tries when the policies never part (exact highest fit twice).
    @Test func givesUpWhenThePoliciesAgree() throws {
        let finder = DepartureFinder(a: AugmentedPolicy.self, b: LimitAwarePolicy.self, want: .placement)
        let search = WitnessSearch(finder: finder, sources: [WorkloadSource.named("tight-window")!], seed: 1, tries: 3)
        var misses = 0
        #expect(search.run { if case .miss = $0 { misses += 1 } } == nil)
        #expect(misses == 3)
    }

    /// The issue's three witnesses in full, from the default sources, on seeds 1 to 10: found,
    /// (a) within 12 commands, and replaying as claimed. Long tier only: the default tier runs
    /// one small search above. (In a release build each takes well under a second.)
    @Test(.enabled(if: TestTier.isLong), arguments: [
        ("mainline", "maple", WitnessWant.fail, 12),
        ("align-aware", "limit-aware", WitnessWant.visits, 40),
        ("mainline", "augmented", WitnessWant.placement, 12),
    ])
    func theIssuesWitnesses(a: String, b: String, want: WitnessWant, atMost: Int) throws {
        guard Policies.named(a) != nil, Policies.named(b) != nil else {
            Issue.record("\(a) or \(b) is not in the registry")
            return
        }
        for seed: UInt64 in 1...10 {
            let (witness, text) = try search(a, b, want, seed: seed)
            #expect(witness.scenario.items.count + 1 <= atMost, "seed \(seed):\n\(text)")
            #expect(try ClaimCheck.problems(text) == [], "seed \(seed):\n\(text)")
        }
    }
}
