import IOVACore
import IOVAReplay
import IOVAScenario

/// Everything one frame shows, derived from the stepper's position.
public struct Frame {
    /// The policy's registry entry (its name, tree kind, pseudo-code).
    public var policy: PolicyDescriptor
    public var config: DomainConfig
    public var operationNumber: Int
    public var operationCount: Int
    public var step: Int
    public var stepCount: Int
    public var line: ScenarioLine?
    public var result: ReplayResult?
    /// The state drawn: before the operation until its first tree change, after it from then on.
    public var state: any InspectablePolicy
    /// `state`'s live ranges, indexed for drawing.
    public var ranges: RangeIndex
    public var highlights: Highlights
    public var counters: OperationCounters
    /// The event of the current micro-step (nil at step 0).
    public var event: AllocatorEvent?
    public var explanation: String
    /// The sentences of this operation's steps so far, oldest first.
    public var log: [String]
    public var code: [String]
    public var codeLine: Int?
}

extension Stepper {
    /// How many of the latest steps the log narrates.
    public static let logLimit = 200

    /// The frame at the current position.
    public var frame: Frame {
        guard let record else {
            return Frame(policy: policy, config: config, operationNumber: 0, operationCount: 0, step: 0, stepCount: 0,
                         line: nil, result: nil, state: before, ranges: rangesBefore, highlights: Highlights(), counters: OperationCounters(),
                         event: nil, explanation: "the scenario has no operations", log: [], code: [], codeLine: nil)
        }
        let prefix = record.events[..<step]
        let highlights = Highlights(prefix, tree: before.rbTree)
        var narrator = Narrator(before: before.rbTree, after: after.rbTree)
        narrator.size = highlights.size
        narrator.searchSize = highlights.searchSize
        narrator.hook = policy.narration
        let operation = PseudoCode.operation(of: record.line.command)
        let header = "op \(record.number) (line \(record.line.line)): \(Self.describe(record.line.command))"
        // The log pane shows the tail: narrate at most the last `logLimit` events.
        var log = [header]
        let logged = prefix.suffix(Self.logLimit)
        if logged.count < prefix.count { log.append("… \(prefix.count - logged.count) earlier steps") }
        log.reserveCapacity(logged.count + 2)
        for e in logged { log.append(narrator.sentence(e)) }
        let event = step > 0 ? record.events[step - 1] : nil
        // The code line of the latest event that has one (the first line before any event).
        var codeLine: Int? = 0
        var erasedSoFar = false
        var storedSoFar = false
        for e in prefix {
            if case .erased = e { erasedSoFar = true }
            if case .stored(_, _, _, true) = e { storedSoFar = true }
            if let l = PseudoCode.line(of: e, policyName, operation, erased: erasedSoFar, stored: storedSoFar) { codeLine = l }
        }
        let explanation: String
        if let event {
            explanation = narrator.sentence(event)
        } else if step == stepCount {
            explanation = header + " → " + Self.describe(record.result)
        } else {
            explanation = header
        }
        return Frame(policy: policy, config: config, operationNumber: record.number, operationCount: operationCount,
                     step: step, stepCount: stepCount, line: record.line, result: record.result,
                     state: highlights.treeChanged ? after : before,
                     ranges: highlights.treeChanged ? rangesAfter : rangesBefore, highlights: highlights,
                     counters: OperationCounters(prefix), event: event, explanation: explanation, log: log,
                     code: PseudoCode.lines(policyName, operation), codeLine: codeLine)
    }

    /// A command as typed in a scenario.
    public static func describe(_ command: Command) -> String {
        switch command {
        case let .domain(c): "domain start=\(Narrator.hex(c.startPFN)) granule=\(c.granule)"
        case let .alloc(size, limit, aligned): "alloc \(size) limit=\(Narrator.hex(limit))\(aligned ? " aligned" : "")"
        case let .allocFallback(size, limit, fallback, aligned):
            "alloc \(size) limit=\(Narrator.hex(limit)) fallback=\(Narrator.hex(fallback))\(aligned ? " aligned" : "")"
        case let .free(pfn): "free \(Narrator.hex(pfn))"
        case let .freeAllocation(line): "free @\(line)"
        case let .reserve(lo, hi): "reserve \(Narrator.hex(lo)) \(Narrator.hex(hi))"
        case let .find(pfn): "find \(Narrator.hex(pfn))"
        }
    }

    /// An answer in a few words.
    public static func describe(_ result: ReplayResult) -> String {
        switch result {
        case .domain: "domain"
        case let .alloc(_, _, _, o): (o.range.map { "allocated \(Narrator.label($0))" } ?? "failed") + ", \(o.visits) visit\(o.visits == 1 ? "" : "s")"
        case let .allocFallback(_, _, fallback, _, first, second):
            if let second {
                (second.range.map { "the first limit failed; allocated \(Narrator.label($0)) under the fallback \(Narrator.hex(fallback))" }
                    ?? "failed under both limits") + ", \(first.visits + second.visits) visits"
            } else {
                (first.range.map { "allocated \(Narrator.label($0)) under the first limit" } ?? "failed") + ", \(first.visits) visits"
            }
        case let .free(_, found): found ? "freed" : "no range there"
        case let .freeAllocation(line, pfn, found):
            pfn.map { found ? "freed line \(line)'s range at \(Narrator.hex($0))" : "no range at \(Narrator.hex($0))" }
                ?? "line \(line) holds no live allocation: nothing to free"
        case let .reserve(_, _, node): node.map { "node \(Narrator.label($0))" } ?? "NULL (beyond the domain)"
        case let .find(_, node): node.map { "found \(Narrator.label($0))" } ?? "not found"
        }
    }
}
