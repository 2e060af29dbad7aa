import IOVAReplay
import IOVAStepper

/// The words of the compare view: each side's header and the line saying how the two
/// answers of the current operation differ.
public enum CompareSummary {
    /// How the two sides' answers relate.
    public enum Verdict: Equatable, Sendable { case same, differ, none }

    public static func verdict(_ left: ReplayResult?, _ right: ReplayResult?) -> Verdict {
        guard let left, let right else { return .none }
        return OperationSummaries.key(of: left) == OperationSummaries.key(of: right) ? .same : .differ
    }

    /// "same placement [0x7fffe..0x7fffe], visits 2 vs 1", "placements differ: mainline
    /// [0x80000..0xfffff] vs limit-aware failed (visits 3 vs 1)", "same answer: freed".
    public static func line(_ left: Frame, _ right: Frame) -> String { lines(left, right)[0] }

    /// The same line in shorter forms, longest first, for narrow frames.
    public static func lines(_ left: Frame, _ right: Frame) -> [String] {
        guard let l = left.result, let r = right.result else { return ["no operation"] }
        let differs = verdict(l, r) == .differ
        let (ln, rn) = (left.policy.name.rawValue, right.policy.name.rawValue)
        if let lo = l.allocation, let ro = r.allocation {
            let visits = "visits \(lo.visits) vs \(ro.visits)"
            if !differs {
                let same = lo.range.map { "same placement \(Narrator.label($0))" } ?? "both failed"
                return [same + ", " + visits, same]
            }
            return ["placements differ: \(ln) \(placement(l)) vs \(rn) \(placement(r)) (\(visits))",
                    "placements differ: \(placement(l)) vs \(placement(r)), \(visits)",
                    "placements differ, \(visits)"]
        }
        if !differs { return ["same answer: " + Stepper.describe(l)] }
        return ["answers differ: \(ln) \(Stepper.describe(l)) vs \(rn) \(Stepper.describe(r))", "answers differ"]
    }

    /// `[0x80000..0xfffff]`, `failed`, or the non-allocation answer in a few words.
    public static func placement(_ result: ReplayResult) -> String {
        if let o = result.allocation { return o.range.map { Narrator.label($0) } ?? "failed" }
        return Stepper.describe(result)
    }

    /// One side's header: policy, step i/M (`done` once it waits for the other side), and
    /// the operation's visits.
    public static func header(_ frame: Frame, cursor: Int) -> String {
        var text = "\(frame.policy.name.rawValue)  step \(frame.step)/\(frame.stepCount)"
        if cursor > frame.stepCount { text += " done" }
        if let o = frame.result?.allocation { text += "  visits \(o.visits)" }
        return text
    }
}
