extension PolicyName {
    public static let alignAware = PolicyName("align-aware")
}

extension AlignAwarePolicy {
    public static let descriptor = PolicyDescriptor(
        name: .alignAware,
        tagline: "ours: limit-aware plus an alignment key per subtree: O(log n) for aligned requests too",
        summary: """
        Beyond the thread: limit-aware's descent, and each node also keeps, per child, the \
        largest alignment key of the gaps in that child's subtree — for a gap, a = the order of \
        the largest aligned power-of-two block it holds and r = the pages from its first \
        2^(a+1)-aligned pfn to its top, packed as 2^(a+1)+r. A size-aligned request (aligned \
        to 2^o) fits a gap iff its key is at least 2^o+size, so the search skips exactly the \
        subtrees that cannot serve it, without entering them, where the max-gap trees are \
        drawn into gaps that are big enough but misaligned. Exact highest fit (the answers of \
        augmented and limit-aware); an aligned request enters at most two root-to-leaf paths \
        under any mask, an unaligned one searches as limit-aware.
        """,
        type: AlignAwarePolicy.self,
        treeKind: .redBlack,
        memoryModel: MemoryModel(
            structBytes: MemoryFootprint.rbIOVABytes + 8 * AlignGapFields.extraWords, nodeBytes: 0,
            note: "struct iova grows by gap_to_prev, __subtree_max_gap and two 32-bit child keys to 64 bytes: one 64-byte object"),
        pseudoCode: .gapTree(alloc: AlignAwarePseudoCode.alloc, allocLine: AlignAwarePseudoCode.line)
    )
}
