import IOVAStepper

/// The visits timeline under the status bar: per policy one row of bars, visits per
/// operation across the whole scenario on a log scale (one column per group of operations,
/// showing the group's most), a failed allocation as its own glyph, the current operation's
/// column in reverse video, and under the strips a marker row (`▲` and the operation's
/// figures). Reads a column in O(columns' blocks) from `OperationSummaries.maxVisits`, so a
/// frame over a million operations costs a few thousand reads (docs/screen.md § Visits timeline).
///
///     visits ▁▁▂▁▁▁▃▁▁█▁▁▁▁✗▁▁▂▁▁▁▁▂▁
///                  ▲ op 412: 1,001 visits          log scale, most 1,000,001 (op 9,000) ✗ failed
public enum TimelinePane {
    static let asciiLevels: [Unicode.Scalar] = [" ", "_", ".", "-", ":", "=", "+", "*", "#"]

    public static func draw(_ timeline: Timeline, in area: Rect, into buffer: inout CellBuffer, glyphs: Glyphs) {
        guard !area.isEmpty else { return }
        buffer.fill(area)
        guard timeline.count > 0 else { return }
        let scale = timeline.scale(width: area.width)
        let labelWidth = timeline.labelWidth
        let stripX = area.x + labelWidth
        let current = scale.column(of: timeline.operation)
        let top = timeline.top
        let levels = glyphs.isASCII ? asciiLevels : glyphs.levels
        let failed: Unicode.Scalar = glyphs.isASCII ? "X" : "✗"
        let stripRows = min(area.height, timeline.strips.count)
        for (i, strip) in timeline.strips.prefix(stripRows).enumerated() {
            let y = area.y + i
            let label = timeline.strips.count > 1 ? String(strip.policy.prefix(labelWidth - 1)) : Timeline.singleLabel
            buffer.write(label, x: area.x, y: y, role: .dim, clip: area)
            guard let s = strip.summaries else {
                buffer.write("replaying the scenario in the background for the visits of every operation…", x: stripX, y: y, role: .dim, clip: area)
                continue
            }
            for c in 0..<scale.columns {
                let ops = scale.operations(in: c)
                let isFailure = s.hasFailure(in: ops)
                let glyph = isFailure ? failed : levels[TimelineScale.level(s.maxVisits(in: ops), max: top)]
                let role: StyleRole = c == current ? .timelineCurrent : isFailure ? .timelineFailure : .timelineBar
                buffer.put(stripX + c, y, glyph, role, clip: area)
            }
        }
        guard area.height > stripRows, scale.columns > 0 else { return }
        drawMarkerRow(timeline, scale: scale, column: current, at: area.y + stripRows, x: stripX, in: area,
                      into: &buffer, glyphs: glyphs, failed: failed)
    }

    /// `▲ op 412: 1,001 visits` under the current column (the words on the side with room),
    /// and the scale's legend on the other side when it fits.
    static func drawMarkerRow(_ timeline: Timeline, scale: TimelineScale, column: Int, at y: Int, x stripX: Int, in area: Rect,
                              into buffer: inout CellBuffer, glyphs: Glyphs, failed: Unicode.Scalar) {
        let markerX = stripX + column
        buffer.put(markerX, y, glyphs.markerUp, .timelineCurrent, clip: area)
        let visits = timeline.strips.map { strip -> String in
            guard let s = strip.summaries, timeline.operation >= 1, timeline.operation <= s.count else { return "…" }
            return grouped(Int(s.visits[timeline.operation - 1]))
        }
        let text = "op \(grouped(timeline.operation)): \(visits.joined(separator: " / ")) visit\(visits == ["1"] ? "" : "s")"
        let width = text.unicodeScalars.count
        let right = markerX + 2 + width <= area.maxX
        let textX = right ? markerX + 2 : max(area.x, markerX - 1 - width)
        buffer.write(text, x: textX, y: y, role: .normal, clip: area)
        // The legend, on the other side of the marker, only whole.
        let most = timeline.strips.first?.summaries?.mostVisited
        var legend = "log scale"
        if let most { legend += ", most \(grouped(most.visits)) (op \(grouped(most.operation)))" }
        legend += "  " + String(failed) + " failed"
        let lw = legend.unicodeScalars.count
        let (from, to) = right ? (textX + width + 2, area.maxX) : (area.x, textX - 2)
        if to - from >= lw {
            buffer.write(legend, x: right ? to - lw : from, y: y, role: .dim, clip: area)
        }
    }

    /// 1,000,001.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}
