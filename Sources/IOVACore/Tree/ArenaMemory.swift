#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where node arenas get their memory, and where it goes when an arena lets go of it.
///
/// Why not plain `malloc`/`free`: the stepper copies whole trees (a checkpoint shared by a
/// seek's working copy, `before` and `after` of every operation), and at a million nodes each
/// copy is 30–60 MB. Fresh memory costs a page fault and a zeroed page per 4 KiB before the copy
/// writes it: in `bench seek` that was a third of the time, more than the copying itself.
/// So a freed large block waits in a small pool, and the next copy of about its size writes
/// into pages that are already resident. The pool keeps at most 4 blocks and 1 GiB, so it
/// never holds more than a few trees' worth.
///
/// A copy that finds the pool empty (the stepper's checkpoints keep every copy they make) can
/// still avoid the faults: `prefaultLikeLastCopy()`, run on an idle core between two copies,
/// pools a block whose pages it has already touched.
///
/// Huge pages only there. `MADV_HUGEPAGE` on every large block cut the faults but made the
/// fills that grow an arena slower (mainline's 1M-node fill 48 → 83 ms: direct compaction on
/// fault, on the filling thread) and its peak RSS 20 % higher. On the prefaulted block it is
/// the other way round: a 2 MiB fault zeroes as much as 512 small ones for a fraction of their
/// cost (64 MiB in 3 ms rather than 20 here), finding huge pages costs the idle core, and the
/// touched part is what the next copy writes anyway. On a virtual machine it is a trade that
/// moves with the machine's history; what a user waits for on opening a file came out ahead in
/// nearly every pairing measured (docs/performance.md § Huge pages for prefaulted copies).
///
/// Blocks are raw bytes; `NodeArena` owns the records in them.
public final class ArenaMemory: Sendable {
    /// The pool every node arena uses.
    @usableFromInline static let shared = ArenaMemory(maxBlocks: 4, maxBytes: 1 << 30)

    /// Blocks from here up are recycled: below it glibc's heap already reuses freed memory,
    /// and page faults are few.
    static let largeBytes = 4 << 20
    let maxBlocks: Int
    let maxBytes: Int

    /// A block's address, to be handed between threads: whoever takes it from the pool is
    /// its only owner.
    struct Pooled: @unchecked Sendable {
        var raw: UnsafeMutableRawPointer
        var bytes: Int
    }
    private let pool = Mutex<[Pooled]>([])
    /// The size of the last large block handed out, and how many of its bytes the copy
    /// wrote (its records; the rest is room to grow).
    private let lastLargeBytes = Atomic<Int>(0)
    private let lastLargeUsed = Atomic<Int>(0)
    /// Set while a prefault runs: replays ask for one after every checkpoint, and a second
    /// one started alongside would only map another block the pool may drop.
    private let prefaulting = Atomic<Bool>(false)

    init(maxBlocks: Int, maxBytes: Int) {
        self.maxBlocks = maxBlocks
        self.maxBytes = maxBytes
    }

    deinit { drain() }

    /// A block of at least `bytes` bytes and how many it really has (a recycled one may be
    /// larger). Its contents are undefined. `used`: how many bytes the caller writes at once
    /// (a copy's records), which sizes the next prefault.
    @usableFromInline
    func allocate(_ bytes: Int, used: Int = 0) -> (raw: UnsafeMutableRawPointer, bytes: Int) {
        if bytes >= Self.largeBytes {
            lastLargeBytes.store(bytes, ordering: .relaxed)
            lastLargeUsed.store(Swift.min(used, bytes), ordering: .relaxed)
            if let recycled = takeRecycled(atLeast: bytes) { return (recycled.raw, recycled.bytes) }
        }
        guard let raw = malloc(bytes) else { fatalError("node arena: out of memory") }
        return (raw, bytes)
    }

    /// `realloc` (a large block moves by `mremap`, its pages unchanged).
    @usableFromInline
    static func resize(_ raw: UnsafeMutableRawPointer, to bytes: Int) -> UnsafeMutableRawPointer {
        guard let moved = realloc(raw, bytes) else { fatalError("node arena: out of memory") }
        return moved
    }

    /// Gives a block back: into the pool when it is large, else to `free`.
    @usableFromInline
    func release(_ raw: UnsafeMutableRawPointer, bytes: Int) {
        guard bytes >= Self.largeBytes else { free(raw); return }
        // Full: the oldest blocks go. The newest is the likeliest size for the next copy (the
        // tree shown now), where keeping the largest once let a previous policy's blocks, too
        // large for this one's trees, turn every block it released away.
        let evicted: [Pooled] = pool.withLock { blocks in
            blocks.append(Pooled(raw: raw, bytes: bytes))
            var held = blocks.reduce(0) { $0 + $1.bytes }
            var out: [Pooled] = []
            while blocks.count > maxBlocks || held > maxBytes {
                let oldest = blocks.removeFirst()
                held -= oldest.bytes
                out.append(oldest)
            }
            return out
        }
        for block in evicted { free(block.raw) }
    }

    /// The smallest pooled block holding `bytes`, unless it is over twice that (a small tree
    /// must not pin a large block's worth of resident memory).
    private func takeRecycled(atLeast bytes: Int) -> Pooled? {
        pool.withLock { blocks in
            let fitting = blocks.indices.filter { blocks[$0].bytes >= bytes && blocks[$0].bytes / 2 <= bytes }
            guard let best = fitting.min(by: { blocks[$0].bytes < blocks[$1].bytes }) else { return nil }
            return blocks.remove(at: best)
        }
    }

    /// Pools a block for the next copy, its pages touched here: twice the size of the last
    /// large block handed out (the tree may have grown past a doubling of its arena meanwhile),
    /// backed by huge pages where the kernel has them, of which the bytes that copy wrote and an
    /// eighth more are touched (the next copy is of a tree a little larger; the rest of a
    /// doubled arena would only be resident for nothing). For an otherwise idle thread, between
    /// two copies; a no-op before the first large block, when the pool already holds one that
    /// size would take, or while another prefault runs.
    public static func prefaultLikeLastCopy() { shared.prefaultLikeLastCopy() }

    func prefaultLikeLastCopy() {
        let last = lastLargeBytes.load(ordering: .relaxed)
        guard last >= Self.largeBytes else { return }
        guard prefaulting.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        defer { prefaulting.store(false, ordering: .releasing) }
        let ready = pool.withLock { blocks in blocks.contains { $0.bytes >= last && $0.bytes / 2 <= last } }
        guard !ready, let raw = malloc(2 * last) else { return }
        Self.adviseHugePages(raw, bytes: 2 * last)
        let used = lastLargeUsed.load(ordering: .relaxed)
        let touched = used == 0 ? last : Swift.min(last, used + used / 8 + (1 << 20))
        let page = 4096
        for offset in stride(from: 0, to: touched, by: page) { raw.storeBytes(of: 0, toByteOffset: offset, as: UInt8.self) }
        release(raw, bytes: 2 * last)
    }

    /// `MADV_HUGEPAGE` on the 2 MiB-aligned part of the block (advice: a kernel without
    /// transparent huge pages ignores it, and so do we if it fails).
    static func adviseHugePages(_ raw: UnsafeMutableRawPointer, bytes: Int) {
        #if canImport(Glibc)
        let huge = 2 << 20
        let start = (Int(bitPattern: raw) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: raw) + bytes) & ~(huge - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// The sizes of the pooled blocks (tests).
    var pooledSizes: [Int] { pool.withLock { $0.map(\.bytes) } }

    /// Frees every pooled block.
    func drain() {
        let blocks = pool.withLock { blocks in defer { blocks.removeAll() }; return blocks }
        for block in blocks { free(block.raw) }
    }
}
