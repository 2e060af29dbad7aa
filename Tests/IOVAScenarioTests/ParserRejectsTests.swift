import Testing
@testable import IOVAScenario

/// Malformed scenarios are refused with every error located as FILE:LINE:COL (docs/scenario-format.md).
@Suite struct ParserRejectsTests {
    /// The one diagnostic for `text`: its line, column and a fragment of its message.
    func expectError(_ text: String, line: Int = 1, column: Int, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = diagnostics(text)
        #expect(found.count == 1, "one error expected, got \(found.map(\.rendered))", sourceLocation: sourceLocation)
        guard let d = found.first else { return }
        #expect(d.line == line, sourceLocation: sourceLocation)
        #expect(d.column == column, "\(d.rendered)", sourceLocation: sourceLocation)
        #expect(d.message.contains(fragment), "\(d.message)", sourceLocation: sourceLocation)
    }

    @Test func sizeZero() { expectError("alloc 0", column: 7, "at least 1") }
    @Test func missingSize() { expectError("alloc", column: 6, "SIZE") }
    @Test func unknownCommand() { expectError("\n\n  allocate 5", line: 3, column: 3, "unknown command 'allocate'") }
    @Test func keywordsAreLowercase() { expectError("ALLOC 5", column: 1, "unknown command") }
    @Test func extraToken() { expectError("free 5 6", column: 8, "unexpected '6'") }
    @Test func unknownAllocOption() { expectError("alloc 5 limt=3", column: 9, "unexpected 'limt=3'") }
    @Test func duplicateAligned() { expectError("alloc 5 aligned aligned", column: 17, "given twice") }
    @Test func duplicateLimit() { expectError("alloc 5 limit=1 limit=2", column: 17, "given twice") }
    @Test func emptyLimit() { expectError("alloc 5 limit=", column: 9, "needs a value") }
    @Test func badDmaWidth() { expectError("alloc 5 limit=dma31", column: 15, "dma32 … dma64") }
    @Test func dmaWidthTooLarge() { expectError("alloc 5 limit=dma65", column: 15, "not a DMA mask") }
    @Test func limitAboveDma64() { expectError("alloc 5 limit=0x10000000000000", column: 15, "above the domain's highest pfn") }
    @Test func limitAboveDma64WithLargeGranule() {
        expectError("domain granule=65536\nalloc 5 limit=0x1000000000000", line: 2, column: 15, "above the domain's highest pfn")
    }
    @Test func notANumber() { expectError("free 12ab", column: 6, "not a number") }
    @Test func hexWithoutDigits() { expectError("free 0x", column: 6, "not a number") }
    @Test func underscoreNotBetweenDigits() {
        expectError("free _1", column: 6, "not a number")
        expectError("free 1_", column: 6, "not a number")
        expectError("free 1__0", column: 6, "not a number")
        expectError("free 0x_1", column: 6, "not a number")
    }
    @Test func numberTooLarge() { expectError("find 18446744073709551616", column: 6, "64 bits") }
    @Test func reserveLoAboveHi() { expectError("reserve 10 9", column: 12, "LO <= HI") }
    @Test func reserveMissingHi() { expectError("reserve 10", column: 11, "expected HI") }
    @Test func freeTheAnchor() { expectError("free 0xffffffffffffffff", column: 6, "anchor") }
    @Test func domainAfterCommand() { expectError("free 1\ndomain start=3", line: 2, column: 1, "must come first") }
    @Test func domainTwice() { expectError("domain\ndomain", line: 2, column: 1, "must come first") }
    @Test func granuleNotPowerOfTwo() { expectError("domain granule=3000", column: 16, "not a power of two") }
    @Test func granuleZero() { expectError("domain granule=0", column: 16, "not a power of two") }
    @Test func granuleOne() { expectError("domain granule=1", column: 16, "outside") }
    @Test func unknownDomainKey() { expectError("domain size=4", column: 8, "unknown domain setting") }
    @Test func alignedSizeAbove2to63() { expectError("alloc 0x8000000000000001 aligned", column: 7, "2^63") }
    @Test func nulByte() { expectError("free 1\0", column: 7, "NUL") }
    @Test func nulInComment() { expectError("free 1 # a\0b", column: 11, "NUL") }

    @Test func invalidUTF8() {
        let bytes: [UInt8] = Array("free 1 # ".utf8) + [0xC3, 0x28]
        // String(decoding:) would repair the bytes, so parse the raw line.
        var parser = ScenarioParser(file: "bad.iova")
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(Diagnostic) in try parser.parse(line: buffer, number: 1) }
        }
        guard case .failure(let d) = result else {
            Issue.record("invalid UTF-8 accepted")
            return
        }
        #expect(d.column == 10)
        #expect(d.message.contains("invalid UTF-8"))
    }

    @Test func everyErrorIsReportedInOrder() {
        let found = diagnostics("alloc 0\nfree 1\nfind x\nreserve 3 2\n")
        #expect(found.map(\.line) == [1, 3, 4])
    }

    @Test func errorsStopAtTheLimit() {
        let text = String(repeating: "bogus\n", count: 100)
        do {
            _ = try Scenario.parse(text, file: "many.iova")
            Issue.record("accepted")
        } catch {
            guard case let .invalid(list, truncated) = error else { Issue.record("\(error)"); return }
            #expect(list.count == Scenario.diagnosticLimit)
            #expect(truncated)
        }
    }

    @Test func renderedDiagnosticHasLocationAndCaret() {
        let d = diagnostics("alloc 16 limit=dma99 aligned").first
        #expect(d?.rendered == """
            bad.iova:1:16: error: 'dma99' is not a DMA mask: use dma32 … dma64
            alloc 16 limit=dma99 aligned
                           ^~~~~
            """)
    }

    @Test func caretKeepsTabsAndHidesControlCharacters() {
        let d = diagnostics("\tfree\t\u{1b}[2J").first
        #expect(d?.rendered == "bad.iova:1:7: error: '?[2J' is not a number (decimal, or hex with 0x; '_' allowed between digits)"
            + "\n\tfree\t?[2J\n\t    \t^~~~")
    }
}
