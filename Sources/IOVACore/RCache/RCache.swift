/// The per-CPU IOVA caches in front of the tree (`struct iova_rcache`, docs/algorithms/rcache.md):
/// for each of 6 size classes (1, 2, 4 … 32 pages) every online CPU has a `loaded` and a `prev`
/// magazine of at most 127 pfns, and the class has a depot (a stack) of full magazines.
///
/// A cached pfn keeps its tree node: the range stays allocated in the tree while it sits in a
/// magazine ("cached but free"). The layer is the same in front of every policy — the 2026
/// maple conversion kept it unchanged — so it is written once, generic over the policy.
public struct RCache: Hashable, Sendable {
    /// `IOVA_RANGE_CACHE_MAX_SIZE`: size classes 0…5 hold sizes 1…32 pages.
    public static let classCount = 6
    /// `IOVA_MAG_SIZE`: pfns per magazine.
    public static let magazineSize = 127

    /// A magazine: pfns in push order; pops scan from the newest and swap-remove.
    public struct Magazine: Hashable, Sendable {
        public internal(set) var pfns: [UInt64] = []
        public var count: Int { pfns.count }
        public var isFull: Bool { pfns.count == RCache.magazineSize }
        public var isEmpty: Bool { pfns.isEmpty }
        public init() {}
    }

    /// One CPU's pair of magazines for one size class.
    public struct CPUMagazines: Hashable, Sendable {
        public internal(set) var loaded = Magazine()
        public internal(set) var prev = Magazine()
    }

    /// One size class: the depot of full magazines (top = last) and every CPU's pair.
    public struct SizeClass: Hashable, Sendable {
        public internal(set) var depot: [Magazine] = []
        public internal(set) var cpus: [CPUMagazines]
        /// Whether the class's delayed depot-trim work is scheduled (`tick` runs it).
        public internal(set) var trimPending = false
    }

    /// Online CPUs (`num_online_cpus()`); the depot is trimmed down to this many magazines.
    public let cpuCount: Int
    public internal(set) var classes: [SizeClass]

    public init(cpus: Int) {
        precondition((1...64).contains(cpus), "1 to 64 CPUs")
        cpuCount = cpus
        classes = Array(repeating: SizeClass(cpus: Array(repeating: CPUMagazines(), count: cpus)), count: Self.classCount)
    }

    /// `order_base_2(size)`: the class of a size, or nil when it is too large to cache (> 32).
    public static func sizeClass(of size: UInt64) -> Int? {
        guard size >= 1 else { return nil }
        let order = size == 1 ? 0 : Bits.fls(size - 1)
        return order < classCount ? order : nil
    }

    /// The size an `alloc_iova_fast` request really asks the tree for: below 32 pages, the next
    /// power of two; from 32 on, unchanged.
    public static func roundedSize(_ size: UInt64) -> UInt64 {
        guard size < 32, size > 1 else { return size }
        return UInt64(1) << UInt64(Bits.fls(size - 1))
    }

    /// The `--state` figures: per class, the depot's magazine count, then each CPU's `loaded`
    /// and `prev` fill.
    public var counts: [[Int]] {
        classes.map { c in [c.depot.count] + c.cpus.flatMap { [$0.loaded.count, $0.prev.count] } }
    }

    /// Every cached pfn with its class, for drawing ("cached but free") and validation.
    public func forEachCachedPFN(_ body: (UInt64, Int) -> Void) {
        for (k, c) in classes.enumerated() {
            for m in c.depot { for p in m.pfns { body(p, k) } }
            for cpu in c.cpus {
                for p in cpu.loaded.pfns { body(p, k) }
                for p in cpu.prev.pfns { body(p, k) }
            }
        }
    }

    /// Cached pfns in all (each still a live tree range, unless never allocated).
    public var cachedCount: Int {
        classes.reduce(0) { $0 + $1.depot.reduce(0) { $0 + $1.count } + $1.cpus.reduce(0) { $0 + $1.loaded.count + $1.prev.count } }
    }
}
