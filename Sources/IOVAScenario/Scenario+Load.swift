extension Scenario {
    /// Reads a whole file into its commands in one pass, collecting diagnostics like `check`:
    /// for the visualizer, which holds every operation anyway, so the file need not be parsed
    /// twice (a 1M-command workload opens in half the time).
    public static func load(path: String, displayName: String? = nil) throws(ScenarioError) -> [ScenarioLine] {
        var collector = DiagnosticCollector()
        var parser = ScenarioParser(file: displayName ?? path)
        var lines: [ScenarioLine] = []
        do {
            try LineReader.forEachLine(path: path) { bytes, number in
                if let command = try collector.parse(&parser, bytes, number) {
                    lines.append(ScenarioLine(line: number, command: command))
                }
            }
        } catch let error as ScenarioError {
            throw error
        } catch {
            // Only `DiagnosticCollector.Enough` escapes the closure.
        }
        try collector.finish()
        return lines
    }
}
