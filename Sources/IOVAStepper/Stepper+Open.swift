import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAScenario

extension Stepper {
    /// Reads a scenario file for the visualizer, replaying it in the background while it is
    /// still being read: the checkpoints and answers that `prepareInBackground` would start
    /// laying once the file is open are by then partly or wholly laid (docs/performance.md
    /// § Seeks and replays). The result is the stepper `Stepper(lines:policy:)` would give on
    /// the file's commands, with that replay running.
    ///
    /// The replay needs three facts before the first command runs: the domain (the `domain`
    /// line comes first or not at all), which allocations a later `@LINE` names
    /// (`ReferenceScan`, a superset: every batch is checked against it before the replay gets
    /// it), and whether the file uses the DMA path (its ledger then holds the per-CPU caches
    /// from the first command on). It is not started for files too short to need it, and
    /// dropped for invalid files and for files whose first DMA-path command comes after the
    /// first batch (a `domain … cpus=N` line declares it at once, as `gen` writes them).
    public static func open(path: String, displayName: String? = nil, policy: PolicyName) throws(ScenarioError) -> Stepper {
        try open(path: path, displayName: displayName, policy: policy, batch: 1 << 14)
    }

    /// `batch`: commands handed to the replay at a time (tests use small ones).
    static func open(path: String, displayName: String? = nil, policy: PolicyName, batch: Int) throws(ScenarioError) -> Stepper {
        var opening = StepperOpening(policy: policy, referenced: ReferenceScan.lines(path: path))
        let lines: [ScenarioLine]
        do throws(ScenarioError) {
            lines = try Scenario.load(path: path, displayName: displayName, batch: batch) { opening.take($0) }
        } catch {
            opening.stop()
            throw error
        }
        let (config, ops) = split(lines)
        guard let started = opening.finish(lines, operations: ops) else { return Stepper(lines: lines, policy: policy) }
        return Stepper(operations: ops, config: config, policy: policy, ledger: started.ledger,
                       interval: started.interval, background: started.builder)
    }
}

/// The background replay `Stepper.open` starts while the file is read.
struct StepperOpening {
    let policy: PolicyName
    /// The lines `@LINE` may name (nil: the file could not be scanned).
    let referenced: LineSet?
    private var config = DomainConfig.standard
    private var started: (builder: CheckpointBuilder, feed: OperationFeed, ledger: AllocationLedger, interval: Int, fastPath: Bool)?
    private var stopped = false
    /// Operations handed to the replay so far.
    private var fed = 0

    init(policy: PolicyName, referenced: LineSet?) {
        self.policy = policy
        self.referenced = referenced
    }

    /// Hands the newly parsed operations to the replay, starting it at the first report.
    mutating func take(_ progress: Scenario.LoadProgress) {
        guard !stopped else { return }
        guard progress.valid, let referenced else { return stop() }
        // The DMA path must be known from the start: met only now, the replay ran without caches.
        if let started, progress.usesFastPath && !started.fastPath { return stop() }
        var batch: [ScenarioLine] = []
        batch.reserveCapacity(progress.new.count)
        for line in progress.lines[progress.new] {
            switch line.command {
            case .domain(let c): config = c; continue
            case .freeAllocation(let n), .freeFastAllocation(let n, _), .unmapAllocation(let n, _):
                // Never hand over a reference the ledger was not told of (the file changed since
                // the scan): the replay would free nothing, or trap on a missing DMA-path answer.
                guard referenced.contains(n) else { return stop() }
            default: break
            }
            batch.append(line)
        }
        if started == nil {
            // About as many operations as the share of the file read so far promises.
            let read = max(1, progress.bytesRead)
            let expected = Int((Double(fed + batch.count) * Double(max(progress.fileBytes, read)) / Double(read)).rounded())
            let interval = Stepper.interval(for: expected)
            // Short scenarios: the stepper replays them as usual (prepareInBackground skips them too).
            guard expected >= 4 * interval else { return stop() }
            let facts = ScenarioFacts(referenced: referenced, usesFastPath: progress.usesFastPath)
            let ledger = AllocationLedger(facts: facts, config: config)
            let empty = Policies[policy].type.init(config: config)
            let feed = OperationFeed()
            let builder = CheckpointBuilder(feed: feed, expected: expected,
                                            start: Checkpoint(op: 1, state: empty, ledger: ledger, ranges: nil), interval: interval)
            started = (builder, feed, ledger, interval, progress.usesFastPath)
        }
        started?.feed.append(batch)
        fed += batch.count
    }

    /// Cancels the replay, if started: it will not be used.
    mutating func stop() {
        stopped = true
        started?.feed.cancel()
    }

    /// The running replay once the file is read, if it replays exactly `ops` (the operations of
    /// `lines`) from the ledger `Stepper(lines:policy:)` would start with, but for the lines it
    /// remembers; nil otherwise (then cancelled).
    mutating func finish(_ lines: [ScenarioLine], operations ops: [ScenarioLine])
        -> (builder: CheckpointBuilder, ledger: AllocationLedger, interval: Int)? {
        // An explicit `cpus=1` makes the parser report the DMA path where the facts of the
        // commands do not (ScenarioFacts): the stepper follows the facts.
        guard !stopped, let started, fed == ops.count, ScenarioFacts(for: lines).usesFastPath == started.fastPath else {
            stop()
            return nil
        }
        started.feed.finish()
        return (started.builder, started.ledger, started.interval)
    }
}
