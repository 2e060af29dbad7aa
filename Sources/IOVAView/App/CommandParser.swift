import IOVACore
import IOVAPolicies
import IOVAScenario
import IOVAStepper

/// The `:` command line and the `/` search, parsed into actions. Nothing here changes the
/// app: `AppState.perform` does what the action says.
public enum CommandParser {
    /// What a typed line comes to.
    public enum Outcome: Equatable {
        case action(Action)
        /// Nothing to do but say this (a usage error, or a hint).
        case message(String, isError: Bool)
        case nothing
    }

    /// What parsing needs to know of the session.
    public struct Context: Sendable {
        public var config: DomainConfig
        /// The lines of the allocations so far (`free @LINE` may name any of them).
        public var allocLines: LineSet
        /// The line number a typed operation gets.
        public var nextLine: Int
        /// The DMA path: the `alloc_fast`/`map` lines (`free_fast @LINE`), the `map` lines
        /// (`unmap @LINE`) and the declared devices with their lines.
        public var fastAllocLines = LineSet()
        public var mapLines = LineSet()
        public var devices: [String: Int] = [:]

        public init(config: DomainConfig, allocLines: LineSet, nextLine: Int) {
            self.config = config
            self.allocLines = allocLines
            self.nextLine = nextLine
        }

        /// The context of a stepper's scenario.
        public init(_ stepper: Stepper) {
            config = stepper.config
            var allocs = LineSet()
            for line in stepper.operations {
                switch line.command {
                case .alloc, .allocFallback: allocs.insert(line.line)
                case .allocFast: fastAllocLines.insert(line.line)
                case .map:
                    fastAllocLines.insert(line.line)
                    mapLines.insert(line.line)
                case .device(let name, _, _): devices[name] = line.line
                default: break
                }
            }
            allocLines = allocs
            nextLine = (stepper.operations.last?.line ?? 0) + 1
        }
    }

    /// One `:` command as the help lists it: its syntax, what it does, and example lines with
    /// the action each parses to (a test parses every example, so the table cannot drift).
    public struct Entry: Sendable {
        public let syntax: String
        public let help: String
        public let examples: [(line: String, kind: Action.Kind)]
    }

    public static let commands: [Entry] = [
        Entry(syntax: "alloc SIZE [limit=L] [aligned]", help: "append an allocation to the scenario and step into it",
              examples: [("alloc 16 limit=dma32 aligned", .append)]),
        Entry(syntax: "free PFN|@LINE", help: "append a free of the range at PFN, or of what alloc line LINE returned",
              examples: [("free 0xffe00", .append)]),
        Entry(syntax: "reserve LO HI", help: "append a reservation", examples: [("reserve 0x100 0x1ff", .append)]),
        Entry(syntax: "find PFN", help: "append a lookup", examples: [("find 0x100", .append)]),
        Entry(syntax: "alloc_fast SIZE [limit=L] [cpu=N] [flush]", help: "append alloc_iova_fast: a magazine first, then the tree",
              examples: [("alloc_fast 8 limit=dma32 cpu=0", .append)]),
        Entry(syntax: "free_fast PFN SIZE|@LINE [cpu=N]", help: "append free_iova_fast: into a magazine, or the tree from 64 pages",
              examples: [("free_fast 0xffe00 8", .append)]),
        Entry(syntax: "device NAME mask=L [pci]", help: "declare a device (pci: 32-bit first, until that fails)",
              examples: [("device nic mask=dma48 pci", .append)]),
        Entry(syntax: "map NAME SIZE [cpu=N]", help: "append iommu_dma_alloc_iova for a declared device",
              examples: [("map dev0 8 cpu=0", .append)]),
        Entry(syntax: "unmap NAME PFN SIZE|@LINE [cpu=N]", help: "append iommu_dma_free_iova (strict): free_iova_fast",
              examples: [("unmap dev0 0xffe00 8", .append)]),
        Entry(syntax: "tick", help: "append IOVA_DEPOT_DELAY passing: pending depot trims run once", examples: [("tick", .append)]),
        Entry(syntax: "flush_rcache", help: "append a flush of every CPU's magazines and the depot", examples: [("flush_rcache", .append)]),
        Entry(syntax: "policy NAME", help: "re-run every operation under another policy (\(Policies.choices))",
              examples: [("policy maple", .switchPolicy)]),
        Entry(syntax: "compare P", help: "the current policy beside policy P, stepped together (:compare off)",
              examples: [("compare limit-aware", .compare), ("compare off", .closeCompare)]),
        Entry(syntax: "goto N [K]|max|fail|diff", help: "operation N at step K, or a jump (keys M F D)",
              examples: [("goto 2 1", .seek), ("goto max", .jumpMax), ("goto fail", .jumpFail), ("goto diff", .jumpDiff)]),
        Entry(syntax: "export FILE.cast|FILE.dot", help: "a recording from here, or the tree now for Graphviz (export! to overwrite)",
              examples: [("export run.cast", .export), ("export! tree.dot", .export)]),
    ]

    /// What a `/` search parses to (the `/` key's help row documents it).
    public static let searchKinds: [Action.Kind] = [.find]

    /// Parses a `:` line.
    public static func parse(_ text: String, _ context: Context) -> Outcome {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let verb = words.first else { return .nothing }
        switch verb {
        case "q", "quit":
            return .message("type q outside the command line to quit", isError: false)
        case "export", "export!":
            return .action(.export(path: words.dropFirst().joined(separator: " "), overwrite: verb == "export!"))
        case "policy":
            guard words.count == 2, let policy = Policies.named(String(words[1])) else {
                return .message("usage: policy \(Policies.choices)", isError: true)
            }
            return .action(.switchPolicy(policy.name))
        case "compare":
            let names = Policies.choices
            guard words.count == 2 else { return .message("usage: compare POLICY | off (POLICY: \(names))", isError: true) }
            if words[1] == "off" { return .action(.closeCompare) }
            guard let policy = Policies.named(String(words[1])) else {
                return .message("compare: unknown policy '\(words[1])' (\(names), or off)", isError: true)
            }
            return .action(.compare(policy.name))
        case "goto":
            if words.count == 2, let target = JumpTarget(rawValue: String(words[1])) { return .action(.jump(target)) }
            guard words.count >= 2, let n = Int(words[1]), n >= 1 else {
                return .message("usage: goto OPERATION [STEP] | max | fail | diff", isError: true)
            }
            let k = words.count >= 3 ? Int(words[2]) ?? 0 : 0
            return .action(.move(.seek(operation: n, step: k)))
        case "alloc", "free", "reserve", "find", "alloc_fast", "free_fast", "device", "map", "unmap", "tick", "flush_rcache":
            var parser = ScenarioParser(file: "command", config: context.config, allocLines: context.allocLines,
                                        fastAllocLines: context.fastAllocLines, mapLines: context.mapLines, devices: context.devices)
            let bytes = Array(text.utf8)
            do {
                let command = try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) -> Command? in
                    try parser.parse(line: buffer, number: context.nextLine)
                }
                guard let command else { return .nothing }
                return .action(.append(command, text: text))
            } catch {
                return .message("\(text): \(error.message) (column \(error.column))", isError: true)
            }
        default:
            let verbs = commands.map { String($0.syntax.prefix { $0 != " " }) } + ["quit"]
            return .message("unknown command '\(verb)': \(verbs.joined(separator: ", "))", isError: true)
        }
    }

    /// Parses a `/` search: a pfn, decimal or hex.
    public static func search(_ text: String, config: DomainConfig) -> Outcome {
        let trimmed = text.trimmingSpaces()
        var parser = ScenarioParser(file: "search", config: config)
        let line = Array("find \(trimmed)".utf8)
        guard let parsed = try? line.withUnsafeBufferPointer({ (b) throws(Diagnostic) -> Command? in try parser.parse(line: b, number: 1) }),
              case .find(let pfn) = parsed else {
            return .message("not a pfn: '\(trimmed)' (decimal or 0x hex)", isError: true)
        }
        return .action(.find(pfn, text: trimmed))
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
