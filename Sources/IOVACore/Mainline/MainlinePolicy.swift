/// The `mainline` policy: Linux `drivers/iommu/iova.c` (6.12 … 7.1), bit-exact.
///
/// Same tree shape and colours as the kernel's (`lib/rbtree.c` insert with the allocation
/// hint, erase with successor replacement), same `cached_node`, `cached32_node` and
/// `max32_alloc_size` after every operation, same node returned by `reserve`. See
/// docs/algorithms/mainline.md for the behaviour this models.
///
/// `visits` counts iterations of the gap-search loop of `__alloc_and_insert_iova_range`, one
/// `rb_prev()` each, retry pass included, 0 when `max32_alloc_size` refuses the request up
/// front — the figure the kernel vectors report.
public struct MainlinePolicy: IOVAPolicy {
    public typealias Tree = RBTree<NoAugment>

    public let config: DomainConfig
    public internal(set) var tree: Tree
    /// The permanent node `[2^64-1, 2^64-1]`, always the last in address order.
    public private(set) var anchor: NodeID
    /// Start point of searches whose limit is above 4 GiB.
    public internal(set) var cachedNode: NodeID
    /// Start point of searches whose limit is at or below 4 GiB.
    public internal(set) var cached32Node: NodeID
    /// "Size of the last failed allocation"; 32-bit requests at least this large fail at once.
    public internal(set) var max32AllocSize: UInt64

    /// `init_iova_domain`: an empty tree holding only the anchor, both cached nodes on it.
    public init(config: DomainConfig) {
        self.config = config
        var tree = Tree()
        var quiet = NullObserver()
        anchor = tree.insert(lo: DomainConfig.anchorPFN, hi: DomainConfig.anchorPFN, observer: &quiet)
        self.tree = tree
        cachedNode = anchor
        cached32Node = anchor
        max32AllocSize = config.dma32PFN
    }

    public var cachedRanges: (cached: PFNRange, cached32: PFNRange)? {
        (tree.range(cachedNode), tree.range(cached32Node))
    }

    public func find(pfn: UInt64) -> PFNRange? {
        let n = tree.find(containing: pfn)
        return n.exists ? tree.range(n) : nil
    }

    public var rbTree: (any RBTreeSource)? { PlainTreeView(tree: tree) }
    public var markedNodes: (anchor: NodeID, cached: NodeID, cached32: NodeID) { (anchor, cachedNode, cached32Node) }

    public func appendTree(to out: inout [UInt8]) -> Bool {
        tree.appendPreorder(to: &out)
        return true
    }

    public var liveCount: Int { tree.count - 1 }
    public var memory: MemoryFootprint { .rbTree(structBytes: MemoryFootprint.rbIOVABytes, liveCount: liveCount) }

    public func forEachRange(_ body: (PFNRange) -> Void) {
        tree.forEachInOrder { n in
            if n != anchor { body(tree.range(n)) }
        }
    }

    public func forEachRange(in window: PFNRange, _ body: (PFNRange) -> Void) {
        tree.forEachNode(intersecting: window) { n in
            if n != anchor { body(tree.range(n)) }
        }
    }

    mutating func setCache<O: AllocatorObserver>(_ slot: CacheSlot, _ n: NodeID, observer: inout O) {
        let old = slot == .cached ? cachedNode : cached32Node
        guard old != n else { return }
        if slot == .cached { cachedNode = n } else { cached32Node = n }
        observer.record(.cacheMoved(slot, from: old, to: n))
    }

    mutating func setMax32<O: AllocatorObserver>(_ value: UInt64, observer: inout O) {
        guard value != max32AllocSize else { return }
        observer.record(.max32Changed(from: max32AllocSize, to: value))
        max32AllocSize = value
    }

    // Plain entry points: the no-op observer, specialised here inside the core.
    public mutating func alloc(size: UInt64, limit: UInt64, aligned: Bool) -> AllocOutcome {
        var quiet = NullObserver()
        return alloc(size: size, limit: limit, aligned: aligned, observer: &quiet)
    }

    public mutating func free(pfn: UInt64) -> Bool {
        var quiet = NullObserver()
        return free(pfn: pfn, observer: &quiet)
    }

    public mutating func reserve(lo: UInt64, hi: UInt64) -> PFNRange? {
        var quiet = NullObserver()
        return reserve(lo: lo, hi: hi, observer: &quiet)
    }
}
