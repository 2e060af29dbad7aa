import IOVACore
import IOVAPolicies
import IOVAScenario
import IOVAStepper

/// The compare view's side of the app state: `:compare`, the keys that move both sides,
/// playback, and keeping the pair in step with the commands that move or change `stepper`.
extension AppState {
    /// `:compare POLICY` opens the compare view (the current policy on the left, POLICY on the
    /// right); `:compare off` closes it. Errors stay inline.
    public mutating func compare(_ arguments: [String]) {
        let names = Policies.choices
        guard arguments.count == 1 else {
            message = ("usage: compare POLICY | off (POLICY: \(names))", true)
            return
        }
        if arguments[0] == "off" {
            message = pair == nil ? ("not comparing", false) : ("compare view closed; \(stepper.policyName.rawValue) alone", false)
            pair = nil
            return
        }
        guard let name = Policies.named(arguments[0])?.name else {
            message = ("compare: unknown policy '\(arguments[0])' (\(names), or off)", true)
            return
        }
        guard name != stepper.policyName else {
            message = ("compare: the left side already runs \(name.rawValue); pick another policy", true)
            return
        }
        startComparing(name)
        message = ("comparing \(stepper.policyName.rawValue) (left) with \(name.rawValue) (right): "
                   + "keys move both, D next difference, :compare off", false)
    }

    /// Opens the compare view with `policy` on the right, at the current position.
    public mutating func startComparing(_ policy: PolicyName) {
        let opened = PairStepper(left: stepper, right: policy)
        pair = opened
        stepper = opened.left
    }

    /// Stepping keys move both sides while comparing; the jump keys work in both views.
    /// Returns nil for keys the normal handler owns.
    mutating func handleJumpOrCompareKey(_ key: Key) -> Reaction? {
        switch key {
        case .char("M"): jump(to: .max); return .redraw
        case .char("F"): jump(to: .fail); return .redraw
        case .char("D"): jump(to: .diff); return .redraw
        default: break
        }
        guard var p = pair else { return nil }
        // A path that moved `stepper` alone (a newer command): the pair follows it.
        if p.left.policyName != stepper.policyName || p.operationCount != stepper.operationCount
            || p.operationNumber != stepper.operationNumber {
            p = PairStepper(left: stepper, right: p.right.policyName)
        }
        switch key {
        case .right, .char("l"), .wheelDown: p.stepForward()
        case .left, .char("h"), .wheelUp: p.stepBack()
        case .char("]"): p.nextOperation()
        case .char("["): p.previousOperation()
        case .char("g"), .home: p.first()
        case .char("G"), .end: p.last()
        default:
            pair = p
            stepper = p.left
            return nil
        }
        pair = p
        stepper = p.left
        logScroll = 0
        return .redraw
    }

    /// One playback tick of both sides; stops at the end of the scenario.
    mutating func compareTick() -> Reaction {
        guard var p = pair else { return [] }
        let here = (p.operationNumber, p.step)
        p.stepForward()
        if (p.operationNumber, p.step) == here { playing = false }
        pair = p
        stepper = p.left
        return .redraw
    }

    /// Seeks both sides while comparing, else the one stepper.
    mutating func seekBoth(operation n: Int, step k: Int) {
        guard var p = pair else { stepper.seek(operation: n, step: k); return }
        p.seek(operation: n, step: k)
        pair = p
        stepper = p.left
    }

    /// Appends a typed operation to both sides while comparing, else to the one stepper.
    mutating func appendBoth(_ command: Command) {
        guard var p = pair else { stepper.append(command); return }
        p.append(command)
        pair = p
        stepper = p.left
    }

    /// After `:policy` replaced `stepper`: the pair gets the new left side; choosing the right
    /// side's policy swaps the sides.
    mutating func reopenComparison() {
        guard let p = pair else { return }
        let right = p.right.policyName == stepper.policyName ? p.left.policyName : p.right.policyName
        startComparing(right)
    }
}
