import IOVACore

/// Workload A_fast of docs/performance.md: workload A's exact request stream (`ChurnWorkload`,
/// random frees: splitmix64 seeded with 1, a prefill of `live` × `pow2()` pages, then
/// `iterations` × { alloc a `pow2()`-page range; free a random live one }) through the DMA
/// path instead of the tree: `alloc_iova_fast(size, dma64, flush: true)` and
/// `free_iova_fast(lo, size)` with the per-CPU magazines of `cpus` online CPUs (`RCache`'s
/// unobserved `allocFast`/`freeFast`, generic over the policy), in front of any policy. The i-th request of the stream runs on CPU i mod `cpus`: prefill
/// allocation k on CPU k mod 4, timed iteration j (its alloc and its free) on CPU
/// (live + j) mod 4. The timed batch is `run` (2 × `iterations` operations).
public struct ChurnFastWorkload: Sendable {
    /// Live ranges between iterations (the reference: 10,000).
    public var live: Int
    /// Alloc/free pairs in the timed batch (the reference: 1,000,000).
    public var iterations: Int
    /// Online CPUs (the reference: 4).
    public var cpus: Int
    public var seed: UInt64 = 1

    public init(live: Int = 10_000, iterations: Int = 1_000_000, cpus: Int = 4) {
        precondition((1...64).contains(cpus), "1 to 64 CPUs")
        self.live = live
        self.iterations = iterations
        self.cpus = cpus
    }

    /// Operations in the timed batch: one alloc and one free per iteration.
    public var operationCount: Int { 2 * iterations }

    /// What the timed batch's allocations did.
    public struct Stats: Sendable, Equatable {
        /// Tree visits of every allocation (0 for one a magazine answered).
        public var visits = VisitStats()
        /// Allocations a magazine answered.
        public var fromRCache = 0
        /// Allocations of at most 32 pages (the cacheable sizes), and those a magazine answered.
        public var cacheable = 0
        public var cacheableFromRCache = 0
        /// Pfns sitting in magazines after the batch (each still a range in the tree).
        public var cachedAtEnd = 0

        public init() {}

        /// The fraction of allocations a magazine answered.
        public var hitRate: Double { visits.count == 0 ? 0 : Double(fromRCache) / Double(visits.count) }
        /// The same among the allocations of at most 32 pages.
        public var cacheableHitRate: Double { cacheable == 0 ? 0 : Double(cacheableFromRCache) / Double(cacheable) }
    }

    /// The domain and its caches after the prefill, with `L` and the generator positioned after it.
    public struct State<P: IOVAPolicy> {
        public var policy: P
        public var rcache: RCache
        public var rng: SplitMix64
        /// `L`: the `lo` and size of every live range, in list order.
        public var lows: [UInt64]
        public var sizes: [UInt64]

        @inlinable public init(policy: P, rcache: RCache, rng: SplitMix64) {
            self.policy = policy
            self.rcache = rcache
            self.rng = rng
            lows = []
            sizes = []
        }
    }

    /// The domain: `start_pfn` 1, granule 4096, `cpus` online CPUs.
    public var config: DomainConfig {
        guard let config = try? DomainConfig(startPFN: 1, granule: 4096, cpus: cpus) else { preconditionFailure("1 to 64 CPUs") }
        return config
    }

    /// The untimed prefill: `live` × `alloc_iova_fast(pow2(), dma64, flush)`, request k on CPU k mod `cpus`.
    @inlinable
    public func prefill<P: IOVAPolicy>(_: P.Type) -> State<P> {
        var state = State(policy: P(config: config), rcache: RCache(cpus: cpus), rng: SplitMix64(seed: seed))
        state.lows.reserveCapacity(live + 1)
        state.sizes.reserveCapacity(live + 1)
        var ignored = Stats()
        for k in 0..<live {
            let size = state.rng.pow2()
            state.lows.append(Self.allocFast(&state.policy, &state.rcache, size: size, cpu: k % cpus, stats: &ignored))
            state.sizes.append(size)
        }
        return state
    }

    /// The timed batch: iteration j on CPU (live + j) mod `cpus` allocates, then frees a random
    /// live range (the last entry of `L` moves into its slot), both through the magazines.
    @inlinable
    public func run<P: IOVAPolicy>(_ state: inout State<P>) -> Stats {
        var stats = Stats()
        var cpu = live % cpus
        for _ in 0..<iterations {
            let size = state.rng.pow2()
            state.lows.append(Self.allocFast(&state.policy, &state.rcache, size: size, cpu: cpu, stats: &stats))
            state.sizes.append(size)
            let i = Int(state.rng.next() % UInt64(state.lows.count))
            _ = state.rcache.freeFast(pfn: state.lows[i], size: state.sizes[i], cpu: cpu, policy: &state.policy)
            state.lows.swapAt(i, state.lows.count - 1)
            state.lows.removeLast()
            state.sizes.swapAt(i, state.sizes.count - 1)
            state.sizes.removeLast()
            cpu += 1
            if cpu == cpus { cpu = 0 }
        }
        return stats
    }

    /// `alloc_iova_fast(size, dma64, flush: true)`. With 2^52 pages a failure cannot happen in
    /// a correct model, and the workload has no answer for one. Takes the policy and the caches
    /// rather than the `State<P>`: the bench runs this unspecialized (the policy is chosen at
    /// run time), and there each use of `State<P>` looked up its generic metadata, a runtime
    /// call per request (callgrind: ~330 instructions).
    @inlinable
    static func allocFast<P: IOVAPolicy>(_ policy: inout P, _ rcache: inout RCache, size: UInt64, cpu: Int, stats: inout Stats) -> UInt64 {
        let outcome = rcache.allocFast(size: size, limit: policy.config.maxPFN, flush: true, cpu: cpu, policy: &policy)
        guard let pfn = outcome.pfn else { preconditionFailure("\(P.self): a 64-bit alloc_iova_fast failed") }
        stats.visits.add(AllocOutcome(range: PFNRange(lo: pfn, hi: pfn), visits: outcome.visits))
        let hit = outcome.source == .rcache
        if hit { stats.fromRCache += 1 }
        if size <= 32 {
            stats.cacheable += 1
            if hit { stats.cacheableFromRCache += 1 }
        }
        return pfn
    }
}
