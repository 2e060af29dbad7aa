import IOVACore
import IOVAPolicies
import IOVAScenario

/// The headless replay (`iovascope replay`): check the file, then stream it through a policy
/// and write one record per command.
public enum Replay {
    /// Replays the file at `path`. Throws `ScenarioError` for unreadable or malformed files
    /// (nothing is written then), or the sink's error.
    public static func run<S: ByteSink>(path: String, displayName: String? = nil, policy: any InspectablePolicy.Type,
                                        options: ReplayOptions, validate: Bool = false, to sink: inout S) throws {
        let facts = try Scenario.check(path: path, displayName: displayName)
        try stream(policy, facts: facts, options: options, validate: validate, to: &sink) { body in
            try Scenario.forEachCommand(path: path, displayName: displayName, body)
        }
    }

    /// Replays commands already in memory (the tour's chapters, tests).
    public static func run<S: ByteSink>(lines: [ScenarioLine], policy: any InspectablePolicy.Type,
                                        options: ReplayOptions, validate: Bool = false, to sink: inout S) throws {
        try stream(policy, facts: ScenarioFacts(for: lines), options: options, validate: validate, to: &sink) { body in
            for line in lines { try body(line) }
        }
    }

    private static func stream<S: ByteSink>(
        _ policy: any InspectablePolicy.Type, facts: ScenarioFacts, options: ReplayOptions, validate: Bool, to sink: inout S,
        commands: ((ScenarioLine) throws -> Void) throws -> Void
    ) throws {
        var replayer = Replayer(policy, facts: facts)
        replayer.validateEachStep = validate
        replayer.reportsRCache = options.includeState
        var out = OutputBuffer()
        let json = JSONLWriter(options: options)
        var text = TextWriter(options: options)
        if options.format == .text { text.writeHeader(policy: policy.descriptor.name, into: &out) }
        let emit = { (record: ReplayRecord, policy: any InspectablePolicy, out: inout OutputBuffer) in
            switch options.format {
            case .jsonl: json.write(record, policy: policy, into: &out)
            case .text: text.write(record, policy: policy, into: &out)
            }
        }
        try commands { line in
            try replayer.apply(line) { record, policy in emit(record, policy, &out) }
            try out.flushIfLarge(to: &sink)
        }
        try replayer.finish { record, policy in emit(record, policy, &out) }
        if options.format == .text { text.writeSummary(policy: replayer.policy, into: &out) }
        try out.flush(to: &sink)
    }
}
