import IOVACore

/// A byte buffer with the few formatting primitives replay needs, flushed to a sink in large
/// blocks (no per-line String building on the hot path).
struct OutputBuffer {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 17) }

    mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    mutating func appendDecimal(_ v: UInt64) {
        var digits = 1
        var rest = v / 10
        while rest > 0 { digits += 1; rest /= 10 }
        let end = bytes.count + digits
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var value = v
        for i in stride(from: end - 1, through: end - digits, by: -1) {
            bytes[i] = UInt8(value % 10) + 48
            value /= 10
        }
    }

    mutating func appendDecimal(_ v: Int) { appendDecimal(UInt64(v)) }

    /// `0x` + lowercase hex.
    mutating func appendHex0x(_ v: UInt64) {
        append("0x")
        appendHex(v, to: &bytes)
    }

    mutating func pad(to column: Int, from lineStart: Int) {
        let used = bytes.count - lineStart
        if used < column { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: column - used)) }
        else { bytes.append(UInt8(ascii: " ")) }
    }

    mutating func flushIfLarge<S: ByteSink>(to sink: inout S) throws {
        if bytes.count >= 1 << 16 { try flush(to: &sink) }
    }

    mutating func flush<S: ByteSink>(to sink: inout S) throws {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBufferPointer { try sink.write($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: JSON fragments shared by replay and compare

    /// `[lo,hi]`, or `null`.
    mutating func appendJSONRange(_ r: PFNRange?) {
        guard let r else { append("null"); return }
        append("[")
        appendDecimal(r.lo)
        append(",")
        appendDecimal(r.hi)
        append("]")
    }

    /// `,"lo":N,"hi":N,"visits":N` (`null` bounds for a failure).
    mutating func appendJSONAllocOutcome(_ outcome: AllocOutcome) {
        if let r = outcome.range {
            append(",\"lo\":")
            appendDecimal(r.lo)
            append(",\"hi\":")
            appendDecimal(r.hi)
        } else {
            append(",\"lo\":null,\"hi\":null")
        }
        append(",\"visits\":")
        appendDecimal(outcome.visits)
    }
}
