/// Colour of a red-black node.
public enum RBColor: UInt8, Sendable {
    case red = 0
    case black = 1
    /// Not a colour: marks an arena slot whose node was erased and waits for reuse.
    case freed = 2
}

/// One node record in the arena: the IOVA range it holds, its links, colour, in-order
/// predecessor and the augmentation fields of the tree's `RBAugment` (empty for plain trees).
///
/// 32 bytes for a plain tree: the colour shares a word with the parent link (as Linux keeps it
/// in `__rb_parent_color`), which leaves room for the predecessor link without growing the record.
public struct RBNode<Fields> {
    /// Lowest pfn of the range (inclusive); the search key.
    public var lo: UInt64
    /// Highest pfn of the range (inclusive).
    public var hi: UInt64
    @usableFromInline var left: NodeID
    @usableFromInline var right: NodeID
    /// The parent's id in the low 30 bits (all ones: none), the colour in the top two.
    @usableFromInline var parentAndColor: UInt32
    /// The in-order predecessor (`rb_prev`), kept by `link` and `erase`: a walk down in address
    /// order, mainline's gap search, reads one link per node instead of descending or climbing.
    @usableFromInline var pred: NodeID
    /// Per-node augmentation (for example `gap_to_prev` and `__subtree_max_gap`).
    public var fields: Fields

    /// The largest id a link can hold (30 bits, all ones meaning none).
    @usableFromInline static var parentMask: UInt32 { 0x3FFF_FFFF }

    @inlinable init(lo: UInt64, hi: UInt64, fields: Fields) {
        self.lo = lo
        self.hi = hi
        self.left = .none
        self.right = .none
        self.parentAndColor = Self.parentMask     // no parent, red
        self.pred = .none
        self.fields = fields
    }

    @inlinable var parent: NodeID {
        @inline(__always) get {
            let raw = parentAndColor & Self.parentMask
            return raw == Self.parentMask ? .none : NodeID(raw: raw)
        }
        @inline(__always) set {
            let raw = newValue.isNone ? Self.parentMask : newValue.raw
            precondition(raw <= Self.parentMask, "node id beyond the arena's 30-bit links")
            parentAndColor = (parentAndColor & ~Self.parentMask) | raw
        }
    }

    @inlinable var color: RBColor {
        @inline(__always) get {
            switch parentAndColor >> 30 {
            case 0: return .red
            case 1: return .black
            default: return .freed
            }
        }
        @inline(__always) set {
            parentAndColor = (parentAndColor & Self.parentMask) | (UInt32(newValue.rawValue) << 30)
        }
    }
}
