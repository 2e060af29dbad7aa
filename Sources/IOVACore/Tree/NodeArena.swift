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
@usableFromInline
struct NodeArena<Element> {
    /// Owns the malloc'd block; shared by copies of the arena until one of them writes.
    @usableFromInline final class Block {
        @usableFromInline var base: UnsafeMutablePointer<Element>
        @usableFromInline init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
        deinit { free(base) }
    }

    /// Nil until the first element (an empty tree allocates nothing).
    @usableFromInline var block: Block?
    /// `block.base`, kept here so that a read costs no more loads than an array's.
    @usableFromInline var base: UnsafeMutablePointer<Element>?
    @usableFromInline var count = 0
    @usableFromInline var capacity = 0

    @inlinable init() {}

    @inlinable subscript(i: Int) -> Element {
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

    /// The first growth past 16 records jumps to 256 KiB: glibc maps blocks that large on their
    /// own (the program fixes the threshold there), so every later growth is a remap, and the
    /// one copy from the heap is of 16 records. Untouched pages of the block cost no memory.
    @usableFromInline static var mappedCapacity: Int { (256 * 1024) / MemoryLayout<Element>.stride }

    /// Gives this arena a block of its own before writes, copying the block if it is shared.
    @inlinable mutating func makeUnique() {
        if capacity > 0 && !isKnownUniquelyReferenced(&block) { reallocate(capacity) }
    }

    /// Appends; call `makeUnique` first.
    @inlinable mutating func append(_ element: Element) {
        if count == capacity { reallocate(capacity == 0 ? 16 : Swift.max(2 * capacity, Self.mappedCapacity)) }
        assert(isKnownUniquelyReferenced(&block), "NodeArena written while shared: call makeUnique first")
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count += 1
    }

    @inlinable mutating func reserveCapacity(_ n: Int) {
        if n > capacity { reallocate(n) }
    }

    /// Gives this arena a block of its own holding `newCapacity` elements: `realloc` when it
    /// already owns one (no copy for large blocks), a fresh copy when the block is shared.
    @usableFromInline @inline(never)
    mutating func reallocate(_ newCapacity: Int) {
        precondition(_isPOD(Element.self), "NodeArena holds trivial records only")
        let (bytes, overflow) = newCapacity.multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
        precondition(!overflow && newCapacity > 0 && newCapacity >= count, "node arena size")
        let owned = isKnownUniquelyReferenced(&block)
        if owned, let block {
            guard let raw = realloc(block.base, bytes) else { fatalError("node arena: out of memory") }
            block.base = raw.bindMemory(to: Element.self, capacity: newCapacity)
        } else {
            guard let raw = malloc(bytes) else { fatalError("node arena: out of memory") }
            let fresh = raw.bindMemory(to: Element.self, capacity: newCapacity)
            if let base { fresh.initialize(from: base, count: count) }
            block = Block(fresh)
        }
        base = block.unsafelyUnwrapped.base
        capacity = newCapacity
    }
}
