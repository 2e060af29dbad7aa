import IOVACore
import IOVAScenario

/// The DMA path's records as ordered fields (docs/replay-format.md § The DMA path), written
/// once here and printed by every writer: replay's JSON Lines and text, and `compare`.
struct FastField {
    enum Value {
        case number(UInt64)
        case text(String)
        case flag(Bool)
        case null
    }
    let key: StaticString
    let value: Value

    init(_ key: StaticString, _ value: Value) {
        self.key = key
        self.value = value
    }
    init(_ key: StaticString, _ n: UInt64?) { self.init(key, n.map(Value.number) ?? .null) }
    init(_ key: StaticString, _ n: Int) { self.init(key, .number(UInt64(n))) }
}

extension ReplayResult {
    /// The whole record after `"line"`, in contract order; nil for the other commands.
    var fastRecord: [FastField]? {
        switch self {
        case let .allocFast(size, limit, cpu, flush, outcome, hi):
            return [FastField("op", .text("alloc_fast")), FastField("size", size), FastField("limit", limit), FastField("cpu", cpu),
                    FastField("flush", .flag(flush))] + Self.placement(outcome, hi: hi)
        case let .freeFast(ref, pfn, size, cpu, outcome):
            return [FastField("op", .text("free_fast"))] + (ref.map { [FastField("ref", $0)] } ?? [])
                + [FastField("pfn", pfn), FastField("size", size), FastField("cpu", cpu)] + Self.destination(outcome)
        case let .flushRCache(freed):
            return [FastField("op", .text("flush_rcache")), FastField("freed", freed)]
        case let .tick(freed):
            return [FastField("op", .text("tick")), FastField("freed", freed)]
        case let .device(name, mask, pci):
            return [FastField("op", .text("device")), FastField("device", .text(name)), FastField("mask", mask), FastField("pci", .flag(pci))]
        case let .map(device, size, cpu, outcome, hi, workaround):
            return [FastField("op", .text("map")), FastField("device", .text(device)), FastField("size", size), FastField("cpu", cpu),
                    FastField("limit", outcome.limit)] + Self.placement(outcome.allocation, hi: hi)
                + [FastField("workaround", .flag(workaround))]
        case let .unmap(ref, device, pfn, size, cpu, outcome):
            return [FastField("op", .text("unmap"))] + (ref.map { [FastField("ref", $0)] } ?? [])
                + [FastField("device", .text(device)), FastField("pfn", pfn), FastField("size", size), FastField("cpu", cpu)]
                + Self.destination(outcome)
        default:
            return nil
        }
    }

    /// What each policy answered, for `compare` (the request comes from the command).
    var fastAnswer: [FastField]? {
        switch self {
        case let .allocFast(_, _, _, _, outcome, hi): Self.placement(outcome, hi: hi)
        case let .freeFast(_, pfn, _, _, outcome), let .unmap(_, _, pfn, _, _, outcome): [FastField("pfn", pfn)] + Self.destination(outcome)
        case let .flushRCache(freed), let .tick(freed): [FastField("freed", freed)]
        case .device: []
        case let .map(_, _, _, outcome, hi, workaround):
            [FastField("limit", outcome.limit)] + Self.placement(outcome.allocation, hi: hi) + [FastField("workaround", .flag(workaround))]
        default: nil
        }
    }

    private static func placement(_ o: FastAllocOutcome, hi: UInt64?) -> [FastField] {
        let from: FastField.Value = switch o.source {
        case .rcache: .text("rcache")
        case .tree: .text("tree")
        case .flush: .text("flush")
        case nil: .null
        }
        return [FastField("lo", o.pfn), FastField("hi", o.pfn == nil ? nil : hi), FastField("from", from), FastField("visits", o.visits)]
    }

    private static func destination(_ o: FastFreeOutcome?) -> [FastField] {
        switch o {
        case nil: [FastField("to", .null)]
        case .rcache: [FastField("to", .text("rcache"))]
        case .tree(let found): [FastField("to", .text("tree")), FastField("found", .flag(found))]
        }
    }
}

extension Command {
    /// A DMA-path command's request fields, for `compare`; nil for the other commands.
    var fastRequest: [FastField]? {
        switch self {
        case let .allocFast(size, limit, cpu, flush):
            [FastField("op", .text("alloc_fast")), FastField("size", size), FastField("limit", limit), FastField("cpu", cpu),
             FastField("flush", .flag(flush))]
        case let .freeFast(pfn, size, cpu):
            [FastField("op", .text("free_fast")), FastField("pfn", pfn), FastField("size", size), FastField("cpu", cpu)]
        case let .freeFastAllocation(line, cpu):
            [FastField("op", .text("free_fast")), FastField("ref", line), FastField("cpu", cpu)]
        case .flushRCache: [FastField("op", .text("flush_rcache"))]
        case .tick: [FastField("op", .text("tick"))]
        case let .device(name, mask, pci):
            [FastField("op", .text("device")), FastField("device", .text(name)), FastField("mask", mask), FastField("pci", .flag(pci))]
        case let .map(device, size, cpu):
            [FastField("op", .text("map")), FastField("device", .text(device)), FastField("size", size), FastField("cpu", cpu)]
        case let .unmap(device, pfn, size, cpu):
            [FastField("op", .text("unmap")), FastField("device", .text(device)), FastField("pfn", pfn), FastField("size", size),
             FastField("cpu", cpu)]
        case let .unmapAllocation(line, cpu):
            [FastField("op", .text("unmap")), FastField("ref", line), FastField("cpu", cpu)]
        default: nil
        }
    }
}

extension OutputBuffer {
    /// `,"key":value` for each field.
    mutating func appendJSON(_ fields: [FastField]) {
        for f in fields {
            append(",\"")
            append(f.key)
            append("\":")
            switch f.value {
            case .number(let n): appendDecimal(n)
            case .text(let t): append("\""); append(t); append("\"")
            case .flag(let b): append(b ? "true" : "false")
            case .null: append("null")
            }
        }
    }

    /// `key=value` pairs for people: numbers above 9 in hex, absent values as `-`.
    mutating func appendText(_ fields: [FastField], skipping skipped: Set<String> = ["op"]) {
        var first = true
        for f in fields where !skipped.contains(f.key.description) {
            if !first { append(" ") }
            first = false
            append(f.key)
            append("=")
            switch f.value {
            case .number(let n): if n < 10 { appendDecimal(n) } else { appendHex0x(n) }
            case .text(let t): append(t)
            case .flag(let b): append(b ? "yes" : "no")
            case .null: append("-")
            }
        }
    }

    /// `,"rcache":[[D,L0,P0,…],…]`.
    mutating func appendJSONRCache(_ counts: [[Int]]) {
        append(",\"rcache\":[")
        for (k, row) in counts.enumerated() {
            if k > 0 { append(",") }
            append("[")
            for (i, n) in row.enumerated() {
                if i > 0 { append(",") }
                appendDecimal(n)
            }
            append("]")
        }
        append("]")
    }
}
