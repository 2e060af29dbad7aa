import IOVACore
import IOVAPolicies
import IOVAScenario

/// The code pane's listing and current line, read from the policy's descriptor
/// (`PolicyDescriptor.pseudoCode`); this file only maps scenario commands to operations.
public enum PseudoCode {
    public typealias Operation = PolicyPseudoCode.Operation

    public static func operation(of command: Command) -> Operation {
        switch command {
        case .alloc, .allocFallback, .domain: .alloc
        case .free, .freeAllocation: .free
        case .reserve: .reserve
        case .find: .find
        }
    }

    /// The listing shown for `operation` under `policy`.
    public static func lines(_ policy: PolicyName, _ operation: Operation) -> [String] {
        Policies[policy].pseudoCode.listing(operation)
    }

    /// The 0-based line of `lines(policy, operation)` that `event` belongs to, or nil.
    /// `erased` says whether an rb-tree node was erased before it in the operation, `stored`
    /// whether a maple entry was stored before it (or by it).
    public static func line(of event: AllocatorEvent, _ policy: PolicyName, _ operation: Operation, erased: Bool,
                            stored: Bool = false) -> Int? {
        Policies[policy].pseudoCode.line(event, operation, .init(erased: erased, stored: stored))
    }
}
