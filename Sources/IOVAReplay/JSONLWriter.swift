import IOVACore

/// Writes replay records as JSON Lines exactly as docs/replay-format.md specifies: keys in the documented
/// order, integers as full 64-bit decimal numbers, `null` for absent ranges.
struct JSONLWriter {
    var options: ReplayOptions

    func write(_ record: ReplayRecord, policy: any InspectablePolicy, into out: inout OutputBuffer) {
        out.append("{\"line\":")
        out.appendDecimal(record.line)
        switch record.result {
        case .domain(let config):
            out.append(",\"op\":\"domain\",\"start\":")
            out.appendDecimal(config.startPFN)
            out.append(",\"granule\":")
            out.appendDecimal(config.granule)
            out.append("}\n")
            return    // the domain line carries no state
        case let .alloc(size, limit, aligned, outcome):
            out.appendJSONAllocRequest(size: size, limit: limit, aligned: aligned)
            out.appendJSONAllocOutcome(outcome)
        case let .allocFallback(size, limit, fallback, aligned, _, second):
            out.appendJSONAllocRequest(size: size, limit: limit, fallback: fallback, aligned: aligned)
            out.appendJSONAllocOutcome(record.result.allocation!)
            out.append(second == nil ? ",\"fell_back\":false" : ",\"fell_back\":true")
        case let .free(pfn, found):
            out.append(",\"op\":\"free\",\"pfn\":")
            out.appendDecimal(pfn)
            out.append(found ? ",\"found\":true" : ",\"found\":false")
        case let .freeAllocation(line, pfn, found):
            out.append(",\"op\":\"free\",\"ref\":")
            out.appendDecimal(line)
            out.append(",\"pfn\":")
            if let pfn { out.appendDecimal(pfn) } else { out.append("null") }
            out.append(found ? ",\"found\":true" : ",\"found\":false")
        case let .reserve(lo, hi, node):
            out.append(",\"op\":\"reserve\",\"lo\":")
            out.appendDecimal(lo)
            out.append(",\"hi\":")
            out.appendDecimal(hi)
            out.append(",\"node\":")
            out.appendJSONRange(node)
        case let .find(pfn, node):
            out.append(",\"op\":\"find\",\"pfn\":")
            out.appendDecimal(pfn)
            out.append(",\"node\":")
            out.appendJSONRange(node)
        case .allocFast, .freeFast, .flushRCache, .tick, .device, .map, .unmap:
            out.appendJSON(record.result.fastRecord!)
        }
        if options.includeState {
            out.append(",\"max32\":")
            out.appendDecimal(policy.max32AllocSize)
            if let cached = policy.cachedRanges {
                out.append(",\"cached\":")
                out.appendJSONRange(cached.cached)
                out.append(",\"cached32\":")
                out.appendJSONRange(cached.cached32)
            }
            if let counts = record.rcache { out.appendJSONRCache(counts) }
        }
        if options.includeTree {
            var tree: [UInt8] = []
            if policy.appendTree(to: &tree) {    // policies without an rb-tree omit the key
                out.append(",\"tree\":\"")
                out.append(tree)
                out.append("\"")
            }
        }
        out.append("}\n")
    }
}
