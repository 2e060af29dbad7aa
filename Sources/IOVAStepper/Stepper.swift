import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAScenario

/// A cursor over a scenario's operations and, within the current one, its micro-steps.
///
/// Moving back is exact: the state before an operation is re-derived by replaying from the
/// nearest checkpoint (a copy of the policy taken while replaying forward), never by undoing.
/// Within an operation, every view is a pure function of the recorded event prefix, so
/// micro-steps in either direction cost nothing. Checkpoints are spaced so that at most about
/// 16 exist whatever the scenario's length, and seeking replays at most one interval.
public struct Stepper {
    /// The policy's registry entry: its implementation, pseudo-code and narration.
    public let policy: PolicyDescriptor
    public var policyName: PolicyName { policy.name }
    public private(set) var config: DomainConfig
    /// The operations in order (line numbers kept for messages).
    public private(set) var operations: [ScenarioLine]
    /// States before operation `checkpointOps[i]` (1-based), ascending; the first is the empty
    /// domain. The ledger of `free @LINE` ranges is part of the state.
    /// `ranges`: the state's range index when known, so a seek from there carries it along
    /// (`RangeMirror`) instead of rebuilding it from the tree.
    var checkpoints: [(op: Int, state: any InspectablePolicy, ledger: AllocationLedger, ranges: RangeIndex?)] = []
    private(set) var interval: Int

    /// The current operation (1-based; 0 when the scenario has none).
    public private(set) var operationNumber = 0
    /// The current micro-step within it (0 … `record.events.count`).
    public private(set) var step = 0
    /// The policy's state before and after the current operation.
    public private(set) var before: any InspectablePolicy
    public private(set) var after: any InspectablePolicy
    /// The live ranges of `before` and `after`, indexed for drawing (see RangeIndex).
    public private(set) var rangesBefore = RangeIndex()
    public private(set) var rangesAfter = RangeIndex()
    /// The `free @LINE` ledger after the current operation.
    private var ledgerAfter: AllocationLedger
    /// The DMA path's caches before and after the current operation (nil: the scenario does
    /// not use it).
    public private(set) var rcacheBefore: RCache?
    public private(set) var rcacheAfter: RCache?
    /// The current operation's record (nil when there is none).
    public private(set) var record: OperationRecord?
    /// For a long operation: keyframes of what its frames derive, and when each node was first
    /// visited (nil for short ones, whose frames fold the whole prefix).
    var prefixIndex: PrefixIndex?
    var visitIndex: VisitIndex?
    /// Every operation's answer, once `summaries()` has computed them (see OperationSummaries).
    var summaryCache: OperationSummaries?
    /// The background replay laying down checkpoints, once `prepareInBackground()` started it,
    /// and how many of its checkpoints have been taken.
    var background: CheckpointBuilder?
    private var backgroundTaken = 0

    /// Opens a scenario on a policy, positioned before the first operation's first step.
    public init(lines: [ScenarioLine], policy: PolicyName) {
        let (config, ops) = Self.split(lines)
        self.init(operations: ops, config: config, policy: policy, ledger: AllocationLedger(for: lines, config: config),
                  interval: Self.interval(for: ops.count), background: nil)
    }

    /// The same from a scenario's operations, its domain and the ledger of its empty state.
    /// `background`: a replay already laying its checkpoints on the grid of `interval`, from
    /// an empty state and such a ledger (see `Stepper.open`).
    init(operations ops: [ScenarioLine], config: DomainConfig, policy: PolicyName, ledger: AllocationLedger,
         interval: Int, background: CheckpointBuilder?) {
        self.policy = Policies[policy]
        self.config = config
        operations = ops
        self.interval = interval
        let empty = self.policy.type.init(config: config)
        before = empty
        after = empty
        ledgerAfter = ledger
        checkpoints = [(1, empty, ledger, RangeIndex())]
        self.background = background
        if !ops.isEmpty { seek(operation: 1, step: 0) }
    }

    /// A scenario's domain (its `domain` line's, else the standard one) and its operations.
    static func split(_ lines: [ScenarioLine]) -> (config: DomainConfig, operations: [ScenarioLine]) {
        var config = DomainConfig.standard
        var ops: [ScenarioLine] = []
        ops.reserveCapacity(lines.count)
        for line in lines {
            if case .domain(let c) = line.command { config = c } else { ops.append(line) }
        }
        return (config, ops)
    }

    /// About 16 checkpoints. More made far seeks replay less but the background replay slower
    /// (each checkpoint's first write copies a tree of up to a million nodes, page faults
    /// included): 24 cost it 20–60 % at a million operations for 10–25 % off a warm seek.
    static func interval(for count: Int) -> Int { max(1024, (count + 15) / 16) }

    public var operationCount: Int { operations.count }
    public var stepCount: Int { record?.events.count ?? 0 }

    // MARK: Moving

    /// Next micro-step; at the end of an operation, the first step of the next one.
    public mutating func stepForward() {
        if step < stepCount { step += 1 } else if operationNumber < operationCount { nextOperation() }
    }

    /// Previous micro-step; at the start of an operation, the last step of the previous one.
    public mutating func stepBack() {
        if step > 0 { step -= 1 } else if operationNumber > 1 { seek(operation: operationNumber - 1, step: .max) }
    }

    /// The next operation, at its step 0 (no replay: the current state carries on).
    public mutating func nextOperation() {
        guard operationNumber < operationCount else { step = stepCount; return }
        let carried = after
        load(operation: operationNumber + 1, from: carried, ledger: ledgerAfter, step: 0, known: .before(rangesAfter))
    }

    /// The previous operation, at its last step.
    public mutating func previousOperation() {
        if operationNumber > 1 { seek(operation: operationNumber - 1, step: .max) } else { step = 0 }
    }

    public mutating func first() { if operationCount > 0 { seek(operation: 1, step: 0) } }
    public mutating func last() { if operationCount > 0 { seek(operation: operationCount, step: .max) } }

    /// Operation `n` (clamped to 1…count) at micro-step `k` (clamped to its steps).
    public mutating func seek(operation n: Int, step k: Int) {
        guard operationCount > 0 else { return }
        let target = min(max(1, n), operationCount)
        if target == operationNumber {
            step = min(max(0, k), stepCount)
            return
        }
        if target == operationNumber + 1 {
            let carried = after
            load(operation: target, from: carried, ledger: ledgerAfter, step: k, known: .before(rangesAfter))
            return
        }
        // One back: the current `before` is the target's `after`.
        let known: KnownRanges = operationNumber > 0 && target == operationNumber - 1 ? .after(rangesBefore) : .none
        // Replay from the nearest checkpoint at or before the target; when the background
        // replay will lay that one down, wait for it rather than replay the same operations
        // on this thread too (two cores would each go at half speed).
        waitForBackground(checkpointAtOrBefore: target)
        absorbBackground()
        let index = checkpoints.lastIndex { $0.op <= target } ?? 0
        // Let go of the current states first: the copies below then write into their memory,
        // already resident, instead of faulting in fresh pages (see ArenaMemory).
        before = checkpoints[0].state
        after = before
        var state = checkpoints[index].state
        var ledger = checkpoints[index].ledger
        var op = checkpoints[index].op
        // Carry the range index along a replay of up to two intervals; a longer one (the first
        // far seek without a background replay) rebuilds it once at the end, which is cheaper.
        var mirror = target - op <= 2 * interval ? checkpoints[index].ranges.map(RangeMirror.init) : nil
        if let asked = background?.takeState(before: target), asked.op > op {
            (state, ledger, op, mirror) = (asked.state, asked.ledger, asked.op, nil)
        }
        // Once the background replay has every answer, allocations re-apply them instead of
        // searching again (half or more of a proposal's allocation at a million ranges).
        let answers = summaryCache
        while op < target {
            let result = Self.answer(&state, operations[op - 1], &ledger, known: answers, op: op)
            if op % interval == 1 { CheckpointBuilder.prefaultNextCopy() }   // that answer copied a checkpoint
            mirror?.apply(result, after: state)
            op += 1
            if op % interval == 1 { noteCheckpoint(before: op, state, ledger, ranges: mirror?.index) }
        }
        let carried: KnownRanges = if case .none = known, let ranges = mirror?.index { .before(ranges) } else { known }
        load(operation: target, from: state, ledger: ledger, step: k, known: carried)
    }

    /// Starts replaying the whole scenario on a background thread, so that the first far seek
    /// and the first jump (`summaries()`) find checkpoints and answers ready instead of
    /// replaying everything on the caller's thread. Worth it from a few checkpoint intervals on;
    /// a no-op for shorter scenarios or when already started.
    public mutating func prepareInBackground() {
        guard background == nil, operationCount >= 4 * interval else { return }
        let start = checkpoints[0]
        background = CheckpointBuilder(operations: operations,
                                       start: Checkpoint(op: start.op, state: start.state, ledger: start.ledger, ranges: start.ranges),
                                       interval: interval)
    }

    /// Blocks until the background replay has published the checkpoint on the grid at or
    /// before operation `target`, unless one as near is already here or the replay is done.
    /// Past that grid point, while the replay has not reached the target, it asks for the
    /// state before the target itself (`CheckpointBuilder.request(before:)`).
    mutating func waitForBackground(checkpointAtOrBefore target: Int) {
        guard let background else { return }
        let onGrid = (target - 1) % interval == 0
        let asked = !onGrid && !holdsCheckpoint(forSeekTo: target) && background.request(before: target)
        while true {
            absorbBackground()
            if background.isFinished { return }
            if asked {
                // Published, or passed without (the request came too late): a grid checkpoint serves.
                if background.hasReached(target) { return }
            } else if holdsCheckpoint(forSeekTo: target) {
                return
            }
            background.waitForNext(timeoutMicroseconds: 500)
        }
    }

    /// Whether this stepper holds a checkpoint between operation `target`'s grid point and
    /// `target`: a seek there replays at most one interval from it, waiting for nothing.
    func holdsCheckpoint(forSeekTo target: Int) -> Bool {
        let grid = target - (target - 1) % interval
        return checkpoints.contains { $0.op >= grid && $0.op <= target }
    }

    /// Blocks until the background replay (if any) has finished; benchmarks and tests.
    public func waitForBackground() { background?.wait() }

    /// Takes the checkpoints (and answers) the background replay has published so far.
    mutating func absorbBackground() {
        guard let background else { return }
        for c in background.checkpoints(after: backgroundTaken) {
            backgroundTaken += 1
            noteCheckpoint(before: c.op, c.state, c.ledger, ranges: c.ranges)
        }
        if summaryCache == nil, let done = background.summaries, done.count == operationCount { summaryCache = done }
    }

    /// Appends a live operation (typed by the user) and moves to its first step.
    public mutating func append(_ command: Command) {
        absorbBackground()   // finished answers become `summaryCache`, which the append extends
        let line = (operations.last?.line ?? 0) + 1
        operations.append(ScenarioLine(line: line, command: command))
        let reference: Int? = switch command {
        case .freeAllocation(let n), .freeFastAllocation(let n, _), .unmapAllocation(let n, _): n
        default: nil
        }
        if let n = reference, !checkpoints[0].ledger.referenced.contains(n) {
            // The ledger only remembers referenced lines: replay with this reference known.
            self = Stepper(lines: [ScenarioLine(line: 0, command: .domain(config))] + operations, policy: policyName)
        }
        seek(operation: operations.count, step: 0)
        if let result = record?.result, summaryCache?.count == operations.count - 1 {
            summaryCache?.append(result)
        } else {
            summaryCache = nil
        }
    }

    /// Which side of operation `n`'s range index the caller already has.
    private enum KnownRanges {
        case none
        case before(RangeIndex)
        case after(RangeIndex)
    }

    /// Records operation `n` starting from `state`.
    private mutating func load(operation n: Int, from state: any InspectablePolicy, ledger: AllocationLedger, step k: Int,
                               known: KnownRanges) {
        noteCheckpoint(before: n, state, ledger)
        var log = EventLog(capacity: expectedEvents(operation: n))
        var next = state
        var nextLedger = ledger
        var result: ReplayResult?
        var known = known
        if case .none = known {
            // The range index before must be rebuilt, a walk over every range that reads only
            // `state`: it runs on the second core while this one copies the tree (the first
            // write of `next`) and records the operation (10–16 ms at a million ranges).
            var rebuilt = RangeIndex()
            let line = operations[n - 1]
            Parallel.run({ rebuilt = RangeIndex(state) }) { result = Self.record(&next, line, &nextLedger, &log) }
            known = .before(rebuilt)
        } else {
            result = Self.record(&next, operations[n - 1], &nextLedger, &log)
        }
        guard let result else { preconditionFailure("the operation was recorded") }
        before = state
        after = next
        ledgerAfter = nextLedger
        rcacheBefore = ledger.rcache
        rcacheAfter = nextLedger.rcache
        let loaded = OperationRecord(number: n, line: operations[n - 1], result: result, events: log.events)
        // A long operation's indexes and the range indexes are independent: one core folds the
        // keyframes while this one moves (or rebuilds) the ranges and indexes the visits.
        var prefix: PrefixIndex?
        var visits: VisitIndex?
        var ranges = (before: RangeIndex(), after: RangeIndex())
        let (treeBefore, treeAfter, descriptor) = (state.rbTree, next.rbTree, policy)
        let long = loaded.events.count >= PrefixIndex.threshold
        Parallel.run(long ? {
            let code = CodeLines(policy: descriptor, listing: PseudoCode.listing(of: loaded.line.command))
            prefix = PrefixIndex(events: loaded.events, tree: treeBefore, code: code)
        } : nil) {
            ranges = Self.ranges(result, before: state, after: next, known: known)
            if long { visits = VisitIndex.ifLong(events: loaded.events, before: treeBefore, after: treeAfter) }
        }
        (rangesBefore, rangesAfter) = ranges
        (prefixIndex, visitIndex) = (prefix, visits)
        // A checkpoint here learns its ranges, for later seeks from it.
        if let i = checkpoints.firstIndex(where: { $0.op == n }), checkpoints[i].ranges == nil { checkpoints[i].ranges = rangesBefore }
        record = loaded
        CheckpointBuilder.prefaultNextCopy()   // the next step or seek copies a tree of about this size
        operationNumber = n
        step = min(max(0, k), log.events.count)
    }

    /// The range indexes before and after an operation that answered `result`, moved across the
    /// window it changed from the side the caller knows, or rebuilt when it knows neither.
    private static func ranges(_ result: ReplayResult, before: any InspectablePolicy, after: any InspectablePolicy,
                               known: KnownRanges) -> (before: RangeIndex, after: RangeIndex) {
        let window = changedWindow(result, before: before)
        switch known {
        case .before(let index):
            return (index, window.map { index.replacing($0, from: after) } ?? index)
        case .after(let index):
            return (window.map { index.replacing($0, from: before) } ?? index, index)
        case .none:
            let index = RangeIndex(before)
            return (index, window.map { index.replacing($0, from: after) } ?? index)
        }
    }

    /// Events to make room for when recording operation `n`: from its visits when the answers
    /// are known (a million-visit walk then fills one buffer instead of growing through a
    /// dozen), otherwise none ahead (EventLog grows).
    private func expectedEvents(operation n: Int) -> Int {
        guard let visits = summaryCache?.visits, n <= visits.count, visits[n - 1] >= 1024 else { return 0 }
        return 4 * Int(visits[n - 1]) + 64   // a visit, the gap it checks, a descent and a return
    }

    /// Where an operation's answer says the ranges changed (nil: nowhere); `before` is the
    /// state it ran on. `RangeIndex.replacing` widens it to whole ranges.
    static func changedWindow(_ result: ReplayResult, before: any InspectablePolicy) -> PFNRange? {
        switch result {
        case .domain, .find: return nil
        case .alloc, .allocFallback: return result.allocation?.range
        case let .free(pfn, found): return found ? before.find(pfn: pfn) : nil
        case let .freeAllocation(_, pfn, found): return found ? pfn.flatMap { before.find(pfn: $0) } : nil
        case let .reserve(lo, hi, node):
            guard let node else { return PFNRange(lo: min(lo, hi), hi: max(lo, hi)) }
            return PFNRange(lo: min(lo, hi, node.lo), hi: max(lo, hi, node.hi))
        case .device: return nil
        // A magazine hit changes no range; a tree allocation one; a flush or a trim frees
        // cached ranges anywhere in the domain.
        case let .allocFast(_, _, _, _, outcome, hi):
            return Self.fastWindow(outcome, hi: hi, config: before.config)
        case let .map(_, _, _, outcome, hi, _):
            return Self.fastWindow(outcome.allocation, hi: hi, config: before.config)
        case let .freeFast(_, pfn, _, _, outcome), let .unmap(_, _, pfn, _, _, outcome):
            guard case .tree(true) = outcome, let pfn else { return nil }
            return before.find(pfn: pfn)
        case let .flushRCache(freed), let .tick(freed):
            return freed == 0 ? nil : PFNRange(lo: 0, hi: before.config.maxPFN)
        }
    }

    private static func fastWindow(_ o: FastAllocOutcome, hi: UInt64?, config: DomainConfig) -> PFNRange? {
        switch o.source {
        case .rcache: return nil
        case .flush: return PFNRange(lo: 0, hi: config.maxPFN)
        case .tree: return o.pfn.map { PFNRange(lo: $0, hi: hi ?? $0) }
        case nil: return o.visits > 0 ? PFNRange(lo: 0, hi: config.maxPFN) : nil
        }
    }

    mutating func noteCheckpoint(before op: Int, _ state: any InspectablePolicy, _ ledger: AllocationLedger,
                                 ranges: RangeIndex? = nil) {
        guard op % interval == 1 || interval == 1 else { return }
        if let i = checkpoints.firstIndex(where: { $0.op == op }) {
            if checkpoints[i].ranges == nil { checkpoints[i].ranges = ranges }
            return
        }
        let at = checkpoints.firstIndex { $0.op > op } ?? checkpoints.count
        checkpoints.insert((op, state, ledger, ranges), at: at)
    }

    private static func record<P: InspectablePolicy>(_ p: inout P, _ line: ScenarioLine, _ ledger: inout AllocationLedger,
                                              _ log: inout EventLog) -> ReplayResult {
        p.execute(line, ledger: &ledger, observer: &log)
    }
}
