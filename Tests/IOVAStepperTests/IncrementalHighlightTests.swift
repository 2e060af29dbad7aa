import Testing
import TestSupport
import IOVACore
import IOVAPolicies
import IOVAScenario
@testable import IOVAStepper

/// A long walk's frames read keyframes (`PrefixIndex`) and a first-visit index (`VisitIndex`)
/// instead of folding every event: both must answer exactly what folding the whole prefix
/// answers, at any step, on every policy in the registry.
@Suite struct IncrementalHighlightTests {
    /// `n` 64-bit allocations, then a 32-bit one: mainline walks all `n` nodes.
    static func longWalk(_ n: Int) throws -> [ScenarioLine] {
        var text = "domain start=1 granule=4096\n"
        var rng = TestRNG(seed: 5)
        for _ in 0..<n { text += "alloc \(1 << rng.below(4)) limit=dma64 aligned\n" }
        text += "alloc 16 limit=dma32 aligned\n"
        return try Scenario.parse(text, file: "walk.iova")
    }

    /// Everything a `PrefixState` holds, as text (sets and dictionaries sorted).
    static func digest(_ p: PrefixState) -> String {
        let h = p.highlights, m = h.maple
        func sorted<T>(_ xs: some Sequence<T>) -> String { xs.map { "\($0)" }.sorted().joined(separator: ",") }
        return [
            "cur \(h.current) vis \(sorted(h.visited)) pruned \(sorted(h.pruned.map { "\($0.key):\($0.value)" }))",
            "gap \(String(describing: h.examinedGap)) found \(String(describing: h.found)) fail \(String(describing: h.failure))",
            "touched \(sorted(h.touched)) req \(String(describing: h.size)) \(String(describing: h.limit)) \(h.aligned)",
            "changed \(h.treeChanged) \(h.erased) \(h.rcacheChanged) mag \(String(describing: h.magazine)) skip \(h.skippedPFNs)",
            "maple \(m.current) \(m.path) \(m.entered) \(sorted(m.exhausted)) \(sorted(m.verdicts.map { "\($0.key):\($0.value)" }))",
            "\(String(describing: m.examined)) \(m.ascents.map { "\($0.from)>\($0.to)" }) \(sorted(m.touched)) \(sorted(m.freed))",
            "\(sorted(m.gapChanges.map { "\($0.key):\($0.value.from)>\($0.value.to)" })) \(String(describing: m.stored))",
            "counters \(p.counters) code \(String(describing: p.codeLine)) \(p.erased) \(p.stored)",
        ].joined(separator: "\n")
    }

    /// Every operation of a mixed scenario with a few events, on every policy: keyframes every
    /// 3 events, compared with the fold from step 0 at every step.
    @Test(arguments: Policies.names)
    func keyframesMatchTheFold(_ policy: PolicyName) throws {
        var s = Stepper(lines: try StepperFixtures.mixedScenario(seed: 11, operations: 120), policy: policy)
        var checked = 0
        while true {
            if let record = s.record, record.events.count >= 4 {
                let code = CodeLines(policy: s.policy, listing: PseudoCode.listing(of: record.line.command))
                let index = PrefixIndex(events: record.events, tree: s.before.rbTree, code: code, spacing: 3)
                for k in 0...record.events.count {
                    let folded = PrefixState(record.events[..<k], tree: s.before.rbTree, code: code)
                    #expect(Self.digest(index.state(at: k, events: record.events)) == Self.digest(folded), "op \(record.number) step \(k)")
                }
                checked += 1
            }
            guard s.operationNumber < s.operationCount else { break }
            s.nextOperation()
        }
        #expect(checked > 20)
    }

    /// The visit index against the visited set and a brute-force subtree search, in both trees.
    @Test(arguments: Policies.names)
    func visitIndexMatchesTheVisitedSet(_ policy: PolicyName) throws {
        var s = Stepper(lines: try StepperFixtures.mixedScenario(seed: 12, operations: 120), policy: policy)
        var rng = TestRNG(seed: 3)
        var checked = 0
        while true {
            if let record = s.record, let before = s.before.rbTree, let after = s.after.rbTree {
                let index = VisitIndex(events: record.events, before: before, after: after)
                for _ in 0..<4 {
                    let k = Int(rng.below(UInt64(record.events.count + 1)))
                    let visited = Highlights(record.events[..<k], tree: before).visited
                    for (tree, isAfter) in [(before, false), (after, true)] {
                        let marks = VisitMarks(index: index, step: k, after: isAfter)
                        var subtree: [NodeID: Bool] = [:]
                        // Post-order: a subtree holds a visit if its root or a child's subtree does.
                        func walk(_ n: NodeID) -> Bool {
                            guard n.exists else { return false }
                            let l = walk(tree.left(n)), r = walk(tree.right(n))
                            let any = visited.contains(n) || l || r
                            subtree[n] = any
                            return any
                        }
                        _ = walk(tree.root)
                        for (n, any) in subtree {
                            #expect(marks.isVisited(n) == visited.contains(n), "op \(record.number) step \(k) node \(n)")
                            #expect(marks.subtreeVisited(n) == any, "op \(record.number) step \(k) subtree \(n)")
                        }
                    }
                }
                checked += 1
            }
            guard s.operationNumber < s.operationCount else { break }
            s.nextOperation()
        }
        #expect(checked > 0 || Policies[policy].treeKind != .redBlack)
    }

    /// A walk long enough for the stepper to index it: its frames equal the from-scratch ones.
    @Test func longWalkFramesMatchFromScratch() throws {
        var s = Stepper(lines: try Self.longWalk(2_600), policy: .mainline)
        s.last()
        #expect(s.prefixIndex != nil && s.visitIndex != nil)
        var bare = s
        bare.prefixIndex = nil
        bare.visitIndex = nil
        var rng = TestRNG(seed: 8)
        for k in [0, 1, s.stepCount / 2, s.stepCount - 1, s.stepCount] + (0..<12).map({ _ in Int(rng.below(UInt64(s.stepCount + 1))) }) {
            s.seek(operation: s.operationCount, step: k)
            bare.seek(operation: s.operationCount, step: k)
            #expect(StepperFixtures.fingerprint(s) == StepperFixtures.fingerprint(bare), "step \(k)")
            #expect(s.frame.visits != nil && bare.frame.visits == nil)
        }
    }

    /// Once the answers are known, the stepper makes room for a long walk's events from its
    /// visits before recording it, and builds its indexes beside the range index on another
    /// core: the same events, indexes and frames as a cold load, on every policy.
    @Test(arguments: Policies.names)
    func loadWithKnownAnswersMatchesAColdLoad(_ policy: PolicyName) throws {
        let lines = try Self.longWalk(2_600)
        var cold = Stepper(lines: lines, policy: policy)
        cold.last()
        var known = Stepper(lines: lines, policy: policy)
        #expect(known.summaries().count == known.operationCount)
        known.last()
        #expect(known.record?.events == cold.record?.events)
        #expect((known.prefixIndex == nil) == (cold.prefixIndex == nil))
        #expect((known.visitIndex == nil) == (cold.visitIndex == nil))
        if policy == .mainline { #expect(known.visitIndex != nil) }
        for k in [0, 1, cold.stepCount / 3, cold.stepCount / 2, cold.stepCount] {
            cold.seek(operation: cold.operationCount, step: k)
            known.seek(operation: known.operationCount, step: k)
            #expect(StepperFixtures.fingerprint(known) == StepperFixtures.fingerprint(cold), "step \(k)")
        }
    }
}
