/// `align-aware`'s allocation listing (docs/algorithms/align-aware.md); free, reserve and find
/// are the shared rb-tree ones.
enum AlignAwarePseudoCode {
    static let alloc = [
        "alloc_iova(size, limit, aligned):",
        "  limit := limit + 1; if limit <= 4G and size >= max32_alloc_size: fail",
        "  o := fls(size - 1); need := aligned ? 2^o + size : 0",
        "  bounded(node):                          # one root-to-leaf path",
        "    while node:",
        "      if node.subtree_max_gap < size: return none",
        "      if node.subtree_key < need: return none   # no aligned fit below",
        "      if node.pfn_lo >= limit:            # right subtree all above the limit",
        "        if fit(node): return it",
        "        node := node.left; continue",
        "      if bounded(node.right): return it   # may straddle the limit",
        "      if fit(node): return it             # wholly below the limit",
        "      return highest(node.left)           # same two prunes, exact",
        "  fit(node): gap below node, top clamped to limit-1; aligned cand fits",
        "  key(gap): a := largest k with an aligned 2^k block; r := room_{a+1}",
        "            packed as 2^(a+1) + r; node.subtree_key := max over subtree",
        "  nothing found: if limit <= 4G: max32_alloc_size := size; fail",
        "  insert below node; fix gaps, max gaps, keys; rebalance",
    ]

    static func line(_ e: AllocatorEvent) -> Int? {
        switch e {
        case .searchStarted: 2
        case .failed(.max32ShortCircuit): 1
        case .visit, .pruned(_, .maxGapTooSmall, _): 5
        case .pruned(_, .alignKeyTooSmall, _): 6
        case .pruned(_, .aboveLimit, _): 7
        case .descend(_, _, .right), .backtrack(_, .right): 10
        case .descend(_, _, .left), .backtrack(_, .left): 12
        case .gapChecked: 13
        case .max32Changed, .failed: 16
        case .augmentChanged(_, .maxAlignKey, _, _): 15
        case .found, .linked, .augmentChanged, .rotated, .recolored: 17
        default: nil
        }
    }
}
