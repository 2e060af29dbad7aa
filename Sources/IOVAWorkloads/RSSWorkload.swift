import IOVACore

/// Workload R of kernel-oracle-perf.md, memory: `n` × `alloc(pow2(), dma64)`, size-aligned,
/// splitmix64 seeded with 2 (= B's setup) on a fresh domain. The reference reads RSS before and
/// after in a fresh process; `iovascope bench memory` does the same in a child process.
public struct RSSWorkload: Sendable {
    public var n: Int
    public var seed: UInt64 = 2

    public init(n: Int = 1_000_000) {
        self.n = n
    }

    /// The built policy and the visits of its allocations.
    @inlinable
    public func build<P: IOVAPolicy>(_: P.Type) -> (policy: P, stats: VisitStats) {
        var policy = P(config: .standard)
        var rng = SplitMix64(seed: seed)
        var stats = VisitStats()
        let dma64 = DomainConfig.standard.maxPFN
        for _ in 0..<n {
            stats.add(policy.alloc(size: rng.pow2(), limit: dma64, aligned: true))
        }
        return (policy, stats)
    }
}
