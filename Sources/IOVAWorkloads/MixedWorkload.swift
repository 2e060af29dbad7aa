import IOVACore

/// Workload B of docs/performance.md, the mixed-mask pathology: a fresh domain (start 1,
/// granule 4096), `n` size-aligned 64-bit allocations of `pow2()` pages, then 1,000 size-aligned
/// allocations of `1 + next() % 16` pages under a narrower DMA mask; splitmix64 seeded with 2.
///
/// The loops are `@inlinable` so the benchmark specialises them for each policy type: the
/// figures are the policy's, not a protocol dispatch's.
public struct MixedWorkload: Sendable {
    public var n: Int
    /// The mask of the 1,000 measured allocations (32 for `dma32`, 40 for `dma40`, …).
    public var maskBits: Int
    public var seed: UInt64 = 2
    public var maskedCount = 1000
    /// The kernel measurement aligns every request; `false` gives the unaligned variant, which
    /// isolates the limit from the alignment trap of the highest-fit searches.
    public var maskedAligned = true

    public init(n: Int, maskBits: Int, maskedAligned: Bool = true) {
        self.n = n
        self.maskBits = maskBits
        self.maskedAligned = maskedAligned
    }

    /// The policy after the 64-bit setup (the batch B times as "setup ns/alloc64"), and the
    /// generator positioned after it.
    @inlinable
    public func setUp<P: IOVAPolicy>(_: P.Type) -> (policy: P, rng: SplitMix64, setup: VisitStats) {
        var policy = P(config: .standard)
        var rng = SplitMix64(seed: seed)
        var stats = VisitStats()
        let dma64 = DomainConfig.standard.maxPFN
        for _ in 0..<n {
            stats.add(policy.alloc(size: rng.pow2(), limit: dma64, aligned: true))
        }
        return (policy, rng, stats)
    }

    /// Runs the masked allocations on a set-up policy, each bracketed by `timer`.
    @inlinable
    public func runMasked<P: IOVAPolicy, T: OperationTimer>(_ policy: inout P, rng: inout SplitMix64, timer: inout T) -> VisitStats {
        let limit = DomainConfig.standard.dmaLimit(bits: maskBits)
        var stats = VisitStats()
        for _ in 0..<maskedCount {
            let size = 1 + rng.next() % 16
            timer.begin()
            let outcome = policy.alloc(size: size, limit: limit, aligned: maskedAligned)
            timer.end()
            stats.add(outcome)
        }
        return stats
    }

    /// Runs the masked allocations on a set-up policy.
    @inlinable
    public func runMasked<P: IOVAPolicy>(_ policy: inout P, rng: inout SplitMix64) -> VisitStats {
        var untimed = Untimed()
        return runMasked(&policy, rng: &rng, timer: &untimed)
    }

    /// Setup and masked allocations; the statistics of the masked ones.
    public func run<P: IOVAPolicy>(_ type: P.Type) -> VisitStats {
        var (policy, rng, _) = setUp(type)
        return runMasked(&policy, rng: &rng)
    }
}
