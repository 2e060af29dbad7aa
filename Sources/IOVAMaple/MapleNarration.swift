import IOVACore

/// Sentences for the maple tree's events (nodes are named by id: they hold many ranges).
/// The search compares runs with the search size `ss` (size + alignment − 1 when aligned).
struct MapleNarration {
    let context: NarrationContext

    func sentence(_ event: AllocatorEvent) -> String? {
        let ss = (context.searchSize ?? context.size).map { Words.pages($0) } ?? "ss"
        switch event {
        case let .searchStarted(size, limit, aligned, start, _):
            let what = "alloc \(size) page\(size == 1 ? "" : "s")" + (aligned ? " aligned to \(Words.alignment(size))" : "")
            let room = aligned && context.searchSize != size ? "\(ss) free pages (size + alignment − 1)" : "\(ss) free page\(ss == "1" ? "" : "s")"
            return "\(what) at or below limit \(Words.hex(limit)): search down from root node \(start) for \(room)"
        case let .nodeEntered(n, min, max):
            return "enter node \(n), covering [\(Words.hex(min))..\(Words.hex(max))]"
        case let .slotExamined(n, slot, lo, hi, gap, verdict):
            let at = "node \(n) slot \(slot) [\(Words.hex(lo))..\(Words.hex(hi))]"
            switch verdict {
            case .taken:
                return "\(at): gap \(Words.pages(gap)) ≥ \(ss) with room inside the window → take it"
            case .gapTooSmall:
                return "\(at): gap \(Words.pages(gap)) < \(ss) → skip"
            case .outsideWindow:
                return "\(at): gap \(Words.pages(gap)) ≥ \(ss), but less than \(ss) of it lies inside the window → skip"
            case .occupied:
                return "\(at) holds an entry → skip"
            case .pastWindow:
                return "\(at) ends less than \(ss) pages above the window's floor → nothing further down fits"
            }
        case let .ascended(from, to, slot):
            return "node \(from) held no fit: climb back to node \(to) and go on left of slot \(slot)"
        case let .found(lo, hi, hint):
            return "place \(Words.label(PFNRange(lo: lo, hi: hi))) at the top of the window, in leaf \(hint)"
        case let .stored(n, lo, hi, occupied):
            return occupied ? "store [\(Words.hex(lo))..\(Words.hex(hi))] in leaf \(n)"
                : "store NULL over [\(Words.hex(lo))..\(Words.hex(hi))] in leaf \(n): it joins the free neighbours"
        case let .split(n, into):
            return "node \(n) overflows: split, its upper part moves to new node \(into)"
        case let .merged(left, right):
            return "node \(right) is under-full: merged into its left sibling node \(left), node \(right) freed"
        case let .rebalanced(left, right):
            return "nodes \(left) and \(right) share their slots out again"
        case let .rootChanged(from, to, height):
            return "the root moves from node \(from) to node \(to): the tree is \(height) level\(height == 1 ? "" : "s") high"
        case let .pivotMoved(n, slot, from, to):
            return "node \(n) pivot \(slot): \(Words.hex(from)) → \(Words.hex(to)) (the free run moves to the next leaf)"
        case let .gapChanged(n, slot, from, to):
            return "node \(n) gap[\(slot)]: \(Words.pages(from)) → \(Words.pages(to))"
        default:
            return nil
        }
    }
}
