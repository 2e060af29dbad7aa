/// The gap trees' allocation listings (docs/algorithms/gap-tree.md); free, reserve and find
/// are the shared rb-tree ones.
enum GapTreePseudoCode {
    static func augmentedAlloc(_ with32: Bool) -> [String] {
        [
            "alloc_iova(size, limit, aligned):",
            "  limit := limit + 1; is32 := limit <= 4G",
            "  if is32 and size >= max32_alloc_size: fail",
            "  search(node):                          # from the root",
            "    if node is NULL: return none",
            with32 ? "    if (is32 ? max_gap32 : max_gap) < size: prune"
                   : "    if node.subtree_max_gap < size: prune   # limit ignored",
            "    if search(node.right): return it      # higher addresses first",
            "    gap := [pfn_lo - gap_to_prev, min(pfn_lo, limit) - 1]",
            "    cand := (gap.hi - size + 1) & align_mask",
            "    if cand >= gap.lo and cand >= start_pfn: return (node, cand)",
            "    return search(node.left)",
            "  nothing found: if is32: max32_alloc_size := size; fail",
            "  insert [cand, cand+size-1] below node, set its gap_to_prev",
            "  shrink the successor's gap; propagate max gaps up",
            "  rebalance; rotations carry the max gaps",
        ]
    }

    static func augmentedLine(_ e: AllocatorEvent) -> Int? {
        switch e {
        case .searchStarted: 3
        case .failed(.max32ShortCircuit): 2
        case .visit, .pruned: 5
        case .descend(_, _, .right), .backtrack(_, .right): 6
        case .gapChecked: 9
        case .descend(_, _, .left), .backtrack(_, .left): 10
        case .max32Changed, .failed: 11
        case .found, .linked: 12
        case .augmentChanged: 13
        case .rotated, .recolored: 14
        default: nil
        }
    }

    static let limitAwareAlloc = [
        "alloc_iova(size, limit, aligned):",
        "  limit := limit + 1; if limit <= 4G and size >= max32_alloc_size: fail",
        "  bounded(node):                          # one root-to-leaf path",
        "    while node:",
        "      if node.subtree_max_gap < size: return none",
        "      if node.pfn_lo >= limit:            # right subtree all above the limit",
        "        if fit(node): return it",
        "        node := node.left; continue",
        "      if bounded(node.right): return it   # may straddle the limit",
        "      if fit(node): return it             # wholly below the limit",
        "      return highest(node.left)           # plain max-gap search",
        "  fit(node): gap below node, top clamped to limit-1; aligned cand fits",
        "  nothing found: if limit <= 4G: max32_alloc_size := size; fail",
        "  insert below node; fix gaps and max gaps; rebalance",
    ]

    static func limitAwareLine(_ e: AllocatorEvent) -> Int? {
        switch e {
        case .searchStarted: 2
        case .failed(.max32ShortCircuit): 1
        case .visit, .pruned(_, .maxGapTooSmall, _): 4
        case .pruned(_, .aboveLimit, _): 5
        case .descend(_, _, .right), .backtrack(_, .right): 8
        case .descend(_, _, .left), .backtrack(_, .left): 10
        case .gapChecked: 11
        case .max32Changed, .failed: 12
        case .found, .linked, .augmentChanged, .rotated, .recolored: 13
        default: nil
        }
    }
}

extension PolicyPseudoCode {
    /// A gap-tree policy's pseudo-code: its own allocation search, the shared rest.
    static func gapTree(alloc: [String], allocLine: @escaping @Sendable (AllocatorEvent) -> Int?) -> PolicyPseudoCode {
        PolicyPseudoCode(
            listing: { op in
                switch op {
                case .alloc: alloc
                case .free: RBTreePseudoCode.gapTreeFree
                case .reserve: RBTreePseudoCode.reserve
                case .find: RBTreePseudoCode.find
                }
            },
            line: { event, op, progress in
                switch op {
                case .alloc: allocLine(event)
                case .free: RBTreePseudoCode.gapTreeFreeLine(event, erased: progress.erased)
                case .reserve: RBTreePseudoCode.reserveLine(event)
                case .find: 1
                }
            })
    }
}
