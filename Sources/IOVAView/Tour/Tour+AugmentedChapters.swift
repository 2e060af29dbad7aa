/// Chapters on the augmented rb-tree (docs/algorithms/gap-tree.md): pruning, how the limit
/// defeats it, patch 3/4's second field, and the limit-aware descent.
extension Tour {
    static let augmentedTree = TourChapter(
        number: 3, slug: "03-augmented-tree", title: "v2: the augmented tree prunes by max gap",
        narration: """
        Rik van Riel's v2 (patches 1-2) gives each node gap_to_prev, the free pages \
        just below it (g=), and __subtree_max_gap, the largest in its subtree (mg=). The search \
        goes right (higher) first and skips subtrees whose mg is too small. Of the holes of 16, \
        16 and 32 pages, this 32-page request takes [0xffffeb0..0xffffecf], the highest fit, \
        in 10 visits (mainline: 15).
        """,
        policy: .augmented,
        scenario: """
        # iovascope tour, chapter 3: v2: the augmented tree prunes by max gap.
        # 24 ranges of 16 pages for a 40-bit device, then holes of 16, 16 and 32 pages. The
        # 32-page request skips subtrees whose max gap is 16 and lands in the 32-page hole.
        domain start=1 granule=4096

        """ + repeated("alloc 16 limit=dma40", 24) + """
        free 0xfffffc0          # a 16-page hole
        free 0xfffff40          # another
        free 0xffffec0          # with the next free: one 32-page hole
        free 0xffffeb0
        alloc 32 limit=dma40    # [0xffffeb0..0xffffecf]

        """,
        operation: 29, step: 34)

    /// 24 ranges of 16 pages at the top of a 40-bit space with every other one freed: eleven
    /// 16-page holes above 4 GiB. Then `requests`.
    static func fragmentedHigh(_ header: String, requests: String) -> String {
        var frees = ""
        for i in stride(from: 2, to: 24, by: 2) {
            frees += "free 0x" + String(0xffffff0 - 16 * (i - 1), radix: 16) + "\n"
        }
        return header + "domain start=1 granule=4096\n" + repeated("alloc 16 limit=dma40", 24) + frees + requests
    }

    static let limitDefeatsPruning = TourChapter(
        number: 4, slug: "04-limit-defeats-pruning", title: "Why the limit defeats the pruning",
        narration: """
        __subtree_max_gap ignores the limit. Eleven 16-page holes above 4 GiB \
        give almost every subtree mg >= 16, so none is skipped, yet no hole is below the 32-bit \
        limit. This dma32 request visits all 14 nodes, rejecting each gap only once clamped to \
        the limit, then takes [0xffff0..0xfffff] below the lowest node: O(n) again, chapter 2 \
        inside the new tree.
        """,
        policy: .augmented,
        scenario: fragmentedHigh("""
        # iovascope tour, chapter 4: Why the limit defeats the pruning.
        # Eleven 16-page holes above 4 GiB: __subtree_max_gap >= 16 nearly everywhere, so the
        # 32-bit request (op 36) visits every node under the augmented policy.

        """, requests: "alloc 16 limit=dma32    # [0xffff0..0xfffff]\n"),
        operation: 36, step: 51)

    static let maxGap32 = TourChapter(
        number: 5, slug: "05-subtree-max-gap32", title: "Patch 3/4: __subtree_max_gap32, for dma32 only",
        narration: """
        Patch 3/4 adds __subtree_max_gap32 (mg32=): the largest gap clamped below 4 GiB. \
        Requests limited to 4 GiB prune on it: the dma32 request (op 36, press [) needs 7 \
        visits, not 14. This 33-bit mask is above 4 GiB, so it falls back to __subtree_max_gap \
        and visits all 14 nodes. Robin Murphy: a special case for 32 bits means the search is \
        not right.
        """,
        policy: .augmented32,
        scenario: fragmentedHigh("""
        # iovascope tour, chapter 5: Patch 3/4: __subtree_max_gap32, for dma32 only.
        # Chapter 4's domain. The 32-bit request prunes on __subtree_max_gap32; the 33-bit one
        # cannot, and visits every node again.

        """, requests: """
        alloc 16 limit=dma32    # [0xffff0..0xfffff]
        alloc 16 limit=dma33    # [0x1ffff0..0x1fffff]

        """),
        operation: 37, step: 51)

    static let limitAwareDescent = TourChapter(
        number: 6, slug: "06-limit-aware-descent", title: "The limit-aware descent, for any mask",
        narration: """
        One field is enough. A node at or above the limit has nothing usable to \
        its right: skip that subtree ("above limit"), go left. Below the limit, a node's gap and \
        left subtree lie wholly under it, where mg is exact. Only one path is bounded: 4 visits \
        here and for dma32, 5 for dma36 (augmented: 14, 14, 15), same answers.
        """,
        policy: .limitAware,
        scenario: fragmentedHigh("""
        # iovascope tour, chapter 6: The limit-aware descent, for any mask.
        # Chapter 4's domain; 32-, 33- and 36-bit requests, each O(log n) on __subtree_max_gap
        # alone (compare: iovascope compare FILE).

        """, requests: """
        alloc 16 limit=dma32    # [0xffff0..0xfffff]
        alloc 16 limit=dma33    # [0x1ffff0..0x1fffff]
        alloc 16 limit=dma36    # [0xfffff0..0xffffff]

        """),
        operation: 37, step: 14)
}
