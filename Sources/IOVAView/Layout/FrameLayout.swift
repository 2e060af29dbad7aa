/// Where each pane goes at a given size. Pure arithmetic, so every size can be tested.
public struct FrameLayout: Equatable, Sendable {
    /// Below this the frame only says the terminal is too small.
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public var status: Rect
    public var address: Rect
    public var tree: Rect
    public var code: Rect
    public var log: Rect
    public var explanation: Rect
    public var hints: Rect
    /// The tour's narration banner under the address pane (empty outside the tour).
    public var narration: Rect
    /// The magazines of the DMA path, under the banner (empty when the frame has no caches).
    public var magazines: Rect
    /// The visits timeline under the status bar (empty unless asked for).
    public var timeline: Rect

    /// The layout for a `width`×`height` frame, or nil when it is below the minimum.
    /// `narrationRows` asks for a banner that many rows high; it gets at most
    /// `maximumNarrationRows` so the tree and the code keep most of the middle.
    /// `magazineRows` likewise asks for the magazine pane, which gets at most a third of what
    /// the banner leaves (at least one row: its summary line).
    /// `timelineRows` asks for the visits timeline right under the status bar (where a click
    /// finds it whatever else the frame holds).
    public init?(width: Int, height: Int, narrationRows: Int = 0, magazineRows: Int = 0, timelineRows: Int = 0) {
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return nil }
        var rest = Rect(x: 0, y: 0, width: width, height: height)
        (status, rest) = rest.splitTop(1)
        (timeline, rest) = rest.splitTop(min(max(0, timelineRows), 4))
        (rest, hints) = rest.splitBottom(1)
        (rest, explanation) = rest.splitBottom(height >= 30 ? 3 : 2)
        let addressRows = height >= 30 ? 6 : height >= 22 ? 5 : 3
        (address, rest) = rest.splitTop(addressRows)
        (narration, rest) = rest.splitTop(min(narrationRows, Self.maximumNarrationRows(middle: rest.height)))
        (magazines, rest) = rest.splitTop(min(max(0, magazineRows), Self.maximumMagazineRows(middle: rest.height)))
        // The tree gets the larger share; the right column holds the code over the log.
        let right = min(72, width * 45 / 100)
        let left: Rect
        let column: Rect
        (left, column) = rest.splitLeft(width - right)
        tree = Rect(x: left.x, y: left.y, width: left.width - 1, height: left.height)
        let codeRows = min(20, column.height * 3 / 5)
        (code, log) = column.splitTop(codeRows)
    }

    /// Two fifths of the rows between the address pane and the explanation, at least 2.
    static func maximumNarrationRows(middle: Int) -> Int { max(2, middle * 2 / 5) }

    /// A third of the rows under the banner, at least 1, so the tree keeps the larger share.
    static func maximumMagazineRows(middle: Int) -> Int { max(1, middle / 3) }

    /// The banner's height at `width`×`height` for `bodyLines` wrapped lines under its heading
    /// (what `init` would grant), so the front end can wrap the text once.
    public static func narrationRows(width: Int, height: Int, bodyLines: Int) -> Int {
        guard let plain = FrameLayout(width: width, height: height) else { return 0 }
        return min(1 + bodyLines, maximumNarrationRows(middle: plain.tree.height))
    }
}
