#if canImport(Glibc)
import Glibc
#endif

/// Runs this program again as a child process, for the figures that need a fresh process:
/// start-up time and workload R's RSS (the reference reads RSS in a fresh process too).
enum ChildProcess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// This executable, from `/proc/self/exe`.
    static func ownPath() throws -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { readlink("/proc/self/exe", $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count - 1) }
        guard n > 0 else { throw Failure(description: "cannot find this program's path (/proc/self/exe)") }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }

    /// Spawns this program with `arguments` and returns its standard output and CLOCK_MONOTONIC
    /// just before the spawn. Throws unless the child exits with status 0.
    static func run(_ arguments: [String]) throws -> (output: String, spawnedAt: UInt64) {
        let path = try ownPath()
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Failure(description: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawnedAt = monotonicNanoseconds()
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        close(fds[1])
        guard rc == 0 else {
            close(fds[0])
            throw Failure(description: "cannot start \(path): error \(rc)")
        }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            output += chunk[0..<n]
        }
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED && WEXITSTATUS == 0 (the macros are not visible to Swift).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw Failure(description: "\(path) \(arguments.joined(separator: " ")) failed (wait status \(status))")
        }
        return (String(decoding: output, as: UTF8.self), spawnedAt)
    }

    /// The child's output as whitespace-separated numbers.
    static func numbers(_ output: String) -> [Double] {
        output.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Double($0) }
    }
}
