// Differential tests: MainlinePolicy against ReferenceMainline (an independent model written
// from docs/algorithms/mainline.md) on the shared seeded random operation sequences
// (TestSupport's RandomOpGenerator), compared after every operation, plus brute-force checks
// that depend on neither implementation.
import IOVACore
import TestSupport
import Testing

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

    // Long tier: 4,000 operations per run instead of 1,200 (RandomRun.opsPerRun).
    @Test("mainline matches the reference model after every op", arguments: RandomRun.all + RandomRun.long)
    func differential(run: RandomRun) throws {
        let config = try DomainConfig(startPFN: run.startPFN, granule: run.granule)
        var impl = MainlinePolicy(config: config)
        let ref = ReferenceMainline(startPFN: run.startPFN, granule: run.granule)
        var gen = RandomOpGenerator(run: run)
        var stats = RunStats()
        for i in 0..<run.ops {
            let before = impl.rangeList()
            let op = gen.next(before)
            if let problem = Self.apply(op, &impl, ref, before: before, stats: &stats) {
                Issue.record("seed \(hx(run.seed)) op #\(i) \(op): \(problem)")
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
                    Issue.record("seed \(hx(run.seed)) op #\(i) probe \(probe) after \(op): \(problem)")
                    return
                }
                stats.probes += 1
                let got = impl.find(pfn: freed.lo)
                if got != freed {
                    Issue.record("seed \(hx(run.seed)) op #\(i): probe after freeing \(freed) got \(got.map { "\($0)" } ?? "nil")")
                    return
                }
            }
        }
        print("[randomized] \(run.testDescription): \(stats)")
        // The run must have exercised the paths it exists for (thresholds in proportion to the
        // run's length: at 4,000 operations, 500 allocations, 6 failures and 50 probes).
        #expect(stats.allocOK > run.ops / 8 && stats.allocFail > run.ops / 600, "seed \(hx(run.seed)): \(stats)")
        #expect(stats.coverage.retries > 0, "seed \(hx(run.seed)): no retry pass was exercised: \(stats)")
        #expect(stats.probes > run.ops / 80 && stats.reserveNil > 0 && stats.freeMiss > 0, "seed \(hx(run.seed)): \(stats)")
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
