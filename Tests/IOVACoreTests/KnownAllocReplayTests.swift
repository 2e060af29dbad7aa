import IOVACore
import IOVAMaple
import TestSupport
import Testing

/// `replayKnownAlloc` (a seek re-applying the background replay's answers instead of searching)
/// must leave exactly the state `alloc` leaves. Each randomized run drives two copies of a policy:
/// one allocates, the other is handed the first one's answers; frees and reserves go to both.
/// After every operation the two trees must be the same tree, node for node (shape, colours and
/// ranges, or maple's nodes, pivots, slots and gaps), with the same `max32_alloc_size`; the
/// validators run on the replaying copy every 16th operation and at the end.
@Suite struct KnownAllocReplayTests {
    @Test(arguments: RandomRun.all)
    func gapTreePolicies(_ run: RandomRun) throws {
        try check(AugmentedPolicy.self, run, dump: Self.rbDump)
        try check(Augmented32Policy.self, run, dump: Self.rbDump)
        try check(LimitAwarePolicy.self, run, dump: Self.rbDump)
        try check(AlignAwarePolicy.self, run, dump: Self.rbDump)
    }

    @Test(arguments: RandomRun.all)
    func maple(_ run: RandomRun) throws {
        try check(MaplePolicy.self, run) { Self.mapleDump($0.tree) }
    }

    /// mainline has no shortcut: its allocation moves the cached nodes by the walk it makes.
    @Test func mainlineDeclines() {
        var p = MainlinePolicy(config: .standard)
        let took = p.replayKnownAlloc(size: 1, limit: DomainConfig.standard.maxPFN, aligned: false, lo: 5)
        #expect(!took && p.liveCount == 0)
    }

    private func check<P: IOVAPolicy>(_ type: P.Type, _ run: RandomRun, dump: (P) -> [UInt8]) throws {
        let config = try DomainConfig(startPFN: run.startPFN, granule: run.granule)
        var searching = P(config: config)
        var replaying = P(config: config)
        var gen = RandomOpGenerator(run: run)
        var live: [PFNRange] = []   // ascending, as the generator expects
        var (successes, failures) = (0, 0)
        for i in 0..<run.ops {
            let op = gen.next(live)
            switch op {
            case let .alloc(size, limit, aligned):
                let outcome = searching.alloc(size: size, limit: limit, aligned: aligned)
                if let r = outcome.range {
                    live.insert(r, at: live.firstIndex { $0.lo > r.lo } ?? live.count)   // the generator wants them sorted
                    successes += 1
                } else {
                    failures += 1
                }
                let took = replaying.replayKnownAlloc(size: size, limit: limit, aligned: aligned, lo: outcome.range?.lo)
                #expect(took, "\(P.self) declined a known answer")
            case let .free(pfn):
                #expect(searching.free(pfn: pfn) == replaying.free(pfn: pfn))
                live.removeAll { $0.contains(pfn) }
            case let .reserve(lo, hi):
                #expect(searching.reserve(lo: lo, hi: hi) == replaying.reserve(lo: lo, hi: hi))
                live = []
                searching.forEachRange { live.append($0) }
            case let .find(pfn):
                #expect(searching.find(pfn: pfn) == replaying.find(pfn: pfn))
            }
            guard dump(searching) == dump(replaying), searching.max32AllocSize == replaying.max32AllocSize else {
                Issue.record("\(P.self) \(run.testDescription): op \(i) \(op) left different states")
                return
            }
            if i % 16 == 0 || i == run.ops - 1 {
                let problems = replaying.validate()
                guard problems.isEmpty else { Issue.record("\(P.self) op \(i): \(problems.prefix(3))"); return }
            }
        }
        // The run must have exercised both kinds of answer.
        #expect(successes > run.ops / 10 && failures > 0, "\(P.self): \(successes) allocations, \(failures) failures")
    }

    /// The preorder of an rb-tree policy: shape, colours and ranges (fields follow from them,
    /// and the validator checks them).
    static func rbDump<P: PolicyInspection>(_ p: P) -> [UInt8] {
        var out: [UInt8] = []
        _ = p.appendTree(to: &out)
        return out
    }

    /// Every maple node from the root: its id, kind, slot count, pivots, slots and gaps.
    static func mapleDump(_ t: MapleTree) -> [UInt8] {
        var words: [UInt64] = [UInt64(t.height), UInt64(t.nodeCount), UInt64(t.entryCount)]
        var stack = [t.root]
        while let n = stack.popLast() {
            let count = t.slotCount(n)
            words += [UInt64(n.raw), t.isLeaf(n) ? 1 : 0, UInt64(count)]
            for i in 0..<count {
                if i < count - 1 { words.append(t.pivot(n, i)) }
                if t.isLeaf(n) {
                    words.append(UInt64(t.value(n, i)))
                } else {
                    words += [UInt64(t.child(n, i).raw), t.childGap(n, i)]
                    stack.append(t.child(n, i))
                }
            }
        }
        return words.withUnsafeBytes { Array($0) }
    }
}
