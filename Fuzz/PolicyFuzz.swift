// libFuzzer target: arbitrary bytes decoded into a domain and a sequence of operations, run on
// every policy with the validator after each one. The four exact-highest-fit policies must
// answer identically; each policy frees its own k-th live allocation, so frees mean the same
// on all of them. The DMA path runs too: alloc_fast/free_fast through each policy's own rcache
// on a few CPUs, flushes and ticks, with the rcache's validator (strict until a reserve may have
// stretched a cached range). Any broken invariant or disagreement stops the run (a "crash").
import IOVACore
import IOVAMaple
import IOVAPolicies
import IOVAReplay

struct ByteStream {
    let bytes: [UInt8]
    var at = 0
    mutating func next() -> UInt8 {
        defer { at += 1 }
        return at < bytes.count ? bytes[at] : 0
    }
    mutating func word() -> UInt64 { UInt64(next()) | UInt64(next()) << 8 }
    var done: Bool { at >= bytes.count }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = ByteStream(bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let granule = UInt64(1) << UInt64(9 + input.next() % 8)                 // 512 … 64 KiB
    let starts: [UInt64] = [0, 1, 0x1000, 0xffe00]
    guard let config = try? DomainConfig(startPFN: starts[Int(input.next() % 4)], granule: granule) else { return 0 }
    var policies: [any InspectablePolicy] = Policies.all.map { $0.type.init(config: config) }
    let highestFit = Policies.names.indices.filter {
        [PolicyName.augmented, .augmented32, .limitAware, .alignAware].contains(Policies.names[$0])
    }
    var live = [[PFNRange]](repeating: [], count: policies.count)
    let cpus = 1 + Int(input.next() % 4)
    var caches = [RCache](repeating: RCache(cpus: cpus), count: policies.count)
    var fastLive = [[(pfn: UInt64, size: UInt64)]](repeating: [], count: policies.count)
    var reserved = false
    let limits = [config.dma32Limit, config.dmaLimit(bits: 33), config.dmaLimit(bits: 40), config.dmaLimit(bits: 48), config.maxPFN]
    var ops = 0
    while !input.done && ops < 2000 {
        ops += 1
        let op = input.next()
        var answers: [String] = []
        for i in policies.indices {
            var copy = input
            if op % 11 >= 7 {
                answers.append(fastStep(op, &policies[i], &caches[i], &fastLive[i], &copy, limits: limits, cpus: cpus))
            } else {
                answers.append(step(op, &policies[i], &live[i], &copy, limits: limits, config: config, expectFound: !reserved))
            }
            if i == policies.count - 1 { input = copy }
        }
        if op % 11 == 5 { reserved = true }
        // augmented, augmented32, limit-aware, align-aware: exact highest fit, identical answers.
        if Set(highestFit.map { answers[$0] }).count != 1 { fatalError("op \(ops): highest-fit policies disagree: \(answers)") }
        for (i, p) in policies.enumerated() {
            let problems = p.validate() + validate(caches[i], p, strict: !reserved)
            if !problems.isEmpty { fatalError("op \(ops) \(Policies.names[i]): \(problems.prefix(3))") }
        }
    }
    return 0
}

/// One operation on one policy; the same bytes are read for every policy.
func step(_ op: UInt8, _ p: inout any InspectablePolicy, _ live: inout [PFNRange], _ input: inout ByteStream,
          limits: [UInt64], config: DomainConfig, expectFound: Bool) -> String {
    switch op % 11 {
    case 0, 1, 2:
        let b = input.next()
        let size = b & 0x80 != 0 ? 1 + input.word() : 1 + UInt64(b % 64)
        let l = input.next()
        let limit = l & 0x80 != 0 ? config.startPFN &+ UInt64(l & 0x7f) &* 37 : limits[Int(l) % limits.count]
        let aligned = input.next() & 1 != 0
        guard limit <= config.maxPFN else { return "skip" }
        let r = p.alloc(size: size, limit: limit, aligned: aligned).range
        if let r { live.append(r) }
        return "\(r.map { "\($0)" } ?? "nil") max32 \(p.max32AllocSize)"
    case 3, 4:
        let k = Int(input.word())
        guard !live.isEmpty else { return "none" }
        let r = live.remove(at: k % live.count)
        let freed = p.free(pfn: r.lo + (r.hi - r.lo) / 2)
        // After a reserve the list holds fast and cached ranges too, and maple's reserve merges
        // entries: a range may be gone already. Before one, every free must find its range.
        if !freed && expectFound { fatalError("free of a live range \(r) found nothing") }
        return "freed max32 \(p.max32AllocSize)"
    case 5:
        let lo = config.dma32PFN &- 0x400 &+ input.word() % 0x800
        let hi = lo &+ UInt64(input.next())
        let r = p.reserve(lo: lo, hi: hi)
        // Reserve may merge or stretch live ranges: take the policy's own list again (fast
        // allocations and cached ranges included: freeing one of those later is what a buggy
        // driver could do too, and the validators must hold).
        live = []
        p.forEachRange { live.append($0) }
        return "reserve \(r.map { "\($0)" } ?? "nil")"
    default:
        let pfn = config.dma32PFN &- 0x400 &+ input.word() % 0x800
        return "find \(p.find(pfn: pfn).map { "\($0)" } ?? "nil")"
    }
}

/// One DMA-path operation on one policy and its rcache; the same bytes for every policy.
func fastStep(_ op: UInt8, _ p: inout any InspectablePolicy, _ cache: inout RCache, _ fastLive: inout [(pfn: UInt64, size: UInt64)],
              _ input: inout ByteStream, limits: [UInt64], cpus: Int) -> String {
    let cpu = Int(input.next()) % cpus
    switch op % 11 {
    case 7, 8:
        let b = input.next()
        let size = b & 0x80 != 0 ? 1 + UInt64(b & 0x7f) : 1 + UInt64(b % 40)
        let limit = limits[Int(input.next()) % limits.count]
        let flush = input.next() & 1 != 0
        let o = fastAlloc(&p, &cache, size: size, limit: limit, flush: flush, cpu: cpu)
        if let pfn = o.pfn { fastLive.append((pfn, size)) }
        return "\(o.pfn.map(String.init) ?? "nil") \(String(describing: o.source))"
    case 9:
        guard !fastLive.isEmpty else { return "none" }
        let (pfn, size) = fastLive.remove(at: Int(input.word()) % fastLive.count)
        return "\(fastFree(&p, &cache, pfn: pfn, size: size, cpu: cpu))"
    default:
        return input.next() & 1 == 0 ? "flushed \(flush(&p, &cache))" : "trimmed \(tick(&p, &cache))"
    }
}

func fastAlloc<P: InspectablePolicy>(_ p: inout P, _ c: inout RCache, size: UInt64, limit: UInt64, flush: Bool, cpu: Int) -> FastAllocOutcome {
    var quiet = NullObserver()
    return c.allocFast(size: size, limit: limit, flush: flush, cpu: cpu, policy: &p, observer: &quiet)
}

func fastFree<P: InspectablePolicy>(_ p: inout P, _ c: inout RCache, pfn: UInt64, size: UInt64, cpu: Int) -> FastFreeOutcome {
    var quiet = NullObserver()
    return c.freeFast(pfn: pfn, size: size, cpu: cpu, policy: &p, observer: &quiet)
}

func flush<P: InspectablePolicy>(_ p: inout P, _ c: inout RCache) -> Int {
    var quiet = NullObserver()
    return c.flushAll(policy: &p, observer: &quiet)
}

func tick<P: InspectablePolicy>(_ p: inout P, _ c: inout RCache) -> Int {
    var quiet = NullObserver()
    return c.tick(policy: &p, observer: &quiet)
}

func validate<P: InspectablePolicy>(_ c: RCache, _ p: P, strict: Bool) -> [InvariantViolation] {
    c.validate(against: p, strict: strict)
}
