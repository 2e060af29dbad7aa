/// How sentences, status lines and listings write numbers, so every pane and every policy's
/// narration agrees: pfns in hex, small page counts in decimal.
public enum Words {
    /// `0x1f`.
    public static func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }

    /// A page count: decimal below 10, hex from there (pfn arithmetic reads best in hex).
    public static func pages(_ v: UInt64) -> String { v < 10 ? "\(v)" : hex(v) }

    /// `[0x10..0x1f]`, or `anchor` for the anchor's range.
    public static func label(_ r: PFNRange) -> String {
        r.lo == DomainConfig.anchorPFN ? "anchor" : "[\(hex(r.lo))..\(hex(r.hi))]"
    }

    /// The alignment a size-aligned request of `size` pages gets: 2^fls(size − 1).
    public static func alignment(_ size: UInt64) -> String {
        let shift = Bits.fls(size - 1)
        return shift >= 64 ? "2^64" : pages(UInt64(1) << UInt64(shift))
    }
}
