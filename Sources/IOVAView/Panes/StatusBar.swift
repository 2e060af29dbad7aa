import IOVACore
import IOVAStepper

/// The top line: policy, operation k/N, step i/M, the operation's counters and the memory
/// the kernel would spend per live IOVA in this state.
public enum StatusBar {
    public static func draw(_ frame: Frame, playing: String? = nil, in area: Rect, into buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, " ", .status)
        // Longest first; the first that fits is drawn (the last is clipped when none does).
        let candidates = [line(frame, playing, named: true, short: false), line(frame, playing, named: false, short: false),
                          line(frame, playing, named: false, short: true), line(frame, playing, named: false, short: true, tiny: true)]
        let text = candidates.first { $0.unicodeScalars.count <= row.width } ?? candidates[candidates.count - 1]
        buffer.write(text, x: area.x, y: area.y, role: .status, clip: row)
    }

    /// The line's text; `short` drops maple's gap updates and node count (they are the
    /// counters least needed at a glance).
    static func line(_ frame: Frame, _ playing: String?, named: Bool, short: Bool, tiny: Bool = false) -> String {
        let c = frame.counters
        let counters = tiny && frame.policy.treeKind == .maple
            ? "vis \(c.visited) prn \(c.pruned) spl \(c.splits) mrg \(c.merges)"
            : frame.policy.treeKind == .maple
            ? "visited \(c.visited) pruned \(c.pruned) split \(c.splits) merge \(c.merges)" + (short ? "" : " gap-upd \(c.maxGapUpdates)")
            : "visited \(c.visited) pruned \(c.pruned) rot \(c.rotations) mg-upd \(c.maxGapUpdates)"
        var parts = [frame.policy.name.rawValue, "op \(frame.operationNumber)/\(frame.operationCount)",
                     "step \(frame.step)/\(frame.stepCount)", counters, memoryText(frame.state.memory, nodes: !short)]
        if let playing { parts.append(playing) }
        return (named ? " iovascope │ " : " ") + parts.joined(separator: " │ ")
    }

    /// `64 B/iova`, or for a tree with nodes of its own `41.3 B/iova, 812 nodes`.
    static func memoryText(_ m: MemoryFootprint, nodes: Bool = true) -> String {
        var text: String
        if let per = m.bytesPerIOVA {
            let tenths = Int((per * 10).rounded())
            text = tenths % 10 == 0 ? "\(tenths / 10) B/iova" : "\(tenths / 10).\(tenths % 10) B/iova"
        } else {
            text = "no iova"
        }
        if nodes && m.nodeCount > 0 { text += ", \(m.nodeCount) node\(m.nodeCount == 1 ? "" : "s")" }
        return text
    }
}

/// The bottom line: the keys that matter now.
public enum KeyHints {
    /// The hint bar of a scenario file and of the tour, read from the key map.
    public static var defaultHints: [(key: String, action: String)] { KeyMap.hints(tour: false) }
    public static var tourHints: [(key: String, action: String)] { KeyMap.hints(tour: true) }

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
