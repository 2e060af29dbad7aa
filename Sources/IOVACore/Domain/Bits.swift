/// Bit helpers with the kernel's definitions.
public enum Bits {
    /// `fls(x)`: 1-based index of the highest set bit; `fls(0) == 0`.
    @inlinable @inline(__always) public static func fls(_ x: UInt64) -> Int { 64 - x.leadingZeroBitCount }

    /// The alignment mask `alloc_iova` uses: all ones, or for a size-aligned request all ones
    /// shifted left by `fls(size - 1)`, i.e. aligned to `roundup_pow_of_two(size)`.
    /// Sizes above 2^63 have no power-of-two alignment; the scenario parser refuses them.
    @inlinable @inline(__always) public static func alignMask(size: UInt64, aligned: Bool) -> UInt64 {
        guard aligned else { return .max }
        let shift = fls(size &- 1)
        return shift >= 64 ? 0 : UInt64.max << UInt64(shift)
    }
}
