import IOVACore

/// Keeping the B-tree in shape after a node's slots change: splits on overflow (growing a new
/// root when the root splits), merges or redistribution with a sibling on underflow, and
/// root shrinking when an internal root is left with one child.
///
/// One list of items travels up the tree: each level writes its nodes from it, then refills
/// it with the parent's slots. Under the allocator's top-down packing a leaf on the
/// allocation path overflows about every other allocation, and a heap array per step (the
/// node's slots, the sibling's, the two parts, the parent's) cost a quarter of an allocation
/// at a million entries (docs/performance.md § maple's allocation); now an insert or erase
/// that restructures allocates one list, with room for two nodes' worth (`items(_:max:)`).
extension MapleTree {
    /// Makes `items` the content of `n` (whose range starts at `min`) and restores every node
    /// rule on the way up: capacity, minimum occupancy, the parent's pivots and gap array.
    /// `items` is used up: it is the scratch list of the levels above.
    mutating func settle<O: AllocatorObserver>(_ n: NodeID, _ items: inout [Item], min: UInt64, observer: inout O) {
        let leaf = isLeaf(n)
        if items.count > MapleLayout.capacity(leaf: leaf) {
            splitNode(n, &items, min: min, observer: &observer)
            return
        }
        write(n, items)
        if n == root {
            shrinkRoot(observer: &observer)
        } else if items.count < MapleLayout.minimum(leaf: leaf) {
            rebalance(n, reusing: &items, observer: &observer)
        } else {
            propagateGap(from: n, observer: &observer)
        }
    }

    /// An overfull `n` first shares its slots with a sibling that has room (as the kernel
    /// pushes data left or right before splitting, which keeps nodes full under the
    /// allocator's top-down packing); otherwise it splits in two, and the parent's slot for
    /// `n` becomes two (a new root above when `n` was the root).
    private mutating func splitNode<O: AllocatorObserver>(_ n: NodeID, _ items: inout [Item], min: UInt64, observer: inout O) {
        let leaf = isLeaf(n)
        if n != root && pushToSibling(n, &items, observer: &observer) { return }
        let m = makeNode(leaf: leaf)
        let slots = writeCut(items, into: n, m, leaf: leaf, min: min)
        observer.record(.split(n, into: m))
        if n == root {
            let r = makeNode(leaf: false)
            items.removeAll(keepingCapacity: true)
            items.append(slots.left)
            items.append(slots.right)
            write(r, items)
            setRoot(r)
            height += 1
            observer.record(.rootChanged(from: n, to: r, height: height))
        } else {
            replaceInParent(n, through: n, with: slots.left, slots.right, reusing: &items, observer: &observer)
        }
    }

    /// Redistributes `n`'s pending `items` with its left sibling, or else its right one, when
    /// the two fit in two nodes with a slot to spare; false when neither has room.
    private mutating func pushToSibling<O: AllocatorObserver>(_ n: NodeID, _ items: inout [Item], observer: inout O) -> Bool {
        let (p, s) = parent(n)
        let leaf = isLeaf(n)
        let room = 2 * MapleLayout.capacity(leaf: leaf) - 1
        let pb = bounds(p)
        let last = slotCount(p) - 1
        func lower(_ i: Int) -> UInt64 { i == 0 ? pb.lo : pivot(p, i - 1) &+ 1 }
        func upper(_ i: Int) -> UInt64 { i == last ? pb.hi : pivot(p, i) }
        let a: Int
        if s > 0 && slotCount(child(p, s - 1)) + items.count <= room {
            a = s - 1
            prependItems(of: child(p, a), max: upper(a), to: &items)
        } else if s < last && slotCount(child(p, s + 1)) + items.count <= room {
            a = s
            appendItems(of: child(p, s + 1), max: upper(s + 1), to: &items)
        } else {
            return false
        }
        let left = child(p, a), right = child(p, a + 1)
        let slots = writeCut(items, into: left, right, leaf: leaf, min: lower(a))
        observer.record(.rebalanced(left: left, right: right))
        replaceInParent(left, through: right, with: slots.left, slots.right, reusing: &items, observer: &observer)
        return true
    }

    /// Writes `items` into two sibling nodes, cut in two balanced parts (`cut(_:leaf:)`), and
    /// returns the parent's slots for them; `min` is where the first one's range starts.
    private mutating func writeCut(_ items: [Item], into left: NodeID, _ right: NodeID, leaf: Bool, min: UInt64) -> (left: Item, right: Item) {
        let cut = Self.cut(items, leaf: leaf)
        write(left, items, 0..<cut)
        write(right, items, cut..<items.count)
        let first = Item(hi: items[cut - 1].hi, value: left.raw, gap: Self.maxGap(items, 0..<cut, leaf: leaf, min: min))
        let second = Item(hi: items[items.count - 1].hi, value: right.raw,
                          gap: Self.maxGap(items, cut..<items.count, leaf: leaf, min: first.hi &+ 1))
        return (first, second)
    }

    /// Replaces the parent's slots of the sibling run `first...last` with `slot` and `next`
    /// (when there is one), and settles the parent; `list` becomes the parent's items.
    private mutating func replaceInParent<O: AllocatorObserver>(_ first: NodeID, through last: NodeID, with slot: Item, _ next: Item?,
                                                               reusing list: inout [Item], observer: inout O) {
        let (p, s) = parent(first)
        let t = parent(last).slot
        let b = bounds(p)
        list.removeAll(keepingCapacity: true)
        appendItems(of: p, max: b.hi, to: &list)
        list.replaceSubrange(s...t, with: CollectionOfOne(slot))
        if let next { list.insert(next, at: s + 1) }
        settle(p, &list, min: b.lo, observer: &observer)
    }

    /// Fixes an underfull non-root `n` with its left sibling (its right one when it is the
    /// first child): one node when their slots fit in one, else two balanced ones. `list` is
    /// scratch.
    private mutating func rebalance<O: AllocatorObserver>(_ n: NodeID, reusing list: inout [Item], observer: inout O) {
        let (p, s) = parent(n)
        guard slotCount(p) > 1 else {
            // An only child: nothing to share with at this level (the parent is the root and
            // shrinks, or is underfull itself and will be merged with a sibling).
            propagateGap(from: n, observer: &observer)
            return
        }
        let a = s > 0 ? s - 1 : s
        let left = child(p, a), right = child(p, a + 1)
        let pb = bounds(p)
        let leftMin = a == 0 ? pb.lo : pivot(p, a - 1) &+ 1
        let leftMax = pivot(p, a)
        let rightMax = a + 1 == slotCount(p) - 1 ? pb.hi : pivot(p, a + 1)
        let leaf = isLeaf(n)
        list.removeAll(keepingCapacity: true)
        appendItems(of: left, max: leftMax, to: &list)
        appendItems(of: right, max: rightMax, to: &list)
        if list.count <= MapleLayout.capacity(leaf: leaf) {
            write(left, list)
            observer.record(.merged(left: left, right: right))
            let slot = Item(hi: rightMax, value: left.raw, gap: Self.maxGap(list, list.indices, leaf: leaf, min: leftMin))
            replaceInParent(left, through: right, with: slot, nil, reusing: &list, observer: &observer)
            freeNode(right)
        } else {
            let slots = writeCut(list, into: left, right, leaf: leaf, min: leftMin)
            observer.record(.rebalanced(left: left, right: right))
            replaceInParent(left, through: right, with: slots.left, slots.right, reusing: &list, observer: &observer)
        }
    }

    /// An internal root with a single child hands the root to it, level by level.
    private mutating func shrinkRoot<O: AllocatorObserver>(observer: inout O) {
        while !isLeaf(root) && slotCount(root) == 1 {
            let old = root
            setRoot(child(old, 0))
            freeNode(old)
            height -= 1
            observer.record(.rootChanged(from: old, to: root, height: height))
        }
    }

    /// Where to cut `items` (at most twice a node's capacity less one) into two balanced parts
    /// that each fit a node: the first part's count. A leaf's first part never ends on a NULL
    /// slot: the cut moves by one, onto an entry, since NULL slots never neighbour.
    static func cut(_ items: [Item], leaf: Bool) -> Int {
        let cap = MapleLayout.capacity(leaf: leaf)
        precondition(items.count > 1 && items.count < 2 * cap, "cannot cut \(items.count) slots in two")
        let middle = (items.count + 1) / 2
        for c in [middle, middle - 1, middle + 1]
        where c >= 1 && c <= cap && items.count - c >= 1 && items.count - c <= cap && !(leaf && items[c - 1].value == MapleValue.free) {
            return c
        }
        preconditionFailure("no cut of \(items.count) slots fits two nodes")
    }
}
