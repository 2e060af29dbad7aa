import BitCollections
import IOVACore

/// A set of arena node ids, one bit per id.
///
/// A mainline search can visit every node of a million-node tree, and every frame re-derives
/// the visited set and the nodes the tree pane keeps open from scratch; a bit per arena slot
/// makes those inserts and lookups a shift and a mask instead of a hash each.
public struct NodeSet: Sendable, Equatable, Sequence, ExpressibleByArrayLiteral {
    private var bits = BitSet()

    public init() {}

    public init<S: Sequence>(_ nodes: S) where S.Element == NodeID {
        for n in nodes { insert(n) }
    }

    public init(arrayLiteral nodes: NodeID...) { self.init(nodes) }

    /// Adds `n`; false when it was already there. `NodeID.none` is never a member (its index
    /// would size the bit array to 2^32).
    @discardableResult
    public mutating func insert(_ n: NodeID) -> Bool {
        guard n.exists else { return false }
        return bits.insert(n.index).inserted
    }

    public func contains(_ n: NodeID) -> Bool { n.exists && bits.contains(n.index) }

    public var isEmpty: Bool { bits.isEmpty }
    public var count: Int { bits.count }

    public mutating func formUnion<S: Sequence>(_ nodes: S) where S.Element == NodeID {
        for n in nodes { insert(n) }
    }

    public mutating func formUnion(_ other: NodeSet) { bits.formUnion(other.bits) }

    public func union<S: Sequence>(_ nodes: S) -> NodeSet where S.Element == NodeID {
        var copy = self
        copy.formUnion(nodes)
        return copy
    }

    /// Ascending ids.
    public func makeIterator() -> some IteratorProtocol<NodeID> {
        bits.lazy.map { NodeID(raw: UInt32($0)) }.makeIterator()
    }
}
