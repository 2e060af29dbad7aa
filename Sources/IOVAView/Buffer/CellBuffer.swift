/// A frame in memory: what the terminal backend presents, what `render` prints and what the
/// snapshot tests compare. Every write is clipped to the buffer, so views cannot trap on tiny
/// areas.
public struct CellBuffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { (x >= 0 && y >= 0 && x < width && y < height) ? cells[y * width + x] : .blank }
        set { if x >= 0 && y >= 0 && x < width && y < height { cells[y * width + x] = newValue } }
    }

    /// Puts one glyph, if inside `clip` (the whole buffer by default).
    public mutating func put(_ x: Int, _ y: Int, _ glyph: Unicode.Scalar, _ role: StyleRole, clip: Rect? = nil) {
        if let clip, !(x >= clip.x && x < clip.maxX && y >= clip.y && y < clip.maxY) { return }
        self[x, y] = Cell(glyph, role)
    }

    /// Writes `text` from `(x, y)` to the right, clipped to `clip`; returns the column after it.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole, clip: Rect? = nil) -> Int {
        let bounds = clip ?? area
        guard y >= bounds.y && y < bounds.maxY else { return x + text.unicodeScalars.count }
        var col = x
        for scalar in text.unicodeScalars {
            if col >= bounds.maxX { break }
            if col >= bounds.x { self[col, y] = Cell(scalar, role) }
            col += 1
        }
        return col
    }

    /// Fills `rect` (clipped) with one glyph.
    public mutating func fill(_ rect: Rect, _ glyph: Unicode.Scalar = " ", _ role: StyleRole = .normal) {
        let r = rect.clipped(to: area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x] = Cell(glyph, role) }
        }
    }

    /// Changes the role of every cell in `rect` (for example to reverse a selected line).
    public mutating func setRole(_ rect: Rect, _ role: StyleRole) {
        let r = rect.clipped(to: area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].role = role }
        }
    }

    /// Replaces every non-ASCII glyph by a one-cell ASCII stand-in, so that text written with
    /// typographic symbols (→, ≥, │, …) stays readable in a non-UTF-8 locale.
    public mutating func transliterateToASCII() {
        for i in cells.indices where cells[i].glyph.value > 0x7e || cells[i].glyph.value < 0x20 {
            cells[i].glyph = Self.asciiStandIn(cells[i].glyph)
        }
    }

    static func asciiStandIn(_ g: Unicode.Scalar) -> Unicode.Scalar {
        switch g {
        case "→", "▶", "◆", "▸", "≥", "»": ">"
        case "←", "≤", "«": "<"
        case "│", "┃", "║": "|"
        case "─", "━", "═", "–", "—": "-"
        case "┌", "└", "┐", "┘", "├", "┤", "┬", "┴", "┼": "+"
        case "≈", "∼": "~"
        case "…", "·": "."
        case "●", "×": "*"
        case "✗": "x"
        case "★": "!"
        case "▲": "^"
        case "█", "▇", "▆", "▅": "#"
        case "▄", "▃", "▂", "▁", "░", "▒", "▓": ":"
        case "▚": "o"
        case "≠": "!"
        default: "?"
        }
    }

    /// The frame as text lines, trailing spaces removed.
    public var lines: [String] {
        (0..<height).map { y in
            var s = String.UnicodeScalarView()
            for x in 0..<width { s.append(cells[y * width + x].glyph) }
            var line = String(s)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// One line of role codes per row (see `StyleRole.code`), for snapshot tests.
    public var roleLines: [String] {
        (0..<height).map { y in String((0..<width).map { cells[y * width + $0].role.code }) }
    }
}

extension Rect {
    public func clipped(to other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(maxX, other.maxX), y1 = min(maxY, other.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}

extension StyleRole {
    /// A one-letter code per role for snapshot files.
    public var code: Character {
        switch self {
        case .normal: "."
        case .dim: "d"
        case .title: "T"
        case .border: "|"
        case .allocated: "A"
        case .reserved: "V"
        case .free: "f"
        case .gapExamined: "g"
        case .found: "F"
        case .limitMarker: "L"
        case .boundaryMarker: "4"
        case .cachedMarker: "C"
        case .nodeRed: "r"
        case .nodeBlack: "b"
        case .current: "@"
        case .visited: "v"
        case .pruned: "x"
        case .untouched: "u"
        case .code: "c"
        case .codeCurrent: ">"
        case .explanation: "e"
        case .status: "s"
        case .statusKey: "k"
        case .error: "!"
        case .cachedFree: "o"
        case .magazineFocus: "M"
        case .timelineBar: "t"
        case .timelineFailure: "X"
        case .timelineCurrent: "^"
        }
    }
}
