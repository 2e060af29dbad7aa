import IOVACore
import IOVAStepper

/// The address pane for one frame, `width` cells wide: its parts, each computed from the
/// frame's facts and drawing its own rows. Each part asks the frame's range index for the
/// allocated pfns under its cells only, so the cost follows the cells drawn rather than the
/// ranges live.
struct AddressRender {
    let facts: AddressFacts
    /// The bar with its marker and label rows, the minimap, the zoom rows (when zoomed), and
    /// the title and legend.
    let barRows: AddressBar
    let minimapRow: AddressMinimap
    let zoomRows: AddressZoomStrip?
    let captions: AddressCaptions

    init(frame: Frame, view: AddressView, width: Int, glyphs: Glyphs, cached: CachedRanges? = nil) {
        let width = max(0, width)
        let facts = AddressFacts(frame: frame)
        self.facts = facts
        let look = AddressLook(facts: facts, glyphs: glyphs, cached: cached, dmaPath: frame.rcache != nil)
        let extent = AddressExtent(ranges: frame.ranges, facts: facts)
        barRows = AddressBar(ranges: frame.ranges, facts: facts, look: look, width: width)
        zoomRows = AddressZoomStrip(view: view, extent: extent, facts: facts, ranges: frame.ranges, look: look, width: width)
        minimapRow = AddressMinimap(ranges: frame.ranges, extent: extent, window: zoomRows?.window, width: width, glyphs: glyphs)
        captions = AddressCaptions(facts: facts, look: look, width: width)
    }

    func draw(into buffer: inout CellBuffer, on lines: AddressPane.Lines) {
        lines.put(captions.title, on: .title, into: &buffer)
        barRows.draw(into: &buffer, on: lines)
        minimapRow.draw(into: &buffer, on: lines)
        zoomRows?.draw(into: &buffer, on: lines)
        lines.put(captions.legend, on: .legend, into: &buffer)
    }

    // What the pane's layout and the tests read of the parts.
    var axis: AddressAxis { barRows.axis }
    var bar: [Cell] { barRows.cells }
    var barMarkers: [PlacedMarker] { barRows.markers }
    var minimap: [Cell] { minimapRow.cells }
    var window: PFNRange? { zoomRows?.window }
    var zoomPer: UInt64 { zoomRows?.per ?? 1 }
    var zoomMarkers: [PlacedMarker] { zoomRows?.markers ?? [] }
}
