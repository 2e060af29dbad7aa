/// The per-node fields of `align-aware` (docs/algorithms/align-aware.md § Per-node fields):
/// `gap_to_prev` and `__subtree_max_gap` as in patches 1–2, plus the largest `AlignKey` of each
/// child's subtree, 32 bits each. Three words beside `struct iova`'s five: one 64-byte object
/// in the kernel, a 56-byte node here.
///
/// The keys are kept per child, in the parent, so that the search rules a child out without
/// entering it (as the maple tree's per-child gap arrays do): an aligned request then enters
/// only nodes on its boundary path and on the path to its answer, at most two root-to-leaf
/// paths. The node's own key follows in O(1) from `gap` and its `lo`; its subtree's key is the
/// largest of the three.
public struct AlignGapFields: GapFieldSet {
    public static let extraWords = 3
    public static let summarizesChildren = true
    public static func view(_ tree: RBTree<MaxGapAugment<Self>>) -> any RBTreeSource { AlignKeyTreeView(tree: tree) }
    public var gap: UInt64
    public var maxGap: UInt64
    /// The largest key in the left child's subtree (`AlignKey.stored`; 0: no child, or no gap).
    public var leftKey: UInt32
    /// The same for the right child's subtree.
    public var rightKey: UInt32

    public static let blank = AlignGapFields(gap: 0, maxGap: 0, leftKey: 0, rightKey: 0)

    /// The key of this node's whole subtree, for the node starting at `lo`.
    @inline(__always) public func subtreeKey(lo: UInt64) -> UInt64 {
        max(AlignKey.of(gap: gap, below: lo).packed, UInt64(max(leftKey, rightKey)))
    }

    public func gapInfo(lo: UInt64) -> GapInfo {
        GapInfo(gap: gap, maxGap: maxGap, alignKey: AlignKey(packed: subtreeKey(lo: lo)))
    }

    public mutating func setGap(_ gap: UInt64, lo: UInt64, dma32PFN: UInt64) { self.gap = gap }

    @inline(__always) public func withMaxima(lo: UInt64, left: (fields: AlignGapFields, lo: UInt64)?,
                                             right: (fields: AlignGapFields, lo: UInt64)?) -> AlignGapFields {
        var m = gap
        if let l = left?.fields, l.maxGap > m { m = l.maxGap }
        if let r = right?.fields, r.maxGap > m { m = r.maxGap }
        let lk = left.map { AlignKey(packed: $0.fields.subtreeKey(lo: $0.lo)).stored } ?? 0
        let rk = right.map { AlignKey(packed: $0.fields.subtreeKey(lo: $0.lo)).stored } ?? 0
        return AlignGapFields(gap: gap, maxGap: m, leftKey: lk, rightKey: rk)
    }

    /// Entering a node: unaligned requests prune on the max gap (as limit-aware does); an
    /// aligned one reaches a node only when its parent's key for it passed, except the root,
    /// whose key is its own gap's and its children's.
    @inline(__always) public func prune(_ request: GapRequest) -> (reason: PruneReason, value: UInt64)? {
        if maxGap < request.size { return (.maxGapTooSmall, maxGap) }
        return nil
    }

    /// A size-aligned request skips a child whose subtree key is below `2^o + size`: exact,
    /// no gap in that subtree holds the request.
    @inline(__always) public func skipChild(_ side: TreeSide, _ request: GapRequest) -> (reason: PruneReason, value: UInt64)? {
        let key = UInt64(side == .left ? leftKey : rightKey)
        return key < request.keyThreshold ? (.alignKeyTooSmall, key) : nil
    }

    /// The child's max gap is summed up in this node's `maxGap` too, but an unchanged child
    /// keeps it; what its own gap moves is its key.
    @inline(__always) public func holds(_ child: AlignGapFields, lo: UInt64, as side: TreeSide) -> Bool {
        (side == .left ? leftKey : rightKey) == AlignKey(packed: child.subtreeKey(lo: lo)).stored
    }

    @inline(__always) public func withSubtreeMaxima(of other: AlignGapFields) -> AlignGapFields {
        AlignGapFields(gap: gap, maxGap: other.maxGap, leftKey: other.leftKey, rightKey: other.rightKey)
    }

    @inline(__always) public func reportChanges<O: AllocatorObserver>(to new: AlignGapFields, node: NodeID, observer: inout O) {
        if new.maxGap != maxGap { observer.record(.augmentChanged(node, field: .maxGap, from: maxGap, to: new.maxGap)) }
        if new.leftKey != leftKey { observer.record(.augmentChanged(node, field: .leftAlignKey, from: UInt64(leftKey), to: UInt64(new.leftKey))) }
        if new.rightKey != rightKey { observer.record(.augmentChanged(node, field: .rightAlignKey, from: UInt64(rightKey), to: UInt64(new.rightKey))) }
    }
}

/// The `align-aware` tree, read through specialized accessors (see RBTreeView).
struct AlignKeyTreeView: RBTreeView {
    let tree: RBTree<MaxGapAugment<AlignGapFields>>
}
