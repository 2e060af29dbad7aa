/// The fixed parameters of an IOVA domain (`init_iova_domain(granule, start_pfn)`).
public struct DomainConfig: Hashable, Sendable {
    /// Lowest allocatable pfn (inclusive).
    public let startPFN: UInt64
    /// Bytes per pfn: a power of two.
    public let granule: UInt64
    /// `iova_shift`: log2 of the granule.
    public let shift: Int
    /// `dma_32bit_pfn`: the first pfn at or above 4 GiB, `1 << (32 - shift)`.
    public let dma32PFN: UInt64
    /// Highest pfn the domain can address, `(2^64 - 1) >> shift` (the `dma64` limit).
    public let maxPFN: UInt64
    /// Online CPUs, each with its own magazines in the rcache (`domain … cpus=N`, 1…64).
    public let cpus: Int

    /// The pfn of the anchor node, `IOVA_ANCHOR` = 2^64 - 1.
    public static let anchorPFN: UInt64 = .max

    /// Granules accepted: powers of two from 2 bytes to 4 GiB. The kernel requires at most
    /// PAGE_SIZE; larger page sizes (64 KiB) occur on other architectures. A granule of 1 would
    /// let `reserve` reach the anchor, which the kernel never allows to happen.
    public static let granuleRange: ClosedRange<UInt64> = 2...(1 << 32)

    public static let standard = DomainConfig(uncheckedStart: 1, granule: 4096)

    /// Online CPUs accepted (`num_online_cpus()`).
    public static let cpuRange: ClosedRange<Int> = 1...64

    public enum Problem: Error, Equatable, Sendable {
        case granuleNotPowerOfTwo(UInt64)
        case granuleOutOfRange(UInt64)
        case cpusOutOfRange(Int)
    }

    public init(startPFN: UInt64 = 1, granule: UInt64 = 4096, cpus: Int = 1) throws(Problem) {
        guard granule.nonzeroBitCount == 1 else { throw .granuleNotPowerOfTwo(granule) }
        guard Self.granuleRange.contains(granule) else { throw .granuleOutOfRange(granule) }
        guard Self.cpuRange.contains(cpus) else { throw .cpusOutOfRange(cpus) }
        self.init(uncheckedStart: startPFN, granule: granule, cpus: cpus)
    }

    private init(uncheckedStart startPFN: UInt64, granule: UInt64, cpus: Int = 1) {
        self.cpus = cpus
        self.startPFN = startPFN
        self.granule = granule
        self.shift = granule.trailingZeroBitCount
        self.dma32PFN = UInt64(1) << UInt64(32 - shift)
        self.maxPFN = UInt64.max >> UInt64(shift)
    }

    /// The highest pfn reachable under an N-bit DMA mask, `(2^N >> shift) - 1`, 32 ≤ N ≤ 64.
    public func dmaLimit(bits: Int) -> UInt64 {
        precondition((32...64).contains(bits), "DMA mask width out of range")
        if bits == 64 { return maxPFN }
        return ((UInt64(1) << UInt64(bits)) >> UInt64(shift)) - 1
    }

    /// The inclusive limit of a 32-bit DMA mask (`dma32`).
    public var dma32Limit: UInt64 { dma32PFN - 1 }
}
