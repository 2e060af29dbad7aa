/// What the tour's banner says: a heading and a few sentences.
public struct Narration: Sendable, Equatable {
    public var heading: String
    public var text: String
    /// Only the heading row (the `i` key folds the sentences away).
    public var collapsed: Bool

    public init(heading: String, text: String, collapsed: Bool = false) {
        self.heading = heading
        self.text = text
        self.collapsed = collapsed
    }

    /// The sentences wrapped to a banner `width` columns wide (one column of margin each side).
    func bodyLines(width: Int) -> [String] {
        collapsed ? [] : ExplanationPane.wrap(text, width: max(1, width - 2))
    }
}

/// The tour's banner: the heading on a status-styled row (it reads as a divider in monochrome
/// too), then the narration; text that does not fit ends with an ellipsis and stays readable
/// in full in the `?` overlay.
public enum NarrationPane {
    public static func draw(_ narration: Narration, in area: Rect, into buffer: inout CellBuffer, glyphs: Glyphs) {
        guard !area.isEmpty else { return }
        let top = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(top, " ", .status)
        let hint = narration.collapsed ? "i: show notes" : "{ } chapters  i: hide"
        let end = buffer.write(" " + narration.heading, x: area.x, y: area.y, role: .status, clip: top)
        if end + 2 + hint.count < area.maxX {
            buffer.write(hint + " ", x: area.maxX - hint.count - 1, y: area.y, role: .status, clip: top)
        }
        let body = Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 1)
        guard !body.isEmpty else { return }
        var lines = narration.bodyLines(width: area.width)
        if lines.count > body.height {
            lines = Array(lines.prefix(body.height))
            var last = lines[lines.count - 1]
            while !last.isEmpty && last.unicodeScalars.count > body.width - 1 - glyphs.ellipsis.count { last = String(last.unicodeScalars.dropLast()) }
            lines[lines.count - 1] = last + " " + glyphs.ellipsis
        }
        for (i, line) in lines.enumerated() {
            buffer.write(line, x: body.x, y: body.y + i, role: .normal, clip: body)
        }
    }
}
