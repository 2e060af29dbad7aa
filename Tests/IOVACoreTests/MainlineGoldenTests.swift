// Golden vectors from the real kernel code (docs/algorithms/mainline.md § Golden results, obtained by running the kernel's own code):
// results, cached pointers, max32_alloc_size and reserve return values, exactly as tabulated.
// validate() runs after every operation (Harness).
import IOVACore
import TestSupport
import Testing

@Suite("Mainline golden vectors")
struct MainlineGoldenTests {
    /// Scenario A — the RETRY-commit example: a 1 GiB space (limit 0x3ffff, start_pfn 0).
    /// The last request fails its first pass at the bottom and must retry from the limit.
    @Test("Scenario A: retry from the limit finds the 12 MiB hole")
    func scenarioA() throws {
        let h = try Harness(start: 0)
        let limit: UInt64 = 0x3ffff
        #expect(h.allocLo(0x1f400, limit: limit) == 0x20c00)
        #expect(h.allocLo(0xc00, limit: limit) == 0x20000)
        #expect(h.allocLo(0x1f300, limit: limit) == 0xd00)
        #expect(h.cached32 == R(0xd00, 0x1ffff))
        #expect(h.free(0x20000))
        // The successor of the freed node.
        #expect(h.cached32 == R(0x20c00, 0x3ffff))
        #expect(h.allocLo(0xd00, limit: limit) == 0x0)
        #expect(h.cached32 == R(0x0, 0xcff))
        #expect(h.allocLo(0x200, limit: limit) == 0x20a00)
        #expect(h.ranges == [R(0x0, 0xcff), R(0xd00, 0x1ffff), R(0x20a00, 0x20bff), R(0x20c00, 0x3ffff)])
        // Nothing here reached 4 GiB: cached_node never left the anchor.
        #expect(h.cached == anchorRange)
    }

    /// Scenario C — cached32 after a middle free, and the long walk after it returns to the anchor.
    @Test("Scenario C: cached32 after a middle free")
    func scenarioC() throws {
        let h = try Harness()
        let limit: UInt64 = 0xfffff
        for i in 0..<8 as Range<UInt64> {
            #expect(h.allocLo(1, limit: limit) == 0xfffff - i)
        }
        #expect(h.cached32 == R(0xffff8))
        #expect(h.free(0xffffc))
        #expect(h.cached32 == R(0xffffd))
        #expect(h.allocLo(1, limit: limit) == 0xffffc)
        #expect(h.cached32 == R(0xffffc))
        // Walks down through the packed run 0xffffc..0xffff8 (5 loop iterations, docs/algorithms/mainline.md § Allocation).
        let packed = h.alloc(1, limit: limit)
        #expect(packed.range == R(0xffff7))
        #expect(packed.visits == 5)
        #expect(h.free(0xfffff))
        #expect(h.cached32 == anchorRange)
        // From the anchor through all 8 live nodes (0xffffe..0xffff7): 9 iterations.
        let long = h.alloc(2, limit: limit)
        #expect(long.range == R(0xffff5, 0xffff6))
        #expect(long.visits == 9)
        #expect(h.cached32 == R(0xffff5, 0xffff6))
        #expect(h.ranges == [R(0xffff5, 0xffff6)] + (0xffff7...0xffffe).map { R($0) })
    }

    /// Scenario D — max32_alloc_size: set by every failure (64-bit ones too), reset only by
    /// freeing a range below 4 GiB; reserve leaves it alone.
    @Test("Scenario D: max32_alloc_size")
    func scenarioD() throws {
        let h = try Harness(start: 0xffff0)
        let l32: UInt64 = 0xfffff
        #expect(h.allocLo(8, limit: l32, aligned: true) == 0xffff8)
        #expect(h.allocLo(4, limit: l32, aligned: true) == 0xffff4)
        #expect(h.allocLo(4, limit: l32, aligned: true) == 0xffff0)
        #expect(h.max32 == 0x100000)

        let walked = h.alloc(1, limit: l32)
        #expect(walked.range == nil)
        #expect(walked.visits > 0, "this failure comes from a walk")
        #expect(h.max32 == 1)

        // Short-circuit: refused before any walk.
        for size: UInt64 in [2, 1] {
            let sc = h.alloc(size, limit: l32)
            #expect(sc.range == nil)
            #expect(sc.visits == 0, "size \(size) must be refused by the max32 short-circuit")
            #expect(h.max32 == 1)
        }

        #expect(h.reserve(0x100000, 0x10000f) == R(0x100000, 0x10000f))
        #expect(h.max32 == 1)

        // A 64-bit request (limit above 4 GiB) that fails still overwrites max32.
        #expect(h.alloc(32, limit: 0x10000f).range == nil)
        #expect(h.max32 == 0x20)

        #expect(h.free(0xffff8))
        #expect(h.max32 == 0x100000)
        #expect(h.cached32 == R(0x100000, 0x10000f))

        #expect(h.allocLo(4, limit: l32, aligned: true) == 0xffffc)
        #expect(h.ranges == [R(0xffff0, 0xffff3), R(0xffff4, 0xffff7), R(0xffffc, 0xfffff), R(0x100000, 0x10000f)])
    }

    /// Scenario E — reserve stretches overlapped nodes down, never merges or splits, and
    /// returns the last node touched or the new remainder.
    @Test("Scenario E: reserve stretches, returns the last node, never merges")
    func scenarioE() throws {
        let h = try Harness()
        #expect(h.reserve(10, 20) == R(0xa, 0x14))
        #expect(h.reserve(30, 40) == R(0x1e, 0x28))
        #expect(h.ranges == [R(0xa, 0x14), R(0x1e, 0x28)])

        #expect(h.reserve(5, 0x23) == R(0x15, 0x28))
        #expect(h.ranges == [R(0x5, 0x14), R(0x15, 0x28)])

        // Contained in one node: that node, unchanged.
        #expect(h.reserve(0x16, 0x19) == R(0x15, 0x28))
        #expect(h.ranges == [R(0x5, 0x14), R(0x15, 0x28)])

        #expect(h.reserve(0x2d, 0x32) == R(0x2d, 0x32))
        #expect(h.reserve(5, 0x3c) == R(0x33, 0x3c))
        #expect(h.ranges == [R(0x5, 0x14), R(0x15, 0x28), R(0x29, 0x32), R(0x33, 0x3c)])

        #expect(h.reserve(0x64, 0x64) == R(0x64))
        #expect(h.reserve(0x63, 0x65) == R(0x65))
        #expect(h.ranges == [R(0x5, 0x14), R(0x15, 0x28), R(0x29, 0x32), R(0x33, 0x3c),
                             R(0x63, 0x64), R(0x65)])

        // Reserve touches neither cached pointer nor max32.
        #expect(h.cached == anchorRange)
        #expect(h.cached32 == anchorRange)
        #expect(h.max32 == 0x100000)

        #expect(h.allocLo(1, limit: 0x66) == 0x66)
        #expect(h.allocLo(4, limit: 0x66, aligned: true) == 0x5c)
        #expect(h.ranges == [R(0x5, 0x14), R(0x15, 0x28), R(0x29, 0x32), R(0x33, 0x3c),
                             R(0x5c, 0x5f), R(0x63, 0x64), R(0x65), R(0x66)])
    }

    /// docs/algorithms/mainline.md § Reserve: a request beyond the domain's addressable pfns is refused (NULL), changing nothing.
    @Test("reserve beyond (2^64-1) >> shift returns nil", arguments: [UInt64(4096), 65536])
    func reserveOutOfDomain(granule: UInt64) throws {
        let h = try Harness(granule: granule)
        let maxPFN = UInt64.max >> UInt64(granule.trailingZeroBitCount)
        #expect(h.reserve(0x10, maxPFN + 1) == nil)
        #expect(h.reserve(maxPFN + 1, maxPFN + 1) == nil)
        #expect(h.ranges.isEmpty)
        // The last addressable pfn itself is fine.
        #expect(h.reserve(maxPFN, maxPFN) == R(maxPFN))
    }

    /// Scenario F — size alignment is roundup_pow_of_two(size).
    @Test("Scenario F: alignment")
    func scenarioF() throws {
        let h = try Harness()
        let expected: [(UInt64, UInt64)] = [(1, 0xfffff), (3, 0xffffc), (5, 0xffff0), (6, 0xfffe8),
                                            (7, 0xfffe0), (8, 0xfffd8), (9, 0xfffc0)]
        for (size, lo) in expected {
            #expect(h.alloc(size, limit: 0xfffff, aligned: true).range == R(lo, lo + size - 1), "size \(size)")
        }
        #expect(h.allocLo(3, limit: 0xfffff, aligned: false) == 0xfffbd)
        #expect(h.allocLo(1, limit: 0xfffff, aligned: true) == 0xfffbc)
    }

    /// Scenario G — next-fit: the first pass only searches below the cached node.
    @Test("Scenario G: next-fit below the cached node, then retry from the limit")
    func scenarioG() throws {
        let h = try Harness()
        #expect(h.allocLo(1, limit: 0x7ffff) == 0x7ffff)
        #expect(h.allocLo(1, limit: 0xfffff) == 0x7fffe)
        #expect(h.alloc(0x80000, limit: 0xfffff).range == R(0x80000, 0xfffff))
    }

    /// Asymmetry (docs/algorithms/mainline.md § Cache maintenance on free): insertion classifies by pfn_hi < d32 (a range straddling 4 GiB moves
    /// cached_node), freeing resets max32 by pfn_lo < d32 (the straddling range resets it).
    @Test("a range straddling 4 GiB: cached_node on insert, max32 reset on free")
    func straddling4GiB() throws {
        let h = try Harness()
        #expect(h.alloc(0x20, limit: 0x10000f).range == R(0xffff0, 0x10000f))
        #expect(h.cached == R(0xffff0, 0x10000f))
        #expect(h.cached32 == anchorRange)
        // A 32-bit request that cannot fit: [1, 0xfffef] holds 0xfffef pfns only.
        #expect(h.alloc(0xffff0, limit: 0xfffff).range == nil)
        #expect(h.max32 == 0xffff0)
        #expect(h.free(0x100000))
        #expect(h.max32 == 0x100000)
        #expect(h.cached == anchorRange)
        #expect(h.cached32 == anchorRange)
    }

    /// docs/algorithms/mainline.md § Find and free: free of a pfn that no range holds does nothing; the anchor can never be freed;
    /// find locates a range from any pfn inside it.
    @Test("free/find: misses, the anchor, and pfns inside a range")
    func freeAndFind() throws {
        let h = try Harness()
        #expect(h.alloc(4, limit: 0xfffff, aligned: true).range == R(0xffffc, 0xfffff))
        #expect(h.p.find(pfn: 0xffffc) == R(0xffffc, 0xfffff))
        #expect(h.p.find(pfn: 0xffffe) == R(0xffffc, 0xfffff))
        #expect(h.p.find(pfn: 0xffffb) == nil)
        #expect(h.p.find(pfn: 0x100000) == nil)
        #expect(!h.free(0xffffb))
        #expect(!h.free(.max))
        #expect(h.ranges == [R(0xffffc, 0xfffff)])
        #expect(h.free(0xffffd))
        #expect(h.ranges.isEmpty)
        #expect(h.p.liveCount == 0)
    }
}
