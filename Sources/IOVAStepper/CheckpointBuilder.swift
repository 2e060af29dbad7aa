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
        /// The state before the operation a seek asked for (`request(before:)`), off the grid.
        var requested: Checkpoint?
    }

    private let published = Mutex(Published())
    /// The operation a waiting seek wants the state before (0: none), and the operation the
    /// replay is about to answer. Sequentially consistent: the seek stores the first and then
    /// reads the second, the replay the other way round, and one of them must see the other.
    private let wanted = Atomic<Int>(0)
    private let current = Atomic<Int>(0)
    private let finished = DispatchGroup()
    /// Signalled at each checkpoint published and at the end (a seek may be waiting).
    private let progress = DispatchSemaphore(value: 0)

    /// Starts replaying `operations` from `start`, publishing a checkpoint before each
    /// operation numbered `1 + k·interval`.
    /// `gate` (tests): the replay starts once it is signalled.
    convenience init(operations: [ScenarioLine], start: Checkpoint, interval: Int, gate: DispatchSemaphore? = nil) {
        self.init(feed: OperationFeed(operations), expected: operations.count, start: start, interval: interval, gate: gate)
    }

    /// The same over operations still arriving (a file being read); `expected`: about how
    /// many will come. A cancelled feed stops the replay and publishes no answers.
    init(feed: OperationFeed, expected: Int, start: Checkpoint, interval: Int, gate: DispatchSemaphore? = nil) {
        finished.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            defer { finished.leave() }
            gate?.wait()
            run(feed, expected, start, interval)
        }
    }

    private func run(_ feed: OperationFeed, _ expected: Int, _ start: Checkpoint, _ interval: Int) {
        var state = start.state
        var ledger = start.ledger
        var summaries = OperationSummaries(capacity: expected)
        var op = start.op
        // Operations before `start` are not replayed (the feed holds them all).
        var skip = start.op - 1
        batches: while let batch = feed.next() {
            for line in batch {
                if skip > 0 { skip -= 1; continue }
                // A dropped replay stops within a few operations rather than at the end of its
                // batch (16,384 of mainline's O(n) walks can take seconds).
                if op % 256 == 0 && feed.isCancelled { break batches }
                current.store(op, ordering: .sequentiallyConsistent)
                // The state before `op` is published on the grid, or off it when a seek asked for it.
                let onGrid = op % interval == 1
                let publishes = op > start.op && (onGrid || op == wanted.load(ordering: .sequentiallyConsistent))
                if publishes {
                    let checkpoint = Checkpoint(op: op, state: state, ledger: ledger, ranges: nil)
                    published.withLock { if onGrid { $0.checkpoints.append(checkpoint) } else { $0.requested = checkpoint } }
                    progress.signal()
                }
                summaries.append(Stepper.answer(&state, line, &ledger))
                if publishes || op == start.op { Self.prefaultNextCopy() }   // that answer copied the shared state
                op += 1
            }
        }
        current.store(op, ordering: .sequentiallyConsistent)
        // Answers are indexed from operation 1: only a replay from the start has them all.
        let done = summaries
        let complete = start.op == 1 && !feed.isCancelled
        published.withLock { $0.summaries = complete ? done : nil }
        progress.signal()
    }

    /// Called right after a replay's write copied a checkpointed state: readies memory for the
    /// next checkpoint's copy on another core, so the replay does not stop for its page faults
    /// (ArenaMemory; a third of a background replay's time at a million nodes).
    static func prefaultNextCopy() {
        DispatchQueue.global(qos: .utility).async { ArenaMemory.prefaultLikeLastCopy() }
    }

    /// Asks the replay to publish the state before operation `op` when it gets there, so that
    /// a seek to an operation past the last checkpoint laid so far waits for it rather than
    /// replaying the same operations alongside (on two cores, both at half speed and each
    /// copying the tree). False when the replay has already passed `op`: the seek then starts
    /// from a checkpoint.
    func request(before op: Int) -> Bool {
        wanted.store(op, ordering: .sequentiallyConsistent)
        return current.load(ordering: .sequentiallyConsistent) < op
    }

    /// The operation the replay is about to answer (past the last once it has finished).
    var position: Int { current.load(ordering: .sequentiallyConsistent) }

    /// Takes the requested state before operation `op`, once published.
    func takeState(before op: Int) -> Checkpoint? {
        published.withLock { p in
            defer { p.requested = nil }   // a stale one (its seek gave up on it) goes too
            return p.requested?.op == op ? p.requested : nil
        }
    }

    /// Whether the requested state before operation `op` has been published.
    func hasState(before op: Int) -> Bool { published.withLock { $0.requested?.op == op } }

    /// Whether a seek to operation `op` need not wait for the replay any more: it has published
    /// the state before `op`, or gone past `op` (so the grid checkpoint before it is out).
    func hasReached(_ op: Int) -> Bool { position > op || hasState(before: op) }

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
