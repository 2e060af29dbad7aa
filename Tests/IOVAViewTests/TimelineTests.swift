import Testing
import IOVACore
import IOVAScenario
import IOVAStepper
@testable import IOVAView

/// The visits timeline: its column arithmetic, what it draws (snapshots in Unicode, ASCII and
/// the compare view), its look without colour, the key and the click, and every size.
@Suite struct TimelineTests {
    /// 30 64-bit allocations, a 32-bit one that mainline walks all of them for, a tiny window
    /// filled until five allocations fail, a free, and a last 32-bit allocation.
    static let scenario: String = {
        var text = "domain start=1 granule=4096\n"
        for i in 0..<30 { text += "alloc \(1 << (i % 4)) limit=dma64 aligned\n" }
        text += "alloc 16 limit=dma32 aligned\n"
        for _ in 0..<20 { text += "alloc 4 limit=0x3f aligned\n" }
        text += "free @2\nalloc 1 limit=dma32\n"
        return text
    }()

    static func app(_ text: String = scenario, _ policy: PolicyName = .mainline) throws -> AppState {
        AppState(stepper: Stepper(lines: try Scenario.parse(text, file: "t.iova"), policy: policy), title: "t")
    }

    /// The same shape, `copies` times over: more operations than columns.
    static func long(_ copies: Int) -> String {
        "domain start=1 granule=4096\n" + String(repeating: scenario.split(separator: "\n").dropFirst().filter { !$0.hasPrefix("free") }
            .joined(separator: "\n") + "\n", count: copies)
    }

    // MARK: Arithmetic

    @Test(arguments: [(1, 10), (7, 7), (55, 100), (1_000, 113), (1_000_000, 193), (12_345, 60)])
    func everyOperationHasOneColumn(_ count: Int, _ width: Int) {
        let scale = TimelineScale(count: count, width: width)
        #expect(scale.columns == min(count, width))
        var next = 0
        for c in 0..<scale.columns {
            let ops = scale.operations(in: c)
            #expect(ops.lowerBound == next && !ops.isEmpty, "column \(c)")
            #expect(scale.column(of: ops.lowerBound + 1) == c && scale.column(of: ops.upperBound) == c)
            next = ops.upperBound
        }
        #expect(next == count)
    }

    @Test func levelsAreLogarithmicAndMonotonic() {
        #expect(TimelineScale.level(0, max: 1_000_000) == 0)
        #expect(TimelineScale.level(1, max: 1_000_000) == 1)
        #expect(TimelineScale.level(1_000_000, max: 1_000_000) == 8)
        #expect(TimelineScale.level(1_000, max: 1_000_000) == 4)   // half the exponent: the middle
        #expect(TimelineScale.level(1, max: 1) == 8)
        var last = 0
        for v in stride(from: UInt32(1), through: 1_000_000, by: 997) {
            let l = TimelineScale.level(v, max: 1_000_000)
            #expect(l >= last && (1...8).contains(l))
            last = l
        }
    }

    // MARK: Snapshots

    @Test func singleUnicode() throws {
        var a = try Self.app()
        a.recordingSize = (100, 30)
        _ = a.handle(.char("]"))
        Snapshot.assertMatches(a.render(width: 100, height: 30, glyphs: .unicode), named: "timeline-single-100x30")
    }

    @Test func singleASCII() throws {
        var a = try Self.app()
        _ = a.handle(.char("M"))   // the 32-bit walk over every range
        Snapshot.assertMatches(a.render(width: 100, height: 30, glyphs: .ascii), named: "timeline-single-ascii-100x30")
    }

    @Test func compareBothPolicies() throws {
        var a = try Self.app(Self.long(6))
        a.startComparing(.limitAware)
        a.recordingSize = (120, 40)
        _ = a.handle(.char("F"))
        Snapshot.assertMatches(a.render(width: 120, height: 40, glyphs: .unicode), named: "timeline-compare-120x40")
    }

    @Test func moreOperationsThanColumnsSmall() throws {
        var a = try Self.app(Self.long(4))
        a.recordingSize = (60, 16)
        _ = a.handle(.char(")"))
        Snapshot.assertMatches(a.render(width: 60, height: 16, glyphs: .unicode), named: "timeline-single-60x16")
    }

    /// Without colour the current column is reversed and failures keep their own glyph and bold.
    @Test func noColorKeepsEveryMeaning() throws {
        var a = try Self.app()
        _ = a.handle(.char("F"))
        let buffer = a.render(width: 100, height: 30, glyphs: .unicode)
        let roles = buffer.roleLines[1]
        let row = Array(buffer.lines[1].unicodeScalars)
        let current = try #require(roles.firstIndex(of: "^")).utf16Offset(in: roles)
        #expect(Theme.monochrome.style(.timelineCurrent).sgrParameters == "7")
        #expect(Theme.monochrome.style(.timelineFailure).sgrParameters == "1")
        #expect(row[current] == "✗", "the failed allocation F jumped to")
        #expect(row.filter { $0 == "✗" }.count >= 2 && roles.contains("X"))
        let mono = Theme.monochrome.ansiLines(buffer)[1]
        #expect(mono.contains("\u{1b}[0;7m✗") && mono.contains("\u{1b}[0;1m✗"))
    }

    // MARK: Key and click

    @Test func keysWalkTheColumnsToTheirSlowestOperation() throws {
        var a = try Self.app(Self.long(8))
        a.recordingSize = (80, 24)
        let timeline = try #require(a.timeline)
        let scale = timeline.scale(width: 80)
        #expect(scale.columns == 80 - timeline.labelWidth && scale.count == a.stepper.operationCount)
        let summaries = try #require(a.stepper.readySummaries)
        for c in 1..<6 {
            _ = a.handle(.char(")"))
            let ops = scale.operations(in: c)
            let best = ops.map { summaries.visits[$0] }.max()!
            #expect(scale.column(of: a.stepper.operationNumber) == c)
            #expect(summaries.visits[a.stepper.operationNumber - 1] == best)
            #expect(a.stepper.operationNumber == ops.first { summaries.visits[$0] == best }! + 1, "the first of the slowest")
        }
        _ = a.handle(.char("("))
        #expect(scale.column(of: a.stepper.operationNumber) == 4)
    }

    @Test func aClickOnAColumnJumpsThere() throws {
        var a = try Self.app()
        a.recordingSize = (100, 30)
        let label = try #require(a.timeline).labelWidth
        // One column per operation here: column 31 is the 32-bit walk.
        #expect(a.handle(.click(x: label + 30, y: 1)) == .redraw)
        #expect(a.stepper.operationNumber == 31 && a.stepper.step == 0)
        #expect(a.message?.text.hasPrefix("op 31: 31 visits") == true)
        // Off the strip: the label, the marker row, the tree.
        #expect(a.handle(.click(x: 0, y: 1)) == [])
        #expect(a.handle(.click(x: label + 3, y: 2)) == [])
        #expect(a.handle(.click(x: label + 3, y: 20)) == [])
        #expect(a.stepper.operationNumber == 31)
    }

    @Test func compareClicksOnEitherStrip() throws {
        var a = try Self.app()
        a.startComparing(.maple)
        a.recordingSize = (120, 40)
        let label = try #require(a.timeline).labelWidth
        #expect(a.handle(.click(x: label + 9, y: 2)) == .redraw)
        #expect(a.stepper.operationNumber == 10 && a.pair?.right.operationNumber == 10)
    }

    // MARK: Sizes

    /// Never traps, always the size asked for; the strip shrinks to one row before it goes.
    @Test func everySizeDraws() throws {
        var single = try Self.app(Self.long(3))
        var pair = single
        pair.startComparing(.limitAware)
        for (w, h) in [(1, 1), (2, 3), (59, 15), (60, 16), (61, 19), (70, 20), (80, 23), (80, 24), (120, 40), (200, 60)] {
            for a in [single, pair] {
                for glyphs in [Glyphs.unicode, .ascii] {
                    let b = a.render(width: w, height: h, glyphs: glyphs)
                    #expect(b.width == w && b.height == h)
                }
            }
        }
        single.recordingSize = (60, 16)
        pair.recordingSize = (60, 16)
        let rows = single.render(width: 60, height: 16, glyphs: .unicode).lines
        #expect(rows[1].hasPrefix("visits ") && !rows[2].contains("▲"), "one row at 60x16")
        #expect(Timeline.rows(strips: 2, height: 16) == 1 && Timeline.rows(strips: 2, height: 20) == 2)
    }

    /// The tour keeps its rows for the chapter's notes.
    @Test func notInTheTour() {
        #expect(AppState(tourChapter: 2).timeline == nil)
    }
}
