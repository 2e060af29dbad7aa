import IOVACore
import IOVAReplay
import IOVAScenario

/// What each operation of a scenario answered under one policy, kept flat so a
/// million-operation workload costs about 12 bytes per operation: the jump commands
/// (`:goto max`, `:goto fail`, `:goto diff`) read these instead of replaying.
public struct OperationSummaries: Sendable {
    /// Visits of each allocation (0 for other operations), index = operation − 1.
    public private(set) var visits: [UInt32] = []
    /// A key of each answer that two policies agree on exactly when their answers agree
    /// (an allocation's `lo`, since `hi = lo + size − 1` on every policy; see `key(of:)`).
    public private(set) var answers: [UInt64] = []
    /// Operation numbers of the failed allocations, ascending.
    public private(set) var failures: [Int] = []
    /// The first allocation with the most visits, and that count.
    public private(set) var mostVisited: (operation: Int, visits: Int)?
    /// The most visits in each run of `blockSize` operations, so the visits timeline reads a
    /// column of a million-operation scenario in a few dozen values (`maxVisits(in:)`).
    public private(set) var blockMaxima: [UInt32] = []
    public static let blockSize = 256
    /// The same per run of `fineSize`, for a column's ragged ends.
    public private(set) var fineMaxima: [UInt32] = []
    public static let fineSize = 16

    public init(capacity: Int = 0) {
        visits.reserveCapacity(capacity)
        answers.reserveCapacity(capacity)
    }

    public var count: Int { visits.count }

    /// Records the answer of the next operation.
    public mutating func append(_ result: ReplayResult) {
        // A plain allocation (most operations of a long scenario) is read once, without the
        // two general switches below (`allocation`, `key(of:)`).
        if case let .alloc(_, _, _, outcome) = result {
            record(allocation: outcome, key: Self.key(of: outcome))
        } else {
            record(allocation: result.allocation, key: Self.key(of: result))
        }
    }

    /// Records the next operation: its allocation's outcome (nil: not an allocation) and key.
    private mutating func record(allocation outcome: AllocOutcome?, key: UInt64) {
        let op = visits.count + 1
        var v = 0
        if let outcome {
            v = outcome.visits
            if outcome.range == nil { failures.append(op) }
            if v > (mostVisited?.visits ?? -1) { mostVisited = (op, v) }
        }
        let clamped = UInt32(clamping: v)
        visits.append(clamped)
        answers.append(key)
        let block = (op - 1) / Self.blockSize, fine = (op - 1) / Self.fineSize
        if block == blockMaxima.count { blockMaxima.append(0) }
        if fine == fineMaxima.count { fineMaxima.append(0) }
        blockMaxima[block] = max(blockMaxima[block], clamped)
        fineMaxima[fine] = max(fineMaxima[fine], clamped)
    }

    /// The most visits of an operation in `ops` (0-based indexes into `visits`).
    public func maxVisits(in ops: Range<Int>) -> UInt32 {
        let b = Self.blockSize, f = Self.fineSize
        var i = max(0, ops.lowerBound), m: UInt32 = 0
        let end = min(ops.upperBound, count)
        while i < end {
            if i % b == 0 && i + b <= end {
                m = max(m, blockMaxima[i / b])
                i += b
            } else if i % f == 0 && i + f <= end {
                m = max(m, fineMaxima[i / f])
                i += f
            } else {
                m = max(m, visits[i])
                i += 1
            }
        }
        return m
    }

    /// The first operation (1-based) in `ops` (0-based indexes) with the most visits.
    public func slowest(in ops: Range<Int>) -> Int? {
        let lo = max(0, ops.lowerBound), hi = min(ops.upperBound, count)
        guard lo < hi else { return nil }
        let target = maxVisits(in: lo..<hi)
        var i = lo
        while i < hi {
            // Skip whole blocks that cannot hold the maximum.
            if i % Self.blockSize == 0 && i + Self.blockSize <= hi && blockMaxima[i / Self.blockSize] < target {
                i += Self.blockSize
                continue
            }
            if i % Self.fineSize == 0 && i + Self.fineSize <= hi && fineMaxima[i / Self.fineSize] < target {
                i += Self.fineSize
                continue
            }
            if visits[i] == target { return i + 1 }
            i += 1
        }
        return lo + 1
    }

    /// Whether an allocation in `ops` (0-based indexes) failed.
    public func hasFailure(in ops: Range<Int>) -> Bool {
        var lo = 0, hi = failures.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if failures[mid] - 1 < ops.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < failures.count && failures[lo] - 1 < ops.upperBound
    }

    /// The first failed allocation after operation `op`, else (wrapping) the first of all;
    /// with its index among the failures (0-based).
    public func failure(after op: Int) -> (operation: Int, index: Int, wrapped: Bool)? {
        guard !failures.isEmpty else { return nil }
        // Binary search: the first failure > op.
        var lo = 0, hi = failures.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if failures[mid] <= op { lo = mid + 1 } else { hi = mid }
        }
        return lo < failures.count ? (failures[lo], lo, false) : (failures[0], 0, true)
    }

    /// The first operation after `op` whose answer differs from `other`'s, else (wrapping) the
    /// first of all; nil when they agree everywhere. `total`: how many operations differ.
    public func difference(from other: OperationSummaries, after op: Int) -> (operation: Int, wrapped: Bool, total: Int)? {
        let n = min(count, other.count)
        var first: Int?
        var next: Int?
        var total = 0
        answers.withUnsafeBufferPointer { a in
            other.answers.withUnsafeBufferPointer { b in
                for i in 0..<n where a[i] != b[i] {
                    total += 1
                    if first == nil { first = i + 1 }
                    if next == nil && i + 1 > op { next = i + 1 }
                }
            }
        }
        guard let first else { return nil }
        return next.map { ($0, false, total) } ?? (first, true, total)
    }

    /// An allocation's key: where it was placed (its `lo`), `.max` when it failed.
    static func key(of outcome: AllocOutcome) -> UInt64 { outcome.range?.lo ?? .max }

    /// The part of an answer placements are compared on (visits excluded), as one number.
    /// Reserve and find answer a node; its bounds are mixed into 64 bits (a collision would
    /// need two different nodes for the same request under two policies *and* equal hashes).
    public static func key(of result: ReplayResult) -> UInt64 {
        switch result {
        case .domain: 0
        case .alloc, .allocFallback: result.allocation.map(key(of:)) ?? .max
        case let .free(_, found), let .freeAllocation(_, _, found): found ? 1 : 0
        case let .reserve(_, _, node), let .find(_, node):
            node.map { ($0.lo &* 0x9e37_79b9_7f4a_7c15) ^ ($0.hi &+ 0x632b_e59b_d9b4_e019) } ?? .max
        case .allocFast, .map: result.allocation.map(key(of:)) ?? .max
        case let .freeFast(_, pfn, _, _, outcome), let .unmap(_, _, pfn, _, _, outcome):
            switch outcome {
            case nil: .max
            case .rcache: (pfn ?? 0) &* 0x9e37_79b9_7f4a_7c15 &+ 1
            case .tree(let found): (pfn ?? 0) &* 0x9e37_79b9_7f4a_7c15 &+ (found ? 2 : 3)
            }
        case let .flushRCache(freed), let .tick(freed): UInt64(freed)
        case .device: 0
        }
    }
}

extension Stepper {
    /// Every operation's answer if already computed (by a jump, or by the background replay
    /// once it has finished), without replaying: what the visits timeline draws from.
    public var readySummaries: OperationSummaries? {
        if let cached = summaryCache, cached.count == operationCount { return cached }
        if let done = background?.summaries, done.count == operationCount { return done }
        return nil
    }

    /// Every operation's answer under this policy, computed by one replay of the whole
    /// scenario on first use (it also lays down the seek checkpoints, so the jump that
    /// follows replays at most one interval), then kept and extended by `append`.
    public mutating func summaries() -> OperationSummaries {
        absorbBackground()
        if let cached = summaryCache, cached.count == operationCount { return cached }
        if let background, !background.isFinished {
            // It started first: waiting costs less than a second replay beside it.
            background.wait()
            absorbBackground()
            if let cached = summaryCache, cached.count == operationCount { return cached }
        }
        var summaries = OperationSummaries(capacity: operationCount)
        var state = checkpoints[0].state
        var ledger = checkpoints[0].ledger
        for op in stride(from: 1, through: operationCount, by: 1) {
            noteCheckpoint(before: op, state, ledger)
            summaries.append(Self.answer(&state, operations[op - 1], &ledger))
        }
        summaryCache = summaries
        return summaries
    }

    static func answer<P: InspectablePolicy>(_ p: inout P, _ line: ScenarioLine, _ ledger: inout AllocationLedger) -> ReplayResult {
        p.execute(line, ledger: &ledger)
    }

    /// The same for operation `op` (1-based) when `known` holds the answers of this policy on
    /// this scenario: an allocation's is re-applied without its search (`replayKnownAlloc`),
    /// the rest run. The result is the one `execute` returns, visits included.
    static func answer<P: InspectablePolicy>(_ p: inout P, _ line: ScenarioLine, _ ledger: inout AllocationLedger,
                                             known: OperationSummaries?, op: Int) -> ReplayResult {
        guard let known, op <= known.count, case let .alloc(size, limit, aligned) = line.command else {
            return answer(&p, line, &ledger)
        }
        let key = known.answers[op - 1]
        let lo: UInt64? = key == .max ? nil : key           // OperationSummaries.key(of:)
        guard p.replayKnownAlloc(size: size, limit: limit, aligned: aligned, lo: lo) else { return answer(&p, line, &ledger) }
        let outcome = AllocOutcome(range: lo.map { PFNRange(lo: $0, hi: $0 + size - 1) }, visits: Int(known.visits[op - 1]))
        let result = ReplayResult.alloc(size: size, limit: limit, aligned: aligned, outcome: outcome)
        ledger.note(line: line.line, result)
        return result
    }
}
