import Testing
import IOVACore
import IOVAStepper
import IOVAView

/// Every chapter opening drawn at the sizes users run, in UTF-8 and ASCII, with its banner.
@Suite struct TourFrameTests {
    static let sizes = [(120, 40), (80, 24), (60, 16)]

    @Test(arguments: TourScenarioTests.chapters)
    func opensAtEverySizeWithoutOverflowing(_ n: Int) {
        let app = AppState(tourChapter: n)
        let c = Tour.chapters[n - 1]
        for (w, h) in Self.sizes {
            for glyphs in [Glyphs.unicode, Glyphs.ascii] {
                let b = app.render(width: w, height: h, glyphs: glyphs)
                #expect(b.width == w && b.height == h)
                let lines = b.lines
                #expect(lines.count == h)
                for line in lines { #expect(line.unicodeScalars.count <= w, "chapter \(n) \(w)x\(h): overflow") }
                if glyphs.isASCII {
                    #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy { $0.isASCII } }, "chapter \(n) \(w)x\(h): non-ASCII")
                }
                // The heading is on screen at every size (clipped at the right if need be).
                #expect(lines.contains { $0.hasPrefix(" chapter \(n)/12: " + c.title.prefix(w - 20)) }, "chapter \(n) \(w)x\(h): no heading")
                #expect(lines.last?.hasPrefix(" {/} chapter") == true)
            }
        }
    }

    /// At 120×40 and 80×24 the whole narration fits: its last words are on screen, no ellipsis.
    @Test(arguments: TourScenarioTests.chapters)
    func narrationFitsAt80x24(_ n: Int) {
        let app = AppState(tourChapter: n)
        let words = Tour.chapters[n - 1].narration.split(separator: " ")
        for (w, h) in [(120, 40), (80, 24)] {
            let lines = app.render(width: w, height: h, glyphs: .unicode).lines
            let top = lines.firstIndex { $0.hasPrefix(" chapter \(n)/12") } ?? 0
            // The banner ends where the panes begin: the tree (or the maple tree), or the
            // magazines above it in a chapter on the DMA path. In the compare view (chapter 9) the verdict line follows it (`=` or `≠`).
            let banner = lines[(top + 1)...].prefix { !$0.hasPrefix("tree") && !$0.hasPrefix("maple") && !$0.hasPrefix("magazines")
                && !$0.hasPrefix("= ") && !$0.hasPrefix("≠ ") }
            #expect(banner.first?.hasPrefix(" " + words[0] + " ") == true, "chapter \(n) at \(w)x\(h)")
            #expect(banner.last?.trimmingTrailingSpaces().hasSuffix(String(words.last!)) == true,
                    "chapter \(n) at \(w)x\(h): the narration is cut before '\(words.last!)'")
            #expect(!banner.joined().contains("…"))
        }
    }

    /// At 60×16 the banner keeps two lines and says there is more; the tree keeps its rows.
    @Test func smallScreensCutTheNarrationWithAnEllipsis() {
        let lines = AppState(tourChapter: 4).render(width: 60, height: 16, glyphs: .ascii).lines
        let heading = lines.firstIndex { $0.hasPrefix(" chapter 4/12") }
        #expect(heading == 4)
        #expect(lines[6].hasSuffix("...") || lines[6].trimmingTrailingSpaces().hasSuffix("..."))
        #expect(lines[7].hasPrefix("tree (augmented"))
    }

    @Test func iFoldsTheNotesToTheHeading() {
        var app = AppState(tourChapter: 3)
        _ = app.handle(.char("i"))
        #expect(app.notesCollapsed)
        let lines = app.render(width: 80, height: 24, glyphs: .unicode).lines
        let heading = lines.firstIndex { $0.hasPrefix(" chapter 3/12") }
        #expect(heading == 6)
        #expect(lines[6].hasSuffix("i: show notes"))
        #expect(lines[7].hasPrefix("tree (augmented"))
        _ = app.handle(.char("i"))
        #expect(!app.notesCollapsed)
    }

    /// The help overlay carries the whole narration (the banner may have cut it).
    @Test func helpShowsTheNotesInFull() {
        var app = AppState(tourChapter: 2)
        _ = app.handle(.char("?"))
        let text = app.render(width: 120, height: 40, glyphs: .unicode).lines.joined(separator: "\n")
        #expect(text.contains("chapter 2/12: The first 32-bit allocation walks every node"))
        #expect(text.contains("visit."))
        #expect(text.contains("tour: next / previous chapter"))
    }

    @Test func openingSnapshots() {
        Snapshot.assertMatches(AppState(tourChapter: 1).render(width: 80, height: 24, glyphs: .unicode), named: "tour-01-next-fit-80x24-utf8")
        Snapshot.assertMatches(AppState(tourChapter: 4).render(width: 120, height: 40, glyphs: .unicode), named: "tour-04-limit-120x40-utf8")
        Snapshot.assertMatches(AppState(tourChapter: 7).render(width: 60, height: 16, glyphs: .ascii), named: "tour-07-maple-60x16-ascii")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

/// The banner takes rows from the middle, never more than two fifths, and overlaps nothing.
@Suite struct TourLayoutTests {
    @Test func bannerStaysInsideAndDoesNotOverlap() {
        for (w, h) in [(60, 16), (80, 24), (100, 30), (120, 40), (200, 60)] {
            for want in [1, 4, 6, 30] {
                guard let l = FrameLayout(width: w, height: h, narrationRows: want), let plain = FrameLayout(width: w, height: h) else {
                    Issue.record("\(w)x\(h): no layout"); continue
                }
                let granted = min(want, max(2, plain.tree.height * 2 / 5))
                #expect(l.narration.height == granted && l.narration.y == l.address.maxY && l.narration.width == w)
                #expect(l.tree.y == l.narration.maxY && l.tree.height == plain.tree.height - granted)
                #expect(l.tree.height >= 4, "\(w)x\(h): the tree keeps at least 4 rows")
                let panes = [l.status, l.address, l.narration, l.tree, l.code, l.log, l.explanation, l.hints]
                for i in panes.indices {
                    for j in panes.indices where j > i && !panes[i].isEmpty && !panes[j].isEmpty {
                        #expect(panes[i].clipped(to: panes[j]).isEmpty, "\(w)x\(h): panes \(i) and \(j) overlap")
                    }
                }
            }
        }
    }
}
