/// The DMA path without an observer, for benchmarks (`bench churn64-fast`): the same steps as
/// `allocFast(…observer:)`, `freeFast(…observer:)` and `flushAll(…observer:)`, with the tree
/// reached through the policy's plain `alloc`/`free` — each policy compiles those with the
/// no-op observer in its own module — and the magazines through `get`/`insert` with the no-op
/// observer, compiled here. A caller in another module, generic over the policy, then pays one
/// protocol call per tree operation and no generic events. `RCachePlainTests` holds the two
/// versions to the same answers.
extension RCache {
    /// `alloc_iova_fast(size, limit, flush)` on `cpu`, unobserved.
    public mutating func allocFast<P: IOVAPolicy>(size requested: UInt64, limit: UInt64, flush: Bool, cpu: Int,
                                                  policy: inout P) -> FastAllocOutcome {
        var none = NullObserver()
        let size = Self.roundedSize(requested)
        if let k = Self.sizeClass(of: size), let pfn = get(k, cpu: cpu, bound: limit &+ 1 &- size, observer: &none), pfn != 0 {
            return FastAllocOutcome(pfn: pfn, source: .rcache, visits: 0)
        }
        var visits = 0
        var flush = flush
        var source = FastSource.tree
        while true {
            let outcome = policy.alloc(size: size, limit: limit, aligned: true)
            visits += outcome.visits
            if let range = outcome.range {
                // alloc_iova_fast returns pfn_lo, and 0 means failure to every caller.
                return FastAllocOutcome(pfn: range.lo == 0 ? nil : range.lo, source: range.lo == 0 ? nil : source, visits: visits)
            }
            guard flush else { return FastAllocOutcome(pfn: nil, source: nil, visits: visits) }
            flush = false
            source = .flush
            _ = flushAll(policy: &policy)
        }
    }

    /// `free_iova_fast(pfn, size)` on `cpu`, unobserved.
    public mutating func freeFast<P: IOVAPolicy>(pfn: UInt64, size: UInt64, cpu: Int, policy: inout P) -> FastFreeOutcome {
        guard let k = Self.sizeClass(of: size) else { return .tree(found: policy.free(pfn: pfn)) }
        var none = NullObserver()
        insert(k, pfn: pfn, cpu: cpu, observer: &none)
        return .rcache
    }

    /// Every cached pfn back to the tree (as `flushAll(policy:observer:)`), unobserved. Returns
    /// the ranges really removed.
    public mutating func flushAll<P: IOVAPolicy>(policy: inout P) -> Int {
        var freed = 0
        for cpu in 0..<cpuCount {
            for k in 0..<Self.classCount {
                freed += Self.release(&classes[k].cpus[cpu].loaded, policy: &policy)
                freed += Self.release(&classes[k].cpus[cpu].prev, policy: &policy)
            }
        }
        for k in 0..<Self.classCount {
            while var m = classes[k].depot.popLast() {
                freed += Self.release(&m, policy: &policy)
            }
        }
        return freed
    }

    /// `iova_magazine_free_pfns`, unobserved.
    static func release<P: IOVAPolicy>(_ m: inout Magazine, policy: inout P) -> Int {
        var freed = 0
        for pfn in m.pfns where policy.free(pfn: pfn) { freed += 1 }
        m.pfns.removeAll()
        return freed
    }
}
