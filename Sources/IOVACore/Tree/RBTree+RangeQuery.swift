extension RBTree {
    /// Calls `body` for every node whose range intersects `window`, in ascending order: one
    /// descent to the first such node, then successors. The visualizer's range index uses it
    /// to re-read only the part of the address space an operation changed.
    public func forEachNode(intersecting window: PFNRange, _ body: (NodeID) -> Void) {
        // The last node starting at or below window.lo: it intersects when it reaches that far.
        var n = root
        var floor = NodeID.none
        while n.exists {
            if nodes[n.index].lo <= window.lo {
                floor = n
                n = nodes[n.index].right
            } else {
                n = nodes[n.index].left
            }
        }
        var at = floor.exists && nodes[floor.index].hi >= window.lo ? floor : (floor.exists ? next(floor) : first)
        while at.exists, nodes[at.index].lo <= window.hi {
            body(at)
            at = next(at)
        }
    }
}
