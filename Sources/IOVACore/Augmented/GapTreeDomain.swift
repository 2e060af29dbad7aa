/// The IOVA domain of the augmented rb-tree policies (docs/algorithms/gap-tree.md): the tree with
/// per-node gap fields, the anchor, and `max32_alloc_size`; no cached nodes.
///
/// Every mutation keeps each node's `gap_to_prev` (and `clamped_gap32`) equal to the gap below
/// it and every subtree maximum equal to its recomputation — the order of updates follows the
/// patch series: link, set the new node's gap, shrink the successor's, propagate, rebalance;
/// on erase, widen the successor's gap and propagate *before* unlinking.
public struct GapTreeDomain<Fields: GapFieldSet> {
    public typealias Tree = RBTree<MaxGapAugment<Fields>>

    public let config: DomainConfig
    public internal(set) var tree = Tree()
    /// The permanent node `[2^64-1, 2^64-1]`; its gap is the free space above the highest range.
    public private(set) var anchor: NodeID = .none
    public internal(set) var max32AllocSize: UInt64

    public init(config: DomainConfig) {
        self.config = config
        max32AllocSize = config.dma32PFN
        var quiet = NullObserver()
        anchor = insertRange(lo: DomainConfig.anchorPFN, hi: DomainConfig.anchorPFN, hint: .none, observer: &quiet)
    }

    /// The gap below `n` as the tree stands: `lo - pred.hi - 1`, or `lo` with no predecessor.
    func gapBelow(_ n: NodeID) -> UInt64 { Self.gapBelow(tree, n) }

    static func gapBelow(_ tree: Tree, _ n: NodeID) -> UInt64 {
        let p = tree.prev(n)
        return p.exists ? tree.lo(n) - tree.hi(p) - 1 : tree.lo(n)
    }

    /// Sets `n`'s own gap values (not its subtree maxima).
    mutating func setGap<O: AllocatorObserver>(_ n: NodeID, _ gap: UInt64, observer: inout O) {
        Self.setGap(&tree, n, gap, dma32PFN: config.dma32PFN, observer: &observer)
    }

    static func setGap<O: AllocatorObserver>(_ tree: inout Tree, _ n: NodeID, _ gap: UInt64, dma32PFN: UInt64, observer: inout O) {
        var f = tree.fields(n)
        let before = f.gap
        f.setGap(gap, lo: tree.lo(n), dma32PFN: dma32PFN)
        tree.setFields(n, f)
        if before != gap { observer.record(.augmentChanged(n, field: .gap, from: before, to: gap)) }
    }

    /// Recomputes `n`'s own gap from its predecessor.
    static func refreshGap<O: AllocatorObserver>(_ tree: inout Tree, _ n: NodeID, dma32PFN: UInt64, observer: inout O) {
        setGap(&tree, n, gapBelow(tree, n), dma32PFN: dma32PFN, observer: &observer)
    }

    /// Links a new range `[lo, hi]`, descending from `hint` (the root when none), keeps every
    /// gap field exact and rebalances. Returns none when a node with key `lo` exists.
    @discardableResult
    mutating func insertRange<O: AllocatorObserver>(lo: UInt64, hi: UInt64, hint: NodeID, observer: inout O) -> NodeID {
        guard let at = tree.insertionPoint(forKey: lo, from: hint) else { return .none }
        let n = tree.makeNode(lo: lo, hi: hi)
        tree.link(n, under: at.parent, asLeft: at.asLeft, observer: &observer)
        setGap(n, gapBelow(n), observer: &observer)
        tree.setFields(n, tree.fields(n).withMaxima(lo: lo, left: nil, right: nil))   // a leaf: its own values
        MaxGapAugment.propagate(&tree, from: at.parent, stop: .none, observer: &observer)
        let successor = tree.next(n)
        if successor.exists {
            setGap(successor, gapBelow(successor), observer: &observer)      // its gap shrank
            MaxGapAugment.propagate(&tree, from: successor, stop: .none, observer: &observer)
        }
        tree.insertFixup(n, observer: &observer)
        return n
    }

    /// Unlinks `n`: the successor's gap grows by `n` and its gap, and is propagated to the
    /// root before the erase, so that rotations during the fix-up copy exact maxima.
    mutating func eraseNode<O: AllocatorObserver>(_ n: NodeID, observer: inout O) {
        let successor = tree.next(n)
        if successor.exists {
            let p = tree.prev(n)
            let widened = p.exists ? tree.lo(successor) - tree.hi(p) - 1 : tree.lo(successor)
            setGap(successor, widened, observer: &observer)
            MaxGapAugment.propagate(&tree, from: successor, stop: .none, observer: &observer)
        }
        tree.erase(n, observer: &observer)
    }

    /// `free_iova`: frees the range containing `pfn` (never the anchor). A range starting below
    /// 4 GiB resets `max32_alloc_size`.
    mutating func free<O: AllocatorObserver>(pfn: UInt64, observer: inout O) -> Bool {
        let f = tree.find(containing: pfn)
        guard f.exists, f != anchor else { return false }
        if tree.lo(f) < config.dma32PFN { setMax32(config.dma32PFN, observer: &observer) }
        eraseNode(f, observer: &observer)
        return true
    }

    /// `reserve_iova` with mainline's stretch-in-place semantics (docs/algorithms/mainline.md § Reserve); a stretched node's gap
    /// shrinks and is propagated, the remainder is inserted from the root.
    mutating func reserve<O: AllocatorObserver>(lo requestLo: UInt64, hi: UInt64, observer: inout O) -> PFNRange? {
        guard (requestLo | hi) <= config.maxPFN else { return nil }
        let dma32PFN = config.dma32PFN
        let lo: UInt64
        let outcome = tree.reserveScan(lo: requestLo, hi: hi, observer: &observer) { tree, n, observer in
            // A stretched node's gap shrinks by what it swallowed.
            Self.refreshGap(&tree, n, dma32PFN: dma32PFN, observer: &observer)
            MaxGapAugment.propagate(&tree, from: n, stop: .none, observer: &observer)
        }
        switch outcome {
        case .existing(let n): return tree.range(n)
        case .remainder(let rest): lo = rest
        }
        let node = insertRange(lo: lo, hi: hi, hint: .none, observer: &observer)
        precondition(node.exists, "reserve remainder [\(lo), \(hi)] collides with an existing key")
        return tree.range(node)
    }

    mutating func setMax32<O: AllocatorObserver>(_ value: UInt64, observer: inout O) {
        guard value != max32AllocSize else { return }
        observer.record(.max32Changed(from: max32AllocSize, to: value))
        max32AllocSize = value
    }

    /// The tree's rules, the anchor's, and every gap field equal to its recomputation.
    public func validate() -> [InvariantViolation] {
        var problems = tree.validateStructure()
        guard tree.isLive(anchor) else { return problems + [.init(anchor, "anchor is not in the tree")] }
        if tree.range(anchor) != PFNRange(lo: DomainConfig.anchorPFN, hi: DomainConfig.anchorPFN) {
            problems.append(.init(anchor, "anchor holds \(tree.range(anchor))"))
        }
        if tree.last != anchor { problems.append(.init(tree.last, "the last node is not the anchor")) }
        tree.forEachInOrder { n in
            var own = Fields.blank
            own.setGap(gapBelow(n), lo: tree.lo(n), dma32PFN: config.dma32PFN)
            let l = tree.left(n), r = tree.right(n)
            let expected = own.withMaxima(lo: tree.lo(n), left: l.exists ? (tree.fields(l), tree.lo(l)) : nil,
                                          right: r.exists ? (tree.fields(r), tree.lo(r)) : nil)
            if tree.fields(n) != expected {
                problems.append(.init(n, "gap fields \(tree.fields(n)), recomputed \(expected)"))
            }
        }
        return problems
    }
}
