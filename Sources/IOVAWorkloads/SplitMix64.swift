/// splitmix64, the generator of the performance workloads (docs/performance.md), so that
/// iovascope runs exactly the request streams the kernel was measured on.
public struct SplitMix64: Sendable {
    /// Internal storage usable from the `@inlinable` workload loops, which `bench` specialises.
    @usableFromInline var _state: UInt64

    public var state: UInt64 { _state }

    public init(seed: UInt64) { _state = seed }

    @inlinable public mutating func next() -> UInt64 {
        _state &+= 0x9E37_79B9_7F4A_7C15
        var z = _state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `1 << (next() % 7)`: 1 to 64 pages.
    @inlinable public mutating func pow2() -> UInt64 { 1 << (next() % 7) }
}
