import IOVACore
import IOVAStepper

extension AddressAxis {
    /// The axis for a frame's ranges: the candidates for collapsing are the largest free gaps
    /// (a bounded heap; blocks of ranges whose widest inner gap cannot enter it are skipped,
    /// so the cost follows the width rather than the ranges live), split at the markers' pfns
    /// so that no marker hides inside a break.
    init(ranges: RangeIndex, facts: AddressFacts, width: Int) {
        var heap = TopGaps(capacity: width / 2 + 24)
        ranges.forEachGap(upTo: facts.maxPFN, worthScanning: { heap.wouldAccept(size: $0) }) { g in
            heap.offer(AddressPiece(lo: g.lo, hi: g.hi))
        }
        let cuts = facts.cuts
        var pieces: [AddressPiece] = []
        for g in heap.items {
            var lo = g.lo
            var i = Self.firstIndex(cuts, above: g.lo)
            while i < cuts.count, cuts[i] <= g.hi {
                pieces.append(AddressPiece(lo: lo, hi: cuts[i] - 1))
                lo = cuts[i]
                i += 1
            }
            pieces.append(AddressPiece(lo: lo, hi: g.hi))
        }
        pieces.sort { $0.size != $1.size ? $0.size > $1.size : $0.lo < $1.lo }
        self.init(width: width, maxPFN: facts.maxPFN, hasAnchor: facts.hasAnchor, gaps: pieces)
    }

    /// The index of the first value above `v` in `sorted`.
    static func firstIndex(_ sorted: [UInt64], above v: UInt64) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] <= v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
