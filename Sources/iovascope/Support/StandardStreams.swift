#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IOVAReplay

/// Standard output as a `ByteSink`: unbuffered `write(2)` calls on large blocks.
struct StandardOutput: ByteSink {
    /// The reader went away (`| head`): stop quietly.
    struct BrokenPipe: Error {}
    /// Writing failed for another reason (full disk, I/O error).
    struct WriteFailed: Error { var reason: String }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(1, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw BrokenPipe() }
                throw WriteFailed(reason: String(cString: strerror(errno)))
            }
            offset += n
        }
    }
}

/// Writes a message line to standard error.
func printError(_ message: String) {
    var text = message
    if !text.hasSuffix("\n") { text += "\n" }
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }    // nowhere left to report to
        offset += n
    }
}
