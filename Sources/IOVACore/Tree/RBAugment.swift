/// Augmentation callbacks, the counterpart of `struct rb_augment_callbacks` in Linux
/// `include/linux/rbtree_augmented.h`.
///
/// The tree calls them at the same moments Linux does, so an augmented value (such as a
/// subtree's largest gap) is correct after every insert, erase and rotation:
/// - `rotate(old:new:)` right after a rotation in which `new` took `old`'s place: `new` inherits
///   `old`'s subtree value, `old` is recomputed from its new children.
/// - `copy(from:to:)` when erase moves the successor `to` into the erased node's place.
/// - `propagate(from:stop:)` to recompute a node and its ancestors up to (not including) `stop`,
///   stopping early once a value does not change.
///
/// Callbacks receive the observer so that an augmented policy can report "max gap changed".
public protocol RBAugment {
    associatedtype Fields
    /// Fields of a freshly allocated node, before the policy computes anything.
    static var blankFields: Fields { get }
    /// The gap figures the fields of the node starting at `lo` hold, for display; nil when they
    /// hold none.
    static func gapInfo(_ fields: Fields, lo: UInt64) -> GapInfo?
    static func propagate<O: AllocatorObserver>(
        _ tree: inout RBTree<Self>, from node: NodeID, stop: NodeID, observer: inout O)
    static func copy<O: AllocatorObserver>(
        _ tree: inout RBTree<Self>, from old: NodeID, to new: NodeID, observer: inout O)
    static func rotate<O: AllocatorObserver>(
        _ tree: inout RBTree<Self>, old: NodeID, new: NodeID, observer: inout O)
}

/// The plain red-black tree: no augmented fields, callbacks that do nothing (Linux's
/// `dummy_callbacks`). Specialisation removes every call.
public enum NoAugment: RBAugment {
    public typealias Fields = Void
    @inlinable public static var blankFields: Void { () }
    public static func gapInfo(_ fields: Void, lo: UInt64) -> GapInfo? { nil }
    @inlinable public static func propagate<O: AllocatorObserver>(
        _ tree: inout RBTree<Self>, from node: NodeID, stop: NodeID, observer: inout O) {}
    @inlinable public static func copy<O: AllocatorObserver>(
        _ tree: inout RBTree<Self>, from old: NodeID, to new: NodeID, observer: inout O) {}
    @inlinable public static func rotate<O: AllocatorObserver>(
        _ tree: inout RBTree<Self>, old: NodeID, new: NodeID, observer: inout O) {}
}
