import IOVACore

/// Workloads C1 and C2 of docs/performance.md: filling the 32-bit window of a fresh domain.
/// C1: one page at a time, every page of `[start_pfn, limit]` (1,048,575 under dma32; timed as
/// a batch), then two more requests that fail — the first after searching the whole window,
/// the second at once on `max32_alloc_size` (each timed). C2: `alloc(pow2(), limit)`,
/// size-aligned, until the first failure (splitmix64 seed 3; timed as a batch).
public struct Fill32Workload: Sendable {
    /// The window's inclusive top: `dma32` in the reference; smaller windows for tests.
    public var limit: UInt64
    /// C2's seed.
    public var seed: UInt64 = 3

    public init(limit: UInt64 = DomainConfig.standard.dma32Limit) {
        self.limit = limit
    }

    /// Pages in the window: C1's successful allocations.
    public var pageCount: Int { Int(limit - DomainConfig.standard.startPFN + 1) }

    /// C1's batch: `pageCount` × `alloc(1, limit)`, each `lo` appended to `lows` when asked.
    @inlinable
    public func fillPages<P: IOVAPolicy>(_ policy: inout P, lows: inout [UInt64], keepLows: Bool) -> VisitStats {
        var stats = VisitStats()
        if keepLows { lows.reserveCapacity(lows.count + pageCount) }
        for _ in 0..<pageCount {
            let outcome = policy.alloc(size: 1, limit: limit, aligned: true)
            stats.add(outcome)
            if keepLows, let range = outcome.range { lows.append(range.lo) }
        }
        return stats
    }

    /// C1's batch without the list of pfns.
    @inlinable
    public func fillPages<P: IOVAPolicy>(_ policy: inout P) -> VisitStats {
        var none: [UInt64] = []
        return fillPages(&policy, lows: &none, keepLows: false)
    }

    /// One more `alloc(1, limit)`: C1's two closing requests (on a full window both fail).
    @inlinable
    public func onePage<P: IOVAPolicy>(_ policy: inout P) -> AllocOutcome {
        policy.alloc(size: 1, limit: limit, aligned: true)
    }

    /// C2 on a fresh policy: `alloc(pow2(), limit)` until the first failure. The statistics
    /// count every request, the failing one included (the reference divides by successes + 1).
    @inlinable
    public func fillPowersOfTwo<P: IOVAPolicy>(_ policy: inout P) -> (stats: VisitStats, pages: UInt64) {
        var rng = SplitMix64(seed: seed)
        var stats = VisitStats()
        var pages: UInt64 = 0
        while true {
            let outcome = policy.alloc(size: rng.pow2(), limit: limit, aligned: true)
            stats.add(outcome)
            guard let range = outcome.range else { return (stats, pages) }
            pages += range.count
        }
    }
}
