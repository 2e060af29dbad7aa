import IOVAStepper

/// Where `:goto max|fail|diff` (and the keys M, F, D) jump.
public enum JumpTarget: String, CaseIterable, Sendable {
    /// The allocation with the most visits under the current (left) policy.
    case max
    /// The next failed allocation after the current operation (wrapping to the first).
    case fail
    /// In the compare view: the next operation the two policies answer differently (wrapping).
    case diff
}

extension AppState {
    /// Jumps to `target`'s operation, at step 0, and says why it is there. The first jump
    /// replays the scenario once per policy involved (see `Stepper.summaries()`); later ones
    /// read the kept summaries.
    public mutating func jump(to target: JumpTarget) {
        let policy = stepper.policyName.rawValue
        let current = stepper.operationNumber
        switch target {
        case .max:
            guard let best = leftSummaries().mostVisited else {
                message = ("no allocation in this scenario", true)
                return
            }
            session.apply(.seek(operation: best.operation, step: 0))
            message = ("op \(best.operation): the most visits under \(policy), \(best.visits)" + rightVisits(), false)
        case .fail:
            let summaries = leftSummaries()
            guard let f = summaries.failure(after: current) else {
                message = ("no allocation fails under \(policy)", false)
                return
            }
            session.apply(.seek(operation: f.operation, step: 0))
            message = ("op \(f.operation): failed allocation \(f.index + 1) of \(summaries.failures.count) under \(policy)"
                       + (f.wrapped ? " (from the top)" : ""), false)
        case .diff:
            guard let other = pair?.right.policyName else {
                message = ("goto diff needs two policies: :compare POLICY first", true)
                return
            }
            let (l, r) = session.summaries()
            guard let r, let d = l.difference(from: r, after: current) else {
                message = ("\(policy) and \(other) answer every operation alike", false)
                return
            }
            session.apply(.seek(operation: d.operation, step: 0))
            message = ("op \(d.operation): the answers differ (\(d.total) operation\(d.total == 1 ? "" : "s") differ in all)"
                       + (d.wrapped ? " (from the top)" : ""), false)
        }
    }

    /// The current policy's summaries, computed once and kept in its stepper.
    private mutating func leftSummaries() -> OperationSummaries { session.primarySummaries() }

    /// `; limit-aware 9` while comparing an allocation.
    private func rightVisits() -> String {
        guard let p = pair, let o = p.right.record?.result.allocation else { return "" }
        return "; \(p.right.policyName.rawValue) \(o.visits)"
    }
}
