/// Where an `alloc_iova_fast` answer came from.
public enum FastSource: Sendable, Equatable {
    /// Popped from a magazine: no tree search.
    case rcache
    /// `alloc_iova` found it.
    case tree
    /// `alloc_iova` found it after the caches were flushed back to the tree.
    case flush
}

/// The answer to `alloc_iova_fast`.
public struct FastAllocOutcome: Hashable, Sendable {
    /// The pfn handed out; nil for a failure (the kernel returns 0, so a range placed at pfn 0
    /// is reported as a failure and stays allocated).
    public var pfn: UInt64?
    public var source: FastSource?
    /// Tree search steps of every attempt (0 when a magazine answered).
    public var visits: Int
    public init(pfn: UInt64?, source: FastSource?, visits: Int) {
        self.pfn = pfn
        self.source = source
        self.visits = visits
    }
}

extension RCache {
    /// `alloc_iova_fast(size, limit, flush)` on `cpu`: a magazine first, then the tree
    /// (size-aligned), and with `flush` one more tree attempt after every cache is flushed.
    public mutating func allocFast<P: IOVAPolicy, O: AllocatorObserver>(
        size requested: UInt64, limit: UInt64, flush: Bool, cpu: Int, policy: inout P, observer: inout O
    ) -> FastAllocOutcome {
        let size = Self.roundedSize(requested)
        let k = Self.sizeClass(of: size)
        observer.record(.fastAllocStarted(size: requested, rounded: size, limit: limit, cpu: cpu, sizeClass: k))
        if let k, let pfn = get(k, cpu: cpu, bound: limit &+ 1 &- size, observer: &observer), pfn != 0 {
            return FastAllocOutcome(pfn: pfn, source: .rcache, visits: 0)
        }
        var visits = 0
        var flush = flush
        var source = FastSource.tree
        while true {
            let outcome = policy.alloc(size: size, limit: limit, aligned: true, observer: &observer)
            visits += outcome.visits
            if let range = outcome.range {
                // alloc_iova_fast returns pfn_lo, and 0 means failure to every caller.
                return FastAllocOutcome(pfn: range.lo == 0 ? nil : range.lo, source: range.lo == 0 ? nil : source, visits: visits)
            }
            guard flush else { return FastAllocOutcome(pfn: nil, source: nil, visits: visits) }
            flush = false
            source = .flush
            observer.record(.rcacheFlushStarted)
            _ = flushAll(policy: &policy, observer: &observer)
        }
    }

    /// `__iova_rcache_get`: the CPU's loaded magazine, else its prev (swapped in), else a full
    /// magazine from the depot; then a pop of the newest pfn at or below `bound`.
    mutating func get<O: AllocatorObserver>(_ k: Int, cpu: Int, bound: UInt64, observer: inout O) -> UInt64? {
        // In place: a copy of the CPU's magazines would share their buffers, and the pop would
        // then copy the whole magazine (copy-on-write) on every request.
        classes[k].pop(cpu: cpu, sizeClass: k, bound: bound, observer: &observer)
    }
}

extension RCache.SizeClass {
    /// `__iova_rcache_get` on this class, for `cpu`.
    mutating func pop<O: AllocatorObserver>(cpu: Int, sizeClass k: Int, bound: UInt64, observer: inout O) -> UInt64? {
        if !cpus[cpu].loaded.isEmpty {
        } else if !cpus[cpu].prev.isEmpty {
            cpus[cpu].swapMagazines()
            observer.record(.magazinesSwapped(cpu: cpu, sizeClass: k))
        } else if let full = depot.popLast() {
            cpus[cpu].loaded = full
            observer.record(.depotPopped(cpu: cpu, sizeClass: k, depot: depot.count))
        } else {
            observer.record(.magazineMiss(cpu: cpu, sizeClass: k, bound: bound, empty: true))
            return nil
        }
        return cpus[cpu].loaded.pop(atOrBelow: bound, cpu: cpu, sizeClass: k, observer: &observer)
    }
}

extension RCache.Magazine {
    /// Scans from the newest pfn down for one at or below the bound and swap-removes it.
    mutating func pop<O: AllocatorObserver>(atOrBelow bound: UInt64, cpu: Int, sizeClass k: Int, observer: inout O) -> UInt64? {
        var i = pfns.count - 1
        while pfns[i] > bound {
            observer.record(.magazineSkipped(pfn: pfns[i], bound: bound))
            if i == 0 {
                observer.record(.magazineMiss(cpu: cpu, sizeClass: k, bound: bound, empty: false))
                return nil
            }
            i -= 1
        }
        let pfn = pfns[i]
        pfns[i] = pfns[pfns.count - 1]
        pfns.removeLast()
        observer.record(.magazinePopped(pfn: pfn, cpu: cpu, sizeClass: k, left: pfns.count))
        return pfn
    }
}
