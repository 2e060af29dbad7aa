import IOVACore
import IOVAMaple
import TestSupport
import Testing

/// The maple policy's own rules (kernel-iova.md §2.4), one at a time.
@Suite struct MaplePolicyTests {
    static func policy(start: UInt64 = 1) throws -> MaplePolicy {
        MaplePolicy(config: try DomainConfig(startPFN: start, granule: 4096))
    }

    /// Scenario A (§1.12) under maple: the 13 MiB request fills [0, 0xcff] exactly — a window
    /// whose top is below size − 1 would underflow a careless `top − size + 1`.
    @Test func windowAtPfnZero() throws {
        var p = try Self.policy(start: 0)
        let got = [(0x1f400, 0x3ffff), (0xc00, 0x3ffff), (0x1f300, 0x3ffff)].map { p.alloc(size: $0.0, limit: $0.1, aligned: false).range?.lo }
        #expect(got == [0x20c00, 0x20000, 0xd00])
        #expect(p.free(pfn: 0x20000))
        #expect(p.alloc(size: 0xd00, limit: 0x3ffff, aligned: false).range == R(0, 0xcff))
        #expect(p.alloc(size: 0x200, limit: 0x3ffff, aligned: false).range == R(0x20a00, 0x20bff))
        #expect(p.validate().isEmpty)
    }

    @Test func reserveMergesIntersectingEntriesOnly() throws {
        var p = try Self.policy()
        #expect(p.reserve(lo: 0x100, hi: 0x1ff) == R(0x100, 0x1ff))
        #expect(p.reserve(lo: 0x300, hi: 0x3ff) == R(0x300, 0x3ff))
        #expect(p.reserve(lo: 0x200, hi: 0x2ff) == R(0x200, 0x2ff), "adjacent on both sides: not merged")
        #expect(p.liveCount == 3)
        #expect(p.reserve(lo: 0x120, hi: 0x130) == R(0x100, 0x1ff), "contained: the entry as it is")
        #expect(p.liveCount == 3)
        #expect(p.reserve(lo: 0x1f0, hi: 0x310) == R(0x100, 0x3ff), "the union of all three")
        #expect(p.rangeList() == [R(0x100, 0x3ff)])
        #expect(p.reserve(lo: 0x50, hi: p.config.maxPFN + 1) == nil, "beyond the domain")
        #expect(p.validate().isEmpty)
    }

    @Test func max32IsSetOnlyByThirtyTwoBitFailures() throws {
        var p = try Self.policy(start: 0xffff0)
        #expect(p.alloc(size: 0x20, limit: 0xfffff, aligned: false).range == nil)
        #expect(p.max32AllocSize == 0x20)
        #expect(p.alloc(size: 0x20, limit: 0xfffff, aligned: false).visits == 0, "short-circuit: no search")
        // A 64-bit failure leaves max32 alone (mainline would set it).
        #expect(p.alloc(size: p.config.maxPFN, limit: p.config.maxPFN, aligned: false).range == nil)
        #expect(p.max32AllocSize == 0x20)
        let r = try #require(p.alloc(size: 4, limit: 0xfffff, aligned: false).range)
        #expect(p.free(pfn: r.lo + 2))
        #expect(p.max32AllocSize == p.config.dma32PFN, "a free below 4 GiB resets it")
    }

    /// A size whose search size `size + align − 1` does not fit in 64 bits fails cleanly.
    @Test func searchSizeOverflowFails() throws {
        var p = try Self.policy()
        #expect(p.alloc(size: (1 << 63) + 1, limit: p.config.maxPFN, aligned: true).range == nil)
        #expect(p.validate().isEmpty)
    }

    /// The search reports the root first, one event per slot it reads, and counts node reads.
    @Test func searchEvents() throws {
        var p = try Self.policy()
        for _ in 0..<40 { _ = p.alloc(size: 1, limit: 0xfffff, aligned: false) }
        #expect(p.tree.height == 2)
        var log = EventLog()
        let out = p.alloc(size: 1, limit: 0xfffff, aligned: false, observer: &log)
        #expect(out.range == R(0xfffff - 40))
        guard case .searchStarted = log.events.first else { Issue.record("no searchStarted"); return }
        guard case let .nodeEntered(root, min, max) = log.events[1] else { Issue.record("\(log.events[1])"); return }
        #expect(root == p.tree.root || p.tree.height > 2)
        #expect(min == 0 && max == .max)
        let entered = log.events.filter { if case .nodeEntered = $0 { true } else { false } }.count
        let ascents = log.events.filter { if case .ascended = $0 { true } else { false } }.count
        #expect(out.visits == entered + ascents)
        #expect(log.events.contains { if case .found(0xfffff - 40, 0xfffff - 40, _) = $0 { true } else { false } })
        #expect(log.events.contains { if case .stored(_, 0xfffff - 40, 0xfffff - 40, true) = $0 { true } else { false } })
    }

    @Test func memoryModel() throws {
        var p = try Self.policy()
        #expect(p.memory.bytesPerIOVA == nil)
        for _ in 0..<1000 { _ = p.alloc(size: 1, limit: p.config.maxPFN, aligned: false) }
        let m = p.memory
        #expect(m.liveCount == 1000 && m.objectBytes == 16 && m.nodeBytes == 256)
        #expect(m.nodeCount == p.tree.nodeCount)
        #expect(m.totalBytes == 16 * 1000 + 256 * p.tree.nodeCount)
    }
}
