import IOVACore
import IOVAStepper

/// The zoom rows: a header, one aligned window of `16^(digits - level)` pfns at a power-of-two
/// number of pfns per cell (so a cell's pfns share their high hex digits), and its markers.
/// Each level is ×16: one more hex digit of the address fixed.
struct AddressZoomStrip {
    let level: Int
    let window: PFNRange
    /// Pfns per cell, and the cells drawn (at most 256, fewer for a narrow pane or window).
    let per: UInt64
    let cellCount: Int
    private(set) var header: [Cell]
    private(set) var cells: [Cell]
    private(set) var markers: [PlacedMarker] = []
    private(set) var markerRow: [Cell]

    /// nil when not zoomed, or when the extent is one hex digit and there is nothing to zoom.
    init?(view: AddressView, extent: AddressExtent, facts: AddressFacts, ranges: RangeIndex, look: AddressLook, width: Int) {
        let level = view.zoom > 0 ? min(view.zoom, extent.digits - 1) : 0
        guard level > 0 else { return nil }
        self.level = level
        let span = UInt64(1) << UInt64(4 * (extent.digits - level))
        let centre = min(view.centre ?? facts.follow(fallback: extent.highest ?? facts.dma32PFN - 1), facts.maxPFN)
        let lo = centre & ~(span - 1)
        let window = PFNRange(lo: lo, hi: min(facts.maxPFN, lo + (span - 1)))
        self.window = window
        var n = 1
        while n * 2 <= min(width, 256) && UInt64(n * 2) <= span { n *= 2 }
        cellCount = width > 0 ? n : 0
        per = span / UInt64(max(1, n))

        header = .blank(width)
        cells = .blank(width)
        markerRow = .blank(width)
        let first = AddressFormat.hex(window.lo), last = AddressFormat.hex(window.hi), each = AddressFormat.hex(per)
        let headers = [
            "zoom \(level): window \(first)..\(last) (1 col = \(each) pfn)",
            "zoom \(level): \(first)..\(last), 1 col = \(each) pfn",
            "z\(level) \(first)..\(last) \(each)/col",
        ]
        header.write(headers.first { $0.unicodeScalars.count <= width } ?? headers[headers.count - 1], at: 0, role: .dim)
        for j in 0..<cellCount {
            let lo = window.lo + UInt64(j) * per
            let alloc = ranges.allocated(in: PFNRange(lo: lo, hi: min(window.hi, lo + (per - 1))))
            cells[j] = look.cell(PFNRange(lo: lo, hi: lo + (per - 1)), alloc: alloc)
        }
        let marks = facts.markers.compactMap { m -> (AddressMarker, Int)? in
            guard window.contains(m.pfn) else { return nil }
            return (m, Int((m.pfn - window.lo) / per))
        }
        markers = PlacedMarker.place(marks, width: width, glyphs: look.glyphs, into: &markerRow)
    }

    func draw(into buffer: inout CellBuffer, on lines: AddressPane.Lines) {
        lines.put(header, on: .zoomHeader, into: &buffer)
        lines.put(cells, on: .zoom, into: &buffer)
        lines.put(markerRow, on: .zoomMarkers, into: &buffer)
    }
}
