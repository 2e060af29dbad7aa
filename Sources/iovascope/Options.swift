import ArgumentParser
import IOVACore
import IOVAReplay

extension PolicyName: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension ReplayOptions.Format: ExpressibleByArgument {}

/// `--policy NAME`, shared by the commands that run a policy.
struct PolicyOption: ParsableArguments {
    @Option(name: .long, help: "Allocation policy.")
    var policy: PolicyName = .mainline

    /// Refuses policies this build does not implement while parsing, so the usage error
    /// shows the right command's usage.
    func validate() throws { _ = try resolved() }

    /// The implementation.
    func resolved() throws -> any IOVAPolicy.Type { Replay.policyType(policy) }
}
