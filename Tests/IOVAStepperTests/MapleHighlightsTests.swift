import Testing
import IOVACore
import IOVAScenario
import IOVAStepper

/// The maple search and structure as the highlights and counters derive them from events.
@Suite struct MapleHighlightsTests {
    static let n0 = NodeID(raw: 0), n1 = NodeID(raw: 1), n2 = NodeID(raw: 2), n9 = NodeID(raw: 9)

    /// An aligned 2-page request (search size 3) that descends into leaf #1, finds no fit
    /// there, climbs back to root #2, descends into leaf #0 and fits; then the store splits #0.
    static let events: [AllocatorEvent] = [
        .searchStarted(size: 2, limit: 0xfffff, aligned: true, start: n2, slot: nil),
        .nodeEntered(n2, min: 0, max: .max),
        .slotExamined(n2, slot: 7, lo: 0xffff2, hi: .max, gap: 0xffff_ffff_fff0_0002, verdict: .taken),
        .nodeEntered(n1, min: 0xffff2, max: .max),
        .slotExamined(n1, slot: 6, lo: 0xffffe, hi: .max, gap: 0xffff_ffff_fff0_0002, verdict: .outsideWindow),
        .slotExamined(n1, slot: 5, lo: 0xffffc, hi: 0xffffd, gap: 0, verdict: .occupied),
        .slotExamined(n1, slot: 4, lo: 0xffffa, hi: 0xffffb, gap: 2, verdict: .gapTooSmall),
        .ascended(from: n1, to: n2, slot: 7),
        .slotExamined(n2, slot: 6, lo: 0xfffe2, hi: 0xffff1, gap: 2, verdict: .gapTooSmall),
        .slotExamined(n2, slot: 0, lo: 0, hi: 0xfff91, gap: 0xfff80, verdict: .taken),
        .nodeEntered(n0, min: 0, max: 0xfff91),
        .slotExamined(n0, slot: 0, lo: 0, hi: 0xfff7f, gap: 0xfff80, verdict: .taken),
        .found(lo: 0xfff7e, hi: 0xfff7f, hint: n0),
        .stored(n0, lo: 0xfff7e, hi: 0xfff7f, occupied: true),
        .split(n0, into: n9),
        .gapChanged(n2, slot: 0, from: 0xfff80, to: 0xfff7e),
        .gapChanged(n2, slot: 0, from: 0xfff7e, to: 0xfff7d),
        .merged(left: n9, right: n1),
    ]

    static func highlights(_ k: Int) -> Highlights { Highlights(events[..<k], tree: nil) }

    @Test func descentPathAndExaminedSlot() {
        let h = Self.highlights(7).maple
        #expect(h.current == Self.n1)
        #expect(h.path == [Self.n2, Self.n1])
        #expect(h.entered == [Self.n2, Self.n1])
        #expect(h.examined == ExaminedSlot(at: MapleSlot(Self.n1, 4), lo: 0xffffa, hi: 0xffffb, gap: 2, verdict: .gapTooSmall))
        #expect(h.verdicts == [MapleSlot(Self.n2, 7): .taken, MapleSlot(Self.n1, 6): .outsideWindow,
                               MapleSlot(Self.n1, 5): .occupied, MapleSlot(Self.n1, 4): .gapTooSmall])
        #expect(h.exhausted.isEmpty)
        #expect(!Self.highlights(7).treeChanged)
        #expect(Self.highlights(7).searchSize == 3)
    }

    @Test func ascentPopsThePathAndMarksTheChild() {
        let h = Self.highlights(8).maple
        #expect(h.current == Self.n2)
        #expect(h.path == [Self.n2])
        #expect(h.exhausted == [Self.n1])
        #expect(h.ascents.count == 1 && h.ascents[0].from == Self.n1 && h.ascents[0].to == MapleSlot(Self.n2, 7))
        #expect(h.examined == nil)
        // Descending again extends the path from the root.
        let later = Self.highlights(11).maple
        #expect(later.path == [Self.n2, Self.n0])
        #expect(later.entered == [Self.n2, Self.n1, Self.n0])
    }

    @Test func structuralEventsTouchNodesAndChangeTheTree() {
        let h = Self.highlights(Self.events.count)
        #expect(h.treeChanged)
        #expect(h.found == PFNRange(lo: 0xfff7e, hi: 0xfff7f))
        #expect(h.maple.touched == [Self.n0, Self.n9, Self.n2])
        #expect(h.maple.freed == [Self.n1])
        #expect(h.maple.stored! == (0xfff7e, 0xfff7f, true))
        // The gap entry keeps its value from before the operation and its latest one.
        let change = h.maple.gapChanges[MapleSlot(Self.n2, 0)]!
        #expect(change.from == 0xfff80 && change.to == 0xfff7d)
        #expect(!Self.highlights(13).treeChanged && Self.highlights(14).treeChanged)
    }

    @Test func countersCountNodesSkipsAndRestructuring() {
        let c = OperationCounters(Self.events[...])
        #expect(c.visited == 3)             // #2, #1, #0 entered
        #expect(c.pruned == 3)              // outside window once, gap too small twice
        #expect(c.maxGapUpdates == 2)
        #expect(c.splits == 1 && c.merges == 1)
        #expect(c.rotations == 0 && c.recolors == 0)
        #expect(OperationCounters(Self.events[..<7]).pruned == 2)
    }

    /// Stepping back is recomputing: the highlights of a prefix do not depend on what came after.
    @Test func prefixesAreIndependentOfLaterEvents() {
        for k in 0...Self.events.count {
            var longer = Array(Self.events[..<k])
            longer += [.nodeEntered(NodeID(raw: 42), min: 0, max: 1)]
            let a = Highlights(longer[..<k], tree: nil).maple, b = Self.highlights(k).maple
            #expect(a.path == b.path && a.current == b.current && a.verdicts == b.verdicts && a.touched == b.touched)
        }
    }

    @Test func pseudoCodeLinesFollowTheSearch() {
        let lines = Self.events.map { PseudoCode.line(of: $0, .maple, .alloc, erased: false) }
        #expect(lines[0] == 4)      // the empty-area search starts
        #expect(lines[1] == 5)      // enter a node
        #expect(lines[4] == 9)      // outside the window
        #expect(lines[5] == 7)      // an entry
        #expect(lines[6] == 8)      // gap too small
        #expect(lines[7] == 12)     // climb up
        #expect(lines[11] == 10)    // taken
        #expect(lines[12] == 14)    // pfn_lo computed
        #expect(lines[13] == 15 && lines[14] == 16 && lines[15] == 17)
        let listing = PseudoCode.lines(.maple, .alloc)
        #expect(listing[12].contains("climb up"))
        // reserve: erasing absorbed entries, then storing the union.
        let erase = AllocatorEvent.stored(Self.n0, lo: 1, hi: 2, occupied: false)
        #expect(PseudoCode.line(of: erase, .maple, .reserve, erased: false, stored: false) == 5)
        #expect(PseudoCode.line(of: .stored(Self.n0, lo: 1, hi: 9, occupied: true), .maple, .reserve, erased: false, stored: true) == 6)
        #expect(PseudoCode.line(of: .gapChanged(Self.n2, slot: 0, from: 1, to: 2), .maple, .reserve, erased: false, stored: true) == 7)
        #expect(PseudoCode.line(of: erase, .maple, .free, erased: false) == 3)
    }

    /// On a real sample: the final aligned request of aligned-in-fragmented reads nodes the
    /// way the policy counts visits (every node entered, plus every climb back to a parent).
    @Test func sampleCountersAgreeWithVisits() throws {
        var s = Stepper(lines: try StepperFixtures.sample("kunit/aligned-in-fragmented.iova"), policy: .maple)
        s.last()
        let f = s.frame
        guard case let .alloc(_, _, _, outcome) = try #require(f.result) else { Issue.record("not an alloc"); return }
        #expect(outcome.range == PFNRange(lo: 0xfff7e, hi: 0xfff7f))
        #expect(f.counters.visited + f.highlights.maple.ascents.count == outcome.visits)
        #expect(f.highlights.searchSize == 3)
        #expect(f.explanation.contains("gap[") || f.explanation.contains("store") || f.explanation.contains("allocated"))
        #expect(f.log.contains { $0.contains("gap 2 < 3 → skip") })
    }
}
