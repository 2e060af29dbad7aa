/// Receives every `AllocatorEvent` of an operation, in order.
///
/// Searches and tree operations are generic over the observer, so with `NullObserver` the
/// compiler removes the calls and the events are never built: observing costs nothing when no
/// one observes.
public protocol AllocatorObserver {
    mutating func record(_ event: AllocatorEvent)
    /// Whether the observer keeps any event. A search may leave out work it does only to
    /// report itself when it is false (maple's scan then passes over slots that cannot hold the
    /// fit without examining each), and must reach the same answer and visits either way.
    static var keepsEvents: Bool { get }
}

extension AllocatorObserver {
    @inlinable public static var keepsEvents: Bool { true }
}

/// The observer that ignores everything.
public struct NullObserver: AllocatorObserver {
    @inlinable public init() {}
    @inlinable @inline(__always) public mutating func record(_ event: AllocatorEvent) {}
    @inlinable public static var keepsEvents: Bool { false }
}

/// An observer that keeps every event (tests, the stepper).
public struct EventLog: AllocatorObserver {
    public var events: [AllocatorEvent] = []
    public init() {}
    /// Room for `capacity` events ahead, when the caller knows about how many will come.
    public init(capacity: Int) { events.reserveCapacity(capacity) }
    public mutating func record(_ event: AllocatorEvent) {
        // Past a few thousand events (a long walk: mainline's can reach millions, 48 bytes
        // each) grow fourfold rather than double: half the pages faulted in and a third of
        // the copying. The spare capacity is never touched, so it costs address space only.
        if events.count == events.capacity && events.count >= Self.quadrupleFrom {
            events.reserveCapacity(4 * events.count)
        }
        events.append(event)
    }

    @usableFromInline static let quadrupleFrom = 1 << 14
}
