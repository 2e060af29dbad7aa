import IOVACore
import IOVAScenario

/// Runs scenario commands on a policy, one at a time.
///
/// The domain is created by the file's `domain` command or, at the first other command, with
/// the defaults; either way exactly one `domain` record comes first (line 0 when implied).
public struct Replayer<Policy: IOVAPolicy> {
    public private(set) var policy: Policy?
    /// Run the policy's validator after every command (slow; for debugging and tests).
    public var validateEachStep = false
    /// The ranges `free @LINE` will need.
    private var ledger: AllocationLedger

    /// `referenced`: the alloc lines that `free @LINE` commands name (from `Scenario.check`).
    public init(referenced: LineSet = LineSet()) {
        ledger = AllocationLedger(referenced: referenced)
    }

    /// Applies one command; calls `emit` for the records it produces (the implied domain
    /// record, then the command's own), with the policy in its state right after the command.
    public mutating func apply(_ line: ScenarioLine, emit: (ReplayRecord, Policy) throws -> Void) throws {
        if case .domain(let config) = line.command {
            let fresh = Policy(config: config)
            policy = fresh
            try emit(ReplayRecord(line: line.line, result: .domain(config)), fresh)
            return
        }
        if policy == nil {
            let fresh = Policy(config: .standard)
            policy = fresh
            try emit(ReplayRecord(line: 0, result: .domain(.standard)), fresh)
        }
        let result = policy!.execute(line, ledger: &ledger)
        if validateEachStep {
            let problems = policy!.validate()
            if !problems.isEmpty { throw InvariantFailure(line: line.line, violations: problems) }
        }
        try emit(ReplayRecord(line: line.line, result: result), policy!)
    }

    /// Ends the scenario: a file without commands still yields its domain record.
    public mutating func finish(emit: (ReplayRecord, Policy) throws -> Void) throws {
        guard policy == nil else { return }
        let fresh = Policy(config: .standard)
        policy = fresh
        try emit(ReplayRecord(line: 0, result: .domain(.standard)), fresh)
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
