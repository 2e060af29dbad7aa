/// What the event loop needs of a terminal: its size, the next key within a timeout, a way to
/// show a frame, and the signal that asked the program to stop. The curses backend
/// (IOVATerminal) is the real one; `ScriptedBackend` plays a script for tests.
public protocol TerminalBackend: AnyObject {
    /// The size now, in cells.
    var size: (width: Int, height: Int) { get }
    /// ASCII or Unicode glyphs, as the locale allows.
    var glyphs: Glyphs { get }
    /// The next key or event, or nil after `timeoutMilliseconds` without one.
    func nextKey(timeoutMilliseconds: Int) -> Key?
    /// Shows a frame.
    func present(_ buffer: CellBuffer)
    /// The signal that asked the program to stop (SIGINT 2, SIGHUP 1, SIGTERM 15), or 0.
    var stopSignal: Int32 { get }
}
