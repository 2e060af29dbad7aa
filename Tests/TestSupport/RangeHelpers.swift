import IOVACore

/// `[lo, hi]`.
public func R(_ lo: UInt64, _ hi: UInt64) -> PFNRange { PFNRange(lo: lo, hi: hi) }
/// A single-pfn range.
public func R(_ pfn: UInt64) -> PFNRange { PFNRange(lo: pfn, hi: pfn) }
/// `0x…` for messages.
public func hx(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
/// A range for messages, `nil` when absent.
public func hx(_ r: PFNRange?) -> String { r.map { "\($0)" } ?? "nil" }

extension IOVAPolicy {
    /// Every live range, ascending, anchor excluded.
    public func rangeList() -> [PFNRange] {
        var out: [PFNRange] = []
        out.reserveCapacity(liveCount)
        forEachRange { out.append($0) }
        return out
    }
}

/// The FNV-style hash of docs/algorithms/mainline.md § Golden results, over whole 64-bit words: (lo, hi) of every
/// range in ascending order, anchor excluded.
public func fnvHash(_ ranges: [PFNRange]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for r in ranges {
        h ^= r.lo
        h = h &* 0x100_0000_01b3
        h ^= r.hi
        h = h &* 0x100_0000_01b3
    }
    return h
}

/// splitmix64 for generating test operations: every randomized run replays from its seed.
/// Written out here rather than taken from IOVAWorkloads, whose copy is code under test.
public struct TestRNG: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    /// A value in `0..<n` (n > 0); modulo bias is irrelevant for test generation.
    public mutating func below(_ n: UInt64) -> UInt64 { next() % n }
    /// A percentage roll in `0..<100`.
    public mutating func percent() -> UInt64 { next() % 100 }
}
