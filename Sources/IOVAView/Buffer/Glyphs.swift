/// The glyphs a frame is drawn with: Unicode box drawing and blocks in a UTF-8 locale, plain
/// ASCII otherwise (like `tree`). Chosen once at start-up; snapshots use one fixed set.
public struct Glyphs: Sendable {
    // Tree
    public var branchUp: String        // a right (higher) child, drawn above its parent
    public var branchDown: String      // a left (lower) child, drawn below
    public var vertical: Unicode.Scalar
    public var current: Unicode.Scalar
    public var visited: Unicode.Scalar
    public var pruned: Unicode.Scalar
    public var untouched: Unicode.Scalar
    public var found: Unicode.Scalar
    public var folded: Unicode.Scalar
    // Address space
    public var allocated: Unicode.Scalar
    public var reserved: Unicode.Scalar
    public var free: Unicode.Scalar
    public var examined: Unicode.Scalar
    public var axisBreak: Unicode.Scalar
    /// Occupancy levels from empty to full.
    public var levels: [Unicode.Scalar]
    public var markerUp: Unicode.Scalar
    /// A cached pfn's range: allocated in the tree, free to drivers (it sits in a magazine).
    public var cached: Unicode.Scalar
    // Magazines
    /// A magazine holding no pfn (the fill levels start at one pfn).
    public var emptyMagazine: Unicode.Scalar
    // Panes
    public var gutter: Unicode.Scalar
    public var horizontal: Unicode.Scalar
    public var arrow: String
    public var ge: String
    public var lt: String
    public var ellipsis: String
    /// Whether every cell must be plain ASCII (non-UTF-8 locales, `--ascii`).
    public var isASCII: Bool

    public static let unicode = Glyphs(
        branchUp: "┌── ", branchDown: "└── ", vertical: "│",
        current: "◆", visited: "●", pruned: "✗", untouched: "·", found: "★", folded: "▸",
        allocated: "█", reserved: "▓", free: "░", examined: "▒", axisBreak: "≈",
        levels: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], markerUp: "▲", cached: "▚", emptyMagazine: "·",
        gutter: "▶", horizontal: "─", arrow: "→", ge: "≥", lt: "<", ellipsis: "…", isASCII: false)

    public static let ascii = Glyphs(
        branchUp: "/-- ", branchDown: "\\-- ", vertical: "|",
        current: ">", visited: "*", pruned: "x", untouched: ".", found: "!", folded: "+",
        allocated: "#", reserved: "%", free: ".", examined: "=", axisBreak: "~",
        levels: [" ", ".", ".", ":", ":", "+", "+", "#", "#"], markerUp: "^", cached: "o", emptyMagazine: "_",
        gutter: ">", horizontal: "-", arrow: "->", ge: ">=", lt: "<", ellipsis: "...", isASCII: true)
}
