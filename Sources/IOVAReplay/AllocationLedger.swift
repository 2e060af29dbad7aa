import IOVACore
import IOVAScenario

/// What `free @LINE` needs: the range each referenced `alloc` line returned under this
/// policy, kept from the allocation until the free that names it, so memory follows the
/// outstanding referenced allocations rather than the file's length.
public struct AllocationLedger: Sendable {
    /// The alloc lines some `free @LINE` names (others are never recorded).
    public let referenced: LineSet
    private var ranges: [Int: PFNRange] = [:]

    public init(referenced: LineSet) {
        self.referenced = referenced
    }

    /// A ledger for commands held in memory: the lines their `free @LINE`s name.
    public init(for lines: [ScenarioLine]) {
        var set = LineSet()
        for line in lines { if case .freeAllocation(let n) = line.command { set.insert(n) } }
        self.init(referenced: set)
    }

    /// Notes the answer to the command on `line`.
    public mutating func note(line: Int, _ result: ReplayResult) {
        if let range = result.allocation?.range, referenced.contains(line) { ranges[line] = range }
    }

    /// The command to run for `command`: `free @LINE` becomes `free PFN` of that line's range
    /// (taken out of the ledger), or nil when there is nothing to free.
    public mutating func resolve(_ command: Command) -> (command: Command, reference: Int?)? {
        guard case .freeAllocation(let n) = command else { return (command, nil) }
        guard let range = ranges.removeValue(forKey: n) else { return nil }
        return (.free(pfn: range.lo), n)
    }
}

extension IOVAPolicy {
    /// Runs a scenario line, resolving `free @LINE` through `ledger` and noting allocations.
    public mutating func execute(_ line: ScenarioLine, ledger: inout AllocationLedger) -> ReplayResult {
        guard let (command, reference) = ledger.resolve(line.command) else {
            if case .freeAllocation(let n) = line.command { return .freeAllocation(line: n, pfn: nil, found: false) }
            preconditionFailure("only free @LINE resolves to nothing")
        }
        let result = execute(command)
        ledger.note(line: line.line, result)
        return Self.referenced(result, reference)
    }

    /// The same, reporting every event to `observer`.
    public mutating func execute<O: AllocatorObserver>(_ line: ScenarioLine, ledger: inout AllocationLedger, observer: inout O) -> ReplayResult {
        guard let (command, reference) = ledger.resolve(line.command) else {
            if case .freeAllocation(let n) = line.command { return .freeAllocation(line: n, pfn: nil, found: false) }
            preconditionFailure("only free @LINE resolves to nothing")
        }
        let result = execute(command, observer: &observer)
        ledger.note(line: line.line, result)
        return Self.referenced(result, reference)
    }

    private static func referenced(_ result: ReplayResult, _ reference: Int?) -> ReplayResult {
        guard let reference, case let .free(pfn, found) = result else { return result }
        return .freeAllocation(line: reference, pfn: pfn, found: found)
    }
}
