import IOVACore

/// Workload C3 of docs/performance.md, churn in a full 32-bit window: C1's state after its
/// two failing requests, `L` = C1's pfns in allocation order; then `iterations` × {
/// `i = next() % len(L)`; free `L[i]`; `L[i] = alloc(1, limit).lo` } with splitmix64 seeded
/// with 4. Only the refills are measured (each one timed).
public struct Fill32ChurnWorkload: Sendable {
    public var fill: Fill32Workload
    /// Refills (the reference: 1,000).
    public var iterations: Int
    public var seed: UInt64 = 4

    public init(fill: Fill32Workload = Fill32Workload(), iterations: Int = 1_000) {
        self.fill = fill
        self.iterations = iterations
    }

    public struct State<P: IOVAPolicy> {
        public var policy: P
        /// `L`: the pfn of the page each slot holds.
        public var lows: [UInt64]
        /// C1's two closing requests (both fail on a full window).
        public var closing: [AllocOutcome]

        @inlinable public init(policy: P, lows: [UInt64], closing: [AllocOutcome]) {
            self.policy = policy
            self.lows = lows
            self.closing = closing
        }
    }

    /// C1 in full: the fill, then its two failing requests.
    @inlinable
    public func setUp<P: IOVAPolicy>(_: P.Type) -> State<P> {
        var policy = P(config: .standard)
        var lows: [UInt64] = []
        _ = fill.fillPages(&policy, lows: &lows, keepLows: true)
        let closing = [fill.onePage(&policy), fill.onePage(&policy)]
        return State(policy: policy, lows: lows, closing: closing)
    }

    /// The refills, each bracketed by `timer`; their visits.
    @inlinable
    public func run<P: IOVAPolicy, T: OperationTimer>(_ state: inout State<P>, timer: inout T) -> VisitStats {
        var rng = SplitMix64(seed: seed)
        var stats = VisitStats()
        for _ in 0..<iterations {
            let i = Int(rng.next() % UInt64(state.lows.count))
            _ = state.policy.free(pfn: state.lows[i])
            timer.begin()
            let outcome = fill.onePage(&state.policy)
            timer.end()
            stats.add(outcome)
            // A refill of the page just freed cannot fail in a sound model; if it did, the
            // failure count shows it and the slot keeps its (now free) pfn.
            if let range = outcome.range { state.lows[i] = range.lo }
        }
        return stats
    }
}
