import Testing
import TestSupport
import IOVACore
import IOVAPolicies
import IOVAScenario
import IOVAStepper
import IOVAView

/// The compare view: snapshots where placements differ, every step at several sizes, and the
/// layout's three arrangements.
@Suite struct CompareViewTests {
    static func pair(_ sample: String, _ left: PolicyName, _ right: PolicyName) throws -> PairStepper {
        PairStepper(left: try FrameViewTests.stepper(sample, left), right: right)
    }

    /// Scenario G op 3: mainline retries from the limit and places [0x80000..0xfffff];
    /// limit-aware finds no gap and fails.
    @Test func placementsDifferSnapshots() throws {
        var p = try Self.pair("kernel/scenario-g-next-fit.iova", .mainline, .limitAware)
        p.seek(operation: 3, step: .max)
        let b = CompareView.render(p, width: 120, height: 40, glyphs: .unicode)
        #expect(b.lines[1].contains("placements differ: mainline [0x80000..0xfffff] vs limit-aware failed (visits 2 vs 3)"))
        #expect(b.lines[2].contains("limit-aware  step 12/12 done  visits 3"))
        #expect(b.lines[3].contains("→ failed  ≠ differs"))
        Snapshot.assertMatches(b, named: "compare-g-op3-120x40-utf8")
        p.seek(operation: 3, step: 5)
        Snapshot.assertMatches(CompareView.render(p, width: 80, height: 24, glyphs: .unicode), named: "compare-g-op3-80x24-utf8")
        Snapshot.assertMatches(CompareView.render(p, width: 80, height: 24, glyphs: .ascii), named: "compare-g-op3-80x24-ascii")
    }

    @Test func samePlacementSaysSoWithBothVisitCounts() throws {
        var p = try Self.pair("kernel/scenario-g-next-fit.iova", .mainline, .augmented)
        p.seek(operation: 1, step: .max)
        let line = CompareView.render(p, width: 120, height: 40, glyphs: .unicode).lines[1]
        #expect(line.hasPrefix("= same placement [0x7ffff..0x7ffff], visits "))
        #expect(!line.contains("differ"))
    }

    @Test func narrowFramesStackOrShowOneSide() throws {
        var p = try Self.pair("kernel/scenario-g-next-fit.iova", .mainline, .limitAware)
        p.seek(operation: 3, step: 5)
        #expect(CompareLayout(width: 80, height: 24)?.arrangement == .sideBySide)
        #expect(CompareLayout(width: 79, height: 30)?.arrangement == .stacked)
        #expect(CompareLayout(width: 79, height: 29)?.arrangement == .leftOnly)
        #expect(CompareLayout(width: 59, height: 40) == nil)
        Snapshot.assertMatches(CompareView.render(p, width: 70, height: 34, glyphs: .ascii), named: "compare-g-op3-70x34-stacked")
        let one = CompareView.render(p, width: 70, height: 20, glyphs: .ascii).lines
        #expect(one[1].contains("limit-aware: failed, visits 3 (differs)"))
        #expect(!one.contains { $0.contains("tree (limit-aware") })
        #expect(CompareView.render(p, width: 40, height: 10, glyphs: .ascii).lines.contains { $0.contains("terminal too small") })
    }

    @Test func layoutPanesStayInsideAndDoNotOverlap() {
        for width in stride(from: 55, through: 260, by: 5) {
            for height in stride(from: 12, through: 80, by: 2) {
                guard let l = CompareLayout(width: width, height: height) else { continue }
                var panes = [l.status, l.summary, l.hints, l.left.header, l.left.tree, l.left.code, l.left.explanation]
                if let r = l.right { panes += [r.header, r.tree, r.code, r.explanation] }
                if let d = l.divider { panes.append(d) }
                let all = Rect(x: 0, y: 0, width: width, height: height)
                for p in panes { #expect(p.clipped(to: all) == p, "\(width)x\(height): \(p) outside") }
                for i in panes.indices {
                    for j in panes.indices where j > i && !panes[i].isEmpty && !panes[j].isEmpty {
                        #expect(panes[i].clipped(to: panes[j]).isEmpty, "\(width)x\(height): panes \(i) and \(j) overlap")
                    }
                }
                #expect(l.left.tree.height >= 3, "\(width)x\(height): no room for the tree")
            }
        }
    }

    /// Every shared step of the kernel Samples, mainline against each proposal, renders at
    /// sizes from 1×1 to 200×60 without trapping and with exactly the requested size.
    @Test(arguments: ["scenario-a-retry", "scenario-c-cached32-walk", "scenario-e-reserve", "scenario-g-next-fit"])
    func everyStepRendersAtSeveralSizes(_ sample: String) throws {
        let sizes = [(1, 1), (59, 15), (60, 16), (70, 20), (79, 30), (80, 24), (120, 40), (200, 60)]
        // Long tier: every step at all eight sizes; the default tier draws step k at sizes 3k,
        // 3k+1 and 3k+2 (mod 8), so every size still meets every few steps of each pair.
        let perStep = TestTier.scaled(default: 3, long: sizes.count)
        for right in [PolicyName.augmented32, .limitAware, .maple] {
            var p = try Self.pair("kernel/\(sample).iova", .mainline, right)
            var k = 0
            while true {
                defer { k += 1 }
                for j in 0..<perStep {
                    let (w, h) = sizes[(k * perStep + j) % sizes.count]
                    let b = CompareView.render(p, width: w, height: h, glyphs: w % 2 == 0 ? .unicode : .ascii)
                    #expect(b.width == w && b.height == h)
                    if w % 2 == 1 { #expect(b.cells.allSatisfy { $0.glyph.isASCII }) }
                }
                let here = (p.operationNumber, p.step)
                p.stepForward()
                if (p.operationNumber, p.step) == here { break }
            }
        }
    }
}
