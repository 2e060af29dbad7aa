#if canImport(Glibc)
import Glibc
#endif
@testable import IOVACore
import Testing

/// The pool behind node arenas (ArenaMemory): recycled blocks are reused only when they fit,
/// their old contents never leak into a copy, and the pool stays bounded. Each test has a pool
/// of its own (the shared one is used by every test running alongside).
@Suite struct ArenaMemoryTests {
    static let large = ArenaMemory.largeBytes

    /// A large block given back is handed out again for a request it fits, and only then.
    @Test func recyclesLargeBlocksThatFit() {
        let memory = ArenaMemory(maxBlocks: 4, maxBytes: 1 << 30)
        let a = memory.allocate(2 * Self.large)
        memory.release(a.raw, bytes: a.bytes)
        #expect(memory.pooledSizes == [2 * Self.large])
        // A larger request does not fit it.
        let bigger = memory.allocate(4 * Self.large)
        #expect(bigger.raw != a.raw && memory.pooledSizes == [2 * Self.large])
        let same = memory.allocate(2 * Self.large - 4096)
        #expect(same.raw == a.raw && same.bytes == 2 * Self.large)
        #expect(memory.pooledSizes.isEmpty)
        memory.release(same.raw, bytes: same.bytes)
        memory.release(bigger.raw, bytes: bigger.bytes)
        // The smallest block that fits serves a request...
        let third = memory.allocate(4 * Self.large / 3)
        #expect(third.raw == a.raw && memory.pooledSizes == [4 * Self.large])
        // ...but not one under half its size: that would pin over twice the memory it needs.
        let under = memory.allocate(2 * Self.large - 4096)
        #expect(under.raw != bigger.raw && memory.pooledSizes == [4 * Self.large])
        memory.release(third.raw, bytes: third.bytes)
        memory.release(under.raw, bytes: under.bytes)
        #expect(memory.pooledSizes.count == 3)
    }

    /// Small blocks go straight back to malloc; the pool never holds more than its bounds,
    /// and when full it lets the oldest blocks go (the newest fit the trees shown now).
    @Test func poolIsBoundedAndKeepsTheNewest() {
        let memory = ArenaMemory(maxBlocks: 3, maxBytes: 100 * Self.large)
        let small = memory.allocate(4096)
        memory.release(small.raw, bytes: small.bytes)
        #expect(memory.pooledSizes.isEmpty)
        let blocks = [5, 4, 3, 2, 1].map { memory.allocate($0 * Self.large) }
        for b in blocks { memory.release(b.raw, bytes: b.bytes) }
        #expect(memory.pooledSizes == [3, 2, 1].map { $0 * Self.large })
        // The byte bound holds too, by the same rule.
        let capped = ArenaMemory(maxBlocks: 8, maxBytes: 5 * Self.large)
        let three = (0..<3).map { _ in capped.allocate(2 * Self.large) }
        for b in three { capped.release(b.raw, bytes: b.bytes) }
        #expect(capped.pooledSizes == [2, 2].map { $0 * Self.large })
        let huge = capped.allocate(6 * Self.large)
        capped.release(huge.raw, bytes: huge.bytes)
        #expect(capped.pooledSizes.isEmpty)   // larger than the bound: not kept at all
    }

    /// A prefaulted block serves the next copy of the last size, and of twice it.
    @Test func prefaultServesTheNextCopy() {
        let memory = ArenaMemory(maxBlocks: 4, maxBytes: 1 << 30)
        memory.prefaultLikeLastCopy()   // nothing large handed out yet
        #expect(memory.pooledSizes.isEmpty)
        let a = memory.allocate(3 * Self.large)
        memory.prefaultLikeLastCopy()
        #expect(memory.pooledSizes == [6 * Self.large])
        memory.prefaultLikeLastCopy()   // already ready: no second block
        #expect(memory.pooledSizes == [6 * Self.large])
        let next = memory.allocate(6 * Self.large)
        #expect(next.bytes == 6 * Self.large && memory.pooledSizes.isEmpty)
        memory.release(next.raw, bytes: next.bytes)
        memory.release(a.raw, bytes: a.bytes)
    }

    /// The prefault touches what the last copy wrote and a little more, not the whole block:
    /// a copy of a tree whose arena has room to grow must not make that room resident. Read
    /// back with `mincore` (huge pages may round the touched part up to 2 MiB).
    @Test func prefaultTouchesAboutWhatTheLastCopyWrote() throws {
        let memory = ArenaMemory(maxBlocks: 4, maxBytes: 1 << 30)
        let a = memory.allocate(8 * Self.large, used: Self.large)
        memory.prefaultLikeLastCopy()
        let block = memory.allocate(16 * Self.large)
        #expect(block.bytes == 16 * Self.large && block.raw != a.raw)
        let resident = try Self.residentBytes(block.raw, block.bytes)
        // Touched: 4 MiB + an eighth + 1 MiB; the whole last size (32 MiB) before.
        #expect(resident >= Self.large && resident <= 3 * Self.large, "resident: \(resident) bytes")
        memory.release(block.raw, bytes: block.bytes)
        memory.release(a.raw, bytes: a.bytes)
    }

    /// Bytes of `[raw, raw + bytes)` in memory, by whole pages.
    static func residentBytes(_ raw: UnsafeMutableRawPointer, _ bytes: Int) throws -> Int {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = Int(bitPattern: raw) & ~(page - 1)
        let pages = (Int(bitPattern: raw) + bytes - start + page - 1) / page
        var flags = [UInt8](repeating: 0, count: pages)
        let status = mincore(UnsafeMutableRawPointer(bitPattern: start), pages * page, &flags)
        try #require(status == 0, "mincore failed")
        return flags.reduce(0) { $0 + Int($1 & 1) } * page
    }

    /// A copy-on-write copy of a large arena holds exactly the original's records, whatever
    /// block it was given (the shared pool is filled with garbage first, so it most likely
    /// recycles one), and the original is untouched by writes to the copy.
    @Test func copiesAreExactWhateverTheirBlock() {
        let n = Self.large / MemoryLayout<UInt64>.stride + 1000
        var original = NodeArena<UInt64>()
        original.reserveCapacity(n)
        for i in 0..<n { original.append(UInt64(i) &* 0x9E37_79B9_7F4A_7C15) }
        let junk = ArenaMemory.shared.allocate(n * 8 + 64)
        junk.raw.initializeMemory(as: UInt8.self, repeating: 0xA5, count: junk.bytes)
        ArenaMemory.shared.release(junk.raw, bytes: junk.bytes)

        var copy = original
        copy.makeUnique()
        copy[7] = 42
        #expect(copy.count == n && original.count == n)
        #expect(original[7] == 7 &* 0x9E37_79B9_7F4A_7C15 && copy[7] == 42)
        #expect((0..<n).allSatisfy { $0 == 7 || copy[$0] == original[$0] })
    }
}
