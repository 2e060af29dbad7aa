// Differential tests: each rb-tree proposal against HighestFitModel (exact highest fit written
// from docs/algorithms/ only) on seeded random sequences, compared after every operation; then the
// three proposals in lockstep against each other.
import IOVACore
import TestSupport
import Testing

/// Operation counts of one run, printed so the report shows what was exercised.
struct ProposalRunStats: CustomStringConvertible {
    var ops = 0, allocOK = 0, allocFail = 0, freeOK = 0, freeMiss = 0
    var reserveOK = 0, reserveNil = 0, finds = 0, maxLive = 0
    var coverage = CoverageCounter()
    var description: String {
        "\(ops) ops: alloc \(allocOK) ok / \(allocFail) failed (short-circuits \(coverage.shortCircuits), "
            + "max32 changes \(coverage.max32Changes)), free \(freeOK) ok / \(freeMiss) missed, "
            + "reserve \(reserveOK) / nil \(reserveNil), find \(finds), max live \(maxLive)"
    }
}

@Suite("Proposals vs the brute-force highest-fit model, randomized")
struct ProposalRandomizedTests {
    /// The first difference between a policy and the model after an operation, nil when none;
    /// `validate`: whether to run the policy's validator too.
    static func stateMismatch(_ p: any IOVAPolicy, _ model: HighestFitModel, validate: Bool = true) -> String? {
        if validate {
            let problems = p.validate()
            if !problems.isEmpty { return "validate(): \(problems.prefix(3))" }
        }
        if p.max32AllocSize != model.max32 {
            return "max32_alloc_size \(hx(p.max32AllocSize)), model \(hx(model.max32))"
        }
        let mine = p.rangeList(), theirs = model.ranges
        if mine != theirs {
            let i = (0..<min(mine.count, theirs.count)).first { mine[$0] != theirs[$0] } ?? min(mine.count, theirs.count)
            return "range lists differ at index \(i) (counts \(mine.count) vs model \(theirs.count)): "
                + "\(mine.dropFirst(i).prefix(3)) vs model \(theirs.dropFirst(i).prefix(3))"
        }
        if p.liveCount != model.count { return "liveCount \(p.liveCount), model \(model.count)" }
        return nil
    }

    /// Applies `op` to the policy and the model; a problem description or nil.
    static func apply(_ op: RandomOp, _ p: inout any IOVAPolicy, _ model: HighestFitModel,
                      stats: inout ProposalRunStats, validate: Bool = true) -> String? {
        let mine: PFNRange?, theirs: PFNRange?
        switch op {
        case let .alloc(size, limit, aligned):
            mine = p.alloc(size: size, limit: limit, aligned: aligned, observer: &stats.coverage).range
            theirs = model.alloc(size: size, limit: limit, aligned: aligned)
            if mine == nil { stats.allocFail += 1 } else { stats.allocOK += 1 }
        case let .free(pfn):
            let ok = p.free(pfn: pfn), expected = model.free(pfn: pfn)
            if ok { stats.freeOK += 1 } else { stats.freeMiss += 1 }
            if ok != expected { return "free returned \(ok), model \(expected)" }
            mine = nil; theirs = nil
        case let .reserve(lo, hi):
            mine = p.reserve(lo: lo, hi: hi)
            theirs = model.reserve(lo: lo, hi: hi)
            if mine == nil { stats.reserveNil += 1 } else { stats.reserveOK += 1 }
        case let .find(pfn):
            stats.finds += 1
            mine = p.find(pfn: pfn)
            theirs = model.find(pfn: pfn)
        }
        stats.ops += 1
        if mine != theirs { return "result \(hx(mine)), model \(hx(theirs))" }
        stats.maxLive = max(stats.maxLive, model.count)
        return stateMismatch(p, model, validate: validate)
    }

    // Long tier: 4,000 operations per run instead of 1,200 (RandomRun.opsPerRun).
    @Test("each proposal equals exact highest fit after every operation",
          arguments: ProposalKind.allCases, RandomRun.all + RandomRun.long)
    func matchesModel(kind: ProposalKind, run: RandomRun) throws {
        let config = try DomainConfig(startPFN: run.startPFN, granule: run.granule)
        var p = kind.make(config)
        let model = HighestFitModel(startPFN: run.startPFN, granule: run.granule)
        var gen = RandomOpGenerator(run: run)
        var stats = ProposalRunStats()
        for i in 0..<run.ops {
            let op = gen.next(model.ranges)
            // Long tier: the validator after every operation; the default tier after every 4th
            // and the last (results, range list and max32 are compared after each regardless).
            let validate = TestTier.checks(at: i, of: run.ops, every: 4)
            if let problem = Self.apply(op, &p, model, stats: &stats, validate: validate) {
                Issue.record("\(kind) seed \(hx(run.seed)) op \(i) \(op): \(problem)")
                return
            }
        }
        print("[randomized] \(kind) seed \(hx(run.seed)) start \(hx(run.startPFN)) granule \(run.granule): \(stats)")
        // The run must have exercised what it is meant to (guards against a generator that
        // silently stopped producing failures or frees).
        #expect(stats.allocOK > 0 && stats.allocFail > 0 && stats.freeOK > 0 && stats.reserveOK > 0,
                "seed \(hx(run.seed)): \(stats)")
    }

    /// The three proposals on the same sequence: identical placements, reserve results, frees
    /// and max32 at every step (visit counts may differ; they are not compared).
    // Long tier: 4,000 operations per run instead of 1,200 (RandomRun.opsPerRun).
    @Test("augmented, augmented32 and limit-aware place identically", arguments: RandomRun.all)
    func identicalAcrossPolicies(run: RandomRun) throws {
        let config = try DomainConfig(startPFN: run.startPFN, granule: run.granule)
        var policies = ProposalKind.allCases.map { $0.make(config) }
        var gen = RandomOpGenerator(run: run)
        var live: [PFNRange] = []
        var shortCircuits = 0
        for i in 0..<run.ops {
            let op = gen.next(live)
            var results: [String] = []
            for k in policies.indices {
                switch op {
                case let .alloc(size, limit, aligned):
                    let out = policies[k].alloc(size: size, limit: limit, aligned: aligned)
                    if out.range == nil && out.visits == 0 && k == 0 { shortCircuits += 1 }
                    results.append(hx(out.range))
                case let .free(pfn): results.append("\(policies[k].free(pfn: pfn))")
                case let .reserve(lo, hi): results.append(hx(policies[k].reserve(lo: lo, hi: hi)))
                case let .find(pfn): results.append(hx(policies[k].find(pfn: pfn)))
                }
                results[k] += " max32 \(hx(policies[k].max32AllocSize))"
            }
            if Set(results).count != 1 {
                Issue.record("seed \(hx(run.seed)) op \(i) \(op): augmented \(results[0]), augmented32 \(results[1]), limit-aware \(results[2])")
                return
            }
            live = policies[0].rangeList()
            // Per-operation soundness is the model test's job; here the full states are compared
            // every 64 operations and at the end (equal results make equal states in between).
            if i % 64 == 63 || i == run.ops - 1 {
                for k in 1..<policies.count where policies[k].rangeList() != live {
                    Issue.record("seed \(hx(run.seed)) op \(i) \(op): \(ProposalKind.allCases[k]) range list differs from augmented")
                    return
                }
                for k in policies.indices where !policies[k].validate().isEmpty {
                    Issue.record("seed \(hx(run.seed)) op \(i): \(ProposalKind.allCases[k]) validate() \(policies[k].validate().prefix(3))")
                    return
                }
            }
        }
        #expect(!live.isEmpty, "seed \(hx(run.seed))")
        print("[lockstep] seed \(hx(run.seed)): \(run.ops) ops, \(live.count) live at the end, ~\(shortCircuits) zero-visit failures")
    }
}
