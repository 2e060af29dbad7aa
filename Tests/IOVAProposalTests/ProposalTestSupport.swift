// Helpers shared by the proposal suites (augmented, augmented32, limit-aware, align-aware): the policy list
// and a coverage counter. Range snapshots, the hash of docs/algorithms/mainline.md § Golden
// results and the random operations come from TestSupport, independent of the code under test.
import IOVACore
import TestSupport
import Testing

/// The rb-tree proposals (and ours, align-aware). All are exact highest fit (docs/algorithms/gap-tree.md), so
/// every functional expectation applies to each of them unchanged.
enum ProposalKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case augmented, augmented32, limitAware, alignAware

    var testDescription: String { rawValue }

    func make(_ config: DomainConfig = .standard) -> any IOVAPolicy {
        switch self {
        case .augmented: AugmentedPolicy(config: config)
        case .augmented32: Augmented32Policy(config: config)
        case .limitAware: LimitAwarePolicy(config: config)
        case .alignAware: AlignAwarePolicy(config: config)
        }
    }
}

/// Counts the search events that show which paths a run exercised.
struct CoverageCounter: AllocatorObserver {
    var shortCircuits = 0
    var max32Changes = 0
    mutating func record(_ event: AllocatorEvent) {
        switch event {
        case .failed(.max32ShortCircuit): shortCircuits += 1
        case .max32Changed: max32Changes += 1
        default: break
        }
    }
}
