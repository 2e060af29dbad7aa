import IOVACore   // only for PFNRange, the shared value type of results

// An independent brute-force model of the v4 maple policy, written from docs/algorithms/maple.md
// (§ The maple policy, § Reverse empty-area search) only: a sorted array of ranges, free runs enumerated from the top down. No tree.

final class MaplePolicyModel {
    let startPFN: UInt64
    /// dma_32bit_pfn: the first pfn at or above 4 GiB.
    let d32: UInt64
    /// (2^64 - 1) >> shift: the highest pfn reserve accepts.
    let maxPFN: UInt64
    /// Live entries, ascending and disjoint.
    private(set) var ranges: [PFNRange] = []
    private(set) var max32: UInt64

    init(startPFN: UInt64, granule: UInt64) {
        let shift = UInt64(granule.trailingZeroBitCount)
        self.startPFN = startPFN
        d32 = UInt64(1) << (32 - shift)
        maxPFN = UInt64.max >> shift
        max32 = d32
    }

    var count: Int { ranges.count }

    func find(pfn: UInt64) -> PFNRange? { ranges.first { $0.contains(pfn) } }

    /// The highest maximal free run with at least `ss` pfns inside [start_pfn, limit]; the range
    /// goes at the top of that part, aligned down.
    func alloc(size: UInt64, limit: UInt64, aligned: Bool) -> PFNRange? {
        let is32 = limit < d32
        if is32 && size >= max32 { return nil }
        var align: UInt64 = 1
        if aligned { while align < size { align <<= 1 } }
        let (ss, overflow) = size.addingReportingOverflow(align - 1)
        var i = ranges.count
        while !overflow && i >= 0 {
            defer { i -= 1 }
            // The run between entry i-1 and entry i (none below: from 0; none above: to 2^64-1).
            let runLo = i == 0 ? 0 : ranges[i - 1].hi + 1
            let runHi = i == ranges.count ? UInt64.max : ranges[i].lo &- 1
            if i < ranges.count && (ranges[i].lo == 0 || runHi < runLo) { continue }
            if i > 0 && ranges[i - 1].hi == .max { continue }
            let lo = max(runLo, startPFN), hi = min(runHi, limit)
            guard lo <= hi, hi - lo >= ss - 1 else { continue }
            let p = (hi - (size - 1)) & ~(align - 1)
            let r = PFNRange(lo: p, hi: p + size - 1)
            ranges.insert(r, at: i)
            return r
        }
        if is32 { max32 = size }
        return nil
    }

    func free(pfn: UInt64) -> Bool {
        guard let i = ranges.firstIndex(where: { $0.contains(pfn) }) else { return false }
        if ranges[i].lo < d32 { max32 = d32 }
        ranges.remove(at: i)
        return true
    }

    /// v4 reserve: a containing entry is returned as it is; otherwise the union of the request
    /// and every intersecting entry replaces them.
    func reserve(lo: UInt64, hi: UInt64) -> PFNRange? {
        if (lo | hi) > maxPFN { return nil }
        let hit = ranges.indices.filter { ranges[$0].lo <= hi && ranges[$0].hi >= lo }
        if hit.count == 1, ranges[hit[0]].lo <= lo, ranges[hit[0]].hi >= hi { return ranges[hit[0]] }
        var union = PFNRange(lo: lo, hi: hi)
        for k in hit { union = PFNRange(lo: min(union.lo, ranges[k].lo), hi: max(union.hi, ranges[k].hi)) }
        ranges.removeAll { $0.lo <= hi && $0.hi >= lo }
        ranges.insert(union, at: ranges.firstIndex { $0.lo > union.lo } ?? ranges.count)
        return union
    }
}
