import IOVAStepper

/// The policy's pseudo-code with the current line marked by a gutter arrow and its own role
/// (reverse video in the themes), so it reads in monochrome too.
public enum CodePane {
    public static func draw(_ frame: Frame, in area: Rect, into buffer: inout CellBuffer, glyphs: Glyphs) {
        guard !area.isEmpty else { return }
        buffer.write("algorithm: \(frame.policy.name.rawValue)", x: area.x, y: area.y, role: .title, clip: area)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard !body.isEmpty, !frame.code.isEmpty else { return }
        // Scroll so the current line stays visible.
        let current = frame.codeLine ?? 0
        let top = max(0, min(current - body.height / 2, frame.code.count - body.height))
        for (row, index) in (top..<min(frame.code.count, top + body.height)).enumerated() {
            let y = body.y + row
            let isCurrent = index == frame.codeLine
            if isCurrent {
                buffer.fill(Rect(x: body.x, y: y, width: body.width, height: 1), " ", .codeCurrent)
                buffer.put(body.x, y, glyphs.gutter, .codeCurrent, clip: body)
            }
            let number = index + 1 < 10 ? " \(index + 1)" : "\(index + 1)"
            var text = number + " " + frame.code[index]
            // A trailing "# comment" goes first when the line does not fit.
            if text.unicodeScalars.count > body.width - 1, let hash = text.firstIndex(of: "#") {
                text = String(text[..<hash])
                while text.last == " " { text.removeLast() }
            }
            buffer.write(text, x: body.x + 1, y: y, role: isCurrent ? .codeCurrent : .code, clip: body)
        }
    }
}

/// The explanation of the current step (wrapped over the rows it has).
public enum ExplanationPane {
    public static func draw(_ frame: Frame, in area: Rect, into buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let role: StyleRole = frame.highlights.failure != nil && frame.step == frame.stepCount ? .error : .explanation
        for (i, line) in wrap(frame.explanation, width: area.width).prefix(area.height).enumerated() {
            buffer.write(line, x: area.x, y: area.y + i, role: role, clip: area)
        }
    }

    /// Greedy word wrap; words longer than the width are cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let w = String(word.unicodeScalars.prefix(width))
            if line.isEmpty { line = w }
            else if line.unicodeScalars.count + 1 + w.unicodeScalars.count <= width { line += " " + w }
            else { lines.append(line); line = w }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

/// The operation's event log, newest at the bottom; `scroll` lines back from the newest.
public enum LogPane {
    public static func draw(_ frame: Frame, scroll: Int = 0, focused: Bool = false, in area: Rect, into buffer: inout CellBuffer, glyphs: Glyphs) {
        guard !area.isEmpty else { return }
        let back = min(max(0, scroll), max(0, frame.log.count - 1))
        buffer.write(back > 0 ? "log (\(back) back)" : "log", x: area.x, y: area.y, role: focused ? .status : .title, clip: area)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard !body.isEmpty else { return }
        let shown = frame.log.dropLast(back).suffix(body.height)
        for (i, line) in shown.enumerated() {
            let text = line.unicodeScalars.count > body.width && body.width > 1
                ? String(line.unicodeScalars.prefix(body.width - 1)) + glyphs.ellipsis.prefix(1)
                : line
            buffer.write(text, x: body.x, y: body.y + i, role: i == shown.count - 1 ? .explanation : .dim, clip: body)
        }
    }
}
