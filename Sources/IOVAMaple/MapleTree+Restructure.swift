import IOVACore

/// Keeping the B-tree in shape after a node's slots change: splits on overflow (growing a new
/// root when the root splits), merges or redistribution with a sibling on underflow, and
/// root shrinking when an internal root is left with one child.
extension MapleTree {
    /// Makes `items` the content of `n` (whose range starts at `min`) and restores every node
    /// rule on the way up: capacity, minimum occupancy, the parent's pivots and gap array.
    mutating func settle<O: AllocatorObserver>(_ n: NodeID, _ items: [Item], min: UInt64, observer: inout O) {
        let leaf = isLeaf(n)
        if items.count > MapleLayout.capacity(leaf: leaf) {
            splitNode(n, items, min: min, observer: &observer)
            return
        }
        write(n, items)
        if n == root {
            shrinkRoot(observer: &observer)
        } else if items.count < MapleLayout.minimum(leaf: leaf) {
            rebalance(n, observer: &observer)
        } else {
            propagateGap(from: n, observer: &observer)
        }
    }

    /// An overfull `n` first shares its slots with a sibling that has room (as the kernel
    /// pushes data left or right before splitting, which keeps nodes full under the
    /// allocator's top-down packing); otherwise it splits in two, and the parent's slot for
    /// `n` becomes two (a new root above when `n` was the root).
    private mutating func splitNode<O: AllocatorObserver>(_ n: NodeID, _ items: [Item], min: UInt64, observer: inout O) {
        let leaf = isLeaf(n)
        if n != root && pushToSibling(n, items, observer: &observer) { return }
        let parts = Self.partition(items, leaf: leaf)
        let m = makeNode(leaf: leaf)
        write(n, parts[0])
        write(m, parts[1])
        observer.record(.split(n, into: m))
        let nodes = [n, m]
        let replacement = Self.parentItems(for: nodes, parts: parts, leaf: leaf, min: min)
        if n == root {
            let r = makeNode(leaf: false)
            write(r, replacement)
            setRoot(r)
            height += 1
            observer.record(.rootChanged(from: n, to: r, height: height))
        } else {
            replaceInParent(n, through: n, with: replacement, observer: &observer)
        }
    }

    /// Redistributes `n`'s pending `items` with its left sibling, or else its right one, when
    /// the two fit in two nodes with a slot to spare; false when neither has room.
    private mutating func pushToSibling<O: AllocatorObserver>(_ n: NodeID, _ items: [Item], observer: inout O) -> Bool {
        let (p, s) = parent(n)
        let leaf = isLeaf(n)
        let room = 2 * MapleLayout.capacity(leaf: leaf) - 1
        let pb = bounds(p)
        let last = slotCount(p) - 1
        func lower(_ i: Int) -> UInt64 { i == 0 ? pb.lo : pivot(p, i - 1) &+ 1 }
        func upper(_ i: Int) -> UInt64 { i == last ? pb.hi : pivot(p, i) }
        let a: Int, combined: [Item]
        if s > 0 && slotCount(child(p, s - 1)) + items.count <= room {
            a = s - 1
            combined = self.items(child(p, a), max: upper(a)) + items
        } else if s < last && slotCount(child(p, s + 1)) + items.count <= room {
            a = s
            combined = items + self.items(child(p, s + 1), max: upper(s + 1))
        } else {
            return false
        }
        let left = child(p, a), right = child(p, a + 1)
        let parts = Self.partition(combined, leaf: leaf)
        write(left, parts[0])
        write(right, parts[1])
        observer.record(.rebalanced(left: left, right: right))
        let replacement = Self.parentItems(for: [left, right], parts: parts, leaf: leaf, min: lower(a))
        replaceInParent(left, through: right, with: replacement, observer: &observer)
        return true
    }

    /// The parent slots for consecutive sibling nodes holding `parts`.
    private static func parentItems(for nodes: [NodeID], parts: [[Item]], leaf: Bool, min: UInt64) -> [Item] {
        var out: [Item] = []
        var lo = min
        for (node, part) in zip(nodes, parts) {
            let hi = part[part.count - 1].hi
            out.append(Item(hi: hi, value: node.raw, gap: maxGap(part, leaf: leaf, min: lo)))
            lo = hi &+ 1
        }
        return out
    }

    /// Replaces the parent's slots of the sibling run `first...last` with `replacement`, and
    /// settles the parent.
    private mutating func replaceInParent<O: AllocatorObserver>(_ first: NodeID, through last: NodeID, with replacement: [Item], observer: inout O) {
        let (p, s) = parent(first)
        let t = parent(last).slot
        let b = bounds(p)
        var items = self.items(p, max: b.hi)
        items.replaceSubrange(s...t, with: replacement)
        settle(p, items, min: b.lo, observer: &observer)
    }

    /// Fixes an underfull non-root `n` with its left sibling (its right one when it is the
    /// first child): one node when their slots fit in one, else two balanced ones.
    private mutating func rebalance<O: AllocatorObserver>(_ n: NodeID, observer: inout O) {
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
        let combined = items(left, max: leftMax) + items(right, max: rightMax)
        let replacement: [Item]
        if combined.count <= MapleLayout.capacity(leaf: leaf) {
            write(left, combined)
            observer.record(.merged(left: left, right: right))
            replacement = Self.parentItems(for: [left], parts: [combined], leaf: leaf, min: leftMin)
            replaceInParent(left, through: right, with: replacement, observer: &observer)
            freeNode(right)
        } else {
            let parts = Self.partition(combined, leaf: leaf)
            write(left, parts[0])
            write(right, parts[1])
            observer.record(.rebalanced(left: left, right: right))
            replacement = Self.parentItems(for: [left, right], parts: parts, leaf: leaf, min: leftMin)
            replaceInParent(left, through: right, with: replacement, observer: &observer)
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

    /// Cuts `items` (at most twice a node's capacity less one) into two balanced parts that
    /// each fit a node. A leaf's first part never ends on a NULL slot: the cut moves by one,
    /// onto an entry, since NULL slots never neighbour.
    static func partition(_ items: [Item], leaf: Bool) -> [[Item]] {
        let cap = MapleLayout.capacity(leaf: leaf)
        precondition(items.count > 1 && items.count < 2 * cap, "cannot cut \(items.count) slots in two")
        let middle = (items.count + 1) / 2
        let cut = [middle, middle - 1, middle + 1].first { c in
            c >= 1 && c <= cap && items.count - c >= 1 && items.count - c <= cap
                && !(leaf && items[c - 1].value == MapleValue.free)
        }!
        return [Array(items[..<cut]), Array(items[cut...])]
    }
}
