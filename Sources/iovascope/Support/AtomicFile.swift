#if canImport(Glibc)
import Glibc
#endif

/// Writes files all-or-nothing: a temporary file beside the target, then rename(2), so a
/// reader never sees half a recording and a failure leaves the old file as it was.
enum AtomicFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `body`, in which the command writes its files; a write that fails is said on
    /// stderr and ends the command with exit 74 (`ExitStatus.ioError`).
    static func reportingFailure<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let failure as Failure {
            printError("iovascope: \(failure)")
            throw ExitStatus.ioError
        }
    }

    /// `overwriteHint` tells the user how to overwrite when the file exists.
    static func write(_ path: String, _ text: String, overwrite: Bool, overwriteHint: String = "--force") throws {
        if !overwrite && access(path, F_OK) == 0 {
            throw Failure(description: "\(path) exists (\(overwriteHint) to overwrite)")
        }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot create \(temporary): \(String(cString: strerror(errno)))") }
        var bytes = Array(text.utf8)
        var offset = 0
        var failure: String?
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                break
            }
            offset += n
        }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil && rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw Failure(description: "cannot write \(path): \(failure)")
        }
    }
}
