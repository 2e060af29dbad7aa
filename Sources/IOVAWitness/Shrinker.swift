import IOVACore

/// What the shrinker reports as it goes (for progress on standard error).
public struct ShrinkProgress: Sendable, CustomStringConvertible {
    /// The pass: `cut`, `drop frees`, `drop reserves`, `drop finds`, `ddmin`, `simplify`.
    public var pass: String
    /// Commands left (the `domain` line not counted).
    public var commands: Int
    public var description: String { "shrink: \(pass): \(commands) commands" }
}

/// Shrinks a scenario that shows a departure to a small one that still shows one: cuts after
/// the departure, drops all frees / reserves / finds at once, removes commands by delta
/// debugging, and simplifies each remaining command's numbers, until nothing changes. Every
/// candidate is a valid scenario: dropping an allocation drops the frees that name it.
public struct Shrinker {
    public let finder: DepartureFinder
    /// Candidates run so far.
    public private(set) var evaluations = 0
    /// Sees every candidate (closed) before it runs: for tests.
    public var observe: ((WitnessScenario) -> Void)?

    public init(finder: DepartureFinder) {
        self.finder = finder
    }

    /// The departure in `candidate` (closed first), and the candidate cut just after it.
    mutating func test(_ candidate: WitnessScenario) -> (WitnessScenario, Departure)? {
        evaluations += 1
        let closed = candidate.closed()
        observe?(closed)
        guard let d = finder.first(in: closed) else { return nil }
        return (closed.prefix(d.index + 1), d)
    }

    /// `scenario` must show a departure. Returns the shrunk scenario and its departure.
    public mutating func shrink(_ scenario: WitnessScenario, progress: (ShrinkProgress) -> Void = { _ in }) -> (WitnessScenario, Departure) {
        guard var (current, departure) = test(scenario) else { preconditionFailure("the scenario shows no departure") }
        progress(ShrinkProgress(pass: "cut", commands: current.items.count))
        for _ in 0..<8 {
            let before = current
            dropAll(&current, &departure, progress)
            ddmin(&current, &departure, progress)
            simplify(&current, &departure, progress)
            if current == before { break }
        }
        return (current, departure)
    }

    /// Tries dropping every command of one kind at once.
    private mutating func dropAll(_ current: inout WitnessScenario, _ departure: inout Departure, _ progress: (ShrinkProgress) -> Void) {
        let kinds: [(String, (WitnessScenario.Op) -> Bool)] = [
            ("drop frees", { if case .freeRef = $0 { true } else if case .free = $0 { true } else { false } }),
            ("drop reserves", { if case .reserve = $0 { true } else { false } }),
            ("drop finds", { if case .find = $0 { true } else { false } }),
        ]
        for (name, matches) in kinds where current.items.contains(where: { matches($0.op) }) {
            var candidate = current
            candidate.items.removeAll { matches($0.op) }
            if let (kept, d) = test(candidate) {
                (current, departure) = (kept, d)
                progress(ShrinkProgress(pass: name, commands: current.items.count))
            }
        }
    }

    private mutating func ddmin(_ current: inout WitnessScenario, _ departure: inout Departure, _ progress: (ShrinkProgress) -> Void) {
        let base = current
        var last = departure
        let items = DeltaDebugging.minimize(current.items, progress: { progress(ShrinkProgress(pass: "ddmin", commands: $0)) }) { items in
            var candidate = base
            candidate.items = items
            guard let (kept, d) = test(candidate) else { return nil }
            last = d
            return kept.items
        }
        current.items = items
        // The last accepted candidate is the result, so its departure is the result's.
        departure = last
    }

    /// Simplifies the domain, then each command, to the simplest variant that keeps a departure.
    private mutating func simplify(_ current: inout WitnessScenario, _ departure: inout Departure, _ progress: (ShrinkProgress) -> Void) {
        var changed = false
        if current.config != .standard {
            var candidate = current
            candidate.config = .standard
            // Limits resolved against the old domain may not fit the standard one.
            if candidate.items.allSatisfy({ Self.fits($0.op, candidate.config) }), let (kept, d) = test(candidate) {
                (current, departure) = (kept, d)
                changed = true
            }
        }
        var i = 0
        while i < current.items.count {
            var improved = true
            var rounds = 0      // a safety net: every candidate is simpler, so few rounds are ever needed
            while improved && i < current.items.count && rounds < 128 {
                improved = false
                rounds += 1
                for op in Simplifications.candidates(current.items[i].op, config: current.config) {
                    var candidate = current
                    candidate.items[i].op = op
                    if let (kept, d) = test(candidate) {
                        (current, departure) = (kept, d)
                        improved = true
                        changed = true
                        break
                    }
                }
            }
            i += 1
        }
        if changed { progress(ShrinkProgress(pass: "simplify", commands: current.items.count)) }
    }

    /// Whether the command's numbers are valid in `config` (limits at most dma64).
    static func fits(_ op: WitnessScenario.Op, _ config: DomainConfig) -> Bool {
        if case let .alloc(_, limit, fallback, _) = op { return limit <= config.maxPFN && (fallback ?? 0) <= config.maxPFN }
        return true
    }
}
