import IOVACore
import IOVAScenario
import IOVAStepper

/// What the visualizer is stepping: one policy, or two side by side (the compare view). Every
/// move goes through here once, whichever it is; the views read `primary` (the left side).
public enum Session {
    case single(Stepper)
    case pair(PairStepper)

    /// The stepper whose policy the status bar names (the left side while comparing).
    public var primary: Stepper {
        switch self {
        case .single(let s): s
        case .pair(let p): p.left
        }
    }

    /// The compare view's two sides, when comparing.
    public var pair: PairStepper? {
        if case .pair(let p) = self { p } else { nil }
    }

    public var cursor: any StepCursor {
        switch self {
        case .single(let s): s
        case .pair(let p): p
        }
    }

    /// Whether `move` can be made without waiting for a background replay (see `Stepper.readyFor`).
    public func readyFor(_ move: CursorMove) -> Bool {
        switch self {
        case .single(let s): s.readyFor(move)
        case .pair(let p): p.readyFor(move)
        }
    }

    /// How far the (slower) background replay has got, while one runs.
    public var backgroundPosition: Int? {
        switch self {
        case .single(let s): s.backgroundPosition
        case .pair(let p): p.backgroundPosition
        }
    }

    /// Whether every side's answers are here without waiting (the jumps read them).
    public var answersReady: Bool {
        switch self {
        case .single(let s): s.answersReady
        case .pair(let p): p.answersReady
        }
    }

    /// Applies a move; returns whether the position changed.
    @discardableResult
    public mutating func apply(_ move: CursorMove) -> Bool {
        switch self {
        case .single(var s):
            let before = s.position
            s.apply(move)
            self = .single(s)
            return s.position != before
        case .pair(var p):
            let before = p.position
            p.apply(move)
            self = .pair(p)
            return p.position != before
        }
    }

    /// Appends a typed operation to every side.
    public mutating func append(_ command: Command) {
        switch self {
        case .single(var s): s.append(command); self = .single(s)
        case .pair(var p): p.append(command); self = .pair(p)
        }
    }

    /// Each side's answers, computed once and kept (see `Stepper.summaries()`).
    public mutating func summaries() -> (primary: OperationSummaries, other: OperationSummaries?) {
        switch self {
        case .single(var s):
            let l = s.summaries()
            self = .single(s)
            return (l, nil)
        case .pair(var p):
            let (l, r) = p.summaries()
            self = .pair(p)
            return (l, r)
        }
    }

    /// The primary side's answers alone.
    public mutating func primarySummaries() -> OperationSummaries {
        switch self {
        case .single(var s):
            let l = s.summaries()
            self = .single(s)
            return l
        case .pair(var p):
            let l = p.leftSummaries()
            self = .pair(p)
            return l
        }
    }

    /// The same operations with `primary` replaced (after `:policy`): a pair keeps comparing,
    /// and choosing the right side's policy swaps the sides.
    public func replacingPrimary(with stepper: Stepper) -> Session {
        guard let p = pair else { return .single(stepper) }
        let right = p.right.policyName == stepper.policyName ? p.left.policyName : p.right.policyName
        return .pair(PairStepper(left: stepper, right: right))
    }
}
