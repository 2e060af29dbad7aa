/// Which cached search start point of the mainline allocator an event refers to.
public enum CacheSlot: Sendable, Equatable {
    /// `cached_node`: start of searches whose limit is above 4 GiB.
    case cached
    /// `cached32_node`: start of searches whose limit is at or below 4 GiB.
    case cached32
}

/// Why an allocation failed.
public enum AllocFailure: Sendable, Equatable {
    /// A 32-bit request with `size >= max32_alloc_size`, refused before any walk.
    case max32ShortCircuit(max32: UInt64)
    /// The walk ran below `start_pfn` (or below the retry floor) without finding a gap.
    case belowStart
    /// The top of the remaining window is below `size` (the kernel's `high_pfn < size`).
    case windowTooSmall
}

/// One thing an allocator did, reported to an `AllocatorObserver` as it happens.
///
/// Events carry node ids and numbers, never text: views decide the wording and tests compare
/// structured values. Pfns are as the kernel holds them; `limit` fields are inclusive unless a
/// case says otherwise.
public enum AllocatorEvent: Sendable, Equatable {
    // MARK: Search
    /// An allocation request begins; `start` is the node the walk starts from.
    case searchStarted(size: UInt64, limit: UInt64, aligned: Bool, start: NodeID, slot: CacheSlot)
    /// One iteration of the downward walk: `node` bounds the gap's top (`high = min(high, node.lo)`).
    case visit(NodeID)
    /// The gap between `lower` (none: no node below) and `upper` was examined: its exclusive top
    /// `high`, the aligned candidate start, and whether the candidate fits above `lower`.
    case gapExamined(upper: NodeID, lower: NodeID, high: UInt64, candidate: UInt64, fits: Bool)
    /// The first pass failed; a second pass searches `[low, high)` from `start`.
    case retry(start: NodeID, low: UInt64, high: UInt64)
    /// The search settled on `[lo, hi]`, to be inserted just below `hint`.
    case found(lo: UInt64, hi: UInt64, hint: NodeID)
    /// The request failed.
    case failed(AllocFailure)

    // MARK: Tree
    /// `node` was linked under `parent` (none: it became the root).
    case linked(NodeID, parent: NodeID)
    /// A rotation: `new` took `old`'s place, `old` became its child.
    case rotated(old: NodeID, new: NodeID)
    /// `node` changed colour.
    case recolored(NodeID, RBColor)
    /// `node` was unlinked; `replacement` (its successor, a child, or none) took its place.
    case erased(NodeID, replacement: NodeID)
    /// An augmented value of `node` changed (`field` 0: subtree max gap, 1: 32-bit max gap…).
    case augmentChanged(NodeID, field: UInt8, from: UInt64, to: UInt64)

    // MARK: Domain state
    /// A cached search start point moved.
    case cacheMoved(CacheSlot, from: NodeID, to: NodeID)
    /// `max32_alloc_size` changed.
    case max32Changed(from: UInt64, to: UInt64)
    /// `reserve` stretched `node` downwards in place.
    case stretched(NodeID, fromLo: UInt64, toLo: UInt64)
}
