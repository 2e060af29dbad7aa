#if canImport(Glibc)
import Glibc
#endif

/// This program's own resident memory, from `/proc/self/status` (Linux). It measures the Swift
/// model's arrays, not what the kernel would spend (that is `IOVAPolicy.memory`).
enum ProcessMemory {
    /// `VmRSS` and `VmHWM` (peak RSS) in bytes; nil where `/proc` is unavailable.
    static func status() -> (rss: Int, peak: Int)? {
        guard let text = readProcFile("/proc/self/status") else { return nil }
        var rss: Int?
        var peak: Int?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("VmRSS:") { rss = kilobytes(line) }
            if line.hasPrefix("VmHWM:") { peak = kilobytes(line) }
        }
        guard let rss, let peak else { return nil }
        return (rss * 1024, peak * 1024)
    }

    /// Hands freed heap back to the system and resets `VmHWM` to the current RSS, so the next
    /// peak belongs to the next measurement alone. False when the peak could not be reset
    /// (it then still holds earlier peaks).
    @discardableResult
    static func resetPeak() -> Bool {
        trimHeap()
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        // "5" resets the peak resident set size (proc(5), clear_refs).
        return write(fd, "5", 1) == 1
    }

    /// glibc's `malloc_trim(0)`, which Swift's Glibc module does not export: freed arrays (an
    /// earlier measurement's, or the buffers an array outgrew) would otherwise stay resident.
    /// Node arenas of 256 KiB and up are mmapped and grow by mremap, never copied (see
    /// NodeArena). Fixing glibc's mmap threshold there stops it rising after each large free,
    /// which would put the next arenas on the heap and copy them when they outgrow it.
    static func fixMmapThreshold() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        typealias Option = @convention(c) (Int32, Int32) -> Int32
        let mmapThreshold: Int32 = -3   // M_MMAP_THRESHOLD in <malloc.h>
        _ = unsafeBitCast(symbol, to: Option.self)(mmapThreshold, 256 * 1024)
    }

    static func trimHeap() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        typealias Trim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }

    /// "VmRSS:\t  1234 kB" → 1234.
    private static func kilobytes(_ line: Substring) -> Int? {
        let digits = line.drop { !$0.isNumber }.prefix { $0.isNumber }
        return Int(digits)
    }

    private static func readProcFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { return nil }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
