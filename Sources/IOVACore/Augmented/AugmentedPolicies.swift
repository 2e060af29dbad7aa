/// `augmented`: Rik van Riel's v2 patches 1–2 (docs/algorithms/gap-tree.md § augmented). Exact highest fit found by
/// a right-first search pruned by `__subtree_max_gap` alone. The limit does not prune, so when
/// it binds (a 32-bit request in a domain of 64-bit allocations) every subtree holding a large
/// enough gap above the limit is still entered: the search degrades towards O(n).
///
/// `visits`: nodes the search entered (read `__subtree_max_gap` of), pruned ones included.
public struct AugmentedPolicy: GapTreePolicy {
    public var domain: GapTreeDomain<MaxGapFields>
    public init(domain: GapTreeDomain<MaxGapFields>) { self.domain = domain }

    public func search<O: AllocatorObserver>(_ request: GapRequest, visits: inout Int, observer: inout O) -> (node: NodeID, start: UInt64)? {
        GapSearch.highestFit(domain.tree, domain.tree.root, request, visits: &visits, observer: &observer)
    }
}

/// `augmented32`: v2 with patch 3/4, "limit_pfn-aware augmentation for log(n) 32-bit alloc".
/// Each node also tracks `clamped_gap32` and `__subtree_max_gap32`; requests with limit ≤ 4 GiB
/// prune on the 32-bit maximum, which is exact for them. Other limits (33- to 56-bit masks)
/// prune as `augmented` does and degrade the same way.
public struct Augmented32Policy: GapTreePolicy {
    public var domain: GapTreeDomain<MaxGap32Fields>
    public init(domain: GapTreeDomain<MaxGap32Fields>) { self.domain = domain }

    public func search<O: AllocatorObserver>(_ request: GapRequest, visits: inout Int, observer: inout O) -> (node: NodeID, start: UInt64)? {
        GapSearch.highestFit(domain.tree, domain.tree.root, request, visits: &visits, observer: &observer)
    }
}

/// `limit-aware`: the general limit-bounded descent over `__subtree_max_gap` alone (our
/// formulation of Robin Murphy's point, docs/algorithms/gap-tree.md § limit-aware descent). Exact highest fit; subtrees wholly
/// above the limit are skipped, so unaligned requests cost O(log n) visits under any DMA mask.
///
/// Alignment: pruning uses `size`, not `size + align - 1`. A gap of at least `size` pages can
/// still be unable to hold an aligned block (a 2-page hole at an odd pfn for an aligned size 2);
/// such a subtree is entered and searched to the bottom, so aligned requests in a domain full
/// of such holes can again cost O(n) visits. The result stays the exact highest fit.
public struct LimitAwarePolicy: GapTreePolicy {
    public var domain: GapTreeDomain<MaxGapFields>
    public init(domain: GapTreeDomain<MaxGapFields>) { self.domain = domain }

    public func search<O: AllocatorObserver>(_ request: GapRequest, visits: inout Int, observer: inout O) -> (node: NodeID, start: UInt64)? {
        GapSearch.boundedFit(domain.tree, domain.tree.root, request, visits: &visits, observer: &observer)
    }
}
