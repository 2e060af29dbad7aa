import IOVACore

/// One slot of one maple node: the key of per-slot verdicts.
public struct MapleSlot: Hashable, Sendable {
    public var node: NodeID
    public var slot: Int

    public init(_ node: NodeID, _ slot: Int) {
        self.node = node
        self.slot = slot
    }
}

/// The slot a maple search step looked at, with the figures it read.
public struct ExaminedSlot: Hashable, Sendable {
    public var at: MapleSlot
    public var lo: UInt64
    public var hi: UInt64
    /// The slot's free run (leaf) or its child's recorded max gap (internal).
    public var gap: UInt64
    public var verdict: SlotVerdict

    public init(at: MapleSlot, lo: UInt64, hi: UInt64, gap: UInt64, verdict: SlotVerdict) {
        self.at = at
        self.lo = lo
        self.hi = hi
        self.gap = gap
        self.verdict = verdict
    }
}

/// What a maple (B-tree) search and store have done so far in an operation, derived from the
/// prefix of its events like `Highlights`. Node ids name B-tree nodes: the search's ids are
/// those of the tree before the operation, the structural events' those of the tree after.
public struct MapleHighlights: Sendable {
    /// The node the search is reading.
    public var current = NodeID.none
    /// The nodes from the root to `current`: the descent path as it stands (ascents pop it).
    public var path: [NodeID] = []
    /// Every node the search entered, in order (a node left by an ascent stays here).
    public var entered: [NodeID] = []
    /// Nodes the search climbed out of because they held no fit.
    public var exhausted: Set<NodeID> = []
    /// What the search decided about each slot it examined.
    public var verdicts: [MapleSlot: SlotVerdict] = [:]
    /// The latest slot examined; nil once the search moved into a child or climbed back.
    public var examined: ExaminedSlot?
    /// The ascents so far: the child that held no fit and the parent slot the scan resumed at.
    public var ascents: [(from: NodeID, to: MapleSlot)] = []
    /// Nodes a structural event changed (stored into, split, merged, rebalanced, new root,
    /// pivot or gap entry rewritten).
    public var touched: Set<NodeID> = []
    /// Nodes freed by a merge or a root shrink (their ids may be recycled later).
    public var freed: Set<NodeID> = []
    /// Gap array entries rewritten, with the value before the operation and the latest one.
    public var gapChanges: [MapleSlot: (from: UInt64, to: UInt64)] = [:]
    /// The latest range stored, and whether it was an entry (false: erased to NULL).
    public var stored: (lo: UInt64, hi: UInt64, occupied: Bool)?

    public init() {}

    /// Whether any maple event has been seen.
    public var isEmpty: Bool { entered.isEmpty && touched.isEmpty }

    mutating func apply(_ event: AllocatorEvent) {
        switch event {
        case let .nodeEntered(n, _, _):
            current = n
            path.append(n)
            entered.append(n)
            examined = nil
        case let .slotExamined(n, slot, lo, hi, gap, verdict):
            let at = MapleSlot(n, slot)
            verdicts[at] = verdict
            examined = ExaminedSlot(at: at, lo: lo, hi: hi, gap: gap, verdict: verdict)
            current = n
        case let .ascended(from, to, slot):
            exhausted.insert(from)
            ascents.append((from, MapleSlot(to, slot)))
            if let i = path.lastIndex(of: to) { path.removeSubrange((i + 1)...) }
            current = to
            examined = nil
        case let .stored(n, lo, hi, occupied):
            touched.insert(n)
            stored = (lo, hi, occupied)
        case let .split(n, into):
            touched.formUnion([n, into])
            freed.remove(into)      // a recycled id
        case let .merged(left, right):
            touched.insert(left)
            freed.insert(right)
        case let .rebalanced(left, right):
            touched.formUnion([left, right])
        case let .rootChanged(_, to, _):
            touched.insert(to)
            freed.remove(to)
        case let .pivotMoved(n, _, _, _):
            touched.insert(n)
        case let .gapChanged(n, slot, from, to):
            touched.insert(n)
            let key = MapleSlot(n, slot)
            gapChanges[key] = (gapChanges[key]?.from ?? from, to)
        default:
            break
        }
    }
}
