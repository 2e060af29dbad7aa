import IOVACore
import IOVAScenario

/// Kernel-shaped pseudo-code for each policy and operation, in our own words (the kernel is
/// GPL; this describes what it does), and the line each event belongs to.
public enum PseudoCode {
    public enum Operation: Sendable { case alloc, free, reserve, find }

    public static func operation(of command: Command) -> Operation {
        switch command {
        case .alloc, .allocFallback, .domain: .alloc
        case .free, .freeAllocation: .free
        case .reserve: .reserve
        case .find: .find
        }
    }

    /// The listing shown for `operation` under `policy`.
    public static func lines(_ policy: PolicyName, _ operation: Operation) -> [String] {
        switch (operation, policy) {
        case (.alloc, .maple): mapleAlloc
        case (.free, .maple): mapleFree
        case (.reserve, .maple): mapleReserve
        case (.find, .maple): mapleFind
        case (.alloc, .mainline): mainlineAlloc
        case (.alloc, .limitAware): limitAwareAlloc
        case (.alloc, _): augmentedAlloc(policy == .augmented32)
        case (.free, .mainline): mainlineFree
        case (.free, _): gapTreeFree
        case (.reserve, _): reserve
        case (.find, _): find
        }
    }

    /// The 0-based line of `lines(policy, operation)` that `event` belongs to, or nil.
    /// `erased` says whether an rb-tree node was erased before it in the operation, `stored`
    /// whether a maple entry was stored before it (or by it).
    public static func line(of event: AllocatorEvent, _ policy: PolicyName, _ operation: Operation, erased: Bool,
                            stored: Bool = false) -> Int? {
        if policy == .maple {
            return switch operation {
            case .alloc: mapleAllocLine(event)
            case .free: mapleFreeLine(event)
            case .reserve: mapleReserveLine(event, stored: stored)
            case .find: 1
            }
        }
        return switch operation {
        case .alloc: policy == .mainline ? mainlineAllocLine(event) : policy == .limitAware ? limitAwareLine(event) : augmentedLine(event)
        case .free: policy == .mainline ? mainlineFreeLine(event) : gapTreeFreeLine(event, erased: erased)
        case .reserve: reserveLine(event)
        case .find: 1
        }
    }

    // MARK: mainline

    static let mainlineAlloc = [
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

    static func mainlineAllocLine(_ e: AllocatorEvent) -> Int? {
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

    static let mainlineFree = [
        "free_iova(pfn):",
        "  iova := find_iova(pfn); if NULL: return",
        "  if iova is cached32_node or (iova below 4G and at/above it):",
        "    cached32_node := rb_next(iova)",
        "  if iova.pfn_lo < 4G: max32_alloc_size := dma_32bit_pfn",
        "  if iova.pfn_lo >= cached_node.pfn_lo: cached_node := rb_next(iova)",
        "  rb_erase(iova)        # two children: the successor takes its place",
        "  erase colour fix-up, rotations",
    ]

    static func mainlineFreeLine(_ e: AllocatorEvent) -> Int? {
        switch e {
        case .cacheMoved(.cached32, _, _): 3
        case .max32Changed: 4
        case .cacheMoved(.cached, _, _): 5
        case .erased: 6
        case .rotated, .recolored: 7
        default: nil
        }
    }

    // MARK: gap trees

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

    static let gapTreeFree = [
        "free_iova(pfn):",
        "  iova := find_iova(pfn); if NULL: return",
        "  if iova.pfn_lo < 4G: max32_alloc_size := dma_32bit_pfn",
        "  next := rb_next(iova); next.gap_to_prev grows by iova and its gap",
        "  propagate next's max gaps to the root   # before the erase",
        "  rb_erase_augmented(iova)                # rotations carry max gaps",
    ]

    static func gapTreeFreeLine(_ e: AllocatorEvent, erased: Bool) -> Int? {
        switch e {
        case .max32Changed: 2
        case .augmentChanged(_, .gap, _, _) where !erased: 3
        case .augmentChanged where !erased: 4
        case .erased, .rotated, .recolored, .augmentChanged: 5
        default: nil
        }
    }

    // MARK: shared

    static let reserve = [
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

    static func reserveLine(_ e: AllocatorEvent) -> Int? {
        switch e {
        case .stretched: 4
        case .linked, .rotated, .recolored, .augmentChanged: 8
        default: nil
        }
    }

    static let find = [
        "find_iova(pfn):",
        "  descend from the root: left if pfn < pfn_lo, right if pfn > pfn_hi",
        "  return the node containing pfn, or NULL",
    ]
}
