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
        // The DMA path's listings are the rcache's (RCachePseudoCode); a miss's tree search
        // is the policy's alloc.
        case .allocFast, .map, .flushRCache, .tick, .device: .alloc
        case .freeFast, .freeFastAllocation, .unmap, .unmapAllocation: .free
        }
    }

    /// Which listing the code pane shows for a command: the policy's own, or the DMA path's
    /// (the same for every policy; a miss's tree search is one line of it).
    public enum Listing: Equatable, Sendable {
        case policy(Operation)
        case fastPath(RCachePseudoCode.Operation)
    }

    public static func listing(of command: Command) -> Listing {
        switch command {
        case .allocFast: .fastPath(.allocFast)
        case .map: .fastPath(.map)
        case .freeFast, .freeFastAllocation, .unmap, .unmapAllocation: .fastPath(.freeFast)
        case .flushRCache: .fastPath(.flush)
        case .tick: .fastPath(.tick)
        case .device: .fastPath(.device)
        default: .policy(operation(of: command))
        }
    }

    public static func lines(_ policy: PolicyName, _ listing: Listing) -> [String] {
        switch listing {
        case .policy(let op): lines(policy, op)
        case .fastPath(let op): RCachePseudoCode.listing(op)
        }
    }

    public static func line(of event: AllocatorEvent, _ policy: PolicyName, _ listing: Listing, erased: Bool, stored: Bool) -> Int? {
        switch listing {
        case .policy(let op): line(of: event, policy, op, erased: erased, stored: stored)
        case .fastPath(let op): RCachePseudoCode.line(of: event, op)
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
