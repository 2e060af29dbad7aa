extension MainlinePolicy {
    /// The tree's own rules plus the domain's: the anchor is live, is `[2^64-1, 2^64-1]` and
    /// is the last node; both cached nodes are live.
    public func validate() -> [InvariantViolation] {
        var problems = tree.validateStructure()
        if !tree.isLive(anchor) {
            problems.append(.init(anchor, "anchor is not in the tree"))
            return problems
        }
        if tree.range(anchor) != PFNRange(lo: DomainConfig.anchorPFN, hi: DomainConfig.anchorPFN) {
            problems.append(.init(anchor, "anchor holds \(tree.range(anchor))"))
        }
        if tree.last != anchor { problems.append(.init(tree.last, "the last node is not the anchor")) }
        if !tree.isLive(cachedNode) { problems.append(.init(cachedNode, "cached_node is not a live node")) }
        if !tree.isLive(cached32Node) { problems.append(.init(cached32Node, "cached32_node is not a live node")) }
        return problems
    }
}
