import IOVAScenario
import Testing

/// Long lines are shown as an excerpt around the column, so a hostile line cannot turn into
/// megabytes of error output, and the caret still points at the offending text.
@Suite struct DiagnosticExcerptTests {
    func rendered(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        diagnostics(text, file: "t", sourceLocation: sourceLocation).first?.rendered ?? "accepted"
    }

    @Test func farColumnGetsAnExcerptWithTheCaretUnderTheToken() {
        let out = rendered("alloc 1 limit=dma32" + String(repeating: " ", count: 300) + "bogus\n")
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "t:1:320: error: unexpected 'bogus' in alloc (expected limit=LIMIT, fallback=LIMIT or aligned)")
        #expect(lines[1].hasPrefix("…") && lines[1].hasSuffix("bogus"))
        #expect(lines[1].count <= 122)
        let caretColumn = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let tokenColumn = lines[1].firstRange(of: "bogus").map { lines[1].distance(from: lines[1].startIndex, to: $0.lowerBound) }
        #expect(caretColumn != nil && caretColumn == tokenColumn)
    }

    @Test func hugeTokenIsCutInMessageExcerptAndUnderline() {
        let out = rendered(String(repeating: "7", count: 100_000) + "\n")
        #expect(out.utf8.count < 600)
        #expect(out.contains("…"))
    }

    @Test func shortLinesAreShownWhole() {
        #expect(rendered("reserve 9 3\n") == """
            t:1:11: error: reserve needs LO <= HI, got LO 0x9 > HI 0x3
            reserve 9 3
                      ^
            """)
    }
}
