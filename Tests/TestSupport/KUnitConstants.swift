// The constants and generator of Rik van Riel's KUnit tests (docs/algorithms/README.md § KUnit sequences).

/// Constants of Rik's KUnit files, granule 4096.
public enum KL {
    public static let L32: UInt64 = 0xfffff
    public static let L33: UInt64 = 0x1fffff
    public static let L56: UInt64 = 0xfff_ffff_ffff
    public static let L64: UInt64 = 0x1000000   // (1 << 36) >> 12
}

/// The u32 LCG of the KUnit stress test, `rng = rng * 1103515245 + 12345` from 0xDEADBEEF.
public struct KUnitLCG {
    public var state: UInt32 = 0xDEAD_BEEF
    public init() {}
    public mutating func next() -> UInt32 {
        state = state &* 1_103_515_245 &+ 12345
        return state
    }
}
