// The observer events of the rb-tree proposals: the prunes that make each search what it is
// (docs/algorithms/gap-tree.md), the augmented-field changes of inserts and erases (values derived from the
// gap_to_prev / clamped_gap32 definitions there), and `.visit` events matching `visits`.
import IOVACore
import TestSupport
import Testing

/// A domain "dominated by 64-bit allocations": 64 size-1 allocations at L64, every other one
/// freed again so the high region is full of 1-page holes (gaps >= size above 4 GiB).
func sixtyFourBitDomain<P: GapTreePolicy>(_: P.Type) -> P {
    var p = P(config: .standard)
    var los: [UInt64] = []
    for _ in 0..<64 { los.append(p.alloc(size: 1, limit: KL.L64, aligned: false).range!.lo) }
    for (i, lo) in los.enumerated() where i % 2 == 1 { _ = p.free(pfn: lo) }
    return p
}

/// All nodes of the subtree rooted at `n`.
func subtree<P: GapTreePolicy>(_ p: P, _ n: NodeID) -> [NodeID] {
    var out: [NodeID] = [], stack = [n]
    while let m = stack.popLast() {
        guard m.exists else { continue }
        out.append(m)
        stack.append(p.domain.tree.left(m))
        stack.append(p.domain.tree.right(m))
    }
    return out
}

@Suite("Observer events of the augmented proposals")
struct AugmentationEventTests {
    /// limit-aware (docs/algorithms/gap-tree.md § limit-aware descent): below a node starting at or above the limit, its right subtree holds
    /// only gaps above the limit and is skipped without being entered.
    @Test("limit-aware reports .aboveLimit prunes and never enters those subtrees")
    func limitAwareAboveLimit() throws {
        var p = sixtyFourBitDomain(LimitAwarePolicy.self)
        let before = p
        var log = EventLog()
        let out = p.alloc(size: 1, limit: KL.L32, aligned: false, observer: &log)
        #expect(out.range == R(0xfffff))
        let prunes = log.events.compactMap { e -> (NodeID, UInt64)? in
            if case let .pruned(n, .aboveLimit, value) = e { return (n, value) } else { return nil }
        }
        #expect(!prunes.isEmpty, "no .aboveLimit prune on a 32-bit request over 64-bit nodes")
        let visited = Set(log.events.compactMap { e -> NodeID? in if case let .visit(n) = e { n } else { nil } })
        for (n, value) in prunes {
            // The value is the pruned subtree root's lo, which lies above the (inclusive) limit.
            #expect(value == before.domain.tree.lo(n) && value > KL.L32)
            #expect(visited.isDisjoint(with: subtree(before, n)), "a node under pruned \(n) was visited")
        }
        // The plain augmented search on the same domain has no such prune.
        var blind = sixtyFourBitDomain(AugmentedPolicy.self)
        var blindLog = EventLog()
        #expect(blind.alloc(size: 1, limit: KL.L32, aligned: false, observer: &blindLog).range == R(0xfffff))
        #expect(!blindLog.events.contains { if case .pruned(_, .aboveLimit, _) = $0 { true } else { false } })
    }

    /// augmented32 (docs/algorithms/gap-tree.md § augmented32, patch 3/4): requests with exclusive limit <= d32 prune on
    /// __subtree_max_gap32. Every 64-bit node's gap lies above 4 GiB (clamped_gap32 = 0) except
    /// the lowest one's, which reaches down to pfn 0; so each such prune reads 0.
    @Test("augmented32 reports .maxGap32TooSmall prunes for 32-bit requests only")
    func augmented32Prunes() throws {
        let domain = sixtyFourBitDomain(Augmented32Policy.self)
        func prunes(limit: UInt64) -> (gap32: [UInt64], gap: Int, range: PFNRange?) {
            var p = domain
            var log = EventLog()
            let r = p.alloc(size: 1, limit: limit, aligned: false, observer: &log).range
            var g32: [UInt64] = [], g = 0
            for e in log.events {
                if case let .pruned(_, .maxGap32TooSmall, v) = e { g32.append(v) }
                if case .pruned(_, .maxGapTooSmall, _) = e { g += 1 }
            }
            return (g32, g, r)
        }
        let at32 = prunes(limit: KL.L32)                  // limit + 1 = d32: a 32-bit request
        #expect(at32.range == R(0xfffff))
        #expect(!at32.gap32.isEmpty)
        #expect(at32.gap32.allSatisfy { $0 == 0 })
        #expect(at32.gap == 0, "a 32-bit request pruned on __subtree_max_gap")
        let above = prunes(limit: KL.L32 + 1)             // limit + 1 > d32: not a 32-bit request
        #expect(above.range == R(0x100000))
        #expect(above.gap32.isEmpty)
        // The same domain under plain `augmented` never reports the 32-bit reason.
        var plain = sixtyFourBitDomain(AugmentedPolicy.self)
        var log = EventLog()
        _ = plain.alloc(size: 1, limit: KL.L32, aligned: false, observer: &log)
        #expect(!log.events.contains { if case .pruned(_, .maxGap32TooSmall, _) = $0 { true } else { false } })
    }

    /// Fresh domain: the anchor owns the whole space below it (gap_to_prev = lo = 2^64-1).
    /// Allocating 0xfffff shrinks it to 2^64-1 - 0x100000 and the anchor's subtree maximum
    /// follows; freeing restores it.
    static func anchorMaxGapEvents<P: GapTreePolicy>(_: P.Type) -> (insert: [AllocatorEvent], erase: [AllocatorEvent], anchor: NodeID) {
        var p = P(config: .standard)
        let anchor = p.domain.anchor
        var a = EventLog(), f = EventLog()
        _ = p.alloc(size: 1, limit: KL.L32, aligned: false, observer: &a)
        _ = p.free(pfn: 0xfffff, observer: &f)
        return (a.events, f.events, anchor)
    }

    @Test(".augmentChanged(maxGap) of the anchor on insert and erase", arguments: ProposalKind.allCases)
    func anchorMaxGap(kind: ProposalKind) {
        let shrunk: UInt64 = .max - 0x100000            // 0xffff_ffff_ffef_ffff
        let (insert, erase, anchor) = switch kind {
        case .augmented: Self.anchorMaxGapEvents(AugmentedPolicy.self)
        case .augmented32: Self.anchorMaxGapEvents(Augmented32Policy.self)
        case .limitAware: Self.anchorMaxGapEvents(LimitAwarePolicy.self)
        case .alignAware: Self.anchorMaxGapEvents(AlignAwarePolicy.self)
        }
        #expect(insert.contains(.augmentChanged(anchor, field: .maxGap, from: .max, to: shrunk)))
        #expect(erase.contains(.augmentChanged(anchor, field: .maxGap, from: shrunk, to: .max)))
        if kind == .augmented32 {
            // clamped_gap32 of the anchor: [0, d32-1] before (0x100000 pages), nothing after the
            // allocation; the new node's [0, 0xffffe] (0xfffff) becomes the subtree maximum.
            #expect(insert.contains(.augmentChanged(anchor, field: .maxGap32, from: 0x100000, to: 0xfffff)))
            #expect(erase.contains(.augmentChanged(anchor, field: .maxGap32, from: 0xfffff, to: 0x100000)))
        }
    }

    /// Replays the reported maxGap changes over many inserts, erases and reserves (rotations
    /// included): each event starts from the value the previous one left, and afterwards every
    /// node that existed before the operation holds exactly what its events say.
    static func replayMaxGap<P: GapTreePolicy>(_: P.Type, seed: UInt64) -> String? {
        var p = P(config: .standard)
        var gen = RandomOpGenerator(run: RandomRun(seed: seed, startPFN: 1, granule: 4096, ops: 0))
        var changes = 0
        for i in 0..<600 {
            var shadow: [NodeID: UInt64] = [:]
            p.domain.tree.forEachInOrder { shadow[$0] = p.domain.tree.fields($0).maxGap }
            let known = Set(shadow.keys)
            var log = EventLog()
            let op = gen.next(p.rangeList())
            switch op {
            case let .alloc(size, limit, aligned): _ = p.alloc(size: size, limit: limit, aligned: aligned, observer: &log)
            case let .free(pfn): _ = p.free(pfn: pfn, observer: &log)
            case let .reserve(lo, hi): _ = p.reserve(lo: lo, hi: hi, observer: &log)
            case .find: continue
            }
            for e in log.events {
                guard case let .augmentChanged(n, .maxGap, from, to) = e else { continue }
                changes += 1
                if from == to { return "op \(i) \(op): no-op change event on \(n)" }
                if let s = shadow[n], s != from { return "op \(i) \(op): \(n) changed from \(hx(from)) but held \(hx(s))" }
                shadow[n] = to
            }
            var problem: String?
            p.domain.tree.forEachInOrder { n in
                if problem == nil, known.contains(n), shadow[n] != p.domain.tree.fields(n).maxGap {
                    problem = "op \(i) \(op): \(n) holds \(hx(p.domain.tree.fields(n).maxGap)), events say \(hx(shadow[n]!))"
                }
            }
            if let problem { return problem }
        }
        return changes > 0 ? nil : "no maxGap change reported in 600 operations"
    }

    @Test("maxGap change events account for every change of an existing node", arguments: ProposalKind.allCases)
    func maxGapEventsComplete(kind: ProposalKind) {
        let problem = switch kind {
        case .augmented: Self.replayMaxGap(AugmentedPolicy.self, seed: 0xE1)
        case .augmented32: Self.replayMaxGap(Augmented32Policy.self, seed: 0xE1)
        case .limitAware: Self.replayMaxGap(LimitAwarePolicy.self, seed: 0xE1)
        case .alignAware: Self.replayMaxGap(AlignAwarePolicy.self, seed: 0xE1)
        }
        #expect(problem == nil, "\(kind) seed 0xe1: \(problem ?? "")")
    }

    /// `visits` is documented as the nodes the search entered; each entry is one `.visit`.
    static func visitCounts<P: GapTreePolicy>(_: P.Type, run: RandomRun) throws -> (String?, allocs: Int, zero: Int) {
        var p = P(config: try DomainConfig(startPFN: run.startPFN, granule: run.granule))
        var gen = RandomOpGenerator(run: run)
        var allocs = 0, zero = 0
        for i in 0..<run.ops {
            let op = gen.next(p.rangeList())
            switch op {
            case let .alloc(size, limit, aligned):
                var log = EventLog()
                let out = p.alloc(size: size, limit: limit, aligned: aligned, observer: &log)
                let n = log.events.filter { if case .visit = $0 { true } else { false } }.count
                allocs += 1
                if out.visits == 0 { zero += 1 }
                if n != out.visits { return ("op \(i) \(op): \(n) .visit events, visits \(out.visits)", allocs, zero) }
            case let .free(pfn): _ = p.free(pfn: pfn)
            case let .reserve(lo, hi): _ = p.reserve(lo: lo, hi: hi)
            case .find: break
            }
        }
        return (nil, allocs, zero)
    }

    @Test("the number of .visit events equals AllocOutcome.visits", arguments: ProposalKind.allCases)
    func visitEventsMatch(kind: ProposalKind) throws {
        // A domain with little 32-bit space, so short-circuits (0 visits) occur as well.
        let run = RandomRun(seed: 0xE2, startPFN: 0xffe00, granule: 4096, ops: 800)
        let (problem, allocs, zero) = switch kind {
        case .augmented: try Self.visitCounts(AugmentedPolicy.self, run: run)
        case .augmented32: try Self.visitCounts(Augmented32Policy.self, run: run)
        case .limitAware: try Self.visitCounts(LimitAwarePolicy.self, run: run)
        case .alignAware: try Self.visitCounts(AlignAwarePolicy.self, run: run)
        }
        #expect(problem == nil, "\(kind) seed 0xe2: \(problem ?? "")")
        #expect(allocs > 100 && zero > 0, "\(kind): \(allocs) allocations, \(zero) without visits")
    }
}
