import Testing
import TestSupport
import IOVACore
import IOVAScenario
import IOVAStepper
import IOVAView

/// `:compare`, `--compare`'s `startComparing`, the keys that move both sides, and the jump
/// commands `:goto max|fail|diff` (keys M, F, D) on scenarios with known answers.
@Suite struct AppStateCompareTests {
    static let scenarioG = try! Scenario.parse(FileIO.read(FileIO.repositoryRoot + "/Samples/kernel/scenario-g-next-fit.iova")!,
                                               file: "g.iova")

    func app(_ lines: [ScenarioLine] = Self.scenarioG, _ policy: PolicyName = .mainline) -> AppState {
        AppState(stepper: Stepper(lines: lines, policy: policy), title: "t")
    }

    func command(_ a: inout AppState, _ text: String) {
        _ = a.handle(.char(":"))
        for c in text { _ = a.handle(.char(c)) }
        _ = a.handle(.enter)
    }

    @Test func badArgumentsAreInlineErrors() {
        var a = app()
        for bad in ["compare nosuch", "compare", "compare mainline", "compare maple extra", "goto diff", "goto maxx"] {
            command(&a, bad)
            #expect(a.message?.isError == true, "'\(bad)' should be an inline error")
            #expect(a.pair == nil, "'\(bad)' must not open the compare view")
        }
        command(&a, "compare nosuch")
        let bottom = a.render(width: 120, height: 40, glyphs: .unicode).lines.last ?? ""
        #expect(bottom.contains("compare: unknown policy 'nosuch'"))
        command(&a, "compare off")
        #expect(a.message?.text == "not comparing" && a.message?.isError == false)
    }

    @Test func compareOpensStepsBothAndCloses() {
        var a = app()
        command(&a, "compare limit-aware")
        #expect(a.message?.isError == false)
        #expect(a.pair?.right.policyName == .limitAware && a.pair?.left.policyName == .mainline)
        _ = a.handle(.char("G"))
        #expect(a.stepper.operationNumber == 3 && a.pair?.step == 13 && a.pair?.right.step == 12)
        _ = a.handle(.left)
        #expect(a.stepper.step == 12 && a.pair?.right.step == 12)
        _ = a.handle(.char("["))
        #expect(a.stepper.operationNumber == 2 && a.pair?.right.operationNumber == 2)
        let screen = a.render(width: 120, height: 40, glyphs: .unicode).lines
        #expect(screen[0].contains("compare mainline vs limit-aware │ op 2/3"))
        // Under the status bar, the visits timeline: a strip per policy and the marker row.
        #expect(screen[1].hasPrefix("mainline ") && screen[2].hasPrefix("limit-aware ") && screen[3].contains("op 2:"))
        #expect(screen[4].contains("placements differ: mainline [0x7fffe..0x7fffe] vs limit-aware [0xfffff..0xfffff]"))
        // A typed operation goes to both sides; :policy swaps when it names the right side.
        command(&a, "alloc 1 limit=dma32")
        #expect(a.stepper.operationCount == 4 && a.pair?.right.operationCount == 4 && a.pair?.right.operationNumber == 4)
        command(&a, "policy limit-aware")
        #expect(a.stepper.policyName == .limitAware && a.pair?.right.policyName == .mainline && a.pair?.operationNumber == 4)
        command(&a, "compare off")
        #expect(a.pair == nil && a.stepper.policyName == .limitAware)
        #expect(!a.render(width: 120, height: 40, glyphs: .unicode).lines[0].contains("compare"))
    }

    @Test func playbackMovesBothAndStopsAtTheEnd() {
        var a = app()
        a.startComparing(.maple)
        _ = a.handle(.char(" "))
        var ticks = 0
        while a.playing && ticks < 1000 { _ = a.tick(); ticks += 1 }
        #expect(!a.playing && a.stepper.operationNumber == 3)
        #expect(a.pair?.step == a.pair?.stepCount && a.pair?.right.step == a.pair?.right.stepCount)
    }

    /// Scenario G: mainline and limit-aware place ops 2 and 3 differently.
    @Test func gotoDiffWalksTheDifferences() {
        var a = app()
        a.startComparing(.limitAware)
        command(&a, "goto diff")
        #expect(a.stepper.operationNumber == 2 && a.stepper.step == 0 && a.pair?.right.operationNumber == 2)
        #expect(a.message?.text.contains("2 operations differ") == true)
        _ = a.handle(.char("D"))
        #expect(a.stepper.operationNumber == 3)
        _ = a.handle(.char("D"))
        #expect(a.stepper.operationNumber == 2 && a.message?.text.contains("from the top") == true)
        a.startComparing(.augmented)
        command(&a, "goto diff")                     // augmented is highest-fit too: op 3 next
        #expect(a.stepper.operationNumber == 3 && a.message?.text.contains("differ") == true)
    }

    /// Visits per allocation under mainline: 1, 2, 1, -, 1, 2, 1, 2; ops 2 and 6 fail.
    @Test func gotoMaxAndFail() throws {
        let text = """
        alloc 1 limit=0xf
        alloc 16 limit=0xf
        alloc 4 limit=0xf
        free 0xf
        alloc 100 limit=0xfff
        alloc 0x1000 limit=0xfff
        alloc 1 limit=0xfff
        alloc 2 limit=0xf

        """
        var a = app(try Scenario.parse(text, file: "jumps.iova"))
        command(&a, "goto max")
        #expect(a.stepper.operationNumber == 2 && a.message?.text == "op 2: the most visits under mainline, 2")
        command(&a, "goto fail")
        #expect(a.stepper.operationNumber == 6 && a.message?.text.contains("failed allocation 2 of 2") == true)
        _ = a.handle(.char("F"))
        #expect(a.stepper.operationNumber == 2 && a.message?.text.contains("from the top") == true)
        command(&a, "policy limit-aware")
        _ = a.handle(.char("M"))
        #expect(a.stepper.operationNumber == 6 && a.message?.text == "op 6: the most visits under limit-aware, 3")
        a.startComparing(.mainline)
        _ = a.handle(.char("g"))
        _ = a.handle(.char("M"))
        #expect(a.stepper.operationNumber == 6 && a.message?.text == "op 6: the most visits under limit-aware, 3; mainline 2")
        command(&a, "goto diff")
        #expect(a.message?.text == "limit-aware and mainline answer every operation alike")
        var none = app(try Scenario.parse("alloc 1\nfree 0x10\n", file: "n.iova"))
        command(&none, "goto fail")
        #expect(none.message?.text == "no allocation fails under mainline" && none.stepper.operationNumber == 1)
    }

    @Test func helpListsTheNewKeysAndCommands() {
        var a = app()
        _ = a.handle(.char("?"))
        for c in "compare" { _ = a.handle(.char(c)) }
        let lines = a.render(width: 120, height: 40, glyphs: .unicode).lines.joined(separator: "\n")
        #expect(lines.contains(":compare P"))
        #expect(lines.contains("(:goto diff)"))
        #expect(KeyMap.helpRows.contains { $0.keys == "M" } && KeyMap.helpRows.contains { $0.keys == "D" })
    }
}
