import Dispatch
import Testing
import IOVACore
import IOVAScenario
@testable import IOVAStepper
@testable import IOVAView

/// A move or jump that would wait for the background replay is put aside instead of freezing
/// the terminal: the message says how far the replay is, a tick performs it once the replay gets
/// there, and any key cancels it. The replay here is held at its start by a gate, so "not there
/// yet" is certain, not a race.
@Suite struct AppStateWaitingTests {
    static let operations = 5_000

    /// Allocations of 1–8 pages under varied limits, every fifth one freed again.
    static func lines() throws -> [ScenarioLine] {
        var text = "domain start=1 granule=4096\n"
        for i in 0..<operations {
            if i % 5 == 4 { text += "free @\(i + 1)\n" } else { text += "alloc \(1 + i % 8) limit=\(i % 3 == 0 ? "dma32" : "dma40")\n" }
        }
        return try Scenario.parse(text, file: "waiting.iova")
    }

    /// An app over `policy` whose background replay waits for `gate`.
    static func gatedApp(_ policy: PolicyName, gate: DispatchSemaphore) throws -> AppState {
        var s = Stepper(lines: try lines(), policy: policy)
        let start = s.checkpoints[0]
        s.background = CheckpointBuilder(operations: s.operations,
                                         start: Checkpoint(op: 1, state: start.state, ledger: start.ledger, ranges: nil),
                                         interval: Stepper.interval(for: s.operationCount), gate: gate)
        return AppState(stepper: s, title: "waiting.iova")
    }

    @Test(arguments: [PolicyName.mainline, .limitAware, .maple])
    func lastWaitsThenArrives(_ policy: PolicyName) throws {
        let gate = DispatchSemaphore(value: 0)
        var app = try Self.gatedApp(policy, gate: gate)
        #expect(app.perform(.move(.last)) == .redraw)
        #expect(app.pending == .move(.last))
        #expect(app.stepper.operationNumber == 1)
        let text = try #require(app.message?.text)
        #expect(text == "waiting for the replay (0%, op 1) to go to op 5,000; any key cancels", "\(text)")
        #expect(app.tick() == .redraw && app.pending == .move(.last))   // still held
        gate.signal()
        app.stepper.waitForBackground()
        #expect(app.tick() == .redraw)
        #expect(app.pending == nil && app.message == nil)
        #expect(app.stepper.operationNumber == Self.operations)
        // The state it arrived at is a plain replay's.
        var plain = Stepper(lines: try Self.lines(), policy: policy)
        plain.last()
        #expect(app.stepper.record?.result == plain.record?.result)
        #expect(app.stepper.before.liveCount == plain.before.liveCount)
    }

    @Test func anyKeyCancelsAndStillWorks() throws {
        let gate = DispatchSemaphore(value: 0)
        defer { gate.signal() }
        var app = try Self.gatedApp(.limitAware, gate: gate)
        _ = app.perform(.move(.seek(operation: 4_000, step: 0)))
        #expect(app.pending == .move(.seek(operation: 4_000, step: 0)))
        #expect(app.message?.text.contains("to go to op 4,000") == true)
        // `]` carries the current state on: it never waits.
        _ = app.handle(.char("]"))
        #expect(app.pending == nil && app.stepper.operationNumber == 2)
        #expect(app.message == nil)
        // A resize neither cancels nor clears the message.
        _ = app.perform(.move(.last))
        _ = app.handle(.resize)
        #expect(app.pending == .move(.last) && app.message != nil)
        // Going back to where the replay has been never waits either.
        _ = app.handle(.char("g"))
        #expect(app.pending == nil && app.stepper.operationNumber == 1)
    }

    @Test func jumpsWaitForEveryAnswer() throws {
        let gate = DispatchSemaphore(value: 0)
        var app = try Self.gatedApp(.limitAware, gate: gate)
        _ = app.perform(.jump(.max))
        #expect(app.pending == .jump(.max))
        #expect(app.message?.text.contains("find :goto max") == true)
        gate.signal()
        app.stepper.waitForBackground()
        _ = app.tick()
        #expect(app.pending == nil)
        var plain = Stepper(lines: try Self.lines(), policy: .limitAware)
        let best = try #require(plain.summaries().mostVisited)
        #expect(app.stepper.operationNumber == best.operation)
        #expect(app.message?.text.contains("the most visits under limit-aware") == true)
    }

    /// `:policy` and `:compare` far into a long scenario start the new replay from the first
    /// operation and come back aside: after it, the position and states are a plain replay's.
    @Test func switchingAndComparingComeBack() throws {
        var app = AppState(stepper: Stepper(lines: try Self.lines(), policy: .limitAware), title: "waiting.iova")
        app.prepareInBackground()
        app.stepper.waitForBackground()
        _ = app.perform(.move(.seek(operation: 4_500, step: 2)))
        #expect(app.stepper.operationNumber == 4_500)

        _ = app.perform(.switchPolicy(.maple))
        while app.pending != nil {
            app.stepper.waitForBackground()
            _ = app.tick()
        }
        var plain = Stepper(lines: try Self.lines(), policy: .maple)
        plain.seek(operation: 4_500, step: 0)
        #expect(app.stepper.policyName == .maple && app.stepper.operationNumber == 4_500)
        #expect(app.stepper.record?.result == plain.record?.result)

        _ = app.perform(.move(.seek(operation: 4_321, step: 1)))
        _ = app.perform(.compare(.limitAware))
        while app.pending != nil {
            app.pair?.right.waitForBackground()
            _ = app.tick()
        }
        let pair = try #require(app.pair)
        var plainRight = Stepper(lines: try Self.lines(), policy: .limitAware)
        plainRight.seek(operation: 4_321, step: 0)
        #expect(pair.left.policyName == .maple && pair.right.policyName == .limitAware)
        #expect(pair.operationNumber == 4_321 && pair.right.operationNumber == 4_321 && pair.step == 1)
        #expect(pair.right.record?.result == plainRight.record?.result)
    }

    /// While a move waits, the loop polls ten times a second (for the progress and the move).
    @Test func theLoopPollsWhileAMoveWaits() throws {
        let gate = DispatchSemaphore(value: 0)
        defer { gate.signal() }
        let app = try Self.gatedApp(.limitAware, gate: gate)
        let backend = ScriptedBackend(width: 120, height: 40, script: [.key(.char("G")), .idle(300), .key(.char("q"))])
        var loop = EventLoop(app: app, backend: backend)
        #expect(loop.run() == 0)
        #expect(loop.backend.timeouts.contains(EventLoop<ScriptedBackend>.pendingTimeout))
        #expect(loop.backend.frames.contains { $0.lines.joined().contains("waiting for the replay (0%, op 1) to go to op 5,000") })
        #expect(loop.app.stepper.operationNumber == 1)   // `q` left before the replay was let go
    }
}
