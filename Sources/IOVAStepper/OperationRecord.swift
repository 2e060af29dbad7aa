import IOVACore
import IOVAReplay
import IOVAScenario

/// Counters of one operation, shown in the status bar.
public struct OperationCounters: Hashable, Sendable {
    public var visited = 0
    public var pruned = 0
    public var rotations = 0
    public var recolors = 0
    public var maxGapUpdates = 0
    /// Maple: nodes split (one per new node), and merges or redistributions with a sibling.
    public var splits = 0
    public var merges = 0

    public init() {}

    /// Counts `event` into the totals.
    public mutating func count(_ event: AllocatorEvent) {
        switch event {
        case .visit: visited += 1
        case .pruned: pruned += 1
        case .rotated: rotations += 1
        case .recolored: recolors += 1
        case .augmentChanged(_, let field, _, _) where field == .maxGap || field == .maxGap32: maxGapUpdates += 1
        // Maple: a node read is a visit; a slot passed over for its gap or the window is a
        // pruned subtree (a leaf slot: a free run too small); gap array writes are max-gap updates.
        case .nodeEntered: visited += 1
        case .slotExamined(_, _, _, _, _, .gapTooSmall), .slotExamined(_, _, _, _, _, .outsideWindow): pruned += 1
        case .gapChanged: maxGapUpdates += 1
        case .split: splits += 1
        case .merged, .rebalanced: merges += 1
        default: break
        }
    }

    /// The counters after the first `step` events.
    public init(_ events: ArraySlice<AllocatorEvent>) {
        self.init()
        for e in events { count(e) }
    }
}

/// One operation as recorded: its command, its answer, and every event the policy reported.
public struct OperationRecord: Sendable {
    /// 1-based operation number (`domain` and comments are not operations).
    public var number: Int
    public var line: ScenarioLine
    public var result: ReplayResult
    /// The micro-steps: step K shows the state after `events[K - 1]` (step 0: before any).
    public var events: [AllocatorEvent]
}
