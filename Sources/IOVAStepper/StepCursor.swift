import IOVAScenario

/// A position in a scenario that keys move: one policy's `Stepper`, or the compare view's
/// `PairStepper` that moves two as one. The app holds either behind one `Session`, so every
/// move is written once.
public protocol StepCursor {
    /// The current operation (1-based; 0 when the scenario has none) and how many there are.
    var operationNumber: Int { get }
    var operationCount: Int { get }
    /// The current micro-step within the operation and how many it has.
    var step: Int { get }
    var stepCount: Int { get }

    mutating func stepForward()
    mutating func stepBack()
    mutating func nextOperation()
    mutating func previousOperation()
    mutating func first()
    mutating func last()
    /// Operation `n` (clamped) at micro-step `k` (clamped).
    mutating func seek(operation n: Int, step k: Int)
    /// Appends a live operation (typed by the user) and moves to its first step.
    mutating func append(_ command: Command)
}

/// One move of a cursor, as a value (so a session can apply it to whichever cursor it holds).
public enum CursorMove: Equatable, Sendable {
    case stepForward, stepBack, nextOperation, previousOperation, first, last
    case seek(operation: Int, step: Int)
}

extension StepCursor {
    public mutating func apply(_ move: CursorMove) {
        switch move {
        case .stepForward: stepForward()
        case .stepBack: stepBack()
        case .nextOperation: nextOperation()
        case .previousOperation: previousOperation()
        case .first: first()
        case .last: last()
        case let .seek(n, k): seek(operation: n, step: k)
        }
    }

    /// Where the cursor is, to tell whether a move changed anything.
    public var position: (operation: Int, step: Int) { (operationNumber, step) }
}

extension Stepper: StepCursor {}
extension PairStepper: StepCursor {}
