#if canImport(Glibc)
import Glibc
#endif

/// File access for tests without Foundation: the repository's files (fixtures, samples,
/// snapshots, traces) are found relative to this source file.
public enum FileIO {
    /// The repository's root directory.
    public static let repositoryRoot: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)     // Tests/TestSupport/FileIO.swift
        return parts.joined(separator: "/")
    }()

    /// The whole content of a file, or nil when it cannot be read.
    public static func read(_ path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Replaces a file's content.
    public static func write(_ text: String, to path: String) {
        guard let f = fopen(path, "wb") else { return }
        _ = Array(text.utf8).withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
    }

    /// Writes `bytes` to a fresh file in /tmp named `PREFIX-XXXXXX` (mkstemp) and returns its
    /// path; nil when it cannot be created or written.
    public static func temporary(_ bytes: [UInt8], prefix: String = "iovascope-test") -> String? {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)   // without its NUL
        guard bytes.withUnsafeBytes({ Glibc.write(fd, $0.baseAddress, $0.count) }) == bytes.count else {   // not `FileIO.write`
            unlink(path)
            return nil
        }
        return path
    }

    /// Deletes a file; false when it could not be removed.
    @discardableResult
    public static func remove(_ path: String) -> Bool { unlink(path) == 0 }

    /// Entry names of a directory.
    public static func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Whether an environment variable is set (for RECORD_* switches).
    public static func environment(_ name: String) -> Bool { getenv(name) != nil }
}
