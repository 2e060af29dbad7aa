import IOVACore
import IOVAStepper

/// The ranges whose pfns sit in a magazine or the depot: "cached but free", still allocated in
/// the tree yet free to drivers (docs/algorithms/rcache.md). Read once per frame, and only when
/// the frame has caches, so frames off the DMA path pay nothing.
///
/// Sorted and disjoint, with page prefix sums: the address bar asks "how many pages of this
/// cell are cached" and the tree "is this node cached", each in O(log n).
public struct CachedRanges: Sendable {
    /// The live ranges holding a cached pfn, ascending. A cached pfn with no range (the kernel
    /// caches whatever `free_iova_fast` is given) is free already and marks nothing.
    let ranges: [PFNRange]
    /// `before[i]`: pages in `ranges[0..<i]`.
    private let before: [UInt64]

    /// nil when the frame has no caches or nothing is cached.
    public init?(_ frame: Frame) {
        guard let rcache = frame.rcache, rcache.cachedCount > 0 else { return nil }
        var pfns: [UInt64] = []
        pfns.reserveCapacity(rcache.cachedCount)
        rcache.forEachCachedPFN { pfn, _ in pfns.append(pfn) }
        pfns.sort()
        var found: [PFNRange] = []
        for pfn in pfns {
            guard let r = frame.ranges.last(startingAtOrBelow: pfn), r.hi >= pfn else { continue }
            if found.last?.lo != r.lo { found.append(r) }
        }
        guard !found.isEmpty else { return nil }
        ranges = found
        var sums: [UInt64] = [0]
        sums.reserveCapacity(found.count + 1)
        for r in found { sums.append(sums[sums.count - 1] &+ r.count) }
        before = sums
    }

    public var count: Int { ranges.count }

    /// Whether `range` (a node's) is one a magazine holds.
    public func contains(_ range: PFNRange) -> Bool {
        let i = lastIndex(startingAtOrBelow: range.lo)
        return i >= 0 && ranges[i].lo == range.lo
    }

    /// Cached pages in `window`.
    public func pages(in window: PFNRange) -> UInt64 {
        let upper = pages(atOrBelow: window.hi)
        return window.lo == 0 ? upper : upper - pages(atOrBelow: window.lo - 1)
    }

    private func pages(atOrBelow pfn: UInt64) -> UInt64 {
        let i = lastIndex(startingAtOrBelow: pfn)
        guard i >= 0 else { return 0 }
        return before[i] + min(ranges[i].hi, pfn) - ranges[i].lo + 1
    }

    /// The index of the last range starting at or below `pfn`, or -1.
    private func lastIndex(startingAtOrBelow pfn: UInt64) -> Int {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].lo <= pfn { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }
}
