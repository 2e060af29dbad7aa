// Differential tests: MainlinePolicy against ReferenceMainline (an independent model written
// from docs/algorithms/mainline.md) on seeded random operation sequences, compared after every operation, plus
// brute-force checks that depend on neither implementation.
import IOVACore
import TestSupport
import Testing

/// One randomized run: its seed and domain.
struct RandomRun: Sendable, CustomTestStringConvertible {
    let seed: UInt64
    let startPFN: UInt64
    let granule: UInt64
    let ops: Int
    var testDescription: String { "seed \(seed), start_pfn \(hx(startPFN)), granule \(granule), \(ops) ops" }

    /// The long run, when `IOVASCOPE_LONG_OPS` asks for one.
    static var long: [RandomRun] {
        FileIO.longOps.map { [RandomRun(seed: 0xB001, startPFN: 1, granule: 4096, ops: $0)] } ?? []
    }

    static let all: [RandomRun] = [
        RandomRun(seed: 0x1001, startPFN: 1, granule: 4096, ops: 4000),
        RandomRun(seed: 0x1002, startPFN: 1, granule: 65536, ops: 4000),
        RandomRun(seed: 0x1003, startPFN: 0x1000, granule: 4096, ops: 4000),
        RandomRun(seed: 0x1004, startPFN: 0, granule: 65536, ops: 4000),
        // Only 0x200 pfns below 4 GiB (like Scenario D): 32-bit space runs out constantly.
        RandomRun(seed: 0x1005, startPFN: 0xffe00, granule: 4096, ops: 4000),
        RandomRun(seed: 0x1006, startPFN: 1, granule: 4096, ops: 4000),
    ]
}

enum RandomOp: CustomStringConvertible {
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

enum RandomOpResult: Equatable, CustomStringConvertible {
    case range(PFNRange?)
    case freed(Bool)
    var description: String {
        switch self {
        case .range(let r): r.map { "\($0)" } ?? "nil"
        case .freed(let b): "\(b)"
        }
    }
}

/// Counts retries and short-circuits so a run can show what it exercised.
struct CoverageObserver: AllocatorObserver {
    var retries = 0
    var shortCircuits = 0
    mutating func record(_ event: AllocatorEvent) {
        switch event {
        case .retry: retries += 1
        case .failed(.max32ShortCircuit): shortCircuits += 1
        default: break
        }
    }
}

struct RunStats: CustomStringConvertible {
    var ops = 0, allocOK = 0, allocFail = 0, freeOK = 0, freeMiss = 0
    var reserveOK = 0, reserveNil = 0, finds = 0, probes = 0, maxLive = 0
    var coverage = CoverageObserver()
    var description: String {
        "\(ops) ops: alloc \(allocOK) ok / \(allocFail) failed (retries \(coverage.retries), "
            + "short-circuits \(coverage.shortCircuits)), free \(freeOK) ok / \(freeMiss) missed, "
            + "reserve \(reserveOK) / nil \(reserveNil), find \(finds), probes \(probes), max live \(maxLive)"
    }
}

/// Generates operations around the interesting places of a domain: 4 GiB, N-bit masks,
/// small explicit limits, the edges of live ranges.
struct OpGenerator {
    var rng: TestRNG
    let start: UInt64
    let d32: UInt64
    let shift: UInt64
    let maxPFN: UInt64

    init(run: RandomRun) {
        rng = TestRNG(seed: run.seed)
        start = run.startPFN
        shift = UInt64(run.granule.trailingZeroBitCount)
        d32 = UInt64(1) << (32 - shift)
        maxPFN = UInt64.max >> shift
    }

    /// `(2^bits >> shift) - 1`, computed here rather than through DomainConfig.
    func dmaLimit(_ bits: UInt64) -> UInt64 { ((UInt64(1) << bits) >> shift) - 1 }

    mutating func pickRange(_ live: [PFNRange]) -> PFNRange? {
        live.isEmpty ? nil : live[Int(rng.below(UInt64(live.count)))]
    }

    mutating func size() -> UInt64 {
        let roll = rng.percent()
        if roll < 55 { return 1 + rng.below(8) }
        if roll < 88 { return 1 + rng.below(64) }
        if roll < 96 { return 65 + rng.below(1000) }
        return UInt64(1) << (10 + rng.below(12))       // occasionally large: 1024 .. 2^21
    }

    mutating func limit(_ live: [PFNRange]) -> UInt64 {
        let roll = rng.percent()
        switch roll {
        case 0..<28: return d32 - 1                                  // dma32
        case 28..<43:                                                // nearby pfns, both sides
            let delta = rng.below(129)
            return delta <= 64 ? d32 - 1 - delta : d32 - 1 + (delta - 64)
        case 43..<63: return dmaLimit(33 + rng.below(24))           // dma33 .. dma56
        case 63..<78: return start + rng.below(4096)                 // explicit small limits
        case 78..<95:                                                // edges of live ranges
            guard let r = pickRange(live) else { return d32 - 1 }
            switch rng.below(3) {
            case 0: return r.hi
            case 1: return r.lo == 0 ? r.hi : r.lo - 1
            default: return r.hi + rng.below(16)
            }
        default: return maxPFN                                       // dma64
        }
    }

    mutating func next(_ live: [PFNRange]) -> RandomOp {
        let roll = rng.percent()
        // Beyond ~200 live ranges frees outnumber allocations, so long runs churn instead of
        // growing (the model and the per-op comparisons are linear in the live count).
        if roll < (live.count < 200 ? 42 : 28) {
            let size = size()
            return .alloc(size: size, limit: limit(live), aligned: rng.below(2) == 0)
        }
        if roll < 82 {
            if rng.percent() < 78, let r = pickRange(live) {
                return .free(pfn: r.lo + rng.below(r.count))           // inside a live range
            }
            switch rng.below(10) {                                   // arbitrary pfns
            case 0..<4: return .free(pfn: start + rng.below(8192))
            case 4..<7: return .free(pfn: d32 - 4096 + rng.below(8192))
            case 7..<9: return .free(pfn: rng.next())
            default: return .free(pfn: .max)                         // the anchor: never freed
            }
        }
        if roll < 93 {
            switch rng.below(20) {
            case 0..<8:                                              // around one live range
                guard let r = pickRange(live) else { fallthrough }
                let lo = r.lo - min(r.lo, rng.below(8))
                return .reserve(lo: lo, hi: r.hi + rng.below(40))
            case 8..<12:                                             // across several
                guard live.count > 1 else { fallthrough }
                let i = Int(rng.below(UInt64(live.count - 1)))
                let j = min(live.count - 1, i + 1 + Int(rng.below(4)))
                let lo = live[i].lo - min(live[i].lo, rng.below(4))
                return .reserve(lo: lo, hi: live[j].hi + rng.below(4))
            case 12..<15:                                            // a window at 4 GiB
                let lo = d32 - 1 - rng.below(64)
                return .reserve(lo: lo, hi: lo + rng.below(128))
            case 15..<18:                                            // somewhere low
                let lo = start + rng.below(8192)
                return .reserve(lo: lo, hi: lo + rng.below(16))
            default:                                                 // beyond the domain
                return .reserve(lo: rng.below(1000), hi: maxPFN + 1 + rng.below(1000))
            }
        }
        if rng.below(2) == 0, let r = pickRange(live) { return .find(pfn: r.lo + rng.below(r.count)) }
        return .find(pfn: d32 - 4096 + rng.below(8192))
    }
}

@Suite("Mainline vs independent reference model, randomized")
struct MainlineRandomizedTests {
    /// Differences between the core and the model after an operation, nil when they agree.
    static func stateMismatch(_ impl: MainlinePolicy, _ ref: ReferenceMainline) -> String? {
        let problems = impl.validate()
        if !problems.isEmpty { return "validate(): \(problems)" }
        guard let cached = impl.cachedRanges else { return "mainline reports no cached ranges" }
        if cached.cached != ref.cachedRange { return "cached_node \(cached.cached), model \(ref.cachedRange)" }
        if cached.cached32 != ref.cached32Range { return "cached32_node \(cached.cached32), model \(ref.cached32Range)" }
        if impl.max32AllocSize != ref.max32 {
            return "max32_alloc_size \(hx(impl.max32AllocSize)), model \(hx(ref.max32))"
        }
        let mine = impl.rangeList(), theirs = ref.rangeList
        if mine != theirs {
            let i = (0..<min(mine.count, theirs.count)).first { mine[$0] != theirs[$0] } ?? min(mine.count, theirs.count)
            return "range lists differ at index \(i) (counts \(mine.count) vs model \(theirs.count)): "
                + "\(mine.dropFirst(i).prefix(3)) vs model \(theirs.dropFirst(i).prefix(3))"
        }
        if impl.liveCount != ref.count { return "liveCount \(impl.liveCount), model \(ref.count)" }
        return nil
    }

    /// Checks of an allocation that need neither implementation: the exact size, inside
    /// [start_pfn, limit], aligned to roundup_pow_of_two(size) when asked, free beforehand.
    static func bruteForceProblem(_ r: PFNRange, size: UInt64, limit: UInt64, aligned: Bool,
                                  start: UInt64, before: [PFNRange]) -> String? {
        if r.lo > r.hi || r.hi - r.lo + 1 != size { return "\(r) does not hold \(size) pfns" }
        if r.lo < start || r.hi > limit { return "\(r) outside [\(hx(start)), \(hx(limit))]" }
        if aligned {
            var align: UInt64 = 1
            while align < size { align <<= 1 }
            if r.lo % align != 0 { return "\(r) not aligned to \(align)" }
        }
        if let clash = before.first(where: { $0.lo <= r.hi && r.lo <= $0.hi }) {
            return "\(r) overlaps live range \(clash)"
        }
        return nil
    }

    /// Applies one operation to both sides; returns a problem description or nil.
    static func apply(_ op: RandomOp, _ impl: inout MainlinePolicy, _ ref: ReferenceMainline,
                      before: [PFNRange], stats: inout RunStats) -> String? {
        let mine: RandomOpResult, theirs: RandomOpResult
        switch op {
        case let .alloc(size, limit, aligned):
            let out = impl.alloc(size: size, limit: limit, aligned: aligned, observer: &stats.coverage)
            mine = .range(out.range)
            theirs = .range(ref.alloc(size: size, limit: limit, aligned: aligned))
            if let r = out.range {
                stats.allocOK += 1
                if let p = bruteForceProblem(r, size: size, limit: limit, aligned: aligned,
                                             start: impl.config.startPFN, before: before) { return p }
            } else {
                stats.allocFail += 1
            }
        case let .free(pfn):
            let ok = impl.free(pfn: pfn)
            mine = .freed(ok)
            theirs = .freed(ref.free(pfn: pfn))
            if ok { stats.freeOK += 1 } else { stats.freeMiss += 1 }
            // Independent of both: free succeeds exactly when a live range holds the pfn.
            if ok != before.contains(where: { $0.contains(pfn) }) { return "free returned \(ok)" }
        case let .reserve(lo, hi):
            let r = impl.reserve(lo: lo, hi: hi)
            mine = .range(r)
            theirs = .range(ref.reserve(lo: lo, hi: hi))
            if r == nil { stats.reserveNil += 1 } else { stats.reserveOK += 1 }
        case let .find(pfn):
            stats.finds += 1
            mine = .range(impl.find(pfn: pfn))
            theirs = .range(ref.find(pfn: pfn))
            if case .range(let r) = mine, r != before.first(where: { $0.contains(pfn) }) {
                return "find returned \(r.map { "\($0)" } ?? "nil")"
            }
        }
        stats.ops += 1
        if mine != theirs { return "result \(mine), model \(theirs)" }
        return stateMismatch(impl, ref)
    }

    @Test("mainline matches the reference model after every op", arguments: RandomRun.all + RandomRun.long)
    func differential(run: RandomRun) throws {
        let config = try DomainConfig(startPFN: run.startPFN, granule: run.granule)
        var impl = MainlinePolicy(config: config)
        let ref = ReferenceMainline(startPFN: run.startPFN, granule: run.granule)
        var gen = OpGenerator(run: run)
        var stats = RunStats()
        for i in 0..<run.ops {
            let before = impl.rangeList()
            let op = gen.next(before)
            if let problem = Self.apply(op, &impl, ref, before: before, stats: &stats) {
                Issue.record("seed \(run.seed) op #\(i) \(op): \(problem)")
                return
            }
            stats.maxLive = max(stats.maxLive, impl.liveCount)

            // Probe (on about a third of the successful frees of ranges at or above start_pfn):
            // after freeing [a, b], an unaligned alloc of b - a + 1 pfns with limit b must
            // return exactly [a, b] — the walk starts at or above the freed hole (docs/algorithms/mainline.md § Cache maintenance on free) and
            // meets it before anything else.
            if case .free(let pfn) = op, let freed = before.first(where: { $0.contains(pfn) }),
               freed.lo >= run.startPFN, freed.count < gen.d32, gen.rng.below(3) == 0 {
                let probe = RandomOp.alloc(size: freed.count, limit: freed.hi, aligned: false)
                let probeBefore = impl.rangeList()
                if let problem = Self.apply(probe, &impl, ref, before: probeBefore, stats: &stats) {
                    Issue.record("seed \(run.seed) op #\(i) probe \(probe) after \(op): \(problem)")
                    return
                }
                stats.probes += 1
                let got = impl.find(pfn: freed.lo)
                if got != freed {
                    Issue.record("seed \(run.seed) op #\(i): probe after freeing \(freed) got \(got.map { "\($0)" } ?? "nil")")
                    return
                }
            }
        }
        print("[randomized] \(run.testDescription): \(stats)")
        // The run must have exercised the paths it exists for.
        #expect(stats.allocOK > 500 && stats.allocFail > 10, "seed \(run.seed): \(stats)")
        #expect(stats.coverage.retries > 0, "seed \(run.seed): no retry pass was exercised: \(stats)")
        #expect(stats.probes > 50 && stats.reserveNil > 0 && stats.freeMiss > 0, "seed \(run.seed): \(stats)")
    }

    /// The model is only a witness if it reproduces the kernel's own vectors (docs/algorithms/mainline.md § Golden results).
    @Test("the reference model reproduces Scenarios A, D, E and G")
    func referenceReproducesGoldenVectors() {
        let a = ReferenceMainline(startPFN: 0, granule: 4096)
        #expect(a.alloc(size: 0x1f400, limit: 0x3ffff, aligned: false)?.lo == 0x20c00)
        #expect(a.alloc(size: 0xc00, limit: 0x3ffff, aligned: false)?.lo == 0x20000)
        #expect(a.alloc(size: 0x1f300, limit: 0x3ffff, aligned: false)?.lo == 0xd00)
        #expect(a.free(pfn: 0x20000))
        #expect(a.cached32Range == R(0x20c00, 0x3ffff))
        #expect(a.alloc(size: 0xd00, limit: 0x3ffff, aligned: false)?.lo == 0)
        #expect(a.alloc(size: 0x200, limit: 0x3ffff, aligned: false)?.lo == 0x20a00)

        let d = ReferenceMainline(startPFN: 0xffff0, granule: 4096)
        #expect(d.alloc(size: 8, limit: 0xfffff, aligned: true)?.lo == 0xffff8)
        #expect(d.alloc(size: 4, limit: 0xfffff, aligned: true)?.lo == 0xffff4)
        #expect(d.alloc(size: 4, limit: 0xfffff, aligned: true)?.lo == 0xffff0)
        #expect(d.alloc(size: 1, limit: 0xfffff, aligned: false) == nil)
        #expect(d.max32 == 1)
        #expect(d.reserve(lo: 0x100000, hi: 0x10000f) == R(0x100000, 0x10000f))
        #expect(d.alloc(size: 32, limit: 0x10000f, aligned: false) == nil)
        #expect(d.max32 == 0x20)
        #expect(d.free(pfn: 0xffff8))
        #expect(d.max32 == 0x100000 && d.cached32Range == R(0x100000, 0x10000f))
        #expect(d.alloc(size: 4, limit: 0xfffff, aligned: true)?.lo == 0xffffc)

        let e = ReferenceMainline(startPFN: 1, granule: 4096)
        #expect(e.reserve(lo: 10, hi: 20) == R(0xa, 0x14))
        #expect(e.reserve(lo: 30, hi: 40) == R(0x1e, 0x28))
        #expect(e.reserve(lo: 5, hi: 0x23) == R(0x15, 0x28))
        #expect(e.reserve(lo: 0x2d, hi: 0x32) == R(0x2d, 0x32))
        #expect(e.reserve(lo: 5, hi: 0x3c) == R(0x33, 0x3c))
        #expect(e.reserve(lo: 0x64, hi: 0x64) == R(0x64))
        #expect(e.reserve(lo: 0x63, hi: 0x65) == R(0x65))
        #expect(e.alloc(size: 1, limit: 0x66, aligned: false)?.lo == 0x66)
        #expect(e.alloc(size: 4, limit: 0x66, aligned: true)?.lo == 0x5c)

        let g = ReferenceMainline(startPFN: 1, granule: 4096)
        #expect(g.alloc(size: 1, limit: 0x7ffff, aligned: false)?.lo == 0x7ffff)
        #expect(g.alloc(size: 1, limit: 0xfffff, aligned: false)?.lo == 0x7fffe)
        #expect(g.alloc(size: 0x80000, limit: 0xfffff, aligned: false)?.lo == 0x80000)
    }
}
