import IOVACore

/// Visits per allocation over a batch of requests.
public struct VisitStats: Sendable, Equatable {
    // Internal storage usable from the `@inlinable` workload loops.
    @usableFromInline var _count = 0
    @usableFromInline var _total = 0
    @usableFromInline var _max = 0
    @usableFromInline var _first: Int?
    @usableFromInline var _failures = 0

    public var count: Int { _count }
    public var total: Int { _total }
    public var max: Int { _max }
    public var first: Int? { _first }
    public var failures: Int { _failures }

    public init() {}

    @inlinable public mutating func add(_ outcome: AllocOutcome) {
        _count += 1
        _total += outcome.visits
        if outcome.visits > _max { _max = outcome.visits }
        if _first == nil { _first = outcome.visits }
        if outcome.range == nil { _failures += 1 }
    }

    public var mean: Double { count == 0 ? 0 : Double(total) / Double(count) }
}
