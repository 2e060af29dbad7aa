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

    /// The layout for a `width`×`height` frame, or nil when it is below the minimum.
    public init?(width: Int, height: Int) {
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return nil }
        var rest = Rect(x: 0, y: 0, width: width, height: height)
        (status, rest) = rest.splitTop(1)
        (rest, hints) = rest.splitBottom(1)
        (rest, explanation) = rest.splitBottom(height >= 30 ? 3 : 2)
        let addressRows = height >= 30 ? 6 : height >= 22 ? 5 : 3
        (address, rest) = rest.splitTop(addressRows)
        // The tree gets the larger share; the right column holds the code over the log.
        let right = min(72, width * 45 / 100)
        let left: Rect
        let column: Rect
        (left, column) = rest.splitLeft(width - right)
        tree = Rect(x: left.x, y: left.y, width: left.width - 1, height: left.height)
        let codeRows = min(20, column.height * 3 / 5)
        (code, log) = column.splitTop(codeRows)
    }
}
