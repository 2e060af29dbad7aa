import IOVACore
import IOVAMaple
import TestSupport
import Testing

/// The maple policy's own rules (docs/algorithms/maple.md § The maple policy), one at a time.
@Suite struct MaplePolicyTests {
    /// A policy in a class, so that `#expect` can call its mutating operations.
    final class Box {
        var p: MaplePolicy
        init(start: UInt64) throws { p = MaplePolicy(config: try DomainConfig(startPFN: start, granule: 4096)) }
        func alloc(_ size: UInt64, _ limit: UInt64, aligned: Bool = false) -> AllocOutcome {
            p.alloc(size: size, limit: limit, aligned: aligned)
        }
        func free(_ pfn: UInt64) -> Bool { p.free(pfn: pfn) }
        func reserve(_ lo: UInt64, _ hi: UInt64) -> PFNRange? { p.reserve(lo: lo, hi: hi) }
    }

    static func policy(start: UInt64 = 1) throws -> Box { try Box(start: start) }

    /// Scenario A (docs/algorithms/mainline.md § Golden results) under maple: the 13 MiB request fills [0, 0xcff] exactly — a window
    /// whose top is below size − 1 would underflow a careless `top − size + 1`.
    @Test func windowAtPfnZero() throws {
        let b = try Self.policy(start: 0)
        let got = [(0x1f400, 0x3ffff), (0xc00, 0x3ffff), (0x1f300, 0x3ffff)].map { b.alloc($0.0, $0.1).range?.lo }
        #expect(got == [0x20c00, 0x20000, 0xd00])
        #expect(b.free(0x20000))
        #expect(b.alloc(0xd00, 0x3ffff).range == R(0, 0xcff))
        #expect(b.alloc(0x200, 0x3ffff).range == R(0x20a00, 0x20bff))
        #expect(b.p.validate().isEmpty)
    }

    @Test func reserveMergesIntersectingEntriesOnly() throws {
        let b = try Self.policy()
        #expect(b.reserve(0x100, 0x1ff) == R(0x100, 0x1ff))
        #expect(b.reserve(0x300, 0x3ff) == R(0x300, 0x3ff))
        #expect(b.reserve(0x200, 0x2ff) == R(0x200, 0x2ff), "adjacent on both sides: not merged")
        #expect(b.p.liveCount == 3)
        #expect(b.reserve(0x120, 0x130) == R(0x100, 0x1ff), "contained: the entry as it is")
        #expect(b.p.liveCount == 3)
        #expect(b.reserve(0x1f0, 0x310) == R(0x100, 0x3ff), "the union of all three")
        #expect(b.p.rangeList() == [R(0x100, 0x3ff)])
        #expect(b.reserve(0x50, b.p.config.maxPFN + 1) == nil, "beyond the domain")
        #expect(b.p.validate().isEmpty)
    }

    @Test func max32IsSetOnlyByThirtyTwoBitFailures() throws {
        let b = try Self.policy(start: 0xffff0)
        #expect(b.alloc(0x20, 0xfffff).range == nil)
        #expect(b.p.max32AllocSize == 0x20)
        #expect(b.alloc(0x20, 0xfffff).visits == 0, "short-circuit: no search")
        // A 64-bit failure leaves max32 alone (mainline would set it).
        let maxPFN = b.p.config.maxPFN
        #expect(b.alloc(maxPFN, maxPFN).range == nil)
        #expect(b.p.max32AllocSize == 0x20)
        let r = try #require(b.alloc(4, 0xfffff).range)
        #expect(b.free(r.lo + 2))
        #expect(b.p.max32AllocSize == b.p.config.dma32PFN, "a free below 4 GiB resets it")
    }

    /// A size whose search size `size + align − 1` does not fit in 64 bits fails cleanly.
    @Test func searchSizeOverflowFails() throws {
        let b = try Self.policy()
        #expect(b.alloc((1 << 63) + 1, b.p.config.maxPFN, aligned: true).range == nil)
        #expect(b.p.validate().isEmpty)
    }

    /// The search reports the root first, one event per slot it reads, and counts node reads.
    @Test func searchEvents() throws {
        var p = try Self.policy().p
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
        var p = try Self.policy().p
        #expect(p.memory.bytesPerIOVA == nil)
        for _ in 0..<1000 { _ = p.alloc(size: 1, limit: p.config.maxPFN, aligned: false) }
        let m = p.memory
        #expect(m.liveCount == 1000 && m.objectBytes == 16 && m.nodeBytes == 256)
        #expect(m.nodeCount == p.tree.nodeCount)
        #expect(m.totalBytes == 16 * 1000 + 256 * p.tree.nodeCount)
    }
}
