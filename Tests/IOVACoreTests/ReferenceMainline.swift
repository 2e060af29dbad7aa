import TestSupport
// An independent, deliberately simple model of mainline drivers/iommu/iova.c, written from
// docs/algorithms/mainline.md only (no code shared with IOVACore's allocator):
// a sorted array of ranges with stable identities, cached pointers held as identities,
// FIND_LIMIT simplified as § The limit node allows, reserve per § Reserve, delete-update per § Cache maintenance on free.
// It is slow (linear everywhere) and that is the point: it is easy to check by eye.
import IOVACore   // only for PFNRange, the shared value type of results

final class ReferenceMainline {
    struct Node: Equatable {
        let id: Int
        var lo: UInt64
        var hi: UInt64
    }

    static let anchorID = 0
    static let anchorPFN = UInt64.max

    let startPFN: UInt64
    /// dma_32bit_pfn = 1 << (32 - shift): the first pfn at or above 4 GiB.
    let d32: UInt64
    /// (2^64 - 1) >> shift: the highest pfn reserve accepts.
    let maxPFN: UInt64

    /// Ascending by lo; the anchor is always the last element.
    private(set) var nodes: [Node]
    private var nextID = 1
    private(set) var cachedID = anchorID
    private(set) var cached32ID = anchorID
    private(set) var max32: UInt64

    init(startPFN: UInt64, granule: UInt64) {
        precondition(granule.nonzeroBitCount == 1)
        let shift = UInt64(granule.trailingZeroBitCount)
        self.startPFN = startPFN
        d32 = UInt64(1) << (32 - shift)
        maxPFN = UInt64.max >> shift
        max32 = d32
        nodes = [Node(id: Self.anchorID, lo: Self.anchorPFN, hi: Self.anchorPFN)]
    }

    // MARK: Observation

    private func index(of id: Int) -> Int { nodes.firstIndex { $0.id == id }! }
    private func range(at i: Int) -> PFNRange { PFNRange(lo: nodes[i].lo, hi: nodes[i].hi) }

    var cachedRange: PFNRange { range(at: index(of: cachedID)) }
    var cached32Range: PFNRange { range(at: index(of: cached32ID)) }
    /// Live ranges in ascending order, anchor excluded.
    var rangeList: [PFNRange] { nodes.dropLast().map { PFNRange(lo: $0.lo, hi: $0.hi) } }
    var count: Int { nodes.count - 1 }

    func find(pfn: UInt64) -> PFNRange? {
        nodes.firstIndex { $0.lo <= pfn && pfn <= $0.hi }.map(range(at:))
    }

    // MARK: alloc_iova (§ Allocation)

    func alloc(size: UInt64, limit limitIncl: UInt64, aligned: Bool) -> PFNRange? {
        precondition(size >= 1)
        let limit = limitIncl &+ 1                     // exclusive from here on
        var mask = UInt64.max
        if aligned {
            let fls = 64 - (size - 1).leadingZeroBitCount   // fls(0) = 0
            mask = fls >= 64 ? 0 : UInt64.max << UInt64(fls)
        }
        let is32 = limit <= d32
        if is32 && size >= max32 { return nil }        // short-circuit, no state change

        var cur: Int? = index(of: is32 ? cached32ID : cachedID)
        let retryHi = nodes[cur!].hi
        var high = limit
        var low = startPFN
        var cand: UInt64 = 0
        var hint = 0
        var retried = false
        while true {
            // One pass downwards in address order (pred = the previous array element).
            repeat {
                let c = cur!
                high = min(high, nodes[c].lo)
                cand = (high &- size) & mask
                hint = c
                cur = c > 0 ? c - 1 : nil
            } while cur != nil && cand <= nodes[cur!].hi && cand >= low

            if !(high < size || cand < low) { break }
            // Retry once from the limit down to just above the first pass's start node.
            if low == startPFN && retryHi < limit && !retried {
                retried = true
                high = limit
                low = retryHi &+ 1
                cur = findLimit(limit)
                continue
            }
            max32 = size                                // every failure, 64-bit ones too
            return nil
        }

        // The new node is the in-order predecessor of `hint`.
        let node = Node(id: nextID, lo: cand, hi: cand + size - 1)
        nextID += 1
        nodes.insert(node, at: hint)
        if node.hi < d32 { cached32ID = node.id } else { cachedID = node.id }
        return PFNRange(lo: node.lo, hi: node.hi)
    }

    /// § The limit node, simplified: the anchor for limits above 4 GiB, else the first node in address
    /// order whose hi >= limit (the anchor guarantees one exists).
    private func findLimit(_ limit: UInt64) -> Int {
        if limit > d32 { return nodes.count - 1 }
        return nodes.firstIndex { $0.hi >= limit }!
    }

    // MARK: free_iova (§ Cache maintenance on free, § Find and free)

    func free(pfn: UInt64) -> Bool {
        guard let i = nodes.firstIndex(where: { $0.lo <= pfn && pfn <= $0.hi }),
              nodes[i].id != Self.anchorID else { return false }
        let f = nodes[i]
        let succ = nodes[i + 1].id                     // the anchor guarantees a successor
        let c32 = nodes[index(of: cached32ID)]
        if f.id == c32.id || (f.hi < d32 && f.lo >= c32.lo) { cached32ID = succ }
        if f.lo < d32 { max32 = d32 }
        let c = nodes[index(of: cachedID)]
        if f.lo >= c.lo { cachedID = succ }
        nodes.remove(at: i)
        return true
    }

    // MARK: reserve_iova (§ Reserve)

    func reserve(lo requestLo: UInt64, hi: UInt64) -> PFNRange? {
        if (requestLo | hi) > maxPFN { return nil }
        var lo = requestLo
        var touched = false
        var i = 0
        while i < nodes.count {
            let n = nodes[i]
            if lo <= n.hi && hi >= n.lo {
                if lo < n.lo { nodes[i].lo = lo }      // stretch down in place
                if hi > n.hi { lo = n.hi + 1 }         // the rest continues above n
                if lo >= nodes[i].lo && hi <= nodes[i].hi { return range(at: i) }
                touched = true
            } else if touched {
                break
            }
            i += 1
        }
        let node = Node(id: nextID, lo: lo, hi: hi)
        nextID += 1
        let at = nodes.firstIndex { $0.lo > lo }!     // the anchor is above any valid lo
        precondition(at == 0 || nodes[at - 1].lo != lo, "duplicate key")
        nodes.insert(node, at: at)
        return PFNRange(lo: lo, hi: hi)
    }
}
