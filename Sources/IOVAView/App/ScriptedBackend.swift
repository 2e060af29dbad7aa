/// A terminal that plays a script: keys, time passing, resizes and signals, on a virtual clock.
/// It records every frame and every timeout the loop asked for, so tests can check playback
/// timing, resizes mid-step and exit statuses without a terminal.
public final class ScriptedBackend: TerminalBackend {
    public enum Event: Equatable, Sendable {
        case key(Key)
        /// This many milliseconds pass with no key.
        case idle(Int)
        /// The terminal becomes this size (the loop then sees `.resize`).
        case resize(width: Int, height: Int)
        /// A stop signal arrives (SIGINT 2, SIGHUP 1, SIGTERM 15).
        case signal(Int32)
    }

    public private(set) var size: (width: Int, height: Int)
    public let glyphs: Glyphs
    public private(set) var stopSignal: Int32 = 0
    /// Every frame presented, oldest first.
    public private(set) var frames: [CellBuffer] = []
    /// Every timeout the loop asked `nextKey` for.
    public private(set) var timeouts: [Int] = []
    /// Virtual milliseconds elapsed.
    public private(set) var clock = 0
    private var script: [Event]
    private var idleLeft = 0

    public init(width: Int, height: Int, glyphs: Glyphs = .unicode, script: [Event]) {
        size = (width, height)
        self.glyphs = glyphs
        self.script = script.reversed()
    }

    public func present(_ buffer: CellBuffer) { frames.append(buffer) }

    public func nextKey(timeoutMilliseconds: Int) -> Key? {
        timeouts.append(timeoutMilliseconds)
        while true {
            if idleLeft > 0 {
                let spent = min(idleLeft, timeoutMilliseconds)
                idleLeft -= spent
                clock += spent
                return nil
            }
            // The script is over: stop as SIGTERM would, so a loop under test cannot hang.
            guard let event = script.popLast() else {
                stopSignal = 15
                return nil
            }
            switch event {
            case .key(let k): return k
            case .idle(let ms): idleLeft = ms
            case let .resize(w, h):
                size = (w, h)
                return .resize
            case .signal(let s):
                stopSignal = s
                return nil
            }
        }
    }
}
