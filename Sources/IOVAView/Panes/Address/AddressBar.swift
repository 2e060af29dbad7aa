import IOVACore
import IOVAStepper

/// The main bar, the whole domain on the gap-collapsed axis, and the two rows under it: the
/// markers, and the first and last pfn of each region.
struct AddressBar {
    let axis: AddressAxis
    private(set) var cells: [Cell]
    private(set) var markers: [PlacedMarker] = []
    private(set) var markerRow: [Cell]
    /// The markers with the regions' first pfns where there is room (when no labels row).
    private(set) var markerLabelRow: [Cell]
    /// The first and last pfn of each region, where there is room.
    private(set) var labelRow: [Cell]

    init(ranges: RangeIndex, facts: AddressFacts, look: AddressLook, width: Int) {
        let axis = AddressAxis(ranges: ranges, facts: facts, width: width)
        self.axis = axis
        cells = .blank(width)
        markerRow = .blank(width)
        markerLabelRow = .blank(width)
        labelRow = .blank(width)

        // The allocated pfns under each cell: two prefix-sum queries of the range index per
        // cell, skipped in regions with no range at all (most of a sparse domain).
        var regionUsed = [Bool](repeating: false, count: axis.items.count)
        for (k, it) in axis.items.enumerated() {
            if it.isBreak {
                drawBreak(it, look: look, granule: facts.granule)
                continue
            }
            regionUsed[k] = ranges.allocated(in: PFNRange(lo: it.lo, hi: it.hi)) > 0
            for j in 0..<it.width where it.x + j < width {
                cells[it.x + j] = look.cell(it.cell(j), alloc: regionUsed[k] ? ranges.allocated(in: it.cell(j)) : 0)
            }
        }
        if let ax = axis.anchorX { cells[ax] = Cell(look.glyphs.allocated, .reserved) }
        if let sx = axis.separatorX { cells[sx] = Cell(look.glyphs.vertical, .dim) }

        // Markers under the bar, then the regions' first pfns where there is room, used regions
        // first: their pfns are the ones worth reading.
        let marks = facts.markers.compactMap { m in axis.column(m.pfn).map { (m, $0) } }
        markers = PlacedMarker.place(marks, width: width, glyphs: look.glyphs, into: &markerRow)
        var order = axis.items.indices.filter { !axis.items[$0].isBreak }
        order.sort { (regionUsed[$0] ? 0 : 1, $0) < (regionUsed[$1] ? 0 : 1, $1) }
        markerLabelRow = markerRow
        for i in order {
            let it = axis.items[i]
            markerLabelRow.label(AddressFormat.hex(it.lo), at: it.x, role: .dim)
            labelRow.label(AddressFormat.hex(it.lo), at: it.x, role: .dim)
        }
        for i in order {
            let it = axis.items[i]
            guard it.span >= 8 else { continue }
            let text = AddressFormat.hex(it.hi)
            labelRow.label(text, at: it.x + it.width - text.unicodeScalars.count, role: .dim)
        }
    }

    /// A collapsed gap: filled with the break glyph (the examined glyph when the search is
    /// looking at it), its size in bytes centred: `≈≈3.5G≈≈`, `▒≈3.5G≈▒`, or `▒3.5G▒` when narrow.
    private mutating func drawBreak(_ it: AddressAxis.Item, look: AddressLook, granule: UInt64) {
        let width = cells.count
        let fill = look.breakFill(PFNRange(lo: it.lo, hi: it.hi))
        for j in 0..<it.width where it.x + j < width { cells[it.x + j] = fill }
        let size = AddressFormat.bytes(pages: it.span, granule: granule)
        let n = size.unicodeScalars.count
        let label: String
        if it.width >= n + 4 {
            label = String(look.glyphs.axisBreak) + size + String(look.glyphs.axisBreak)
        } else if it.width >= n + 2 {
            label = size
        } else {
            return
        }
        let x0 = it.x + (it.width - label.unicodeScalars.count) / 2
        for (j, s) in label.unicodeScalars.enumerated() where x0 + j < width { cells[x0 + j] = Cell(s, fill.role) }
    }

    func draw(into buffer: inout CellBuffer, on lines: AddressPane.Lines) {
        lines.put(cells, on: .bar, into: &buffer)
        lines.put(lines.shows(.labels) ? markerRow : markerLabelRow, on: .markers, into: &buffer)
        lines.put(labelRow, on: .labels, into: &buffer)
    }
}
