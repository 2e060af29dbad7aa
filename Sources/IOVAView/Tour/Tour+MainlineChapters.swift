/// Chapters on mainline `iova.c` (docs/algorithms/mainline.md): the walk, its pathology, its quirks.
extension Tour {
    static let nextFit = TourChapter(
        number: 1, slug: "01-next-fit", title: "Mainline: next-fit from a cached node",
        narration: """
        Mainline keeps two cursors, cached32_node for limits up to 4 GiB and \
        cached_node above, and walks down from the cursor to the first gap that holds \
        the request. Op 6 took 0x7ffff under a lower limit and left cached32_node there, so \
        this 32-bit request lands at 0x7fffb though 0x80000..0xffff3 is free: next-fit, not \
        highest fit. Op 8 starts at cached_node.
        """,
        policy: .mainline,
        scenario: """
        # iovascope tour, chapter 1: Mainline: next-fit from a cached node.
        # Two cursors: cached32_node for limits <= 4 GiB, cached_node above. Op 7 starts at
        # cached32_node = [0x7ffff] (left by op 6's lower limit) and lands at 0x7fffb, below
        # 0x80000..0xffff3, which is free: next-fit. Op 8 walks from cached_node instead.
        domain start=1 granule=4096
        alloc 4 limit=dma32     # 0xffffc
        alloc 4 limit=dma32     # 0xffff8
        alloc 4 limit=dma32     # 0xffff4
        alloc 4 limit=dma40     # 0xffffffc: cached_node moves, cached32_node stays
        alloc 4 limit=dma40     # 0xffffff8
        alloc 1 limit=0x7ffff   # 0x7ffff: below 4 GiB, so it becomes cached32_node
        alloc 4 limit=dma32     # 0x7fffb, not 0xffff0
        alloc 4 limit=dma40     # 0xffffff4, from cached_node

        """,
        operation: 7, step: 4)

    static let firstDMA32Walk = TourChapter(
        number: 2, slug: "02-first-32bit-walk", title: "The first 32-bit allocation walks every node",
        narration: """
        A 40-bit device holds 16 ranges just below 0x10000000. No 32-bit request has \
        run yet, so cached32_node is still the anchor at the top, and the first one walks down \
        through every 64-bit node before it reaches 4 GiB: 17 visits here, thousands in \
        production, under the domain's spinlock: soft lockups. The next 32-bit request starts \
        at 0xffff0 and needs 1 visit.
        """,
        policy: .mainline,
        scenario: """
        # iovascope tour, chapter 2: The first 32-bit allocation walks every node.
        # 16 ranges for a 40-bit device; cached32_node is still the anchor, so the first 32-bit
        # request (op 17) walks all 17 nodes down from the top. Op 18 needs one visit.
        domain start=1 granule=4096

        """ + repeated("alloc 16 limit=dma40", 16) + """
        alloc 16 limit=dma32    # 0xffff0 after 17 visits
        alloc 16 limit=dma32    # 0xfffe0 after 1

        """,
        operation: 17, step: 18)

    static let max32AndRetry = TourChapter(
        number: 10, slug: "10-max32-and-retry", title: "max32_alloc_size and the retry pass",
        narration: """
        Scenario A of the retry commit, limit 0x3ffff. This 512-page request walks \
        down from cached32_node [0x0..0xcff], fails at the bottom, then retries from the limit \
        and finds the hole at 0x20a00 (older kernels failed). A failure stores its size in \
        max32_alloc_size: op 7 fails after a walk, op 8 (same size) fails at once, until a \
        free below 4 GiB resets it.
        """,
        policy: .mainline,
        scenario: """
        # iovascope tour, chapter 10: max32_alloc_size and the retry pass.
        # Scenario A (docs/algorithms/mainline.md § Golden results), then two failures: the first walks and sets
        # max32_alloc_size to 0x1000, the second fails at once on it; smaller sizes still work.
        domain start=0 granule=4096
        alloc 0x1f400 limit=0x3ffff   # 0x20c00
        alloc 0xc00 limit=0x3ffff     # 0x20000
        alloc 0x1f300 limit=0x3ffff   # 0xd00
        free 0x20000                  # cached32_node -> [0x20c00..0x3ffff]
        alloc 0xd00 limit=0x3ffff     # 0x0; cached32_node -> [0x0..0xcff]
        alloc 0x200 limit=0x3ffff     # 0x20a00, found by the retry pass
        alloc 0x1000 limit=0x3ffff    # fails after a walk: max32_alloc_size = 0x1000
        alloc 0x1000 limit=0x3ffff    # fails at once
        alloc 0x100 limit=0x3ffff     # 0x20900

        """,
        operation: 6, step: 4)
}
