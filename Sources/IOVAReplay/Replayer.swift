import IOVACore
import IOVAScenario

/// Runs scenario commands on a policy, one at a time.
///
/// The domain is created by the file's `domain` command or, at the first other command, with
/// the defaults; either way exactly one `domain` record comes first (line 0 when implied).
///
/// The policy is an existential on purpose: its operations go through the conformance's
/// witness table, to the code IOVACore specialised for that policy. Replay generic over the
/// policy type ran unspecialised (runtime metadata lookups and a policy copy per record), and
/// specialised it would call the generic, unspecialised bodies of `GapTreePolicy`'s extension
/// methods directly, several times slower.
public struct Replayer {
    private let type: any InspectablePolicy.Type
    public private(set) var policy: (any InspectablePolicy)?
    /// Run the policy's validator after every command (slow; for debugging and tests).
    public var validateEachStep = false
    /// Attach the rcache's figures to each record (`--state` of a DMA-path scenario).
    public var reportsRCache = false
    /// What `@LINE` references will need, and the DMA path's caches and devices.
    private var ledger: AllocationLedger
    private let facts: ScenarioFacts

    /// `facts`: from `Scenario.check` (the lines `@LINE` references name; whether the file
    /// uses the DMA path).
    public init(_ type: any InspectablePolicy.Type, facts: ScenarioFacts = ScenarioFacts()) {
        self.type = type
        self.facts = facts
        ledger = AllocationLedger(facts: facts, config: .standard)
    }

    /// Applies one command; calls `emit` for the records it produces (the implied domain
    /// record, then the command's own), with the policy in its state right after the command.
    /// After a throw the replayer is spent.
    public mutating func apply(_ line: ScenarioLine, emit: (ReplayRecord, any InspectablePolicy) throws -> Void) throws {
        if case .domain(let config) = line.command {
            policy = try start(config, line: line.line, emit: emit)
            return
        }
        // Moved out of `self` while the command runs and its record is written, then moved
        // back: mutated in place and lent to `emit`, never copied (a copy of the policy retains
        // every array it holds, and comparing the optional with nil copies it too).
        var current = try policy.take() ?? start(.standard, line: 0, emit: emit)
        let result = current.execute(line, ledger: &ledger)
        if validateEachStep {
            let problems = current.validate() + (ledger.rcache.map { Self.validate($0, current, strict: !facts.freesExplicitPFNs) } ?? [])
            if !problems.isEmpty { throw InvariantFailure(line: line.line, violations: problems) }
        }
        let counts = reportsRCache && facts.usesFastPath ? (ledger.rcache ?? RCache(cpus: current.config.cpus)).counts : nil
        try emit(ReplayRecord(line: line.line, result: result, rcache: counts), current)
        policy = consume current
    }

    private static func validate<P: IOVAPolicy>(_ rcache: RCache, _ policy: P, strict: Bool) -> [InvariantViolation] {
        rcache.validate(against: policy, strict: strict)
    }

    /// Ends the scenario: a file without commands still yields its domain record.
    public mutating func finish(emit: (ReplayRecord, any InspectablePolicy) throws -> Void) throws {
        guard case .none = policy else { return }
        policy = try start(.standard, line: 0, emit: emit)
    }

    /// A fresh policy on `config`, announced by its domain record (line 0 when implied).
    private mutating func start(_ config: DomainConfig, line: Int, emit: (ReplayRecord, any InspectablePolicy) throws -> Void) throws -> any InspectablePolicy {
        let fresh = type.init(config: config)
        ledger = AllocationLedger(facts: facts, config: config)
        try emit(ReplayRecord(line: line, result: .domain(config)), fresh)
        return fresh
    }
}

/// A validator found the policy's state broken after a command.
public struct InvariantFailure: Error, CustomStringConvertible {
    public var line: Int
    public var violations: [InvariantViolation]
    public var description: String {
        "invariant broken after line \(line): " + violations.map(\.description).joined(separator: "; ")
    }
}
