import IOVACore
import IOVAStepper

/// The zoom and pan state of the address pane, kept by the interactive UI.
public struct AddressView: Sendable, Equatable {
    /// 0 = no zoom row; level k shows one 16^(d-k)-pfn window, where 16^d covers the used part
    /// of the domain (every range, the limit and the 4 GiB boundary): each level is ×16.
    public var zoom: Int = 0
    /// The pfn the zoom window holds; nil = follow the search (examined gap, else the found
    /// range, else the limit).
    public var centre: UInt64? = nil
    public init() {}
}

/// The "Address space" pane (docs/screen.md § Address space).
///
/// Rows, most important first (drawn as the height allows, shown top to bottom as title, bar,
/// markers, labels, minimap, zoom header, zoom row, zoom markers, legend):
/// 1. the bar: the whole domain, low pfns left, high right, on a gap-collapsed axis: regions to
///    scale (each a whole number of pfns per cell, or of cells per pfn) and free gaps too large
///    for that replaced by breaks `≈3.5G≈` giving their size in bytes; the last cell is the anchor;
/// 2. markers (`L`, `4G`, `C`, `C32`, `S`, `A`, `▲` the candidate, `◆` the node the search is
///    at) under the cells their pfns map to;
/// 3. a minimap `[0, 16^d)` with occupancy levels (one page is never invisible) and the zoom
///    window in brackets;
/// 4. with `zoom > 0`: the window header, its cells (a power-of-two number of pfns each) and
///    its markers;
/// 5. the title and a legend;
///    on the DMA path, ranges a magazine holds (cached but free) have their own glyph `▚`;
/// 6. the first and last pfn of each region (on the marker row, where there is room, when the
///    height leaves no row for them).
public enum AddressPane {
    /// Draws the address space of `frame` into `area` (clipped; never traps for any area, even 0×0).
    /// `cached`: the frame's cached-but-free ranges when the caller has read them already.
    public static func draw(_ frame: Frame, view: AddressView, in area: Rect, into buffer: inout CellBuffer, glyphs: Glyphs,
                            cached: CachedRanges? = nil) {
        let visible = area.clipped(to: buffer.area)
        guard !visible.isEmpty else { return }
        let width = min(area.width, 4096)
        let render = AddressRender(frame: frame, view: view, width: width, glyphs: glyphs, cached: cached ?? CachedRanges(frame))
        let lines = Lines(rows: layout(height: area.height, zoomed: render.window != nil), area: area, clip: visible)
        render.draw(into: &buffer, on: lines)
    }

    enum Row: Int, CaseIterable {
        case title, bar, markers, labels, minimap, zoomHeader, zoom, zoomMarkers, legend
    }

    /// The rows shown in `height` lines, in screen order.
    static func layout(height: Int, zoomed: Bool) -> [Row] {
        var priority: [Row] = [.bar, .markers, .minimap]
        if zoomed { priority += [.zoom, .zoomHeader] }
        priority += [.title, .legend, .labels]
        if zoomed { priority.append(.zoomMarkers) }
        let chosen = Set(priority.prefix(max(0, height)))
        return Row.allCases.filter { chosen.contains($0) }
    }

    /// The screen lines of the rows shown, for the pane's parts to draw their rows on.
    struct Lines {
        let rows: [Row]
        let area: Rect
        let clip: Rect

        func shows(_ row: Row) -> Bool { rows.contains(row) }

        /// Draws `cells` on the line of `row`, if shown; blank cells leave the buffer as it is.
        func put(_ cells: [Cell], on row: Row, into buffer: inout CellBuffer) {
            guard let y = rows.firstIndex(of: row) else { return }
            for (x, cell) in cells.enumerated() where cell != .blank {
                buffer.put(area.x + x, area.y + y, cell.glyph, cell.role, clip: clip)
            }
        }
    }
}
