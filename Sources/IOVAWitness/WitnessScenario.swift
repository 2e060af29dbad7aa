import IOVACore
import IOVAScenario

/// A scenario as the shrinker edits it: the domain and a list of commands in which `free @LINE`
/// names its allocation by a stable id rather than a line number. Dropping any command keeps
/// the others' meaning; line numbers are assigned only when the scenario is written out or run.
public struct WitnessScenario: Hashable, Sendable {
    public enum Op: Hashable, Sendable {
        /// `alloc SIZE [limit=L] [fallback=F] [aligned]`.
        case alloc(size: UInt64, limit: UInt64, fallback: UInt64?, aligned: Bool)
        /// `free @LINE` of the allocation whose item has id `ref`.
        case freeRef(ref: Int)
        /// `free PFN`.
        case free(pfn: UInt64)
        case reserve(lo: UInt64, hi: UInt64)
        case find(pfn: UInt64)
    }

    public struct Item: Hashable, Sendable {
        /// Unique within the scenario, kept by every edit.
        public var id: Int
        public var op: Op
        public init(id: Int, op: Op) {
            self.id = id
            self.op = op
        }
    }

    public var config: DomainConfig
    public var items: [Item]

    public init(config: DomainConfig = .standard, items: [Item]) {
        self.config = config
        self.items = items
    }

    /// What the scenario language cannot say in this form (the DMA path's commands).
    public struct Unsupported: Error, CustomStringConvertible {
        public var line: Int
        public var description: String { "line \(line): witness handles alloc, free, reserve and find only" }
    }

    /// The commands of a parsed scenario; `free @LINE` becomes a reference to that line's item.
    public init(lines: [ScenarioLine]) throws(Unsupported) {
        var config = DomainConfig.standard
        var items: [Item] = []
        var idOfLine: [Int: Int] = [:]
        for line in lines {
            let op: Op
            switch line.command {
            case .domain(let c):
                config = c
                continue
            case let .alloc(size, limit, aligned): op = .alloc(size: size, limit: limit, fallback: nil, aligned: aligned)
            case let .allocFallback(size, limit, fallback, aligned): op = .alloc(size: size, limit: limit, fallback: fallback, aligned: aligned)
            case .freeAllocation(let target):
                // The parser guarantees an earlier alloc line.
                guard let ref = idOfLine[target] else { throw Unsupported(line: line.line) }
                op = .freeRef(ref: ref)
            case .free(let pfn): op = .free(pfn: pfn)
            case let .reserve(lo, hi): op = .reserve(lo: lo, hi: hi)
            case .find(let pfn): op = .find(pfn: pfn)
            default: throw Unsupported(line: line.line)
            }
            idOfLine[line.line] = items.count
            items.append(Item(id: items.count, op: op))
        }
        self.init(config: config, items: items)
    }

    /// Whether the item is an allocation.
    static func isAlloc(_ item: Item) -> Bool {
        if case .alloc = item.op { return true }
        return false
    }

    /// The same items without the frees whose allocation is no longer there (or comes later),
    /// so that every `free @LINE` names an earlier `alloc` line: valid whatever was dropped.
    public func closed() -> WitnessScenario {
        var allocs = Set<Int>()
        var kept: [Item] = []
        kept.reserveCapacity(items.count)
        for item in items {
            if case .freeRef(let ref) = item.op, !allocs.contains(ref) { continue }
            if Self.isAlloc(item) { allocs.insert(item.id) }
            kept.append(item)
        }
        var copy = self
        copy.items = kept
        return copy
    }

    /// The first `count` items (references only point back, so the prefix stays valid).
    public func prefix(_ count: Int) -> WitnessScenario {
        var copy = self
        copy.items = Array(items.prefix(count))
        return copy
    }
}
