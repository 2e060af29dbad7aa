/// How a role looks on a terminal: a foreground, a background and attributes. The ANSI writer
/// and the curses backend both map this value, so neither reads the other's escape text.
public struct Style: Hashable, Sendable {
    /// nil: the terminal's default colour.
    public var foreground: TerminalColor?
    public var background: TerminalColor?
    public var attributes: Attributes

    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let bold = Attributes(rawValue: 1 << 0)
        public static let dim = Attributes(rawValue: 1 << 1)
        public static let underline = Attributes(rawValue: 1 << 2)
        public static let reverse = Attributes(rawValue: 1 << 3)
    }

    public init(foreground: TerminalColor? = nil, background: TerminalColor? = nil, _ attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's defaults.
    public static let plain = Style()

    /// The SGR parameters, without the `ESC [` and `m` around them (empty when plain). Dim,
    /// underline and reverse come before the colours and bold after them, the order the themes
    /// were first written in (`2;35`, `7;1`, `32;1`), so escapes keep their bytes.
    public var sgrParameters: String {
        var codes: [String] = []
        if attributes.contains(.dim) { codes.append("2") }
        if attributes.contains(.underline) { codes.append("4") }
        if attributes.contains(.reverse) { codes.append("7") }
        if let foreground { codes.append(foreground.sgr(base: 30, brightBase: 90, extended: 38)) }
        if let background { codes.append(background.sgr(base: 40, brightBase: 100, extended: 48)) }
        if attributes.contains(.bold) { codes.append("1") }
        return codes.joined(separator: ";")
    }
}

/// A colour as terminals number them: the eight basic colours, their bright variants, or an
/// entry of the 256-colour palette.
public enum TerminalColor: Hashable, Sendable {
    /// SGR 30–37 (40–47 behind the text).
    case standard(Basic)
    /// SGR 90–97 (100–107 behind the text).
    case bright(Basic)
    /// SGR `38;5;N` (`48;5;N` behind the text).
    case indexed(UInt8)

    public enum Basic: UInt8, CaseIterable, Sendable {
        case black, red, green, yellow, blue, magenta, cyan, white
    }

    /// The colour's number in the 256-colour palette, whose first 16 entries are the basic and
    /// bright colours: also the colour number curses uses.
    public var paletteIndex: UInt8 {
        switch self {
        case .standard(let c): c.rawValue
        case .bright(let c): 8 + c.rawValue
        case .indexed(let n): n
        }
    }

    func sgr(base: Int, brightBase: Int, extended: Int) -> String {
        switch self {
        case .standard(let c): String(base + Int(c.rawValue))
        case .bright(let c): String(brightBase + Int(c.rawValue))
        case .indexed(let n): "\(extended);5;\(n)"
        }
    }
}
