/// The per-node fields of `align-aware` (docs/algorithms/align-aware.md § Per-node fields):
/// `gap_to_prev` and `__subtree_max_gap` as in patches 1–2, plus the subtree maximum of the
/// gaps' `AlignKey`. Three words beside `struct iova`'s five: one 64-byte object in the kernel,
/// a 64-byte node here.
///
/// The node's own key is not stored: it follows in O(1) from `gap` and the node's `lo`, which
/// every recomputation has at hand (`withMaxima(lo:…)`).
public struct AlignGapFields: GapFieldSet {
    public static let extraWords = 3
    public static func view(_ tree: RBTree<MaxGapAugment<Self>>) -> any RBTreeSource { AlignKeyTreeView(tree: tree) }
    public var gap: UInt64
    public var maxGap: UInt64
    /// The largest `AlignKey` (packed) of the gaps in the subtree.
    public var maxKey: UInt64

    public static let blank = AlignGapFields(gap: 0, maxGap: 0, maxKey: 0)
    public var gapInfo: GapInfo { GapInfo(gap: gap, maxGap: maxGap, alignKey: AlignKey(packed: maxKey)) }

    public mutating func setGap(_ gap: UInt64, lo: UInt64, dma32PFN: UInt64) { self.gap = gap }

    @inline(__always) public func withMaxima(lo: UInt64, left: AlignGapFields?, right: AlignGapFields?) -> AlignGapFields {
        var m = gap, k = AlignKey.of(gap: gap, below: lo).packed
        if let left {
            if left.maxGap > m { m = left.maxGap }
            if left.maxKey > k { k = left.maxKey }
        }
        if let right {
            if right.maxGap > m { m = right.maxGap }
            if right.maxKey > k { k = right.maxKey }
        }
        return AlignGapFields(gap: gap, maxGap: m, maxKey: k)
    }

    /// Unaligned requests prune on the max gap; size-aligned ones also on the key, which is
    /// exact for them: no gap below a node whose key is under `2^o + size` holds the request.
    @inline(__always) public func prune(_ request: GapRequest) -> (reason: PruneReason, value: UInt64)? {
        if maxGap < request.size { return (.maxGapTooSmall, maxGap) }
        if maxKey < request.keyThreshold { return (.alignKeyTooSmall, maxKey) }
        return nil
    }

    @inline(__always) public func withSubtreeMaxima(of other: AlignGapFields) -> AlignGapFields {
        AlignGapFields(gap: gap, maxGap: other.maxGap, maxKey: other.maxKey)
    }

    @inline(__always) public func reportChanges<O: AllocatorObserver>(to new: AlignGapFields, node: NodeID, observer: inout O) {
        if new.maxGap != maxGap { observer.record(.augmentChanged(node, field: .maxGap, from: maxGap, to: new.maxGap)) }
        if new.maxKey != maxKey { observer.record(.augmentChanged(node, field: .maxAlignKey, from: maxKey, to: new.maxKey)) }
    }
}

/// The `align-aware` tree, read through specialized accessors (see RBTreeView).
struct AlignKeyTreeView: RBTreeView {
    let tree: RBTree<MaxGapAugment<AlignGapFields>>
}
