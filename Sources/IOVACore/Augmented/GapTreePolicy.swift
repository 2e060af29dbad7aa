/// A policy over a `GapTreeDomain`: everything but the search is shared (alloc's framing,
/// free, reserve, find, state, validation), so the three rb-tree proposals differ exactly where
/// the patches differ.
public protocol GapTreePolicy: IOVAPolicy, PolicyInspection {
    associatedtype Fields: GapFieldSet
    var domain: GapTreeDomain<Fields> { get set }
    init(domain: GapTreeDomain<Fields>)
    /// The highest placement for `request`: the node above the chosen gap and the start pfn.
    func search<O: AllocatorObserver>(_ request: GapRequest, visits: inout Int, observer: inout O) -> (node: NodeID, start: UInt64)?
}

extension GapTreePolicy {
    public init(config: DomainConfig) { self.init(domain: GapTreeDomain(config: config)) }

    public var config: DomainConfig { domain.config }
    public var max32AllocSize: UInt64 { domain.max32AllocSize }
    public var cachedRanges: (cached: PFNRange, cached32: PFNRange)? { nil }
    public var liveCount: Int { domain.tree.count - 1 }
    public var memory: MemoryFootprint {
        .rbTree(structBytes: MemoryFootprint.rbIOVABytes + 8 * Fields.extraWords, liveCount: liveCount)
    }

    public func find(pfn: UInt64) -> PFNRange? {
        let n = domain.tree.find(containing: pfn)
        return n.exists ? domain.tree.range(n) : nil
    }

    public var rbTree: (any RBTreeSource)? { Fields.view(domain.tree) }
    public var markedNodes: (anchor: NodeID, cached: NodeID, cached32: NodeID) { (domain.anchor, .none, .none) }

    public func appendTree(to out: inout [UInt8]) -> Bool {
        domain.tree.appendPreorder(to: &out)
        return true
    }

    public func forEachRange(_ body: (PFNRange) -> Void) {
        domain.tree.forEachInOrder { n in
            if n != domain.anchor { body(domain.tree.range(n)) }
        }
    }

    public func forEachRange(in window: PFNRange, _ body: (PFNRange) -> Void) {
        domain.tree.forEachNode(intersecting: window) { n in
            if n != domain.anchor { body(domain.tree.range(n)) }
        }
    }

    public func validate() -> [InvariantViolation] { domain.validate() }

    /// `alloc_iova` of the augmented series: the 32-bit short-circuit, the search, and on
    /// failure `max32_alloc_size` set only for requests with limit ≤ 4 GiB.
    public mutating func alloc<O: AllocatorObserver>(size: UInt64, limit limitPFN: UInt64, aligned: Bool, observer: inout O) -> AllocOutcome {
        precondition(size >= 1, "alloc of size 0")
        let request = gapRequest(size: size, limit: limitPFN, aligned: aligned)
        observer.record(.searchStarted(size: size, limit: limitPFN, aligned: aligned, start: domain.tree.root, slot: nil))
        if request.is32 && size >= domain.max32AllocSize {
            observer.record(.failed(.max32ShortCircuit(max32: domain.max32AllocSize)))
            return AllocOutcome(range: nil, visits: 0)
        }
        var visits = 0
        guard let hit = search(request, visits: &visits, observer: &observer) else {
            if request.is32 { domain.setMax32(size, observer: &observer) }
            observer.record(.failed(.noFit))
            return AllocOutcome(range: nil, visits: visits)
        }
        let range = PFNRange(lo: hit.start, hi: hit.start + size - 1)
        observer.record(.found(lo: range.lo, hi: range.hi, hint: hit.node))
        // The new range sits just below the node whose gap held it: descend from there.
        let node = domain.insertRange(lo: range.lo, hi: range.hi, hint: hit.node, observer: &observer)
        precondition(node.exists, "allocated range \(range) collides with an existing key")
        return AllocOutcome(range: range, visits: visits)
    }

    /// The request as the searches see it: the inclusive limit becomes the exclusive bound.
    @inline(__always) private func gapRequest(size: UInt64, limit limitPFN: UInt64, aligned: Bool) -> GapRequest {
        GapRequest(size: size, limit: limitPFN &+ 1, aligned: aligned,
                   start: domain.config.startPFN, dma32PFN: domain.config.dma32PFN)
    }

    /// `alloc` with the answer known: a failure changes only `max32_alloc_size` (a 32-bit
    /// request that got past the short-circuit lowers it to its size); a success links the range
    /// descending from the root, which finds the same leaf slot as from the search's node (a
    /// key's place among the others is unique), so the tree, its fields and its colours match.
    public mutating func replayKnownAlloc(size: UInt64, limit limitPFN: UInt64, aligned: Bool, lo: UInt64?) -> Bool {
        precondition(size >= 1, "alloc of size 0")
        var quiet = NullObserver()
        guard let lo else {
            let is32 = gapRequest(size: size, limit: limitPFN, aligned: aligned).is32
            if is32 && size < domain.max32AllocSize { domain.setMax32(size, observer: &quiet) }
            return true
        }
        let node = domain.insertRange(lo: lo, hi: lo + size - 1, hint: .none, observer: &quiet)
        precondition(node.exists, "replayed range at \(lo) collides with an existing key")
        return true
    }

    public mutating func free<O: AllocatorObserver>(pfn: UInt64, observer: inout O) -> Bool {
        domain.free(pfn: pfn, observer: &observer)
    }

    public mutating func reserve<O: AllocatorObserver>(lo: UInt64, hi: UInt64, observer: inout O) -> PFNRange? {
        domain.reserve(lo: lo, hi: hi, observer: &observer)
    }

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
