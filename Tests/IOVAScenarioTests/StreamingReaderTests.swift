import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif
@testable import IOVAScenario

/// Files are read in chunks: lines split across chunk boundaries, long lines, CRLF and a final
/// line without a newline must all come through intact, and nothing runs for a bad file.
@Suite struct StreamingReaderTests {
    /// Writes `bytes` to a fresh temporary file and returns its path.
    func temporaryFile(_ bytes: [UInt8]) throws -> String { try #require(FileIO.temporary(bytes)) }

    @Test func chunkBoundariesAndLongLines() throws {
        // About 200 KiB: several 64 KiB chunks, a 100 KiB comment line, CRLF endings.
        var text = "domain start=0x10 granule=4096\r\n# " + String(repeating: "x", count: 100_000) + "\r\n"
        for i in 0..<20_000 { text += "free \(i)\r\n" }
        text += "find 7"
        let path = try temporaryFile(Array(text.utf8))
        defer { unlink(path) }
        try Scenario.check(path: path)
        var lines: [ScenarioLine] = []
        try Scenario.forEachCommand(path: path) { lines.append($0) }
        #expect(lines.count == 20_002)
        #expect(lines[1] == ScenarioLine(line: 3, command: .free(pfn: 0)))
        #expect(lines[20_000] == ScenarioLine(line: 20_002, command: .free(pfn: 19_999)))
        #expect(lines.last == ScenarioLine(line: 20_003, command: .find(pfn: 7)))
    }

    @Test func byteByByteFeedingEqualsWholeFeeding() {
        let bytes = Array("\u{FEFF}free 1\r\nfree 22\n\nfind 333".utf8)
        var whole: [String] = []
        LineReader.forEachLine(bytes: bytes) { line, n in whole.append("\(n):" + String(decoding: line, as: UTF8.self)) }
        var reader = LineReader()
        var pieces: [String] = []
        for b in bytes {
            [b].withUnsafeBufferPointer { one in
                reader.feed(one) { line, n in pieces.append("\(n):" + String(decoding: line, as: UTF8.self)) }
            }
        }
        reader.finish { line, n in pieces.append("\(n):" + String(decoding: line, as: UTF8.self)) }
        #expect(whole == ["1:free 1\r", "2:free 22", "3:", "4:find 333"])
        #expect(pieces == whole)
    }

    @Test func aFileOfOnlyAByteOrderMarkIsEmpty() {
        var lines = 0
        LineReader.forEachLine(bytes: [0xEF, 0xBB, 0xBF]) { _, _ in lines += 1 }
        #expect(lines == 0)
    }

    @Test func badFileIsRejectedWithEveryLocation() throws {
        let path = try temporaryFile(Array("free 1\nalloc 0\nfree 2\nbogus\n".utf8))
        defer { unlink(path) }
        do {
            try Scenario.check(path: path, displayName: "x.iova")
            Issue.record("accepted a bad file")
        } catch {
            guard case let .invalid(list, truncated) = error else { Issue.record("\(error)"); return }
            #expect(list.map { "\($0.file):\($0.line):\($0.column)" } == ["x.iova:2:7", "x.iova:4:1"])
            #expect(!truncated)
        }
    }

    @Test func missingFileIsUnreadable() {
        do {
            try Scenario.check(path: "/nonexistent/iovascope.iova")
            Issue.record("accepted a missing file")
        } catch {
            guard case let .unreadable(path, reason) = error else { Issue.record("\(error)"); return }
            #expect(path == "/nonexistent/iovascope.iova")
            #expect(!reason.isEmpty)
        }
    }

    @Test func directoryIsUnreadable() {
        do {
            try Scenario.check(path: "/tmp")
            Issue.record("accepted a directory")
        } catch {
            guard case .unreadable = error else { Issue.record("\(error)"); return }
        }
    }
}
