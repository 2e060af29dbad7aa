import IOVACore
import IOVAReplay

/// One policy's answer to the allocation where the witness departs.
public struct Answer: Hashable, Sendable {
    /// The range placed, nil when the allocation failed.
    public var range: PFNRange?
    /// Visits as `replay` reports them (both attempts of a fallback allocation summed).
    public var visits: Int
    /// Live ranges in that policy's tree just before the request (the n of the visit bound).
    public var live: Int

    public init(range: PFNRange?, visits: Int, live: Int) {
        self.range = range
        self.visits = visits
        self.live = live
    }
}

/// The first allocation where policy B departs from policy A in the wanted way.
public struct Departure: Hashable, Sendable {
    /// The index of the allocation among the scenario's items.
    public var index: Int
    public var a: Answer
    public var b: Answer
}

extension WitnessWant {
    /// Whether B's answer departs from A's in this way.
    public func holds(a: Answer, b: Answer) -> Bool {
        switch self {
        case .fail: a.range != nil && b.range == nil
        case .placement: a.range != nil && b.range != nil && a.range != b.range
        case .visits: Double(b.visits) > visitBound(live: b.live) && Double(a.visits) <= visitBound(live: a.live)
        }
    }
}

/// Runs a scenario on two policies in lockstep and reports the first departure of one kind.
public struct DepartureFinder {
    public let a: any InspectablePolicy.Type
    public let b: any InspectablePolicy.Type
    public let want: WitnessWant

    public init(a: any InspectablePolicy.Type, b: any InspectablePolicy.Type, want: WitnessWant) {
        self.a = a
        self.b = b
        self.want = want
    }

    /// The first departure, or nil when B never departs from A that way. Stops there.
    public func first(in scenario: WitnessScenario) -> Departure? {
        let lines = scenario.lines()
        var ledgerA = AllocationLedger(for: lines, config: scenario.config)
        var ledgerB = ledgerA
        var pa: any InspectablePolicy = a.init(config: scenario.config)
        var pb: any InspectablePolicy = b.init(config: scenario.config)
        for (i, line) in lines.dropFirst().enumerated() {
            let liveA = pa.liveCount, liveB = pb.liveCount
            let ra = pa.execute(line, ledger: &ledgerA)
            let rb = pb.execute(line, ledger: &ledgerB)
            guard let oa = ra.allocation, let ob = rb.allocation else { continue }
            let answerA = Answer(range: oa.range, visits: oa.visits, live: liveA)
            let answerB = Answer(range: ob.range, visits: ob.visits, live: liveB)
            if want.holds(a: answerA, b: answerB) { return Departure(index: i, a: answerA, b: answerB) }
        }
        return nil
    }
}
