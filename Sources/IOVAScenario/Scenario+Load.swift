#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Scenario {
    /// Reads a whole file into its commands in one pass, collecting diagnostics like `check`:
    /// for the visualizer, which holds every operation anyway, so the file need not be parsed
    /// twice (a 1M-command workload opens in half the time).
    public static func load(path: String, displayName: String? = nil) throws(ScenarioError) -> [ScenarioLine] {
        try load(path: path, displayName: displayName) { _ in }
    }

    /// How far `load` has got, for a listener that works on the commands while the rest of
    /// the file is read (the visualizer replays them: see `Stepper.open`).
    public struct LoadProgress {
        /// Every command parsed so far, in order; `new` of them arrived since the last report.
        public let lines: ArraySlice<ScenarioLine>
        public let new: Range<Int>
        /// Bytes read so far, and the file's size when it was opened.
        public let bytesRead: Int
        public let fileBytes: Int
        /// No diagnostic so far: once one is found the file will be rejected, so nothing
        /// parsed after it should be acted on.
        public let valid: Bool
        /// The parser has met the DMA path (`cpus=` or one of its commands).
        public let usesFastPath: Bool

        public init(lines: ArraySlice<ScenarioLine>, new: Range<Int>, bytesRead: Int, fileBytes: Int, valid: Bool,
                    usesFastPath: Bool) {
            (self.lines, self.new, self.bytesRead, self.fileBytes) = (lines, new, bytesRead, fileBytes)
            (self.valid, self.usesFastPath) = (valid, usesFastPath)
        }
    }

    /// The same, reporting `progress` after every `batch` commands and once at the end.
    public static func load(path: String, displayName: String? = nil, batch: Int = 1 << 14,
                            progress: (LoadProgress) -> Void) throws(ScenarioError) -> [ScenarioLine] {
        var collector = DiagnosticCollector()
        var parser = ScenarioParser(file: displayName ?? path)
        var lines: [ScenarioLine] = []
        var reported = 0, bytesRead = 0
        let fileBytes = Self.size(of: path)
        func report() {
            progress(LoadProgress(lines: lines[...], new: reported..<lines.count, bytesRead: bytesRead, fileBytes: fileBytes,
                                  valid: collector.diagnostics.isEmpty, usesFastPath: parser.usesFastPath))
            reported = lines.count
        }
        do {
            try LineReader.forEachLine(path: path) { bytes, number in
                bytesRead += bytes.count + 1
                if let command = try collector.parse(&parser, bytes, number) {
                    lines.append(ScenarioLine(line: number, command: command))
                    if lines.count - reported >= batch { report() }
                }
            }
        } catch let error as ScenarioError {
            throw error
        } catch {
            // Only `DiagnosticCollector.Enough` escapes the closure.
        }
        report()
        try collector.finish()
        return lines
    }

    /// The file's size in bytes (0 when it cannot be told).
    static func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
