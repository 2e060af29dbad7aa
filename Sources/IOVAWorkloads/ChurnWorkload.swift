import IOVACore

/// Workloads A and A_fifo of docs/performance.md, 64-bit churn at a steady live count:
/// a prefill of `live` × `alloc(pow2(), dma64)`, then `iterations` × { alloc a `pow2()`-page
/// range; free one live range } — a uniformly random one (A) or the oldest (A_fifo).
/// Every request is size-aligned; splitmix64 seeded with 1. The timed batch is `run`
/// (2 × `iterations` operations).
public struct ChurnWorkload: Sendable {
    public enum Frees: String, Sendable, CaseIterable {
        /// A: `i = next() % len(L)`; free `L[i]`; the last entry moves into slot `i`.
        case random
        /// A_fifo: `L` is a ring of `live + 1` slots and the oldest range is freed.
        case oldestFirst
    }

    public var frees: Frees
    /// Live ranges between iterations (the reference: 10,000).
    public var live: Int
    /// Alloc/free pairs in the timed batch (the reference: 1,000,000).
    public var iterations: Int
    public var seed: UInt64 = 1

    public init(frees: Frees, live: Int = 10_000, iterations: Int = 1_000_000) {
        self.frees = frees
        self.live = live
        self.iterations = iterations
    }

    /// Operations in the timed batch: one alloc and one free per iteration.
    public var operationCount: Int { 2 * iterations }

    /// The domain after the prefill, with the list `L` and the generator positioned after it.
    public struct State<P: IOVAPolicy> {
        public var policy: P
        public var rng: SplitMix64
        /// `L`: the `lo` of every live range (A: in list order; A_fifo: a ring, `head` oldest).
        public var lows: [UInt64]
        public var head = 0

        @inlinable public init(policy: P, rng: SplitMix64, lows: [UInt64]) {
            self.policy = policy
            self.rng = rng
            self.lows = lows
        }
    }

    /// The untimed prefill: `live` × `alloc(pow2(), dma64)`, each `lo` appended to `L`.
    @inlinable
    public func prefill<P: IOVAPolicy>(_: P.Type) -> State<P> {
        var state = State(policy: P(config: .standard), rng: SplitMix64(seed: seed), lows: [])
        state.lows.reserveCapacity(live + 1)
        for _ in 0..<live {
            state.lows.append(Self.alloc64(&state.policy, size: state.rng.pow2()))
        }
        return state
    }

    /// The timed batch; the visits of its allocations.
    @inlinable
    public func run<P: IOVAPolicy>(_ state: inout State<P>) -> VisitStats {
        var stats = VisitStats()
        switch frees {
        case .random:
            for _ in 0..<iterations {
                let size = state.rng.pow2()
                state.lows.append(Self.alloc64(&state.policy, size: size, visits: &stats))
                let i = Int(state.rng.next() % UInt64(state.lows.count))
                _ = state.policy.free(pfn: state.lows[i])
                state.lows.swapAt(i, state.lows.count - 1)
                state.lows.removeLast()
            }
        case .oldestFirst:
            let slots = live + 1
            if state.lows.count < slots { state.lows.append(0) }
            // `(head + live) mod slots` is the slot before `head`, and `head` steps by one: the
            // same slots without two integer divisions per iteration (the harness's own cost).
            for _ in 0..<iterations {
                let lo = Self.alloc64(&state.policy, size: state.rng.pow2(), visits: &stats)
                state.lows[state.head == 0 ? live : state.head - 1] = lo
                _ = state.policy.free(pfn: state.lows[state.head])
                state.head += 1
                if state.head == slots { state.head = 0 }
            }
        }
        return stats
    }

    /// `alloc(size, dma64)`, aligned. With 2^52 pages and at most 64 × (live + 1) of them in use
    /// a failure cannot happen in a correct model, and the workload has no answer for one.
    @inlinable
    static func alloc64<P: IOVAPolicy>(_ policy: inout P, size: UInt64) -> UInt64 {
        var ignored = VisitStats()
        return alloc64(&policy, size: size, visits: &ignored)
    }

    @inlinable
    static func alloc64<P: IOVAPolicy>(_ policy: inout P, size: UInt64, visits: inout VisitStats) -> UInt64 {
        let outcome = policy.alloc(size: size, limit: DomainConfig.standard.maxPFN, aligned: true)
        visits.add(outcome)
        guard let range = outcome.range else { preconditionFailure("\(P.self): a 64-bit allocation failed") }
        return range.lo
    }
}
