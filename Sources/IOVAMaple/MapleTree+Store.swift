import IOVACore

/// Writing ranges: inserting an entry into free space, erasing an entry (its space coalesces
/// with free neighbours), and the general overwriting store built from the two.
extension MapleTree {
    /// Stores `[lo, hi] = value` (non-NULL) inside space that is free: the NULL slot holding it
    /// becomes up to three slots (free below, the entry, free above).
    public mutating func insert<O: AllocatorObserver>(lo: UInt64, hi: UInt64, value: UInt32, observer: inout O) {
        let (n, s, b) = locate(lo)
        insert(lo: lo, hi: hi, value: value, into: LeafSlot(node: n, slot: s, bounds: b), observer: &observer)
    }

    /// `insert` into the slot a search has just found (the tree unchanged since), without
    /// walking down to it again.
    public mutating func insert<O: AllocatorObserver>(lo: UInt64, hi: UInt64, value: UInt32, into at: LeafSlot, observer: inout O) {
        precondition(lo <= hi && value != MapleValue.free, "insert of [\(lo), \(hi)] = \(value)")
        makeUnique()
        let (n, s, b) = (at.node, at.slot, at.bounds)
        precondition(isLive(n) && isLeaf(n) && s < slotCount(n), "insert into \(n) slot \(s): not a leaf slot")
        let slot = slotRange(n, s, in: b)
        precondition(lo >= slot.lo, "insert of [\(lo), \(hi)] below its slot \(slot)")
        precondition(self.value(n, s) == MapleValue.free && hi <= slot.hi, "insert of [\(lo), \(hi)] over an entry")
        let below = lo > slot.lo, above = hi < slot.hi
        entryCount += 1
        observer.record(.stored(n, lo: lo, hi: hi, occupied: true))
        let added = (below ? 1 : 0) + (above ? 1 : 0)
        if slotCount(n) + added <= MapleLayout.leafSlots {
            // The common case: room in the leaf. Shift in place, no restructuring.
            insertInPlace(n, at: s, lo: lo, hi: hi, value: value, below: below, above: above ? slot.hi : nil)
            propagateGap(from: n, bounds: b, observer: &observer)
            return
        }
        // The leaf overflows: slot s becomes [free below] entry [free above] in a list of its
        // items, and the list is settled (split or shared with a sibling).
        var items = self.items(n, max: b.hi)
        items[s] = Item(hi: hi, value: value)
        if above { items.insert(Item(hi: slot.hi, value: MapleValue.free), at: s + 1) }
        if below { items.insert(Item(hi: lo - 1, value: MapleValue.free), at: s) }
        settle(n, &items, min: b.lo, observer: &observer)
    }

    /// Replaces NULL slot `s` of leaf `n` by [free below] entry [free above], moving the slots
    /// after it right. Pivots of the last slot stay unset (its bound is the node's max).
    private mutating func insertInPlace(_ n: NodeID, at s: Int, lo: UInt64, hi: UInt64, value: UInt32,
                                        below: Bool, above: UInt64?) {
        let b = base(n), h = slotHalf(n, leaf: true), count = slotCount(n)
        let k = 1 + (below ? 1 : 0) + (above == nil ? 0 : 1)
        let newCount = count - 1 + k
        var j = count - 1
        while j > s {
            setHalf(h + j + k - 1, half(h + j))
            words[b + j + k - 1] = words[b + j]    // the last slot's pivot word is unused (0)
            j -= 1
        }
        var at = s
        if below {
            setHalf(h + at, MapleValue.free)
            words[b + at] = lo - 1
            at += 1
        }
        setHalf(h + at, value)
        words[b + at] = hi
        if let above {
            at += 1
            setHalf(h + at, MapleValue.free)
            words[b + at] = above
        }
        words[b + newCount - 1] = 0     // the new last slot's bound is the node's max
        info[n.index].count = UInt8(newCount)
    }

    /// Erases the entry holding `index` (stores NULL over its whole range); nil when there is none.
    @discardableResult
    public mutating func erase<O: AllocatorObserver>(containing index: UInt64, observer: inout O) -> (range: PFNRange, value: UInt32)? {
        let (n, s, b) = locate(index)
        let old = value(n, s)
        guard old != MapleValue.free else { return nil }
        makeUnique()
        let range = slotRange(n, s, in: b)
        var items = self.items(n, max: b.hi)
        items[s].value = MapleValue.free
        Self.coalesce(&items, around: s)
        entryCount -= 1
        observer.record(.stored(n, lo: range.lo, hi: range.hi, occupied: false))
        if items[items.count - 1].value == MapleValue.free && b.hi != .max {
            moveTrailingFree(n, items, bounds: b, observer: &observer)
        } else {
            settle(n, &items, min: b.lo, observer: &observer)
        }
        return (range, old)
    }

    /// Stores `[lo, hi] = value` over whatever is there (NULL erases). Entries cut by the
    /// edges keep their outer parts. Done as erase-then-insert: once every entry touching
    /// the range is erased the range lies in one free slot.
    public mutating func store<O: AllocatorObserver>(lo: UInt64, hi: UInt64, value: UInt32, observer: inout O) {
        precondition(lo <= hi, "store of [\(lo), \(hi)]")
        let hit = entries(intersecting: lo, hi)
        for e in hit { erase(containing: e.range.lo, observer: &observer) }
        if let first = hit.first, first.range.lo < lo {
            insert(lo: first.range.lo, hi: lo - 1, value: first.value, observer: &observer)
        }
        if let last = hit.last, last.range.hi > hi {
            insert(lo: hi + 1, hi: last.range.hi, value: last.value, observer: &observer)
        }
        if value != MapleValue.free { insert(lo: lo, hi: hi, value: value, observer: &observer) }
    }

    /// Merges the NULL slot at `s` with NULL neighbours (the wider slot keeps its upper bound).
    static func coalesce(_ items: inout [Item], around s: Int) {
        var s = s
        if s + 1 < items.count && items[s + 1].value == MapleValue.free {
            items.remove(at: s)                       // the upper neighbour's bound covers both
        }
        if s > 0 && items[s - 1].value == MapleValue.free {
            items.remove(at: s - 1)
            s -= 1
        }
    }

    /// A leaf other than the rightmost may not end on NULL: its trailing free slot moves to
    /// the next leaf by lowering the pivot between them, joining that leaf's first slot when
    /// it is free or becoming a new first slot.
    private mutating func moveTrailingFree<O: AllocatorObserver>(_ n: NodeID, _ items: [Item], bounds b: PFNRange, observer: inout O) {
        var items = items
        items.removeLast()
        let newMax = items[items.count - 1].hi
        lowerBoundary(above: n, to: newMax, observer: &observer)
        write(n, items)
        let (next, _, nb) = locate(newMax + 1)
        var nextItems = self.items(next, max: nb.hi)
        if nextItems[0].value != MapleValue.free {
            nextItems.insert(Item(hi: b.hi, value: MapleValue.free), at: 0)
        }
        settle(next, &nextItems, min: nb.lo, observer: &observer)
        let nb2 = bounds(n)
        var ownItems = self.items(n, max: nb2.hi)
        settle(n, &ownItems, min: nb2.lo, observer: &observer)
    }

    /// Sets the pivot that bounds `n` from above (held by the first ancestor where `n`'s path
    /// is not in the last slot) to `newMax`.
    private mutating func lowerBoundary<O: AllocatorObserver>(above n: NodeID, to newMax: UInt64, observer: inout O) {
        var c = n
        while true {
            let (p, s) = parent(c)
            precondition(p.exists, "the rightmost node has no upper boundary")
            if s < slotCount(p) - 1 {
                let old = words[base(p) + s]
                words[base(p) + s] = newMax
                observer.record(.pivotMoved(p, slot: s, from: old, to: newMax))
                return
            }
            c = p
        }
    }
}
