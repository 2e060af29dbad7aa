import IOVAStepper

/// Draws a whole frame: the panes of docs/screen.md at any size, or the "too small" screen.
public enum FrameView {
    public static func render(_ frame: Frame, width: Int, height: Int, glyphs: Glyphs,
                              address: AddressView = AddressView(), playing: String? = nil,
                              logScroll: Int = 0, logFocused: Bool = false, treeExpanded: Bool = false,
                              narration: Narration? = nil, hints: [(key: String, action: String)] = KeyHints.defaultHints,
                              timeline: Timeline? = nil) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        draw(frame, glyphs: glyphs, address: address, playing: playing, logScroll: logScroll, logFocused: logFocused,
             treeExpanded: treeExpanded, narration: narration, hints: hints, timeline: timeline, into: &buffer)
        if glyphs.isASCII { buffer.transliterateToASCII() }
        return buffer
    }

    static func draw(_ frame: Frame, glyphs: Glyphs, address: AddressView, playing: String?,
                     logScroll: Int, logFocused: Bool, treeExpanded: Bool, narration: Narration? = nil,
                     hints: [(key: String, action: String)] = KeyHints.defaultHints, timeline: Timeline? = nil,
                     into buffer: inout CellBuffer) {
        let rows = narration.map { FrameLayout.narrationRows(width: buffer.width, height: buffer.height,
                                                             bodyLines: $0.bodyLines(width: buffer.width).count) } ?? 0
        let magazineRows = frame.rcache == nil ? 0 : MagazinePane.preferredRows
        let timelineRows = timeline.map { Timeline.rows(strips: $0.strips.count, height: buffer.height) } ?? 0
        guard let layout = FrameLayout(width: buffer.width, height: buffer.height, narrationRows: rows, magazineRows: magazineRows,
                                       timelineRows: timelineRows) else {
            drawTooSmall(into: &buffer)
            return
        }
        // The cached-but-free ranges, read once for both panes that mark them.
        let cached = CachedRanges(frame)
        StatusBar.draw(frame, playing: playing, in: layout.status, into: &buffer)
        if let timeline { TimelinePane.draw(timeline, in: layout.timeline, into: &buffer, glyphs: glyphs) }
        AddressPane.draw(frame, view: address, in: layout.address, into: &buffer, glyphs: glyphs, cached: cached)
        MagazinePane.draw(frame, in: layout.magazines, into: &buffer, glyphs: glyphs)
        TreePane.draw(frame, expanded: treeExpanded, in: layout.tree, into: &buffer, glyphs: glyphs, cached: cached)
        for y in layout.tree.y..<layout.tree.maxY {
            buffer.put(layout.tree.maxX, y, glyphs.vertical, .border)
        }
        CodePane.draw(frame, in: layout.code, into: &buffer, glyphs: glyphs)
        LogPane.draw(frame, scroll: logScroll, focused: logFocused, in: layout.log, into: &buffer, glyphs: glyphs)
        ExplanationPane.draw(frame, in: layout.explanation, into: &buffer)
        if let narration { NarrationPane.draw(narration, in: layout.narration, into: &buffer, glyphs: glyphs) }
        KeyHints.draw(hints, in: layout.hints, into: &buffer)
    }

    /// "terminal too small: W×H, need …", centred as far as it fits; `q` still works around it.
    static func drawTooSmall(into buffer: inout CellBuffer) {
        let lines = ["terminal too small: \(buffer.width)x\(buffer.height)",
                     "need \(FrameLayout.minimumWidth)x\(FrameLayout.minimumHeight)", "q quits"]
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (buffer.width - line.count) / 2)
            buffer.write(line, x: x, y: top + i, role: i == 0 ? .error : .normal)
        }
    }
}
