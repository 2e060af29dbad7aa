/// Where `free_iova_fast` put a pfn.
public enum FastFreeOutcome: Hashable, Sendable {
    /// Pushed into a magazine: the range stays allocated in the tree.
    case rcache
    /// Too large to cache: `free_iova` on the tree; `found` says whether a range was there.
    case tree(found: Bool)
}

extension RCache {
    /// `free_iova_fast(pfn, size)` on `cpu`. The class is `order_base_2(size)` of the size as
    /// given (callers pass the unrounded length; its order matches the allocation's class).
    /// A cacheable pfn goes to a magazine even if the tree never held it, as in the kernel.
    public mutating func freeFast<P: IOVAPolicy, O: AllocatorObserver>(
        pfn: UInt64, size: UInt64, cpu: Int, policy: inout P, observer: inout O
    ) -> FastFreeOutcome {
        guard let k = Self.sizeClass(of: size) else {
            return .tree(found: policy.free(pfn: pfn, observer: &observer))
        }
        insert(k, pfn: pfn, cpu: cpu, observer: &observer)
        return .rcache
    }

    /// `__iova_rcache_insert`: into the loaded magazine, else into prev (swapped in), else the
    /// full loaded magazine goes to the depot (scheduling the class's trim) and a new one
    /// takes its place.
    mutating func insert<O: AllocatorObserver>(_ k: Int, pfn: UInt64, cpu: Int, observer: inout O) {
        classes[k].push(pfn, cpu: cpu, sizeClass: k, observer: &observer)   // in place, as `get`
    }

    /// `free_cpu_cached_iovas` for every online CPU, then `free_global_cached_iovas`: every
    /// cached pfn back to the tree, class by class (loaded, then prev; then the depot from its
    /// top). Returns the ranges really removed (a pfn with no range is skipped).
    public mutating func flushAll<P: IOVAPolicy, O: AllocatorObserver>(policy: inout P, observer: inout O) -> Int {
        var freed = 0
        for cpu in 0..<cpuCount {
            for k in 0..<Self.classCount {
                freed += Self.release(&classes[k].cpus[cpu].loaded, policy: &policy, observer: &observer)
                freed += Self.release(&classes[k].cpus[cpu].prev, policy: &policy, observer: &observer)
            }
        }
        for k in 0..<Self.classCount {
            while var m = classes[k].depot.popLast() {
                freed += Self.release(&m, policy: &policy, observer: &observer)
            }
        }
        return freed
    }

    /// `IOVA_DEPOT_DELAY` passes: each class's pending trim runs once, in class order. A trim
    /// frees the depot's top magazine while the depot holds more magazines than online CPUs,
    /// and then schedules itself again. Returns the ranges removed from the tree.
    public mutating func tick<P: IOVAPolicy, O: AllocatorObserver>(policy: inout P, observer: inout O) -> Int {
        var freed = 0
        for k in 0..<Self.classCount where classes[k].trimPending {
            classes[k].trimPending = false
            guard classes[k].depot.count > cpuCount, var m = classes[k].depot.popLast() else { continue }
            observer.record(.depotTrimmed(sizeClass: k, depot: classes[k].depot.count))
            freed += Self.release(&m, policy: &policy, observer: &observer)
            classes[k].trimPending = true
        }
        return freed
    }

    /// `iova_magazine_free_pfns`: each pfn's range out of the tree, oldest first.
    static func release<P: IOVAPolicy, O: AllocatorObserver>(_ m: inout Magazine, policy: inout P, observer: inout O) -> Int {
        var freed = 0
        for pfn in m.pfns {
            let found = policy.free(pfn: pfn, observer: &observer)
            observer.record(.cachedReleased(pfn: pfn, found: found))
            if found { freed += 1 }
        }
        m.pfns.removeAll()
        return freed
    }
}

extension RCache.SizeClass {
    /// `__iova_rcache_insert` on this class, for `cpu`.
    mutating func push<O: AllocatorObserver>(_ pfn: UInt64, cpu: Int, sizeClass k: Int, observer: inout O) {
        if !cpus[cpu].loaded.isFull {
        } else if !cpus[cpu].prev.isFull {
            cpus[cpu].swapMagazines()
            observer.record(.magazinesSwapped(cpu: cpu, sizeClass: k))
        } else {
            depot.append(cpus[cpu].loaded)
            trimPending = true
            cpus[cpu].loaded = RCache.Magazine()
            observer.record(.depotPushed(cpu: cpu, sizeClass: k, depot: depot.count))
        }
        cpus[cpu].loaded.push(pfn)
        observer.record(.magazinePushed(pfn: pfn, cpu: cpu, sizeClass: k, count: cpus[cpu].loaded.count))
    }
}

extension RCache.Magazine {
    /// Appends a pfn; a fresh magazine takes its full size at once rather than growing in steps.
    mutating func push(_ pfn: UInt64) {
        if pfns.isEmpty { pfns.reserveCapacity(RCache.magazineSize) }
        pfns.append(pfn)
    }
}

extension RCache.CPUMagazines {
    /// Swaps `loaded` and `prev` (one access to the pair, so the caller may hold it in place).
    mutating func swapMagazines() { swap(&loaded, &prev) }
}
