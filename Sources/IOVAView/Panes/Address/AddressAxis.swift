import IOVACore

/// A free span of the domain that may be collapsed into a break.
struct AddressPiece: Hashable {
    var lo: UInt64
    var hi: UInt64
    var size: UInt64 { hi - lo + 1 }
}

/// The gap-collapsed axis of the main bar: low pfns on the left, high on the right; regions drawn
/// to one scale (a power-of-two number of pfns per cell, or of cells per pfn), free gaps too
/// large for that replaced by fixed-width breaks labelled with their size in bytes, and the
/// anchor (pfn 2^64-1, beyond the domain) as the last cell.
struct AddressAxis {
    struct Item {
        var lo: UInt64
        var hi: UInt64
        var isBreak: Bool
        var x = 0
        var width = 0
        /// Pfns per cell (regions): a power of two, cells aligned to it, so a cell's pfns share
        /// their high hex digits.
        var per: UInt64 = 1
        /// Cells per pfn (regions whose pfns all fit, magnified alike).
        var mag: Int = 1

        var span: UInt64 { hi - lo + 1 }

        /// The pfns under cell `j` of a region.
        func cell(_ j: Int) -> PFNRange {
            if mag > 1 {
                let p = lo + UInt64(j / mag)
                return PFNRange(lo: p, hi: p)
            }
            let start = (lo / per + UInt64(j)) * per
            return PFNRange(lo: max(lo, start), hi: min(hi, start + (per - 1)))
        }

        /// The first cell of a region holding `pfn` (inside the item).
        func column(_ pfn: UInt64) -> Int {
            let off = pfn - lo
            if isBreak {
                guard width > 1 else { return x }
                return x + Int(min(AddressFormat.mulDiv(off, UInt64(width), span), UInt64(width - 1)))
            }
            if mag > 1 { return x + Int(off) * mag }
            return x + min(Int(pfn / per - lo / per), width - 1)
        }
    }

    let width: Int
    let maxPFN: UInt64
    let breakWidth: Int
    private(set) var items: [Item] = []
    /// The anchor's column, when drawn, and the column of the separator before it.
    private(set) var anchorX: Int?
    private(set) var separatorX: Int?

    /// Lays out an axis `width` cells wide. `gaps` are the free pieces that may collapse, the
    /// largest first.
    init(width: Int, maxPFN: UInt64, hasAnchor: Bool, gaps: [AddressPiece]) {
        self.width = max(0, width)
        self.maxPFN = maxPFN
        breakWidth = width >= 60 ? 8 : (width >= 30 ? 6 : (width >= 12 ? 2 : 1))
        guard self.width > 0 else { return }
        // The anchor: the last cell, after a separator marking the end of the domain.
        let anchorCells = hasAnchor ? (self.width >= 20 ? 2 : (self.width >= 3 ? 1 : 0)) : 0
        if anchorCells > 0 { anchorX = self.width - 1 }
        if anchorCells > 1 { separatorX = self.width - 2 }
        let budget = max(0, (self.width - anchorCells - 1) / (breakWidth + 1))
        var collapsed: [AddressPiece] = []
        var used = [Bool](repeating: false, count: gaps.count)
        var layout = Self.solve(collapsed, width: self.width - anchorCells, maxPFN: maxPFN, breakWidth: breakWidth)
        // Collapse the largest gap while it would be drawn wider than a break at its region's
        // scale and some region is still compressed (more than one pfn per cell).
        while collapsed.count < budget, layout.compressed {
            var chosen: Int?
            for (i, g) in gaps.enumerated() where !used[i] {
                guard let r = layout.items.last(where: { !$0.isBreak && $0.lo <= g.lo }), r.hi >= g.hi else { continue }
                if g.size / r.per > UInt64(breakWidth) {
                    chosen = i
                    break
                }
            }
            guard let i = chosen else { break }
            used[i] = true
            let at = collapsed.firstIndex { $0.lo > gaps[i].lo } ?? collapsed.count
            collapsed.insert(gaps[i], at: at)
            layout = Self.solve(collapsed, width: self.width - anchorCells, maxPFN: maxPFN, breakWidth: breakWidth)
        }
        items = layout.items
    }

    /// Regions between the collapsed pieces, all at one scale: the fewest pfns per cell (a power
    /// of two, cells aligned to it) that fits, or up to 4 cells per pfn when everything fits at
    /// one; spare cells widen the breaks.
    private static func solve(_ collapsed: [AddressPiece], width: Int, maxPFN: UInt64, breakWidth: Int)
        -> (items: [Item], compressed: Bool) {
        var items: [Item] = []
        var cur: UInt64 = 0
        var done = false
        for p in collapsed {
            if p.lo > cur { items.append(Item(lo: cur, hi: p.lo - 1, isBreak: false)) }
            items.append(Item(lo: p.lo, hi: p.hi, isBreak: true))
            if p.hi >= maxPFN { done = true } else { cur = p.hi + 1 }
        }
        if !done { items.append(Item(lo: cur, hi: maxPFN, isBreak: false)) }
        let breaks = collapsed.count
        let available = max(0, width - breaks * breakWidth)
        let regions = items.indices.filter { !items[$0].isBreak }
        // One scale for every region: the fewest pfns per cell (a power of two) that fits.
        func cells(_ per: UInt64) -> UInt64 {
            regions.reduce(0) { $0 + (items[$1].hi / per - items[$1].lo / per + 1) }
        }
        var per = UInt64(1)
        while per < (UInt64(1) << 62), cells(per) > UInt64(available) { per <<= 1 }
        var used = 0
        for i in regions {
            items[i].per = per
            items[i].width = Int(items[i].hi / per - items[i].lo / per + 1)
            used += items[i].width
        }
        let compressed = per > 1
        if !compressed, used > 0 {
            let mag = min(4, max(1, available / used))
            if mag > 1 {
                for i in regions {
                    items[i].mag = mag
                    items[i].width *= mag
                }
                used *= mag
            }
        }
        // Spare cells go to the breaks, or after the last region when there is none.
        let spare = max(0, available - used)
        var x = 0
        var b = 0
        for i in items.indices {
            items[i].x = x
            if items[i].isBreak {
                items[i].width = breakWidth + spare / breaks + (b < spare % breaks ? 1 : 0)
                b += 1
            }
            x += items[i].width
        }
        return (items, compressed)
    }

    /// The item holding `pfn` (nil above the domain).
    func itemIndex(_ pfn: UInt64) -> Int? {
        guard pfn <= maxPFN, !items.isEmpty else { return nil }
        var lo = 0, hi = items.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if items[mid].lo <= pfn { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The column drawing `pfn`; pfns above the domain (the anchor) map to the last column.
    func column(_ pfn: UInt64) -> Int? {
        guard width > 0 else { return nil }
        guard let i = itemIndex(pfn) else { return anchorX ?? width - 1 }
        return min(items[i].column(pfn), width - 1)
    }
}
