import IOVACore
import IOVAMaple
import TestSupport
import Testing

/// Rik van Riel's KUnit sequences (docs/algorithms/README.md § KUnit sequences) on the maple policy, with the
/// "maple v4 policy" column of the expected results. The brute-force model runs alongside
/// where affordable and must agree at every step; the validator runs after every batch.
final class MapleKUnitDomain {
    var p = MaplePolicy(config: .standard)
    let model: MaplePolicyModel?

    init(withModel: Bool = true) {
        model = withModel ? MaplePolicyModel(startPFN: 1, granule: 4096) : nil
    }

    func alloc(_ size: UInt64, limit: UInt64, aligned: Bool, sourceLocation: SourceLocation = #_sourceLocation) -> PFNRange? {
        let r = p.alloc(size: size, limit: limit, aligned: aligned).range
        if let model {
            let m = model.alloc(size: size, limit: limit, aligned: aligned)
            #expect(r == m, "alloc(\(size), \(hx(limit)), aligned \(aligned)): \(hx(r)), model \(hx(m))", sourceLocation: sourceLocation)
        }
        return r
    }

    func free(_ pfn: UInt64, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let ok = p.free(pfn: pfn)
        if let model { #expect(model.free(pfn: pfn) == ok, sourceLocation: sourceLocation) }
        return ok
    }

    func expectSound(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let problems = p.validate()
        #expect(problems.isEmpty, "validate() after \(what): \(problems.prefix(3))", sourceLocation: sourceLocation)
        if let model {
            #expect(p.rangeList() == model.ranges, "range list after \(what)", sourceLocation: sourceLocation)
            #expect(p.max32AllocSize == model.max32, "max32 after \(what)", sourceLocation: sourceLocation)
        }
    }
}

@Suite("The maple policy runs Rik's KUnit sequences (maple v4 column)")
struct MapleKUnitTests {
    @Test func sizeAlignedAndTopDown() throws {
        let d = MapleKUnitDomain()
        let expected: [UInt64] = [0xfffff, 0xffffe, 0xffffc, 0xffff8, 0xffff0, 0xfffe0, 0xfffc0, 0xfff80]
        for order in 0..<8 {
            let size = UInt64(1) << UInt64(order)
            let r = try #require(d.alloc(size, limit: KL.L32, aligned: true))
            #expect(r == R(expected[order], expected[order] + size - 1), "order \(order)")
            #expect(d.free(r.lo))
        }
        for i in 0..<16 as Range<UInt64> { #expect(d.alloc(1, limit: KL.L32, aligned: false) == R(0xfffff - i)) }
        d.expectSound("size_aligned, top_down_preference")
    }

    @Test func reserveIOVA() {
        let d = MapleKUnitDomain()
        #expect(d.p.reserve(lo: KL.L32 / 2, hi: KL.L32) == R(0x7ffff, 0xfffff))
        #expect(d.model?.reserve(lo: KL.L32 / 2, hi: KL.L32) == R(0x7ffff, 0xfffff))
        for i in 0..<100 as Range<UInt64> { #expect(d.alloc(1, limit: KL.L32, aligned: false) == R(0x7fffe - i)) }
        d.expectSound("100 allocations below the reserve")
    }

    @Test func thirtyTwoBitAndArbitraryLimits() {
        let d = MapleKUnitDomain()
        for i in 0..<1000 as Range<UInt64> { #expect(d.alloc(1, limit: KL.L64, aligned: true) == R(0x1000000 - i)) }
        d.expectSound("1000 allocations at L64")
        #expect(d.alloc(1, limit: KL.L32, aligned: true) == R(0xfffff))
        #expect(d.free(0xfffff))
        #expect(d.alloc(1, limit: KL.L33, aligned: true) == R(0x1fffff))
        #expect(d.free(0x1fffff))
        #expect(d.alloc(1, limit: KL.L56, aligned: true) == R(0xfff_ffff_ffff))
        #expect(d.free(0xfff_ffff_ffff))
        d.expectSound("the 32-, 33- and 56-bit requests")
    }

    /// The maple column's one difference from exact highest fit: the search asks for
    /// size + align − 1 = 3 pfns, so the freed 2-pfn holes are skipped.
    @Test func alignedInFragmentedSkipsTheHoles() throws {
        let d = MapleKUnitDomain()
        var los: [UInt64] = []
        for _ in 0..<64 { los.append(try #require(d.alloc(2, limit: KL.L32, aligned: true)).lo) }
        #expect(los.first == 0xffffe && los.last == 0xfff80)
        for i in stride(from: 0, to: 64, by: 2) { #expect(d.free(los[i])) }
        d.expectSound("freeing the even ones")
        #expect(d.alloc(2, limit: KL.L32, aligned: true) == R(0xfff7e, 0xfff7f))
        d.expectSound("the aligned allocation")
    }

    @Test("pci_32bit_workaround: fallback counts 87 (R = 1024) and 395 (R = 256)",
          arguments: [(UInt64(1024), 87), (UInt64(256), 395)])
    func pci32BitWorkaround(restricted: (limit: UInt64, fallbacks: Int)) {
        let d = MapleKUnitDomain()
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
    }

    @Test func fullSpaceSearchFails() {
        let d = MapleKUnitDomain(withModel: false)
        for i in 0..<16384 as Range<UInt64> {
            guard d.alloc(1, limit: 16384, aligned: false) == R(16384 - i) else { Issue.record("alloc \(i)"); return }
        }
        d.expectSound("filling [1, 16384]")
        #expect(d.alloc(2, limit: 16384, aligned: true) == nil)
        #expect(d.p.max32AllocSize == 2)
    }

    @Test func fragmented32BitSearch() throws {
        let d = MapleKUnitDomain(withModel: false)
        for i in 0..<8000 as Range<UInt64> {
            guard d.alloc(1, limit: KL.L32, aligned: false) == R(0xfffff - i) else { Issue.record("alloc \(i)"); return }
        }
        let low = try #require(d.alloc(32, limit: KL.L32, aligned: true))
        #expect(low == R(0xfe0a0, 0xfe0bf))
        #expect(d.free(low.lo))
        #expect(d.alloc(32, limit: KL.L64, aligned: true) == R(0xffffe0, 0xffffff))
        d.expectSound("the two 32-page requests")
    }

    /// The maple variant of stress_random: limits over L32/L33/L56/L64, aligned from bit 8.
    @Test func stressRandom() {
        let d = MapleKUnitDomain()
        var rng = KUnitLCG()
        var slots = [PFNRange?](repeating: nil, count: 512)
        let limits = [KL.L32, KL.L33, KL.L56, KL.L64]
        var failures = 0
        for i in 0..<2048 {
            let slot = Int((rng.next() >> 8) % 512)
            let limit = limits[Int((rng.next() >> 8) % 4)]
            if let r = slots[slot] {
                #expect(d.free(r.lo), "iteration \(i)")
                slots[slot] = nil
            } else {
                let size = UInt64(1) << UInt64((rng.next() >> 8) % 4)
                let aligned = (rng.next() >> 8) & 1 != 0
                slots[slot] = d.alloc(size, limit: limit, aligned: aligned)
                if slots[slot] == nil { failures += 1 }
            }
            if !d.p.validate().isEmpty { Issue.record("iteration \(i): \(d.p.validate().prefix(3))"); return }
        }
        d.expectSound("stress_random")
        #expect(failures == 0)
        #expect(d.p.liveCount == 254)
        // The KUnit table (docs/algorithms/README.md) gives 0x4431e47e5a9f26ae for this run; like every stress_random hash of that
        // table it does not reproduce from the generator as described (see IOVACoreTests).
        print("[stress_random] maple: final FNV \(hx(fnvHash(d.p.rangeList()))) over \(d.p.liveCount) ranges")
    }
}
