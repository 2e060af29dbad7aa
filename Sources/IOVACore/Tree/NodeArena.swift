#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The tree's node records: a growable buffer with value semantics (copy-on-write).
///
/// Why not an `Array`: an array grows by allocating a new buffer and copying into it, so during
/// a growth the old buffer and the copy are both resident (peak RSS 8% above the final size at
/// 1M nodes, a third at 100k). This buffer grows with `realloc`, and glibc moves a large
/// (mmapped) block with `mremap`: its pages change address, they are not copied.
///
/// Copy-on-write (the stepper keeps copies of policies as checkpoints): copies share the block
/// until one of them calls `makeUnique`, which copies it if shared. Writers call it once per
/// mutating operation rather than at each write: it is a runtime call, and an insertion makes
/// a dozen writes (checking each one made mainline's fill 5% slower than with the array, whose
/// checks the optimizer hoists). Debug builds assert it at each write. Growth checks on its
/// own, so a missed call can leak a change into a copy but never free or move its memory.
///
/// Elements must be trivial: `realloc` moves them bitwise and the block is freed without
/// deinitializing them.
///
/// Public for the maple tree (IOVAMaple), whose node arrays live in arenas for the same reasons.
public struct NodeArena<Element> {
    /// Owns the malloc'd block; shared by copies of the arena until one of them writes.
    @usableFromInline final class Block {
        /// What `ArenaMemory` returned, and its size in bytes.
        @usableFromInline var raw: UnsafeMutableRawPointer
        @usableFromInline var bytes: Int
        /// The first record: `raw` rounded up to a cache line.
        @usableFromInline var base: UnsafeMutablePointer<Element>
        @usableFromInline init(raw: UnsafeMutableRawPointer, bytes: Int, base: UnsafeMutablePointer<Element>) {
            self.raw = raw
            self.bytes = bytes
            self.base = base
        }
        deinit { ArenaMemory.shared.release(raw, bytes: bytes) }
    }

    /// Records start on a cache line. glibc hands out large blocks 16 bytes past a page
    /// boundary, which put every other 32-byte node across two lines: a walk that misses then
    /// fetched both (the range in one, the links in the other).
    @usableFromInline static var lineBytes: Int { 64 }

    @usableFromInline static func lineAligned(_ raw: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        raw + ((lineBytes - Int(bitPattern: raw) % lineBytes) % lineBytes)
    }

    /// Nil until the first element (an empty tree allocates nothing).
    @usableFromInline var block: Block?
    /// `block.base`, kept here so that a read costs no more loads than an array's.
    @usableFromInline var base: UnsafeMutablePointer<Element>?
    @usableFromInline var used = 0
    /// Elements held.
    @inlinable public var count: Int { used }
    @usableFromInline var capacity = 0

    @inlinable public init() {}

    @inlinable public subscript(i: Int) -> Element {
        get {
            // Checked like an array: a bad index must trap, never read out of bounds.
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "node index out of range")
            return base.unsafelyUnwrapped[i]
        }
        _modify {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "node index out of range")
            assert(isKnownUniquelyReferenced(&block), "NodeArena written while shared: call makeUnique first")
            yield &base.unsafelyUnwrapped[i]
        }
    }

    /// Element `i` without the range check, for the tree's hot loops: an index the tree read
    /// from one of its own links is in range by construction, so only the entry point of a walk
    /// needs the check (a range check per hop costs two instructions and a register in loops
    /// that run a million times per request). Debug builds still check.
    /// Writes through it need the arena owned (`makeUnique`) first, as every write does.
    @inlinable public subscript(trusted i: Int) -> Element {
        @inline(__always) get {
            assert(UInt(bitPattern: i) < UInt(bitPattern: count), "node index out of range")
            return base.unsafelyUnwrapped[i]
        }
        @inline(__always) _modify {
            assert(UInt(bitPattern: i) < UInt(bitPattern: count), "node index out of range")
            assert(isKnownUniquelyReferenced(&block), "NodeArena written while shared: call makeUnique first")
            yield &base.unsafelyUnwrapped[i]
        }
    }

    /// Blocks of 256 KiB and up are mapped by glibc on their own (the program fixes the threshold
    /// there), so every growth from there is a remap. Below it the arena doubles on the heap:
    /// jumping straight to a mapping made a small tree pay a `mmap`, a page fault per 4 KiB
    /// touched and a `munmap` (B's setup at n = 1,000: 10 ns per allocation more than the
    /// kernel's), where freed heap blocks come back already resident. The one copy from the heap
    /// into the mapping is of at most 128 KiB. Untouched pages of a mapping cost no memory.
    @usableFromInline static var mappedCapacity: Int { (256 * 1024) / MemoryLayout<Element>.stride }

    /// The capacity after `capacity`: doubling, and from half the mapped size straight to it.
    @inlinable static func grown(_ capacity: Int) -> Int {
        guard capacity > 0 else { return 16 }
        let doubled = 2 * capacity
        return doubled > mappedCapacity / 2 ? Swift.max(doubled, mappedCapacity) : doubled
    }

    /// Gives this arena a block of its own before writes, copying the block if it is shared.
    @inlinable public mutating func makeUnique() {
        if capacity > 0 && !isKnownUniquelyReferenced(&block) { reallocate(capacity) }
    }

    /// Appends; call `makeUnique` first.
    @inlinable public mutating func append(_ element: Element) {
        if count == capacity { reallocate(Self.grown(capacity)) }
        assert(isKnownUniquelyReferenced(&block), "NodeArena written while shared: call makeUnique first")
        (base.unsafelyUnwrapped + count).initialize(to: element)
        used += 1
    }

    /// Appends `n` copies of `element` (a maple node's slot words); call `makeUnique` first.
    @inlinable public mutating func append(_ element: Element, times n: Int) {
        precondition(n >= 0, "negative count")
        var grown = capacity
        while count + n > grown { grown = Self.grown(grown) }
        if grown != capacity { reallocate(grown) }
        assert(n == 0 || isKnownUniquelyReferenced(&block), "NodeArena written while shared: call makeUnique first")
        if n > 0 { (base.unsafelyUnwrapped + count).initialize(repeating: element, count: n) }
        used += n
    }

    @inlinable public mutating func reserveCapacity(_ n: Int) {
        if n > capacity { reallocate(n) }
    }

    /// Gives this arena a block of its own holding `newCapacity` elements: `realloc` when it
    /// already owns one (no copy for large blocks), a fresh copy when the block is shared.
    @usableFromInline @inline(never)
    mutating func reallocate(_ newCapacity: Int) {
        precondition(_isPOD(Element.self), "NodeArena holds trivial records only")
        let (size, overflow) = newCapacity.multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
        precondition(!overflow && size <= Int.max - Self.lineBytes && newCapacity > 0 && newCapacity >= count, "node arena size")
        let bytes = size + Self.lineBytes      // room to move the records onto a line boundary
        let usedBytes = count * MemoryLayout<Element>.stride
        let owned = isKnownUniquelyReferenced(&block)
        if owned, let block {
            let oldOffset = UnsafeMutableRawPointer(block.base) - block.raw
            let raw = ArenaMemory.resize(block.raw, to: bytes)
            let aligned = Self.lineAligned(raw)
            // `realloc` keeps the bytes, not the alignment: move the records if the padding changed.
            if aligned - raw != oldOffset { memmove(aligned, raw + oldOffset, usedBytes) }
            block.raw = raw
            block.bytes = bytes
            block.base = aligned.bindMemory(to: Element.self, capacity: newCapacity)
        } else {
            // A copy (or the first block): possibly a recycled block, already resident.
            let (raw, got) = ArenaMemory.shared.allocate(bytes, used: usedBytes)
            let fresh = Self.lineAligned(raw).bindMemory(to: Element.self, capacity: newCapacity)
            if let base { fresh.initialize(from: base, count: count) }
            block = Block(raw: raw, bytes: got, base: fresh)
        }
        base = block.unsafelyUnwrapped.base
        capacity = newCapacity
    }
}
