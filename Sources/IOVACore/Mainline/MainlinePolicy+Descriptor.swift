extension PolicyName {
    public static let mainline = PolicyName("mainline")
}

extension MainlinePolicy: PolicyInspection {
    public static let descriptor = PolicyDescriptor(
        name: .mainline,
        tagline: "Linux iova.c, bit-exact: next-fit below the cached nodes, one retry pass",
        summary: """
        Linux drivers/iommu/iova.c (6.12 … 7.1), bit-exact. Next-fit: the walk starts at \
        cached_node (cached32_node for limits ≤ 4 GiB) and goes down in address order until a \
        gap holds the request; if it reaches start_pfn, one retry pass searches from the limit \
        down to the node it started at. Costs O(nodes walked): the first 32-bit request in a \
        domain of 64-bit allocations walks every node. max32_alloc_size is set by every \
        failure (64-bit ones too) and reset only by frees below 4 GiB.
        """,
        type: MainlinePolicy.self,
        treeKind: .redBlack,
        isKernel: true,
        memoryModel: MemoryModel(
            structBytes: MemoryFootprint.rbIOVABytes, nodeBytes: 0,
            note: "struct iova is 40 bytes (rb_node inside) in a 64-byte cache-aligned slab object"),
        pseudoCode: PolicyPseudoCode(
            listing: { op in
                switch op {
                case .alloc: MainlinePseudoCode.alloc
                case .free: MainlinePseudoCode.free
                case .reserve: RBTreePseudoCode.reserve
                case .find: RBTreePseudoCode.find
                }
            },
            line: { event, op, _ in
                switch op {
                case .alloc: MainlinePseudoCode.allocLine(event)
                case .free: MainlinePseudoCode.freeLine(event)
                case .reserve: RBTreePseudoCode.reserveLine(event)
                case .find: 1
                }
            })
    )
}

/// `alloc_iova` and `free_iova` as mainline runs them (docs/algorithms/mainline.md).
enum MainlinePseudoCode {
    static let alloc = [
        "alloc_iova(size, limit, aligned):",
        "  limit := limit + 1                     # exclusive from here on",
        "  if limit <= 4G and size >= max32_alloc_size: fail",
        "  cur := limit <= 4G ? cached32_node : cached_node",
        "  high := limit; low := start_pfn",
        "  repeat:                                # walk down in address order",
        "    high := min(high, cur.pfn_lo)",
        "    cand := (high - size) & align_mask",
        "    cur := rb_prev(cur)",
        "  until cur is NULL or cand > cur.pfn_hi or cand < low",
        "  if high < size or cand < low:",
        "    if first pass and room above the start node:",
        "      high := limit; low := start.pfn_hi + 1",
        "      cur := iova_find_limit(limit); goto repeat",
        "    max32_alloc_size := size; fail       # any limit",
        "  insert [cand, cand+size-1] before the last node passed",
        "  rebalance: insert colour fix-up, rotations",
        "  cached(32)_node := the new node",
    ]

    static func allocLine(_ e: AllocatorEvent) -> Int? {
        switch e {
        case .searchStarted: 3
        case .failed(.max32ShortCircuit): 2
        case .visit: 6
        case .gapExamined: 9
        case .retry: 13
        case .max32Changed, .failed: 14
        case .found, .linked: 15
        case .rotated, .recolored: 16
        case .cacheMoved: 17
        default: nil
        }
    }

    static let free = [
        "free_iova(pfn):",
        "  iova := find_iova(pfn); if NULL: return",
        "  if iova is cached32_node or (iova below 4G and at/above it):",
        "    cached32_node := rb_next(iova)",
        "  if iova.pfn_lo < 4G: max32_alloc_size := dma_32bit_pfn",
        "  if iova.pfn_lo >= cached_node.pfn_lo: cached_node := rb_next(iova)",
        "  rb_erase(iova)        # two children: the successor takes its place",
        "  erase colour fix-up, rotations",
    ]

    static func freeLine(_ e: AllocatorEvent) -> Int? {
        switch e {
        case .cacheMoved(.cached32, _, _): 3
        case .max32Changed: 4
        case .cacheMoved(.cached, _, _): 5
        case .erased: 6
        case .rotated, .recolored: 7
        default: nil
        }
    }
}
