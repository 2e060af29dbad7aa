import IOVACore

/// A gap the search is looking at: its range clamped to the limit (empty when `hi < lo`), the
/// aligned candidate start and the verdict.
public struct ExaminedGap: Hashable, Sendable {
    /// The node just above the gap.
    public var node: NodeID
    public var lo: UInt64
    public var hi: UInt64
    public var candidate: UInt64
    public var fits: Bool
}

/// What the search has done so far in an operation, derived purely from the prefix of its
/// events — so stepping back is recomputing, never undoing.
public struct Highlights: Sendable {
    /// The node the search is at.
    public var current = NodeID.none
    /// Nodes the search read, the current one included.
    public var visited = NodeSet()
    /// Subtrees skipped whole, with the reason.
    public var pruned: [NodeID: PruneReason] = [:]
    public var examinedGap: ExaminedGap?
    public var found: PFNRange?
    public var failure: AllocFailure?
    /// Nodes a tree event changed (linked, rotated, recoloured, max gap updated, stretched).
    public var touched = NodeSet()
    /// The request, when the operation is an allocation.
    public var size: UInt64?
    public var limit: UInt64?
    public var aligned = false
    /// The room a maple search asks for: `size`, plus `alignment − 1` for aligned requests
    /// (docs/algorithms/maple.md § The maple policy, "search size"), so that an aligned block fits at any offset.
    public var searchSize: UInt64? {
        guard let size else { return nil }
        guard aligned else { return size }
        let shift = Bits.fls(size - 1)
        guard shift < 64 else { return nil }
        let (ss, overflow) = size.addingReportingOverflow((UInt64(1) << UInt64(shift)) - 1)
        return overflow ? nil : ss
    }
    /// Whether the tree has changed shape or contents yet (then the frame shows the state after).
    public var treeChanged = false
    /// Whether a node was erased yet.
    public var erased = false
    /// The maple tree's search and structure (empty for the rb-tree policies).
    public var maple = MapleHighlights()
    /// The magazine the current step pops from or pushes to (the magazine pane marks it).
    public var magazine: MagazineFocus?
    /// Whether a magazine or the depot has changed yet (then the pane shows the caches after).
    public var rcacheChanged = false
    /// Cached pfns passed over by the current pop, newest first.
    public var skippedPFNs: [UInt64] = []

    public init() {}

    /// The highlights after `events`, reading ranges from `tree` (the state before the operation).
    public init(_ events: ArraySlice<AllocatorEvent>, tree: (any RBTreeSource)?) {
        for event in events { apply(event, tree: tree) }
    }

    mutating func apply(_ event: AllocatorEvent, tree: (any RBTreeSource)?) {
        switch event {
        case let .searchStarted(size, limit, aligned, _, _):
            self.size = size
            self.limit = limit
            self.aligned = aligned
        case .visit(let n):
            current = n
            visited.insert(n)
        case let .pruned(n, reason, _):
            pruned[n] = reason
        case let .gapExamined(upper, lower, high, candidate, fits):
            var lo: UInt64 = 0
            if lower.exists, let tree, tree.isLive(lower) { lo = tree.range(lower).hi &+ 1 }
            examinedGap = ExaminedGap(node: upper, lo: lo, hi: high &- 1, candidate: candidate, fits: fits)
        case let .gapChecked(n, lo, hi, candidate, fits):
            examinedGap = ExaminedGap(node: n, lo: lo, hi: hi, candidate: candidate, fits: fits)
        case let .found(lo, hi, _):
            found = PFNRange(lo: lo, hi: hi)
        case .failed(let reason):
            failure = reason
        case .descend(let n, _, _):
            current = n
        case .backtrack(let n, _):
            current = n
        case .retry:
            examinedGap = nil
        case let .linked(n, _):
            touched.insert(n)
            current = n
            treeChanged = true
        case let .rotated(old, new):
            touched.formUnion([old, new])
            treeChanged = true
        case .recolored(let n, _):
            touched.insert(n)
            treeChanged = true
        case let .erased(n, replacement):
            touched.insert(n)
            if replacement.exists { touched.insert(replacement) }
            treeChanged = true
            erased = true
        case .augmentChanged(let n, _, _, _):
            touched.insert(n)
            treeChanged = true
        case .stretched(let n, _, _):
            touched.insert(n)
            current = n
            treeChanged = true
        case .cacheMoved, .max32Changed:
            break
        case .nodeEntered, .slotExamined, .ascended:
            maple.apply(event)
        case .stored, .split, .merged, .rebalanced, .rootChanged, .pivotMoved, .gapChanged:
            maple.apply(event)
            treeChanged = true
        case let .fastAllocStarted(_, rounded, limit, cpu, k):
            size = rounded
            self.limit = limit
            aligned = true
            if let k { magazine = MagazineFocus(cpu: cpu, sizeClass: k, action: .looking) }
        case let .magazinesSwapped(cpu, k):
            magazine = MagazineFocus(cpu: cpu, sizeClass: k, action: .swapped)
            rcacheChanged = true
        case let .depotPopped(cpu, k, _):
            magazine = MagazineFocus(cpu: cpu, sizeClass: k, action: .fromDepot)
            rcacheChanged = true
        case let .magazineSkipped(pfn, _):
            skippedPFNs.append(pfn)
        case let .magazineMiss(cpu, k, _, _):
            magazine = MagazineFocus(cpu: cpu, sizeClass: k, action: .missed)
        case let .magazinePopped(pfn, cpu, k, _):
            magazine = MagazineFocus(cpu: cpu, sizeClass: k, action: .popped(pfn))
            found = nil
            rcacheChanged = true
        case let .magazinePushed(pfn, cpu, k, _):
            magazine = MagazineFocus(cpu: cpu, sizeClass: k, action: .pushed(pfn))
            rcacheChanged = true
        case let .depotPushed(cpu, k, _):
            magazine = MagazineFocus(cpu: cpu, sizeClass: k, action: .toDepot)
            rcacheChanged = true
        case .rcacheFlushStarted, .cachedReleased, .depotTrimmed:
            magazine = nil
            rcacheChanged = true
        case .deviceAttempt(let limit, _):
            self.limit = limit
        case .workaroundOff:
            break
        }
    }
}

/// The magazine a step works on, and what it does there.
public struct MagazineFocus: Equatable, Sendable {
    public enum Action: Equatable, Sendable {
        case looking, swapped, fromDepot, missed, toDepot
        case popped(UInt64)
        case pushed(UInt64)
    }
    public var cpu: Int
    public var sizeClass: Int
    public var action: Action
}
