/// How roles look: SGR attributes for a colour tier. Colour is never the only carrier of
/// meaning — glyphs differ too — so the monochrome tier keeps only reverse/bold/underline.
public enum Theme: Sendable {
    case color256
    case color16
    case color8
    case monochrome

    /// The SGR parameters for `role` (empty for the terminal's defaults).
    public func sgr(_ role: StyleRole) -> String {
        switch self {
        case .monochrome: return Self.mono(role)
        case .color8: return Self.basic(role, bright: false)
        case .color16: return Self.basic(role, bright: true)
        case .color256: return Self.extended(role)
        }
    }

    static func mono(_ role: StyleRole) -> String {
        switch role {
        case .status, .codeCurrent, .current: "7"
        case .title, .statusKey, .found, .error: "1"
        case .limitMarker, .cachedMarker, .boundaryMarker: "1"
        case .pruned, .dim, .untouched: "2"
        case .gapExamined: "4"
        default: ""
        }
    }

    static func basic(_ role: StyleRole, bright: Bool) -> String {
        let b = bright ? ";1" : ""
        return switch role {
        case .normal, .code, .explanation, .free: ""
        case .dim, .untouched: "2"
        case .title: "1;36"
        case .border: "2"
        case .allocated: "34"
        case .reserved: "35"
        case .gapExamined: "33" + b
        case .found: "32;1"
        case .limitMarker: "31;1"
        case .boundaryMarker: "35;1"
        case .cachedMarker: "36;1"
        case .nodeRed: "31" + b
        case .nodeBlack: "37"
        case .current: "30;43"
        case .visited: "33"
        case .pruned: "2;35"
        case .codeCurrent: "7"
        case .status: "7"
        case .statusKey: "7;1"
        case .error: "31;1"
        }
    }

    static func extended(_ role: StyleRole) -> String {
        switch role {
        case .allocated: "38;5;33"
        case .free: "38;5;240"
        case .gapExamined: "38;5;214"
        case .visited: "38;5;220"
        case .pruned: "38;5;96"
        case .nodeRed: "38;5;196"
        case .nodeBlack: "38;5;252"
        default: basic(role, bright: true)
        }
    }

    /// The frame as lines with ANSI SGR sequences; each line ends with a reset.
    public func ansiLines(_ buffer: CellBuffer) -> [String] {
        (0..<buffer.height).map { y in
            var line = ""
            var current: String? = nil
            var lastNonBlank = -1
            for x in 0..<buffer.width where buffer[x, y].glyph != " " || !sgr(buffer[x, y].role).isEmpty {
                lastNonBlank = x
            }
            guard lastNonBlank >= 0 else { return "" }
            for x in 0...lastNonBlank {
                let cell = buffer[x, y]
                let code = sgr(cell.role)
                if code != current {
                    line += "\u{1b}[0" + (code.isEmpty ? "" : ";" + code) + "m"
                    current = code
                }
                line.unicodeScalars.append(cell.glyph)
            }
            return line + "\u{1b}[0m"
        }
    }
}
