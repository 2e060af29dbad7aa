import IOVACore
import IOVAScenario

/// Two steppers over the same operations, moved as one (the compare view).
///
/// Both sides are always at the same operation. Micro-steps share one cursor that runs to
/// the longer side's last step; each side shows `min(cursor, its own last step)`, so the side
/// with fewer steps stops at its answer and waits while the other finishes. Operation keys
/// start both sides at step 0 (or, going back, at the longer side's last step).
public struct PairStepper {
    public private(set) var left: Stepper
    public private(set) var right: Stepper
    /// The shared micro-step cursor (0 … `stepCount`).
    public private(set) var step: Int

    /// Opens `right` on the same domain and operations as `left`, at `left`'s position.
    public init(left: Stepper, right policy: PolicyName) {
        self.left = left
        right = left.reopened(policy: policy)
        step = left.step
        sync()
    }

    public var operationNumber: Int { left.operationNumber }
    public var operationCount: Int { left.operationCount }
    /// The longer side's last step.
    public var stepCount: Int { max(left.stepCount, right.stepCount) }

    // MARK: Moving

    public mutating func stepForward() {
        if step < stepCount { step += 1; sync() } else if operationNumber < operationCount { nextOperation() }
    }

    public mutating func stepBack() {
        if step > 0 { step -= 1; sync() } else if operationNumber > 1 { previousOperation() }
    }

    public mutating func nextOperation() {
        guard operationNumber < operationCount else { step = stepCount; sync(); return }
        left.nextOperation()
        right.nextOperation()
        step = 0
        sync()
    }

    public mutating func previousOperation() {
        guard operationNumber > 1 else { step = 0; sync(); return }
        seek(operation: operationNumber - 1, step: .max)
    }

    public mutating func first() { seek(operation: 1, step: 0) }
    public mutating func last() { seek(operation: operationCount, step: .max) }

    /// Operation `n` (clamped) at shared step `k` (clamped to the longer side's steps).
    public mutating func seek(operation n: Int, step k: Int) {
        guard operationCount > 0 else { return }
        left.seek(operation: n, step: 0)
        right.seek(operation: n, step: 0)
        step = min(max(0, k), stepCount)
        sync()
    }

    /// Appends a live operation to both sides and moves to its first step.
    public mutating func append(_ command: Command) {
        left.append(command)
        right.append(command)
        step = 0
        sync()
    }

    /// Both sides' answers (computed once, see `Stepper.summaries()`).
    public mutating func summaries() -> (left: OperationSummaries, right: OperationSummaries) {
        (left.summaries(), right.summaries())
    }

    /// The left side's answers alone (for jumps that concern the current policy only).
    public mutating func leftSummaries() -> OperationSummaries { left.summaries() }

    /// Whether `move` can be made now on both sides (see `Stepper.readyFor`); asks each side's
    /// background replay for what it lacks.
    public func readyFor(_ move: CursorMove) -> Bool {
        let l = left.readyFor(move), r = right.readyFor(move)
        return l && r
    }

    /// The slower side's background replay position, while one runs.
    public var backgroundPosition: Int? { [left.backgroundPosition, right.backgroundPosition].compactMap { $0 }.min() }

    /// Whether both sides' answers are here without waiting.
    public var answersReady: Bool { left.answersReady && right.answersReady }

    /// Each side at `min(step, its last step)`.
    private mutating func sync() {
        left.seek(operation: left.operationNumber, step: step)
        right.seek(operation: right.operationNumber, step: step)
    }
}

extension Stepper {
    /// The same domain and operations (typed ones included) under another policy, at this
    /// stepper's operation, step 0.
    public func reopened(policy: PolicyName) -> Stepper {
        let lines = [ScenarioLine(line: 0, command: .domain(config))] + operations
        var next = Stepper(lines: lines, policy: policy)
        if background != nil { next.prepareInBackground() }   // the compare view's other side too
        next.seek(operation: operationNumber, step: 0)
        return next
    }

    /// Whether this side has finished its steps and waits for the other (`cursor` past its last).
    public func isWaiting(at cursor: Int) -> Bool { cursor > stepCount }
}
