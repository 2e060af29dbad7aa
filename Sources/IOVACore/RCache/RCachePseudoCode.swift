/// The DMA path's listings, in our own words (docs/algorithms/rcache.md), and the line each
/// event belongs to. The same for every policy: the rcache sits in front of the tree, and a
/// miss runs the policy's own `alloc_iova` (the code pane names it on one line).
public enum RCachePseudoCode {
    /// The DMA-path operations with a listing of their own.
    public enum Operation: Sendable { case allocFast, map, freeFast, flush, tick, device }

    static let allocFast = [
        "alloc_iova_fast(size, limit, flush):",
        "  if size < 32: size := roundup_pow_of_two(size)",
        "  k := order_base_2(size); if k >= 6: goto tree   # never cached",
        "  mags := this CPU's loaded and prev for class k",
        "  if loaded is empty and prev is not: swap them",
        "  elif both are empty and the depot is not: loaded := depot.pop()",
        "  elif both are empty: goto tree",
        "  scan loaded from the newest pfn for one <= limit+1-size",
        "  found: swap-remove it; return it        # no tree search",
        "tree:",
        "  n := alloc_iova(size, limit, size-aligned)   # the policy's search",
        "  if n: return n.pfn_lo                    # pfn 0 reads as failure",
        "  if flush: every cache back to the tree; flush := false; goto tree",
        "  return 0",
    ]

    static let mapPrefix = [
        "iommu_dma_alloc_iova(dev, size):",
        "  if dev is PCI, its workaround on and its mask above 4G:",
        "    iova := alloc_iova_fast(size, dma32, flush: false); if iova: return iova",
        "    workaround := off          # \"Using N-bit DMA addresses\"",
        "  return alloc_iova_fast(size, mask, flush: true)",
    ]

    static let freeFast = [
        "free_iova_fast(pfn, size):",
        "  k := order_base_2(size); if k >= 6: free_iova(pfn); return",
        "  if loaded is full and prev is not: swap them",
        "  elif both are full: depot.push(loaded); schedule the trim; loaded := new",
        "  loaded.push(pfn)           # the range stays allocated in the tree",
    ]

    static let flush = [
        "flush the rcache (free_cpu_cached_iovas, free_global_cached_iovas):",
        "  for each online CPU and class: free loaded's, then prev's pfns in the tree",
        "  for each class: while the depot holds one: pop it, free its pfns in the tree",
    ]

    static let tick = [
        "tick: IOVA_DEPOT_DELAY passes (iova_depot_work_func):",
        "  for each class whose trim is pending, in class order:",
        "    if the depot holds more magazines than online CPUs:",
        "      pop the top one, free its pfns in the tree, schedule the trim again",
    ]

    static let device = [
        "device NAME mask=LIMIT [pci]:",
        "  dev.mask := LIMIT; dev.pci_32bit_workaround := pci",
    ]

    public static func listing(_ op: Operation) -> [String] {
        switch op {
        case .allocFast: allocFast
        case .map: mapPrefix + allocFast
        case .freeFast: freeFast
        case .flush: flush
        case .tick: tick
        case .device: device
        }
    }

    /// The 0-based line of `listing(op)` that `event` belongs to, or nil.
    public static func line(of event: AllocatorEvent, _ op: Operation) -> Int? {
        switch op {
        case .allocFast: allocFastLine(event)
        case .map:
            switch event {
            case .deviceAttempt(_, true): 2
            case .workaroundOff: 3
            case .deviceAttempt(_, false): 4
            default: allocFastLine(event).map { $0 + mapPrefix.count }
            }
        case .freeFast:
            switch event {
            case .magazinesSwapped: 2
            case .depotPushed: 3
            case .magazinePushed: 4
            case .erased, .rotated, .recolored, .augmentChanged, .cacheMoved, .max32Changed, .stored, .split, .merged,
                 .rebalanced, .rootChanged, .pivotMoved, .gapChanged: 1
            default: nil
            }
        case .flush:
            switch event {
            case .rcacheFlushStarted: 0
            case .cachedReleased: 1
            default: nil
            }
        case .tick:
            switch event {
            case .depotTrimmed: 3
            case .cachedReleased: 3
            default: nil
            }
        case .device: 1
        }
    }

    private static func allocFastLine(_ event: AllocatorEvent) -> Int? {
        switch event {
        case .fastAllocStarted(_, _, _, _, let k): k == nil ? 2 : 3
        case .magazinesSwapped: 4
        case .depotPopped: 5
        case .magazineMiss(_, _, _, true): 6
        case .magazineSkipped, .magazineMiss: 7
        case .magazinePopped: 8
        case .rcacheFlushStarted, .cachedReleased: 12
        case .searchStarted, .visit, .gapExamined, .descend, .backtrack, .pruned, .gapChecked, .retry, .nodeEntered,
             .slotExamined, .ascended, .found, .linked, .rotated, .recolored, .augmentChanged, .stored, .split, .merged,
             .rebalanced, .rootChanged, .pivotMoved, .gapChanged, .cacheMoved, .stretched: 10
        case .failed, .max32Changed: 10
        default: nil
        }
    }
}
