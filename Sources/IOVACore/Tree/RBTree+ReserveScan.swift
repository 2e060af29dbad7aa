/// Where `reserve_iova`'s scan ends.
public enum ReserveScanOutcome {
    /// The request ends inside this node (after any stretching): return it.
    case existing(NodeID)
    /// What lies above the last overlapped node, `[lo, hi]`, becomes a new node.
    case remainder(lo: UInt64)
}

extension RBTree {
    /// The scan of `reserve_iova` (docs/algorithms/mainline.md § Reserve), shared by every rb-tree
    /// policy: in address order, each node overlapping `[lo, hi]` is stretched down in place to
    /// swallow the free space below it inside the request (`stretched` runs after each, for gap
    /// upkeep), and the request continues above it; nodes are never merged or split.
    mutating func reserveScan<O: AllocatorObserver>(
        lo requestLo: UInt64, hi: UInt64, observer: inout O,
        stretched: (inout RBTree, NodeID, inout O) -> Void
    ) -> ReserveScanOutcome {
        var lo = requestLo
        var touched = false
        var n = first    // a linear scan from the lowest node, as the kernel's
        while n.exists {
            let node = range(n)
            if lo <= node.hi && hi >= node.lo {
                if lo < node.lo {
                    observer.record(.stretched(n, fromLo: node.lo, toLo: lo))
                    setLo(n, lo)
                    stretched(&self, n, &observer)
                }
                guard hi > node.hi else { return .existing(n) }
                lo = node.hi + 1      // the rest continues above this node
                touched = true
            } else if touched {
                break
            }
            n = next(n)
        }
        return .remainder(lo: lo)
    }
}
