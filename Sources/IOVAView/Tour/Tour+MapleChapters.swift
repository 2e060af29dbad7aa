/// Chapters on v3/v4's maple tree (docs/algorithms/maple.md) and on alignment.
extension Tour {
    static let mapleTree = TourChapter(
        number: 7, slug: "07-maple-tree", title: "v3/v4: the maple tree",
        narration: """
        v3 moves to a maple tree, a B-tree: 16-slot leaves hold entries and free \
        (NULL) ranges; internal nodes of 10 children record the largest gap under each (g=). \
        mas_empty_area_rev enters only children with a big enough gap and reads slots high to \
        low: 2 nodes for this 33-bit request. struct iova shrinks from 40 bytes (64 in its \
        slab) to 16.
        """,
        policy: .maple,
        scenario: fragmentedHigh("""
        # iovascope tour, chapter 7: v3/v4: the maple tree.
        # Chapter 6's domain on a maple tree: a root with two leaves; each request reads the
        # root's gap array and one leaf.

        """, requests: """
        alloc 16 limit=dma32    # [0xffff0..0xfffff]
        alloc 16 limit=dma33    # [0x1ffff0..0x1fffff]
        alloc 16 limit=dma36    # [0xfffff0..0xffffff]

        """),
        operation: 37, step: 5)

    static let alignmentTrap = TourChapter(
        number: 8, slug: "08-alignment-trap", title: "The alignment trap",
        narration: """
        An aligned 4 must start at a multiple of 4. Eight 4-page holes here start one past one: \
        long enough, never aligned. Pruning on max gap >= size cannot tell: limit-aware enters \
        them (10 visits among 11 nodes) before taking 0xfffb8. Maple asks for 4 + 4 - 1 = 7 \
        pages: :policy maple lands at 0xfffac.
        """,
        policy: .limitAware,
        scenario: """
        # iovascope tour, chapter 8: The alignment trap.
        # Eight 4-page holes that each start one page past a multiple of 4, then one that starts on
        # one. Every hole is as big as the request; only the last holds a 4-aligned block. Highest
        # fit takes it, at 0xfffb8; maple searches for 4 + 4 - 1 = 7 pages and goes below them all.

        """ + alignmentTrapCommands,
        operation: 29, step: 26)

    static let alignAwareKey = TourChapter(
        number: 9, slug: "09-align-aware-key", title: "align-aware: a key that sees alignment",
        narration: """
        Chapter 8, align-aware (left) beside limit-aware. Per child, a node keeps the largest key \
        (a,r) below: a = largest aligned 2^a block, r = pages from the first 2^(a+1)-aligned pfn \
        up. These holes are (1,1); an aligned 4 needs a >= 2, or a = 1 and r >= 4: the subtree \
        of [0xfffd5..0xfffd8] is skipped unentered. 6 visits, not 10.
        """,
        policy: .alignAware,
        scenario: """
        # iovascope tour, chapter 9: align-aware: a key that sees alignment.
        # Chapter 8's commands. Compared with limit-aware: the same answers; the last request
        # skips the subtree of [0xfffd5..0xfffd8] by the key its parent keeps.

        """ + alignmentTrapCommands,
        operation: 29, step: 19, compare: .limitAware)

    /// Chapters 8 and 9: eight misaligned 4-page holes above one aligned one, then an aligned 4.
    static let alignmentTrapCommands = """
        domain start=1 granule=4096
        alloc 3 limit=dma32             # 0xffffd
        alloc 4 limit=dma32             # 0xffff9, a hole to be
        alloc 4 limit=dma32             # 0xffff5
        alloc 4 limit=dma32             # 0xffff1, a hole to be
        alloc 4 limit=dma32             # 0xfffed
        alloc 4 limit=dma32             # 0xfffe9, a hole to be
        alloc 4 limit=dma32             # 0xfffe5
        alloc 4 limit=dma32             # 0xfffe1, a hole to be
        alloc 4 limit=dma32             # 0xfffdd
        alloc 4 limit=dma32             # 0xfffd9, a hole to be
        alloc 4 limit=dma32             # 0xfffd5
        alloc 4 limit=dma32             # 0xfffd1, a hole to be
        alloc 4 limit=dma32             # 0xfffcd
        alloc 4 limit=dma32             # 0xfffc9, a hole to be
        alloc 4 limit=dma32             # 0xfffc5
        alloc 4 limit=dma32             # 0xfffc1, a hole to be
        alloc 5 limit=dma32             # 0xfffbc
        alloc 4 limit=dma32             # 0xfffb8, the aligned hole to be
        alloc 8 limit=dma32             # 0xfffb0
        free 0xffff9                    # 4 pages, not 4-aligned
        free 0xffff1                    # 4 pages, not 4-aligned
        free 0xfffe9                    # 4 pages, not 4-aligned
        free 0xfffe1                    # 4 pages, not 4-aligned
        free 0xfffd9                    # 4 pages, not 4-aligned
        free 0xfffd1                    # 4 pages, not 4-aligned
        free 0xfffc9                    # 4 pages, not 4-aligned
        free 0xfffc1                    # 4 pages, not 4-aligned
        free 0xfffb8                    # 4 pages, 4-aligned
        alloc 4 limit=dma32 aligned     # 0xfffb8 (maple: 0xfffac)

        """
}
