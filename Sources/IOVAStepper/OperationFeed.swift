import Dispatch
import IOVAScenario
import Synchronization

/// The operations a background replay runs, handed over in batches: all at once for a
/// scenario in memory, or batch by batch while a file is still being read (`Stepper.open`).
/// The replay takes each batch once; nothing is kept after that.
final class OperationFeed: Sendable {
    private struct Queue: Sendable {
        var batches: [[ScenarioLine]] = []
        var finished = false
        var cancelled = false
    }

    private let queue = Mutex(Queue())
    /// Signalled for each batch and at the end.
    private let more = DispatchSemaphore(value: 0)

    init() {}

    /// A feed holding `operations`, finished.
    convenience init(_ operations: [ScenarioLine]) {
        self.init()
        append(operations)
        finish()
    }

    func append(_ batch: [ScenarioLine]) {
        guard !batch.isEmpty else { return }
        queue.withLock { $0.batches.append(batch) }
        more.signal()
    }

    /// No batch will follow.
    func finish() {
        queue.withLock { $0.finished = true }
        more.signal()
    }

    /// The replay should stop: the file turned out invalid, or not replayable this way.
    func cancel() {
        queue.withLock { $0.cancelled = true }
        more.signal()
    }

    var isCancelled: Bool { queue.withLock { $0.cancelled } }

    /// The next batch, waiting for one; nil once the feed is finished and drained, or cancelled.
    func next() -> [ScenarioLine]? {
        while true {
            let (batch, done): ([ScenarioLine]?, Bool) = queue.withLock { q in
                if q.cancelled { return (nil, true) }
                if !q.batches.isEmpty { return (q.batches.removeFirst(), false) }
                return (nil, q.finished)
            }
            if let batch { return batch }
            if done { return nil }
            more.wait()
        }
    }
}
