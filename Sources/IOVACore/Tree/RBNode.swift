/// Colour of a red-black node.
public enum RBColor: UInt8, Sendable {
    case red = 0
    case black = 1
    /// Not a colour: marks an arena slot whose node was erased and waits for reuse.
    case freed = 2
}

/// One node record in the arena: the IOVA range it holds, its links, colour and the
/// augmentation fields of the tree's `RBAugment` (empty for plain trees).
public struct RBNode<Fields> {
    /// Lowest pfn of the range (inclusive); the search key.
    public var lo: UInt64
    /// Highest pfn of the range (inclusive).
    public var hi: UInt64
    @usableFromInline var left: NodeID
    @usableFromInline var right: NodeID
    @usableFromInline var parent: NodeID
    @usableFromInline var color: RBColor
    /// Per-node augmentation (for example `gap_to_prev` and `__subtree_max_gap`).
    public var fields: Fields

    @inlinable init(lo: UInt64, hi: UInt64, fields: Fields) {
        self.lo = lo
        self.hi = hi
        self.left = .none
        self.right = .none
        self.parent = .none
        self.color = .red
        self.fields = fields
    }
}
