/// Receives every `AllocatorEvent` of an operation, in order.
///
/// Searches and tree operations are generic over the observer, so with `NullObserver` the
/// compiler removes the calls and the events are never built: observing costs nothing when no
/// one observes.
public protocol AllocatorObserver {
    mutating func record(_ event: AllocatorEvent)
}

/// The observer that ignores everything.
public struct NullObserver: AllocatorObserver {
    @inlinable public init() {}
    @inlinable @inline(__always) public mutating func record(_ event: AllocatorEvent) {}
}

/// An observer that keeps every event (tests, the stepper).
public struct EventLog: AllocatorObserver {
    public var events: [AllocatorEvent] = []
    public init() {}
    public mutating func record(_ event: AllocatorEvent) { events.append(event) }
}
