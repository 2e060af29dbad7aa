import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAScenario
import IOVAWorkloads
import Testing

/// `iovascope gen`: deterministic, well-formed, exactly `ops` operations, and every free names
/// an allocation that is live under every policy.
@Suite struct ScenarioGeneratorTests {
    static func text(_ profile: ScenarioProfile, ops: Int, seed: UInt64 = 5) -> String {
        var out = ""
        ScenarioGenerator(profile: profile, ops: ops, seed: seed).generate { out += $0 + "\n" }
        return out
    }

    @Test(arguments: ScenarioProfile.allCases)
    func wellFormedAndPolicyIndependent(_ profile: ScenarioProfile) throws {
        let text = Self.text(profile, ops: 1500)
        #expect(text == Self.text(profile, ops: 1500), "same seed, same file")
        #expect(text != Self.text(profile, ops: 1500, seed: 6), "another seed, another file")
        #expect(text.hasPrefix("# iovascope gen --profile \(profile.rawValue) --ops 1500 --seed 5\n"))
        let lines = try Scenario.parse(text, file: "\(profile.rawValue).iova")
        #expect(lines.count == 1 + 1500, "the domain and 1500 operations")
        var comparison = Comparison(policies: Policies.names, facts: ScenarioFacts(for: lines))
        var frees = 0, allocs = 0
        for line in lines {
            guard let row = comparison.apply(line) else { continue }
            for result in row.results {
                switch result {
                case let .freeAllocation(_, pfn, found):
                    #expect(pfn != nil && found, "line \(row.line): a generated free names a live allocation")
                case .free:
                    Issue.record("line \(row.line): a generated free by address")
                default: break
                }
            }
            if case .freeAllocation = row.command { frees += 1 }
            if row.results.first?.allocation != nil { allocs += 1 }
        }
        #expect(frees > 100 && allocs > 500, "\(frees) frees, \(allocs) allocs")
        #expect(comparison.totals.allSatisfy { $0.failures == 0 }, "the profiles stay within the 32-bit window")
    }

    @Test func profileShapes() throws {
        let reserved = Self.text(.reservedWindows, ops: 50)
        #expect(reserved.contains("\nreserve 0xfee00 0xfeeff"))
        #expect(reserved.contains("\nreserve 0xc0000 0xdffff"))
        let wide = try Scenario.parse(Self.text(.wideMasks, ops: 400), file: "w")
        let limits = Set(wide.compactMap { if case let .alloc(_, limit, _) = $0.command { limit } else { nil } })
        #expect(!limits.contains(0xfffff), "no 32-bit request in wide-masks")
        #expect(limits.count > 10)
        let fragmented = try Scenario.parse(Self.text(.fragmentedAligned, ops: 300), file: "f")
        #expect(fragmented.prefix(101).dropFirst().allSatisfy { $0.command == .alloc(size: 1, limit: 0xfffff, aligned: false) })
    }
}
