/// A red-black tree of IOVA ranges over an index-based node arena.
///
/// Shapes and colours follow Linux `lib/rbtree.c` exactly: insertion links a red leaf and runs
/// the uncle-recolour / single / double rotation fix-up (`RBTree+Insert.swift`); erasure
/// replaces a node that has two children by its in-order successor (the node itself moves, its
/// id is kept) and runs the erase colour fix-up (`RBTree+Erase.swift`). Augmented trees get
/// Linux's propagate/copy/rotate callbacks at the same moments (`RBAugment`).
///
/// The tree does not decide where a node goes: callers descend (from the root or from a hint,
/// as `iova_insert_rbtree` does), `link` the node, then call `insertFixup`.
public struct RBTree<Augment: RBAugment> {
    public typealias Node = RBNode<Augment.Fields>

    /// Node records, indexed by `NodeID` (not an `Array`: see `NodeArena` on peak memory).
    /// Every public mutating method starts with `nodes.makeUnique()` (copy-on-write).
    @usableFromInline var nodes = NodeArena<Node>()
    /// Head of the list of erased slots, threaded through their `right` links.
    @usableFromInline var freeHead: NodeID = .none
    public internal(set) var root: NodeID = .none
    /// The lowest node (Linux keeps the same in `rb_root_cached`; `iova.c` does not), for
    /// `first`. (Before nodes kept their predecessor, `prev` of the lowest node climbed the whole
    /// left spine, whose nodes sit at power-of-two distances in the arena and so share one L1
    /// set: docs/performance.md § Where the time went.)
    @usableFromInline var leftmost: NodeID = .none
    /// Number of nodes in the tree.
    public internal(set) var count: Int = 0

    public init() {}

    /// Reserves arena capacity for `n` nodes.
    public mutating func reserveCapacity(_ n: Int) { nodes.reserveCapacity(n) }

    /// Number of arena slots, live or freed (for memory accounting).
    public var arenaCapacity: Int { nodes.count }

    // MARK: Node fields

    @inlinable @inline(__always) public func lo(_ n: NodeID) -> UInt64 { nodes[n.index].lo }
    @inlinable @inline(__always) public func hi(_ n: NodeID) -> UInt64 { nodes[n.index].hi }
    @inlinable @inline(__always) public func left(_ n: NodeID) -> NodeID { nodes[n.index].left }
    @inlinable @inline(__always) public func right(_ n: NodeID) -> NodeID { nodes[n.index].right }
    @inlinable @inline(__always) public func parent(_ n: NodeID) -> NodeID { nodes[n.index].parent }
    @inlinable @inline(__always) public func color(_ n: NodeID) -> RBColor { nodes[n.index].color }
    /// A missing child counts as black, as in Linux.
    @inlinable @inline(__always) public func isRed(_ n: NodeID) -> Bool {
        n.exists && nodes[n.index].color == .red
    }
    @inlinable @inline(__always) public func isBlack(_ n: NodeID) -> Bool { !isRed(n) }

    @inlinable public func fields(_ n: NodeID) -> Augment.Fields { nodes[n.index].fields }
    @inlinable public mutating func setFields(_ n: NodeID, _ f: Augment.Fields) {
        nodes.makeUnique()
        nodes[n.index].fields = f
    }

    /// The range `[lo, hi]` of a node.
    @inlinable public func range(_ n: NodeID) -> PFNRange { PFNRange(lo: nodes[n.index].lo, hi: nodes[n.index].hi) }

    /// Changes a node's `lo` in place. The caller guarantees the order is preserved
    /// (`reserve_iova` stretches a node down into free space below it).
    @inlinable public mutating func setLo(_ n: NodeID, _ lo: UInt64) {
        nodes.makeUnique()
        nodes[n.index].lo = lo
    }

    /// Whether `n` names a node currently in the tree.
    public func isLive(_ n: NodeID) -> Bool {
        n.exists && n.index < nodes.count && nodes[n.index].color != .freed
    }

    // MARK: Arena

    /// Gives the tree an arena of its own (copy-on-write) before a run of `…Owned` calls: one
    /// uniqueness check (a runtime call) per operation instead of one per step.
    mutating func ownArena() { nodes.makeUnique() }

    /// Takes a slot for a new, unlinked red node holding `[lo, hi]`.
    public mutating func makeNode(lo: UInt64, hi: UInt64) -> NodeID {
        nodes.makeUnique()
        return makeNodeOwned(lo: lo, hi: hi)
    }

    /// `makeNode` after `ownArena`.
    mutating func makeNodeOwned(lo: UInt64, hi: UInt64) -> NodeID {
        let fresh = Node(lo: lo, hi: hi, fields: Augment.blankFields)
        if freeHead.exists {
            let id = freeHead
            freeHead = nodes[id.index].right
            nodes[id.index] = fresh
            return id
        }
        precondition(nodes.count < Int(Node.parentMask), "node arena full")   // ids fit a 30-bit link
        nodes.append(fresh)
        return NodeID(raw: UInt32(nodes.count - 1))
    }

    /// Returns an unlinked node's slot to the arena.
    mutating func releaseSlot(_ n: NodeID) {
        nodes[n.index].color = .freed
        nodes[n.index].left = .none
        nodes[n.index].parent = .none
        nodes[n.index].pred = .none
        nodes[n.index].right = freeHead
        freeHead = n
    }

    // MARK: Links

    /// Links the unlinked node `n` as the `asLeft` child of `parent` (none: as the root),
    /// like `rb_link_node`. Call `insertFixup` afterwards.
    public mutating func link<O: AllocatorObserver>(_ n: NodeID, under parent: NodeID, asLeft: Bool, observer: inout O) {
        nodes.makeUnique()
        linkOwned(n, under: parent, asLeft: asLeft, observer: &observer)
    }

    /// `link` after `ownArena`.
    mutating func linkOwned<O: AllocatorObserver>(_ n: NodeID, under parent: NodeID, asLeft: Bool, observer: inout O) {
        nodes[n.index].parent = parent
        nodes[n.index].left = .none
        nodes[n.index].right = .none
        nodes[n.index].color = .red
        if parent.isNone {
            root = n
            leftmost = n
            nodes[n.index].pred = .none
        } else if asLeft {
            // A left leaf comes just before its parent.
            nodes[n.index].pred = nodes[parent.index].pred
            nodes[parent.index].pred = n
            nodes[parent.index].left = n
            if parent == leftmost { leftmost = n }
        } else {
            // A right leaf comes just after its parent, before the parent's old successor.
            let successor = next(trusted: parent)
            nodes[n.index].pred = parent
            if successor.exists { nodes[successor.index].pred = n }
            nodes[parent.index].right = n
        }
        count += 1
        observer.record(.linked(n, parent: parent))
    }

    /// Puts `new` in `old`'s place under `parent` (Linux `__rb_change_child`).
    @inline(__always) mutating func replaceChild(_ old: NodeID, with new: NodeID, under parent: NodeID) {
        if parent.isNone {
            root = new
        } else if nodes[parent.index].left == old {
            nodes[parent.index].left = new
        } else {
            nodes[parent.index].right = new
        }
    }

    @inline(__always) mutating func setColor<O: AllocatorObserver>(_ n: NodeID, _ c: RBColor, observer: inout O) {
        if nodes[n.index].color != c {
            nodes[n.index].color = c
            observer.record(.recolored(n, c))
        }
    }

    /// Rotates `old` down and its child `new` up into its place (a left rotation when `new` is
    /// `old`'s right child), then runs the augment `rotate` callback, as Linux does after
    /// `__rb_rotate_set_parents`.
    ///
    ///        old                 new
    ///       /   \               /   \
    ///      a    new    ==>    old    c
    ///          /   \         /   \
    ///         b     c       a     b
    mutating func rotate<O: AllocatorObserver>(_ old: NodeID, up new: NodeID, observer: inout O) {
        let grand = nodes[old.index].parent
        if nodes[old.index].right == new {
            let inner = nodes[new.index].left
            nodes[old.index].right = inner
            if inner.exists { nodes[inner.index].parent = old }
            nodes[new.index].left = old
        } else {
            let inner = nodes[new.index].right
            nodes[old.index].left = inner
            if inner.exists { nodes[inner.index].parent = old }
            nodes[new.index].right = old
        }
        nodes[new.index].parent = grand
        nodes[old.index].parent = new
        replaceChild(old, with: new, under: grand)
        observer.record(.rotated(old: old, new: new))
        Augment.rotate(&self, old: old, new: new, observer: &observer)
    }
}
