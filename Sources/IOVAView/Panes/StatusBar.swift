import IOVAStepper

/// The top line: policy, operation k/N, step i/M and the operation's counters.
public enum StatusBar {
    public static func draw(_ frame: Frame, playing: String? = nil, in area: Rect, into buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, " ", .status)
        let c = frame.counters
        var text = " iovascope │ \(frame.policy.rawValue) │ op \(frame.operationNumber)/\(frame.operationCount)"
            + " │ step \(frame.step)/\(frame.stepCount)"
            + " │ visited \(c.visited) pruned \(c.pruned) rot \(c.rotations) mg-upd \(c.maxGapUpdates)"
        if let playing { text += " │ \(playing)" }
        buffer.write(text, x: area.x, y: area.y, role: .status, clip: row)
    }
}

/// The bottom line: the keys that matter now.
public enum KeyHints {
    public static let defaultHints: [(key: String, action: String)] = [
        ("←/→", "step"), ("[/]", "operation"), ("g/G", "first/last"), ("space", "play"),
        (":", "command"), ("/", "find"), ("?", "help"), ("q", "quit"),
    ]

    public static func draw(_ hints: [(key: String, action: String)] = defaultHints, in area: Rect, into buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y + area.height - 1, width: area.width, height: 1)
        buffer.fill(row, " ", .status)
        var x = area.x + 1
        for hint in hints {
            x = buffer.write(hint.key, x: x, y: row.y, role: .statusKey, clip: row)
            x = buffer.write(" " + hint.action + "  ", x: x, y: row.y, role: .status, clip: row)
        }
    }
}
