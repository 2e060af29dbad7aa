/// An inclusive range of pfns `[lo, hi]`, as the kernel's `struct iova` holds it.
public struct PFNRange: Hashable, Sendable, CustomStringConvertible {
    public var lo: UInt64
    public var hi: UInt64

    @inlinable public init(lo: UInt64, hi: UInt64) {
        self.lo = lo
        self.hi = hi
    }

    /// Number of pfns, `hi - lo + 1` (wraps to 0 only for the whole 64-bit space).
    @inlinable public var count: UInt64 { hi &- lo &+ 1 }

    @inlinable public func contains(_ pfn: UInt64) -> Bool { lo <= pfn && pfn <= hi }
    @inlinable public func overlaps(_ other: PFNRange) -> Bool { lo <= other.hi && other.lo <= hi }

    public var description: String { "[0x\(String(lo, radix: 16))..0x\(String(hi, radix: 16))]" }
}
