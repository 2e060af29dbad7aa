import IOVAStepper

/// Moves and jumps that would wait for the background replay. A seek past where the replay has
/// got blocks until it gets there (about a second after opening a million operations on the
/// proposals, a minute or more on mainline over a `churn` file), and a jump needs every answer.
/// Rather than freeze the terminal that long, the app puts the action aside, says how far the
/// replay is, and performs it on the tick that finds it ready; any key cancels it (`q` quits).
extension AppState {
    /// True when `action` can be performed now; otherwise it becomes `pending`.
    mutating func proceedsNow(_ action: Action) -> Bool {
        guard !isReady(action) else { return true }
        pending = action
        playing = false
        message = (waitingText(for: action), false)
        return false
    }

    /// Takes a session that a new policy's replay put at the first operation back to `back`:
    /// at once when nothing waits for that replay, else aside (the message says so).
    mutating func comeBack(_ back: CursorMove) {
        if proceedsNow(.move(back)) { session.apply(back) }
    }

    private func isReady(_ action: Action) -> Bool {
        switch action {
        case .move(let move): session.readyFor(move)
        case .jump: session.answersReady
        default: true
        }
    }

    /// A tick while an action waits: performed once ready, else the progress is redrawn.
    mutating func tickPending() -> Reaction {
        guard let action = pending else { return [] }
        if isReady(action) {
            pending = nil
            message = nil
            return perform(action)
        }
        message = (waitingText(for: action), false)
        return .redraw
    }

    /// "waiting for the replay (41%, op 412,345) to go to op 1,000,000; any key cancels": 79
    /// characters at a million operations, so an 80-column terminal shows all of it.
    func waitingText(for action: Action) -> String {
        let count = stepper.operationCount
        let at = session.backgroundPosition.map { "\(100 * ($0 - 1) / max(1, count))%, op \(TimelinePane.grouped($0))" }
            ?? "finishing"
        return "waiting for the replay (\(at)) to \(Self.purpose(of: action, count: count)); any key cancels"
    }

    private static func purpose(of action: Action, count: Int) -> String {
        switch action {
        case .move(.last): "go to op \(TimelinePane.grouped(count))"
        case .move(.first): "go to the first operation"
        case let .move(.seek(n, _)): "go to op \(TimelinePane.grouped(min(max(1, n), count)))"
        case .move: "step back"
        case .jump(let target): "find :goto \(target.rawValue)"
        default: "go on"
        }
    }
}
