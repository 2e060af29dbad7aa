extension PolicyName {
    public static let limitAware = PolicyName("limit-aware")
}

extension LimitAwarePolicy {
    public static let descriptor = PolicyDescriptor(
        name: .limitAware,
        tagline: "the limit-bounded descent over the max gap: O(log n) under any mask",
        summary: """
        The limit-bounded descent over __subtree_max_gap alone (Robin Murphy's point: a correct \
        descent needs no 32-bit special case). A node at or above the limit has its right \
        subtree skipped; the bounded part follows one root-to-leaf path, so unaligned requests \
        cost O(log n) under any mask. Exact highest fit. Alignment trap: pruning compares the \
        max gap with the size, not size+align-1, so a gap of at least size pages that holds no \
        aligned block (e.g. a 7-page hole at 0xffff1 for 5 pages aligned to 8) still draws the \
        search into its subtree; with many such holes aligned requests cost O(holes) visits.
        """,
        type: LimitAwarePolicy.self,
        treeKind: .redBlack,
        memoryModel: MemoryModel(
            structBytes: MemoryFootprint.rbIOVABytes + 8 * MaxGapFields.extraWords, nodeBytes: 0,
            note: "struct iova grows by gap_to_prev and __subtree_max_gap to 56 bytes: still one 64-byte object"),
        pseudoCode: .gapTree(alloc: GapTreePseudoCode.limitAwareAlloc, allocLine: GapTreePseudoCode.limitAwareLine)
    )
}
