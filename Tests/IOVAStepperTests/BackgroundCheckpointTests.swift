import Testing
import TestSupport
import IOVACore
import IOVAPolicies
import IOVAScenario
import IOVAReplay
import Dispatch
@testable import IOVAStepper

/// The background replay (`prepareInBackground`) hands the stepper the checkpoints and answers
/// a replay on its own thread would have computed: seeking and jumping give the same frames and
/// answers, and the first far seek no longer starts from the first operation.
@Suite struct BackgroundCheckpointTests {
    @Test(arguments: Policies.names)
    func sameFramesAndAnswers(_ policy: PolicyName) throws {
        // Long tier: 6,000 operations (6 checkpoints) instead of 4,200 (5; a background replay
        // starts from 4 checkpoint intervals, 4,096 operations).
        let n = TestTier.scaled(default: 4_200, long: 6_000)
        let lines = try StepperFixtures.mixedScenario(seed: 21, operations: n)
        var prepared = Stepper(lines: lines, policy: policy)
        prepared.prepareInBackground()
        prepared.waitForBackground()
        var plain = Stepper(lines: lines, policy: policy)
        // Before any seek has replayed anything here, every checkpoint and answer is there.
        prepared.absorbBackground()
        #expect(prepared.checkpoints.map(\.op) == Array(stride(from: 1, through: n, by: 1_024)))
        #expect(prepared.summaryCache?.count == n)
        #expect(plain.checkpoints.count == 1 && plain.summaryCache == nil)
        for target in [n - 1, 1, n / 2, 1_025, 1_024, n * 3 / 4, n, 2] {
            prepared.seek(operation: target, step: 1)
            plain.seek(operation: target, step: 1)
            #expect(StepperFixtures.fingerprint(prepared) == StepperFixtures.fingerprint(plain), "\(policy) seek to \(target)")
            #expect(prepared.before.max32AllocSize == plain.before.max32AllocSize)
        }
        let a = prepared.summaries(), b = plain.summaries()
        #expect(a.visits == b.visits && a.answers == b.answers && a.failures == b.failures)
        #expect(a.mostVisited?.operation == b.mostVisited?.operation && a.mostVisited?.visits == b.mostVisited?.visits)
    }

    /// A seek past the last checkpoint laid so far asks the replay for the state before its
    /// target: published when the replay gets there, exactly the state a plain replay reaches,
    /// and not published once the replay has passed it.
    @Test func requestedStateIsTheReplaysOwn() throws {
        let lines = try StepperFixtures.mixedScenario(seed: 8, operations: 3_000)
        let plain = Stepper(lines: lines, policy: .limitAware)
        let ops = plain.operations
        let gate = DispatchSemaphore(value: 0)
        let empty = plain.checkpoints[0]
        let builder = CheckpointBuilder(operations: ops, start: Checkpoint(op: 1, state: empty.state, ledger: empty.ledger, ranges: nil),
                                        interval: 1_024, gate: gate)
        #expect(builder.request(before: 1_500))      // not started: it will get there
        gate.signal()
        builder.wait()
        #expect(!builder.request(before: 2_000))     // finished: it has passed it
        let asked = try #require(builder.takeState(before: 1_500))
        #expect(asked.op == 1_500 && builder.takeState(before: 1_500) == nil)
        var state = empty.state
        var ledger = empty.ledger
        for op in 1..<1_500 { _ = Stepper.answer(&state, ops[op - 1], &ledger) }
        var mine: [PFNRange] = [], theirs: [PFNRange] = []
        state.forEachRange { mine.append($0) }
        asked.state.forEachRange { theirs.append($0) }
        #expect(mine == theirs && mine.count > 100)
        #expect(asked.state.max32AllocSize == state.max32AllocSize)
    }

    /// A replay whose feed is cancelled (`Stepper.open` dropping it) stops within a few hundred
    /// operations, in the middle of its batch, and publishes no answers. The cancel races the
    /// replay to the batch's end, so the batch is long: at about 0.3 µs an operation in a
    /// release build, the replay needs some 20 ms to finish it once the state before 300 is out
    /// (8,000 operations left it a few milliseconds, and a loaded CI run lost that race).
    @Test func cancelledReplayStopsMidBatch() throws {
        let n = 60_000
        let plain = Stepper(lines: try StepperFixtures.mixedScenario(seed: 9, operations: n), policy: .limitAware)
        let empty = plain.checkpoints[0]
        let feed = OperationFeed()
        feed.append(plain.operations)   // one batch
        let gate = DispatchSemaphore(value: 0)
        let builder = CheckpointBuilder(feed: feed, expected: n, start: Checkpoint(op: 1, state: empty.state, ledger: empty.ledger, ranges: nil),
                                        interval: 1_024, gate: gate)
        #expect(builder.request(before: 300))
        gate.signal()
        while !builder.hasState(before: 300) { builder.waitForNext(timeoutMicroseconds: 200) }
        feed.cancel()
        builder.wait()
        #expect(builder.position < n, "stopped at op \(builder.position) of \(n)")
        #expect(builder.summaries == nil)
    }

    /// Seeks made at once after the background replay starts (before it has laid most of its
    /// checkpoints, so they wait for requested states or checkpoints) see what a plain stepper sees.
    @Test(arguments: [PolicyName.mainline, .limitAware, .maple])
    func immediateSeeksMatch(_ policy: PolicyName) throws {
        let n = 8_000
        let lines = try StepperFixtures.mixedScenario(seed: 13, operations: n)
        var prepared = Stepper(lines: lines, policy: policy)
        prepared.prepareInBackground()
        var plain = Stepper(lines: lines, policy: policy)
        for target in [n, 5_000, n - 7, 2_049, 7_001, 3] {
            prepared.seek(operation: target, step: 2)
            plain.seek(operation: target, step: 2)
            #expect(StepperFixtures.fingerprint(prepared) == StepperFixtures.fingerprint(plain), "\(policy) seek to \(target)")
        }
        prepared.waitForBackground()
    }

    /// `readyFor` (what the app asks before a move): far moves ahead of the replay are not
    /// ready and ask it for the state before their target; moves that carry the state on, or
    /// land where a checkpoint already is, are. Once the replay is past, every move is.
    @Test func readinessAsksForTheTarget() throws {
        let lines = try StepperFixtures.mixedScenario(seed: 4, operations: 5_000)
        var s = Stepper(lines: lines, policy: .limitAware)
        let gate = DispatchSemaphore(value: 0)
        let empty = s.checkpoints[0]
        let builder = CheckpointBuilder(operations: s.operations, start: Checkpoint(op: 1, state: empty.state, ledger: empty.ledger, ranges: nil),
                                        interval: s.interval, gate: gate)
        s.background = builder
        #expect(!s.readyFor(.seek(operation: 3_000, step: 0)))
        #expect(!s.readyFor(.last))                                   // the later request wins
        #expect(s.readyFor(.nextOperation) && s.readyFor(.stepForward) && s.readyFor(.first))
        #expect(s.backgroundPosition == 1 && !s.answersReady)
        #expect(!s.readyFor(.seek(operation: 3_000, step: 0)))        // asks for 3,000 again
        gate.signal()
        s.waitForBackground()
        #expect(builder.hasState(before: 3_000))
        #expect(s.readyFor(.last) && s.answersReady && s.backgroundPosition == nil)
        var plain = Stepper(lines: lines, policy: .limitAware)
        s.seek(operation: 3_000, step: 1)
        plain.seek(operation: 3_000, step: 1)
        #expect(StepperFixtures.fingerprint(s) == StepperFixtures.fingerprint(plain))
    }

    /// The compare view's other side, reopened from a prepared stepper, is prepared too.
    @Test func reopenedSidesArePrepared() throws {
        let lines = try StepperFixtures.mixedScenario(seed: 5, operations: 4_200)
        var prepared = Stepper(lines: lines, policy: .limitAware)
        prepared.prepareInBackground()
        let plain = Stepper(lines: lines, policy: .limitAware)
        let side = prepared.reopened(policy: .maple)
        #expect(side.background != nil && plain.reopened(policy: .maple).background == nil)
        side.waitForBackground()
        prepared.waitForBackground()
    }

    /// Short scenarios gain nothing from a second thread: none is started.
    @Test func shortScenariosStayOnOneThread() throws {
        var s = Stepper(lines: try StepperFixtures.sample("kernel/scenario-a-retry.iova"), policy: .mainline)
        s.prepareInBackground()
        s.waitForBackground()
        s.last()
        #expect(s.checkpoints.count == 1)
    }
}
