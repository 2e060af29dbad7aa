import IOVAStepper

extension CompareView {
    /// The compare view of a tour chapter that opens on two policies: the chapter's banner
    /// under the status line and the tour's key hints, as a single-policy chapter has them.
    /// The view is drawn that many rows shorter and moved down under the banner; where the
    /// shorter view would not fit (small terminals), the banner covers the rows under the
    /// status line instead. Without a narration (not a tour), the plain compare view.
    public static func render(_ pair: PairStepper, narration: Narration?, width: Int, height: Int, glyphs: Glyphs,
                              playing: String? = nil, treeExpanded: Bool = false, timeline: Timeline? = nil) -> CellBuffer {
        let rows = narration.map { FrameLayout.narrationRows(width: width, height: height, bodyLines: $0.bodyLines(width: width).count) } ?? 0
        guard let narration, rows > 0 else {
            return render(pair, width: width, height: height, glyphs: glyphs, playing: playing,
                          treeExpanded: treeExpanded, timeline: timeline)
        }
        let shifted = CompareLayout(width: width, height: height - rows, magazineRows: 0, timelineRows: 0) != nil
        let view = render(pair, width: width, height: shifted ? height - rows : height, glyphs: glyphs, playing: playing,
                          treeExpanded: treeExpanded, timeline: timeline)
        var buffer = shifted ? CellBuffer(width: width, height: height) : view
        if shifted {
            for y in 0..<view.height {
                for x in 0..<width { buffer[x, y == 0 ? 0 : y + rows] = view[x, y] }
            }
        }
        buffer.fill(Rect(x: 0, y: 1, width: width, height: rows), " ", .normal)
        NarrationPane.draw(narration, in: Rect(x: 0, y: 1, width: width, height: rows), into: &buffer, glyphs: glyphs)
        let hints = Rect(x: 0, y: height - 1, width: width, height: 1)
        buffer.fill(hints, " ", .normal)
        KeyHints.draw(KeyHints.tourHints, in: hints, into: &buffer)
        if glyphs.isASCII { buffer.transliterateToASCII() }
        return buffer
    }
}
