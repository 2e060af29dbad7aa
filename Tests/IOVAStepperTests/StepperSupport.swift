import Testing
import IOVACore
import IOVAScenario
import IOVAStepper
import TestSupport

enum StepperFixtures {
    static let repositoryRoot = FileIO.repositoryRoot
    static func readFile(_ path: String) -> String? { FileIO.read(path) }
    static func writeFile(_ text: String, _ path: String) { FileIO.write(text, to: path) }

    static func sample(_ name: String) throws -> [ScenarioLine] {
        let path = repositoryRoot + "/Samples/" + name
        let text = try #require(readFile(path), "missing \(path)")
        return try Scenario.parse(text, file: name)
    }

    /// What a frame shows that the equivalence tests compare.
    static func fingerprint(_ s: Stepper) -> String {
        let f = s.frame
        var ranges: [String] = []
        f.state.forEachRange { ranges.append("\($0.lo)-\($0.hi)") }
        let h = f.highlights
        return "\(f.operationNumber)/\(f.step) \(f.explanation) | code \(f.codeLine ?? -1) | cur \(h.current) vis \(h.visited.sorted()) "
            + "pruned \(h.pruned.keys.sorted()) found \(String(describing: h.found)) | \(f.counters) | \(ranges.joined(separator: ","))"
    }
}
