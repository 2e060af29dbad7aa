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
        An aligned 4-page block must start at a multiple of 4. The hole \
        [0xffff9..0xffffc] has 4 pages but no such block, so pruning on gap >= size enters it \
        for nothing before taking [0xffff0..0xffff3]; many such holes make the walk long again. \
        Maple asks for size + align - 1 = 7 pages, which always fit, and skips both holes: \
        :policy maple lands at 0xfffe4.
        """,
        policy: .limitAware,
        scenario: """
        # iovascope tour, chapter 8: The alignment trap.
        # Two 4-page holes: [0xffff9..0xffffc] holds no 4-aligned block, [0xffff0..0xffff3]
        # does. Highest fit takes the second; maple searches for 4 + 4 - 1 = 7 pages and takes
        # 0xfffe4, below both.
        domain start=1 granule=4096
        alloc 3 limit=dma32             # 0xffffd
        alloc 4 limit=dma32             # 0xffff9
        alloc 5 limit=dma32             # 0xffff4
        alloc 4 limit=dma32             # 0xffff0
        alloc 8 limit=dma32             # 0xfffe8
        free 0xffff9                    # a 4-page hole, not 4-aligned
        free 0xffff0                    # a 4-page hole, 4-aligned
        alloc 4 limit=dma32 aligned     # 0xffff0 (maple: 0xfffe4)

        """,
        operation: 8, step: 7)
}
