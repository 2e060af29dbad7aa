/// Per-node gap bookkeeping of the augmented rb-tree policies (docs/algorithms/gap-tree.md § Per-node fields).
///
/// A node owns the gap immediately below it: `gap_to_prev = lo - pred.hi - 1`, or `lo` when it
/// has no predecessor (the gap reaches pfn 0). The subtree maximum of that value lets a search
/// skip any subtree whose largest gap is too small.
public protocol GapFieldSet: Equatable, Sendable {
    static var blank: Self { get }
    /// Words the fields add to `struct iova` (2 for patches 1–2, 4 with patch 3/4).
    static var extraWords: Int { get }
    /// `gap_to_prev`.
    var gap: UInt64 { get set }
    /// `__subtree_max_gap`.
    var maxGap: UInt64 { get }
    /// Sets the node's own gap from its range and predecessor; `dma32PFN` bounds the 32-bit part.
    mutating func setGap(_ gap: UInt64, lo: UInt64, dma32PFN: UInt64)
    /// The node's subtree maxima recomputed from its own values and its children's fields;
    /// `lo` is the node's first pfn (the top of its gap is `lo - 1`), and each child comes
    /// with its own.
    func withMaxima(lo: UInt64, left: (fields: Self, lo: UInt64)?, right: (fields: Self, lo: UInt64)?) -> Self
    /// Whether the fields summarize each child's subtree apart (so that a search can rule a
    /// child out from its parent) rather than the node's own subtree: such fields change when
    /// a child's own gap changes, so updates propagate to the root and rotations recompute.
    static var summarizesChildren: Bool { get }
    /// Why the search need not enter the child on `side` at all, decided from this node's
    /// fields; nil when it must enter (the max-gap trees always must: the maximum is the child's).
    func skipChild(_ side: TreeSide, _ request: GapRequest) -> (reason: PruneReason, value: UInt64)?
    /// Whether these fields already hold the summary of the child on `side`, whose fields are
    /// `child` and first pfn `lo` (fields that summarize children; others: always true).
    func holds(_ child: Self, lo: UInt64, as side: TreeSide) -> Bool
    /// The node's own values with the subtree maxima of `other` (augment `copy`/`rotate`).
    func withSubtreeMaxima(of other: Self) -> Self
    /// Why no gap in this node's subtree can hold `request`, with the subtree value that
    /// decided it; nil when one may. The max-gap trees compare a subtree maximum with the size
    /// (`__subtree_max_gap32` for 32-bit requests where the fields track it).
    func prune(_ request: GapRequest) -> (reason: PruneReason, value: UInt64)?
    /// The figures for display, for the node starting at `lo`.
    func gapInfo(lo: UInt64) -> GapInfo
    /// Reports every subtree maximum that differs between `self` and `new`.
    func reportChanges<O: AllocatorObserver>(to new: Self, node: NodeID, observer: inout O)
    /// `tree` for the views, with accessors specialized for these fields (see RBTreeView).
    static func view(_ tree: RBTree<MaxGapAugment<Self>>) -> any RBTreeSource
}

extension GapFieldSet {
    public static var summarizesChildren: Bool { false }
    @inline(__always) public func skipChild(_ side: TreeSide, _ request: GapRequest) -> (reason: PruneReason, value: UInt64)? { nil }
    @inline(__always) public func holds(_ child: Self, lo: UInt64, as side: TreeSide) -> Bool { true }
}

/// Rik van Riel's v2 patches 1–2: `gap_to_prev` and `__subtree_max_gap`.
public struct MaxGapFields: GapFieldSet {
    public static let extraWords = 2
    public static func view(_ tree: RBTree<MaxGapAugment<Self>>) -> any RBTreeSource { MaxGapTreeView(tree: tree) }
    public var gap: UInt64
    public var maxGap: UInt64

    public static let blank = MaxGapFields(gap: 0, maxGap: 0)
    public func gapInfo(lo: UInt64) -> GapInfo { GapInfo(gap: gap, maxGap: maxGap) }

    public mutating func setGap(_ gap: UInt64, lo: UInt64, dma32PFN: UInt64) { self.gap = gap }

    @inline(__always) public func withMaxima(lo: UInt64, left: (fields: MaxGapFields, lo: UInt64)?, right: (fields: MaxGapFields, lo: UInt64)?) -> MaxGapFields {
        var m = gap
        if let left = left?.fields, left.maxGap > m { m = left.maxGap }
        if let right = right?.fields, right.maxGap > m { m = right.maxGap }
        return MaxGapFields(gap: gap, maxGap: m)
    }

    @inline(__always) public func prune(_ request: GapRequest) -> (reason: PruneReason, value: UInt64)? {
        maxGap < request.size ? (.maxGapTooSmall, maxGap) : nil
    }

    @inline(__always) public func withSubtreeMaxima(of other: MaxGapFields) -> MaxGapFields {
        MaxGapFields(gap: gap, maxGap: other.maxGap)
    }

    @inline(__always) public func reportChanges<O: AllocatorObserver>(to new: MaxGapFields, node: NodeID, observer: inout O) {
        if new.maxGap != maxGap { observer.record(.augmentChanged(node, field: .maxGap, from: maxGap, to: new.maxGap)) }
    }
}

/// v2 with patch 3/4: adds `clamped_gap32` and `__subtree_max_gap32`, the part of each gap
/// that lies below 4 GiB, so 32-bit requests can prune on it.
public struct MaxGap32Fields: GapFieldSet {
    public static let extraWords = 4
    public static func view(_ tree: RBTree<MaxGapAugment<Self>>) -> any RBTreeSource { MaxGap32TreeView(tree: tree) }
    public var gap: UInt64
    public var maxGap: UInt64
    /// `clamped_gap32`.
    public var gap32: UInt64
    /// `__subtree_max_gap32`.
    public var maxGap32: UInt64

    public static let blank = MaxGap32Fields(gap: 0, maxGap: 0, gap32: 0, maxGap32: 0)
    public func gapInfo(lo: UInt64) -> GapInfo { GapInfo(gap: gap, maxGap: maxGap, maxGap32: maxGap32) }

    public mutating func setGap(_ gap: UInt64, lo: UInt64, dma32PFN: UInt64) {
        self.gap = gap
        gap32 = Self.clampedGap32(gap: gap, lo: lo, dma32PFN: dma32PFN)
    }

    /// The part of the gap `[lo - gap, lo - 1]` below `dma32PFN`: 0 when the gap is empty or
    /// starts at or above 4 GiB.
    public static func clampedGap32(gap: UInt64, lo: UInt64, dma32PFN: UInt64) -> UInt64 {
        guard gap > 0 else { return 0 }
        let gapLo = lo - gap
        guard gapLo < dma32PFN else { return 0 }
        return min(lo - 1, dma32PFN - 1) - gapLo + 1
    }

    @inline(__always) public func withMaxima(lo: UInt64, left: (fields: MaxGap32Fields, lo: UInt64)?, right: (fields: MaxGap32Fields, lo: UInt64)?) -> MaxGap32Fields {
        var m = gap, m32 = gap32
        if let left = left?.fields {
            if left.maxGap > m { m = left.maxGap }
            if left.maxGap32 > m32 { m32 = left.maxGap32 }
        }
        if let right = right?.fields {
            if right.maxGap > m { m = right.maxGap }
            if right.maxGap32 > m32 { m32 = right.maxGap32 }
        }
        return MaxGap32Fields(gap: gap, maxGap: m, gap32: gap32, maxGap32: m32)
    }

    @inline(__always) public func prune(_ request: GapRequest) -> (reason: PruneReason, value: UInt64)? {
        if request.is32 { return maxGap32 < request.size ? (.maxGap32TooSmall, maxGap32) : nil }
        return maxGap < request.size ? (.maxGapTooSmall, maxGap) : nil
    }

    @inline(__always) public func withSubtreeMaxima(of other: MaxGap32Fields) -> MaxGap32Fields {
        MaxGap32Fields(gap: gap, maxGap: other.maxGap, gap32: gap32, maxGap32: other.maxGap32)
    }

    @inline(__always) public func reportChanges<O: AllocatorObserver>(to new: MaxGap32Fields, node: NodeID, observer: inout O) {
        if new.maxGap != maxGap { observer.record(.augmentChanged(node, field: .maxGap, from: maxGap, to: new.maxGap)) }
        if new.maxGap32 != maxGap32 { observer.record(.augmentChanged(node, field: .maxGap32, from: maxGap32, to: new.maxGap32)) }
    }
}
