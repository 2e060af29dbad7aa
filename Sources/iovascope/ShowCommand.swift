import ArgumentParser
import IOVACore
import IOVAReplay
import IOVAScenario

/// `iovascope [FILE]`: the visualizer's entry point. Until the interactive screen lands it
/// shows the scenario (or the built-in demo) as an annotated headless replay.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a scenario (default: the built-in demo).",
        discussion: "With no FILE, runs the built-in demo: the first 32-bit allocation in a domain full of 64-bit allocations."
    )

    @Argument(help: "A scenario file; omit it for the built-in demo.")
    var file: String?

    @OptionGroup var policyOption: PolicyOption

    func run() throws {
        let policy = try policyOption.resolved()
        let options = ReplayOptions(format: .text, includeState: true)
        try runReplay {
            var out = StandardOutput()
            if let file {
                try Replay.run(path: file, policy: policy, options: options, to: &out)
            } else {
                printError(BuiltinDemo.introduction)
                let lines = try Scenario.parse(BuiltinDemo.scenario, file: "<built-in demo>")
                try Replay.run(lines: lines, policy: policy, options: options, to: &out)
            }
        }
    }
}
