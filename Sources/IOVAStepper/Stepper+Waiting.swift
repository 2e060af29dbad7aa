/// Whether a move would wait for the background replay, so that the app can keep the frame
/// live instead (a seek past the replay blocks until it gets there: about a second after opening
/// a million operations on the proposals, a minute on mainline's walks over a `churn` file).
extension Stepper {
    /// The operation `move` replays to from a checkpoint; nil when it carries the current state
    /// on (a step, the next operation) or stays in the current operation.
    func landing(of move: CursorMove) -> Int? {
        guard operationCount > 0 else { return nil }
        let target: Int
        switch move {
        case .stepForward, .nextOperation: return nil
        case .stepBack:
            guard step == 0, operationNumber > 1 else { return nil }
            target = operationNumber - 1
        case .previousOperation:
            guard operationNumber > 1 else { return nil }
            target = operationNumber - 1
        case .first: target = 1
        case .last: target = operationCount
        case let .seek(n, _): target = min(max(1, n), operationCount)
        }
        return target == operationNumber || target == operationNumber + 1 ? nil : target
    }

    /// Whether `move` can be made now without waiting for the background replay: true without
    /// one, once it has finished or passed the operation the move lands on, published the state
    /// before it, or when this stepper already holds the checkpoint a seek there starts from
    /// (`seek` waits for none then). While false, the replay is asked for the state before the
    /// target (`CheckpointBuilder.request`), so the move made once this turns true replays nothing.
    public func readyFor(_ move: CursorMove) -> Bool {
        guard let target = landing(of: move), let background, !background.isFinished else { return true }
        if background.hasReached(target) || holdsCheckpoint(forSeekTo: target) { return true }
        // False when the replay got there meanwhile.
        return !background.request(before: target) || background.hasState(before: target)
    }

    /// Whether a background replay was started (`prepareInBackground`: long scenarios).
    public var replaysInBackground: Bool { background != nil }

    /// The operation the background replay is answering, while it runs.
    public var backgroundPosition: Int? {
        guard let background, !background.isFinished else { return nil }
        return min(max(1, background.position), operationCount)   // 0 before it starts
    }

    /// Whether every operation's answer (what `summaries()` returns) is here without waiting:
    /// computed already, or no background replay runs (a short scenario replays on the spot).
    public var answersReady: Bool {
        readySummaries != nil || background.map { $0.isFinished } ?? true
    }
}
