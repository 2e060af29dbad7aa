#if canImport(Glibc)
import Glibc
#endif
import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAScenario
import IOVAWitness

/// Checks a witness file against its header's claim by replaying it through `Replayer` on both
/// policies (the replay path, not the witness module's own lockstep runner): the answers on the
/// claimed line are the claimed ones, they depart as claimed, and no earlier line departs so.
enum ClaimCheck {
    /// One policy's answers per allocation line, with the live ranges just before it.
    static func answers(_ lines: [ScenarioLine], _ policy: PolicyName) throws -> [Int: Answer] {
        var replayer = Replayer(Policies[policy].type, facts: ScenarioFacts(for: lines))
        replayer.validateEachStep = true
        var live = 0
        var out: [Int: Answer] = [:]
        for line in lines {
            try replayer.apply(line) { record, state in
                if let o = record.result.allocation {
                    out[record.line] = Answer(range: o.range, visits: o.visits, live: live)
                }
                live = state.liveCount
            }
        }
        return out
    }

    /// The kinds as docs/witness.md defines them, written out again here rather than taken from
    /// the module under test.
    static func departs(_ want: WitnessWant, _ a: Answer, _ b: Answer) -> Bool {
        func bound(_ live: Int) -> Double { 4 * log2(Double(live + 1)) }
        switch want {
        case .fail: return a.range != nil && b.range == nil
        case .placement: return a.range != nil && b.range != nil && a.range != b.range
        case .visits: return Double(b.visits) > bound(b.live) && Double(a.visits) <= bound(a.live)
        }
    }

    /// Every way the file fails its claim; empty when it replays as claimed.
    static func problems(_ text: String, file: String = "witness") throws -> [String] {
        guard let claim = WitnessClaim(parsing: text) else { return ["no parsable '# witness:' line"] }
        guard Policies.named(claim.a.rawValue) != nil, Policies.named(claim.b.rawValue) != nil else {
            return ["unknown policy in \(claim.a),\(claim.b)"]
        }
        let lines = try Scenario.parse(text, file: file)
        let a = try answers(lines, claim.a), b = try answers(lines, claim.b)
        var problems: [String] = []
        guard let ga = a[claim.line], let gb = b[claim.line] else { return ["line \(claim.line) is not an allocation"] }
        if ga != claim.aAnswer { problems.append("\(claim.a) answers \(ga) on line \(claim.line), the header says \(claim.aAnswer)") }
        if gb != claim.bAnswer { problems.append("\(claim.b) answers \(gb) on line \(claim.line), the header says \(claim.bAnswer)") }
        if !departs(claim.want, ga, gb) { problems.append("line \(claim.line) does not show \(claim.want.rawValue)") }
        for line in a.keys.sorted() where line < claim.line {
            if let xa = a[line], let xb = b[line], departs(claim.want, xa, xb) {
                problems.append("line \(line), before the claimed one, already shows \(claim.want.rawValue)")
            }
        }
        if let last = lines.last?.line, last != claim.line {
            problems.append("the witness goes on after its departure (last line \(last))")
        }
        return problems
    }
}
