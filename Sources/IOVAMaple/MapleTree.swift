import IOVACore

/// A maple-style B-tree of ranges over the index space `[0, 2^64−1]` (docs/algorithms/maple.md):
/// 16-slot leaves, 10-slot internal nodes with a per-child max-gap array, pivots as inclusive
/// upper bounds and each node's `[min, max]` implied by its parent.
///
/// Leaves partition the whole space into slots, each an entry (a non-zero value) or NULL (free).
/// Free ranges are coalesced across the whole tree: no two neighbouring slots are both NULL,
/// and only the rightmost leaf may end in NULL (splits and merges never leave a node ending
/// on a NULL slot), so every maximal free run is exactly one NULL slot.
///
/// Nodes live in one flat arena of 64-bit words addressed by `NodeID`, 24 words (three cache
/// lines) per node, laid out as `MapleLayout` says: a node's pivots, gaps and slots sit side
/// by side, so a search entering a node waits on memory once or twice rather than once per
/// array (docs/performance.md § maple's allocation). Counts, kinds and parent links are in a
/// small arena of their own. Freed nodes are recycled. The arenas are `NodeArena`s, not
/// arrays: the stepper's checkpoints copy whole trees, and an arena's copy lands in memory
/// recycled from earlier copies (ArenaMemory) where an array's is fresh pages the kernel must
/// zero first. Copies share the arenas until one of them writes: every mutating entry point
/// calls `makeUnique()` once, as the rb-tree does (debug builds assert it at each write).
public struct MapleTree {
    struct NodeInfo {
        var parent: NodeID = .none
        var parentSlot: UInt8 = 0
        var count: UInt8 = 0
        var isLeaf = true
        var isLive = false
    }

    /// One slot as the restructuring code handles it: its inclusive upper bound, its value
    /// (leaf entry, or the child's raw id) and, for internal nodes, the child's max gap.
    struct Item {
        var hi: UInt64
        var value: UInt32
        var gap: UInt64 = 0
    }

    var info = NodeArena<NodeInfo>()
    /// Every node's pivots, gaps and slots (`MapleLayout.nodeWords` per node).
    var words = NodeArena<UInt64>()
    var freeNodes: [NodeID] = []

    public private(set) var root: NodeID = .none
    /// Levels: 1 while the root is a leaf.
    public internal(set) var height = 1
    public internal(set) var nodeCount = 0
    /// Non-NULL entries.
    public internal(set) var entryCount = 0

    /// An empty tree: one leaf with one NULL slot over the whole space.
    public init() {
        root = makeNode(leaf: true)
        write(root, [Item(hi: .max, value: 0)])
    }

    // MARK: Arena

    /// Gives this tree arenas of its own before it writes, copying those it shares with a copy
    /// of it (a checkpoint). Once per mutating operation: `insert` and `erase` call it.
    public mutating func makeUnique() {
        info.makeUnique()
        words.makeUnique()
    }

    /// A node of the given kind; its words are undefined until `write` (every caller writes it).
    mutating func makeNode(leaf: Bool) -> NodeID {
        let n: NodeID
        if let recycled = freeNodes.popLast() {
            n = recycled
        } else {
            n = NodeID(raw: UInt32(info.count))
            info.append(NodeInfo())
            words.append(0, times: MapleLayout.nodeWords)
        }
        info[n.index] = NodeInfo(isLeaf: leaf, isLive: true)
        nodeCount += 1
        return n
    }

    mutating func freeNode(_ n: NodeID) {
        info[n.index].isLive = false
        freeNodes.append(n)
        nodeCount -= 1
    }

    /// Where the node's words start: its pivots, `words[base + i]`.
    @inline(__always) func base(_ n: NodeID) -> Int { n.index &* MapleLayout.nodeWords }
    /// Where an internal node's gaps start: `words[gapBase + i]`.
    @inline(__always) func gapBase(_ n: NodeID) -> Int { base(n) &+ MapleLayout.gapWord }
    /// Where the node's 32-bit slots start, counted in halves of the arena's words
    /// (`half(slotHalf + i)`).
    @inline(__always) func slotHalf(_ n: NodeID, leaf: Bool) -> Int {
        (base(n) &+ (leaf ? MapleLayout.leafSlotWord : MapleLayout.internalSlotWord)) &* 2
    }
    @inline(__always) func slotHalf(_ n: NodeID) -> Int { slotHalf(n, leaf: isLeaf(n)) }

    /// The 32-bit half `h` of the arena (the low half of word `h / 2` when `h` is even).
    @inline(__always) func half(_ h: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: words[h &>> 1] &>> UInt64((h & 1) &* 32))
    }

    /// `half(_:)` read unchecked: for loops over a node reached through the tree's own links
    /// (debug builds check).
    @inline(__always) func half(trusted h: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: words[trusted: h &>> 1] &>> UInt64((h & 1) &* 32))
    }

    @inline(__always) mutating func setHalf(_ h: Int, _ v: UInt32) {
        let shift = UInt64((h & 1) &* 32)
        words[h &>> 1] = words[h &>> 1] & ~(0xffff_ffff &<< shift) | UInt64(v) &<< shift
    }

    // MARK: Reading

    public func isLeaf(_ n: NodeID) -> Bool { info[n.index].isLeaf }
    public func slotCount(_ n: NodeID) -> Int { Int(info[n.index].count) }
    public func isLive(_ n: NodeID) -> Bool { n.exists && n.index < info.count && info[n.index].isLive }
    func capacity(_ n: NodeID) -> Int { MapleLayout.capacity(leaf: isLeaf(n)) }

    public func parent(_ n: NodeID) -> (node: NodeID, slot: Int) {
        (info[n.index].parent, Int(info[n.index].parentSlot))
    }

    /// Pivot `i` (`i < slotCount − 1`): the inclusive upper bound of slot `i`.
    public func pivot(_ n: NodeID, _ i: Int) -> UInt64 { words[base(n) + i] }
    public func child(_ n: NodeID, _ i: Int) -> NodeID { NodeID(raw: half(slotHalf(n) + i)) }
    public func value(_ n: NodeID, _ i: Int) -> UInt32 { half(slotHalf(n) + i) }
    /// The recorded max gap of child `i` (internal nodes).
    public func childGap(_ n: NodeID, _ i: Int) -> UInt64 {
        precondition(!isLeaf(n) && i < slotCount(n), "gap \(i) of \(n)")
        return words[gapBase(n) + i]
    }

    /// The node's implied `[min, max]`: found where its path first leaves a first (for min) or
    /// last (for max) slot on the way up; the root spans the whole space.
    public func bounds(_ n: NodeID) -> PFNRange {
        var lo: UInt64?
        var hi: UInt64?
        var c = n
        while lo == nil || hi == nil {
            let p = info[c.index].parent
            guard p.exists else { break }
            let s = Int(info[c.index].parentSlot)
            if lo == nil && s > 0 { lo = words[base(p) + s - 1] &+ 1 }
            if hi == nil && s < slotCount(p) - 1 { hi = words[base(p) + s] }
            c = p
        }
        return PFNRange(lo: lo ?? 0, hi: hi ?? .max)
    }

    /// The inclusive range slot `i` covers, given the node's bounds.
    @inline(__always) func slotRange(_ n: NodeID, _ i: Int, in b: PFNRange) -> PFNRange {
        let lo = i == 0 ? b.lo : words[base(n) + i - 1] &+ 1
        let hi = i == slotCount(n) - 1 ? b.hi : words[base(n) + i]
        return PFNRange(lo: lo, hi: hi)
    }

    /// The node's slots as items, the last one's bound being the node's implied max. The list
    /// has room for two nodes' worth: restructuring adds a sibling's slots to it and then
    /// reuses it for the parent's (MapleTree+Restructure.swift).
    func items(_ n: NodeID, max: UInt64) -> [Item] {
        var out: [Item] = []
        out.reserveCapacity(2 * MapleLayout.leafSlots)
        appendItems(of: n, max: max, to: &out)
        return out
    }

    /// Appends the node's slots to `list` as items, the last one's bound being `max`.
    func appendItems(of n: NodeID, max: UInt64, to list: inout [Item]) {
        let count = slotCount(n)
        for i in 0..<count { list.append(item(n, i, of: count, max: max)) }
    }

    /// Puts the node's slots in front of `list` as items, the last one's bound being `max`.
    func prependItems(of n: NodeID, max: UInt64, to list: inout [Item]) {
        let count = slotCount(n)
        list.insert(contentsOf: repeatElement(Item(hi: 0, value: 0), count: count), at: 0)
        for i in 0..<count { list[i] = item(n, i, of: count, max: max) }
    }

    /// Slot `i` of the node's `count` as an item, the last one's bound being `max`.
    @inline(__always) private func item(_ n: NodeID, _ i: Int, of count: Int, max: UInt64) -> Item {
        let leaf = isLeaf(n)
        return Item(hi: i == count - 1 ? max : words[base(n) + i], value: half(slotHalf(n, leaf: leaf) + i),
                    gap: leaf ? 0 : words[gapBase(n) + i])
    }

    // MARK: Writing

    /// Makes `items` the node's slots. The last item's bound is not stored: it is the max the
    /// parent implies. Internal nodes adopt their children.
    mutating func write(_ n: NodeID, _ items: [Item]) {
        write(n, items, items.indices)
    }

    /// Makes `items[range]` the node's slots (as `write(_:_:)`).
    mutating func write(_ n: NodeID, _ items: [Item], _ range: Range<Int>) {
        let count = range.count
        precondition(count > 0 && count <= capacity(n), "node \(n): \(count) slots")
        let b = base(n), leaf = isLeaf(n), h = slotHalf(n, leaf: leaf), g = gapBase(n)
        info[n.index].count = UInt8(count)
        for w in 0..<MapleLayout.nodeWords { words[b + w] = 0 }
        for i in 0..<count {
            let item = items[range.lowerBound + i]
            if i < count - 1 { words[b + i] = item.hi }
            setHalf(h + i, item.value)
            if !leaf {
                words[g + i] = item.gap
                let c = Int(item.value)
                info[c].parent = n
                info[c].parentSlot = UInt8(i)
            }
        }
    }

    mutating func setRoot(_ n: NodeID) {
        root = n
        info[n.index].parent = .none
        info[n.index].parentSlot = 0
    }
}
