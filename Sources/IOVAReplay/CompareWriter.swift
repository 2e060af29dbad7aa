import IOVACore
import IOVAScenario

/// Prints a `Comparison` row by row, then its totals: aligned columns for people, or one JSON
/// object per command and a final `totals` object for tools.
struct CompareWriter {
    var format: ReplayOptions.Format
    /// Print only the commands whose answers differ between policies (totals still count all).
    var onlyDifferences: Bool

    private static let cellWidth = 24
    private static let requestColumn = 16
    private static let firstCellColumn = 46

    func writeHeader(names: [PolicyName], into out: inout OutputBuffer) {
        guard format == .text else { return }
        let start = out.count
        out.append(" line   op       request")
        for (i, name) in names.enumerated() {
            out.pad(to: Self.firstCellColumn + i * Self.cellWidth, from: start)
            out.append(name.rawValue)
        }
        out.append("\n")
    }

    func write(_ row: Comparison.Row, names: [PolicyName], config: DomainConfig, into out: inout OutputBuffer) {
        if onlyDifferences && !row.differs { return }
        switch format {
        case .jsonl: writeJSON(row, names: names, into: &out)
        case .text: writeText(row, config: config, into: &out)
        }
    }

    private func writeText(_ row: Comparison.Row, config: DomainConfig, into out: inout OutputBuffer) {
        let start = out.count
        var lineText = String(row.line)
        if lineText.count < 5 { lineText = String(repeating: " ", count: 5 - lineText.count) + lineText }
        out.append(lineText)
        out.append(row.differs ? " * " : "   ")
        switch row.command {
        case let .alloc(size, limit, aligned):
            out.append("alloc    ")
            out.appendDecimal(size)
            out.append(" limit=")
            out.append(TextWriter.limitName(limit, config: config))
            if aligned { out.append(" aligned") }
        case let .allocFallback(size, limit, fallback, aligned):
            out.append("alloc    ")
            out.appendDecimal(size)
            out.append(" limit=")
            out.append(TextWriter.limitName(limit, config: config))
            out.append(" fb=")
            out.append(TextWriter.limitName(fallback, config: config))
            if aligned { out.append(" aligned") }
        case let .free(pfn):
            out.append("free     ")
            out.appendHex0x(pfn)
        case let .freeAllocation(line):
            out.append("free     @")
            out.appendDecimal(line)
        case let .reserve(lo, hi):
            out.append("reserve  ")
            out.appendHex0x(lo)
            out.append("..")
            out.appendHex0x(hi)
        case let .find(pfn):
            out.append("find     ")
            out.appendHex0x(pfn)
        case .domain:
            break
        default:
            let fields = row.command.fastRequest!
            if case .text(let op) = fields[0].value { out.append(op + " ") }
            out.appendText(fields)
        }
        for (i, result) in row.results.enumerated() {
            out.pad(to: Self.firstCellColumn + i * Self.cellWidth, from: start)
            switch result {
            case .alloc, .allocFallback:
                let outcome = result.allocation!
                if let r = outcome.range { out.appendHex0x(r.lo) } else { out.append("failed") }
                out.append(" (")
                out.appendDecimal(outcome.visits)
                out.append(")")
                if case .allocFallback(_, _, _, _, _, _?) = result { out.append(" fb") }
            case let .free(_, found):
                out.append(found ? "freed" : "not found")
            case let .freeAllocation(_, pfn, found):
                if let pfn { out.appendHex0x(pfn) }
                out.append(found ? " freed" : pfn == nil ? "nothing" : " not found")
            case let .reserve(_, _, node), let .find(_, node):
                if let node {
                    out.appendHex0x(node.lo)
                    out.append("..")
                    out.appendHex0x(node.hi)
                } else {
                    out.append("null")
                }
            case .domain:
                break
            case .allocFast, .map:
                let outcome = result.allocation!
                if let r = outcome.range { out.appendHex0x(r.lo) } else { out.append("failed") }
                out.append(" (")
                out.appendDecimal(outcome.visits)
                out.append(")")
            case .freeFast, .flushRCache, .tick, .device, .unmap:
                out.appendText(result.fastAnswer!)
            }
        }
        out.append("\n")
    }

    private func writeJSON(_ row: Comparison.Row, names: [PolicyName], into out: inout OutputBuffer) {
        out.append("{\"line\":")
        out.appendDecimal(row.line)
        switch row.command {
        case let .alloc(size, limit, aligned):
            out.appendJSONAllocRequest(size: size, limit: limit, aligned: aligned)
        case let .allocFallback(size, limit, fallback, aligned):
            out.appendJSONAllocRequest(size: size, limit: limit, fallback: fallback, aligned: aligned)
        case let .free(pfn):
            out.append(",\"op\":\"free\",\"pfn\":")
            out.appendDecimal(pfn)
        case let .freeAllocation(line):
            out.append(",\"op\":\"free\",\"ref\":")
            out.appendDecimal(line)
        case let .reserve(lo, hi):
            out.append(",\"op\":\"reserve\",\"lo\":")
            out.appendDecimal(lo)
            out.append(",\"hi\":")
            out.appendDecimal(hi)
        case let .find(pfn):
            out.append(",\"op\":\"find\",\"pfn\":")
            out.appendDecimal(pfn)
        case .domain:
            break
        default:
            out.appendJSON(row.command.fastRequest!)
        }
        out.append(",\"results\":[")
        for (i, result) in row.results.enumerated() {
            if i > 0 { out.append(",") }
            out.append("{\"policy\":\"")
            out.append(names[i].rawValue)
            out.append("\"")
            switch result {
            case .alloc:
                out.appendJSONAllocOutcome(result.allocation!)
            case let .allocFallback(_, _, _, _, _, second):
                out.appendJSONAllocOutcome(result.allocation!)
                out.append(second == nil ? ",\"fell_back\":false" : ",\"fell_back\":true")
            case let .free(_, found):
                out.append(found ? ",\"found\":true" : ",\"found\":false")
            case let .freeAllocation(_, pfn, found):
                out.append(",\"pfn\":")
                if let pfn { out.appendDecimal(pfn) } else { out.append("null") }
                out.append(found ? ",\"found\":true" : ",\"found\":false")
            case let .reserve(_, _, node), let .find(_, node):
                out.append(",\"node\":")
                out.appendJSONRange(node)
            case .domain:
                break
            case .allocFast, .freeFast, .flushRCache, .tick, .device, .map, .unmap:
                out.appendJSON(result.fastAnswer!)
            }
            out.append("}")
        }
        out.append(row.differs ? "],\"differs\":true}\n" : "],\"differs\":false}\n")
    }

    func writeTotals(_ comparison: Comparison, into out: inout OutputBuffer) {
        switch format {
        case .jsonl:
            out.append("{\"op\":\"totals\",\"differing\":")
            out.appendDecimal(comparison.differingRows)
            out.append(",\"policies\":[")
            for (i, name) in comparison.names.enumerated() {
                let t = comparison.totals[i]
                if i > 0 { out.append(",") }
                out.append("{\"policy\":\"")
                out.append(name.rawValue)
                out.append("\",\"allocs\":")
                out.appendDecimal(t.allocs)
                out.append(",\"failures\":")
                out.appendDecimal(t.failures)
                out.append(",\"visits_sum\":")
                out.appendDecimal(t.visits.total)
                out.append(",\"visits_max\":")
                out.appendDecimal(t.visits.max)
                out.append(",\"visits_max_line\":")
                out.appendDecimal(t.visits.maxLine)
                appendJSONMemory(comparison.memory[i], into: &out)
                out.append("}")
            }
            out.append("]}\n")
        case .text:
            out.append("\npolicy          allocs   failed   visits sum   visits mean   visits max (line)\n")
            for (i, name) in comparison.names.enumerated() {
                let t = comparison.totals[i]
                let start = out.count
                out.append(name.rawValue)
                out.pad(to: 14, from: start)
                appendRight(String(t.allocs), width: 8, into: &out)
                appendRight(String(t.failures), width: 9, into: &out)
                appendRight(String(t.visits.total), width: 13, into: &out)
                let mean = t.allocs == 0 ? 0 : Double(t.visits.total) / Double(t.allocs)
                appendRight(FixedPoint.format(mean, places: 1), width: 14, into: &out)
                appendRight(String(t.visits.max), width: 13, into: &out)
                if t.visits.max > 0 { out.append(" (line \(t.visits.maxLine))") }
                out.append("\n")
            }
            writeMemoryText(comparison, into: &out)
            out.append("\(comparison.differingRows) command\(comparison.differingRows == 1 ? "" : "s") answered differently (marked *)\n")
        }
    }

    func appendRight(_ s: String, width: Int, into out: inout OutputBuffer) {
        if s.count < width { out.append(String(repeating: " ", count: width - s.count)) }
        out.append(s)
    }
}

extension Comparison {
    /// `iovascope compare`: checks the file, then streams it through every policy.
    public static func run<S: ByteSink>(path: String, policies: [PolicyName], format: ReplayOptions.Format,
                                        onlyDifferences: Bool, to sink: inout S) throws {
        let facts = try Scenario.check(path: path)
        try stream(policies: policies, facts: facts, format: format, onlyDifferences: onlyDifferences, to: &sink) { body in
            try Scenario.forEachCommand(path: path, body)
        }
    }

    /// Compares commands already in memory (tests).
    public static func run<S: ByteSink>(lines: [ScenarioLine], policies: [PolicyName], format: ReplayOptions.Format,
                                        onlyDifferences: Bool, to sink: inout S) throws {
        try stream(policies: policies, facts: ScenarioFacts(for: lines), format: format,
                   onlyDifferences: onlyDifferences, to: &sink) { body in
            for line in lines { try body(line) }
        }
    }

    private static func stream<S: ByteSink>(
        policies: [PolicyName], facts: ScenarioFacts, format: ReplayOptions.Format, onlyDifferences: Bool, to sink: inout S,
        commands: ((ScenarioLine) throws -> Void) throws -> Void
    ) throws {
        var comparison = Comparison(policies: policies, facts: facts)
        let writer = CompareWriter(format: format, onlyDifferences: onlyDifferences)
        var out = OutputBuffer()
        writer.writeHeader(names: policies, into: &out)
        try commands { line in
            if let row = comparison.apply(line) {
                writer.write(row, names: policies, config: comparison.config, into: &out)
                try out.flushIfLarge(to: &sink)
            }
        }
        writer.writeTotals(comparison, into: &out)
        try out.flush(to: &sink)
    }
}
