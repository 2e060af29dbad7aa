/// What views, exports and the replay's `--tree` read of a policy's state; display only, kept
/// out of the algorithm protocol (`IOVAPolicy`) so an algorithm needs none of it to run.
public protocol PolicyInspection {
    /// The registry entry describing this policy.
    static var descriptor: PolicyDescriptor { get }
    /// The rb-tree for drawing, for policies that have one.
    var rbTree: (any RBTreeSource)? { get }
    /// The anchor node and the cached nodes (none where the policy has no such node).
    var markedNodes: (anchor: NodeID, cached: NodeID, cached32: NodeID) { get }
    /// Appends the preorder text of the rb-tree (docs/replay-format.md, `--tree`); false for
    /// policies without one.
    func appendTree(to out: inout [UInt8]) -> Bool
    /// The B-tree for drawing, for policies that have one (`maple`).
    var mapleTree: (any MapleTreeSource)? { get }
    /// What the kernel would spend on this state: `struct iova` objects and tree nodes.
    var memory: MemoryFootprint { get }
}

extension PolicyInspection {
    public var rbTree: (any RBTreeSource)? { nil }
    public var mapleTree: (any MapleTreeSource)? { nil }
    public var markedNodes: (anchor: NodeID, cached: NodeID, cached32: NodeID) { (.none, .none, .none) }
    public func appendTree(to out: inout [UInt8]) -> Bool { false }
}

/// A policy the stepper, views and replay can run and show.
public typealias InspectablePolicy = IOVAPolicy & PolicyInspection
