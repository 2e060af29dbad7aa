import Testing
import TestSupport
import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAScenario
import Synchronization

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

    /// The expected output next to a scenario (the kernel vectors: `NAME.expected.jsonl`).
    static func expectedPath(for scenario: String) -> String {
        String(scenario.dropLast(".iova".count)) + ".expected.jsonl"
    }

    /// The expected output of a sample under a policy, kept apart from the scenarios in the
    /// group's `expected/` folder: `GROUP/NAME.iova` → `GROUP/expected/NAME.expected.jsonl`
    /// for mainline, `GROUP/expected/NAME.POLICY.expected.jsonl` for the others.
    static func sampleExpectedPath(for scenario: String, policy: PolicyName = .mainline) -> String {
        let base = scenario.dropLast(".iova".count)
        let name = base.lastIndex(of: "/").map { base.index(after: $0) } ?? base.startIndex
        let suffix = policy == .mainline ? ".expected.jsonl" : ".\(policy.rawValue).expected.jsonl"
        return String(base[..<name]) + "expected/" + String(base[name...]) + suffix
    }

    /// When the validators run while a scenario replays in a test.
    enum Validation {
        /// Never.
        case none
        /// After every command (`replay --validate`).
        case everyCommand
        /// After a command once at least live/8 commands have passed since the last check (so
        /// after every one while at most 8 ranges are live), and after the last: about 8 nodes
        /// validated per command whatever the tree's size.
        case sampled
    }

    /// The validation for a file: after every command of files up to 300 lines (those whose
    /// expectations carry the whole tree). Beyond, each check costs O(n) (mainline) or
    /// O(n log n) (the gap trees) on up to 16,000 live ranges, minutes per file in a debug
    /// build, so the default tier samples them (the output is still compared byte for byte,
    /// and the randomized model tests validate after every operation).
    static func validation(for path: String) -> Validation {
        let lines = readTextFile(path)?.utf8.lazy.filter { $0 == UInt8(ascii: "\n") }.count ?? 0
        // Long tier: the validators after every command of every file, whatever its size.
        return lines <= 300 || TestTier.isLong ? .everyCommand : .sampled
    }

    /// Replays a scenario file as `replay --policy P --format jsonl --state [--tree]`, with the
    /// validators as `validation` says. Throws `InvariantFailure` at the first broken invariant.
    static func replayJSONL(_ path: String, policy: PolicyName = .mainline, tree: Bool, validation: Validation = .none) throws -> String {
        let key = "\(policy.rawValue) \(tree) \(path)"
        if validation == .everyCommand {
            let text = try replay(path, policy: policy, tree: tree, validate: true)
            outputs.withLock { $0[key] = text }
            return text
        }
        let text = try outputs.withLock { $0[key] } ?? replay(path, policy: policy, tree: tree, validate: false)
        outputs.withLock { $0[key] = text }
        if validation == .sampled { try validateSampled(path, policy: policy) }
        return text
    }

    /// Every output replayed so far in this process, by policy, tree flag and file: the same
    /// replay is deterministic, so the tests reading golden values from the long KUnit files
    /// reuse what the byte-for-byte tests produced (or produce it for them). Validation is
    /// never skipped.
    private static let outputs = Mutex<[String: String]>([:])

    private static func replay(_ path: String, policy: PolicyName, tree: Bool, validate: Bool) throws -> String {
        var sink = MemorySink()
        let options = ReplayOptions(format: .jsonl, includeState: true, includeTree: tree)
        try Replay.run(path: path, policy: Policies[policy].type, options: options, validate: validate, to: &sink)
        return sink.text
    }

    /// Runs the validators over a replay of `path` as `validation` says, without writing any
    /// output (for tests that only need the policy to stay sound). Throws `InvariantFailure`.
    static func validate(_ path: String, policy: PolicyName, validation: Validation) throws {
        switch validation {
        case .none: return
        case .everyCommand: try validatePass(path, policy: policy, sampled: false)
        case .sampled: try validatePass(path, policy: policy, sampled: true)
        }
    }

    /// `validate(path, policy, .sampled)`.
    static func validateSampled(_ path: String, policy: PolicyName) throws {
        try validatePass(path, policy: policy, sampled: true)
    }

    /// Replays `path` without output, the replayer's own validators on after every command or
    /// after those `Validation.sampled` picks.
    private static func validatePass(_ path: String, policy: PolicyName, sampled: Bool) throws {
        var replayer = Replayer(Policies[policy].type, facts: try Scenario.check(path: path))
        var live = 0, since = 0
        var pending: ScenarioLine?      // applied one behind, so that the last one is known
        try Scenario.forEachCommand(path: path) { line in
            if let previous = pending {
                since += 1
                replayer.validateEachStep = !sampled || since * 8 >= live
                if replayer.validateEachStep { since = 0 }
                try replayer.apply(previous) { _, policy in live = policy.liveCount }
            }
            pending = line
        }
        if let last = pending {
            replayer.validateEachStep = true
            try replayer.apply(last) { _, _ in }
        }
    }
}
