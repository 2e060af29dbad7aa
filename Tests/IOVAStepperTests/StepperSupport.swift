import Testing
import IOVACore
import IOVAScenario
import IOVAStepper
#if canImport(Glibc)
import Glibc
#endif

enum StepperFixtures {
    static let repositoryRoot: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static func readFile(_ path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func writeFile(_ text: String, _ path: String) {
        guard let f = fopen(path, "wb") else { return }
        _ = Array(text.utf8).withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
    }

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
