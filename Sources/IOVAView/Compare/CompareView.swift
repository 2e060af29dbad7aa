import IOVAReplay
import IOVAStepper

/// The compare view: the current operation under two policies, each side with its own tree
/// (and on the DMA path its magazines), pseudo-code and explanation, stepped together (`PairStepper`), and a line saying whether
/// their answers differ. Draws only what is visible: each side costs what one tree pane does.
public enum CompareView {
    public static let hints: [(key: String, action: String)] = [
        ("←/→", "step both"), ("[/]", "operation"), ("D", "next difference"), ("M", "most visits"),
        ("F", "next failure"), (":compare off", "leave"), ("?", "help"), ("q", "quit"),
    ]

    public static func render(_ pair: PairStepper, width: Int, height: Int, glyphs: Glyphs, playing: String? = nil,
                              treeExpanded: Bool = false, timeline: Timeline? = nil) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        let left = pair.left.frame, right = pair.right.frame
        let magazineRows = left.rcache != nil || right.rcache != nil ? MagazinePane.preferredRows : 0
        let timelineRows = timeline.map { Timeline.rows(strips: $0.strips.count, height: height) } ?? 0
        guard let layout = CompareLayout(width: width, height: height, magazineRows: magazineRows, timelineRows: timelineRows) else {
            FrameView.drawTooSmall(into: &buffer)
            if glyphs.isASCII { buffer.transliterateToASCII() }
            return buffer
        }
        drawStatus(pair, playing: playing, in: layout.status, into: &buffer)
        if let timeline { TimelinePane.draw(timeline, in: layout.timeline, into: &buffer, glyphs: glyphs) }
        drawSummary(left, right, arrangement: layout.arrangement, in: layout.summary, into: &buffer)
        let verdict = CompareSummary.verdict(left.result, right.result)
        drawSide(left, verdict: verdict, cursor: pair.step, layout.left, glyphs: glyphs, expanded: treeExpanded, into: &buffer)
        if let r = layout.right {
            drawSide(right, verdict: verdict, cursor: pair.step, r, glyphs: glyphs, expanded: treeExpanded, into: &buffer)
        }
        if let bar = layout.divider {
            if layout.arrangement == .sideBySide {
                for y in bar.y..<bar.maxY { buffer.put(bar.x, y, glyphs.vertical, .border) }
            } else {
                for x in bar.x..<bar.maxX { buffer.put(x, bar.y, glyphs.horizontal, .border) }
            }
        }
        KeyHints.draw(hints, in: layout.hints, into: &buffer)
        if glyphs.isASCII { buffer.transliterateToASCII() }
        return buffer
    }

    /// ` iovascope │ mainline vs limit-aware │ op 3/3 │ step 5/12 │ paused 5/s`, shortened to fit.
    static func drawStatus(_ pair: PairStepper, playing: String?, in row: Rect, into buffer: inout CellBuffer) {
        buffer.fill(row, " ", .status)
        let names = "\(pair.left.policyName.rawValue) vs \(pair.right.policyName.rawValue)"
        var parts = [names, "op \(pair.operationNumber)/\(pair.operationCount)", "step \(pair.step)/\(pair.stepCount)"]
        if let playing { parts.append(playing) }
        let candidates = [" iovascope │ compare " + parts.joined(separator: " │ "), " " + parts.joined(separator: " │ ")]
        let text = candidates.first { $0.unicodeScalars.count <= row.width } ?? candidates[candidates.count - 1]
        buffer.write(text, x: row.x, y: row.y, role: .status, clip: row)
    }

    /// The verdict line: `=` and the found role when the answers agree, `≠` and the error
    /// role when they differ (the words say it too, for monochrome and NO_COLOR).
    static func drawSummary(_ left: Frame, _ right: Frame, arrangement: CompareLayout.Arrangement, in row: Rect,
                            into buffer: inout CellBuffer) {
        let verdict = CompareSummary.verdict(left.result, right.result)
        let (mark, role): (String, StyleRole) = switch verdict {
        case .same: ("= ", .found)
        case .differ: ("≠ ", .error)
        case .none: ("  ", .dim)
        }
        var candidates = CompareSummary.lines(left, right).map { mark + $0 }
        if arrangement == .leftOnly {
            // The right side is not drawn: say what it answered and how to see it.
            var answer = right.policy.name.rawValue + ": " + (right.result.map(CompareSummary.placement) ?? "-")
            if let o = right.result?.allocation { answer += ", visits \(o.visits)" }
            if verdict == .differ { answer += " (differs)" }
            candidates = [mark + answer + " - widen to \(CompareLayout.sideBySideWidth) columns for both sides", mark + answer]
        }
        let text = candidates.first { $0.unicodeScalars.count <= row.width } ?? candidates[candidates.count - 1]
        buffer.write(text, x: row.x, y: row.y, role: role, clip: row)
    }

    /// One side: header (policy, step i/M, visits; then `→ answer`, marked `≠ differs` on the
    /// side that departs from the kernel's answer, both sides when neither is mainline), the
    /// tree, the pseudo-code and the explanation.
    static func drawSide(_ frame: Frame, verdict: CompareSummary.Verdict, cursor: Int, _ side: CompareLayout.Side,
                         glyphs: Glyphs, expanded: Bool, into buffer: inout CellBuffer) {
        let header = side.header
        let waiting = cursor > frame.stepCount
        var x = buffer.write(CompareSummary.header(frame, cursor: cursor), x: header.x, y: header.y,
                             role: waiting ? .dim : .title, clip: header)
        // Visits and the answer on the second row when there is one.
        var y = header.y
        if header.height >= 2 { y += 1; x = header.x } else { x += 2 }
        if let result = frame.result {
            // Mainline is the kernel's answer: the other side is the one that departs from it.
            let marked = verdict == .differ && !frame.policy.isKernel
            x = buffer.write(glyphs.arrow + " " + CompareSummary.placement(result), x: x, y: y, role: marked ? .error : .normal, clip: header)
            if marked { buffer.write("  ≠ differs", x: x, y: y, role: .error, clip: header) }
        }
        MagazinePane.draw(frame, in: side.magazines, into: &buffer, glyphs: glyphs)
        TreePane.draw(frame, expanded: expanded, in: side.tree, into: &buffer, glyphs: glyphs)
        CodePane.draw(frame, in: side.code, into: &buffer, glyphs: glyphs)
        ExplanationPane.draw(frame, in: side.explanation, into: &buffer)
    }
}
