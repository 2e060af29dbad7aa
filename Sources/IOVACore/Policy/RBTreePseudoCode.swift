/// Listings the rb-tree policies share: reserve and find are the same walk in every one, and
/// the gap trees free the same way (docs/algorithms/gap-tree.md).
public enum RBTreePseudoCode {
    public static let gapTreeFree = [
        "free_iova(pfn):",
        "  iova := find_iova(pfn); if NULL: return",
        "  if iova.pfn_lo < 4G: max32_alloc_size := dma_32bit_pfn",
        "  next := rb_next(iova); next.gap_to_prev grows by iova and its gap",
        "  propagate next's max gaps to the root   # before the erase",
        "  rb_erase_augmented(iova)                # rotations carry max gaps",
    ]

    public static func gapTreeFreeLine(_ e: AllocatorEvent, erased: Bool) -> Int? {
        switch e {
        case .max32Changed: 2
        case .augmentChanged(_, .gap, _, _) where !erased: 3
        case .augmentChanged where !erased: 4
        case .erased, .rotated, .recolored, .augmentChanged: 5
        default: nil
        }
    }

    public static let reserve = [
        "reserve_iova(lo, hi):",
        "  if lo or hi is beyond the domain: return NULL",
        "  for each node in address order:",
        "    if it overlaps [lo, hi]:",
        "      if lo < node.pfn_lo: node.pfn_lo := lo   # stretch down in place",
        "      if hi <= node.pfn_hi: return node",
        "      lo := node.pfn_hi + 1",
        "    else if a node was overlapped: stop",
        "  insert a new node [lo, hi] from the root; return it",
    ]

    public static func reserveLine(_ e: AllocatorEvent) -> Int? {
        switch e {
        case .stretched: 4
        case .linked, .rotated, .recolored, .augmentChanged: 8
        default: nil
        }
    }

    public static let find = [
        "find_iova(pfn):",
        "  descend from the root: left if pfn < pfn_lo, right if pfn > pfn_hi",
        "  return the node containing pfn, or NULL",
    ]
}
