import IOVAStepper

extension AppState {
    /// The whole screen: the frame, then the command line or message, then any overlay.
    public func render(width: Int, height: Int, glyphs: Glyphs) -> CellBuffer {
        let playState = playing ? "▶ playing \(speed)/s" : "paused \(speed)/s"
        let playing = glyphs.gutter == "▶" ? playState : playState.replacingArrow()
        let timeline = self.timeline
        var buffer = pair.map { CompareView.render($0, narration: narration, width: width, height: height, glyphs: glyphs,
                                                   playing: playing, treeExpanded: treeExpanded, timeline: timeline) }
            ?? FrameView.render(stepper.frame, width: width, height: height, glyphs: glyphs,
                                address: address, playing: playing,
                                logScroll: logScroll, logFocused: focus == .log, treeExpanded: treeExpanded,
                                narration: narration, hints: chapter == nil ? KeyHints.defaultHints : KeyHints.tourHints,
                                timeline: timeline)
        guard FrameLayout(width: width, height: height) != nil else { return buffer }
        let bottom = Rect(x: 0, y: height - 1, width: width, height: 1)
        switch mode {
        case .command(let text):
            buffer.fill(bottom, " ", .status)
            let end = buffer.write(":" + text, x: 0, y: bottom.y, role: .status, clip: bottom)
            buffer.put(end, bottom.y, "_", .statusKey, clip: bottom)
        case .search(let text):
            buffer.fill(bottom, " ", .status)
            let end = buffer.write("/" + text, x: 0, y: bottom.y, role: .status, clip: bottom)
            buffer.put(end, bottom.y, "_", .statusKey, clip: bottom)
        case .help(let filter):
            drawHelp(filter: filter, into: &buffer, glyphs: glyphs)
        case .normal:
            if let message {
                buffer.fill(bottom, " ", message.isError ? .error : .status)
                buffer.write(" " + message.text, x: 0, y: bottom.y, role: message.isError ? .error : .status, clip: bottom)
            }
        }
        if glyphs.isASCII { buffer.transliterateToASCII() }
        return buffer
    }

    private func drawHelp(filter: String, into buffer: inout CellBuffer, glyphs: Glyphs) {
        let rows = KeyMap.helpRows.filter {
            filter.isEmpty || $0.keys.lowercased().contains(filter.lowercased()) || $0.action.lowercased().contains(filter.lowercased())
        }
        let width = min(buffer.width - 4, 96)
        // In the tour, the chapter's notes in full come first (the banner may have cut them).
        var notes: [String] = []
        if let chapter, filter.isEmpty {
            notes = [chapter.heading] + ExplanationPane.wrap(chapter.narration, width: max(1, width - 4)) + [""]
        }
        let height = min(buffer.height - 2, notes.count + rows.count + 4)
        let box = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        guard width > 10, height > 3 else { return }
        buffer.fill(box, " ", .normal)
        for x in box.x..<box.maxX {
            buffer.put(x, box.y, glyphs.horizontal, .border)
            buffer.put(x, box.maxY - 1, glyphs.horizontal, .border)
        }
        buffer.write(" keys — type to filter: \(filter)_ ", x: box.x + 2, y: box.y, role: .title, clip: box)
        for (i, line) in notes.prefix(height - 3).enumerated() {
            buffer.write(line, x: box.x + 2, y: box.y + 1 + i, role: i == 0 ? .title : .normal,
                         clip: Rect(x: box.x + 2, y: box.y + 1 + i, width: box.width - 4, height: 1))
        }
        // The keys column fits the key rows; a longer label (a `:` command's syntax) pushes its
        // own text to the right instead of widening every row.
        let keysWidth = (KeyMap.rows.map { $0.label.unicodeScalars.count }.max() ?? 10) + 2
        for (i, row) in rows.prefix(max(0, height - 3 - notes.count)).enumerated() {
            let y = box.y + 1 + notes.count + i
            let textX = box.x + 2 + max(keysWidth, row.keys.unicodeScalars.count + 2)
            buffer.write(row.keys, x: box.x + 2, y: y, role: .statusKey, clip: box)
            buffer.write(row.action, x: textX, y: y, role: .normal,
                         clip: Rect(x: textX, y: y, width: max(0, box.maxX - 2 - textX), height: 1))
        }
        if rows.isEmpty { buffer.write("no key matches '\(filter)'", x: box.x + 2, y: box.y + 1, role: .dim, clip: box) }
        buffer.write(" q/Esc close ", x: box.x + 2, y: box.maxY - 1, role: .dim, clip: box)
    }
}

extension String {
    func replacingArrow() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "▶" ? ">" : $0 }))
    }
}
