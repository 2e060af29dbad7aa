import IOVACore

/// A witness as a scenario file: a `#` header saying where and how B departs from A, then the
/// commands. The header has a fixed number of lines, so the departing line's number is known
/// before the commands are numbered.
public enum WitnessReport {
    /// Header lines before the `domain` line.
    static let headerLines = 4

    /// The file's text. `invocation` is the command line that reproduces it.
    public static func text(_ w: Witness, a: PolicyName, b: PolicyName, want: WitnessWant, invocation: String) -> String {
        let commands = w.scenario.text(firstLine: headerLines + 1)
        let line = headerLines + 2 + w.departure.index
        let request = commands[1 + w.departure.index]
        let claim = WitnessClaim(line: line, want: want, a: a, b: b, aAnswer: w.departure.a, bAnswer: w.departure.b)
        var out = [
            "# " + invocation,
            "# Line \(line) (\(request)): " + sentence(w.departure, a: a, b: b, want: want),
            "# Found by try \(w.attempt) (\(w.source), \(w.ops) operations, generator seed \(hex(w.generatorSeed))),"
                + " shrunk from \(w.foundCommands) to \(w.scenario.items.count) commands after the domain.",
            claim.text,
        ]
        out += commands
        return out.joined(separator: "\n") + "\n"
    }

    /// How B departs, in words, with both answers.
    static func sentence(_ d: Departure, a: PolicyName, b: PolicyName, want: WitnessWant) -> String {
        func placed(_ r: PFNRange?) -> String { r.map { "[\(hex($0.lo))..\(hex($0.hi))]" } ?? "nothing" }
        switch want {
        case .fail:
            return "\(b) fails where \(a) places \(placed(d.a.range)) (visits: \(a) \(d.a.visits), \(b) \(d.b.visits))."
        case .placement:
            return "\(a) places \(placed(d.a.range)), \(b) places \(placed(d.b.range))."
        case .visits:
            return "\(b) visits \(d.b.visits) nodes, over 4·log2(n+1) = \(oneDecimal(visitBound(live: d.b.live)))"
                + " for n = \(d.b.live) live ranges; \(a) visits \(d.a.visits)"
                + " (bound \(oneDecimal(visitBound(live: d.a.live))))" + placements(d, placed) + "."
        }
    }

    /// Where the two placed the request: once when they agree.
    static func placements(_ d: Departure, _ placed: (PFNRange?) -> String) -> String {
        d.a.range == d.b.range ? "; both place \(placed(d.a.range))" : "; they place \(placed(d.a.range)) and \(placed(d.b.range))"
    }

    /// `x` rounded down to one decimal, so the printed bound never overstates the real one.
    static func oneDecimal(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded(.down))
        return "\(tenths / 10).\(tenths % 10)"
    }
}
