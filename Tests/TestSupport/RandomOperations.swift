import IOVACore
import Testing

// Seeded random operation sequences for the differential tests of every policy against its
// brute-force model (docs/testing.md § Randomized model checks): mixed limits around 4 GiB,
// sizes 1..2^21, aligned or not, frees anywhere inside ranges and at arbitrary pfns,
// overlapping reserves. The one generator of the test targets: mainline, the gap-tree
// proposals, maple and the stepper's range index all draw their operations from it.

/// One randomized run: its seed, domain and length.
public struct RandomRun: Sendable, CustomTestStringConvertible {
    public let seed: UInt64
    public let startPFN: UInt64
    public let granule: UInt64
    public let ops: Int
    public init(seed: UInt64, startPFN: UInt64, granule: UInt64, ops: Int) {
        self.seed = seed
        self.startPFN = startPFN
        self.granule = granule
        self.ops = ops
    }
    public var testDescription: String { "seed \(hx(seed)), start_pfn \(hx(startPFN)), granule \(granule), \(ops) ops" }

    /// Operations per run. Long tier: 4,000 instead of 1,200. The live set reaches its churn
    /// level (~150 ranges) after about 600 operations, so the default tier still spends half
    /// of each run there.
    public static let opsPerRun = TestTier.scaled(default: 1_200, long: 4_000)

    /// The long run, when `IOVASCOPE_LONG_OPS` asks for one.
    public static var long: [RandomRun] {
        TestTier.longOps.map { [RandomRun(seed: 0xB001, startPFN: 1, granule: 4096, ops: $0)] } ?? []
    }

    /// Seven runs, each with its own seed: granules of 4 KiB and 64 KiB, start pfns 0, 1 and
    /// 0x1000, and two domains with almost no 32-bit space.
    public static let all: [RandomRun] = [
        RandomRun(seed: 0xA001, startPFN: 1, granule: 4096, ops: opsPerRun),
        RandomRun(seed: 0xA002, startPFN: 1, granule: 65536, ops: opsPerRun),
        RandomRun(seed: 0xA003, startPFN: 0x1000, granule: 4096, ops: opsPerRun),
        // start 0: a node can sit at pfn 0 (gap_to_prev 0, no predecessor).
        RandomRun(seed: 0xA004, startPFN: 0, granule: 65536, ops: opsPerRun),
        // Only 0x200 pfns below 4 GiB (like Scenario D): 32-bit failures, retries, max32
        // updates and short-circuits all the time.
        RandomRun(seed: 0xA005, startPFN: 0xffe00, granule: 4096, ops: opsPerRun),
        // The same with a 64 KiB granule (d32 = 0x10000): 0x100 pfns below 4 GiB.
        RandomRun(seed: 0xA006, startPFN: 0xff00, granule: 65536, ops: opsPerRun),
        RandomRun(seed: 0xA007, startPFN: 1, granule: 4096, ops: opsPerRun),
    ]
}

public enum RandomOp: CustomStringConvertible {
    case alloc(size: UInt64, limit: UInt64, aligned: Bool)
    case free(pfn: UInt64)
    case reserve(lo: UInt64, hi: UInt64)
    case find(pfn: UInt64)

    public var description: String {
        switch self {
        case let .alloc(size, limit, aligned): "alloc(size \(hx(size)), limit \(hx(limit)), aligned \(aligned))"
        case let .free(pfn): "free(\(hx(pfn)))"
        case let .reserve(lo, hi): "reserve(\(hx(lo)), \(hx(hi)))"
        case let .find(pfn): "find(\(hx(pfn)))"
        }
    }
}

/// Operations around the places where the policies are delicate: 4 GiB and its neighbours
/// (is32 flips between limit d32-1 and d32; mainline's cached32 and retry pass), N-bit masks,
/// small limits near start_pfn (32-bit failures), the edges of live ranges, and reserves
/// straddling 4 GiB (clamped_gap32 of a gap crossing the boundary).
public struct RandomOpGenerator {
    /// The stream; tests may draw from it too (mainline's probes), which keeps a run one
    /// reproducible sequence.
    public var rng: TestRNG
    public let start: UInt64
    /// dma_32bit_pfn: the first pfn at or above 4 GiB.
    public let d32: UInt64
    let shift: UInt64
    let maxPFN: UInt64

    public init(run: RandomRun) {
        rng = TestRNG(seed: run.seed)
        start = run.startPFN
        shift = UInt64(run.granule.trailingZeroBitCount)
        d32 = UInt64(1) << (32 - shift)
        maxPFN = UInt64.max >> shift
    }

    /// `(2^bits >> shift) - 1`, computed here rather than through DomainConfig.
    func dmaLimit(_ bits: UInt64) -> UInt64 { ((UInt64(1) << bits) >> shift) - 1 }

    mutating func pick(_ live: [PFNRange]) -> PFNRange? {
        live.isEmpty ? nil : live[Int(rng.below(UInt64(live.count)))]
    }

    mutating func size() -> UInt64 {
        let roll = rng.percent()
        if roll < 55 { return 1 + rng.below(8) }
        if roll < 92 { return 1 + rng.below(64) }
        if roll < 97 { return 65 + rng.below(1000) }
        return UInt64(1) << (10 + rng.below(12))       // occasionally large: 2^10 .. 2^21
    }

    mutating func limit(_ live: [PFNRange]) -> UInt64 {
        switch rng.percent() {
        case 0..<26: return d32 - 1                                   // dma32
        case 26..<40:                                                 // nearby, both sides
            let delta = rng.below(129)
            return delta <= 64 ? d32 - 1 - delta : d32 - 1 + (delta - 64)
        case 40..<60: return dmaLimit(33 + rng.below(24))            // dma33 .. dma56
        case 60..<74: return start + rng.below(4096)                  // small explicit limits
        case 74..<92:                                                 // edges of live ranges
            guard let r = pick(live) else { return d32 - 1 }
            switch rng.below(3) {
            case 0: return r.hi
            case 1: return r.lo == 0 ? r.hi : r.lo - 1
            default: return r.hi + rng.below(16)
            }
        default: return maxPFN                                        // dma64
        }
    }

    public mutating func next(_ live: [PFNRange]) -> RandomOp {
        // Allocations dominate until ~150 ranges are live, then frees do: the live set churns
        // instead of growing, which keeps validate() and the models' scans after every
        // operation affordable even over 1,000,000 operations. Above 150, 25% allocations
        // against 55% × 78% frees of live ranges leaves room for mainline's probes, which
        // refill a third of the freed ranges.
        let roll = rng.percent()
        if roll < (live.count < 150 ? 50 : 25) {
            let s = size()
            return .alloc(size: s, limit: limit(live), aligned: rng.below(2) == 0)
        }
        if roll < 80 {
            if rng.percent() < 78, let r = pick(live) {
                return .free(pfn: r.lo + rng.below(r.count))            // anywhere inside a range
            }
            switch rng.below(10) {                                    // arbitrary pfns
            case 0..<4: return .free(pfn: start + rng.below(8192))
            case 4..<7: return .free(pfn: d32 - 4096 + rng.below(8192))
            case 7..<9: return .free(pfn: rng.next())
            default: return .free(pfn: .max)                          // the anchor: never freed
            }
        }
        if roll < 93 {
            switch rng.below(20) {
            case 0..<8:                                               // around one live range
                guard let r = pick(live) else { fallthrough }
                let lo = r.lo - min(r.lo, rng.below(8))
                return .reserve(lo: lo, hi: r.hi + rng.below(40))
            case 8..<12:                                              // across several
                guard live.count > 1 else { fallthrough }
                let i = Int(rng.below(UInt64(live.count - 1)))
                let j = min(live.count - 1, i + 1 + Int(rng.below(4)))
                let lo = live[i].lo - min(live[i].lo, rng.below(4))
                return .reserve(lo: lo, hi: live[j].hi + rng.below(4))
            case 12..<15:                                             // straddling 4 GiB
                let lo = d32 - 1 - rng.below(64)
                return .reserve(lo: lo, hi: lo + rng.below(128))
            case 15..<18:                                             // somewhere low
                let lo = start + rng.below(8192)
                return .reserve(lo: lo, hi: lo + rng.below(16))
            default:                                                  // beyond the domain: nil
                return .reserve(lo: rng.below(1000), hi: maxPFN + 1 + rng.below(1000))
            }
        }
        if rng.below(2) == 0, let r = pick(live) { return .find(pfn: r.lo + rng.below(r.count)) }
        return .find(pfn: d32 - 4096 + rng.below(8192))
    }
}

