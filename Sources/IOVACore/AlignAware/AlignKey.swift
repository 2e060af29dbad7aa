/// The `align-aware` key of one gap or of a whole subtree (docs/algorithms/align-aware.md).
///
/// For a gap `[lo, hi]` let `room_k` be the pages from its first 2^k-aligned pfn to `hi`
/// (0 when there is none). A size-aligned request of `size` pages is aligned to 2^o with
/// `o = fls(size - 1)`, and the gap holds it iff `room_o >= size`. The gap's key is the pair
///
///     a = the largest k with room_k >= 2^k      (the largest aligned power-of-two block)
///     r = room_{a+1}                             (always < 2^(a+1))
///
/// Since 2^(o-1) < size <= 2^o, the gap holds the request iff a >= o, or a = o - 1 and
/// r >= size. Packed as the single integer `2^(a+1) + r` the pairs order lexicographically
/// (a larger `a` always wins, since r < 2^(a+1)), and both cases merge into one comparison:
///
///     the gap holds the request  <=>  packed >= 2^o + size
///
/// So one subtree maximum of `packed` decides exactly whether any gap below a node can serve a
/// size-aligned request: the search prunes on it as the max-gap trees prune on the size.
/// `packed` is 0 for an empty gap. The largest value, `UInt64.max`, is (62, 2^63 - 1): the free
/// top of a domain whose ranges all lie below 2^63; a gap holding an aligned 2^63 block (the
/// top of an empty domain) saturates there too, which decides every request the key decides
/// (orders up to 62) the same way.
public struct AlignKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let packed: UInt64

    @inlinable public init(packed: UInt64) { self.packed = packed }

    public static let empty = AlignKey(packed: 0)

    /// `a`: the order of the largest aligned power-of-two block; nil for an empty gap.
    public var order: Int? { packed == 0 ? nil : Bits.fls(packed) - 2 }

    /// `r`: pages from the first 2^(a+1)-aligned pfn to the top (0 for the empty key).
    public var room: UInt64 {
        guard let a = order else { return 0 }
        return packed - (UInt64(1) << UInt64(a + 1))
    }

    /// The key of the gap `[lo, hi]` (`lo <= hi`). O(1): a gap of `len` pages always holds an
    /// aligned block of order fls(len) - 2 (any 2^(k+1) - 1 consecutive pfns contain one of
    /// 2^k) and never one of order fls(len), so `a` is one of two candidates.
    @inlinable public static func of(lo: UInt64, hi: UInt64) -> AlignKey {
        let length = hi &- lo &+ 1          // 0 only for [0, 2^64-1], which no gap spans
        let top = length == 0 ? 63 : Bits.fls(length) - 1
        let a = room(lo: lo, hi: hi, order: top) >= (UInt64(1) << UInt64(top)) ? top : top - 1
        if a >= 63 { return AlignKey(packed: .max) }
        return AlignKey(packed: (UInt64(1) << UInt64(a + 1)) + room(lo: lo, hi: hi, order: a + 1))
    }

    /// The key of the gap of `gap` pages just below `nodeLo` (0 pages: the empty key).
    @inlinable public static func of(gap: UInt64, below nodeLo: UInt64) -> AlignKey {
        gap == 0 ? .empty : of(lo: nodeLo - gap, hi: nodeLo - 1)
    }

    /// `room_k`: pages from the first 2^k-aligned pfn at or above `lo` to `hi`, or 0.
    @inlinable static func room(lo: UInt64, hi: UInt64, order k: Int) -> UInt64 {
        let mask = (UInt64(1) << UInt64(k)) - 1
        let (first, overflow) = lo & mask == 0 ? (lo, false) : (lo & ~mask).addingReportingOverflow(mask + 1)
        return overflow || first > hi ? 0 : hi - first + 1
    }

    /// The smallest packed key that holds a size-aligned request of `size` pages: `2^o + size`;
    /// nil when the request is too large for the stored keys to decide (o > 30: more than
    /// 2^30 pages, 4 TiB of 4 KiB pages), in which case the search prunes on the max gap alone.
    @inlinable public static func threshold(size: UInt64) -> UInt64? {
        let o = Bits.fls(size &- 1)
        return o > 30 ? nil : (UInt64(1) << UInt64(o)) + size
    }

    /// The key as a node stores it for a child's subtree: 32 bits, saturating. Exact for every
    /// threshold (at most 2^31): a saturated key is at least 2^32 - 1 and passes them all.
    @inlinable public var stored: UInt32 { UInt32(truncatingIfNeeded: Swift.min(packed, UInt64(UInt32.max))) }

    /// The value a saturated 32-bit child key reads back as: some gap holds a 2^30 block or more.
    public var isSaturated: Bool { packed == UInt64(UInt32.max) }

    public static func < (a: AlignKey, b: AlignKey) -> Bool { a.packed < b.packed }

    /// `(3,0x5)`: order and room; `-` for the empty key; `(≥30)` saturated.
    public var description: String {
        guard let a = order else { return "-" }
        if isSaturated { return "(≥30)" }
        return "(\(a),0x\(String(room, radix: 16)))"
    }
}
