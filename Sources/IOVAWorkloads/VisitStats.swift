import IOVACore

/// Visits per allocation over a batch of requests.
public struct VisitStats: Sendable, Equatable {
    public private(set) var count = 0
    public private(set) var total = 0
    public private(set) var max = 0
    public private(set) var first: Int?
    public private(set) var failures = 0

    public init() {}

    public mutating func add(_ outcome: AllocOutcome) {
        count += 1
        total += outcome.visits
        if outcome.visits > max { max = outcome.visits }
        if first == nil { first = outcome.visits }
        if outcome.range == nil { failures += 1 }
    }

    public var mean: Double { count == 0 ? 0 : Double(total) / Double(count) }
}
