import IOVACore
import IOVAStepper

/// The part of the domain the minimap and the zoom levels cover, `[0, top]`: whole hex digits,
/// so each zoom level splits its window into 16 aligned ones and all above `top` is empty.
struct AddressExtent {
    /// The highest allocated pfn (clamped to the domain), if any.
    let highest: UInt64?
    /// The fewest hex digits holding every range, the limit, the 4 GiB boundary and the start.
    let digits: Int
    /// `16^digits - 1`, or the domain's top when that is lower.
    let top: UInt64

    init(ranges: RangeIndex, facts: AddressFacts) {
        let maxPFN = facts.maxPFN
        let highest = ranges.last(startingAtOrBelow: maxPFN).map { min($0.hi, maxPFN) }
        self.highest = highest
        let used = max(highest ?? 0, facts.limit ?? 0, facts.dma32PFN - 1, facts.startPFN)
        digits = max(1, (64 - used.leadingZeroBitCount + 3) / 4)
        top = digits >= 16 ? maxPFN : min(maxPFN, (UInt64(1) << UInt64(4 * digits)) - 1)
    }
}
