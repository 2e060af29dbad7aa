import IOVACore
@testable import IOVAMaple
import TestSupport
import Testing

/// The empty-area search takes a shortcut when no one keeps its events: it passes over the
/// slots that cannot hold the fit without examining each (`EmptyAreaSearch.skipHopeless`).
/// The answer and the visits must be those of the full examination, and both must be the
/// semantics' answer, worked out here from the list of free slots.
@Suite struct EmptyAreaSkipTests {
    /// A tree several levels deep and dense, as an allocator's: entries side by side with
    /// holes between some of them, most holes a few pfns and a few of them larger, so a search
    /// for more than a few pfns passes over many slots before one fits.
    static func tree(seed: UInt64, space: UInt64) -> MapleTree {
        var rng = TestRNG(seed: seed)
        var tree = MapleTree()
        var quiet = NullObserver()
        var lo: UInt64 = rng.below(8)
        while lo < space {
            let hi = lo + rng.below(4)
            tree.insert(lo: lo, hi: hi, value: 1, observer: &quiet)
            let roll = rng.percent()
            lo = hi + 1 + (roll < 75 ? 0 : roll < 98 ? 1 + rng.below(3) : 4 + rng.below(60))
        }
        return tree
    }

    /// The answer from the semantics: the highest (reverse) or lowest free run leaving `size`
    /// pfns inside `[min, max]`, placed at the window's top or bottom within it.
    static func expected(_ free: [PFNRange], min: UInt64, max: UInt64, size: UInt64, reverse: Bool) -> PFNRange? {
        for r in reverse ? free.reversed() : free {
            let lo = Swift.max(r.lo, min), hi = Swift.min(r.hi, max)
            guard lo <= hi, hi - lo >= size - 1 else { continue }
            return reverse ? PFNRange(lo: hi - (size - 1), hi: hi) : PFNRange(lo: lo, hi: lo + (size - 1))
        }
        return nil
    }

    @Test("the quiet search equals the examined one and the semantics", arguments: [UInt64(0xE1), 0xE2, 0xE3])
    func quietEqualsExamined(seed: UInt64) {
        let space: UInt64 = 1 << 16
        let tree = Self.tree(seed: seed, space: space)
        #expect(tree.validate().isEmpty)
        #expect(tree.height >= 3, "seed \(hx(seed)): height \(tree.height)")
        var free: [PFNRange] = []
        tree.forEachSlot { r, v in if v == MapleValue.free { free.append(r) } }
        var rng = TestRNG(seed: seed ^ 0xFFFF)
        var found = 0, busy = 0, stoppedPastEdge = 0, passedOver = 0
        let searches = TestTier.scaled(default: 1500, long: 6000)
        for i in 0..<searches {
            // Windows anywhere in the space, a fifth of them running past its end (into the free
            // run above it); sizes from a page to more than any hole holds.
            let min = rng.below(space), reach = min + rng.below([space / 256, space / 32, space][Int(rng.below(3))])
            let max = rng.percent() < 80 ? Swift.min(reach, space - 1) : reach
            let size = 1 + rng.below(UInt64(1) << (2 + rng.below(6)))
            let reverse = rng.percent() < 70
            var quietVisits = 0, loggedVisits = 0
            var quiet = NullObserver(), log = EventLog()
            let q = tree.emptyArea(min: min, max: max, size: size, reverse: reverse, visits: &quietVisits, observer: &quiet)
            let l = tree.emptyArea(min: min, max: max, size: size, reverse: reverse, visits: &loggedVisits, observer: &log)
            let want = Self.expected(free, min: min, max: max, size: size, reverse: reverse)
            let what = "seed \(hx(seed)) search \(i): [\(hx(min)), \(hx(max))] size \(size) \(reverse ? "rev" : "fwd")"
            switch (q, l) {
            case let (.success(a), .success(b)):
                #expect(a.range == b.range && a.leaf == b.leaf, "\(what): quiet \(a.range), examined \(b.range)")
                #expect(a.range == want, "\(what): \(a.range), semantics \(hx(want))")
                found += 1
            case let (.failure(a), .failure(b)):
                #expect(a == b, "\(what): quiet \(a), examined \(b)")
                #expect(want == nil, "\(what): \(a), semantics \(hx(want))")
                if a == .busy { busy += 1 }
            default:
                Issue.record("\(what): quiet \(q), examined \(l)")
            }
            #expect(quietVisits == loggedVisits, "\(what): visits \(quietVisits) quiet, \(loggedVisits) examined")
            for e in log.events {
                guard case let .slotExamined(_, _, _, _, _, verdict) = e else { continue }
                if verdict == .occupied || verdict == .gapTooSmall { passedOver += 1 }
                if verdict == .pastWindow { stoppedPastEdge += 1 }
            }
        }
        // The comparison means something only if the shortcut had slots to pass over and
        // searches ended every way (`busy`: searched and found nothing; too narrow a window
        // is not counted, it fails before the search).
        #expect(found > searches / 10 && busy > searches / 10, "seed \(hx(seed)): \(found) found, \(busy) busy")
        #expect(stoppedPastEdge > searches / 10, "seed \(hx(seed)): \(stoppedPastEdge) stopped at the far edge")
        #expect(passedOver > 5 * searches, "seed \(hx(seed)): \(passedOver) slots to pass over")
        print("[empty-area skip] seed \(hx(seed)): \(found) found, \(busy) busy, \(stoppedPastEdge) stopped at the far edge, \(passedOver) slots passed over in \(searches) searches")
    }
}
