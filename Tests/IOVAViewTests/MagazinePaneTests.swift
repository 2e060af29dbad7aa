import Testing
import TestSupport
import IOVACore
import IOVAScenario
import IOVAStepper
@testable import IOVAView

/// The magazine pane (DMA path): whole frames as snapshots during a pop that skips a pfn and a
/// depot push, with 1, 4, 5 and 64 CPUs, at 200×60 and small sizes, UTF-8 and ASCII; the pane
/// folding as rows run short; the layout; and never trapping at any size.
@Suite struct MagazinePaneTests {
    typealias F = MagazineFixtures

    // MARK: Snapshots

    /// edge_07 op 32: CPU 2's dma32 pop passes over 0xffffd8 (a dma36 pfn) and pops 0xffff8.
    @Test func popSkippingAPfnAboveTheLimit() throws {
        let s = try F.popAfterSkip()
        let frame = s.frame
        #expect(frame.highlights.skippedPFNs == [0xffffd8])
        let big = FrameView.render(frame, width: 200, height: 60, glyphs: .unicode)
        #expect(big.lines.contains { $0.contains("◆ cpu 2, 4 pages: popped 0xffff8 from loaded (14 left)  ✗ skipped 1 above 0xffffc: 0xffffd8") })
        Snapshot.assertMatches(big, named: "magazine-pop-skip-200x60-utf8")
        Snapshot.assertMatches(FrameView.render(frame, width: 200, height: 60, glyphs: .ascii), named: "magazine-pop-skip-200x60-ascii")
        Snapshot.assertMatches(FrameView.render(frame, width: 80, height: 24, glyphs: .unicode), named: "magazine-pop-skip-80x24-utf8")
        Snapshot.assertMatches(FrameView.render(frame, width: 80, height: 24, glyphs: .ascii), named: "magazine-pop-skip-80x24-ascii")
    }

    /// depot_01 (4 CPUs): CPU 3's loaded and prev are full, so the loaded magazine goes to the depot.
    @Test func depotPushWithFourCPUs() throws {
        let s = try F.seek(F.depot, F.isDepotPush)
        let frame = s.frame
        #expect(frame.highlights.magazine?.action == .toDepot)
        let big = FrameView.render(frame, width: 200, height: 60, glyphs: .unicode)
        #expect(big.lines.contains { $0.contains("◆ cpu 3, 16 pages: loaded was full: into the depot (depot 1), a new loaded") })
        Snapshot.assertMatches(big, named: "magazine-depot-push-c4-200x60-utf8")
        Snapshot.assertMatches(FrameView.render(frame, width: 80, height: 24, glyphs: .ascii), named: "magazine-depot-push-c4-80x24-ascii")
    }

    @Test func oneCPU() throws {
        let s = try F.seek(F.oneCPU, F.isPush)
        Snapshot.assertMatches(FrameView.render(s.frame, width: 200, height: 60, glyphs: .ascii), named: "magazine-c1-200x60-ascii")
        Snapshot.assertMatches(FrameView.render(s.frame, width: 80, height: 24, glyphs: .unicode), named: "magazine-c1-80x24-utf8")
    }

    /// 64 CPUs: two fill glyphs per CPU, a gap every 8, at 200 columns; the focused CPU and the
    /// other 63 summed at 80.
    @Test func sixtyFourCPUs() throws {
        let s = try F.seek(F.manyCPUs, F.isPush)
        let frame = s.frame
        let big = FrameView.render(frame, width: 200, height: 60, glyphs: .unicode)
        #expect(big.lines.contains { $0.hasPrefix("magazines  0 ") && $0.contains(" 48 ") && $0.contains("depot") })
        Snapshot.assertMatches(big, named: "magazine-c64-200x60-utf8")
        let small = FrameView.render(frame, width: 80, height: 24, glyphs: .ascii)
        #expect(small.lines.contains { $0.contains("+63 cpus") })
        Snapshot.assertMatches(small, named: "magazine-c64-80x24-ascii")
    }

    /// The pane alone at heights 1 (the summary line), 2, 3, 5 and 8, one under the other.
    @Test func paneFoldsAsRowsRunShort() throws {
        let frame = try F.popAfterSkip().frame
        let heights = [1, 2, 3, 5, 8]
        var buffer = CellBuffer(width: 96, height: heights.reduce(0) { $0 + $1 + 1 })
        var y = 0
        for h in heights {
            MagazinePane.draw(frame, in: Rect(x: 0, y: y, width: 96, height: h), into: &buffer, glyphs: .unicode)
            y += h + 1
        }
        #expect(buffer.lines[0].hasPrefix("magazines: 14 cached, depot 0  ◆ cpu 2 4p popped 0xffff8  ✗ 1 skipped"))
        Snapshot.assertMatches(buffer, named: "magazine-pane-heights-96-utf8")
    }

    // MARK: Layout

    @Test func layoutGivesTheMagazinesAThirdAtMost() {
        for width in stride(from: 60, through: 300, by: 20) {
            for height in stride(from: 16, through: 100, by: 3) {
                for narration in [0, 6] {
                    let plain = FrameLayout(width: width, height: height, narrationRows: narration)
                    #expect(plain == FrameLayout(width: width, height: height, narrationRows: narration, magazineRows: 0))
                    #expect(plain?.magazines.isEmpty == true)
                    guard let l = FrameLayout(width: width, height: height, narrationRows: narration,
                                              magazineRows: MagazinePane.preferredRows) else { continue }
                    let panes = [l.status, l.address, l.narration, l.magazines, l.tree, l.code, l.log, l.explanation, l.hints]
                    let all = Rect(x: 0, y: 0, width: width, height: height)
                    for p in panes { #expect(p.clipped(to: all) == p) }
                    for i in panes.indices {
                        for j in panes.indices where j > i && !panes[i].isEmpty && !panes[j].isEmpty {
                            #expect(panes[i].clipped(to: panes[j]).isEmpty, "\(width)x\(height): panes \(i) and \(j) overlap")
                        }
                    }
                    #expect((1...MagazinePane.preferredRows).contains(l.magazines.height))
                    #expect(l.magazines.width == width)
                    #expect(l.tree.height >= 4, "\(width)x\(height): tree \(l.tree.height) rows")
                }
            }
        }
        #expect(FrameLayout(width: 200, height: 60, magazineRows: MagazinePane.preferredRows)?.magazines.height == MagazinePane.preferredRows)
    }

    // MARK: Never trap

    /// Every step of the DMA scenarios renders at sizes from 1×1 up, with exactly that size,
    /// in both glyph sets (frames, the compare view, and the pane alone at small areas).
    @Test(arguments: [F.quirks, "flush_02_fail_both_c1.iova", F.manyCPUs, "edge_04_never_allocated.iova", "flush_00_window_c3.iova"])
    func everyStepRendersAtEverySize(_ name: String) throws {
        let sizes = [(1, 1), (2, 3), (17, 5), (59, 15), (60, 16), (61, 17), (80, 24), (120, 40), (200, 60)]
        var s = try F.stepper(name)
        s.first()
        var k = 0
        while true {
            let frame = s.frame
            // Every size meets every third step; the small ones every step.
            // Long tier: all of that; the default tier keeps every other of those renders (both glyph sets).
            for (j, (w, h)) in sizes.enumerated() where (j < 5 || (k + j) % 3 == 0) && (TestTier.isLong || (j + k / 2) % 2 == 0) {
                let b = FrameView.render(frame, width: w, height: h, glyphs: (k + j) % 2 == 0 ? .unicode : .ascii)
                #expect(b.width == w && b.height == h, "\(name) op \(s.operationNumber) step \(s.step) at \(w)x\(h)")
            }
            if k % TestTier.scaled(default: 14, long: 7) == 0 {    // long tier: the pane alone every 7th step, not 14th
                for h in 0...9 {
                    for w in stride(from: 0, through: 90, by: 9) {
                        var b = CellBuffer(width: 40, height: 6)
                        MagazinePane.draw(frame, in: Rect(x: 3, y: 1, width: w, height: h), into: &b, glyphs: .ascii)
                    }
                }
            }
            k += 1
            let here = s.position
            s.stepForward()
            if s.position == here { break }
        }
    }

    @Test func compareViewShowsBothSidesMagazines() throws {
        let left = try F.popAfterSkip()
        var p = PairStepper(left: left, right: .maple)
        p.seek(operation: left.operationNumber, step: left.step)
        let b = CompareView.render(p, width: 160, height: 48, glyphs: .unicode)
        let header = b.lines.first { $0.hasPrefix("magazines") } ?? ""
        #expect(header.components(separatedBy: "magazines").count == 3, "a magazine header on each side")
        for (w, h) in [(1, 1), (60, 16), (79, 30), (80, 24), (120, 40)] {
            for glyphs in [Glyphs.unicode, .ascii] {
                let r = CompareView.render(p, width: w, height: h, glyphs: glyphs)
                #expect(r.width == w && r.height == h)
            }
        }
    }
}
