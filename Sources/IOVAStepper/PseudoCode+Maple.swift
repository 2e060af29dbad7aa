import IOVACore

// The maple policy's listings (kernel-iova.md §2.4 MAPLE_ALLOC as in v4, §3.3 reverse
// empty-area search, §3.2 gap propagation), and the line each of its events belongs to.
extension PseudoCode {
    static let mapleAlloc = [
        "alloc_iova(size, limit, aligned):   # v4 maple",
        "  mask := aligned ? ~0 << fls(size-1) : ~0",
        "  ss := size + ~mask     # fits at any offset",
        "  if limit<=4G and size>=max32_alloc_size: fail",
        "  empty_area_rev(start_pfn, limit, ss):",
        "    enter node; its slots high to low:",
        "      ends < ss above start_pfn: -EBUSY",
        "      leaf slot holding an entry: next",
        "      run (leaf) / gap[s] (internal) < ss: next",
        "      < ss of it in [start_pfn, limit]: next",
        "      else take it: internal: enter the child",
        "        leaf: window := top ss of run, <= limit",
        "    slot 0 done, no fit: climb up, go on left",
        "  no window: if limit<=4G: max32 := size; fail",
        "  pfn_lo := (window.hi - size + 1) & mask",
        "  store [pfn_lo, pfn_lo+size-1] in the leaf",
        "  overfull node: split (root: new root above)",
        "  parent gap[] := max gap, up while it changes",
    ]

    static func mapleAllocLine(_ e: AllocatorEvent) -> Int? {
        switch e {
        case .searchStarted: 4
        case .failed(.max32ShortCircuit): 3
        case .nodeEntered: 5
        case .slotExamined(_, _, _, _, _, let verdict):
            switch verdict {
            case .pastWindow: 6
            case .occupied: 7
            case .gapTooSmall: 8
            case .outsideWindow: 9
            case .taken: 10
            }
        case .ascended: 12
        case .max32Changed, .failed: 13
        case .found: 14
        case .stored: 15
        case .split, .rootChanged, .merged, .rebalanced, .pivotMoved: 16
        case .gapChanged: 17
        default: nil
        }
    }

    static let mapleFree = [
        "free_iova(pfn):                     # v4 maple",
        "  iova := mas_walk(pfn); if NULL: return",
        "  if pfn_lo < 4G: max32 := dma_32bit_pfn",
        "  store NULL over [pfn_lo, pfn_hi] in its leaf",
        "    join free neighbours: one NULL per run",
        "  only the last leaf may end in NULL, so:",
        "    lower the pivot; the run joins next leaf",
        "  under-full: merge with sibling or share",
        "  overfull (run is a new slot there): split",
        "  root with one child: the child is root",
        "  parent gap[] := max gap, up while it changes",
    ]

    static func mapleFreeLine(_ e: AllocatorEvent) -> Int? {
        switch e {
        case .max32Changed: 2
        case .stored: 3
        case .pivotMoved: 6
        case .merged, .rebalanced: 7
        case .split: 8
        case .rootChanged: 9
        case .gapChanged: 10
        default: nil
        }
    }

    static let mapleReserve = [
        "reserve_iova(lo, hi):  # v4 iova_merge_overlaps",
        "  lo or hi beyond the domain: return NULL",
        "  hit := entries intersecting [lo, hi]",
        "  one entry holds all of [lo, hi]: return it",
        "  [lo, hi] := union with every hit entry",
        "  erase each hit: NULL, join, rebalance",
        "  store [lo, hi] as one entry; split if full",
        "  parent gap[] := max gap, up while it changes",
        "  return [lo, hi]          # adjacent stay apart",
    ]

    /// `stored`: whether the new entry has been stored yet (before it, events belong to the
    /// erasure of the entries it absorbs).
    static func mapleReserveLine(_ e: AllocatorEvent, stored: Bool) -> Int? {
        switch e {
        case .stored(_, _, _, true): 6
        case _ where !stored: mapleFreeLine(e) == nil ? nil : 5
        case .gapChanged: 7
        case .split, .rootChanged, .merged, .rebalanced, .pivotMoved: 6
        default: nil
        }
    }

    static let mapleFind = [
        "find_iova(pfn):                 # mas_walk",
        "  each node: enter the slot holding pfn",
        "  leaf: its entry, or NULL when it is free",
    ]
}
