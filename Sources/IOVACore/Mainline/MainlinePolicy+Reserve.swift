// Reservation: behaves like `reserve_iova()` (docs/algorithms/mainline.md § Reserve). Overlapped nodes
// are stretched down in place, never merged or split; only what lies above the last
// overlapped node becomes a new node. Cached nodes and max32 are left alone.

extension MainlinePolicy {
    public mutating func reserve<O: AllocatorObserver>(lo requestLo: UInt64, hi: UInt64, observer: inout O) -> PFNRange? {
        // Beyond the domain's addressable pfns: the kernel warns and returns NULL.
        guard (requestLo | hi) <= config.maxPFN else { return nil }
        let lo: UInt64
        switch tree.reserveScan(lo: requestLo, hi: hi, observer: &observer, stretched: { _, _, _ in }) {
        case .existing(let n): return tree.range(n)
        case .remainder(let rest): lo = rest
        }
        let node = tree.insert(lo: lo, hi: hi, observer: &observer)
        precondition(node.exists, "reserve remainder [\(lo), \(hi)] collides with an existing key")
        return tree.range(node)
    }
}
