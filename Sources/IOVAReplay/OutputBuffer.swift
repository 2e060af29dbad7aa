import IOVACore

/// A byte buffer with the few formatting primitives replay needs, flushed to a sink in large
/// blocks (no per-line String building on the hot path).
struct OutputBuffer: ~Copyable {
    private var storage = ByteBuffer(capacity: 2 * OutputBuffer.flushSize)

    /// Blocks of this size go to the sink: few `write(2)` calls, and the buffer stays in cache.
    static let flushSize = 1 << 16

    init() {}

    /// Bytes not yet flushed (columns are measured against it).
    var count: Int { storage.count }

    mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { storage.append($0) }
    }

    /// Disfavoured so that a plain literal takes the `StaticString` path above (a copy of its
    /// bytes) rather than becoming a `String` first; interpolations and variables still land here.
    @_disfavoredOverload
    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { storage.append($0) }
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { storage.append($0) }
    }

    mutating func append(byte: UInt8) { storage.append(byte) }

    mutating func appendDecimal(_ v: UInt64) {
        // Digits come out last first: fill a scratch on the stack from its end (UInt64.max has
        // 20 digits), then copy them in one append.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
            var i = scratch.count
            var value = v
            repeat {
                i -= 1
                scratch[i] = UInt8(truncatingIfNeeded: value % 10) &+ UInt8(ascii: "0")
                value /= 10
            } while value > 0
            storage.append(UnsafeBufferPointer(rebasing: scratch[i...]))
        }
    }

    mutating func appendDecimal(_ v: Int) { appendDecimal(UInt64(v)) }

    /// `0x` + lowercase hex.
    mutating func appendHex0x(_ v: UInt64) {
        append("0x")
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { scratch in
            var i = scratch.count
            var value = v
            repeat {
                i -= 1
                let d = UInt8(truncatingIfNeeded: value & 0xf)
                scratch[i] = d < 10 ? d &+ UInt8(ascii: "0") : d &+ (UInt8(ascii: "a") - 10)
                value >>= 4
            } while value > 0
            storage.append(UnsafeBufferPointer(rebasing: scratch[i...]))
        }
    }

    mutating func pad(to column: Int, from lineStart: Int) {
        let used = count - lineStart
        storage.append(repeating: UInt8(ascii: " "), count: used < column ? column - used : 1)
    }

    mutating func flushIfLarge<S: ByteSink>(to sink: inout S) throws {
        if count >= Self.flushSize { try flush(to: &sink) }
    }

    mutating func flush<S: ByteSink>(to sink: inout S) throws {
        guard count > 0 else { return }
        try storage.withBytes { try sink.write($0) }
        storage.removeAll()
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
    /// The request fields of an `alloc` record: `,"op":"alloc","size":…,"limit":…`, then
    /// `,"fallback":…` for `alloc … fallback=`, then `,"aligned":…` (docs/replay-format.md field order).
    mutating func appendJSONAllocRequest(size: UInt64, limit: UInt64, fallback: UInt64? = nil, aligned: Bool) {
        append(",\"op\":\"alloc\",\"size\":")
        appendDecimal(size)
        append(",\"limit\":")
        appendDecimal(limit)
        if let fallback {
            append(",\"fallback\":")
            appendDecimal(fallback)
        }
        append(aligned ? ",\"aligned\":true" : ",\"aligned\":false")
    }

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
