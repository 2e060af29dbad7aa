/// Growable bytes behind a pointer it owns, for output.
///
/// An append is one capacity check and one copy. `[UInt8]` pays a uniqueness check and a
/// generic copy per append, which at a million records of a dozen pieces each costs more than
/// formatting them. Noncopyable, so there is exactly one owner of the memory.
struct ByteBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written; `base[0 ..< count]` is initialised, the rest of the capacity is not.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Lends the bytes written so far.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        (base + count).initialize(to: byte)
        count += 1
    }

    mutating func append(repeating byte: UInt8, count n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (base + count).initialize(repeating: byte, count: n)
        count += n
    }

    /// Forgets the bytes, keeping the memory.
    mutating func removeAll() { count = 0 }

    /// Makes room for `n` more bytes.
    private mutating func reserve(_ n: Int) {
        if n > capacity - count { grow(minimum: count + n) }
    }

    private mutating func grow(minimum: Int) {
        let newCapacity = max(2 * capacity, minimum)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
