/// The gap figures of one node of a gap-tracking tree, for display.
public struct GapInfo: Hashable, Sendable {
    /// `gap_to_prev`.
    public var gap: UInt64
    /// `__subtree_max_gap`.
    public var maxGap: UInt64
    /// `__subtree_max_gap32`, where the policy tracks it.
    public var maxGap32: UInt64?
    /// The subtree's largest alignment key, where the policy tracks it (`align-aware`).
    public var alignKey: AlignKey?

    public init(gap: UInt64, maxGap: UInt64, maxGap32: UInt64? = nil, alignKey: AlignKey? = nil) {
        self.gap = gap
        self.maxGap = maxGap
        self.maxGap32 = maxGap32
        self.alignKey = alignKey
    }
}

/// A read-only view of an rb-tree of ranges, as the views draw it: links, ranges, colours and,
/// for the augmented policies, each node's gap figures.
public protocol RBTreeSource {
    var root: NodeID { get }
    var count: Int { get }
    var first: NodeID { get }
    var last: NodeID { get }
    func left(_ n: NodeID) -> NodeID
    func right(_ n: NodeID) -> NodeID
    func parent(_ n: NodeID) -> NodeID
    func next(_ n: NodeID) -> NodeID
    func prev(_ n: NodeID) -> NodeID
    func range(_ n: NodeID) -> PFNRange
    func color(_ n: NodeID) -> RBColor
    func isLive(_ n: NodeID) -> Bool
    func find(containing pfn: UInt64) -> NodeID
    /// The node's gap figures; nil for trees without augmentation.
    func gapInfo(_ n: NodeID) -> GapInfo?
    /// Arena slots (live and free): every node's `index` is below it, so tables indexed by
    /// node can be sized once.
    var arenaCapacity: Int { get }
}

extension RBTree: RBTreeSource {
    public func gapInfo(_ n: NodeID) -> GapInfo? { Augment.gapInfo(fields(n), lo: lo(n)) }
}
