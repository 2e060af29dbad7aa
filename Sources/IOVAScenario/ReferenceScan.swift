#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The line numbers a file's `@LINE` references might name, found by scanning its bytes for
/// `@` and the decimal digits after it, without parsing.
///
/// A replay must know before it runs an `alloc` whether a later `free @LINE` names it (the
/// ledger remembers those answers and no others), so a replay that starts while the file is
/// still being parsed cannot wait for the parser's `referencedLines`. This scan is a superset
/// of them — an `@` in a comment counts too, which only makes a replay remember one more
/// answer — and costs a read of the file with `memchr` (about 10 ms for a million commands).
/// Callers still compare it with the parser's set once parsing is done.
public enum ReferenceScan {
    /// The numbers after every `@` in the file; nil when it cannot be read.
    public static func lines(path: String) -> LineSet? {
        var found = LineSet()
        var scanner = Scanner(maxLine: Scenario.size(of: path) + 1)
        do {
            try LineReader.forEachChunk(path: path) { scanner.feed($0, into: &found) }
        } catch {
            return nil
        }
        scanner.finish(into: &found)
        return found
    }

    /// The same over bytes in memory (tests).
    public static func lines(bytes: [UInt8]) -> LineSet {
        var found = LineSet()
        var scanner = Scanner(maxLine: bytes.count + 1)
        bytes.withUnsafeBufferPointer { scanner.feed($0, into: &found) }
        scanner.finish(into: &found)
        return found
    }

    /// `@` then digits, carried across chunk boundaries.
    struct Scanner {
        /// A file of B bytes has at most B + 1 lines: larger numbers name none, and are not
        /// kept (the set is a bitset up to its largest member).
        let maxLine: Int
        private var afterAt = false
        private var number = 0
        private var digits = 0

        init(maxLine: Int) { self.maxLine = maxLine }

        mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, into found: inout LineSet) {
            guard let base = chunk.baseAddress else { return }
            var i = 0
            while i < chunk.count {
                if afterAt {
                    let c = chunk[i]
                    if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                        if number <= maxLine { number = number * 10 + Int(c - UInt8(ascii: "0")) }
                        digits += 1
                        i += 1
                        continue
                    }
                    finish(into: &found)
                    continue   // `c` again: it may be the next `@`
                }
                // Jump to the next `@` (libc's vectorised memchr).
                guard let hit = memchr(base + i, Int32(UInt8(ascii: "@")), chunk.count - i) else { return }
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                (afterAt, number, digits) = (true, 0, 0)
            }
        }

        /// Ends the number after the current `@`, if any.
        mutating func finish(into found: inout LineSet) {
            if afterAt && digits > 0 && number <= maxLine { found.insert(number) }
            afterAt = false
        }
    }
}
