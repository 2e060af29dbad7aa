import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAScenario
import IOVAWorkloads
import Testing
import TestSupport

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
                case let .unmap(ref, _, pfn, _, _, outcome):
                    #expect(ref != nil, "line \(row.line): a generated unmap by address")
                    #expect(pfn != nil && outcome != .tree(found: false), "line \(row.line): a generated unmap names a live mapping")
                case .free, .freeFast:
                    Issue.record("line \(row.line): a generated free by address")
                default: break
                }
            }
            switch row.command {
            case .freeAllocation, .unmapAllocation: frees += 1
            default: break
            }
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

    /// The DMA-path profiles (`map`/`unmap @LINE` on 4 CPUs): what each is made of, and what
    /// the magazines make of it on mainline.
    @Test func dmaPathProfileShapes() throws {
        for profile in [ScenarioProfile.nicRing, .nvme128K, .gpuBuffers] {
            let lines = try Scenario.parse(Self.text(profile, ops: 2000), file: profile.rawValue)
            #expect(lines.first.map { if case .domain(let config) = $0.command { config.cpus == 4 } else { false } } == true)
            let sizes = lines.compactMap { if case let .map(_, size, _) = $0.command { size } else { nil } }
            let cpus = Set(lines.compactMap { if case let .map(_, _, cpu) = $0.command { cpu } else { nil } })
            #expect(cpus == [0, 1, 2, 3], "\(profile) maps on every CPU")
            switch profile {
            case .nicRing: #expect(sizes.allSatisfy { (1...3).contains($0) } && sizes.filter { $0 == 1 }.count * 2 > sizes.count)
            case .nvme128K: #expect(sizes.allSatisfy { $0 <= 32 } && sizes.filter { $0 == 32 }.count * 4 > sizes.count * 3)
            default: #expect(sizes.allSatisfy { (64...8191).contains($0) })
            }
            var replayer = Replayer(Policies[.mainline].type, facts: ScenarioFacts(for: lines))
            var hits = 0, maps = 0, treeUnmaps = 0, unmaps = 0
            for line in lines {
                try replayer.apply(line) { record, _ in
                    switch record.result {
                    case let .map(_, _, _, outcome, _, _):
                        maps += 1
                        if outcome.allocation.source == .rcache { hits += 1 }
                    case let .unmap(_, _, _, _, _, outcome):
                        unmaps += 1
                        if case .tree = outcome { treeUnmaps += 1 }
                    default: break
                    }
                }
            }
            #expect(maps > 500 && unmaps > 100, "\(profile): \(maps) maps, \(unmaps) unmaps")
            switch profile {
            case .nicRing: #expect(hits * 2 > maps, "nic-ring: \(hits) of \(maps) maps from a magazine")
            case .nvme128K: #expect(hits * 4 > maps, "nvme-128k: \(hits) of \(maps) maps from a magazine")
            default: #expect(hits == 0 && treeUnmaps == unmaps, "gpu-buffers: never cached")
            }
        }
    }

    /// `replay --validate` of each DMA-path profile on every policy: every invariant of the tree
    /// and of the rcache (strictly: every cached pfn starts a live range of its class) after
    /// every command.
    @Test(arguments: [ScenarioProfile.nicRing, .nvme128K, .gpuBuffers], Policies.names)
    func dmaPathProfilesValidateOnEveryPolicy(_ profile: ScenarioProfile, _ policy: PolicyName) throws {
        let ops = TestTier.scaled(default: 600, long: 1500)    // long tier: 1,500 operations per profile
        let lines = try Scenario.parse(Self.text(profile, ops: ops, seed: 11), file: profile.rawValue + ".iova")
        var sink = MemorySink()
        try Replay.run(lines: lines, policy: Policies[policy].type,
                       options: ReplayOptions(format: .jsonl, includeState: true, includeTree: false), validate: true, to: &sink)
        #expect(sink.text.split(separator: "\n").count == 1 + ops)
    }
}
