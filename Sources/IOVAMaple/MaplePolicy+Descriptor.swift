import IOVACore

extension PolicyName {
    public static let maple = PolicyName("maple")
}

extension MaplePolicy: PolicyInspection {
    public static let descriptor = PolicyDescriptor(
        name: .maple,
        tagline: "v3/v4: a maple tree searched for size+align-1 pages, O(height)",
        summary: """
        v3/v4: a maple tree (B-tree of 16-slot leaves and 10-slot internal nodes with per-child \
        max gaps). The reverse empty-area search descends only into children whose recorded \
        max gap holds size+align-1 pages (the "search size"), finds the highest free run with \
        that much room below the limit, and places the range at the top of it, aligned down: \
        O(height) visits under any DMA mask. Aligned requests can pass over a hole that would \
        hold the aligned block exactly (a 2-page hole at an even pfn for an aligned size 2). \
        max32_alloc_size is set only by 32-bit failures; reserve merges every intersecting \
        entry into one. struct iova shrinks to 16 bytes; 256-byte nodes hold the ranges.
        """,
        type: MaplePolicy.self,
        treeKind: .maple,
        memoryModel: MemoryModel(
            structBytes: MapleLayout.iovaBytes, nodeBytes: MapleLayout.nodeBytes,
            note: "struct iova shrinks to 16 bytes; the ranges live in 256-byte maple nodes"),
        pseudoCode: PolicyPseudoCode(
            listing: { op in
                switch op {
                case .alloc: MaplePseudoCode.alloc
                case .free: MaplePseudoCode.free
                case .reserve: MaplePseudoCode.reserve
                case .find: MaplePseudoCode.find
                }
            },
            line: { event, op, progress in
                switch op {
                case .alloc: MaplePseudoCode.allocLine(event)
                case .free: MaplePseudoCode.freeLine(event)
                case .reserve: MaplePseudoCode.reserveLine(event, stored: progress.stored)
                case .find: 1
                }
            }),
        narration: { event, context in MapleNarration(context: context).sentence(event) }
    )
}

// The maple policy's listings (docs/algorithms/maple.md: the v4 allocation, the reverse
// empty-area search, gap propagation), and the line each of its events belongs to.
enum MaplePseudoCode {
    static let alloc = [
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

    static func allocLine(_ e: AllocatorEvent) -> Int? {
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

    static let free = [
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

    static func freeLine(_ e: AllocatorEvent) -> Int? {
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

    static let reserve = [
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
    static func reserveLine(_ e: AllocatorEvent, stored: Bool) -> Int? {
        switch e {
        case .stored(_, _, _, true): 6
        case _ where !stored: freeLine(e) == nil ? nil : 5
        case .gapChanged: 7
        case .split, .rootChanged, .merged, .rebalanced, .pivotMoved: 6
        default: nil
        }
    }

    static let find = [
        "find_iova(pfn):                 # mas_walk",
        "  each node: enter the slot holding pfn",
        "  leaf: its entry, or NULL when it is free",
    ]
}
