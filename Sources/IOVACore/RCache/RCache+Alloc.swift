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
        var mags = classes[k].cpus[cpu]
        defer { classes[k].cpus[cpu] = mags }
        if !mags.loaded.isEmpty {
        } else if !mags.prev.isEmpty {
            swap(&mags.loaded, &mags.prev)
            observer.record(.magazinesSwapped(cpu: cpu, sizeClass: k))
        } else if let full = classes[k].depot.popLast() {
            mags.loaded = full
            observer.record(.depotPopped(cpu: cpu, sizeClass: k, depot: classes[k].depot.count))
        } else {
            observer.record(.magazineMiss(cpu: cpu, sizeClass: k, bound: bound, empty: true))
            return nil
        }
        // Scan from the newest pfn down for one at or below the bound; swap-remove it.
        var i = mags.loaded.pfns.count - 1
        while mags.loaded.pfns[i] > bound {
            observer.record(.magazineSkipped(pfn: mags.loaded.pfns[i], bound: bound))
            if i == 0 {
                observer.record(.magazineMiss(cpu: cpu, sizeClass: k, bound: bound, empty: false))
                return nil
            }
            i -= 1
        }
        let pfn = mags.loaded.pfns[i]
        mags.loaded.pfns[i] = mags.loaded.pfns[mags.loaded.pfns.count - 1]
        mags.loaded.pfns.removeLast()
        observer.record(.magazinePopped(pfn: pfn, cpu: cpu, sizeClass: k, left: mags.loaded.count))
        return pfn
    }
}
