extension PolicyName {
    public static let augmented32 = PolicyName("augmented32")
}

extension Augmented32Policy {
    public static let descriptor = PolicyDescriptor(
        name: .augmented32,
        tagline: "v2 with patch 3/4: a second, 32-bit-clamped max gap for dma32 requests",
        summary: """
        v2 with patch 3/4: adds clamped_gap32 and __subtree_max_gap32, the part of each gap \
        below 4 GiB. Requests with limit ≤ 4 GiB prune on it and stay O(log n); any other \
        binding limit (33- to 56-bit masks) degrades as in augmented. Exact highest fit.
        """,
        type: Augmented32Policy.self,
        treeKind: .redBlack,
        memoryModel: MemoryModel(
            structBytes: MemoryFootprint.rbIOVABytes + 8 * MaxGap32Fields.extraWords, nodeBytes: 0,
            note: "struct iova grows by four words to 72 bytes: two 64-byte lines per object"),
        pseudoCode: .gapTree(alloc: GapTreePseudoCode.augmentedAlloc(true), allocLine: GapTreePseudoCode.augmentedLine)
    )
}
