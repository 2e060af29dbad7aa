/// A policy's name as users type it (`--policy limit-aware`, `:policy maple`) and as the
/// replay output prints it. Which names exist is the registry's business
/// (`Policies.all` in IOVAPolicies); each policy declares its own constant beside its code.
public struct PolicyName: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: PolicyName, b: PolicyName) -> Bool { a.rawValue < b.rawValue }
}
