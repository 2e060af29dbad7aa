extension PolicyName {
    /// What the policy models, how it places a request, and what it costs — the text
    /// `iovascope policies` prints and the visualizer's explanation pane starts from.
    public var summary: String {
        switch self {
        case .mainline:
            return """
            Linux drivers/iommu/iova.c (6.12 … 7.1), bit-exact. Next-fit: the walk starts at \
            cached_node (cached32_node for limits ≤ 4 GiB) and goes down in address order until a \
            gap holds the request; if it reaches start_pfn, one retry pass searches from the limit \
            down to the node it started at. Costs O(nodes walked): the first 32-bit request in a \
            domain of 64-bit allocations walks every node. max32_alloc_size is set by every \
            failure (64-bit ones too) and reset only by frees below 4 GiB.
            """
        case .augmented:
            return """
            Rik van Riel's v2, patches 1–2: every node keeps gap_to_prev (the free pages below it) \
            and __subtree_max_gap. Exact highest fit by a right-first search that skips subtrees \
            whose max gap is below the size. The limit does not prune: when it binds (a 32-bit \
            request among 64-bit allocations) every subtree holding a big-enough gap above the \
            limit is still entered, and the search degrades towards O(n).
            """
        case .augmented32:
            return """
            v2 with patch 3/4: adds clamped_gap32 and __subtree_max_gap32, the part of each gap \
            below 4 GiB. Requests with limit ≤ 4 GiB prune on it and stay O(log n); any other \
            binding limit (33- to 56-bit masks) degrades as in augmented. Exact highest fit.
            """
        case .limitAware:
            return """
            The limit-bounded descent over __subtree_max_gap alone (Robin Murphy's point: a correct \
            descent needs no 32-bit special case). A node at or above the limit has its right \
            subtree skipped; the bounded part follows one root-to-leaf path, so unaligned requests \
            cost O(log n) under any mask. Exact highest fit. Alignment trap: pruning compares the \
            max gap with the size, not size+align-1, so a gap of at least size pages that holds no \
            aligned block (e.g. a 7-page hole at 0xffff1 for 5 pages aligned to 8) still draws the \
            search into its subtree; with many such holes aligned requests cost O(holes) visits.
            """
        case .maple:
            return """
            v3/v4: a maple tree (B-tree of 16-slot leaves and 10-slot internal nodes with per-child \
            max gaps). The reverse empty-area search descends only into children whose recorded \
            max gap holds size+align-1 pages (the "search size"), finds the highest free run with \
            that much room below the limit, and places the range at the top of it, aligned down: \
            O(height) visits under any DMA mask. Aligned requests can pass over a hole that would \
            hold the aligned block exactly (a 2-page hole at an even pfn for an aligned size 2). \
            max32_alloc_size is set only by 32-bit failures; reserve merges every intersecting \
            entry into one. struct iova shrinks to 16 bytes; 256-byte nodes hold the ranges.
            """
        }
    }
}
