import TestSupport
// An independent brute-force model of exact highest fit, written from docs/algorithms/ only
// (gap-tree.md result semantics and max32 rules, mainline.md § Reserve, § Find and free). No tree, no gap fields:
// a sorted array of ranges with the anchor implicit at 2^64-1, and every gap enumerated from
// the top down. Slow on purpose, so that it can be checked by eye.
import IOVACore   // only for PFNRange, the shared value type of results

final class HighestFitModel {
    let startPFN: UInt64
    /// dma_32bit_pfn = 1 << (32 - shift): the first pfn at or above 4 GiB.
    let d32: UInt64
    /// (2^64 - 1) >> shift: the highest pfn reserve accepts (docs/algorithms/mainline.md § Reserve).
    let maxPFN: UInt64

    /// Live ranges, ascending and disjoint; the anchor [2^64-1, 2^64-1] is not stored.
    private(set) var ranges: [PFNRange] = []
    /// max32_alloc_size, initially dma_32bit_pfn.
    private(set) var max32: UInt64

    init(startPFN: UInt64, granule: UInt64) {
        precondition(granule.nonzeroBitCount == 1)
        let shift = UInt64(granule.trailingZeroBitCount)
        self.startPFN = startPFN
        d32 = UInt64(1) << (32 - shift)
        maxPFN = UInt64.max >> shift
        max32 = d32
    }

    var count: Int { ranges.count }

    func find(pfn: UInt64) -> PFNRange? { ranges.first { $0.contains(pfn) } }

    /// Number of ranges whose lo is <= pfn (binary search; used to skip gaps above a limit).
    private func countAtOrBelow(_ pfn: UInt64) -> Int {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].lo <= pfn { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Exact highest fit below the inclusive `limit`: the gaps from the top down, each clamped
    /// to [start_pfn, limit]; the placement is the highest start that leaves `size` pfns below
    /// the clamped top, rounded down to roundup_pow_of_two(size) when aligned. First fit wins.
    func alloc(size: UInt64, limit: UInt64, aligned: Bool) -> PFNRange? {
        precondition(size >= 1)
        // "limit <= d32" on the exclusive limit, i.e. inclusive limit < d32.
        let is32 = limit < d32
        if is32 && size >= max32 { return nil }          // short-circuit, no state change
        var align: UInt64 = 1
        if aligned { while align < size { align <<= 1 } }

        // Gap i lies below node i (node `count` = the anchor) and above node i-1 (none: pfn 0).
        // Gaps above the first node starting beyond `limit` cannot reach below the limit.
        var i = countAtOrBelow(limit)
        while i >= 0 {
            let aboveLo = i == ranges.count ? UInt64.max : ranges[i].lo
            let gapLo = i == 0 ? 0 : ranges[i - 1].hi + 1
            defer { i -= 1 }
            guard aboveLo > gapLo else { continue }       // no free pfn between the two nodes
            let top = min(aboveLo - 1, limit)
            let bottom = max(gapLo, startPFN)
            if top < bottom { continue }
            if top - bottom + 1 < size { continue }
            let p = (top - (size - 1)) / align * align
            if p >= bottom {
                let r = PFNRange(lo: p, hi: p + size - 1)
                ranges.insert(r, at: i)
                return r
            }
        }
        if is32 { max32 = size }                          // only failures with limit <= 4 GiB
        return nil
    }

    /// free_iova: the range holding `pfn` (any pfn inside it); never the anchor.
    func free(pfn: UInt64) -> Bool {
        guard let i = ranges.firstIndex(where: { $0.contains(pfn) }) else { return false }
        if ranges[i].lo < d32 { max32 = d32 }
        ranges.remove(at: i)
        return true
    }

    /// reserve_iova with mainline's stretch-in-place semantics (docs/algorithms/mainline.md § Reserve): overlapped nodes are
    /// stretched down to swallow free space inside the request; the part above the last
    /// overlapped node becomes a new node. Returns the last node touched or the new one.
    func reserve(lo requestLo: UInt64, hi: UInt64) -> PFNRange? {
        if (requestLo | hi) > maxPFN { return nil }
        var lo = requestLo
        var touched = false
        for i in ranges.indices {
            let n = ranges[i]
            if lo <= n.hi && hi >= n.lo {
                if lo < n.lo { ranges[i].lo = lo }
                if hi <= n.hi { return ranges[i] }
                lo = n.hi + 1
                touched = true
            } else if touched {
                break
            }
        }
        let r = PFNRange(lo: lo, hi: hi)
        ranges.insert(r, at: countAtOrBelow(lo))
        return r
    }
}
