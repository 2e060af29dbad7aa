import IOVACore

/// The machine-readable line of a witness's header, which tests replay to check:
/// `# witness: line=N want=W a=A b=B a-range=LO..HI|failed b-range=… a-visits=V b-visits=V a-live=N b-live=N`.
public struct WitnessClaim: Hashable, Sendable {
    public var line: Int
    public var want: WitnessWant
    public var a: PolicyName
    public var b: PolicyName
    public var aAnswer: Answer
    public var bAnswer: Answer

    public static let prefix = "# witness: "

    public init(line: Int, want: WitnessWant, a: PolicyName, b: PolicyName, aAnswer: Answer, bAnswer: Answer) {
        self.line = line
        self.want = want
        self.a = a
        self.b = b
        self.aAnswer = aAnswer
        self.bAnswer = bAnswer
    }

    public var text: String {
        Self.prefix + "line=\(line) want=\(want.rawValue) a=\(a) b=\(b)"
            + " a-range=\(Self.range(aAnswer.range)) b-range=\(Self.range(bAnswer.range))"
            + " a-visits=\(aAnswer.visits) b-visits=\(bAnswer.visits) a-live=\(aAnswer.live) b-live=\(bAnswer.live)"
    }

    static func range(_ r: PFNRange?) -> String {
        r.map { hex($0.lo) + ".." + hex($0.hi) } ?? "failed"
    }

    /// The claim in a witness file's text, or nil when it has none or it is malformed.
    public init?(parsing fileText: String) {
        guard let raw = fileText.split(separator: "\n").first(where: { $0.hasPrefix(Self.prefix) }) else { return nil }
        var fields: [String: String] = [:]
        for pair in raw.dropFirst(Self.prefix.count).split(separator: " ") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { return nil }
            fields[String(kv[0])] = String(kv[1])
        }
        func int(_ key: String) -> Int? { fields[key].flatMap { Int($0) } }
        guard let line = int("line"), let want = fields["want"].flatMap(WitnessWant.init(rawValue:)),
              let a = fields["a"], let b = fields["b"],
              let ar = fields["a-range"].flatMap(Self.parseRange), let br = fields["b-range"].flatMap(Self.parseRange),
              let av = int("a-visits"), let bv = int("b-visits"), let al = int("a-live"), let bl = int("b-live")
        else { return nil }
        self.init(line: line, want: want, a: PolicyName(a), b: PolicyName(b),
                  aAnswer: Answer(range: ar.range, visits: av, live: al),
                  bAnswer: Answer(range: br.range, visits: bv, live: bl))
    }

    /// `failed` → nil inside; `0xLO..0xHI` → the range; anything else → nil outside.
    private static func parseRange(_ text: String) -> (range: PFNRange?, Void)? {
        if text == "failed" { return (nil, ()) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: true)
        guard parts.count == 2, let lo = parseHex(parts[0]), let hi = parseHex(parts[1]), lo <= hi else { return nil }
        return (PFNRange(lo: lo, hi: hi), ())
    }

    private static func parseHex(_ s: Substring) -> UInt64? {
        guard s.hasPrefix("0x") else { return nil }
        return UInt64(s.dropFirst(2), radix: 16)
    }
}
