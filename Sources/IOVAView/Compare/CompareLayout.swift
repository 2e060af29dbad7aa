/// Where the compare view's panes go at a given size. Pure arithmetic, like `FrameLayout`.
///
/// At 80 columns and more the two sides stand side by side; narrower but at least 30 rows
/// they are stacked; smaller still only the left side is drawn (the summary line still
/// compares both, and says why). Below `FrameLayout`'s minimum: the "too small" screen.
public struct CompareLayout: Equatable, Sendable {
    public static let sideBySideWidth = 80
    public static let stackedHeight = 30

    public enum Arrangement: Equatable, Sendable { case sideBySide, stacked, leftOnly }

    /// One policy's column: its header (policy and step, then its answer: two rows when
    /// there is room, else one), the magazines (DMA path only), tree, pseudo-code and explanation.
    public struct Side: Equatable, Sendable {
        public var header: Rect
        /// Empty unless magazine rows were asked for.
        public var magazines: Rect
        public var tree: Rect
        public var code: Rect
        public var explanation: Rect

        init(_ area: Rect, magazineRows: Int = 0) {
            var rest = area
            (header, rest) = rest.splitTop(area.height >= 12 ? 2 : 1)
            (rest, explanation) = rest.splitBottom(area.height >= 16 ? 2 : 1)
            // The tree keeps at least two thirds; the code pane shows a window of its lines.
            let codeRows = rest.height >= 9 ? min(12, max(3, rest.height / 3)) : 0
            (tree, code) = rest.splitBottom(codeRows)
            // The magazines take at most a third of the tree's rows, from its top.
            (magazines, tree) = tree.splitTop(min(max(0, magazineRows), FrameLayout.maximumMagazineRows(middle: tree.height)))
        }
    }

    public var arrangement: Arrangement
    public var status: Rect
    public var summary: Rect
    public var left: Side
    public var right: Side?
    /// The divider between the sides: a column (side by side) or a row (stacked).
    public var divider: Rect?
    public var hints: Rect
    /// The visits timeline under the status bar, both policies (empty unless asked for).
    public var timeline: Rect

    /// `magazineRows`: rows each side asks for the magazine pane (0 off the DMA path).
    /// `timelineRows`: rows for the visits timeline.
    public init?(width: Int, height: Int, magazineRows: Int = 0, timelineRows: Int = 0) {
        guard width >= FrameLayout.minimumWidth, height >= FrameLayout.minimumHeight else { return nil }
        var rest = Rect(x: 0, y: 0, width: width, height: height)
        (status, rest) = rest.splitTop(1)
        (timeline, rest) = rest.splitTop(min(max(0, timelineRows), 4))
        (summary, rest) = rest.splitTop(1)
        (rest, hints) = rest.splitBottom(1)
        if width >= Self.sideBySideWidth {
            arrangement = .sideBySide
            let (l, r) = rest.splitLeft((width - 1) / 2)
            let (bar, rightArea) = r.splitLeft(1)
            left = Side(l, magazineRows: magazineRows)
            right = Side(rightArea, magazineRows: magazineRows)
            divider = bar
        } else if height >= Self.stackedHeight {
            arrangement = .stacked
            let (top, bottom) = rest.splitTop((rest.height - 1) / 2)
            let (bar, lower) = bottom.splitTop(1)
            left = Side(top, magazineRows: magazineRows)
            right = Side(lower, magazineRows: magazineRows)
            divider = bar
        } else {
            arrangement = .leftOnly
            left = Side(rest, magazineRows: magazineRows)
            right = nil
            divider = nil
        }
    }
}
