import IOVAScenario
import Testing

/// `free @LINE`: frees what the alloc on that line returned; the line must be an earlier alloc.
@Suite struct FreeReferenceTests {
    @Test func parsesAndRecordsTheReferencedLines() throws {
        let text = "alloc 4\n# comment\nalloc 2 aligned\nfree @3\nfree 0x10\nfree @1\n"
        let lines = try Scenario.parse(text, file: "t.iova")
        #expect(lines.map(\.command) == [
            .alloc(size: 4, limit: 0xf_ffff_ffff_ffff, aligned: false),
            .alloc(size: 2, limit: 0xf_ffff_ffff_ffff, aligned: true),
            .freeAllocation(line: 3), .free(pfn: 0x10), .freeAllocation(line: 1),
        ])
        var parser = ScenarioParser(file: "t.iova")
        for (i, text) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var bytes = Array(text.utf8)
            _ = try bytes.withUnsafeMutableBufferPointer { try parser.parse(line: UnsafeBufferPointer($0), number: i + 1) }
        }
        #expect(parser.referencedLines.contains(1) && parser.referencedLines.contains(3))
        #expect(!parser.referencedLines.contains(2) && !parser.referencedLines.contains(4))
        #expect(parser.allocLines.contains(1) && parser.allocLines.contains(3) && !parser.allocLines.contains(4))
    }

    @Test("refused with a located error", arguments: [
        ("alloc 1\nfree @2\n", "2:6: error: free @2: line 2 is not an earlier alloc"),
        ("alloc 1\nfree @3\nalloc 1\n", "2:6: error: free @3: line 3 is not an earlier alloc"),
        ("reserve 1 2\nfree @1\n", "2:6: error: free @1: line 1 is not an earlier alloc"),
        ("alloc 1\nfree @\n", "2:6: error: free @LINE needs a decimal line number, got '@'"),
        ("alloc 1\nfree @0x1\n", "2:6: error: free @LINE needs a decimal line number, got '@0x1'"),
        ("alloc 1\nfree @1 extra\n", "2:9: error: unexpected 'extra' after the command"),
    ])
    func rejects(text: String, message: String) {
        expectRejected(text, message)
    }

    @Test func lineSet() {
        var s = LineSet()
        #expect(s.isEmpty && !s.contains(0) && !s.contains(-1))
        for n in [0, 63, 64, 1_000_000] { s.insert(n) }
        #expect(s.contains(0) && s.contains(63) && s.contains(64) && s.contains(1_000_000))
        #expect(!s.contains(1) && !s.contains(65) && !s.contains(999_999) && !s.isEmpty)
    }
}
