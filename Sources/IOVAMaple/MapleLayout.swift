/// The node geometry of an `MT_FLAGS_ALLOC_RANGE` maple tree on 64-bit (docs/algorithms/maple.md § Node geometry).
public enum MapleLayout {
    /// `maple_leaf_64`: 16 slots, 15 pivots.
    public static let leafSlots = 16
    /// `maple_arange_64`: 10 slots, 9 pivots, 10 gaps.
    public static let internalSlots = 10
    /// Fewest slots a non-root node may hold before it is rebalanced with a sibling.
    public static let leafMinimum = 6
    public static let internalMinimum = 4
    /// `MAPLE_HEIGHT_MAX`.
    public static let maxHeight = 31
    /// Every node is a 256-byte, 256-aligned slab object.
    public static let nodeBytes = 256
    /// A leaf as the kernel lays it out: parent word, pivots, slots (the last slot doubles as
    /// metadata when the node is not full).
    public static let leafLayoutBytes = 8 + (leafSlots - 1) * 8 + leafSlots * 8
    /// An allocation-range internal node: parent, pivots, slots, gaps, metadata {end, gap}.
    public static let internalLayoutBytes = 8 + (internalSlots - 1) * 8 + internalSlots * 8 + internalSlots * 8 + 2
    /// The v3/v4 `struct iova`: `pfn_hi` and `pfn_lo`, in a cache without `SLAB_HWCACHE_ALIGN`.
    public static let iovaBytes = 16

    /// A node's words in the tree's arena (`MapleTree.words`): three cache lines, its parts
    /// side by side. A leaf: 15 pivots from word 0, a spare word, 16 slots of 32 bits from
    /// word 16. An internal node: 9 pivots from word 0, 10 gaps from word 9, 10 slots of 32
    /// bits from word 19.
    static let nodeWords = 24
    static let gapWord = 9
    static let leafSlotWord = 16
    static let internalSlotWord = 19

    public static func capacity(leaf: Bool) -> Int { leaf ? leafSlots : internalSlots }
    public static func minimum(leaf: Bool) -> Int { leaf ? leafMinimum : internalMinimum }
}
