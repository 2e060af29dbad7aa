import IOVACore

/// `maple`: the v3/v4 conversion of the IOVA allocator to a maple tree (docs/algorithms/maple.md § The maple policy).
///
/// Each `struct iova` is one entry `[pfn_lo, pfn_hi]`; free space is NULL. An allocation asks
/// the reverse empty-area search for a window of `size + align − 1` pfns ("search size") in
/// `[start_pfn, limit]` and places the range at the top of it, aligned down — so an aligned
/// request can pass over a hole that would fit the aligned block exactly. `max32_alloc_size`
/// is set only by failures of requests with limit ≤ 4 GiB. Without allocation failures the v4
/// deferred-free markers never arise, so `free` is a plain erase.
///
/// `visits`: maple nodes the search read (see `MapleTree.emptyArea`).
public struct MaplePolicy: IOVAPolicy {
    public let config: DomainConfig
    public internal(set) var tree = MapleTree()
    public internal(set) var max32AllocSize: UInt64

    public init(config: DomainConfig) {
        self.config = config
        max32AllocSize = config.dma32PFN
    }

    public var cachedRanges: (cached: PFNRange, cached32: PFNRange)? { nil }
    public var mapleTree: (any MapleTreeSource)? { tree }
    public var liveCount: Int { tree.entryCount }

    public var memory: MemoryFootprint {
        MemoryFootprint(structBytes: MapleLayout.iovaBytes, objectBytes: MapleLayout.iovaBytes, liveCount: liveCount,
                        nodeCount: tree.nodeCount, nodeBytes: MapleLayout.nodeBytes)
    }

    public func find(pfn: UInt64) -> PFNRange? { tree.entry(containing: pfn)?.range }

    public func forEachRange(_ body: (PFNRange) -> Void) {
        tree.forEachEntry { r, _ in body(r) }
    }

    public func forEachRange(in window: PFNRange, _ body: (PFNRange) -> Void) {
        for e in tree.entries(intersecting: window.lo, window.hi) { body(e.range) }
    }

    public func validate() -> [InvariantViolation] { tree.validate() }

    /// The v4 `alloc_iova`: the 32-bit short-circuit, the reverse search for `ss` pfns, the
    /// placement aligned down from the window's top, the store.
    public mutating func alloc<O: AllocatorObserver>(size: UInt64, limit: UInt64, aligned: Bool, observer: inout O) -> AllocOutcome {
        precondition(size >= 1, "alloc of size 0")
        observer.record(.searchStarted(size: size, limit: limit, aligned: aligned, start: tree.root, slot: nil))
        let is32 = isBelow4G(limit)
        if is32 && size >= max32AllocSize {
            observer.record(.failed(.max32ShortCircuit(max32: max32AllocSize)))
            return AllocOutcome(range: nil, visits: 0)
        }
        let mask = Bits.alignMask(size: size, aligned: aligned)
        // "search size": room for the block at any alignment offset.
        let (ss, overflow) = size.addingReportingOverflow(~mask)
        var visits = 0
        let window = overflow ? .failure(.invalid)
            : tree.emptyArea(min: config.startPFN, max: limit, size: ss, reverse: true, visits: &visits, observer: &observer)
        guard case let .success((range, leaf)) = window else {
            if is32 { setMax32(size, observer: &observer) }
            observer.record(.failed(.noFit))
            return AllocOutcome(range: nil, visits: visits)
        }
        let lo = (range.hi - (size - 1)) & mask
        let placed = PFNRange(lo: lo, hi: lo + size - 1)
        observer.record(.found(lo: placed.lo, hi: placed.hi, hint: leaf.node))
        tree.insert(lo: placed.lo, hi: placed.hi, value: MapleValue.allocated, into: leaf, observer: &observer)
        return AllocOutcome(range: placed, visits: visits)
    }

    /// `alloc` with the answer known: a failure changes only `max32_alloc_size` (as `alloc`
    /// sets it past the short-circuit), a success stores the entry (`insert` finds its leaf by
    /// index, the same one the search ended in).
    public mutating func replayKnownAlloc(size: UInt64, limit: UInt64, aligned: Bool, lo: UInt64?) -> Bool {
        precondition(size >= 1, "alloc of size 0")
        var quiet = NullObserver()
        guard let lo else {
            if isBelow4G(limit) && size < max32AllocSize { setMax32(size, observer: &quiet) }
            return true
        }
        tree.insert(lo: lo, hi: lo + size - 1, value: MapleValue.allocated, observer: &quiet)
        return true
    }

    /// `free_iova`: erase the entry holding `pfn`; one starting below 4 GiB resets `max32_alloc_size`.
    public mutating func free<O: AllocatorObserver>(pfn: UInt64, observer: inout O) -> Bool {
        guard let entry = tree.entry(containing: pfn) else { return false }
        if entry.range.lo < config.dma32PFN { setMax32(config.dma32PFN, observer: &observer) }
        tree.erase(containing: pfn, observer: &observer)
        return true
    }

    /// The v4 `reserve_iova` (`iova_merge_overlaps`): an entry already holding the whole request
    /// is returned as it is; otherwise the request and every entry intersecting it (not merely
    /// adjacent) become one entry, their union.
    public mutating func reserve<O: AllocatorObserver>(lo: UInt64, hi: UInt64, observer: inout O) -> PFNRange? {
        guard (lo | hi) <= config.maxPFN else { return nil }
        let hit = tree.entries(intersecting: lo, hi)
        if hit.count == 1, hit[0].range.lo <= lo, hit[0].range.hi >= hi { return hit[0].range }
        let union = PFNRange(lo: min(lo, hit.first?.range.lo ?? lo), hi: max(hi, hit.last?.range.hi ?? hi))
        for e in hit { tree.erase(containing: e.range.lo, observer: &observer) }
        tree.insert(lo: union.lo, hi: union.hi, value: MapleValue.reserved, observer: &observer)
        return union
    }

    /// Whether a request with inclusive `limit` is a 32-bit one: v4 tests `limit < dma_32bit_pfn`.
    private func isBelow4G(_ limit: UInt64) -> Bool { limit < config.dma32PFN }

    mutating func setMax32<O: AllocatorObserver>(_ value: UInt64, observer: inout O) {
        guard value != max32AllocSize else { return }
        observer.record(.max32Changed(from: max32AllocSize, to: value))
        max32AllocSize = value
    }

    public mutating func alloc(size: UInt64, limit: UInt64, aligned: Bool) -> AllocOutcome {
        var quiet = NullObserver()
        return alloc(size: size, limit: limit, aligned: aligned, observer: &quiet)
    }

    public mutating func free(pfn: UInt64) -> Bool {
        var quiet = NullObserver()
        return free(pfn: pfn, observer: &quiet)
    }

    public mutating func reserve(lo: UInt64, hi: UInt64) -> PFNRange? {
        var quiet = NullObserver()
        return reserve(lo: lo, hi: hi, observer: &quiet)
    }
}
