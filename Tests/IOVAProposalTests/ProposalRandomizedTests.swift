// Differential tests: each rb-tree proposal against HighestFitModel (exact highest fit written
// from the reference only) on seeded random sequences, compared after every operation; then the
// three proposals in lockstep against each other.
import IOVACore
import TestSupport
import Testing

/// One randomized run: its seed and domain.
struct ProposalRun: Sendable, CustomTestStringConvertible {
    let seed: UInt64
    let startPFN: UInt64
    let granule: UInt64
    let ops: Int
    var testDescription: String { "seed \(hx(seed)), start_pfn \(hx(startPFN)), granule \(granule), \(ops) ops" }

    static let all: [ProposalRun] = [
        ProposalRun(seed: 0xA001, startPFN: 1, granule: 4096, ops: 3000),
        ProposalRun(seed: 0xA002, startPFN: 1, granule: 65536, ops: 3000),
        ProposalRun(seed: 0xA003, startPFN: 0x1000, granule: 4096, ops: 3000),
        // start 0: a node can sit at pfn 0 (gap_to_prev 0, no predecessor).
        ProposalRun(seed: 0xA004, startPFN: 0, granule: 65536, ops: 3000),
        // Only 0x200 pfns below 4 GiB: 32-bit failures, max32 updates and short-circuits.
        ProposalRun(seed: 0xA005, startPFN: 0xffe00, granule: 4096, ops: 3000),
        // The same with a 64 KiB granule (d32 = 0x10000): 0x100 pfns below 4 GiB.
        ProposalRun(seed: 0xA006, startPFN: 0xff00, granule: 65536, ops: 3000),
        ProposalRun(seed: 0xA007, startPFN: 1, granule: 4096, ops: 3000),
    ]
}

enum ProposalOp: CustomStringConvertible {
    case alloc(size: UInt64, limit: UInt64, aligned: Bool)
    case free(pfn: UInt64)
    case reserve(lo: UInt64, hi: UInt64)
    case find(pfn: UInt64)

    var description: String {
        switch self {
        case let .alloc(size, limit, aligned): "alloc(size \(hx(size)), limit \(hx(limit)), aligned \(aligned))"
        case let .free(pfn): "free(\(hx(pfn)))"
        case let .reserve(lo, hi): "reserve(\(hx(lo)), \(hx(hi)))"
        case let .find(pfn): "find(\(hx(pfn)))"
        }
    }
}

/// Operations around the places where highest fit and the gap fields are delicate: 4 GiB and
/// its neighbours (is32 flips between limit d32-1 and d32), N-bit masks, small limits near
/// start_pfn (32-bit failures), the edges of live ranges, and reserves straddling 4 GiB
/// (clamped_gap32 of a gap crossing the boundary).
struct ProposalOpGenerator {
    var rng: TestRNG
    let start: UInt64
    let d32: UInt64
    let shift: UInt64
    let maxPFN: UInt64

    init(run: ProposalRun) {
        rng = TestRNG(seed: run.seed)
        start = run.startPFN
        shift = UInt64(run.granule.trailingZeroBitCount)
        d32 = UInt64(1) << (32 - shift)
        maxPFN = UInt64.max >> shift
    }

    /// `(2^bits >> shift) - 1`, computed here rather than through DomainConfig.
    func dmaLimit(_ bits: UInt64) -> UInt64 { ((UInt64(1) << bits) >> shift) - 1 }

    mutating func pick(_ live: [PFNRange]) -> PFNRange? {
        live.isEmpty ? nil : live[Int(rng.below(UInt64(live.count)))]
    }

    mutating func size() -> UInt64 {
        let roll = rng.percent()
        if roll < 55 { return 1 + rng.below(8) }
        if roll < 92 { return 1 + rng.below(64) }
        if roll < 97 { return 65 + rng.below(1000) }
        return UInt64(1) << (10 + rng.below(12))       // occasionally large: 2^10 .. 2^21
    }

    mutating func limit(_ live: [PFNRange]) -> UInt64 {
        switch rng.percent() {
        case 0..<26: return d32 - 1                                   // dma32
        case 26..<40:                                                 // nearby, both sides
            let delta = rng.below(129)
            return delta <= 64 ? d32 - 1 - delta : d32 - 1 + (delta - 64)
        case 40..<60: return dmaLimit(33 + rng.below(24))            // dma33 .. dma56
        case 60..<74: return start + rng.below(4096)                  // small explicit limits
        case 74..<92:                                                 // edges of live ranges
            guard let r = pick(live) else { return d32 - 1 }
            switch rng.below(3) {
            case 0: return r.hi
            case 1: return r.lo == 0 ? r.hi : r.lo - 1
            default: return r.hi + rng.below(16)
            }
        default: return maxPFN                                        // dma64
        }
    }

    mutating func next(_ live: [PFNRange]) -> ProposalOp {
        // Allocations dominate until ~150 ranges are live, then frees do: the live set churns
        // instead of growing, which keeps validate() after every operation affordable.
        let roll = rng.percent()
        if roll < (live.count < 150 ? 50 : 30) {
            let s = size()
            return .alloc(size: s, limit: limit(live), aligned: rng.below(2) == 0)
        }
        if roll < 80 {
            if rng.percent() < 78, let r = pick(live) {
                return .free(pfn: r.lo + rng.below(r.count))            // anywhere inside a range
            }
            switch rng.below(10) {                                    // arbitrary pfns
            case 0..<4: return .free(pfn: start + rng.below(8192))
            case 4..<7: return .free(pfn: d32 - 4096 + rng.below(8192))
            case 7..<9: return .free(pfn: rng.next())
            default: return .free(pfn: .max)                          // the anchor: never freed
            }
        }
        if roll < 93 {
            switch rng.below(20) {
            case 0..<8:                                               // around one live range
                guard let r = pick(live) else { fallthrough }
                let lo = r.lo - min(r.lo, rng.below(8))
                return .reserve(lo: lo, hi: r.hi + rng.below(40))
            case 8..<12:                                              // across several
                guard live.count > 1 else { fallthrough }
                let i = Int(rng.below(UInt64(live.count - 1)))
                let j = min(live.count - 1, i + 1 + Int(rng.below(4)))
                let lo = live[i].lo - min(live[i].lo, rng.below(4))
                return .reserve(lo: lo, hi: live[j].hi + rng.below(4))
            case 12..<15:                                             // straddling 4 GiB
                let lo = d32 - 1 - rng.below(64)
                return .reserve(lo: lo, hi: lo + rng.below(128))
            case 15..<18:                                             // somewhere low
                let lo = start + rng.below(8192)
                return .reserve(lo: lo, hi: lo + rng.below(16))
            default:                                                  // beyond the domain: nil
                return .reserve(lo: rng.below(1000), hi: maxPFN + 1 + rng.below(1000))
            }
        }
        if rng.below(2) == 0, let r = pick(live) { return .find(pfn: r.lo + rng.below(r.count)) }
        return .find(pfn: d32 - 4096 + rng.below(8192))
    }
}

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
    /// The first difference between a policy and the model after an operation, nil when none.
    static func stateMismatch(_ p: any IOVAPolicy, _ model: HighestFitModel) -> String? {
        let problems = p.validate()
        if !problems.isEmpty { return "validate(): \(problems.prefix(3))" }
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
    static func apply(_ op: ProposalOp, _ p: inout any IOVAPolicy, _ model: HighestFitModel,
                      stats: inout ProposalRunStats) -> String? {
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
        return stateMismatch(p, model)
    }

    @Test("each proposal equals exact highest fit after every operation",
          arguments: ProposalKind.allCases, ProposalRun.all)
    func matchesModel(kind: ProposalKind, run: ProposalRun) throws {
        let config = try DomainConfig(startPFN: run.startPFN, granule: run.granule)
        var p = kind.make(config)
        let model = HighestFitModel(startPFN: run.startPFN, granule: run.granule)
        var gen = ProposalOpGenerator(run: run)
        var stats = ProposalRunStats()
        for i in 0..<run.ops {
            let op = gen.next(model.ranges)
            if let problem = Self.apply(op, &p, model, stats: &stats) {
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
    @Test("augmented, augmented32 and limit-aware place identically", arguments: ProposalRun.all)
    func identicalAcrossPolicies(run: ProposalRun) throws {
        let config = try DomainConfig(startPFN: run.startPFN, granule: run.granule)
        var policies = ProposalKind.allCases.map { $0.make(config) }
        var gen = ProposalOpGenerator(run: run)
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
