import IOVACore
import IOVAMaple
import IOVAWorkloads
import Testing

/// Workload A_fast (`bench churn64-fast`, docs/performance.md) and the unobserved DMA path it
/// runs on (`RCache.allocFast/freeFast(…policy:)`).
@Suite struct ChurnFastWorkloadTests {
    /// The kernel's own figures for A_fast at small sizes (its `iova.c` built as a program, the
    /// same definition: seed 1, request i on CPU i mod 4), counted over the timed allocations:
    /// live 100 / 101, 1,000 iterations.
    @Test(arguments: [(100, 3190, 152, 745, 874, 129), (101, 3065, 178, 729, 864, 135)])
    func mainlineMatchesTheKernelsSmallAFast(live: Int, visits: Int, maxVisits: Int, hits: Int, cacheable: Int, cached: Int) {
        let w = ChurnFastWorkload(live: live, iterations: 1_000)
        var state = w.prefill(MainlinePolicy.self)
        let stats = w.run(&state)
        #expect(stats.visits.count == 1_000 && stats.visits.failures == 0)
        #expect(stats.visits.total == visits && stats.visits.max == maxVisits)
        #expect(stats.fromRCache == hits && stats.cacheable == cacheable && stats.cacheableFromRCache == hits, "64-page requests never hit")
        #expect(state.rcache.cachedCount == cached)
        #expect(state.lows.count == live && state.policy.liveCount == live + cached, "cached pfns stay in the tree")
        #expect(state.policy.validate().isEmpty && state.rcache.validate(against: state.policy, strict: true).isEmpty)
    }

    /// Every policy sees the same stream: the same magazine hits (the caches do not depend on
    /// where the tree placed a range), and a sound tree and cache at the end.
    @Test func everyPolicyRunsTheSameStream() {
        let w = ChurnFastWorkload(live: 300, iterations: 3_000)
        var mainline = w.prefill(MainlinePolicy.self)
        let reference = w.run(&mainline)
        func check<P: InspectablePolicy>(_: P.Type) {
            var state = w.prefill(P.self)
            let stats = w.run(&state)
            #expect(stats.visits.count == 3_000 && stats.visits.failures == 0, "\(P.self)")
            #expect(stats.fromRCache == reference.fromRCache && stats.cacheable == reference.cacheable, "\(P.self)")
            #expect(state.policy.validate().isEmpty && state.rcache.validate(against: state.policy, strict: true).isEmpty, "\(P.self)")
        }
        check(AugmentedPolicy.self)
        check(Augmented32Policy.self)
        check(LimitAwarePolicy.self)
        check(MaplePolicy.self)
    }

    /// The unobserved `allocFast`/`freeFast`/`flushAll` answer exactly as the observed ones, on a
    /// stream of magazine hits and misses under a limit, failures with and without flush in a
    /// 256-page 32-bit window, explicit flushes and uncacheable sizes, on 3 CPUs.
    @Test func unobservedPathAnswersAsTheObservedOne() throws {
        func compare<P: IOVAPolicy>(_: P.Type) throws {
            let config = try DomainConfig(startPFN: 0xfff00, granule: 4096, cpus: 3)
            var plain = P(config: config), observed = P(config: config)
            var plainCache = RCache(cpus: 3), observedCache = RCache(cpus: 3)
            var log = EventLog()
            var rng = SplitMix64(seed: 42)
            var live: [(pfn: UInt64, size: UInt64)] = []
            var flushes = 0, failures = 0, hits = 0
            for step in 0..<6_000 {
                let cpu = Int(rng.next() % 3)
                let r = rng.next() % 16
                if r < 8 || live.isEmpty {
                    let size = r == 0 ? 33 + rng.next() % 40 : 1 + rng.next() % 32
                    let limit = rng.next() % 4 == 0 ? config.maxPFN : config.dma32Limit
                    let flush = rng.next() % 2 == 0
                    let a = plainCache.allocFast(size: size, limit: limit, flush: flush, cpu: cpu, policy: &plain)
                    let b = observedCache.allocFast(size: size, limit: limit, flush: flush, cpu: cpu, policy: &observed, observer: &log)
                    #expect(a == b, "\(P.self) step \(step): alloc_fast \(size) limit \(limit) flush \(flush)")
                    if let pfn = a.pfn { live.append((pfn, size)) } else { failures += 1 }
                    if a.source == .flush { flushes += 1 }
                    if a.source == .rcache { hits += 1 }
                } else if r < 15 {
                    let i = Int(rng.next() % UInt64(live.count))
                    let (pfn, size) = live.remove(at: i)
                    #expect(plainCache.freeFast(pfn: pfn, size: size, cpu: cpu, policy: &plain)
                            == observedCache.freeFast(pfn: pfn, size: size, cpu: cpu, policy: &observed, observer: &log))
                } else {
                    #expect(plainCache.flushAll(policy: &plain) == observedCache.flushAll(policy: &observed, observer: &log))
                }
                #expect(plainCache == observedCache, "\(P.self) step \(step): the caches differ")
            }
            #expect(flushes > 0 && failures > 0 && hits > 100, "\(P.self): \(flushes) flushes, \(failures) failures, \(hits) hits")
            #expect(plain.liveCount == observed.liveCount && plain.max32AllocSize == observed.max32AllocSize)
        }
        try compare(MainlinePolicy.self)
        try compare(LimitAwarePolicy.self)
        try compare(MaplePolicy.self)
    }
}
