import IOVACore
import IOVAReplay

/// A `RangeIndex` carried along a replay by the answers alone: an allocation inserts its
/// range, a free removes the range holding its pfn, so a far seek or the background replay
/// ends with the index of the state it reached without walking a million-node tree
/// (`RangeIndex(state)`, about 20 ms at a million ranges). Reserves read their window from
/// the state (they may stretch a range); a flush that frees cached ranges anywhere gives up,
/// and the caller rebuilds. The running sums are brought up to date once, in `index`.
struct RangeMirror {
    private var ranges: RangeIndex
    /// Whether the mirror still follows the state (false after a flush or trim that freed).
    private(set) var following = true

    init(_ ranges: RangeIndex) { self.ranges = ranges }

    /// Follows one operation: `result` is its answer, `state` the state after it.
    mutating func apply(_ result: ReplayResult, after state: any InspectablePolicy) {
        guard following else { return }
        switch result {
        case .domain, .find, .device: break
        case .alloc, .allocFallback:
            if let r = result.allocation?.range { ranges.insert(r, resum: false) }
        case let .free(pfn, found):
            if found { ranges.remove(in: PFNRange(lo: pfn, hi: pfn), resum: false) }
        case let .freeAllocation(_, pfn, found):
            if found, let pfn { ranges.remove(in: PFNRange(lo: pfn, hi: pfn), resum: false) }
        case let .reserve(lo, hi, node):
            let window = PFNRange(lo: min(lo, hi, node?.lo ?? lo), hi: max(lo, hi, node?.hi ?? hi))
            ranges.resumAll()
            ranges = ranges.replacing(window, from: state)
        case let .allocFast(_, _, _, _, outcome, hi):
            follow(outcome, hi: hi)
        case let .map(_, _, _, outcome, hi, _):
            follow(outcome.allocation, hi: hi)
        case let .freeFast(_, pfn, _, _, outcome), let .unmap(_, _, pfn, _, _, outcome):
            if case .tree(true) = outcome, let pfn { ranges.remove(in: PFNRange(lo: pfn, hi: pfn), resum: false) }
        case let .flushRCache(freed), let .tick(freed):
            if freed > 0 { following = false }
        }
    }

    private mutating func follow(_ o: FastAllocOutcome, hi: UInt64?) {
        switch o.source {
        case .rcache: break
        case .tree: if let lo = o.pfn { ranges.insert(PFNRange(lo: lo, hi: hi ?? lo), resum: false) }
        case .flush, nil: if o.source == .flush || o.visits > 0 { following = false }
        }
    }

    /// The index of the state reached (nil when the mirror gave up).
    var index: RangeIndex? {
        guard following else { return nil }
        var copy = ranges
        copy.resumAll()
        return copy
    }
}
