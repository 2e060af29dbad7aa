// Reservation: behaves like `reserve_iova()` (reference/kernel-iova.md §1.9). Overlapped nodes
// are stretched down in place, never merged or split; only what lies above the last
// overlapped node becomes a new node. Cached nodes and max32 are left alone.

extension MainlinePolicy {
    public mutating func reserve<O: AllocatorObserver>(lo requestLo: UInt64, hi: UInt64, observer: inout O) -> PFNRange? {
        // Beyond the domain's addressable pfns: the kernel warns and returns NULL.
        guard (requestLo | hi) <= config.maxPFN else { return nil }
        var lo = requestLo
        var touched = false
        // A linear scan in address order from the lowest node.
        var n = tree.first
        while n.exists {
            let node = tree.range(n)
            if lo <= node.hi && hi >= node.lo {
                if lo < node.lo {
                    observer.record(.stretched(n, fromLo: node.lo, toLo: lo))
                    tree.setLo(n, lo)
                }
                if hi > node.hi {
                    lo = node.hi + 1      // the rest continues above this node
                } else {
                    return tree.range(n)  // the request ends inside this node
                }
                touched = true
            } else if touched {
                break
            }
            n = tree.next(n)
        }
        let node = tree.insert(lo: lo, hi: hi, observer: &observer)
        precondition(node.exists, "reserve remainder [\(lo), \(hi)] collides with an existing key")
        return tree.range(node)
    }
}
