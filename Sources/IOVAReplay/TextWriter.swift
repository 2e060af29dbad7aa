import IOVACore

/// Writes replay records for people: one aligned row per command, pfns in hex, limits named
/// `dmaN` when they are a DMA mask's limit, and a summary at the end.
struct TextWriter {
    var options: ReplayOptions
    var summary = ReplaySummary()

    private static let opColumn = 7
    private static let requestColumn = 16
    private static let resultColumn = 48
    private static let visitsColumn = 86

    mutating func writeHeader(policy: PolicyName, into out: inout OutputBuffer) {
        out.append("policy ")
        out.append(policy.rawValue)
        out.append("\n")
        out.append(" line  op       request                         result                                visits\n")
    }

    mutating func write(_ record: ReplayRecord, policy: any InspectablePolicy, into out: inout OutputBuffer) {
        let start = out.count
        var lineText = String(record.line)
        if lineText.count < 5 { lineText = String(repeating: " ", count: 5 - lineText.count) + lineText }
        out.append(lineText)
        out.pad(to: Self.opColumn, from: start)
        let config = policy.config
        switch record.result {
        case .domain(let c):
            out.append("domain   start=")
            out.appendHex0x(c.startPFN)
            out.append(" granule=")
            out.appendDecimal(c.granule)
            out.append(" (shift ")
            out.appendDecimal(UInt64(c.shift))
            out.append(", dma_32bit_pfn ")
            out.appendHex0x(c.dma32PFN)
            out.append(", dma64 ")
            out.appendHex0x(c.maxPFN)
            out.append(record.line == 0 ? ", defaults)\n" : ")\n")
            return
        case let .alloc(size, limit, aligned, outcome):
            summary.noteAlloc(line: record.line, outcome: outcome)
            out.append("alloc")
            out.pad(to: Self.requestColumn, from: start)
            out.appendDecimal(size)
            out.append(" limit=")
            out.append(Self.limitName(limit, config: config))
            if aligned { out.append(" aligned") }
            out.pad(to: Self.resultColumn, from: start)
            if let r = outcome.range { appendRange(r, into: &out) } else { out.append("failed") }
            out.pad(to: Self.visitsColumn, from: start)
            out.appendDecimal(outcome.visits)
        case let .allocFallback(size, limit, fallback, aligned, _, second):
            let outcome = record.result.allocation!
            summary.noteAlloc(line: record.line, outcome: outcome)
            out.append("alloc")
            out.pad(to: Self.requestColumn, from: start)
            out.appendDecimal(size)
            out.append(" limit=")
            out.append(Self.limitName(limit, config: config))
            out.append(" fallback=")
            out.append(Self.limitName(fallback, config: config))
            if aligned { out.append(" aligned") }
            out.append(" ")
            if let r = outcome.range { appendRange(r, into: &out) } else { out.append("failed") }
            if second != nil { out.append(" (fell back)") }
            out.pad(to: Self.visitsColumn, from: start)
            out.appendDecimal(outcome.visits)
        case let .free(pfn, found):
            summary.frees += 1
            if !found { summary.freesNotFound += 1 }
            out.append("free")
            out.pad(to: Self.requestColumn, from: start)
            out.appendHex0x(pfn)
            out.pad(to: Self.resultColumn, from: start)
            out.append(found ? "freed" : "not found")
        case let .freeAllocation(line, pfn, found):
            summary.frees += 1
            if !found { summary.freesNotFound += 1 }
            out.append("free")
            out.pad(to: Self.requestColumn, from: start)
            out.append("@")
            out.appendDecimal(line)
            if let pfn {
                out.append(" = ")
                out.appendHex0x(pfn)
            }
            out.pad(to: Self.resultColumn, from: start)
            out.append(found ? "freed" : pfn == nil ? "nothing (no live allocation)" : "not found")
        case let .reserve(lo, hi, node):
            summary.reserves += 1
            out.append("reserve")
            out.pad(to: Self.requestColumn, from: start)
            appendRange(PFNRange(lo: lo, hi: hi), into: &out)
            out.pad(to: Self.resultColumn, from: start)
            if let node { out.append("node "); appendRange(node, into: &out) } else { out.append("null (beyond the domain)") }
        case let .find(pfn, node):
            summary.finds += 1
            out.append("find")
            out.pad(to: Self.requestColumn, from: start)
            out.appendHex0x(pfn)
            out.pad(to: Self.resultColumn, from: start)
            if let node { appendRange(node, into: &out) } else { out.append("not found") }
        case .allocFast, .freeFast, .flushRCache, .tick, .device, .map, .unmap:
            if let outcome = record.result.allocation { summary.noteAlloc(line: record.line, outcome: outcome) }
            let fields = record.result.fastRecord!
            if case .text(let op) = fields[0].value { out.append(op) }
            out.pad(to: Self.requestColumn, from: start)
            out.appendText(fields)
        }
        if options.includeState {
            out.append("\n")
            out.append("         max32=")
            out.appendHex0x(policy.max32AllocSize)
            if let cached = policy.cachedRanges {
                out.append(" cached=")
                appendRange(cached.cached, into: &out)
                out.append(" cached32=")
                appendRange(cached.cached32, into: &out)
            }
            if let counts = record.rcache {
                out.append(" rcache=")
                out.append(counts.map { $0.map(String.init).joined(separator: ",") }.joined(separator: " "))
            }
        }
        if options.includeTree {
            var tree: [UInt8] = []
            if policy.appendTree(to: &tree) {
                out.append("\n         tree ")
                out.append(tree)
            }
        }
        out.append("\n")
    }

    func writeSummary(policy: (any InspectablePolicy)?, into out: inout OutputBuffer) {
        out.append("\n")
        out.append(summary.describe(liveRanges: policy?.liveCount ?? 0, bytesPerIOVA: policy?.memory.bytesPerIOVA))
        out.append("\n")
    }

    private func appendRange(_ r: PFNRange, into out: inout OutputBuffer) {
        if r.lo == DomainConfig.anchorPFN && r.hi == DomainConfig.anchorPFN {
            out.append("anchor")
            return
        }
        out.append("[")
        out.appendHex0x(r.lo)
        out.append("..")
        out.appendHex0x(r.hi)
        out.append("]")
    }

    /// `dmaN` when the limit is exactly an N-bit mask's highest pfn, else hex.
    static func limitName(_ limit: UInt64, config: DomainConfig) -> String {
        for bits in 32...64 where config.dmaLimit(bits: bits) == limit { return "dma\(bits)" }
        return "0x" + String(limit, radix: 16)
    }
}

/// Totals for the end of a text replay.
struct ReplaySummary {
    var allocs = 0
    var allocFailures = 0
    var visitsTotal = 0
    var visitsMax = 0
    var visitsMaxLine = 0
    var frees = 0
    var freesNotFound = 0
    var reserves = 0
    var finds = 0

    mutating func noteAlloc(line: Int, outcome: AllocOutcome) {
        allocs += 1
        if outcome.range == nil { allocFailures += 1 }
        visitsTotal += outcome.visits
        if outcome.visits > visitsMax {
            visitsMax = outcome.visits
            visitsMaxLine = line
        }
    }

    /// `bytesPerIOVA`: the kernel's memory per live range (`IOVAPolicy.memory`), nil without one.
    func describe(liveRanges: Int, bytesPerIOVA: Double?) -> String {
        var parts = ["\(allocs) alloc\(allocs == 1 ? "" : "s") (\(allocFailures) failed"]
        if allocs > 0 {
            parts[0] += ", visits \(visitsTotal) total, max \(visitsMax) at line \(visitsMaxLine))"
        } else {
            parts[0] += ")"
        }
        parts.append("\(frees) free\(frees == 1 ? "" : "s") (\(freesNotFound) not found)")
        parts.append("\(reserves) reserve\(reserves == 1 ? "" : "s")")
        parts.append("\(finds) find\(finds == 1 ? "" : "s")")
        var text = parts.joined(separator: ", ") + "; \(liveRanges) live range\(liveRanges == 1 ? "" : "s")"
        if let bytesPerIOVA { text += ", \(FixedPoint.format(bytesPerIOVA, places: 1)) kernel bytes per live IOVA" }
        return text
    }
}
