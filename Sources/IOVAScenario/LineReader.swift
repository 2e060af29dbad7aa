#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream into lines without holding more than one line and one chunk in
/// memory, so a scenario of any size streams. Lines are passed without their `\n`; a UTF-8 byte
/// order mark at the very start is skipped.
struct LineReader {
    private var pending: [UInt8] = []
    private var lineNumber = 0
    private var atStart = true

    /// Feeds a chunk; calls `body` for each complete line.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        var chunk = chunk
        if atStart {
            // The BOM may straddle chunk boundaries only in pathological reads; collect 3 bytes.
            if pending.count + chunk.count < 3 && !chunk.isEmpty {
                pending.append(contentsOf: chunk)
                return
            }
            atStart = false
            if !pending.isEmpty {
                // A short first read: join it with this chunk, then look for the BOM.
                var head = pending + Array(chunk)
                pending = []
                if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
                try head.withUnsafeBufferPointer { try feed($0, body) }
                return
            } else if chunk.count >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF {
                chunk = UnsafeBufferPointer(rebasing: chunk[3...])
            }
        }
        var lineStart = 0
        while let nl = Self.newline(in: chunk, from: lineStart) {
            lineNumber += 1
            if pending.isEmpty {
                try body(UnsafeBufferPointer(rebasing: chunk[lineStart ..< nl]), lineNumber)
            } else {
                pending.append(contentsOf: chunk[lineStart ..< nl])
                try pending.withUnsafeBufferPointer { try body($0, lineNumber) }
                pending.removeAll(keepingCapacity: true)
            }
            lineStart = nl + 1
        }
        pending.append(contentsOf: chunk[lineStart...])
    }

    /// The index of the first `\n` at or after `start`: libc's vectorised `memchr`, within
    /// the buffer's bounds.
    private static func newline(in chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = chunk.baseAddress, start < chunk.count,
              let hit = memchr(base + start, Int32(UInt8(ascii: "\n")), chunk.count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Ends the stream: a last line without `\n` is still a line.
    mutating func finish(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        if atStart && !pending.isEmpty {
            atStart = false
            let head = pending
            pending = []
            if head.starts(with: [0xEF, 0xBB, 0xBF]) {
                pending = Array(head.dropFirst(3))
            } else {
                pending = head
            }
        }
        guard !pending.isEmpty else { return }
        lineNumber += 1
        try pending.withUnsafeBufferPointer { try body($0, lineNumber) }
        pending = []
    }

    /// Reads the file at `path` in chunks and calls `body` for every line.
    static func forEachLine(path: String, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        var reader = LineReader()
        try forEachChunk(path: path) { try reader.feed($0, body) }
        try reader.finish(body)
    }

    /// Reads the file at `path` in chunks of 64 KiB and calls `body` for each; throws
    /// `.unreadable` when it cannot be opened or read.
    static func forEachChunk(path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ScenarioError.unreadable(path: path, reason: systemError()) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ScenarioError.unreadable(path: path, reason: systemError())
            }
            if n == 0 { break }
            try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<n])) }
        }
    }

    /// Calls `body` for every line of in-memory text.
    static func forEachLine(bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        var reader = LineReader()
        try bytes.withUnsafeBufferPointer { try reader.feed($0, body) }
        try reader.finish(body)
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}
