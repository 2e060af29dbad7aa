#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What kind of departure of policy B from policy A a witness shows.
public enum WitnessWant: String, CaseIterable, Sendable {
    /// B fails an allocation that A places.
    case fail
    /// Both place an allocation, at different ranges.
    case placement
    /// B visits more than `visitBound(live:)` nodes for an allocation while A stays within it.
    case visits
}

/// The O(log n) budget of one request: 4·log2(n + 1) visits with `live` ranges in the tree.
public func visitBound(live: Int) -> Double {
    4 * log2(Double(live) + 1)
}
