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

    public init(capacity: Int = 0) {
        visits.reserveCapacity(capacity)
        answers.reserveCapacity(capacity)
    }

    public var count: Int { visits.count }

    /// Records the answer of the next operation.
    public mutating func append(_ result: ReplayResult) {
        let op = visits.count + 1
        var v = 0
        if let outcome = result.allocation {
            v = outcome.visits
            if outcome.range == nil { failures.append(op) }
            if v > (mostVisited?.visits ?? -1) { mostVisited = (op, v) }
        }
        visits.append(UInt32(clamping: v))
        answers.append(Self.key(of: result))
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

    /// The part of an answer placements are compared on (visits excluded), as one number.
    /// Reserve and find answer a node; its bounds are mixed into 64 bits (a collision would
    /// need two different nodes for the same request under two policies *and* equal hashes).
    public static func key(of result: ReplayResult) -> UInt64 {
        switch result {
        case .domain: 0
        case .alloc, .allocFallback: result.allocation?.range?.lo ?? .max
        case let .free(_, found), let .freeAllocation(_, _, found): found ? 1 : 0
        case let .reserve(_, _, node), let .find(_, node):
            node.map { ($0.lo &* 0x9e37_79b9_7f4a_7c15) ^ ($0.hi &+ 0x632b_e59b_d9b4_e019) } ?? .max
        case .allocFast, .map: result.allocation?.range?.lo ?? .max
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
    /// Every operation's answer under this policy, computed by one replay of the whole
    /// scenario on first use (it also lays down the seek checkpoints, so the jump that
    /// follows replays at most one interval), then kept and extended by `append`.
    public mutating func summaries() -> OperationSummaries {
        absorbBackground()
        if let cached = summaryCache, cached.count == operationCount { return cached }
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
}
