import Foundation
import Testing
import IOVACore
import IOVAScenario
import IOVAStepper
import IOVAView

/// The tour's keys as state transitions, and every ordinary key still working in a chapter.
@Suite struct TourAppStateTests {
    @Test func chapterKeysTurnAndStopAtTheEnds() {
        var a = AppState(tourChapter: 1)
        #expect(a.chapter?.number == 1 && a.stepper.policyName == .mainline)
        #expect(a.stepper.operationNumber == 7 && a.stepper.step == 4)
        #expect(a.handle(.char("{")) == .redraw)
        #expect(a.chapter?.number == 1 && a.message?.text == "this is the first chapter (} goes on)")
        _ = a.handle(.char("}"))
        #expect(a.chapter?.number == 2 && a.title == "chapter 2/12: The first 32-bit allocation walks every node")
        #expect(a.stepper.operationNumber == 17 && a.stepper.step == 18)
        for _ in 0..<11 { _ = a.handle(.char("}")) }
        #expect(a.chapter?.number == 12 && a.stepper.policyName == .mainline)
        #expect(a.message?.text == "this is the last chapter ({ goes back)")
        _ = a.handle(.char("{"))
        #expect(a.chapter?.number == 11 && a.stepper.policyName == .mainline)
        #expect(a.stepper.operationNumber == 255 && a.stepper.step == 129)
        for _ in 0..<2 { _ = a.handle(.char("{")) }
        // Chapter 9 opens in the compare view; the next turn leaves it.
        #expect(a.chapter?.number == 9 && a.stepper.policyName == .alignAware && a.pair?.right.policyName == .limitAware)
        #expect(a.stepper.operationNumber == 29 && a.stepper.step == 19)
        _ = a.handle(.char("{"))
        #expect(a.chapter?.number == 8 && a.stepper.policyName == .limitAware && a.pair == nil)
        #expect(a.stepper.operationNumber == 29 && a.stepper.step == 26)
    }

    @Test func ordinaryKeysWorkInsideAChapter() {
        var a = AppState(tourChapter: 3)
        _ = a.handle(.right)
        #expect(a.stepper.operationNumber == 29 && a.stepper.step == 35)
        _ = a.handle(.char("g"))
        #expect(a.stepper.operationNumber == 1 && a.stepper.step == 0)
        _ = a.handle(.char("G"))
        #expect(a.stepper.operationNumber == 29 && a.stepper.step == a.stepper.stepCount)
        _ = a.handle(.char(":"))
        for c in "alloc 16 limit=dma32" { _ = a.handle(.char(c)) }
        _ = a.handle(.enter)
        #expect(a.message?.text == "appended operation 30: alloc 16 limit=dma32")
        #expect(a.stepper.operationCount == 30 && a.chapter?.number == 3)
        a.runCommand("policy limit-aware")
        #expect(a.stepper.policyName == .limitAware && a.stepper.operationCount == 30)
        _ = a.handle(.char("G"))
        guard case let .alloc(_, _, _, outcome)? = a.stepper.record?.result else { Issue.record("no alloc"); return }
        #expect(outcome.range?.lo == 0xffff0)
        // The next chapter starts afresh, on its own policy and scenario.
        _ = a.handle(.char("}"))
        #expect(a.chapter?.number == 4 && a.stepper.policyName == .augmented && a.stepper.operationCount == 36)
    }

    @Test func chapterKeysDoNothingOutsideTheTour() throws {
        var a = AppState(stepper: Stepper(lines: try Scenario.parse("alloc 1\n", file: "t"), policy: .mainline), title: "t")
        #expect(a.handle(.char("}")) == [])
        #expect(a.handle(.char("i")) == [])
        #expect(a.chapter == nil && a.narration == nil)
        let last = a.render(width: 100, height: 30, glyphs: .unicode).lines.last ?? ""
        #expect(last.hasPrefix(" ←/→ step"))
    }

    @Test func tourPolicyOverridesEveryChapter() {
        var a = AppState(tourChapter: 2, policy: .maple)
        #expect(a.stepper.policyName == .maple)
        _ = a.handle(.char("}"))
        #expect(a.stepper.policyName == .maple && a.chapter?.number == 3)
    }

    /// `:export` of a chapter: the heading is the recording's title and its first marker.
    @Test func exportCarriesTheChapterAsAMarker() throws {
        var a = AppState(tourChapter: 10)
        var written = ""
        a.writeFile = { _, text, _ in written = text }
        a.recordingSize = (80, 24)
        a.runCommand("export t.cast")
        let lines = written.split(separator: "\n").map(String.init)
        let header = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["title"] as? String == "chapter 10/12: max32_alloc_size and the retry pass")
        let first = try #require(JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [Any])
        #expect(first[1] as? String == "m" && first[2] as? String == "chapter 10/12: max32_alloc_size and the retry pass")
        let second = try #require(JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [Any])
        #expect(second[2] as? String == "op 6 step 4")
    }

    /// A recording of a tour file (iovascope export) recognises its chapter by its commands.
    @Test func tourFilesAreRecognised() {
        #expect(Tour.chapter(matching: Tour.chapters[4].lines, policy: .mainline)?.number == 5)
        #expect(Tour.chapter(matching: Tour.chapters[5].lines, policy: .maple)?.number == 7)
        #expect(Tour.chapter(matching: Tour.chapters[5].lines, policy: .limitAware)?.number == 6)
        #expect(Tour.chapter(matching: Array(Tour.chapters[0].lines.dropLast()), policy: .mainline) == nil)
    }
}
