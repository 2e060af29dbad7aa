import IOVACore
import IOVAScenario
import IOVAWorkloads

/// Where a witness came from: the try that found it, and the shrinking.
public struct Witness: Sendable {
    public var scenario: WitnessScenario
    public var departure: Departure
    /// The try (from 1) whose workload showed the departure.
    public var attempt: Int
    public var source: String
    public var ops: Int
    /// The generator's seed for that try.
    public var generatorSeed: UInt64
    /// Commands of the workload cut at its first departure, before shrinking.
    public var foundCommands: Int
    /// Candidate scenarios the shrinker ran.
    public var evaluations: Int
}

/// What the search reports as it goes.
public enum SearchProgress: Sendable, CustomStringConvertible {
    /// Try `attempt` generated `ops` commands of `source` and found no departure.
    case miss(attempt: Int, source: String, ops: Int)
    /// Try `attempt` found a departure `commands` commands into its workload.
    case found(attempt: Int, source: String, ops: Int, commands: Int)
    case shrink(ShrinkProgress)

    public var description: String {
        switch self {
        case let .miss(attempt, source, ops): "try \(attempt): \(source), \(ops) operations: no departure"
        case let .found(attempt, source, ops, commands): "try \(attempt): \(source), \(ops) operations: departs at command \(commands)"
        case .shrink(let s): s.description
        }
    }
}

/// Searches generated workloads for one where policy B departs from policy A, then shrinks it.
/// Deterministic for a seed: try k draws its workload from source k mod sources, of a size
/// that doubles every few rounds (small workloads first: they shrink fastest), with a seed
/// derived from the search's seed and k.
public struct WitnessSearch {
    public var finder: DepartureFinder
    public var sources: [WorkloadSource]
    public var seed: UInt64
    public var tries: Int

    /// Workload sizes: `smallest` operations at first, doubling every two rounds up to `largest`.
    public static let smallest = 40
    public static let largest = 5000

    public init(finder: DepartureFinder, sources: [WorkloadSource], seed: UInt64, tries: Int) {
        precondition(!sources.isEmpty && tries >= 1)
        self.finder = finder
        self.sources = sources
        self.seed = seed
        self.tries = tries
    }

    /// The operations and generator seed of try `k` (from 0).
    public func plan(_ k: Int) -> (source: WorkloadSource, ops: Int, seed: UInt64) {
        let round = k / sources.count
        let ops = min(Self.largest, Self.smallest << min(round / 2, 16))
        var mix = SplitMix64(seed: seed ^ (UInt64(k) &* 0x9E37_79B9_7F4A_7C15))
        return (sources[k % sources.count], ops, mix.next())
    }

    /// The shrunk witness, or nil when no try departed.
    public func run(progress: (SearchProgress) -> Void = { _ in }) -> Witness? {
        for k in 0..<tries {
            let (source, ops, generatorSeed) = plan(k)
            let text = source.generate(ops: ops, seed: generatorSeed)
            guard let lines = try? Scenario.parse(text, file: source.name),
                  let scenario = try? WitnessScenario(lines: lines) else {
                preconditionFailure("\(source.name) generated an invalid scenario")
            }
            guard let departure = finder.first(in: scenario) else {
                progress(.miss(attempt: k + 1, source: source.name, ops: ops))
                continue
            }
            progress(.found(attempt: k + 1, source: source.name, ops: ops, commands: departure.index + 1))
            var shrinker = Shrinker(finder: finder)
            let (small, d) = shrinker.shrink(scenario.prefix(departure.index + 1)) { progress(.shrink($0)) }
            return Witness(scenario: small, departure: d, attempt: k + 1, source: source.name, ops: ops,
                           generatorSeed: generatorSeed, foundCommands: departure.index + 1,
                           evaluations: shrinker.evaluations)
        }
        return nil
    }
}
