// Visit counts on workload B "mixed" (docs/performance.md) at n = 25,000 (100,000 in the long
// tier, docs/testing.md § Tiers): deterministic complexity checks, no timing. Bounds come from
// docs/algorithms/gap-tree.md and red-black tree height (a tree of N nodes has at most
// 2·log2(N+1) nodes on any root-to-leaf path):
// * limit-aware: nodes at or above the limit are only visited on ONE root-to-leaf path (the
//   BOUNDED descent); everything else it visits lies below the limit. For unaligned requests
//   the whole search is O(log n) (docs/algorithms/gap-tree.md § limit-aware descent).
// * augmented32, 32-bit requests: 64-bit nodes have clamped_gap32 = 0, so only the path to the
//   lowest 64-bit node and the pruned children beside it are entered.
// * augmented: the limit does not prune, so every node owning a gap >= size above the limit
//   is entered (its ancestors' maxima are >= size and the search is right-first); it degrades
//   exactly when the space above the limit is fragmented (docs/algorithms/gap-tree.md § When the limit binds).
import Foundation   // log2
import IOVACore
import TestSupport
import IOVAWorkloads
import Testing

/// Collects the nodes a search entered (`.visit`), to classify them after the fact.
struct VisitCollector: AllocatorObserver {
    var nodes: [NodeID] = []
    mutating func record(_ event: AllocatorEvent) {
        if case .visit(let n) = event { nodes.append(n) }
    }
}

/// One batch of masked allocations on one policy.
struct MaskedBatch: Sendable {
    var stats = VisitStats()
    var placements: [PFNRange?] = []
    /// Per allocation, the visited nodes lying above the (inclusive) limit.
    var visitsAboveLimit: [Int] = []
    /// Per allocation (fragmented batches only): nodes above the limit whose gap_to_prev >= size,
    /// counted from the range list, i.e. the visits a limit-blind search cannot avoid.
    var unavoidableForBlindSearch: [Int] = []
}

/// Everything measured for one policy: the 64-bit setup once, then for each mask the workload
/// as defined (size-aligned), the same stream unaligned, and a few requests after every other
/// 64-bit range has been freed (a fragmented high region).
struct MixedRun: Sendable {
    // Long tier: n = 100,000 (docs/performance.md's workload B) instead of 25,000.
    static let n = TestTier.scaled(default: 25_000, long: 100_000)
    static let masks = [32, 40]
    static let fragmentedCount = 8

    var setupRanges: [PFNRange] = []
    var setupProblems: [InvariantViolation] = []
    /// Nodes on the longest root-to-leaf path after the setup, and the live count.
    var setupHeight = 0
    var aligned: [Int: MaskedBatch] = [:]
    var unaligned: [Int: MaskedBatch] = [:]
    var fragmented: [Int: MaskedBatch] = [:]
    var fragmentedProblems: [InvariantViolation] = []
    /// `MixedWorkload.runMasked` on the same set-up value (dma32), for comparison.
    var workloadRunner32 = VisitStats()

    static func height<P: GapTreePolicy>(_ p: P) -> Int {
        let t = p.domain.tree
        var best = 0
        var stack = [(t.root, 1)]
        while let (n, d) = stack.popLast() {
            guard n.exists else { continue }
            best = max(best, d)
            stack.append((t.left(n), d + 1))
            stack.append((t.right(n), d + 1))
        }
        return best
    }

    /// Runs `count` requests of the workload's sizes (`1 + next() % 16`) at `limit`.
    static func batch<P: GapTreePolicy>(_ p: inout P, _ rng: inout SplitMix64, count: Int, limit: UInt64,
                                         aligned: Bool, high: [PFNRange]? = nil) -> MaskedBatch {
        var b = MaskedBatch()
        for _ in 0..<count {
            let size = 1 + rng.next() % 16
            var seen = VisitCollector()
            let out = p.alloc(size: size, limit: limit, aligned: aligned, observer: &seen)
            b.stats.add(out)
            b.placements.append(out.range)
            b.visitsAboveLimit.append(seen.nodes.filter { p.domain.tree.lo($0) > limit }.count)
            if let high {
                // high[0] is the lowest 64-bit range: its gap reaches below the limit and holds
                // the placement. Every higher range owning a gap >= size must be entered.
                b.unavoidableForBlindSearch.append((1..<high.count).filter { high[$0].lo - high[$0 - 1].hi - 1 >= size }.count)
            }
        }
        return b
    }

    /// The workload's setup once; every batch then runs on its own copy of the policy value.
    static func measure<P: GapTreePolicy>(_ type: P.Type) -> MixedRun {
        let workload = MixedWorkload(n: n, maskBits: 32)
        let (policy, rng, _) = workload.setUp(type)
        var run = MixedRun()
        run.setupRanges = policy.rangeList()
        run.setupProblems = policy.validate()
        run.setupHeight = height(policy)
        var own = policy, ownRNG = rng
        run.workloadRunner32 = workload.runMasked(&own, rng: &ownRNG)

        // Every other 64-bit range freed (the lowest kept): holes of 1..64+ pages all over the
        // high region.
        var holey = policy
        for (i, r) in run.setupRanges.enumerated() where i % 2 == 1 { _ = holey.free(pfn: r.lo) }
        run.fragmentedProblems = holey.validate()
        let high = holey.rangeList()

        for bits in masks {
            let limit = ((UInt64(1) << UInt64(bits)) >> 12) - 1     // dmaN, granule 4096
            var p = policy, r = rng
            run.aligned[bits] = batch(&p, &r, count: workload.maskedCount, limit: limit, aligned: true)
            p = policy; r = rng
            run.unaligned[bits] = batch(&p, &r, count: workload.maskedCount, limit: limit, aligned: false)
            p = holey; r = rng
            run.fragmented[bits] = batch(&p, &r, count: fragmentedCount, limit: limit, aligned: false, high: high)
        }
        return run
    }

    // Computed lazily, once per policy, shared by the tests below.
    static let limitAware = measure(LimitAwarePolicy.self)
    static let augmented32 = measure(Augmented32Policy.self)
    static let augmented = measure(AugmentedPolicy.self)
    static let alignAware = measure(AlignAwarePolicy.self)

    static func of(_ kind: ProposalKind) -> MixedRun {
        switch kind {
        case .augmented: augmented
        case .augmented32: augmented32
        case .limitAware: limitAware
        case .alignAware: alignAware
        }
    }

    func report(_ kind: ProposalKind) -> String {
        func line(_ name: String, _ b: [Int: MaskedBatch]) -> String {
            Self.masks.map { bits in
                let s = b[bits]!.stats
                return "dma\(bits) max \(s.max) mean \(s.mean) (above-limit max \(b[bits]!.visitsAboveLimit.max()!))"
            }.joined(separator: ", ") + " [\(name)]"
        }
        return "[mixed n=\(Self.n)] \(kind): height \(setupHeight); "
            + line("workload B, aligned", aligned) + "; " + line("same stream unaligned", unaligned) + "; "
            + line("\(Self.fragmentedCount) requests, fragmented high region", fragmented)
    }
}

@Suite("Visit bounds on the mixed workload")
struct VisitBoundTests {
    /// 4·log2(n+1): 58.4 for n = 25,000, 66.4 for n = 100,000.
    static let bound = 4 * log2(Double(MixedRun.n + 1))
    /// 2·log2(N+1): the red-black height bound for the nodes present during the masked batches.
    static let heightBound = 2 * log2(Double(MixedRun.n + 1000 + 2))

    @Test("limit-aware: O(log n) where the descent promises it, and one path above the limit always")
    func limitAwareLogarithmic() {
        let run = MixedRun.of(.limitAware)
        print(run.report(.limitAware) + "; bound \(Self.bound)")
        #expect(run.setupProblems.isEmpty)
        #expect(Double(run.setupHeight) <= Self.heightBound)
        for bits in MixedRun.masks {
            // Unaligned requests (and every request on the fragmented domain): the whole search.
            for (name, b) in [("unaligned", run.unaligned[bits]!), ("fragmented", run.fragmented[bits]!)] {
                #expect(b.stats.failures == 0, "dma\(bits) \(name)")
                #expect(Double(b.stats.max) <= Self.bound, "dma\(bits) \(name): max \(b.stats.max) visits")
            }
            // The workload as defined (size-aligned): the n nodes above the limit cost one
            // path; the rest of the visits stay among the masked nodes (see the note below).
            let b = run.aligned[bits]!
            #expect(b.stats.count == 1000 && b.stats.failures == 0, "dma\(bits)")
            #expect(Double(b.visitsAboveLimit.max()!) <= Self.heightBound, "dma\(bits): above-limit visits")
            // Not asserted: max visits <= 4·log2(n+1) on the aligned workload. The descent promises
            // O(log n) for aligned requests only with a size+align-1 pruning threshold; with the
            // threshold `size` (as specified) holes that are large enough but misaligned among
            // the masked nodes are searched to the bottom (measured max 281 at n = 100k).
        }
    }

    @Test("align-aware: within 4·log2(n+1) on every batch, the size-aligned workload included")
    func alignAwareLogarithmic() {
        let run = MixedRun.of(.alignAware)
        let la = MixedRun.of(.limitAware)
        print(run.report(.alignAware) + "; bound \(Self.bound)")
        #expect(run.setupProblems.isEmpty && run.fragmentedProblems.isEmpty)
        for bits in MixedRun.masks {
            for (name, b) in [("aligned", run.aligned[bits]!), ("unaligned", run.unaligned[bits]!),
                              ("fragmented", run.fragmented[bits]!)] {
                #expect(b.stats.failures == 0, "dma\(bits) \(name)")
                #expect(Double(b.stats.max) <= Self.bound, "dma\(bits) \(name): max \(b.stats.max) visits")
            }
            // Where limit-aware is drawn into misaligned holes, the key keeps align-aware out:
            // the same answers for fewer visits (no more on any batch).
            #expect(run.aligned[bits]!.stats.max < la.aligned[bits]!.stats.max, "dma\(bits) aligned")
            #expect(run.aligned[bits]!.stats.total < la.aligned[bits]!.stats.total, "dma\(bits) aligned")
            #expect(run.unaligned[bits]!.stats == la.unaligned[bits]!.stats, "dma\(bits): unaligned requests search as limit-aware")
        }
    }

    @Test("augmented32: dma32 requests prune on __subtree_max_gap32, dma40 ones do not")
    func augmented32Logarithmic() {
        let run = MixedRun.of(.augmented32)
        print(run.report(.augmented32) + "; bound \(Self.bound)")
        #expect(run.setupProblems.isEmpty)
        for (name, b) in [("unaligned", run.unaligned[32]!), ("fragmented", run.fragmented[32]!)] {
            #expect(b.stats.failures == 0, "dma32 \(name)")
            #expect(Double(b.stats.max) <= Self.bound, "dma32 \(name): max \(b.stats.max) visits")
        }
        // Aligned workload: the 64-bit nodes cost one path plus the pruned child beside it.
        #expect(Double(run.aligned[32]!.visitsAboveLimit.max()!) <= 2 * Self.heightBound)
        // dma40 (docs/algorithms/gap-tree.md § augmented32: patch 3/4 only helps the 4 GiB boundary): every hole-owning node above
        // the limit is entered, as with `augmented`.
        let f = run.fragmented[40]!
        for i in f.placements.indices {
            #expect(f.visitsAboveLimit[i] >= f.unavoidableForBlindSearch[i], "dma40 fragmented request \(i)")
        }
        #expect(Double(f.stats.max) > 10 * Self.bound)
    }

    @Test("augmented: with a fragmented high region every request visits far more than 4·log2(n+1)")
    func augmentedDegrades() {
        let run = MixedRun.of(.augmented)
        print(run.report(.augmented) + "; bound \(Self.bound)")
        #expect(run.setupProblems.isEmpty && run.fragmentedProblems.isEmpty)
        for bits in MixedRun.masks {
            let f = run.fragmented[bits]!
            #expect(f.stats.failures == 0, "dma\(bits)")
            for i in f.placements.indices {
                // The reasoned lower bound: no node owning a gap >= size can be skipped.
                #expect(f.visitsAboveLimit[i] >= f.unavoidableForBlindSearch[i], "dma\(bits) request \(i)")
                // Freeing every other range left n/2 holes of >= 1 page (12,500; 50,000 in the
                // long tier); even for size 16 thousands remain, so every request is far beyond
                // 10× the logarithmic bound.
                #expect(Double(f.visitsAboveLimit[i]) > 10 * Self.bound,
                        "dma\(bits) request \(i): \(f.visitsAboveLimit[i]) visits above the limit")
            }
            // On workload B as defined the high region is dense (highest fit refills the
            // alignment holes of the 64-bit setup), so there the limit-blind search costs only
            // the path to the bottom of the high region plus the limit-aware work: more than
            // limit-aware, but not a blow-up. Asserted as "strictly more above the limit".
            let la = MixedRun.of(.limitAware)
            #expect(run.aligned[bits]!.visitsAboveLimit.reduce(0, +) > la.aligned[bits]!.visitsAboveLimit.reduce(0, +))
        }
    }

    @Test("the proposals and align-aware place every allocation identically (setup, aligned, unaligned, fragmented)")
    func identicalPlacements() {
        let reference = MixedRun.of(.limitAware)
        #expect(reference.setupRanges.count == MixedRun.n)
        for kind in [ProposalKind.augmented32, .augmented, .alignAware] {
            let other = MixedRun.of(kind)
            #expect(other.setupRanges == reference.setupRanges, "\(kind): 64-bit setup")
            for bits in MixedRun.masks {
                #expect(other.aligned[bits]!.placements == reference.aligned[bits]!.placements, "\(kind): dma\(bits) aligned")
                #expect(other.unaligned[bits]!.placements == reference.unaligned[bits]!.placements, "\(kind): dma\(bits) unaligned")
                #expect(other.fragmented[bits]!.placements == reference.fragmented[bits]!.placements, "\(kind): dma\(bits) fragmented")
            }
        }
        // MixedWorkload's own masked runner agrees with the loop written out here.
        for kind in ProposalKind.allCases {
            #expect(MixedRun.of(kind).workloadRunner32 == MixedRun.of(kind).aligned[32]!.stats, "\(kind)")
        }
    }
}
