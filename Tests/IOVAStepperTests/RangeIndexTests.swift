import Testing
import TestSupport
import IOVACore
import IOVAPolicies
import IOVAMaple
import IOVAReplay
import IOVAScenario
@testable import IOVAStepper

/// The range index the address pane draws from must hold exactly the policy's ranges after
/// any operation and any move of the stepper, and answer its queries as a plain scan would.
@Suite struct RangeIndexTests {
    static let policies = Policies.names

    // MARK: Queries against a scan

    @Test(arguments: [1, 7, 128, 129, 600, 5_000])
    func queriesMatchAScan(_ n: Int) {
        var rng = TestRNG(seed: UInt64(n))
        var ranges: [PFNRange] = []
        var at: UInt64 = rng.below(4)
        for _ in 0..<n {
            let size = 1 + rng.below(rng.below(4) == 0 ? 300 : 3)
            ranges.append(PFNRange(lo: at, hi: at + size - 1))
            at += size + (rng.below(3) == 0 ? 0 : rng.below(rng.below(5) == 0 ? 5000 : 20))
        }
        let index = Self.index(ranges)
        #expect(index.count == n)
        #expect(Self.listed(index) == ranges)
        let top = at + 100
        for _ in 0..<400 {
            let a = rng.below(top), b = a + rng.below(rng.below(2) == 0 ? 50 : top)
            let window = PFNRange(lo: a, hi: b)
            let scan = ranges.reduce(UInt64(0)) { sum, r in
                r.overlaps(window) ? sum + min(r.hi, b) - max(r.lo, a) + 1 : sum
            }
            #expect(index.allocated(in: window) == scan, "\(window)")
            #expect(index.last(startingAtOrBelow: a) == ranges.last { $0.lo <= a })
        }
        // Gaps: everything when every block is scanned; with a threshold, every gap above it
        // (and only true gaps).
        for cut in [0, top / 3, top - 1, top + 50] {
            let all = Self.gaps(ranges, upTo: cut)
            var seen: [PFNRange] = []
            index.forEachGap(upTo: cut, worthScanning: { _ in true }) { seen.append($0) }
            #expect(seen == all, "gaps up to \(cut)")
            for threshold: UInt64 in [1, 5, 19, 400] {
                var some: [PFNRange] = []
                index.forEachGap(upTo: cut, worthScanning: { $0 > threshold }) { some.append($0) }
                #expect(Set(some).isSubset(of: Set(all)))
                #expect(all.filter { $0.count > threshold }.allSatisfy { some.contains($0) })
            }
        }
    }

    // MARK: Following a policy

    /// Random operations (allocs at every kind of limit, frees anywhere, reserves across and
    /// around ranges): after each, moving the index across the operation's window forwards
    /// gives the new ranges and moving it back gives the old ones.
    // Long tier: 4,000 operations per run instead of 1,200 (RandomRun.opsPerRun).
    @Test(arguments: policies, [RandomRun.all[0], RandomRun.all[3], RandomRun.all[4]])
    func followsEveryOperation(_ policy: PolicyName, _ run: RandomRun) throws {
        let config = try DomainConfig(startPFN: run.startPFN, granule: run.granule)
        var state = Policies[policy].type.init(config: config)
        var ledger = AllocationLedger(referenced: LineSet())
        var generator = RandomOpGenerator(run: run)
        var index = RangeIndex(state)
        var changes = 0
        for i in 0..<run.ops {
            let live = Self.ranges(state)
            let command: Command = switch generator.next(live) {
            case let .alloc(size, limit, aligned): .alloc(size: size, limit: limit, aligned: aligned)
            case let .free(pfn): .free(pfn: pfn)
            case let .reserve(lo, hi): .reserve(lo: lo, hi: hi)
            case let .find(pfn): .find(pfn: pfn)
            }
            let old = state
            let oldIndex = index
            let result = state.execute(ScenarioLine(line: i + 1, command: command), ledger: &ledger)
            guard let window = Stepper.changedWindow(result, before: old) else {
                #expect(Self.ranges(state) == live, "op \(i) \(command) changed ranges without a window")
                continue
            }
            changes += 1
            index = index.replacing(window, from: state)
            #expect(Self.listed(index) == Self.ranges(state), "op \(i): \(command)")
            #expect(index.count == state.liveCount)
            #expect(Self.listed(index.replacing(window, from: old)) == Self.listed(oldIndex), "op \(i) backwards")
        }
        #expect(changes > run.ops / 3, "\(changes) changing operations in \(run.ops)")
    }

    // MARK: Following the stepper

    /// Every way of moving (micro-steps both ways, next and previous operation, far seeks)
    /// leaves both indexes equal to their states, for every policy.
    @Test(arguments: policies)
    func followsTheStepper(_ policy: PolicyName) throws {
        let lines = try StepperFixtures.mixedScenario(seed: 11, operations: 2_500)
        var rng = TestRNG(seed: 11)
        var s = Stepper(lines: lines, policy: policy)
        // Long tier: 600 moves instead of 100 (the same seeded walk, continued).
        for move in 0..<TestTier.scaled(default: 100, long: 600) {
            switch rng.below(6) {
            case 0: s.nextOperation()
            case 1: s.previousOperation()
            case 2: for _ in 0..<rng.below(40) { s.stepForward() }
            case 3: for _ in 0..<rng.below(40) { s.stepBack() }
            case 4: s.seek(operation: s.operationNumber + Int(rng.below(3)) - 1, step: .max)
            default: s.seek(operation: 1 + Int(rng.below(UInt64(s.operationCount))), step: 0)
            }
            #expect(Self.listed(s.rangesBefore) == Self.ranges(s.before), "move \(move) at op \(s.operationNumber)")
            #expect(Self.listed(s.rangesAfter) == Self.ranges(s.after), "move \(move) at op \(s.operationNumber)")
        }
    }

    static func ranges(_ p: any IOVAPolicy) -> [PFNRange] {
        var out: [PFNRange] = []
        p.forEachRange { out.append($0) }
        return out
    }

    static func listed(_ index: RangeIndex) -> [PFNRange] {
        var out: [PFNRange] = []
        index.forEach { out.append($0) }
        return out
    }

    /// Built one range at a time, in a scrambled order (block inserts and splits), and checked
    /// against the one-pass build.
    static func index(_ ranges: [PFNRange]) -> RangeIndex {
        var index = RangeIndex()
        var rng = TestRNG(seed: UInt64(ranges.count))
        var present: [PFNRange] = []
        for r in ranges.shuffled(using: &rng) {
            present.append(r)
            index = index.replacing(r, reading: read(present))
        }
        var listed: [PFNRange] = []
        index.forEach { listed.append($0) }
        var bulk: [PFNRange] = []
        RangeIndex(sorted: ranges).forEach { bulk.append($0) }
        #expect(listed == bulk)
        return index
    }

    /// A lookup over an unsorted list of ranges.
    static func read(_ ranges: [PFNRange]) -> (PFNRange, (PFNRange) -> Void) -> Void {
        { window, body in ranges.filter { $0.overlaps(window) }.sorted { $0.lo < $1.lo }.forEach(body) }
    }

    static func gaps(_ ranges: [PFNRange], upTo top: UInt64) -> [PFNRange] {
        var out: [PFNRange] = []
        var next: UInt64 = 0
        for r in ranges where r.lo <= top {
            if r.lo > next { out.append(PFNRange(lo: next, hi: r.lo - 1)) }
            if r.hi >= top { return out }
            next = r.hi + 1
        }
        out.append(PFNRange(lo: next, hi: top))
        return out
    }
}
