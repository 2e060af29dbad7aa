/// The result of one allocation request.
public struct AllocOutcome: Hashable, Sendable {
    /// The allocated range, or nil when the request failed.
    public var range: PFNRange?
    /// Tree nodes whose fields the search read; each policy documents exactly what it counts.
    /// A display figure, not a compatibility promise.
    public var visits: Int

    public init(range: PFNRange?, visits: Int) {
        self.range = range
        self.visits = visits
    }
}

/// An IOVA allocation policy: one model of how an `iova_domain` answers the domain operations,
/// with the kernel's units (pfns, inclusive ranges, inclusive `limit`).
///
/// Each operation exists twice: generic over an `AllocatorObserver` (the stepper records every
/// event) and plain (replay and benchmarks; compiled with the no-op observer inside the core).
/// What only views need (trees to draw, memory figures) is `PolicyInspection`'s.
public protocol IOVAPolicy {
    init(config: DomainConfig)
    var config: DomainConfig { get }

    /// `alloc_iova(size, limit, aligned)`; `limit` is inclusive, `size` ≥ 1.
    mutating func alloc<O: AllocatorObserver>(size: UInt64, limit: UInt64, aligned: Bool, observer: inout O) -> AllocOutcome
    mutating func alloc(size: UInt64, limit: UInt64, aligned: Bool) -> AllocOutcome
    /// `free_iova(pfn)`: frees the range containing `pfn`; false when there is none.
    /// The anchor is never freed (false).
    mutating func free<O: AllocatorObserver>(pfn: UInt64, observer: inout O) -> Bool
    mutating func free(pfn: UInt64) -> Bool
    /// `reserve_iova(lo, hi)`: the range of the node the kernel would return, or nil.
    mutating func reserve<O: AllocatorObserver>(lo: UInt64, hi: UInt64, observer: inout O) -> PFNRange?
    mutating func reserve(lo: UInt64, hi: UInt64) -> PFNRange?
    /// `find_iova(pfn)`: the range containing `pfn`, or nil.
    func find(pfn: UInt64) -> PFNRange?

    /// `max32_alloc_size`.
    var max32AllocSize: UInt64 { get }
    /// `cached_node` and `cached32_node` for policies that have them.
    var cachedRanges: (cached: PFNRange, cached32: PFNRange)? { get }
    /// Number of live ranges, the anchor excluded.
    var liveCount: Int { get }
    /// Every live range in ascending order, the anchor excluded.
    func forEachRange(_ body: (PFNRange) -> Void)
    /// The live ranges intersecting `window`, ascending, the anchor excluded; costs a descent
    /// plus the ranges reported.
    func forEachRange(in window: PFNRange, _ body: (PFNRange) -> Void)
    /// Every broken invariant; empty when the state is sound.
    func validate() -> [InvariantViolation]

    /// Replays an allocation whose answer is already known (`lo` of the range it got, nil when
    /// it failed), leaving the state exactly as `alloc` with the same arguments would, without
    /// the search: a seek re-applying the answers of the background replay spends the time of an
    /// insertion, not of a search. False when the policy has no such path (the caller runs
    /// `alloc`). Only for answers this policy gave on this very state.
    mutating func replayKnownAlloc(size: UInt64, limit: UInt64, aligned: Bool, lo: UInt64?) -> Bool
}

extension IOVAPolicy {
    /// No shortcut by default: mainline's own allocation is already as cheap as an insertion
    /// (its cached node starts the walk next to the answer), and its cache moves need the walk.
    public mutating func replayKnownAlloc(size: UInt64, limit: UInt64, aligned: Bool, lo: UInt64?) -> Bool { false }
}
