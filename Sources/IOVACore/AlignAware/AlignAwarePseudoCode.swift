/// `align-aware`'s allocation listing (docs/algorithms/align-aware.md); free, reserve and find
/// are the shared rb-tree ones.
enum AlignAwarePseudoCode {
    static let alloc = [
        "alloc_iova(size, limit, aligned):",
        "  limit := limit + 1; if limit <= 4G and size >= max32_alloc_size: fail",
        "  need := aligned ? 2^fls(size-1) + size : 0   # the least key that fits",
        "  bounded(node):                          # one root-to-leaf path",
        "    while node:",
        "      if node.subtree_max_gap < size: return none",
        "      if node.pfn_lo >= limit:            # right subtree above the limit",
        "        if fit(node): return it",
        "        node := node.left; continue",
        "      if bounded(node.right): return it   # may straddle the limit",
        "      if fit(node): return it             # wholly below the limit",
        "      return highest(node.left)           # exact: right, own, left",
        "  enter(child): if parent.child_key < need: skip it, unentered",
        "  fit(node): gap below node, top clamped to limit-1; aligned cand fits",
        "  key(gap) := 2^(a+1) + r   # a: largest aligned 2^k block, r: room_{a+1}",
        "  parent.left_key/right_key := largest key in that child's subtree",
        "  nothing found: if limit <= 4G: max32_alloc_size := size; fail",
        "  insert below node; fix gaps, max gaps, child keys; rebalance",
    ]

    /// The 0-based listing line an event belongs to.
    static func line(_ e: AllocatorEvent) -> Int? {
        switch e {
        case .searchStarted: 3
        case .failed(.max32ShortCircuit): 1
        case .visit, .pruned(_, .maxGapTooSmall, _): 5
        case .pruned(_, .aboveLimit, _): 6
        case .descend(_, _, .right), .backtrack(_, .right): 9
        case .descend(_, _, .left), .backtrack(_, .left): 11
        case .pruned(_, .alignKeyTooSmall, _): 12
        case .gapChecked: 13
        case .augmentChanged(_, .leftAlignKey, _, _), .augmentChanged(_, .rightAlignKey, _, _): 15
        case .max32Changed, .failed: 16
        case .found, .linked, .augmentChanged, .rotated, .recolored: 17
        default: nil
        }
    }
}
