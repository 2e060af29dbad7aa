import IOVAStepper

/// What the visits timeline shows: each policy's visits per operation across the whole
/// scenario (from the background replay's answers), and the current operation
/// (docs/screen.md § Visits timeline).
public struct Timeline {
    public struct Strip {
        /// The policy's name, the strip's label in the compare view.
        public var policy: String
        /// Every operation's answer; nil while the background replay is still running.
        public var summaries: OperationSummaries?

        public init(policy: String, summaries: OperationSummaries?) {
            self.policy = policy
            self.summaries = summaries
        }
    }

    public var strips: [Strip]
    /// The current operation (1-based) and how many there are.
    public var operation: Int
    public var count: Int

    public init(strips: [Strip], operation: Int, count: Int) {
        self.strips = strips
        self.operation = operation
        self.count = count
    }

    /// The timeline of a session: one strip, or one per side while comparing.
    public init(_ session: Session) {
        let steppers = session.pair.map { [$0.left, $0.right] } ?? [session.primary]
        self.init(strips: steppers.map { Strip(policy: $0.policyName.rawValue, summaries: $0.readySummaries) },
                  operation: session.primary.operationNumber, count: session.primary.operationCount)
    }

    /// Rows the strip takes in a frame `height` rows tall: a row per policy and a marker row
    /// when there is room; at small heights the first policy's strip alone, the current
    /// operation's column in reverse video.
    public static func rows(strips: Int, height: Int) -> Int {
        if height >= 24 { return strips + 1 }
        if height >= 20 && strips > 1 { return strips }
        return 1
    }

    /// The label column: `visits` alone, or the policies' names while comparing.
    var labelWidth: Int {
        guard strips.count > 1 else { return Self.singleLabel.count + 1 }
        return min(12, strips.map(\.policy.count).max() ?? 0) + 1
    }

    static let singleLabel = "visits"

    /// The columns of a strip `width` cells wide (label included).
    public func scale(width: Int) -> TimelineScale { TimelineScale(count: count, width: width - labelWidth) }

    /// The operation a key or a click on column `c` goes to: the column's slowest allocation
    /// under the first policy (its first operation while the answers are not ready).
    public func target(column c: Int, width: Int) -> Int? {
        let scale = scale(width: width)
        guard scale.columns > 0, (0..<scale.columns).contains(c) else { return nil }
        let ops = scale.operations(in: c)
        return strips.first?.summaries?.slowest(in: ops) ?? ops.lowerBound + 1
    }

    /// The most visits of any operation under any of the policies: the log scale's top,
    /// shared so that the strips compare.
    var top: UInt32 {
        strips.compactMap { $0.summaries?.mostVisited.map { UInt32(clamping: $0.visits) } }.max() ?? 0
    }
}
