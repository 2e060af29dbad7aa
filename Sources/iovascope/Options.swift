import ArgumentParser
import IOVACore
import IOVAPolicies
import IOVAReplay

extension PolicyName: ExpressibleByArgument {
    public init?(argument: String) {
        guard let d = Policies.named(argument) else { return nil }
        self = d.name
    }
    public static var allValueStrings: [String] { Policies.names.map(\.rawValue) }
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
    func resolved() throws -> any InspectablePolicy.Type { Policies[policy].type }
}
