import IOVACore

/// `align-trap` (docs/performance.md): the domain where every gap is large enough and none is
/// aligned. `n` single pages, one at the start of each 16-page block of the top `16·n` pages
/// under the 64-bit limit; each block's 15 free pages are at least 9 but hold no 16-aligned
/// 9-page block. Then `requests` size-aligned 9-page allocations (aligned to 16) whose only
/// fit lies below the pattern.
///
/// The pattern is laid by allocation, top down: 15 pages, then the single page below them,
/// `n` times, then every 15-page range freed. (`reserve` would say it directly, but the
/// kernel's `reserve_iova` scans the tree from its first node, so `n` reserves cost O(n²).)
///
/// A search pruning on `max_gap >= size` enters every block of the pattern on every request
/// (O(n) visits); `align-aware`'s key skips the pattern whole (O(log n)); mainline walks it
/// once and then starts below it from `cached_node`; maple asks for 9 + 16 - 1 = 24 pages,
/// which no block has.
public struct AlignTrapWorkload: Sendable {
    public var n: Int
    public var requests = 100
    public static let size: UInt64 = 9
    public static let block: UInt64 = 16

    public init(n: Int, requests: Int = 100) {
        self.n = n
        self.requests = requests
    }

    /// The first pfn of the pattern: `16·n` pages below the top of the 64-bit space.
    public var base: UInt64 { DomainConfig.standard.maxPFN + 1 - Self.block * UInt64(n) }

    /// The policy with the pattern laid: single pages at `base + 16·i`, `0 <= i < n`.
    @inlinable
    public func setUp<P: IOVAPolicy>(_: P.Type) -> P {
        var policy = P(config: .standard)
        let limit = DomainConfig.standard.maxPFN
        for _ in 0..<n {
            _ = policy.alloc(size: Self.block - 1, limit: limit, aligned: false)   // the free part, for now
            _ = policy.alloc(size: 1, limit: limit, aligned: false)                // the block's first page
        }
        for i in 0..<UInt64(n) {
            _ = policy.free(pfn: base + Self.block * i + 1)
        }
        return policy
    }

    /// The requests, each bracketed by `timer`.
    @inlinable
    public func run<P: IOVAPolicy, T: OperationTimer>(_ policy: inout P, timer: inout T) -> VisitStats {
        let limit = DomainConfig.standard.maxPFN
        var stats = VisitStats()
        for _ in 0..<requests {
            timer.begin()
            let outcome = policy.alloc(size: Self.size, limit: limit, aligned: true)
            timer.end()
            stats.add(outcome)
        }
        return stats
    }

    @inlinable
    public func run<P: IOVAPolicy>(_ policy: inout P) -> VisitStats {
        var untimed = Untimed()
        return run(&policy, timer: &untimed)
    }

    /// Where request `k` (from 0) lands under exact highest fit: the 16-aligned block just
    /// below the previous one, under the pattern.
    public func expectedPlacement(_ k: Int) -> UInt64 { base - Self.block * UInt64(k + 1) }
}
