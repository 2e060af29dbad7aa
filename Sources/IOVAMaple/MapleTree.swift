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
/// Nodes live in flat arenas addressed by `NodeID`, 16 pivot and slot words per node; freed
/// nodes are recycled. Only internal nodes have gaps: each owns a block of 10 gap words in an
/// arena of its own (a tenth of the nodes at a million entries; a gap word per leaf slot
/// would make every node a third larger, and every checkpoint's copy with it). The arenas are `NodeArena`s, not arrays: the stepper's checkpoints copy
/// whole trees, and an arena's copy lands in memory recycled from earlier copies (ArenaMemory)
/// where an array's is fresh pages the kernel must zero first. Copies share the arenas until
/// one of them writes: every mutating entry point calls `makeUnique()` once, as the rb-tree does
/// (debug builds assert it at each write).
public struct MapleTree {
    struct NodeInfo {
        var parent: NodeID = .none
        var parentSlot: UInt8 = 0
        var count: UInt8 = 0
        var isLeaf = true
        var isLive = false
        /// An internal node's block in `gaps` (`gapBase`).
        var gapBlock: UInt32 = 0
    }

    /// One slot as the restructuring code handles it: its inclusive upper bound, its value
    /// (leaf entry, or the child's raw id) and, for internal nodes, the child's max gap.
    struct Item {
        var hi: UInt64
        var value: UInt32
        var gap: UInt64 = 0
    }

    var info = NodeArena<NodeInfo>()
    var pivots = NodeArena<UInt64>()
    var slots = NodeArena<UInt32>()
    /// Internal nodes' gap words, `MapleLayout.internalSlots` per block.
    var gaps = NodeArena<UInt64>()
    var freeNodes: [NodeID] = []
    var freeGapBlocks: [UInt32] = []

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
        pivots.makeUnique()
        slots.makeUnique()
        gaps.makeUnique()
    }

    mutating func makeNode(leaf: Bool) -> NodeID {
        let n: NodeID
        if let recycled = freeNodes.popLast() {
            n = recycled
        } else {
            n = NodeID(raw: UInt32(info.count))
            info.append(NodeInfo())
            pivots.append(0, times: MapleLayout.stride)
            slots.append(0, times: MapleLayout.stride)
        }
        info[n.index] = NodeInfo(isLeaf: leaf, isLive: true)
        if !leaf {
            if let recycled = freeGapBlocks.popLast() {
                info[n.index].gapBlock = recycled
            } else {
                info[n.index].gapBlock = UInt32(gaps.count / MapleLayout.internalSlots)
                gaps.append(0, times: MapleLayout.internalSlots)
            }
        }
        nodeCount += 1
        return n
    }

    mutating func freeNode(_ n: NodeID) {
        info[n.index].isLive = false
        if !info[n.index].isLeaf { freeGapBlocks.append(info[n.index].gapBlock) }
        freeNodes.append(n)
        nodeCount -= 1
    }

    @inline(__always) func base(_ n: NodeID) -> Int { n.index &* MapleLayout.stride }
    /// Where an internal node's gap words start in `gaps`.
    @inline(__always) func gapBase(_ n: NodeID) -> Int { Int(info[n.index].gapBlock) &* MapleLayout.internalSlots }

    // MARK: Reading

    public func isLeaf(_ n: NodeID) -> Bool { info[n.index].isLeaf }
    public func slotCount(_ n: NodeID) -> Int { Int(info[n.index].count) }
    public func isLive(_ n: NodeID) -> Bool { n.exists && n.index < info.count && info[n.index].isLive }
    func capacity(_ n: NodeID) -> Int { MapleLayout.capacity(leaf: isLeaf(n)) }

    public func parent(_ n: NodeID) -> (node: NodeID, slot: Int) {
        (info[n.index].parent, Int(info[n.index].parentSlot))
    }

    /// Pivot `i` (`i < slotCount − 1`): the inclusive upper bound of slot `i`.
    public func pivot(_ n: NodeID, _ i: Int) -> UInt64 { pivots[base(n) + i] }
    public func child(_ n: NodeID, _ i: Int) -> NodeID { NodeID(raw: slots[base(n) + i]) }
    public func value(_ n: NodeID, _ i: Int) -> UInt32 { slots[base(n) + i] }
    /// The recorded max gap of child `i` (internal nodes).
    public func childGap(_ n: NodeID, _ i: Int) -> UInt64 {
        precondition(!isLeaf(n) && i < slotCount(n), "gap \(i) of \(n)")
        return gaps[gapBase(n) + i]
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
            if lo == nil && s > 0 { lo = pivots[base(p) + s - 1] &+ 1 }
            if hi == nil && s < slotCount(p) - 1 { hi = pivots[base(p) + s] }
            c = p
        }
        return PFNRange(lo: lo ?? 0, hi: hi ?? .max)
    }

    /// The inclusive range slot `i` covers, given the node's bounds.
    @inline(__always) func slotRange(_ n: NodeID, _ i: Int, in b: PFNRange) -> PFNRange {
        let lo = i == 0 ? b.lo : pivots[base(n) + i - 1] &+ 1
        let hi = i == slotCount(n) - 1 ? b.hi : pivots[base(n) + i]
        return PFNRange(lo: lo, hi: hi)
    }

    /// The node's slots as items, the last one's bound being the node's implied max. The list
    /// has room for two nodes' worth: restructuring adds a sibling's slots to it and then
    /// reuses it for the parent's (MapleTree+Restructure.swift).
    func items(_ n: NodeID, max: UInt64) -> [Item] {
        var out: [Item] = []
        out.reserveCapacity(2 * MapleLayout.stride)
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
        let b = base(n)
        return Item(hi: i == count - 1 ? max : pivots[b + i], value: slots[b + i], gap: isLeaf(n) ? 0 : gaps[gapBase(n) + i])
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
        let b = base(n)
        info[n.index].count = UInt8(count)
        let leaf = isLeaf(n), g = leaf ? 0 : gapBase(n)
        for i in 0..<count {
            let item = items[range.lowerBound + i]
            pivots[b + i] = i < count - 1 ? item.hi : 0
            slots[b + i] = item.value
            if !leaf {
                gaps[g + i] = item.gap
                let c = Int(item.value)
                info[c].parent = n
                info[c].parentSlot = UInt8(i)
            }
        }
        for i in count..<MapleLayout.stride {
            pivots[b + i] = 0
            slots[b + i] = 0
        }
        if !leaf {
            for i in count..<MapleLayout.internalSlots { gaps[g + i] = 0 }
        }
    }

    mutating func setRoot(_ n: NodeID) {
        root = n
        info[n.index].parent = .none
        info[n.index].parentSlot = 0
    }
}
