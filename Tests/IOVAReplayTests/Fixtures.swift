import IOVACore
import IOVAReplay
import IOVAScenario

/// Paths of test data kept in the repository, found relative to this file so that
/// `swift test` works from any directory.
enum Fixtures {
    static let repositoryRoot: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)     // Tests/IOVAReplayTests/Fixtures.swift
        return parts.joined(separator: "/")
    }()

    static let kernelVectors = repositoryRoot + "/Tests/Fixtures/kernel-vectors"
    static let samples = repositoryRoot + "/Samples"

    /// Scenario files (`.iova`) directly inside `directory`, sorted.
    static func scenarios(in directory: String) -> [String] {
        listDirectory(directory).filter { $0.hasSuffix(".iova") }.sorted().map { directory + "/" + $0 }
    }

    /// The expected output next to a scenario.
    static func expectedPath(for scenario: String) -> String {
        String(scenario.dropLast(".iova".count)) + ".expected.jsonl"
    }

    /// Replays a scenario file on mainline as `replay --format jsonl --state [--tree]`.
    static func replayJSONL(_ path: String, tree: Bool, validate: Bool = false) throws -> String {
        var sink = MemorySink()
        let options = ReplayOptions(format: .jsonl, includeState: true, includeTree: tree)
        try Replay.run(path: path, policy: MainlinePolicy.self, options: options, validate: validate, to: &sink)
        return sink.text
    }
}
