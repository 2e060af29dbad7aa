import IOVACore
import IOVAPolicies
import IOVAScenario

/// The same scenario run through several policies in lockstep (`iovascope compare`).
public struct Comparison {
    /// One command's results, one per policy, in the order of `names`.
    public struct Row {
        public var line: Int
        public var command: Command
        public var results: [ReplayResult]
        /// Whether the policies answered differently (placement, found, node).
        public var differs: Bool
    }

    /// Totals per policy.
    public struct Totals {
        public var allocs = 0
        public var failures = 0
        public var visits = VisitTally()
    }

    public private(set) var names: [PolicyName]
    private var types: [any InspectablePolicy.Type]
    private var policies: [any InspectablePolicy]
    /// One per policy: each frees, for `free @LINE`, the range it handed out itself.
    private var ledgers: [AllocationLedger]
    public private(set) var totals: [Totals]
    public private(set) var config: DomainConfig = .standard
    public private(set) var differingRows = 0

    private let facts: ScenarioFacts

    /// `facts`: from `Scenario.check` (the lines `@LINE` references name; the DMA path).
    public init(policies names: [PolicyName], facts: ScenarioFacts = ScenarioFacts()) {
        let types = names.map { Policies[$0].type }
        self.facts = facts
        ledgers = Array(repeating: AllocationLedger(facts: facts, config: .standard), count: names.count)
        self.names = names
        self.types = types
        policies = types.map { $0.init(config: .standard) }
        totals = Array(repeating: Totals(), count: names.count)
    }

    /// What the kernel would spend on each policy's current state, in the order of `names`.
    public var memory: [MemoryFootprint] { policies.map(\.memory) }

    /// Applies one scenario line to every policy; nil for `domain`, which resets them all.
    public mutating func apply(_ line: ScenarioLine) -> Row? {
        if case .domain(let config) = line.command {
            self.config = config
            policies = types.map { $0.init(config: config) }
            ledgers = Array(repeating: AllocationLedger(facts: facts, config: config), count: types.count)
            return nil
        }
        var results: [ReplayResult] = []
        results.reserveCapacity(policies.count)
        for i in policies.indices {
            let result = Self.execute(&policies[i], line, &ledgers[i])
            if let outcome = result.allocation {
                totals[i].allocs += 1
                if outcome.range == nil { totals[i].failures += 1 }
                totals[i].visits.add(outcome.visits, line: line.line)
            }
            results.append(result)
        }
        let differs = results.contains { Self.answer($0) != Self.answer(results[0]) }
        if differs { differingRows += 1 }
        return Row(line: line.line, command: line.command, results: results, differs: differs)
    }

    /// Opens the existential in place, so the policy's storage is mutated, never copied.
    private static func execute<P: InspectablePolicy>(_ policy: inout P, _ line: ScenarioLine, _ ledger: inout AllocationLedger) -> ReplayResult {
        policy.execute(line, ledger: &ledger)
    }

    /// The part of a result that placements are compared on (visits excluded).
    static func answer(_ r: ReplayResult) -> [UInt64?] {
        switch r {
        case .domain: []
        case .alloc, .allocFallback: [r.allocation?.range?.lo, r.allocation?.range?.hi]
        case let .free(_, found), let .freeAllocation(_, _, found): [found ? 1 : 0]
        case let .reserve(_, _, node), let .find(_, node): [node?.lo, node?.hi]
        case .allocFast, .map: [r.allocation?.range?.lo, r.allocation?.range?.hi]
        case let .freeFast(_, pfn, _, _, outcome), let .unmap(_, _, pfn, _, _, outcome):
            switch outcome {
            case nil: [pfn, nil]
            case .rcache: [pfn, 1]
            case .tree(let found): [pfn, found ? 2 : 3]
            }
        case let .flushRCache(freed), let .tick(freed): [UInt64(freed)]
        case .device: []
        }
    }
}

/// Visits per allocation: sum, maximum and where the maximum occurred.
public struct VisitTally: Sendable {
    public var total = 0
    public var max = 0
    public var maxLine = 0

    mutating func add(_ visits: Int, line: Int) {
        total += visits
        if visits > max {
            max = visits
            maxLine = line
        }
    }
}
