import Testing
import IOVACore
import IOVAScenario
import IOVAStepper
import IOVAView

/// The visualizer's keys as pure state transitions: no terminal involved.
@Suite struct AppStateTests {
    func app(_ text: String = "alloc 1 limit=0x7ffff\nalloc 1 limit=dma32\nalloc 0x80000 limit=dma32\n") throws -> AppState {
        AppState(stepper: Stepper(lines: try Scenario.parse(text, file: "t.iova"), policy: .mainline), title: "t")
    }

    func press(_ app: inout AppState, _ keys: Key...) -> Reaction {
        var r: Reaction = []
        for k in keys { r = app.handle(k) }
        return r
    }

    func type(_ app: inout AppState, _ text: String) {
        for c in text { _ = app.handle(.char(c)) }
    }

    @Test func steppingKeys() throws {
        var a = try app()
        #expect(press(&a, .right) == .redraw)
        #expect(a.stepper.step == 1)
        _ = press(&a, .char("l"), .char("l"))
        #expect(a.stepper.step == 3)
        _ = press(&a, .left, .char("h"))
        #expect(a.stepper.step == 1)
        _ = press(&a, .char("]"))
        #expect(a.stepper.operationNumber == 2 && a.stepper.step == 0)
        _ = press(&a, .char("["))
        #expect(a.stepper.operationNumber == 1 && a.stepper.step == a.stepper.stepCount)
        _ = press(&a, .char("G"))
        #expect(a.stepper.operationNumber == 3 && a.stepper.step == a.stepper.stepCount)
        _ = press(&a, .char("g"))
        #expect(a.stepper.operationNumber == 1 && a.stepper.step == 0)
    }

    @Test func quitClosesOverlaysFirst() throws {
        var a = try app()
        _ = press(&a, .char("?"))
        #expect(a.mode == .help(filter: ""))
        #expect(press(&a, .char("q")) == .redraw)
        #expect(a.mode == .normal)
        #expect(press(&a, .char("q")).contains(.quit))
        var b = try app()
        #expect(press(&b, .ctrlC).contains(.quit))
    }

    @Test func helpFiltersAsYouType() throws {
        var a = try app()
        _ = press(&a, .char("?"))
        type(&a, "zoom")
        #expect(a.mode == .help(filter: "zoom"))
        let lines = a.render(width: 120, height: 40, glyphs: .unicode).lines.joined(separator: "\n")
        #expect(lines.contains("zoom the address bar"))
        #expect(!lines.contains("previous micro-step"))
        _ = press(&a, .escape)
        #expect(a.mode == .normal)
    }

    @Test func commandLineAppendsOperations() throws {
        var a = try app()
        _ = press(&a, .char(":"))
        type(&a, "alloc 16 limit=dma32 aligned")
        #expect(a.mode == .command("alloc 16 limit=dma32 aligned"))
        _ = press(&a, .enter)
        #expect(a.mode == .normal)
        #expect(a.stepper.operationCount == 4 && a.stepper.operationNumber == 4)
        #expect(a.message?.isError == false)
        #expect(a.stepper.operations.last?.command == .alloc(size: 16, limit: 0xfffff, aligned: true))
    }

    @Test func commandErrorsStayInline() throws {
        var a = try app()
        for bad in ["alloc 0", "alloc 5 limit=dma99", "bogus", "policy nope", "goto x", "free"] {
            _ = press(&a, .char(":"))
            type(&a, bad)
            _ = press(&a, .enter)
            #expect(a.message?.isError == true, "'\(bad)' should be an inline error")
            #expect(a.stepper.operationCount == 3, "'\(bad)' must not append")
        }
        let bottom = a.render(width: 100, height: 30, glyphs: .ascii).lines.last ?? ""
        #expect(bottom.contains("free"))
    }

    @Test func policySwitchReplaysTheSameOperations() throws {
        var a = try app()
        _ = press(&a, .char("]"))
        _ = press(&a, .char(":"))
        type(&a, "policy limit-aware")
        _ = press(&a, .enter)
        #expect(a.stepper.policyName == .limitAware)
        #expect(a.stepper.operationNumber == 2)
        _ = press(&a, .char("G"))
        guard case let .alloc(_, _, _, outcome)? = a.stepper.record?.result else { Issue.record("no alloc"); return }
        #expect(outcome.range == nil)        // highest fit cannot place 0x80000 pages (scenario G)
        _ = press(&a, .char(":"))
        type(&a, "goto 2")
        _ = press(&a, .enter)
        #expect(a.stepper.operationNumber == 2 && a.stepper.step == 0)
    }

    @Test func searchFindsTheRangeAndCentresTheBar() throws {
        var a = try app()
        _ = press(&a, .char("G"))
        _ = press(&a, .char("/"))
        type(&a, "0x80010")
        _ = press(&a, .enter)
        #expect(a.message?.text.contains("[0x80000..0xfffff]") == true)
        #expect(a.address.centre == 0x80010 && a.address.zoom > 0)
        _ = press(&a, .char("/"))
        type(&a, "zz")
        _ = press(&a, .enter)
        #expect(a.message?.isError == true)
    }

    @Test func playbackAdvancesAndStopsAtTheEnd() throws {
        var a = try app()
        _ = press(&a, .char(" "))
        #expect(a.playing)
        let speed = a.speed
        _ = press(&a, .char("+"))
        #expect(a.speed > speed)
        var ticks = 0
        while a.playing && ticks < 10_000 { _ = a.tick(); ticks += 1 }
        #expect(!a.playing)
        #expect(a.stepper.operationNumber == 3 && a.stepper.step == a.stepper.stepCount)
    }

    @Test func zoomKeysAndFollow() throws {
        var a = try app()
        _ = press(&a, .char("z"), .char("z"))
        #expect(a.address.zoom == 2)
        _ = press(&a, .char(">"))
        #expect(a.address.centre != nil)
        _ = press(&a, .char("f"), .char("Z"))
        #expect(a.address.centre == nil && a.address.zoom == 1)
    }

    /// Random key storms at random sizes never trap and always draw the requested size.
    @Test func keyStormsAtAnySize() throws {
        var a = try app()
        var rng = SystemRandomNumberGenerator()
        let keys: [Key] = [.right, .left, .up, .down, .char("]"), .char("["), .char("G"), .char("g"), .char(" "),
                           .char("z"), .char("Z"), .char("?"), .char(":"), .char("/"), .char("a"), .char("1"),
                           .enter, .escape, .backspace, .tab, .backTab, .resize, .char("<"), .char(">"), .char("f")]
        for _ in 0..<3000 {
            let key = keys.randomElement(using: &rng)!
            if key == .char("q") || key == .ctrlC { continue }
            _ = a.handle(key)
            _ = a.tick()
            let w = Int.random(in: 1...220, using: &rng), h = Int.random(in: 1...70, using: &rng)
            let b = a.render(width: w, height: h, glyphs: Bool.random(using: &rng) ? .unicode : .ascii)
            #expect(b.width == w && b.height == h)
        }
    }
}

@Suite struct AppStateScrollTests {
    @Test func logScrollsBackAndSteppingReturnsToTheNewest() throws {
        let lines = try Scenario.parse(String(repeating: "alloc 1 limit=dma32\n", count: 40), file: "t.iova")
        var a = AppState(stepper: Stepper(lines: lines, policy: .mainline), title: "t")
        _ = a.handle(.char("G"))
        let newest = a.render(width: 120, height: 40, glyphs: .unicode).lines
        _ = a.handle(.pageUp)
        #expect(a.logScroll == 5)
        let older = a.render(width: 120, height: 40, glyphs: .unicode).lines
        #expect(older != newest)
        #expect(older.contains { $0.contains("log (5 back)") })
        _ = a.handle(.pageDown)
        #expect(a.logScroll == 0)
        _ = a.handle(.pageUp)
        _ = a.handle(.left)
        #expect(a.logScroll == 0)
    }

    @Test func exportWithoutAWriterIsAnInlineError() throws {
        var a = AppState(stepper: Stepper(lines: try Scenario.parse("alloc 1\n", file: "t"), policy: .mainline), title: "t")
        a.runCommand("export x.cast")
        #expect(a.message?.isError == true && a.message?.text.contains("not available") == true)
    }
}

@Suite struct AppStateFoldTests {
    /// `o` unfolds every subtree (no more one-line summaries around the search), `o` again folds.
    @Test func unfoldAndFoldTheTree() throws {
        let text = String(repeating: "alloc 1 limit=0x1000000 aligned\n", count: 300) + "alloc 1 limit=dma32 aligned\n"
        var a = AppState(stepper: Stepper(lines: try Scenario.parse(text, file: "t"), policy: .limitAware), title: "t")
        _ = a.handle(.char("G"))
        func lines(_ a: AppState) -> [String] { a.render(width: 160, height: 50, glyphs: .ascii).lines }
        let folded = lines(a)
        #expect(folded.contains { $0.contains("search path") })
        #expect(folded.contains { $0.contains(" nodes [") })
        _ = a.handle(.char("o"))
        #expect(a.treeExpanded)
        let open = lines(a)
        #expect(open.contains { $0.contains("unfolded") })
        #expect(!open.contains { $0.contains(" nodes [") && !$0.contains("above limit") && !$0.contains("max_gap") })
        _ = a.handle(.char("o"))
        #expect(lines(a) == folded)
    }
}
