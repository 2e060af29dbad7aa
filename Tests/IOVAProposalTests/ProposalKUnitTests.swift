// Rik van Riel's KUnit sequences (docs/algorithms/README.md § KUnit sequences) on the three rb-tree proposals, with
// the expected values of the "augmented v2 highest-fit" column. All three proposals are exact
// highest fit, so the same column applies to each; validate() runs after every batch.
// Where it is cheap the brute-force model runs alongside, so its agreement with the documented
// column is checked too (a model that drifted from the doc would make the randomized tests moot).
import IOVACore
import TestSupport
import Testing

/// A proposal under test plus the model, for sequences where both are affordable.
final class KUnitDomain {
    var p: any IOVAPolicy
    let model: HighestFitModel?

    init(_ kind: ProposalKind, withModel: Bool = true) {
        p = kind.make(.standard)
        model = withModel ? HighestFitModel(startPFN: 1, granule: 4096) : nil
    }

    /// Allocates on the policy (and the model, whose answer must be the same).
    func alloc(_ size: UInt64, limit: UInt64, aligned: Bool,
               sourceLocation: SourceLocation = #_sourceLocation) -> PFNRange? {
        let r = p.alloc(size: size, limit: limit, aligned: aligned).range
        if let model {
            let m = model.alloc(size: size, limit: limit, aligned: aligned)
            #expect(r == m, "alloc(\(size), \(hx(limit)), aligned \(aligned)): policy \(hx(r)), model \(hx(m))",
                    sourceLocation: sourceLocation)
        }
        return r
    }

    func free(_ pfn: UInt64, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let ok = p.free(pfn: pfn)
        if let model { #expect(model.free(pfn: pfn) == ok, sourceLocation: sourceLocation) }
        return ok
    }

    func reserve(_ lo: UInt64, _ hi: UInt64) -> PFNRange? {
        let r = p.reserve(lo: lo, hi: hi)
        if let model { #expect(model.reserve(lo: lo, hi: hi) == r) }
        return r
    }

    /// The kernel's iova_domain_verify_invariants() after a batch, plus agreement with the model.
    func expectSound(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let problems = p.validate()
        #expect(problems.isEmpty, "validate() after \(what): \(problems.prefix(3))", sourceLocation: sourceLocation)
        if let model {
            #expect(p.rangeList() == model.ranges, "range list after \(what)", sourceLocation: sourceLocation)
            #expect(p.max32AllocSize == model.max32, "max32 after \(what)", sourceLocation: sourceLocation)
        }
    }
}

@Suite("Proposals run Rik's KUnit sequences (augmented v2 highest-fit column)")
struct ProposalKUnitTests {
    @Test("size_aligned: orders 0..7 aligned at L32, alloc then free each", arguments: ProposalKind.allCases)
    func sizeAligned(kind: ProposalKind) throws {
        let d = KUnitDomain(kind)
        let expected: [UInt64] = [0xfffff, 0xffffe, 0xffffc, 0xffff8, 0xffff0, 0xfffe0, 0xfffc0, 0xfff80]
        for order in 0..<8 {
            let size = UInt64(1) << UInt64(order)
            let r = try #require(d.alloc(size, limit: KL.L32, aligned: true), "order \(order)")
            #expect(r == R(expected[order], expected[order] + size - 1), "order \(order)")
            #expect(d.free(r.lo))
        }
        d.expectSound("size_aligned")
        #expect(d.p.liveCount == 0)
    }

    @Test("top_down_preference: 16 × size 1 at L32 go 0xfffff down to 0xffff0", arguments: ProposalKind.allCases)
    func topDownPreference(kind: ProposalKind) {
        let d = KUnitDomain(kind)
        for i in 0..<16 as Range<UInt64> {
            #expect(d.alloc(1, limit: KL.L32, aligned: false) == R(0xfffff - i))
        }
        d.expectSound("top_down_preference")
    }

    @Test("reserve_iova: reserve [L32/2, L32], then 100 × size 1 land at 0x7fffe … 0x7ff9b",
          arguments: ProposalKind.allCases)
    func reserveIOVA(kind: ProposalKind) {
        let d = KUnitDomain(kind)
        #expect(d.reserve(KL.L32 / 2, KL.L32) == R(0x7ffff, 0xfffff))
        d.expectSound("reserve")
        for i in 0..<100 as Range<UInt64> {
            #expect(d.alloc(1, limit: KL.L32, aligned: false) == R(0x7fffe - i))
        }
        d.expectSound("100 allocations")
        #expect(d.p.rangeList().first == R(0x7ff9b))
    }

    /// Unlike mainline (which walks from cached32 = anchor, next-fit), highest fit simply
    /// returns the top of the 32-bit window.
    @Test("32bit_in_64bit_domain: 1000 × size 1 aligned at L64, then one at L32 → 0xfffff",
          arguments: ProposalKind.allCases)
    func thirtyTwoBitIn64BitDomain(kind: ProposalKind) {
        let d = KUnitDomain(kind)
        for i in 0..<1000 as Range<UInt64> {
            #expect(d.alloc(1, limit: KL.L64, aligned: true) == R(0x1000000 - i))
        }
        d.expectSound("1000 allocations at L64")
        #expect(d.p.rangeList().first == R(0xfffc19))
        #expect(d.alloc(1, limit: KL.L32, aligned: true) == R(0xfffff))
        #expect(d.free(0xfffff))
        d.expectSound("the 32-bit allocation")
    }

    /// Highest fit: the 56-bit request takes the very top of its window (mainline: 0xfffc18).
    @Test("arbitrary_dma_limits: after 1000 at L64, L33 → 0x1fffff, then L56 → 0xfffffffffff",
          arguments: ProposalKind.allCases)
    func arbitraryDMALimits(kind: ProposalKind) {
        let d = KUnitDomain(kind)
        for _ in 0..<1000 { _ = d.alloc(1, limit: KL.L64, aligned: true) }
        #expect(d.p.liveCount == 1000)
        d.expectSound("1000 allocations at L64")
        #expect(d.alloc(1, limit: KL.L33, aligned: true) == R(0x1fffff))
        #expect(d.free(0x1fffff))
        d.expectSound("L33")
        #expect(d.alloc(1, limit: KL.L56, aligned: true) == R(0xfff_ffff_ffff))
        #expect(d.free(0xfff_ffff_ffff))
        d.expectSound("L56")
        #expect(d.p.liveCount == 1000)
    }

    @Test("aligned_in_fragmented: 64 × size 2, free even ones, size 2 aligned → 0xffffe",
          arguments: ProposalKind.allCases)
    func alignedInFragmented(kind: ProposalKind) throws {
        let d = KUnitDomain(kind)
        var los: [UInt64] = []
        for i in 0..<64 as Range<UInt64> {
            let r = try #require(d.alloc(2, limit: KL.L32, aligned: true))
            #expect(r == R(0xffffe - 2 * i, 0xfffff - 2 * i))
            los.append(r.lo)
        }
        d.expectSound("64 allocations")
        for i in stride(from: 0, to: 64, by: 2) { #expect(d.free(los[i])) }
        d.expectSound("freeing the even ones")
        #expect(d.alloc(2, limit: KL.L32, aligned: true) == R(0xffffe, 0xfffff))
        d.expectSound("the aligned allocation")
    }

    /// dma-iommu's pattern: try the restricted limit R (inclusive), fall back to L64.
    @Test("pci_32bit_workaround: fallback counts 87 (R = 1024) and 395 (R = 256)",
          arguments: ProposalKind.allCases, [(UInt64(1024), 87), (UInt64(256), 395)])
    func pci32BitWorkaround(kind: ProposalKind, restricted: (limit: UInt64, fallbacks: Int)) {
        let d = KUnitDomain(kind)
        var fallbacks = 0
        for i in 0..<500 as Range<UInt64> {
            let size = i % 4 + 1
            var r = d.alloc(size, limit: restricted.limit, aligned: true)
            if r == nil {
                fallbacks += 1
                r = d.alloc(size, limit: KL.L64, aligned: true)
            }
            #expect(r != nil, "allocation \(i) failed at both limits")
        }
        d.expectSound("500 allocations")
        #expect(fallbacks == restricted.fallbacks)
        #expect(d.p.liveCount == 500)
    }

    /// 16384 size-1 allocations fill [1, 16384] top-down; the aligned size-2 request then has
    /// nowhere to go. Its limit is below 4 GiB, so the failure sets max32 to 2 (docs/algorithms/gap-tree.md § Failures and max32).
    @Test("full_space_search_time: [1, 16384] packed, then size 2 aligned fails", arguments: ProposalKind.allCases)
    func fullSpaceSearch(kind: ProposalKind) {
        let d = KUnitDomain(kind, withModel: false)   // 16k-node model walks would dominate the run
        var allocated: UInt64 = 0
        for _ in 0..<16384 {
            guard let r = d.alloc(1, limit: 16384, aligned: false) else { break }
            if r != R(16384 - allocated) { Issue.record("alloc \(allocated): \(r)"); return }
            allocated += 1
        }
        #expect(allocated == 16384)
        d.expectSound("filling the window")
        #expect(d.p.max32AllocSize == 0x100000)
        #expect(d.alloc(2, limit: 16384, aligned: true) == nil)
        #expect(d.p.max32AllocSize == 2)
        #expect(d.p.liveCount == 16384)
        d.expectSound("the failing request")
    }

    @Test("fragmented_32bit_search: 8000 × size 1 at L32, then 32 aligned → 0xfe0a0 at L32, 0xffffe0 at L64",
          arguments: ProposalKind.allCases)
    func fragmented32BitSearch(kind: ProposalKind) throws {
        let d = KUnitDomain(kind, withModel: false)
        for i in 0..<8000 as Range<UInt64> {
            let r = d.alloc(1, limit: KL.L32, aligned: false)
            if r != R(0xfffff - i) { Issue.record("alloc \(i): \(hx(r))"); return }
        }
        d.expectSound("8000 allocations")
        let low = try #require(d.alloc(32, limit: KL.L32, aligned: true))
        #expect(low == R(0xfe0a0, 0xfe0bf))
        #expect(d.free(low.lo))
        let high = try #require(d.alloc(32, limit: KL.L64, aligned: true))
        #expect(high == R(0xffffe0, 0xffffff))
        #expect(d.free(high.lo))
        d.expectSound("the two 32-page requests")
    }
}

// MARK: stress_random

enum StressVariant: String, CaseIterable, Sendable {
    /// Augmented series (KT-v2): limit from `rng & 1` (L32 / L64), aligned from `rng & 1`.
    case v2
    /// Maple series: limit from `limits[(rng >> 8) % 4]`, aligned from `(rng >> 8) & 1`.
    case v4
}

extension ProposalKUnitTests {
    /// 512 slots, 2048 iterations: an occupied slot is freed, an empty one gets an allocation.
    /// Runs the three proposals and the model on the same stream; all four must agree after
    /// every operation and end with 254 live ranges and 0 failures (docs/algorithms/README.md § KUnit sequences: "254 live ranges and
    /// 0 failures at the end of every stress run"; the slot occupancy does not depend on the
    /// placement as long as nothing fails).
    @Test("stress_random: the proposals and the model agree; 254 live, 0 failures", arguments: StressVariant.allCases)
    func stressRandom(variant: StressVariant) {
        var policies = ProposalKind.allCases.map { $0.make(.standard) }
        let model = HighestFitModel(startPFN: 1, granule: 4096)
        var rng = KUnitLCG()
        var slots = [PFNRange?](repeating: nil, count: 512)
        let limits = [KL.L32, KL.L33, KL.L56, KL.L64]
        var failures = 0
        for i in 0..<2048 {
            let slot = Int((rng.next() >> 8) % 512)
            let draw = rng.next()
            let limit = variant == .v2 ? (draw & 1 != 0 ? KL.L32 : KL.L64) : limits[Int((draw >> 8) % 4)]
            if let r = slots[slot] {
                for k in policies.indices {
                    let freed = policies[k].free(pfn: r.lo)
                    #expect(freed, "\(variant) iteration \(i)")
                }
                #expect(model.free(pfn: r.lo))
                slots[slot] = nil
            } else {
                let size = UInt64(1) << UInt64((rng.next() >> 8) % 4)
                let a = rng.next()
                let aligned = variant == .v2 ? a & 1 != 0 : (a >> 8) & 1 != 0
                let expected = model.alloc(size: size, limit: limit, aligned: aligned)
                for k in policies.indices {
                    let got = policies[k].alloc(size: size, limit: limit, aligned: aligned).range
                    if got != expected {
                        Issue.record("\(variant) iteration \(i): \(ProposalKind.allCases[k]) \(hx(got)), model \(hx(expected))")
                        return
                    }
                }
                slots[slot] = expected
                if expected == nil { failures += 1 }
            }
            // Long tier: the validators after every iteration; the default tier after every
            // 8th and the last (the answers and the model are compared at every one regardless).
            guard TestTier.checks(at: i, of: 2048, every: 8) else { continue }
            for k in policies.indices {
                let problems = policies[k].validate()
                if !problems.isEmpty {
                    Issue.record("\(variant) iteration \(i): \(ProposalKind.allCases[k]) validate() \(problems.prefix(3))")
                    return
                }
            }
        }
        #expect(failures == 0)
        #expect(model.count == 254)
        for k in policies.indices {
            #expect(policies[k].liveCount == 254, "\(ProposalKind.allCases[k])")
            #expect(policies[k].rangeList() == model.ranges, "\(ProposalKind.allCases[k]) final state")
        }
        // The KUnit table (docs/algorithms/README.md) gives 0x206803dfa4a1ef60 (v2) / 0x4da22e060f3e1daa (maple) for this column.
        // They are not asserted: the mainline hashes of the same table do not reproduce from
        // the described generator either (see IOVACoreTests), so the generator or hash as
        // described is not what produced them. The computed value is printed for the record.
        print("[stress_random] \(variant): final FNV \(hx(fnvHash(model.ranges))) over \(model.count) ranges")
    }
}
