/// An rb-tree of one concrete augmentation as the views read it.
///
/// `RBTree`'s own `RBTreeSource` conformance is generic over its augmentation, so a read
/// through `any RBTreeSource` runs unspecialized code: a metadata lookup and a copy of the whole
/// node per field. The views read thousands of nodes a frame (a mainline search path can be a
/// million long), so each policy hands out one of these concrete wrappers instead, whose
/// witnesses the compiler specializes.
protocol RBTreeView: RBTreeSource {
    associatedtype Augment: RBAugment
    var tree: RBTree<Augment> { get }
}

extension RBTreeView {
    public var root: NodeID { tree.root }
    public var count: Int { tree.count }
    public var first: NodeID { tree.first }
    public var last: NodeID { tree.last }
    public func left(_ n: NodeID) -> NodeID { tree.left(n) }
    public func right(_ n: NodeID) -> NodeID { tree.right(n) }
    public func parent(_ n: NodeID) -> NodeID { tree.parent(n) }
    public func next(_ n: NodeID) -> NodeID { tree.next(n) }
    public func prev(_ n: NodeID) -> NodeID { tree.prev(n) }
    public func range(_ n: NodeID) -> PFNRange { tree.range(n) }
    public func color(_ n: NodeID) -> RBColor { tree.color(n) }
    public func isLive(_ n: NodeID) -> Bool { tree.isLive(n) }
    public func find(containing pfn: UInt64) -> NodeID { tree.find(containing: pfn) }
    public func gapInfo(_ n: NodeID) -> GapInfo? { tree.gapInfo(n) }
    public var arenaCapacity: Int { tree.arenaCapacity }
}

/// The mainline tree, read through specialized accessors.
struct PlainTreeView: RBTreeView {
    let tree: RBTree<NoAugment>
}

/// A gap-tracking tree (patches 1–2, or with patch 3/4's 32-bit maxima).
struct MaxGapTreeView: RBTreeView {
    let tree: RBTree<MaxGapAugment<MaxGapFields>>
}

struct MaxGap32TreeView: RBTreeView {
    let tree: RBTree<MaxGapAugment<MaxGap32Fields>>
}
