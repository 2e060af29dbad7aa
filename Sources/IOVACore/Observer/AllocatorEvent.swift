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
    /// A gap search examined every gap that could hold the request and none did.
    case noFit
}

/// Why a gap search skipped a whole subtree without entering it.
public enum PruneReason: Sendable, Equatable {
    /// `__subtree_max_gap < size`: no gap in the subtree is large enough.
    case maxGapTooSmall
    /// `__subtree_max_gap32 < size` (a request with limit ≤ 4 GiB under augmented32).
    case maxGap32TooSmall
    /// Every gap in the subtree lies at or above the limit.
    case aboveLimit
    /// The subtree's largest `AlignKey`, which its parent keeps, is below `2^o + size`
    /// (`align-aware`, a size-aligned request): no gap in it holds an aligned block of the size,
    /// however large the gaps are. The subtree is skipped without entering its root.
    case alignKeyTooSmall
}

/// The per-node fields of the augmented rb-tree policies (docs/algorithms/gap-tree.md § Per-node fields).
public enum AugmentField: Sendable, Equatable {
    /// `gap_to_prev`: free pfns immediately below the node.
    case gap
    /// `__subtree_max_gap`.
    case maxGap
    /// `clamped_gap32`: the part of the gap below 4 GiB.
    case gap32
    /// `__subtree_max_gap32`.
    case maxGap32
    /// The largest `AlignKey` of the left child's subtree, as the parent stores it (`align-aware`).
    case leftAlignKey
    /// The same for the right child's subtree.
    case rightAlignKey
}

/// What a B-tree (maple) search decided about one slot.
public enum SlotVerdict: Sendable, Equatable {
    /// Internal: the search descends into the child. Leaf: the free run holds the request.
    case taken
    /// The slot's free run (leaf) or its child's recorded max gap (internal) is below the size.
    case gapTooSmall
    /// Big enough, but too little of it lies inside the search window `[min, max]`.
    case outsideWindow
    /// A leaf slot holding an entry.
    case occupied
    /// The slot ends too close to the window's far edge for any fit: the search stops here,
    /// since every slot beyond it is further out.
    case pastWindow
}

/// A child direction in the tree.
public enum TreeSide: Sendable, Equatable {
    case left
    case right
}

/// One thing an allocator did, reported to an `AllocatorObserver` as it happens.
///
/// Events carry node ids and numbers, never text: views decide the wording and tests compare
/// structured values. Pfns are as the kernel holds them; `limit` fields are inclusive unless a
/// case says otherwise.
public enum AllocatorEvent: Sendable, Equatable {
    // MARK: Search
    /// An allocation request begins; `start` is the node the walk starts from, `slot` the
    /// cached node it came from (none for policies without cached nodes).
    case searchStarted(size: UInt64, limit: UInt64, aligned: Bool, start: NodeID, slot: CacheSlot?)
    /// One iteration of the downward walk: `node` bounds the gap's top (`high = min(high, node.lo)`).
    case visit(NodeID)
    /// The gap between `lower` (none: no node below) and `upper` was examined: its exclusive top
    /// `high`, the aligned candidate start, and whether the candidate fits above `lower`.
    case gapExamined(upper: NodeID, lower: NodeID, high: UInt64, candidate: UInt64, fits: Bool)
    /// A gap search enters the subtree of `node` (the `side` child of `from`; from none: the root).
    case descend(NodeID, from: NodeID, side: TreeSide)
    /// A gap search returns to `node` after its subtree on `side` held no fit.
    case backtrack(NodeID, side: TreeSide)
    /// A gap search skips `node`'s whole subtree; `value` is the figure the decision read
    /// (the subtree max gap, the 32-bit max gap, the subtree's packed `AlignKey`, or the
    /// node's lo for `.aboveLimit`).
    case pruned(NodeID, reason: PruneReason, value: UInt64)
    /// The gap below `node` was examined: `gapLo...gapHi` is the gap clamped to the limit (and
    /// empty when `gapHi < gapLo`), `candidate` the aligned start tried, `fits` the verdict.
    case gapChecked(NodeID, gapLo: UInt64, gapHi: UInt64, candidate: UInt64, fits: Bool)
    /// The first pass failed; a second pass searches `[low, high)` from `start`.
    case retry(start: NodeID, low: UInt64, high: UInt64)
    /// The search settled on `[lo, hi]`, to be inserted just below `hint`.
    case found(lo: UInt64, hi: UInt64, hint: NodeID)
    /// The request failed.
    case failed(AllocFailure)

    // MARK: B-tree search (maple)
    /// The search reads `node`, which covers `[min, max]` (descending into it, or starting at the root).
    case nodeEntered(NodeID, min: UInt64, max: UInt64)
    /// Slot `slot` of `node` covers `[lo, hi]`; `gap` is its free run (leaf) or its child's
    /// recorded max gap (internal); `verdict` what the search made of it.
    case slotExamined(NodeID, slot: Int, lo: UInt64, hi: UInt64, gap: UInt64, verdict: SlotVerdict)
    /// A child held no fit: the search climbs back from `from` to slot `slot` of `to`.
    case ascended(from: NodeID, to: NodeID, slot: Int)

    // MARK: B-tree structure (maple)
    /// The entries of leaf `node` were rewritten by storing `[lo, hi]` (occupied, or freed).
    case stored(NodeID, lo: UInt64, hi: UInt64, occupied: Bool)
    /// `node` overflowed and was split; `into` is the new node holding its upper part.
    case split(NodeID, into: NodeID)
    /// `right` was merged into its left sibling `left` and freed.
    case merged(left: NodeID, right: NodeID)
    /// Siblings `left` and `right` shared their slots out again.
    case rebalanced(left: NodeID, right: NodeID)
    /// The tree grew or shrank by a level: the root moved.
    case rootChanged(from: NodeID, to: NodeID, height: Int)
    /// The boundary between two neighbouring leaves moved; `node` holds the pivot that changed.
    case pivotMoved(NodeID, slot: Int, from: UInt64, to: UInt64)
    /// The gap array entry `slot` of internal node `node` changed.
    case gapChanged(NodeID, slot: Int, from: UInt64, to: UInt64)

    // MARK: Tree
    /// `node` was linked under `parent` (none: it became the root).
    case linked(NodeID, parent: NodeID)
    /// A rotation: `new` took `old`'s place, `old` became its child.
    case rotated(old: NodeID, new: NodeID)
    /// `node` changed colour.
    case recolored(NodeID, RBColor)
    /// `node` was unlinked; `replacement` (its successor, a child, or none) took its place.
    case erased(NodeID, replacement: NodeID)
    /// An augmented value of `node` changed.
    case augmentChanged(NodeID, field: AugmentField, from: UInt64, to: UInt64)

    // MARK: Domain state
    /// A cached search start point moved.
    case cacheMoved(CacheSlot, from: NodeID, to: NodeID)
    /// `max32_alloc_size` changed.
    case max32Changed(from: UInt64, to: UInt64)
    /// `reserve` stretched `node` downwards in place.
    case stretched(NodeID, fromLo: UInt64, toLo: UInt64)

    // MARK: rcache (alloc_iova_fast / free_iova_fast, docs/algorithms/rcache.md)
    /// An `alloc_iova_fast` request on `cpu`: the size asked, the size the tree sees (the next
    /// power of two below 32 pages), and its size class (nil: 64 pages and more, never cached).
    case fastAllocStarted(size: UInt64, rounded: UInt64, limit: UInt64, cpu: Int, sizeClass: Int?)
    /// The CPU's `loaded` magazine was empty (allocating) or full (freeing): it swapped with `prev`.
    case magazinesSwapped(cpu: Int, sizeClass: Int)
    /// Both of the CPU's magazines were empty: a full magazine came from the depot, which now
    /// holds `depot`.
    case depotPopped(cpu: Int, sizeClass: Int, depot: Int)
    /// Scanning the loaded magazine from its newest pfn, `pfn` lies above `bound`
    /// (`limit + 1 − size`, the highest usable start) and is passed over.
    case magazineSkipped(pfn: UInt64, bound: UInt64)
    /// No cached pfn for this request: the CPU's magazines and the depot were empty, or no pfn
    /// in the loaded magazine lies at or below `bound`. The request goes to the tree.
    case magazineMiss(cpu: Int, sizeClass: Int, bound: UInt64, empty: Bool)
    /// `pfn` was popped from the CPU's loaded magazine, which keeps `left` pfns.
    case magazinePopped(pfn: UInt64, cpu: Int, sizeClass: Int, left: Int)
    /// `pfn` was pushed into the CPU's loaded magazine, which now holds `count`.
    case magazinePushed(pfn: UInt64, cpu: Int, sizeClass: Int, count: Int)
    /// Both of the CPU's magazines were full: the loaded one went to the depot (now `depot`
    /// magazines, its trim scheduled) and an empty one took its place.
    case depotPushed(cpu: Int, sizeClass: Int, depot: Int)
    /// Every cache is flushed back to the tree (a failed allocation's retry, or `flush_rcache`).
    case rcacheFlushStarted
    /// A cached pfn went back to the tree; `found` is false for a pfn the tree never held.
    case cachedReleased(pfn: UInt64, found: Bool)
    /// A delayed depot trim ran: the depot's top magazine is freed to the tree (`depot` left).
    case depotTrimmed(sizeClass: Int, depot: Int)
    /// dma-iommu tries a limit for a device: the 32-bit first attempt of a PCI device with its
    /// workaround on, or the device's own mask.
    case deviceAttempt(limit: UInt64, first: Bool)
    /// The device's 32-bit attempt failed: its PCI workaround turns off for good.
    case workaroundOff
}
