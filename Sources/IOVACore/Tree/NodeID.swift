/// The typed index of a node in an `RBTree` arena.
///
/// Nodes live in one flat array and refer to each other by `NodeID`, never by object reference:
/// no reference counting on the hot path, and the stepper and views can name "node 7" across
/// frames. Ids of erased nodes are recycled by later insertions, as the kernel recycles
/// `struct iova` memory.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let raw: UInt32

    @inlinable public init(raw: UInt32) { self.raw = raw }

    /// The absent node (a NULL child, parent or search result). Documented once, used everywhere
    /// instead of `NodeID?` so that a node record stays compact.
    public static let none = NodeID(raw: .max)

    @inlinable public var isNone: Bool { raw == .max }
    @inlinable public var exists: Bool { raw != .max }
    @inlinable public var index: Int { Int(raw) }

    @inlinable public static func < (a: NodeID, b: NodeID) -> Bool { a.raw < b.raw }

    public var description: String { isNone ? "none" : "#\(raw)" }
}
