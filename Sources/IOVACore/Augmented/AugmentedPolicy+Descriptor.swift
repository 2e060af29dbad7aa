extension PolicyName {
    public static let augmented = PolicyName("augmented")
}

extension AugmentedPolicy {
    public static let descriptor = PolicyDescriptor(
        name: .augmented,
        tagline: "v2 patches 1-2: max-gap pruning; the limit does not prune",
        summary: """
        Rik van Riel's v2, patches 1–2: every node keeps gap_to_prev (the free pages below it) \
        and __subtree_max_gap. Exact highest fit by a right-first search that skips subtrees \
        whose max gap is below the size. The limit does not prune: when it binds (a 32-bit \
        request among 64-bit allocations) every subtree holding a big-enough gap above the \
        limit is still entered, and the search degrades towards O(n).
        """,
        type: AugmentedPolicy.self,
        treeKind: .redBlack,
        memoryModel: MemoryModel(
            structBytes: MemoryFootprint.rbIOVABytes + 8 * MaxGapFields.extraWords, nodeBytes: 0,
            note: "struct iova grows by gap_to_prev and __subtree_max_gap to 56 bytes: still one 64-byte object"),
        pseudoCode: .gapTree(alloc: GapTreePseudoCode.augmentedAlloc(false), allocLine: GapTreePseudoCode.augmentedLine)
    )
}
