/// The interactive session's loop: keys and playback ticks into the app state, frames out,
/// until `q` or a stop signal. It knows nothing of curses: any `TerminalBackend` drives it, so
/// tests run it through `ScriptedBackend` (timing, resizes and signals included).
public struct EventLoop<Backend: TerminalBackend> {
    public private(set) var app: AppState
    public let backend: Backend

    /// How long to wait for a key while paused: long enough to idle, short enough that a stop
    /// signal is noticed promptly.
    public static var idleTimeout: Int { 200 }

    public init(app: AppState, backend: Backend) {
        self.app = app
        self.backend = backend
    }

    /// How long to wait for a key now: one playback step's time while playing (at most 100
    /// steps a second), a tenth of a second while a move waits for the background replay (its
    /// progress and then the move itself), else the idle timeout.
    public var timeout: Int {
        if app.playing { return max(10, 1000 / app.speed) }
        return app.pending != nil ? Self.pendingTimeout : Self.idleTimeout
    }

    public static var pendingTimeout: Int { 100 }

    /// Runs until `q` (status 0), Ctrl-C (130) or a stop signal (128 + its number).
    public mutating func run() -> Int32 {
        draw()
        while true {
            let signal = backend.stopSignal
            if signal != 0 { return 128 + signal }
            guard let key = backend.nextKey(timeoutMilliseconds: timeout) else {
                if app.tick().contains(.redraw) { draw() }
                continue
            }
            if key == .ctrlC { return 130 }
            app.recordingSize = backend.size
            let reaction = app.handle(key)
            if reaction.contains(.quit) { return 0 }
            if reaction.contains(.redraw) || key == .resize { draw() }
        }
    }

    private func draw() {
        let (w, h) = backend.size
        backend.present(app.render(width: w, height: h, glyphs: backend.glyphs))
    }
}
