// The gap searches' observer events, in order, against the recursion of
// docs/algorithms/gap-tree.md written out plainly here: enter a node (a visit), stop if its
// subtree maximum prunes it, search the right subtree, try the node's own gap, search the left
// subtree; the limit-aware descent skips right subtrees wholly above the limit. The policies
// run the right-first search as a loop over an explicit stack (docs/performance.md § The gap
// trees' search); the steps and the stepper's highlights are its events, so they must be the
// recursion's one for one.
import IOVACore
import TestSupport
import Testing

/// The recursive searches, from the document, reporting into `log`.
struct RecursiveGapSearch<F: GapFieldSet> {
    let tree: RBTree<MaxGapAugment<F>>
    let q: GapRequest
    var log: [AllocatorEvent] = []
    var visits = 0

    init(_ tree: RBTree<MaxGapAugment<F>>, _ q: GapRequest) {
        self.tree = tree
        self.q = q
    }

    /// FIT: the gap below `n`, clamped below the (exclusive) limit; the highest aligned start
    /// in it, if that start is inside the gap and at or above start_pfn.
    mutating func fit(_ n: NodeID) -> UInt64? {
        let lo = tree.lo(n), gap = tree.fields(n).gap
        if gap < q.size { return nil }
        let gapLo = lo - gap, gapHi = min(lo - 1, q.limit - 1)
        if gapHi < gapLo || gapHi - gapLo + 1 < q.size {
            log.append(.gapChecked(n, gapLo: gapLo, gapHi: gapHi, candidate: 0, fits: false))
            return nil
        }
        let p = (gapHi - (q.size - 1)) & q.mask
        let fits = p >= gapLo && p >= q.start
        log.append(.gapChecked(n, gapLo: gapLo, gapHi: gapHi, candidate: p, fits: fits))
        return fits ? p : nil
    }

    /// The child of `n` on `side`, searched by `search` unless `n`'s fields rule it out.
    mutating func child(_ n: NodeID, _ side: TreeSide,
                        _ search: (inout Self, NodeID) -> (node: NodeID, start: UInt64)?) -> (node: NodeID, start: UInt64)? {
        let c = side == .right ? tree.right(n) : tree.left(n)
        guard c.exists else { return nil }
        if let skip = tree.fields(n).skipChild(side, q) {
            log.append(.pruned(c, reason: skip.reason, value: skip.value))
            return nil
        }
        log.append(.descend(c, from: n, side: side))
        if let hit = search(&self, c) { return hit }
        log.append(.backtrack(n, side: side))
        return nil
    }

    /// Whether `n`'s subtree is pruned, after counting the visit.
    mutating func enter(_ n: NodeID) -> Bool {
        visits += 1
        log.append(.visit(n))
        guard let skip = tree.fields(n).prune(q) else { return false }
        log.append(.pruned(n, reason: skip.reason, value: skip.value))
        return true
    }

    mutating func highestFit(_ n: NodeID) -> (node: NodeID, start: UInt64)? {
        guard n.exists, !enter(n) else { return nil }
        if let hit = child(n, .right, { $0.highestFit($1) }) { return hit }
        if let p = fit(n) { return (n, p) }
        return child(n, .left, { $0.highestFit($1) })
    }

    mutating func boundedFit(_ n: NodeID) -> (node: NodeID, start: UInt64)? {
        guard n.exists, !enter(n) else { return nil }
        if tree.lo(n) >= q.limit {
            let r = tree.right(n)
            if r.exists { log.append(.pruned(r, reason: .aboveLimit, value: tree.lo(r))) }
            if let p = fit(n) { return (n, p) }
            // Above the limit the descent is a walk down one path: it goes on into the left
            // child, and a failure there ends the walk without a step back up.
            let l = tree.left(n)
            guard l.exists else { return nil }
            if let skip = tree.fields(n).skipChild(.left, q) {
                log.append(.pruned(l, reason: skip.reason, value: skip.value))
                return nil
            }
            log.append(.descend(l, from: n, side: .left))
            return boundedFit(l)
        }
        if let hit = child(n, .right, { $0.boundedFit($1) }) { return hit }
        if let p = fit(n) { return (n, p) }
        return child(n, .left, { $0.highestFit($1) })
    }
}

@Suite("Gap searches report the recursion's events")
struct GapSearchOrderTests {
    /// Checks one request on `p`'s current tree; counts the events compared.
    static func check<P: GapTreePolicy>(_ p: P, size: UInt64, limit: UInt64, aligned: Bool, bounded: Bool,
                                        events: inout Int) -> String? {
        let config = p.config
        let q = GapRequest(size: size, limit: limit &+ 1, aligned: aligned, start: config.startPFN, dma32PFN: config.dma32PFN)
        var log = EventLog()
        var visits = 0
        let mine = p.search(q, visits: &visits, observer: &log)
        var reference = RecursiveGapSearch(p.domain.tree, q)
        let theirs = bounded ? reference.boundedFit(p.domain.tree.root) : reference.highestFit(p.domain.tree.root)
        events += log.events.count
        if mine?.node != theirs?.node || mine?.start != theirs?.start {
            return "answer \(String(describing: mine)), recursion \(String(describing: theirs))"
        }
        if visits != reference.visits { return "visits \(visits), recursion \(reference.visits)" }
        if log.events != reference.log {
            let mine = log.events, theirs = reference.log
            let i = (0..<min(mine.count, theirs.count)).first { mine[$0] != theirs[$0] } ?? min(mine.count, theirs.count)
            let a = i < mine.count ? "\(mine[i])" : "end", b = i < theirs.count ? "\(theirs[i])" : "end"
            return "event \(i) of \(mine.count): \(a), recursion \(b)"
        }
        return nil
    }

    /// Random operations grow and churn a tree; before each allocation the search is run on
    /// its own and compared, then the allocation is applied.
    static func run<P: GapTreePolicy>(_ type: P.Type, bounded: Bool, run: RandomRun) throws {
        let config = try DomainConfig(startPFN: run.startPFN, granule: run.granule)
        var p = P(config: config)
        var gen = RandomOpGenerator(run: run)
        var live: [PFNRange] = []
        var searches = 0, events = 0, backtracks = 0
        for i in 0..<run.ops {
            let op = gen.next(live)
            switch op {
            case let .alloc(size, limit, aligned):
                if let problem = check(p, size: size, limit: limit, aligned: aligned, bounded: bounded, events: &events) {
                    Issue.record("\(P.self) seed \(hx(run.seed)) op \(i) \(op): \(problem)")
                    return
                }
                var log = EventLog()
                _ = p.alloc(size: size, limit: limit, aligned: aligned, observer: &log)
                backtracks += log.events.count { if case .backtrack = $0 { true } else { false } }
                searches += 1
            case let .free(pfn): _ = p.free(pfn: pfn)
            case let .reserve(lo, hi): _ = p.reserve(lo: lo, hi: hi)
            case let .find(pfn): _ = p.find(pfn: pfn)
            }
            live = []
            p.forEachRange { live.append($0) }
        }
        // The runs must reach deep searches that back up, or the order was never tested.
        #expect(searches > 100 && backtracks > 100, "\(P.self) seed \(hx(run.seed)): \(searches) searches, \(backtracks) backtracks")
        #expect(events > 10 * searches)
    }

    @Test("augmented: the right-first search", arguments: RandomRun.all)
    func augmented(run: RandomRun) throws { try Self.run(AugmentedPolicy.self, bounded: false, run: run) }

    @Test("augmented32: the right-first search with the 32-bit prune", arguments: RandomRun.all)
    func augmented32(run: RandomRun) throws { try Self.run(Augmented32Policy.self, bounded: false, run: run) }

    @Test("limit-aware: the bounded descent, then the right-first search below the limit", arguments: RandomRun.all)
    func limitAware(run: RandomRun) throws { try Self.run(LimitAwarePolicy.self, bounded: true, run: run) }

    @Test("align-aware: the bounded descent with per-child keys", arguments: RandomRun.all)
    func alignAware(run: RandomRun) throws { try Self.run(AlignAwarePolicy.self, bounded: true, run: run) }

    /// A search that fails backs out of every subtree it entered: 40 pages packed under the
    /// anchor leave one gap, below the lowest, and a request under a limit of pfn 0 follows
    /// the path to it, finds the gap clamped away and climbs all the way back.
    @Test("a failing search backs out of every descent, in the recursion's order")
    func failingSearchBacksOutOfEverything() throws {
        var p = AugmentedPolicy(config: .standard)
        for _ in 0..<40 { _ = p.alloc(size: 1, limit: KL.L64, aligned: false) }
        var count = 0
        let message = Self.check(p, size: 1, limit: 0, aligned: false, bounded: false, events: &count)
        #expect(message == nil, "\(message ?? "")")
        var log = EventLog(), visits = 0
        let q = GapRequest(size: 1, limit: 1, aligned: false, start: p.config.startPFN, dma32PFN: p.config.dma32PFN)
        #expect(p.search(q, visits: &visits, observer: &log) == nil)
        let descents = log.events.count { if case .descend = $0 { true } else { false } }
        let backs = log.events.count { if case .backtrack = $0 { true } else { false } }
        #expect(descents > 0 && descents == backs, "\(descents) descents, \(backs) backtracks")
    }
}
