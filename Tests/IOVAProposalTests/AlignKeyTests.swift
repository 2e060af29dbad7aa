// AlignKey against its definition (docs/algorithms/align-aware.md § The key), by brute force
// over small gaps and at the top of the 64-bit space: the packed comparison `key >= 2^o + size`
// must say "fits" exactly when some 2^o-aligned pfn p has [p, p + size - 1] inside the gap.
import IOVACore
import Testing

@Suite struct AlignKeyTests {
    /// `room_k` as defined: pages from the first 2^k-aligned pfn at or above lo to hi, or 0.
    static func room(_ lo: UInt64, _ hi: UInt64, _ k: Int) -> UInt64 {
        var p = lo
        while p <= hi && p % (UInt64(1) << UInt64(k)) != 0 { p += 1 }
        return p <= hi ? hi - p + 1 : 0
    }

    /// Whether a size-aligned request fits the gap, by trying every aligned start.
    static func fits(_ lo: UInt64, _ hi: UInt64, size: UInt64) -> Bool {
        var align: UInt64 = 1
        while align < size { align <<= 1 }
        var p = (lo + align - 1) / align * align
        while p + size - 1 <= hi {
            if p >= lo { return true }
            p += align
        }
        return false
    }

    @Test("order and room are the definition's a and r on every gap within [0, 150)")
    func orderAndRoom() {
        for lo in UInt64(0)..<150 {
            for hi in lo..<150 {
                let key = AlignKey.of(lo: lo, hi: hi)
                let a = (0..<10).last { Self.room(lo, hi, $0) >= (UInt64(1) << UInt64($0)) }!
                #expect(key.order == a, "[\(lo), \(hi)]")
                #expect(key.room == Self.room(lo, hi, a + 1), "[\(lo), \(hi)]")
                #expect(key.room < UInt64(1) << UInt64(a + 1))
            }
        }
        #expect(AlignKey.empty.order == nil && AlignKey.of(gap: 0, below: 100) == .empty)
    }

    @Test("key >= 2^o + size decides a size-aligned fit exactly (gaps within [0, 130), sizes 1…70)")
    func thresholdIsExact() {
        for lo in UInt64(0)..<130 {
            for hi in lo..<130 {
                let key = AlignKey.of(lo: lo, hi: hi)
                for size in UInt64(1)...70 {
                    let threshold = AlignKey.threshold(size: size)!
                    #expect((key.packed >= threshold) == Self.fits(lo, hi, size: size), "[\(lo), \(hi)] size \(size)")
                }
            }
        }
    }

    @Test("the maximum of keys decides whether any of the gaps fits (random sets of gaps)")
    func maximumDecidesAny() {
        var rng = SplitMix(seed: 0xA11)
        for _ in 0..<3000 {
            let gaps = (0..<Int(rng.next() % 5 + 1)).map { _ -> (UInt64, UInt64) in
                let lo = rng.next() % 4096, len = rng.next() % 300 + 1
                return (lo, lo + len - 1)
            }
            let best = gaps.map { AlignKey.of(lo: $0.0, hi: $0.1) }.max()!
            let size = rng.next() % 256 + 1
            let any = gaps.contains { Self.fits($0.0, $0.1, size: size) }
            #expect((best.packed >= AlignKey.threshold(size: size)!) == any, "\(gaps) size \(size)")
        }
    }

    @Test("gaps at the top of the 64-bit space: no overflow, the saturated key still decides")
    func topOfTheSpace() {
        let top = UInt64.max - 1                                  // the anchor's gap ends here
        let anchorGap = AlignKey.of(lo: 0x100000, hi: top)      // (62, 2^63 - 1): UInt64.max
        #expect(anchorGap.packed == .max && anchorGap.order == 62 && anchorGap.room == (1 << 63) - 1)
        #expect(AlignKey.of(lo: 0, hi: top).packed == .max)        // an aligned 2^63 block: saturated
        let high = AlignKey.of(lo: top - 20, hi: top)             // [2^64-22, 2^64-2]
        // 8 pages fit from 2^64-16; 16 do not (2^64-16 + 15 is past the top): (3, 15).
        #expect(high.order == 3 && high.room == 15)
        for size in UInt64(1)...40 {
            #expect((high.packed >= AlignKey.threshold(size: size)!) == (size <= 15), "size \(size)")
        }
        #expect(AlignKey.threshold(size: 1 << 30) == (1 << 30) + (1 << 30))
        #expect(AlignKey.threshold(size: (1 << 30) + 1) == nil)   // o = 31: the stored keys cannot decide
        #expect(anchorGap.stored == .max && high.stored == UInt32(high.packed))
    }
}

/// A tiny deterministic generator, independent of the code under test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
