import IOVAStepper

/// The visits timeline's part of the app: what it shows, and the key and the click that jump
/// to the operation under a column (docs/screen.md § Visits timeline).
extension AppState {
    /// Scenarios shorter than this get their answers replayed on the spot for the timeline
    /// (a few milliseconds); longer ones wait for the background replay `show` starts.
    static let timelineReplayLimit = 4096

    /// The timeline as drawn: outside the tour, for scenarios of two operations or more.
    public var timeline: Timeline? {
        guard chapter == nil, stepper.operationCount >= 2 else { return nil }
        return Timeline(session)
    }

    /// Computes a short scenario's answers now so its timeline shows at once.
    mutating func prepareTimeline() {
        guard chapter == nil, stepper.operationCount < Self.timelineReplayLimit else { return }
        let sides = pair.map { [$0.left, $0.right] } ?? [stepper]
        if sides.contains(where: { $0.readySummaries == nil }) { _ = session.summaries() }
    }

    /// `(` / `)`: the slowest operation of the column left or right of the current one.
    mutating func stepTimeline(by columns: Int) {
        guard let timeline else {
            message = ("no visits timeline here", false)
            return
        }
        let scale = timeline.scale(width: recordingSize.width)
        guard scale.columns > 0 else { return }
        let column = min(max(0, scale.column(of: stepper.operationNumber) + columns), scale.columns - 1)
        jumpToTimeline(column: column, timeline, scale)
    }

    /// A click on a timeline strip: the slowest operation of the column under it.
    mutating func clickTimeline(x: Int, y: Int) -> Bool {
        guard let timeline, mode == .normal else { return false }
        let rows = Timeline.rows(strips: timeline.strips.count, height: recordingSize.height)
        // The timeline sits right under the status bar in both views.
        guard y >= 1, y < 1 + min(rows, timeline.strips.count) else { return false }
        let scale = timeline.scale(width: recordingSize.width)
        let column = x - timeline.labelWidth
        guard (0..<scale.columns).contains(column) else { return false }
        jumpToTimeline(column: column, timeline, scale)
        return true
    }

    private mutating func jumpToTimeline(column: Int, _ timeline: Timeline, _ scale: TimelineScale) {
        guard let op = timeline.target(column: column, width: recordingSize.width) else { return }
        guard proceedsNow(.move(.seek(operation: op, step: 0))) else { return }
        session.apply(.seek(operation: op, step: 0))
        logScroll = 0
        let ops = scale.operations(in: column)
        let span = ops.count == 1 ? "op \(ops.lowerBound + 1)" : "ops \(ops.lowerBound + 1)-\(ops.upperBound)"
        let visits = timeline.strips.first?.summaries.map { s -> String in
            let v = s.visits[op - 1]
            return "\(v) visit\(v == 1 ? "" : "s"), the most of \(span)"
        }
            ?? "\(span); visits not replayed yet"
        message = ("op \(op): \(visits) (timeline column \(column + 1) of \(scale.columns))", false)
    }
}
