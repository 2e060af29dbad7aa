/// Brackets each individually measured operation of a workload. The kernel measurements time
/// some requests one by one (B's masked allocations, C3's refills); the workload keeps the
/// request stream and calls `begin`/`end` around each such request, and the command supplies
/// the clock. `Untimed` compiles away.
public protocol OperationTimer {
    mutating func begin()
    mutating func end()
}

/// No clock: the batch alone is timed (or nothing is).
public struct Untimed: OperationTimer {
    @inlinable public init() {}
    @inlinable public func begin() {}
    @inlinable public func end() {}
}
