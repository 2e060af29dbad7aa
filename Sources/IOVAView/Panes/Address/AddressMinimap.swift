import IOVACore
import IOVAStepper

/// The minimap: `[0, extent]` to a linear scale, so the regions the bar magnifies and the gaps
/// it collapses show at their true size; occupancy levels per cell (one page is never
/// invisible), the zoom window in brackets.
struct AddressMinimap {
    private(set) var cells: [Cell]

    init(ranges: RangeIndex, extent: AddressExtent, window: PFNRange?, width: Int, glyphs: Glyphs) {
        cells = .blank(width)
        // A "map " prefix and a "..0x…" suffix (the extent's top) when there is room.
        let suffix = " .." + AddressFormat.hex(extent.top)
        let prefix = width >= 24 ? "map " : ""
        let showSuffix = width - prefix.count - suffix.unicodeScalars.count >= 16
        let x0 = prefix.count
        let count = extent.top &+ 1  // 0 only if the extent were all of 2^64
        let scale = MiniScale(cells: max(0, width - x0 - (showSuffix ? suffix.unicodeScalars.count : 0)),
                              count: count == 0 ? .max : count)
        guard scale.cells > 0 else { return }

        if !prefix.isEmpty { cells.write(prefix, at: 0, role: .dim) }
        let levels = glyphs.levels
        for j in 0..<scale.cells {
            let cell = scale.range(j)
            let n = ranges.allocated(in: cell)
            if n == 0 {
                cells[x0 + j] = Cell(glyphs.horizontal, .dim)
            } else {
                let level = n >= cell.count ? levels.count - 1
                    : min(levels.count - 2, max(1, 1 + Int(AddressFormat.mulDiv(n, UInt64(levels.count - 2), cell.count))))
                cells[x0 + j] = Cell(levels[max(0, level)], .allocated)
            }
        }
        if showSuffix { cells.write(suffix, at: x0 + scale.cells, role: .dim) }
        if let window, window.lo <= extent.top {
            let l = x0 + scale.cell(of: window.lo) - 1
            let r = x0 + scale.cell(of: min(window.hi, extent.top)) + 1
            if l >= 0 { cells[l] = Cell("[", .border) }
            if r < width { cells[r] = Cell("]", .border) }
        }
    }

    func draw(into buffer: inout CellBuffer, on lines: AddressPane.Lines) {
        lines.put(cells, on: .minimap, into: &buffer)
    }
}

/// The minimap's linear scale: `count` pfns from 0 over `cells` cells.
struct MiniScale {
    let cells: Int
    let count: UInt64

    func start(_ j: Int) -> UInt64 { AddressFormat.mulDiv(UInt64(j), count, UInt64(max(1, cells))) }

    func range(_ j: Int) -> PFNRange {
        let lo = start(j)
        let next = j + 1 >= cells ? count : start(j + 1)
        return PFNRange(lo: lo, hi: max(lo, next &- 1))
    }

    func cell(of pfn: UInt64) -> Int {
        guard cells > 0 else { return 0 }
        var j = min(cells - 1, Int(AddressFormat.mulDiv(pfn, UInt64(cells), count)))
        while j + 1 < cells, start(j + 1) <= pfn { j += 1 }
        while j > 0, start(j) > pfn { j -= 1 }
        return j
    }
}
