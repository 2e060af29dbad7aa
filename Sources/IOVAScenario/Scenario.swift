/// Reading whole scenarios: check first, then stream.
///
/// A malformed file must be rejected before anything runs, yet a scenario of millions of
/// commands must not be held in memory. So replay reads the file twice: `check` parses every
/// line and collects diagnostics; `forEachCommand` parses again and hands each command over.
public enum Scenario {
    /// At most this many diagnostics are reported for one file.
    public static let diagnosticLimit = 20

    /// Parses the whole file, keeping nothing but the lines `@LINE` references name (which a
    /// replay must remember the answers of) and whether it uses the DMA path. Throws
    /// `.unreadable` or `.invalid`.
    @discardableResult
    public static func check(path: String, displayName: String? = nil) throws(ScenarioError) -> ScenarioFacts {
        var collector = DiagnosticCollector()
        var parser = ScenarioParser(file: displayName ?? path)
        do {
            try LineReader.forEachLine(path: path) { bytes, number in
                _ = try collector.parse(&parser, bytes, number)
            }
        } catch let error as ScenarioError {
            throw error
        } catch {
            // Only `DiagnosticCollector.Enough` escapes the closure.
        }
        try collector.finish()
        return ScenarioFacts(referenced: parser.referencedLines, usesFastPath: parser.usesFastPath,
                             freesExplicitPFNs: parser.freesExplicitPFNs)
    }

    /// Streams the commands of a file already `check`ed. Errors thrown by `body` propagate.
    public static func forEachCommand(path: String, displayName: String? = nil, _ body: (ScenarioLine) throws -> Void) throws {
        var parser = ScenarioParser(file: displayName ?? path)
        try LineReader.forEachLine(path: path) { bytes, number in
            do {
                if let command = try parser.parse(line: bytes, number: number) {
                    try body(ScenarioLine(line: number, command: command))
                }
            } catch let diagnostic as Diagnostic {
                // The file changed since it was checked.
                throw ScenarioError.invalid([diagnostic], truncated: false)
            }
        }
    }

    /// Parses in-memory text (the tour's chapters, tests) into its commands.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> [ScenarioLine] {
        try parse(bytes: Array(text.utf8), file: file)
    }

    /// Parses in-memory bytes exactly as a file's (invalid UTF-8, NULs and all).
    public static func parse(bytes: [UInt8], file: String) throws(ScenarioError) -> [ScenarioLine] {
        var collector = DiagnosticCollector()
        var parser = ScenarioParser(file: file)
        var lines: [ScenarioLine] = []
        do {
            try LineReader.forEachLine(bytes: bytes) { bytes, number in
                if let command = try collector.parse(&parser, bytes, number) {
                    lines.append(ScenarioLine(line: number, command: command))
                }
            }
        } catch {
            // Only `DiagnosticCollector.Enough` escapes the closure.
        }
        try collector.finish()
        return lines
    }
}

/// Gathers diagnostics up to `Scenario.diagnosticLimit`, then stops the read.
struct DiagnosticCollector {
    struct Enough: Error {}
    var diagnostics: [Diagnostic] = []
    var truncated = false

    mutating func parse(_ parser: inout ScenarioParser, _ bytes: UnsafeBufferPointer<UInt8>, _ number: Int) throws -> Command? {
        do {
            return try parser.parse(line: bytes, number: number)
        } catch {
            if diagnostics.count == Scenario.diagnosticLimit {
                truncated = true
                throw Enough()
            }
            diagnostics.append(error)
            return nil
        }
    }

    func finish() throws(ScenarioError) {
        if !diagnostics.isEmpty { throw .invalid(diagnostics, truncated: truncated) }
    }
}
