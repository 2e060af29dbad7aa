import ArgumentParser
import IOVACore
import IOVAPolicies
import IOVAReplay

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run a scenario through several policies side by side.",
        discussion: """
        Per command, each policy's answer and (for allocations) its visits; commands answered \
        differently are marked * (text) or "differs":true (jsonl). Totals per policy at the end: \
        allocations, failures, visits sum, mean and maximum with the line it occurred on.

        Example: iovascope compare Samples/kunit/32bit-in-64bit-domain.iova --only-differences
        """
    )

    @Argument(help: "The scenario file.")
    var file: String

    @Option(help: "Comma-separated policies (default: every policy this build has).",
            transform: { text in
                try text.split(separator: ",").map { part in
                    guard let name = Policies.named(String(part))?.name else {
                        throw ValidationError("unknown policy '\(part)' (policies: \(Policies.names.map(\.rawValue).joined(separator: ", ")))")
                    }
                    return name
                }
            })
    var policies: [PolicyName] = Policies.names

    @Option(help: "Output format: text (for people) or jsonl (for tools).")
    var format: ReplayOptions.Format = .text

    @Flag(help: "Print only the commands the policies answer differently (totals still count all).")
    var onlyDifferences = false

    func validate() throws {
        guard !policies.isEmpty else { throw ValidationError("--policies needs at least one policy") }
    }

    func run() throws {
        try runReplay {
            var out = StandardOutput()
            try Comparison.run(path: file, policies: policies, format: format, onlyDifferences: onlyDifferences, to: &out)
        }
    }
}
