import Testing
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
@testable import IOVAScenario

/// `ReferenceScan` finds every line a `free @LINE` names without parsing (a superset), across
/// chunk boundaries; `Scenario.load`'s progress reports hand over every command once.
@Suite struct ReferenceScanTests {
    func members(_ set: LineSet, upTo n: Int) -> [Int] { (0...n).filter { set.contains($0) } }

    @Test func numbersAfterAtSigns() {
        let text = "alloc 1\nfree @1\n# see @12 and @ 3, @x, @@5\nfree   @30 \n@7\n@"
        #expect(members(ReferenceScan.lines(bytes: Array(text.utf8)), upTo: 200) == [1, 5, 7, 12, 30])
    }

    @Test func numbersLongerThanTheFileAreDropped() {
        // A file of 42 bytes has at most 43 lines; the bitset must not grow to 10^18 bits.
        let text = "free @999999999999999999\nfree @40\nfree @41"
        let found = ReferenceScan.lines(bytes: Array(text.utf8))
        #expect(members(found, upTo: 100) == [40, 41])
        #expect(!found.contains(999_999_999_999_999_999))
    }

    /// The parser's own set is always inside the scan's, whatever the chunking: every `@N` of
    /// a 300 KB file (several 1 MiB reads would hold it; 64 KiB chunks split it) is found.
    @Test func aSupersetOfTheParsersReferencesAcrossChunks() throws {
        var text = ""
        var rng = TestRNG(seed: 5)
        var allocs: [Int] = []
        var line = 0
        for _ in 0..<20_000 {
            line += 1
            if !allocs.isEmpty && rng.percent() < 40 {
                let i = Int(rng.below(UInt64(allocs.count)))
                text += "free @\(allocs.remove(at: i))\n"
            } else {
                text += "alloc \(1 + rng.below(8))\n"
                allocs.append(line)
            }
        }
        let path = try StreamingReaderTests().temporaryFile(Array(text.utf8))
        defer { unlink(path) }
        let facts = try Scenario.check(path: path)
        let scanned = try #require(ReferenceScan.lines(path: path))
        #expect(members(scanned, upTo: line + 1) == members(facts.referenced, upTo: line + 1))
        // The same in small pieces: numbers split between chunks are carried over.
        var scanner = ReferenceScan.Scanner(maxLine: text.utf8.count + 1)
        var pieces = LineSet()
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: 7) {
            bytes[start..<min(start + 7, bytes.count)].withUnsafeBufferPointer { scanner.feed($0, into: &pieces) }
        }
        scanner.finish(into: &pieces)
        #expect(pieces == scanned)
    }

    @Test func unreadableFileScansToNil() {
        #expect(ReferenceScan.lines(path: "/nonexistent/iovascope/none.iova") == nil)
    }

    /// Progress reports: batches in order covering every command exactly once, the last at
    /// the end; `valid` turns false from the first diagnostic on; the DMA path is flagged.
    @Test func loadReportsEveryCommandOnce() throws {
        var text = "domain start=1\n"
        for i in 0..<10_000 { text += i % 100 == 0 ? "# comment\n" : "alloc \(1 + i % 4)\n" }
        let path = try StreamingReaderTests().temporaryFile(Array(text.utf8))
        defer { unlink(path) }
        var seen: [ScenarioLine] = []
        var reports = 0
        var lastBytes = 0
        let lines = try Scenario.load(path: path, batch: 1_000) { p in
            reports += 1
            #expect(p.valid && !p.usesFastPath)
            #expect(p.new.lowerBound == seen.count && p.new.upperBound == p.lines.count)
            #expect(p.bytesRead >= lastBytes && p.fileBytes == text.utf8.count)
            lastBytes = p.bytesRead
            seen += p.lines[p.new]
        }
        #expect(seen == lines && lines.count == 1 + 9_900)
        #expect(reports == 9 + 1)   // every 1,000 of the 9,901 commands, then once at the end
        #expect(lastBytes == text.utf8.count)
    }

    @Test func loadReportsTheFirstErrorAndTheDMAPath() throws {
        var text = "domain cpus=2\n"
        for _ in 0..<50 { text += "alloc 1\n" }
        text += "alloc 0\n"
        for _ in 0..<50 { text += "alloc 1\n" }
        let path = try StreamingReaderTests().temporaryFile(Array(text.utf8))
        defer { unlink(path) }
        var flags: [(valid: Bool, fast: Bool, count: Int)] = []
        #expect(throws: ScenarioError.self) {
            _ = try Scenario.load(path: path, batch: 20) { flags.append(($0.valid, $0.usesFastPath, $0.lines.count)) }
        }
        let allFast = flags.allSatisfy { $0.fast }
        #expect(allFast)
        // Reports after the bad line (line 52: 51 commands before it) say so.
        let validBefore = flags.filter { $0.count <= 51 }.map(\.valid)
        let validAfter = flags.filter { $0.count > 51 }.map(\.valid)
        #expect(validBefore == [true, true])
        #expect(!validAfter.isEmpty && !validAfter.contains(true))
    }
}
