import IOVACore
import IOVAScenario

extension WitnessScenario {
    /// The scenario as commands, the `domain` on line `firstLine` and item i on line
    /// `firstLine + 1 + i`; each `free @LINE` names its allocation's line.
    public func lines(firstLine: Int = 1) -> [ScenarioLine] {
        var lineOfID: [Int: Int] = [:]
        var lines = [ScenarioLine(line: firstLine, command: .domain(config))]
        lines.reserveCapacity(items.count + 1)
        for (i, item) in items.enumerated() {
            let number = firstLine + 1 + i
            lineOfID[item.id] = number
            let command: Command
            switch item.op {
            case let .alloc(size, limit, fallback?, aligned):
                command = .allocFallback(size: size, limit: limit, fallback: fallback, aligned: aligned)
            case let .alloc(size, limit, nil, aligned): command = .alloc(size: size, limit: limit, aligned: aligned)
            case .freeRef(let ref):
                guard let target = lineOfID[ref] else { preconditionFailure("free of item \(ref) before its alloc; close() the scenario first") }
                command = .freeAllocation(line: target)
            case .free(let pfn): command = .free(pfn: pfn)
            case let .reserve(lo, hi): command = .reserve(lo: lo, hi: hi)
            case .find(let pfn): command = .find(pfn: pfn)
            }
            lines.append(ScenarioLine(line: number, command: command))
        }
        return lines
    }

    /// The scenario's text, one command per element (the `domain` first), numbered as `lines`.
    public func text(firstLine: Int = 1) -> [String] {
        lines(firstLine: firstLine).map { Self.text(of: $0.command, config: config) }
    }

    /// One command in the scenario language: limits as `dmaN` where they are one.
    static func text(of command: Command, config: DomainConfig) -> String {
        switch command {
        case .domain(let c): return "domain start=\(c.startPFN) granule=\(c.granule)"
        case let .alloc(size, limit, aligned):
            return "alloc \(size)\(limitText(limit, config))\(aligned ? " aligned" : "")"
        case let .allocFallback(size, limit, fallback, aligned):
            return "alloc \(size)\(limitText(limit, config)) fallback=\(limitValue(fallback, config))\(aligned ? " aligned" : "")"
        case .freeAllocation(let line): return "free @\(line)"
        case .free(let pfn): return "free \(hex(pfn))"
        case let .reserve(lo, hi): return "reserve \(hex(lo)) \(hex(hi))"
        case .find(let pfn): return "find \(hex(pfn))"
        default: preconditionFailure("\(command) is not a witness command")
        }
    }

    /// ` limit=…`, or nothing for dma64 (the default).
    private static func limitText(_ limit: UInt64, _ config: DomainConfig) -> String {
        limit == config.maxPFN ? "" : " limit=" + limitValue(limit, config)
    }

    private static func limitValue(_ limit: UInt64, _ config: DomainConfig) -> String {
        for bits in 32...64 where config.dmaLimit(bits: bits) == limit { return "dma\(bits)" }
        return hex(limit)
    }
}

/// `0x…` in lowercase hex.
func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
