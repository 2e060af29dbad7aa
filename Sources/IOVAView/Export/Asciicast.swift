import IOVAStepper

/// An asciicast v2 recording (https://docs.asciinema.org/manual/asciicast/v2/) of stepping
/// through a scenario: a header line, then per micro-step one full-screen redraw ("o" event)
/// and one marker ("m" event) naming the operation and step, so players can jump between steps.
public enum Asciicast {
    /// Seconds between two steps in the recording.
    public static let stepInterval = 0.5

    /// Records `maxSteps` micro-steps at most, from the stepper's current position onwards.
    /// A tour chapter's `narration` is drawn in every frame as on screen, and its heading
    /// becomes the header's title and a first marker, so players list the chapter among the
    /// steps. Returns the recording and how many steps it holds.
    public static func record(from start: Stepper, width: Int, height: Int, glyphs: Glyphs, theme: Theme,
                              maxSteps: Int = 5000, narration: Narration? = nil) -> (text: String, steps: Int) {
        var stepper = start
        let title = narration.map { ",\"title\":" + jsonString($0.heading) } ?? ""
        var text = "{\"version\":2,\"width\":\(width),\"height\":\(height)\(title),\"env\":{\"TERM\":\"xterm-256color\"}}\n"
        if let narration { text += "[0.000,\"m\",\(jsonString(narration.heading))]\n" }
        var steps = 0
        var time = 0.0
        while steps < maxSteps {
            let frame = stepper.frame
            let screen = theme.ansiLines(FrameView.render(frame, width: width, height: height, glyphs: glyphs, narration: narration,
                                                            hints: narration == nil ? KeyHints.defaultHints : KeyHints.tourHints))
            let stamp = String(format3(time))
            text += "[\(stamp),\"m\",\(jsonString("op \(frame.operationNumber) step \(frame.step)"))]\n"
            text += "[\(stamp),\"o\",\(jsonString("\u{1b}[H\u{1b}[2J" + screen.joined(separator: "\r\n")))]\n"
            steps += 1
            time += stepInterval
            let here = (stepper.operationNumber, stepper.step)
            stepper.stepForward()
            if (stepper.operationNumber, stepper.step) == here { break }
        }
        return (text, steps)
    }

    /// A JSON string literal (control characters escaped).
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7f {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// Seconds with three decimals, without Foundation.
    static func format3(_ t: Double) -> String {
        let ms = Int((t * 1000).rounded())
        let frac = String(ms % 1000)
        return "\(ms / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }
}
