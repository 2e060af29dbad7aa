import IOVACore

/// Workload R of docs/performance.md, memory: `n` × `alloc(pow2(), dma64)`, size-aligned,
/// splitmix64 seeded with 2 (= B's setup) on a fresh domain. The reference reads RSS before and
/// after in a fresh process; `iovascope bench memory` does the same in a child process.
public struct RSSWorkload: Sendable {
    public var n: Int
    public var seed: UInt64 = 2

    public init(n: Int = 1_000_000) {
        self.n = n
    }

    /// The built policy and the visits of its allocations: exactly workload B's setup.
    @inlinable
    public func build<P: IOVAPolicy>(_: P.Type) -> (policy: P, stats: VisitStats) {
        var setup = MixedWorkload(n: n, maskBits: 64)
        setup.seed = seed
        let (policy, _, stats) = setup.setUp(P.self)
        return (policy, stats)
    }
}
