/// What a maple-tree leaf slot holds. The tree stores small integer values; 0 is NULL (free).
public enum MapleValue {
    /// A free (NULL) range.
    public static let free: UInt32 = 0
    /// A `struct iova` handed out by `alloc_iova`.
    public static let allocated: UInt32 = 1
    /// A `struct iova` made by `reserve_iova`.
    public static let reserved: UInt32 = 2
    /// Any other occupying entry (the upstream tests' `XA_ZERO_ENTRY`).
    public static let zeroEntry: UInt32 = 3
}

/// A read-only view of a maple-style B-tree of ranges, as the views draw it: nodes as rows of
/// slots with pivots, leaves' entries, internal nodes' child links and gap arrays.
///
/// Slot `i` of a node covers `[pivot(i−1)+1, pivot(i)]`; slot 0 starts at the node's implied
/// minimum and the last used slot ends at its implied maximum, both inherited from the parent.
public protocol MapleTreeSource {
    var root: NodeID { get }
    /// Levels: 1 when the root is a leaf.
    var height: Int { get }
    /// Nodes allocated (leaves and internal).
    var nodeCount: Int { get }
    /// Non-NULL entries in the leaves.
    var entryCount: Int { get }
    /// Whether `n` is a node of the tree now (ids of freed nodes are recycled).
    func isLive(_ n: NodeID) -> Bool
    func isLeaf(_ n: NodeID) -> Bool
    /// Used slots (the kernel's `end + 1`).
    func slotCount(_ n: NodeID) -> Int
    /// The node's parent and its slot there (none for the root).
    func parent(_ n: NodeID) -> (node: NodeID, slot: Int)
    /// The node's implied `[min, max]`.
    func bounds(_ n: NodeID) -> PFNRange
    /// The inclusive range slot `i` covers.
    func slotRange(_ n: NodeID, _ i: Int) -> PFNRange
    /// Internal nodes: the child in slot `i`.
    func child(_ n: NodeID, _ i: Int) -> NodeID
    /// Internal nodes: `gap[i]`, the largest free run under child `i`. Leaves: the slot's free
    /// run (0 when occupied). Saturates at 2^64−1 (the whole space is 2^64 pfns).
    func gap(_ n: NodeID, _ i: Int) -> UInt64
    /// Leaves: the value in slot `i` (`MapleValue`).
    func value(_ n: NodeID, _ i: Int) -> UInt32
    /// The leaf and slot whose range holds `index`.
    func leaf(containing index: UInt64) -> (node: NodeID, slot: Int)
}
