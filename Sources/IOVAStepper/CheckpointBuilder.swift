import Dispatch
import IOVACore
import IOVAReplay
import IOVAScenario
import Synchronization

/// A policy's state before operation `op`, with the `free @LINE` ledger at that point.
struct Checkpoint: @unchecked Sendable {
    // `any InspectablePolicy` is not declared Sendable, but every policy is a plain value: structs and
    // copy-on-write buffers whose reference counts are atomic. A copy handed to another thread
    // shares nothing either side can change.
    var op: Int
    var state: any InspectablePolicy
    var ledger: AllocationLedger
    /// The state's range index, when known (the background replay leaves it out: building one
    /// per checkpoint there cost more than the seeks it saved).
    var ranges: RangeIndex?
}

/// Replays a whole scenario once on a background thread, publishing the seek checkpoints and,
/// at the end, every operation's answer (`OperationSummaries`), so that after opening a long
/// scenario neither the first far seek nor the first `:goto` has to replay it all on the
/// interactive thread. The stepper takes what has been published whenever it needs it.
final class CheckpointBuilder: Sendable {
    private struct Published: Sendable {
        var checkpoints: [Checkpoint] = []
        var summaries: OperationSummaries?
    }

    private let published = Mutex(Published())
    private let finished = DispatchGroup()
    /// Signalled at each checkpoint published and at the end (a seek may be waiting).
    private let progress = DispatchSemaphore(value: 0)

    /// Starts replaying `operations` from `start`, publishing a checkpoint before each
    /// operation numbered `1 + k·interval`.
    init(operations: [ScenarioLine], start: Checkpoint, interval: Int) {
        finished.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            defer { finished.leave() }
            run(operations, start, interval)
        }
    }

    private func run(_ operations: [ScenarioLine], _ start: Checkpoint, _ interval: Int) {
        var state = start.state
        var ledger = start.ledger
        var summaries = OperationSummaries(capacity: operations.count)
        for op in stride(from: start.op, through: operations.count, by: 1) {
            if op % interval == 1 && op > start.op {
                let checkpoint = Checkpoint(op: op, state: state, ledger: ledger, ranges: nil)
                published.withLock { $0.checkpoints.append(checkpoint) }
                progress.signal()
            }
            summaries.append(Stepper.answer(&state, operations[op - 1], &ledger))
            if op % interval == 1 { Self.prefaultNextCopy() }
        }
        // Answers are indexed from operation 1: only a replay from the start has them all.
        let done = summaries
        published.withLock { $0.summaries = start.op == 1 ? done : nil }
        progress.signal()
    }

    /// Called right after a replay's write copied a checkpointed state: readies memory for the
    /// next checkpoint's copy on another core, so the replay does not stop for its page faults
    /// (ArenaMemory; a third of a background replay's time at a million nodes).
    static func prefaultNextCopy() {
        DispatchQueue.global(qos: .utility).async { ArenaMemory.prefaultLikeLastCopy() }
    }

    /// Whether the replay has finished.
    var isFinished: Bool { finished.wait(timeout: .now()) == .success }

    /// Waits until the next checkpoint or the end is published, or the timeout passes.
    func waitForNext(timeoutMicroseconds: Int) {
        _ = progress.wait(timeout: .now() + .microseconds(timeoutMicroseconds))
    }

    /// Checkpoints published after the first `count`.
    func checkpoints(after count: Int) -> [Checkpoint] {
        published.withLock { Array($0.checkpoints.dropFirst(count)) }
    }

    /// Every operation's answer, once the replay has finished.
    var summaries: OperationSummaries? { published.withLock { $0.summaries } }

    /// Blocks until the replay has finished (benchmarks and tests).
    func wait() { finished.wait() }
}
