import Testing
import IOVACore
import IOVAScenario
import IOVAStepper
import IOVAView

/// The event loop through a scripted terminal: playback timing, resizes mid-step, signals and
/// the exit statuses they end with — what the tmux checks see, without a terminal.
@Suite struct EventLoopTests {
    static let scenario = "alloc 1 limit=0x7ffff\nalloc 1 limit=dma32\nalloc 0x80000 limit=dma32\nfree 0x7ffff\n"

    func loop(_ script: [ScriptedBackend.Event], width: Int = 120, height: Int = 40) throws -> (EventLoop<ScriptedBackend>, Int32) {
        let lines = try Scenario.parse(Self.scenario, file: "t.iova")
        let backend = ScriptedBackend(width: width, height: height, script: script)
        var loop = EventLoop(app: AppState(stepper: Stepper(lines: lines, policy: .mainline), title: "t"), backend: backend)
        let status = loop.run()
        return (loop, status)
    }

    @Test func quitEndsWithZeroAfterDrawingTheFirstFrame() throws {
        let (l, status) = try loop([.key(.char("q"))])
        #expect(status == 0)
        #expect(l.backend.frames.count == 1)
        #expect(l.backend.frames[0].lines[0].contains("mainline"))
    }

    @Test func playbackStepsOncePerTickAtTheChosenSpeed() throws {
        // 5 steps a second: one step per 200 ms; 1 s of idling plays 5 steps.
        let (l, status) = try loop([.key(.char(" ")), .idle(1000), .key(.char(" ")), .idle(1000), .key(.char("q"))])
        #expect(status == 0)
        #expect(l.app.stepper.operationNumber == 1 && l.app.stepper.step == 5)
        #expect(!l.app.playing)
        // While playing the loop waits one step's time; paused it idles.
        #expect(l.backend.timeouts.prefix(6) == [200, 200, 200, 200, 200, 200])
        #expect(l.backend.timeouts.dropFirst(7).allSatisfy { $0 == EventLoop<ScriptedBackend>.idleTimeout })
        #expect(l.backend.clock == 2000)
    }

    @Test func fasterPlaybackWaitsLessAndStopsAtTheEnd() throws {
        // 100 steps a second for 10 s: far more ticks than steps; playback stops at the last step.
        let faster = Array(repeating: ScriptedBackend.Event.key(.char("+")), count: 6)
        let (l, _) = try loop(faster + [.key(.char(" ")), .idle(10_000), .key(.char("q"))])
        #expect(l.app.speed == 100)
        #expect(l.backend.timeouts.contains(10))
        #expect(!l.app.playing)
        #expect(l.app.stepper.operationNumber == 4 && l.app.stepper.step == l.app.stepper.stepCount)
    }

    @Test func resizeMidStepRedrawsAtTheNewSizeInPlace() throws {
        let (l, status) = try loop([.key(.char("]")), .key(.right), .key(.right),
                                    .resize(width: 60, height: 20), .resize(width: 8, height: 3),
                                    .resize(width: 100, height: 30), .key(.char("q"))])
        #expect(status == 0)
        #expect(l.app.stepper.operationNumber == 2 && l.app.stepper.step == 2)
        let sizes = l.backend.frames.map { "\($0.width)x\($0.height)" }
        #expect(sizes.suffix(3) == ["60x20", "8x3", "100x30"])
        // Too small: the screen says so; back at 100x30 the frame is whole again, same step.
        let small = l.backend.frames[l.backend.frames.count - 2].lines.joined()
        #expect(small.hasPrefix("terminal"))
        #expect(l.backend.frames.last!.lines[0].contains("op 2/4") && l.backend.frames.last!.lines[0].contains("step 2/"))
    }

    @Test(arguments: [(Int32(2), Int32(130)), (15, 143), (1, 129)])
    func stopSignalsEndWithTheirStatus(_ signal: Int32, _ expected: Int32) throws {
        let (l, status) = try loop([.key(.right), .signal(signal), .key(.right)])
        #expect(status == expected)
        #expect(l.app.stepper.step == 1)
    }

    @Test func ctrlCQuitsWith130EvenFromTheCommandLine() throws {
        let (_, status) = try loop([.key(.char(":")), .key(.char("a")), .key(.ctrlC)])
        #expect(status == 130)
    }

    @Test func commandsTypedThroughTheLoopTakeEffect() throws {
        var script: [ScriptedBackend.Event] = [.key(.char(":"))]
        script += "alloc 16 limit=dma32".map { .key(.char($0)) }
        script += [.key(.enter), .key(.char("q"))]
        let (l, status) = try loop(script)
        #expect(status == 0)
        #expect(l.app.stepper.operationCount == 5 && l.app.stepper.operationNumber == 5)
        #expect(l.backend.frames.last!.lines.last!.contains("appended operation 5"))
    }

    @Test func anExhaustedScriptStopsLikeSIGTERM() throws {
        let (_, status) = try loop([.key(.right)])
        #expect(status == 143)
    }
}
