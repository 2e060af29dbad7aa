/// How roles look: a `Style` per role for a colour tier. Colour is never the only carrier of
/// meaning — glyphs differ too — so the monochrome tier keeps only reverse/bold/underline.
public enum Theme: Sendable {
    case color256
    case color16
    case color8
    case monochrome

    /// The look of `role` in this tier (`.plain` for the terminal's defaults).
    public func style(_ role: StyleRole) -> Style {
        switch self {
        case .monochrome: Self.mono(role)
        case .color8: Self.basic(role, bright: false)
        case .color16: Self.basic(role, bright: true)
        case .color256: Self.extended(role)
        }
    }

    static func mono(_ role: StyleRole) -> Style {
        switch role {
        case .status, .codeCurrent, .current: Style(.reverse)
        case .title, .statusKey, .found, .error: Style(.bold)
        case .limitMarker, .cachedMarker, .boundaryMarker: Style(.bold)
        case .pruned, .dim, .untouched: Style(.dim)
        case .gapExamined: Style(.underline)
        // Cached ranges: underlined and dim (allocated, yet not in use); the magazine a step
        // works on: reverse and bold, apart from the reversed current node and status bar.
        case .cachedFree: Style([.dim, .underline])
        case .magazineFocus: Style([.reverse, .bold])
        // The timeline: bars plain, failures bold (their glyph says it), the current column reversed.
        case .timelineFailure: Style(.bold)
        case .timelineCurrent: Style(.reverse)
        default: .plain
        }
    }

    /// Eight colours; with `bright` (16 colours) a few roles add bold, which most terminals
    /// show as the bright variant, so that they stand out from their neighbours.
    static func basic(_ role: StyleRole, bright: Bool) -> Style {
        let b: Style.Attributes = bright ? .bold : []
        return switch role {
        case .normal, .code, .explanation, .free: .plain
        case .dim, .untouched: Style(.dim)
        case .title: Style(foreground: .standard(.cyan), .bold)
        case .border: Style(.dim)
        case .allocated: Style(foreground: .standard(.blue))
        case .reserved: Style(foreground: .standard(.magenta))
        case .gapExamined: Style(foreground: .standard(.yellow), b)
        case .found: Style(foreground: .standard(.green), .bold)
        case .limitMarker: Style(foreground: .standard(.red), .bold)
        case .boundaryMarker: Style(foreground: .standard(.magenta), .bold)
        case .cachedMarker: Style(foreground: .standard(.cyan), .bold)
        case .nodeRed: Style(foreground: .standard(.red), b)
        case .nodeBlack: Style(foreground: .standard(.white))
        case .current: Style(foreground: .standard(.black), background: .standard(.yellow))
        case .visited: Style(foreground: .standard(.yellow))
        case .pruned: Style(foreground: .standard(.magenta), .dim)
        case .codeCurrent: Style(.reverse)
        case .status: Style(.reverse)
        case .statusKey: Style([.reverse, .bold])
        case .error: Style(foreground: .standard(.red), .bold)
        case .cachedFree: Style(foreground: .standard(.cyan))
        case .magazineFocus: Style(foreground: .standard(.black), background: .standard(.cyan))
        case .timelineBar: Style(foreground: .standard(.cyan))
        case .timelineFailure: Style(foreground: .standard(.red), .bold)
        case .timelineCurrent: Style(foreground: .standard(.black), background: .standard(.yellow))
        }
    }

    /// The 16-colour look, with finer palette colours for the address bar's and the tree's roles.
    static func extended(_ role: StyleRole) -> Style {
        switch role {
        case .allocated: Style(foreground: .indexed(33))
        case .free: Style(foreground: .indexed(240))
        case .gapExamined: Style(foreground: .indexed(214))
        case .visited: Style(foreground: .indexed(220))
        case .pruned: Style(foreground: .indexed(96))
        case .nodeRed: Style(foreground: .indexed(196))
        case .nodeBlack: Style(foreground: .indexed(252))
        case .cachedFree: Style(foreground: .indexed(37))
        case .timelineBar: Style(foreground: .indexed(73))
        default: basic(role, bright: true)
        }
    }

    /// The frame as lines with ANSI SGR sequences; each line ends with a reset. A line stops
    /// after its last cell that is not a blank in the plain style.
    public func ansiLines(_ buffer: CellBuffer) -> [String] {
        (0..<buffer.height).map { y in
            var line = ""
            var current: Style? = nil
            var lastNonBlank = -1
            for x in 0..<buffer.width where buffer[x, y].glyph != " " || style(buffer[x, y].role) != .plain {
                lastNonBlank = x
            }
            guard lastNonBlank >= 0 else { return "" }
            for x in 0...lastNonBlank {
                let cell = buffer[x, y]
                let look = style(cell.role)
                if look != current {
                    let code = look.sgrParameters
                    line += "\u{1b}[0" + (code.isEmpty ? "" : ";" + code) + "m"
                    current = look
                }
                line.unicodeScalars.append(cell.glyph)
            }
            return line + "\u{1b}[0m"
        }
    }
}
