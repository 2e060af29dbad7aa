import IOVACore
import IOVAScenario

/// What a scenario's later commands need beyond the policy's own state: the range each
/// referenced `alloc` line returned (for `free @LINE`), what each referenced `alloc_fast`/`map`
/// line returned (for `free_fast @LINE`, `unmap @LINE`), and the DMA path's rcache and devices.
/// Referenced answers are kept from the allocation until the free that names them, so memory
/// follows the outstanding referenced allocations rather than the file's length. Checkpoints
/// copy it with the policy.
public struct AllocationLedger: Sendable {
    /// The allocation lines some `@LINE` names (others are never recorded).
    public let referenced: LineSet
    private var ranges: [Int: PFNRange] = [:]
    /// A referenced `alloc_fast`/`map` line's answer: its pfn (nil once freed through `@LINE`,
    /// or when it failed), its size as asked, and the device of a `map`.
    struct FastAllocation: Sendable {
        var pfn: UInt64?
        var size: UInt64
        var device: String?
    }
    private var fast: [Int: FastAllocation] = [:]
    /// The per-CPU caches in front of the tree, when the scenario uses the DMA path.
    public internal(set) var rcache: RCache?
    /// The declared devices, by name.
    public internal(set) var devices: [String: DMADevice] = [:]

    public init(referenced: LineSet) {
        self.referenced = referenced
    }

    /// A ledger for a scenario: its referenced lines, and an empty rcache when it uses the DMA path.
    public init(facts: ScenarioFacts, config: DomainConfig) {
        self.init(referenced: facts.referenced)
        if facts.usesFastPath { rcache = RCache(cpus: config.cpus) }
    }

    /// A ledger for commands held in memory.
    public init(for lines: [ScenarioLine], config: DomainConfig = .standard) {
        self.init(facts: ScenarioFacts(for: lines), config: config)
    }

    /// Notes the answer to the command on `line`.
    public mutating func note(line: Int, _ result: ReplayResult) {
        guard referenced.contains(line) else { return }
        switch result {
        case let .allocFast(size, _, _, _, outcome, _):
            fast[line] = FastAllocation(pfn: outcome.pfn, size: size)
        case let .map(device, size, _, outcome, _, _):
            fast[line] = FastAllocation(pfn: outcome.allocation.pfn, size: size, device: device)
        default:
            if let range = result.allocation?.range { ranges[line] = range }
        }
    }

    /// What `free_fast @LINE` / `unmap @LINE` frees: the pfn (nil when nothing is left to
    /// free), the size and the device of the allocation on `line`; the pfn is taken out.
    mutating func takeFast(_ line: Int) -> FastAllocation {
        guard var entry = fast[line] else { preconditionFailure("@\(line) is not a referenced alloc_fast/map line") }
        let taken = entry
        entry.pfn = nil
        fast[line] = entry
        return taken
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
        if line.command.isFastPath {
            var quiet = NullObserver()
            return executeFastPath(line, ledger: &ledger, observer: &quiet)
        }
        // Only `free @LINE` is resolved through the ledger first; every other command runs as
        // written (the round trip through `resolve` was a tenth of a long replay's time).
        guard case .freeAllocation(let n) = line.command else {
            let result = execute(line.command)
            ledger.note(line: line.line, result)
            return result
        }
        guard let (command, reference) = ledger.resolve(line.command) else { return .freeAllocation(line: n, pfn: nil, found: false) }
        let result = execute(command)
        ledger.note(line: line.line, result)
        return Self.referenced(result, reference)
    }

    /// The same, reporting every event to `observer`.
    public mutating func execute<O: AllocatorObserver>(_ line: ScenarioLine, ledger: inout AllocationLedger, observer: inout O) -> ReplayResult {
        if line.command.isFastPath { return executeFastPath(line, ledger: &ledger, observer: &observer) }
        guard case .freeAllocation(let n) = line.command else {
            let result = execute(line.command, observer: &observer)
            ledger.note(line: line.line, result)
            return result
        }
        guard let (command, reference) = ledger.resolve(line.command) else { return .freeAllocation(line: n, pfn: nil, found: false) }
        let result = execute(command, observer: &observer)
        ledger.note(line: line.line, result)
        return Self.referenced(result, reference)
    }

    private static func referenced(_ result: ReplayResult, _ reference: Int?) -> ReplayResult {
        guard let reference, case let .free(pfn, found) = result else { return result }
        return .freeAllocation(line: reference, pfn: pfn, found: found)
    }
}
