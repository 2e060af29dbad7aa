import IOVACore

/// Why an empty-area search returned no window.
public enum EmptyAreaError: Error, Sendable, Equatable {
    /// `-EINVAL`: `min > max`, `size == 0`, or the window is smaller than `size`.
    case invalid
    /// `-EBUSY`: no free run leaves `size` pfns inside the window.
    case busy
}

/// `mas_empty_area_rev` and `mas_empty_area` (docs/algorithms/maple.md § Reverse empty-area search), written from their
/// semantics: the reverse search returns the highest maximal free run `R` with
/// `|R ∩ [min, max]| ≥ size` as `[top − size + 1, top]`, `top = min(R.end, max)`; the forward
/// one the lowest such run as `[bottom, bottom + size − 1]`, `bottom = max(R.start, min)`.
///
/// The walk goes down from the root. An internal slot is entered only if its child's recorded
/// max gap is at least `size` and enough of its range lies in the window; a child that holds no
/// fit after all (its big run lies outside the window) is climbed out of, and the scan goes on
/// in the parent. A slot lying wholly past the window's far edge ends the search.
///
/// `visits` counts node reads: every node entered, plus every return to a parent after a
/// child held no fit.
extension MapleTree {
    public func emptyAreaRev(min: UInt64, max: UInt64, size: UInt64, visits: inout Int) -> Result<PFNRange, EmptyAreaError> {
        var quiet = NullObserver()
        return emptyArea(min: min, max: max, size: size, reverse: true, visits: &visits, observer: &quiet).map(\.range)
    }

    public func emptyAreaFwd(min: UInt64, max: UInt64, size: UInt64, visits: inout Int) -> Result<PFNRange, EmptyAreaError> {
        var quiet = NullObserver()
        return emptyArea(min: min, max: max, size: size, reverse: false, visits: &visits, observer: &quiet).map(\.range)
    }

    /// The search, reporting every node and slot to `observer`; also returns the leaf slot
    /// holding the window, where a store of it can start (`insert(lo:hi:value:into:observer:)`).
    public func emptyArea<O: AllocatorObserver>(min: UInt64, max: UInt64, size: UInt64, reverse: Bool,
                                                visits: inout Int, observer: inout O) -> Result<(range: PFNRange, leaf: LeafSlot), EmptyAreaError> {
        guard min <= max, size > 0, max - min >= size - 1 else { return .failure(.invalid) }
        var search = EmptyAreaSearch(tree: self, min: min, max: max, size: size, reverse: reverse)
        let outcome = search.visit(root, PFNRange(lo: 0, hi: .max), observer: &observer)
        visits += search.visits
        if case let .found(range, leaf) = outcome { return .success((range, leaf)) }
        return .failure(.busy)
    }
}

/// One empty-area search in progress.
struct EmptyAreaSearch {
    enum Outcome {
        case found(PFNRange, MapleTree.LeafSlot)
        /// Nothing in this subtree; keep scanning the parent.
        case none
        /// Nothing here nor anywhere further along the scan.
        case stop
    }

    let tree: MapleTree
    let min: UInt64
    let max: UInt64
    let size: UInt64
    let reverse: Bool
    var visits = 0

    init(tree: MapleTree, min: UInt64, max: UInt64, size: UInt64, reverse: Bool) {
        self.tree = tree
        self.min = min
        self.max = max
        self.size = size
        self.reverse = reverse
    }

    /// The pfns of `r` inside the window (saturating).
    func room(_ r: PFNRange) -> UInt64 {
        let lo = Swift.max(r.lo, min), hi = Swift.min(r.hi, max)
        return hi < lo ? 0 : MapleTree.span(lo, hi)
    }

    /// Whether no fit can lie at or beyond `r` in the scan direction: its far edge is within
    /// `size − 1` pfns of the window's near edge.
    func isPast(_ r: PFNRange) -> Bool {
        reverse ? (r.hi < min || r.hi - min < size - 1) : (r.lo > max || max - r.lo < size - 1)
    }

    mutating func visit<O: AllocatorObserver>(_ n: NodeID, _ b: PFNRange, observer: inout O) -> Outcome {
        visits += 1
        observer.record(.nodeEntered(n, min: b.lo, max: b.hi))
        let count = tree.slotCount(n)
        let leaf = tree.isLeaf(n)
        // Slot words read in place (`slotRange` reloads the count per slot) and unchecked: the
        // node came from the tree's own links and `s < count`, so `base + s` lies in the arena
        // (debug builds check). The search is half of an allocation's time at a million entries.
        let base = tree.base(n), gapBase = tree.gapBase(n), slotHalf = tree.slotHalf(n, leaf: leaf)
        // Start at the slot holding the window's near edge; slots wholly beyond it are never read.
        var s = reverse ? count - 1 : 0
        while reverse ? (s > 0 && tree.words[trusted: base + s - 1] &+ 1 > max) : (s < count - 1 && tree.words[trusted: base + s] < min) {
            s += reverse ? -1 : 1
        }
        let last = reverse ? 0 : count - 1, step = reverse ? -1 : 1
        while true {
            if !O.keepsEvents {
                s = skipHopeless(from: s, to: last, by: step, base: leaf ? slotHalf : gapBase, leaf: leaf)
            }
            let r = PFNRange(lo: s == 0 ? b.lo : tree.words[trusted: base + s - 1] &+ 1,
                             hi: s == count - 1 ? b.hi : tree.words[trusted: base + s])
            let gap = leaf ? (tree.half(trusted: slotHalf + s) == MapleValue.free ? MapleTree.span(r.lo, r.hi) : 0)
                : tree.words[trusted: gapBase + s]
            let verdict: SlotVerdict
            if isPast(r) {
                verdict = .pastWindow
            } else if leaf && gap == 0 {
                verdict = .occupied
            } else if gap < size {
                verdict = .gapTooSmall
            } else if room(r) < size {
                verdict = .outsideWindow
            } else {
                verdict = .taken
            }
            observer.record(.slotExamined(n, slot: s, lo: r.lo, hi: r.hi, gap: gap, verdict: verdict))
            switch verdict {
            case .pastWindow:
                return .stop
            case .taken where leaf:
                let lo = reverse ? Swift.min(r.hi, max) - (size - 1) : Swift.max(r.lo, min)
                return .found(PFNRange(lo: lo, hi: lo + (size - 1)), MapleTree.LeafSlot(node: n, slot: s, bounds: b))
            case .taken:
                let c = NodeID(raw: tree.half(trusted: slotHalf + s))
                switch visit(c, r, observer: &observer) {
                case .none:
                    visits += 1
                    observer.record(.ascended(from: c, to: n, slot: s))
                case let outcome:
                    return outcome
                }
            default:
                break
            }
            if s == last { return .none }
            s += step
        }
    }

    /// The first slot from `s` towards `last` (which is never passed) that could hold the fit:
    /// a free leaf slot, or an internal slot whose child's max gap is at least `size`. The
    /// slots passed over are those the examination would find occupied or too small and go
    /// on from — unless one of them lies past the window's far edge, where the examination
    /// stops the search. Passing them over keeps that outcome: being past the edge only
    /// grows in the scan direction, so the slot returned is past the edge too and stops the
    /// search in its turn. Answer and visits come out the same; only the per-slot events,
    /// which no one keeps here, are left out. Reads one word per slot: an allocation among a
    /// million 64-bit ranges passes over about 70 slots, most of them internal ones
    /// (docs/performance.md § maple's allocation). `base`: where a leaf's slots start, in
    /// halves of words; where an internal node's gaps start.
    private func skipHopeless(from s: Int, to last: Int, by step: Int, base: Int, leaf: Bool) -> Int {
        var s = s
        if leaf {
            while s != last && tree.half(trusted: base + s) != MapleValue.free { s += step }
        } else {
            while s != last && tree.words[trusted: base + s] < size { s += step }
        }
        return s
    }
}
