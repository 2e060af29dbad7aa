import IOVACore

/// The memory columns of the compare totals: what the kernel would spend on each policy's
/// state at the end of the scenario (`IOVAPolicy.memory`).
extension CompareWriter {
    /// `,"live":N,"struct_bytes":N,"object_bytes":N,"nodes":N,"node_bytes":N,"total_bytes":N`:
    /// integers only, like every jsonl figure (bytes per IOVA is `total_bytes / live`).
    func appendJSONMemory(_ m: MemoryFootprint, into out: inout OutputBuffer) {
        out.append(",\"live\":")
        out.appendDecimal(m.liveCount)
        out.append(",\"struct_bytes\":")
        out.appendDecimal(m.structBytes)
        out.append(",\"object_bytes\":")
        out.appendDecimal(m.objectBytes)
        out.append(",\"nodes\":")
        out.appendDecimal(m.nodeCount)
        out.append(",\"node_bytes\":")
        out.appendDecimal(m.nodeBytes)
        out.append(",\"total_bytes\":")
        out.appendDecimal(m.totalBytes)
    }

    /// A second table under the visits: live ranges, `sizeof(struct iova)` and its slab object,
    /// separate tree nodes ("-" where the node is inside the struct), total and per live IOVA.
    func writeMemoryText(_ comparison: Comparison, into out: inout OutputBuffer) {
        out.append("\nkernel memory     live   struct   object    nodes   total bytes   bytes/IOVA\n")
        for (i, name) in comparison.names.enumerated() {
            let m = comparison.memory[i]
            let start = out.count
            out.append(name.rawValue)
            out.pad(to: 14, from: start)
            appendRight(String(m.liveCount), width: 8, into: &out)
            appendRight(String(m.structBytes), width: 9, into: &out)
            appendRight(String(m.objectBytes), width: 9, into: &out)
            appendRight(m.nodeBytes == 0 ? "-" : String(m.nodeCount), width: 9, into: &out)
            appendRight(String(m.totalBytes), width: 14, into: &out)
            appendRight(m.bytesPerIOVA.map { FixedPoint.format($0, places: 1) } ?? "-", width: 13, into: &out)
            out.append("\n")
        }
    }
}
