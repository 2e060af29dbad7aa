import Testing
import TestSupport
import IOVACore
import IOVAScenario
import IOVAStepper
import IOVAView

/// Whole frames: the layout at every size, the too-small screen, and snapshots at the sizes
/// users run (80×24, 120×40, 200×60) in UTF-8 and ASCII.
@Suite struct FrameViewTests {
    static let root = FileIO.repositoryRoot

    static func stepper(_ sample: String, _ policy: PolicyName) throws -> Stepper {
        let text = try #require(Snapshot.read(root + "/Samples/" + sample))
        return Stepper(lines: try Scenario.parse(text, file: sample), policy: policy)
    }

    @Test func layoutPanesStayInsideAndDoNotOverlap() {
        for width in stride(from: 1, through: 300, by: 7) {
            for height in stride(from: 1, through: 100, by: 3) {
                guard let l = FrameLayout(width: width, height: height) else {
                    #expect(width < FrameLayout.minimumWidth || height < FrameLayout.minimumHeight)
                    continue
                }
                let panes = [l.status, l.address, l.tree, l.code, l.log, l.explanation, l.hints]
                let all = Rect(x: 0, y: 0, width: width, height: height)
                for p in panes { #expect(p.clipped(to: all) == p, "\(width)x\(height): \(p) outside") }
                for i in panes.indices {
                    for j in panes.indices where j > i && !panes[i].isEmpty && !panes[j].isEmpty {
                        #expect(panes[i].clipped(to: panes[j]).isEmpty, "\(width)x\(height): panes \(i) and \(j) overlap")
                    }
                }
                #expect(l.tree.height >= 4 && l.tree.width >= 20, "\(width)x\(height): tree too small")
            }
        }
    }

    @Test func tooSmallScreenSaysSo() {
        let s = try? Self.stepper("kernel/scenario-g-next-fit.iova", .mainline)
        guard let frame = s?.frame else { Issue.record("no frame"); return }
        let buffer = FrameView.render(frame, width: 40, height: 10, glyphs: .unicode)
        #expect(buffer.lines.contains { $0.contains("terminal too small: 40x10") })
        #expect(buffer.lines.contains { $0.contains("need 60x16") })
    }

    /// Every micro-step of the kernel Samples, under every policy, renders at sizes from 1×1 to
    /// 300×100 without trapping, and with exactly the requested size.
    @Test(arguments: ["scenario-a-retry", "scenario-c-cached32-walk", "scenario-d-max32",
                      "scenario-e-reserve", "scenario-f-alignment", "scenario-g-next-fit"])
    func everyStepRendersAtEverySize(_ sample: String) throws {
        let sizes = [(1, 1), (2, 3), (17, 5), (59, 15), (60, 16), (61, 17), (80, 24), (120, 40), (200, 60), (300, 100)]
        // Long tier: every step at all ten sizes; the default tier draws step k at sizes 3k,
        // 3k+1 and 3k+2 (mod 10), so every size still meets every few steps of each policy.
        let perStep = TestTier.scaled(default: 3, long: sizes.count)
        for policy in [PolicyName.mainline, .augmented, .augmented32, .limitAware, .maple] {
            var s = try Self.stepper("kernel/\(sample).iova", policy)
            var k = 0
            while true {
                let frame = s.frame
                for j in 0..<perStep {
                    let (w, h) = sizes[(k * perStep + j) % sizes.count]
                    let b = FrameView.render(frame, width: w, height: h, glyphs: w % 2 == 0 ? .unicode : .ascii)
                    #expect(b.width == w && b.height == h, "\(policy) op \(s.operationNumber) step \(s.step) at \(w)x\(h)")
                }
                k += 1
                let here = (s.operationNumber, s.step)
                s.stepForward()
                if (s.operationNumber, s.step) == here { break }
            }
        }
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func mainlineWalkSnapshot(_ size: (Int, Int)) throws {
        var s = try Self.stepper("kernel/scenario-c-cached32-walk.iova", .mainline)
        s.seek(operation: 13, step: 9)
        for (glyphs, name) in [(Glyphs.unicode, "utf8"), (Glyphs.ascii, "ascii")] {
            let b = FrameView.render(s.frame, width: size.0, height: size.1, glyphs: glyphs)
            Snapshot.assertMatches(b, named: "frame-mainline-walk-\(size.0)x\(size.1)-\(name)")
        }
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func limitAwareDescentSnapshot(_ size: (Int, Int)) throws {
        var s = try Self.stepper("kunit/32bit-in-64bit-domain.iova", .limitAware)
        s.seek(operation: 1001, step: 12)
        for (glyphs, name) in [(Glyphs.unicode, "utf8"), (Glyphs.ascii, "ascii")] {
            let b = FrameView.render(s.frame, width: size.0, height: size.1, glyphs: glyphs)
            Snapshot.assertMatches(b, named: "frame-limit-aware-\(size.0)x\(size.1)-\(name)")
        }
    }

    @Test func tinySnapshots() throws {
        let s = try Self.stepper("kernel/scenario-g-next-fit.iova", .mainline)
        for (w, h) in [(20, 4), (60, 16)] {
            Snapshot.assertMatches(FrameView.render(s.frame, width: w, height: h, glyphs: .ascii), named: "frame-tiny-\(w)x\(h)")
        }
    }

    @Test func ansiOutputResetsEveryLineAndKeepsTheText() throws {
        var s = try Self.stepper("kernel/scenario-g-next-fit.iova", .mainline)
        s.seek(operation: 2, step: 3)
        let b = FrameView.render(s.frame, width: 100, height: 30, glyphs: .unicode)
        for theme in [Theme.color256, .color16, .color8, .monochrome] {
            let lines = theme.ansiLines(b)
            #expect(lines.count == 30)
            for (plain, coloured) in zip(b.lines, lines) {
                #expect(stripANSI(coloured) == plain)
                if !plain.isEmpty { #expect(coloured.hasSuffix("\u{1b}[0m")) }
            }
        }
    }

    func stripANSI(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var inEscape = false
        for u in s.unicodeScalars {
            if inEscape { if u == "m" { inEscape = false }; continue }
            if u == "\u{1b}" { inEscape = true; continue }
            out.append(u)
        }
        var r = String(out)
        while r.last == " " { r.removeLast() }
        return r
    }
}
