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
    /// The DMA path's caches as drawn: before the operation until its first magazine or depot
    /// change, after it from then on (nil when the scenario does not use the DMA path).
    public var rcache: RCache? = nil
    public var highlights: Highlights
    /// For a long walk, the visited nodes read from the operation's index instead of from
    /// `highlights.visited` alone (the tree pane opens the search path through it).
    public var visits: VisitMarks? = nil
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
                         line: nil, result: nil, state: before, ranges: rangesBefore, rcache: rcacheBefore, highlights: Highlights(), counters: OperationCounters(),
                         event: nil, explanation: "the scenario has no operations", log: [], code: [], codeLine: nil)
        }
        let prefix = record.events[..<step]
        let listing = PseudoCode.listing(of: record.line.command)
        // Long operations read a keyframe and fold the rest; short ones fold the whole prefix.
        let derived = prefixIndex?.state(at: step, events: record.events)
            ?? PrefixState(prefix, tree: before.rbTree, code: CodeLines(policy: policy, listing: listing))
        let highlights = derived.highlights
        var narrator = Narrator(before: before.rbTree, after: after.rbTree)
        narrator.size = highlights.size
        narrator.searchSize = highlights.searchSize
        narrator.hook = policy.narration
        let header = "op \(record.number) (line \(record.line.line)): \(Self.describe(record.line.command))"
        // The log pane shows the tail: narrate at most the last `logLimit` events.
        var log = [header]
        let logged = prefix.suffix(Self.logLimit)
        if logged.count < prefix.count { log.append("… \(prefix.count - logged.count) earlier steps") }
        log.reserveCapacity(logged.count + 2)
        for e in logged { log.append(narrator.sentence(e)) }
        let event = step > 0 ? record.events[step - 1] : nil
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
                     ranges: highlights.treeChanged ? rangesAfter : rangesBefore,
                     rcache: highlights.rcacheChanged ? rcacheAfter : rcacheBefore, highlights: highlights,
                     visits: visitIndex.map { VisitMarks(index: $0, step: step, after: highlights.treeChanged) },
                     counters: derived.counters, event: event, explanation: explanation, log: log,
                     code: PseudoCode.lines(policyName, listing), codeLine: derived.codeLine)
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
        case let .allocFast(size, limit, cpu, flush): "alloc_fast \(size) limit=\(Narrator.hex(limit)) cpu=\(cpu)\(flush ? " flush" : "")"
        case let .freeFast(pfn, size, cpu): "free_fast \(Narrator.hex(pfn)) \(size) cpu=\(cpu)"
        case let .freeFastAllocation(line, cpu): "free_fast @\(line) cpu=\(cpu)"
        case .flushRCache: "flush_rcache"
        case .tick: "tick"
        case let .device(name, mask, pci): "device \(name) mask=\(Narrator.hex(mask))\(pci ? " pci" : "")"
        case let .map(device, size, cpu): "map \(device) \(size) cpu=\(cpu)"
        case let .unmap(device, pfn, size, cpu): "unmap \(device) \(Narrator.hex(pfn)) \(size) cpu=\(cpu)"
        case let .unmapAllocation(line, cpu): "unmap @\(line) cpu=\(cpu)"
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
        case let .allocFast(_, _, _, _, outcome, hi): describeFast(outcome, hi: hi)
        case let .map(_, _, _, outcome, hi, workaround):
            describeFast(outcome.allocation, hi: hi) + " under limit \(Narrator.hex(outcome.limit))" + (workaround ? "" : "; workaround off")
        case let .freeFast(_, pfn, _, cpu, outcome), let .unmap(_, _, pfn, _, cpu, outcome):
            switch outcome {
            case nil: "nothing to free: that allocation failed or was freed already"
            case .rcache: "\(Narrator.hex(pfn ?? 0)) into cpu \(cpu)'s magazine (still allocated in the tree)"
            case .tree(let found): found ? "freed in the tree (too large to cache)" : "no range at \(Narrator.hex(pfn ?? 0)) in the tree"
            }
        case let .flushRCache(freed): "\(freed) cached range\(freed == 1 ? "" : "s") back to the tree"
        case let .tick(freed): freed == 0 ? "no depot trim freed anything" : "the depot trim freed \(freed) range\(freed == 1 ? "" : "s")"
        case .device: "declared"
        }
    }

    private static func describeFast(_ o: FastAllocOutcome, hi: UInt64?) -> String {
        guard let pfn = o.pfn else { return "failed, \(o.visits) visit\(o.visits == 1 ? "" : "s")" }
        let range = hi.map { Narrator.label(PFNRange(lo: pfn, hi: $0)) } ?? Narrator.hex(pfn)
        return switch o.source {
        case .rcache: "popped \(range) from a magazine, no tree search"
        case .flush: "allocated \(range) after flushing the caches, \(o.visits) visits"
        default: "allocated \(range) from the tree, \(o.visits) visit\(o.visits == 1 ? "" : "s")"
        }
    }
}
