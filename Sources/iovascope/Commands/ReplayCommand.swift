import ArgumentParser
import IOVACore
import IOVAReplay
import IOVAScenario

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a scenario headlessly and print one result per command.",
        discussion: """
        `--format jsonl` prints one JSON object per command (docs/replay-format.md); `--state` adds max32 \
        (and cached/cached32 for mainline); `--tree` adds the rb-tree in preorder. The file is \
        checked completely before anything runs: a malformed file prints every error as \
        FILE:LINE:COL and exits 65 with nothing on standard output. Large files stream: memory \
        grows with the live ranges, not with the file.

        Example: iovascope replay Samples/kernel/scenario-g-next-fit.iova --format jsonl --state
        """
    )

    @Argument(help: "The scenario file.")
    var file: String

    @OptionGroup var policyOption: PolicyOption

    @Option(help: "Output format: text (for people) or jsonl (for tools).")
    var format: ReplayOptions.Format = .text

    @Flag(help: "Add max32 (and cached/cached32 for mainline) after each command.")
    var state = false

    @Flag(help: "Add the whole rb-tree in preorder after each command.")
    var tree = false

    @Flag(help: "Run the policy's invariant validator after every command (slow).")
    var validate = false

    func run() throws {
        let policy = try policyOption.resolved()
        let options = ReplayOptions(format: format, includeState: state, includeTree: tree)
        try runReplay {
            var out = StandardOutput()
            try Replay.run(path: file, policy: policy, options: options, validate: validate, to: &out)
        }
    }
}

/// Runs a replay and maps its failures to messages and exit statuses (docs/command-line.md).
func runReplay(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ScenarioError {
        switch error {
        case let .unreadable(path, reason):
            printError("iovascope: cannot read \(path): \(reason)")
            throw ExitStatus.noInput
        case let .invalid(diagnostics, truncated):
            for d in diagnostics { printError(d.rendered) }
            if truncated { printError("iovascope: too many errors; stopped after \(diagnostics.count)") }
            throw ExitStatus.dataError
        }
    } catch is StandardOutput.BrokenPipe {
        return
    } catch let error as StandardOutput.WriteFailed {
        printError("iovascope: cannot write output: \(error.reason)")
        throw ExitStatus.ioError
    } catch let error as InvariantFailure {
        printError("iovascope: \(error)")
        throw ExitStatus.software
    }
}
