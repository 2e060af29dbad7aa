/// `align-aware`: `limit-aware`'s descent with one more augmented key, so that size-aligned
/// requests prune exactly (docs/algorithms/align-aware.md).
///
/// Every `dma-iommu` allocation is size-aligned, but a gap of at least `size` pages may hold no
/// aligned block of `size` pages: the max-gap trees then enter subtrees that cannot serve the
/// request (the alignment trap). Each node here also keeps, for each child, the largest
/// `AlignKey` of the gaps in that child's subtree; a child whose key is below `2^o + size` is
/// skipped without being entered, and one whose key passes holds a gap that serves the
/// request. Gaps cut by the limit are handled on the boundary path as `limit-aware` handles
/// them, so an aligned request enters at most two root-to-leaf paths, O(log n) under any mask
/// (unaligned requests prune on the max gap, as in `limit-aware`). The answers are the exact
/// highest fit, those of `augmented` and `limit-aware`.
///
/// One gap can look better to the key than it is: the one holding pfns below `start_pfn` (the
/// key does not know `start_pfn`). The search checks that gap like any other and moves on; it
/// lies on the leftmost path, so it costs at most that path.
public struct AlignAwarePolicy: GapTreePolicy {
    public var domain: GapTreeDomain<AlignGapFields>
    public init(domain: GapTreeDomain<AlignGapFields>) { self.domain = domain }

    public func search<O: AllocatorObserver>(_ request: GapRequest, visits: inout Int, observer: inout O) -> (node: NodeID, start: UInt64)? {
        GapSearch.boundedFit(domain.tree, domain.tree.root, request, visits: &visits, observer: &observer)
    }
}
