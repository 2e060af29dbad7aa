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

    /// The implementation, or a usage error naming what this build has.
    func resolved() throws -> any IOVAPolicy.Type {
        guard let type = Replay.policyType(policy) else {
            let available = PolicyName.allCases.filter(\.isAvailable).map(\.rawValue).joined(separator: ", ")
            throw ValidationError("policy '\(policy.rawValue)' is not implemented in this build yet (available: \(available))")
        }
        return type
    }
}
