import IOVACore
import IOVAMaple

/// The policy registry: every policy this build has, in the order lists and `compare` show
/// them. Adding a policy is its own folder (the algorithm, with its `PolicyDescriptor` beside
/// it) plus one entry here; nothing else names policies (docs/architecture.md).
public enum Policies {
    public static let all: [PolicyDescriptor] = [
        MainlinePolicy.descriptor,
        AugmentedPolicy.descriptor,
        Augmented32Policy.descriptor,
        LimitAwarePolicy.descriptor,
        MaplePolicy.descriptor,
        AlignAwarePolicy.descriptor,
    ]

    /// Every policy's name, in registry order.
    public static let names: [PolicyName] = all.map(\.name)

    /// The policy called `name` as typed (`limit-aware`), or nil.
    public static func named(_ name: String) -> PolicyDescriptor? {
        all.first { $0.name.rawValue == name }
    }

    /// The descriptor of a name taken from the registry (a constant such as `.mainline`).
    public static subscript(_ name: PolicyName) -> PolicyDescriptor {
        guard let d = all.first(where: { $0.name == name }) else {
            preconditionFailure("policy '\(name)' is not in the registry (Policies.all)")
        }
        return d
    }

    /// `mainline|augmented|…`, for usage messages.
    public static var choices: String { names.map(\.rawValue).joined(separator: "|") }
}
