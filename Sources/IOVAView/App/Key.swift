/// A key or terminal event, decoded by the backend; the app state never sees ncurses codes.
public enum Key: Hashable, Sendable {
    case char(Character)
    case left, right, up, down, pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab
    case ctrlC
    /// The terminal changed size (the next render uses the new size).
    case resize
    case click(x: Int, y: Int)
    case wheelUp, wheelDown
}

/// What the loop must do after handling an event.
public struct Reaction: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let redraw = Reaction(rawValue: 1)
    public static let quit = Reaction(rawValue: 2)
}
