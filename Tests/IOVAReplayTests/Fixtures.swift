import Testing
import TestSupport
import IOVACore
import IOVAReplay
import IOVAScenario

/// Paths of test data kept in the repository, found relative to this file so that
/// `swift test` works from any directory.
enum Fixtures {
    static let repositoryRoot = FileIO.repositoryRoot

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

    /// The expected output of a non-mainline policy next to a scenario.
    static func expectedPath(for scenario: String, policy: PolicyName) -> String {
        String(scenario.dropLast(".iova".count)) + ".\(policy.rawValue).expected.jsonl"
    }

    /// Whether to run the gap-tree validators after every command: on scenarios of up to 3,000
    /// lines. Beyond that, recomputing every gap per step costs O(n log n) each time (minutes in
    /// a debug build), and the randomized model tests already validate after every operation.
    static func validateEachStep(_ path: String) -> Bool {
        (readTextFile(path)?.utf8.lazy.filter { $0 == UInt8(ascii: "\n") }.count ?? 0) <= 3000
    }

    /// Replays a scenario file as `replay --policy P --format jsonl --state [--tree]`.
    static func replayJSONL(_ path: String, policy: PolicyName = .mainline, tree: Bool, validate: Bool = false) throws -> String {
        var sink = MemorySink()
        let options = ReplayOptions(format: .jsonl, includeState: true, includeTree: tree)
        let type = Replay.policyType(policy)
        try Replay.run(path: path, policy: type, options: options, validate: validate, to: &sink)
        return sink.text
    }
}
