import Testing
import TestSupport
import IOVACore
import IOVAScenario
import IOVAStepper
@testable import IOVAView

/// The maple tree pane: B-tree nodes as slot rows, the search marked on them, structure changes.
@Suite struct MaplePaneTests {
    /// 40 32-bit pages packed down from 0xfffff (leaf splits on the way), then frees from the
    /// top down, which under-fill leaves until they merge.
    static let packThenFree = String(repeating: "alloc 1 limit=dma32\n", count: 40)
        + (0..<30).map { "free 0x\(String(0xfffff - $0, radix: 16))\n" }.joined()

    static func stepper(sample: String) throws -> Stepper {
        Stepper(lines: try TreePaneFixtures.sample(sample), policy: .maple)
    }

    /// Moves `s` to the first step, from the current operation on, whose event matches.
    static func seekFirst(_ s: inout Stepper, _ match: (AllocatorEvent) -> Bool) throws {
        for op in s.operationNumber...s.operationCount {
            s.seek(operation: op, step: 0)
            if let i = try #require(s.record).events.firstIndex(where: match) {
                s.seek(operation: op, step: i + 1)
                return
            }
        }
        Issue.record("no matching event")
    }

    /// aligned-in-fragmented's last request at its 8th slot examined: inside leaf #1.
    static func descent() throws -> Frame {
        var s = try stepper(sample: "kunit/aligned-in-fragmented.iova")
        s.last()
        s.seek(operation: s.operationCount, step: try TreePaneFixtures.step(s, nth: 5) { if case .slotExamined = $0 { true } else { false } })
        return s.frame
    }

    static func ascent() throws -> Frame {
        var s = try stepper(sample: "kunit/aligned-in-fragmented.iova")
        s.last()
        try seekFirst(&s) { if case .ascended = $0 { true } else { false } }
        return s.frame
    }

    static func split() throws -> Frame {
        var s = try TreePaneFixtures.stepper(packThenFree, .maple)
        try seekFirst(&s) { if case .split = $0 { true } else { false } }
        return s.frame
    }

    static func merge() throws -> Frame {
        var s = try TreePaneFixtures.stepper(packThenFree, .maple)
        try seekFirst(&s) { if case .merged = $0 { true } else { false } }
        return s.frame
    }

    static func render(_ frame: Frame, _ w: Int, _ h: Int, _ glyphs: Glyphs = .unicode) -> CellBuffer {
        var b = CellBuffer(width: w, height: h)
        TreePane.draw(frame, in: b.area, into: &b, glyphs: glyphs)
        if glyphs.isASCII { b.transliterateToASCII() }
        return b
    }

    @Test func descentSnapshots() throws {
        let f = try Self.descent()
        Snapshot.assertMatches(Self.render(f, 70, 24), named: "maple-descent-70x24-unicode")
        Snapshot.assertMatches(Self.render(f, 70, 24, .ascii), named: "maple-descent-70x24-ascii")
    }

    @Test func ascentSplitMergeSnapshots() throws {
        Snapshot.assertMatches(Self.render(try Self.ascent(), 70, 24), named: "maple-ascent-70x24-unicode")
        Snapshot.assertMatches(Self.render(try Self.split(), 70, 24), named: "maple-split-70x24-unicode")
        Snapshot.assertMatches(Self.render(try Self.merge(), 70, 24), named: "maple-merge-70x24-unicode")
    }

    @Test func asciiFrameAtTheMinimumSize() throws {
        let b = FrameView.render(try Self.descent(), width: 60, height: 16, glyphs: .ascii)
        #expect(b.lines.allSatisfy { $0.unicodeScalars.allSatisfy { $0.isASCII } })
        Snapshot.assertMatches(b, named: "frame-maple-descent-60x16-ascii")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func wholeFrameSnapshots(_ size: (Int, Int)) throws {
        let b = FrameView.render(try Self.descent(), width: size.0, height: size.1, glyphs: .unicode)
        Snapshot.assertMatches(b, named: "frame-maple-descent-\(size.0)x\(size.1)-utf8")
    }

    /// The descent frame says what the search did, with the pfns the tree holds.
    @Test func descentMarksTheSlotsWithTheirVerdicts() throws {
        let f = try Self.descent()
        let tree = try #require(f.state.mapleTree)
        let e = try #require(f.event)
        guard case let .slotExamined(n, slot, lo, hi, _, verdict) = e else { Issue.record("\(e)"); return }
        let b = Self.render(f, 100, 40)
        let lines = b.lines
        func hex(_ v: UInt64) -> String { v == .max ? "2^64-1" : String(v, radix: 16) }
        // The examined slot is marked current, with its exact range and verdict.
        let row = try #require(lines.firstIndex { $0.contains("◆ s\(slot) [\(hex(lo))..\(hex(hi))]") })
        #expect(verdict == .occupied && lines[row].contains("█ alloc 0x2") && lines[row].contains("entry"))
        #expect(b.roleLines[row].contains("@"))
        #expect(tree.slotRange(n, slot) == PFNRange(lo: lo, hi: hi) && tree.value(n, slot) == MapleValue.allocated)
        // Every other slot the search passed in this leaf: skipped with its reason (a 2-page
        // hole is too small for ss = 3; the run above the limit lies outside the window).
        let passed = f.highlights.maple.verdicts.filter { $0.key.node == n && $0.key.slot != slot }
        #expect(passed.values.contains(.gapTooSmall) && passed.values.contains(.outsideWindow))
        for (at, v) in passed where v == .gapTooSmall || v == .outsideWindow {
            let r = tree.slotRange(n, at.slot)
            #expect(lines.contains { $0.contains("✗ s\(at.slot)") && $0.contains("[\(hex(r.lo))..\(hex(r.hi))]")
                && $0.contains("░ free") && $0.contains(v == .gapTooSmall ? "gap<ss" : "outside") })
        }
        // The leaf is open under the root's slot that holds it, tagged as taken.
        let via = tree.parent(n)
        #expect(via.node == tree.root)
        #expect(lines.contains { $0.contains("s\(via.slot) #\(n.raw) leaf") && $0.contains("take") })
        // Unread siblings are folded into one line each, with their gap entry.
        let sibling = tree.child(tree.root, via.slot - 1)
        #expect(lines.contains { $0.contains("· s\(via.slot - 1) ▸ #\(sibling.raw) leaf, \(tree.slotCount(sibling)) slots")
            && $0.contains("g=0x\(String(tree.gap(tree.root, via.slot - 1), radix: 16))") })
        #expect(lines[0].hasPrefix("maple (\(tree.height) levels, \(tree.nodeCount) nodes, 32 entries"))
    }

    @Test func ascentMarksTheChildThatHeldNoFit() throws {
        let f = try Self.ascent()
        guard case let .ascended(from, to, slot) = try #require(f.event) else { Issue.record("not an ascent"); return }
        #expect(f.highlights.maple.exhausted.contains(from))
        let lines = Self.render(f, 100, 40).lines
        #expect(lines.contains { $0.contains("✗ s\(slot) #\(from.raw) leaf") && $0.contains("no fit") })
        #expect(to == f.highlights.maple.current)
    }

    @Test func splitAndMergeAreTagged() throws {
        let s = try Self.split()
        guard case let .split(n, into) = try #require(s.event) else { Issue.record("not a split"); return }
        let lines = Self.render(s, 100, 40).lines
        #expect(lines.contains { $0.contains("#\(n.raw) leaf") && $0.contains("split→#\(into.raw)") })
        #expect(lines.contains { $0.contains("#\(into.raw) leaf") && $0.contains("split from #\(n.raw)") })
        #expect(s.counters.splits == 1)

        let m = try Self.merge()
        guard case let .merged(left, right) = try #require(m.event) else { Issue.record("not a merge"); return }
        #expect(Self.render(m, 100, 40).lines.contains { $0.contains("#\(left.raw) leaf") && $0.contains("#\(right.raw) merged in") })
        #expect(m.counters.merges == 1)
    }

    /// Every step of the split/merge scenario and of the sample's last request draws inside
    /// the pane at several sizes, in both glyph sets, without trapping.
    @Test func everyMapleStepDrawsInsideThePane() throws {
        var steppers = [try TreePaneFixtures.stepper(Self.packThenFree, .maple), try Self.stepper(sample: "kunit/aligned-in-fragmented.iova")]
        steppers[1].seek(operation: 60, step: 0)
        let sizes = [(0, 0), (1, 1), (10, 3), (31, 11), (40, 20), (70, 24), (120, 50)]
        // Long tier: every step at all seven sizes; the default tier draws step k at sizes 3k,
        // 3k+1 and 3k+2 (mod 7), so every size still meets every few steps.
        let perStep = TestTier.scaled(default: 3, long: sizes.count)
        for var s in steppers {
            var k = 0
            while true {
                defer { k += 1 }
                let f = s.frame
                for (w, h) in (0..<perStep).map({ sizes[(k * perStep + $0) % sizes.count] }) {
                    var b = CellBuffer(width: w + 4, height: h + 4)
                    let area = Rect(x: 2, y: 2, width: w, height: h)
                    TreePane.draw(f, in: area, into: &b, glyphs: w % 2 == 0 ? .unicode : .ascii)
                    for y in 0..<b.height {
                        for x in 0..<b.width where !(x >= area.x && x < area.maxX && y >= area.y && y < area.maxY) {
                            #expect(b[x, y] == .blank, "drew outside at \(x),\(y) for \(w)x\(h)")
                        }
                    }
                }
                let here = (s.operationNumber, s.step)
                s.stepForward()
                if (s.operationNumber, s.step) == here { break }
            }
        }
    }

    /// With many live ranges the pane reads only the open nodes and bounded fold counts.
    @Test func largeTreeDrawsWithBoundedReads() throws {
        let text = String(repeating: "alloc 1\n", count: 20_000) + "alloc 3 limit=dma32 aligned\n"
        var s = try TreePaneFixtures.stepper(text, .maple)
        s.last()
        s.seek(operation: s.operationCount, step: 6)
        let f = s.frame
        let tree = try #require(f.state.mapleTree)
        #expect(tree.entryCount == 20_000 && tree.height >= 3)
        let counting = CountingMaple(tree)
        var b = CellBuffer(width: 120, height: 40)
        MaplePane.draw(f, tree: counting, in: b.area, into: &b, glyphs: .unicode)
        #expect(counting.reads < 20_000, "\(counting.reads) reads")
        #expect(b.lines[0].hasPrefix("maple (\(tree.height) levels"))
    }

    @Test func statusBarShowsMemoryPerIOVA() throws {
        let f = try Self.descent()
        let m = f.state.memory
        #expect(m.liveCount == 32 && m.objectBytes == 16 && m.nodeBytes == 256)
        // 16 B per struct iova plus the nodes' 256 B shared out: (32 × 16 + k × 256) / 32 = 16 + 8k.
        let expected = "\(16 + 8 * m.nodeCount) B/iova, \(m.nodeCount) nodes"
        #expect(StatusBar.memoryText(m) == expected)
        var b = CellBuffer(width: 120, height: 1)
        StatusBar.draw(f, in: b.area, into: &b)
        #expect(b.lines[0].hasSuffix(expected))
        #expect(StatusBar.memoryText(.rbTree(structBytes: 40, liveCount: 3)) == "64 B/iova")
        let odd = MemoryFootprint(structBytes: 16, objectBytes: 16, liveCount: 3, nodeCount: 1, nodeBytes: 256)
        #expect(StatusBar.memoryText(odd) == "101.3 B/iova, 1 node")   // (48 + 256) / 3
        #expect(StatusBar.memoryText(.rbTree(structBytes: 40, liveCount: 0)) == "no iova")
    }
}

/// A maple tree source that counts reads, to check the pane never walks the whole tree.
final class CountingMaple: MapleTreeSource {
    let base: any MapleTreeSource
    var reads = 0
    init(_ base: any MapleTreeSource) { self.base = base }
    var root: NodeID { base.root }
    var height: Int { base.height }
    var nodeCount: Int { base.nodeCount }
    var entryCount: Int { base.entryCount }
    func isLive(_ n: NodeID) -> Bool { reads += 1; return base.isLive(n) }
    func isLeaf(_ n: NodeID) -> Bool { reads += 1; return base.isLeaf(n) }
    func slotCount(_ n: NodeID) -> Int { reads += 1; return base.slotCount(n) }
    func parent(_ n: NodeID) -> (node: NodeID, slot: Int) { reads += 1; return base.parent(n) }
    func bounds(_ n: NodeID) -> PFNRange { reads += base.height; return base.bounds(n) }
    func slotRange(_ n: NodeID, _ i: Int) -> PFNRange { reads += base.height; return base.slotRange(n, i) }
    func child(_ n: NodeID, _ i: Int) -> NodeID { reads += 1; return base.child(n, i) }
    func gap(_ n: NodeID, _ i: Int) -> UInt64 { reads += 1; return base.gap(n, i) }
    func value(_ n: NodeID, _ i: Int) -> UInt32 { reads += 1; return base.value(n, i) }
    func leaf(containing index: UInt64) -> (node: NodeID, slot: Int) { reads += base.height; return base.leaf(containing: index) }
}
