import IOVACore

/// The tree's rules, checked from scratch (in the spirit of the kernel's `mt_validate`):
/// node geometry and occupancy, pivots strictly increasing inside each node's range, parent
/// links, every leaf at the same depth, every gap entry equal to its recomputation, NULL
/// slots never neighbouring (across leaves too), and the counts.
extension MapleTree {
    public func validate() -> [InvariantViolation] {
        var v = Validation(tree: self)
        if root.exists, root.index < info.count, info[root.index].isLive {
            if parent(root).node.exists { v.fail(root, "the root has a parent") }
            _ = v.check(root, PFNRange(lo: 0, hi: .max), depth: 1)
        } else {
            v.fail(root, "the root is not a live node")
        }
        if v.nodes != nodeCount { v.fail(.none, "\(v.nodes) nodes reachable, \(nodeCount) counted") }
        let live = (0..<info.count).reduce(0) { $0 + (info[$1].isLive ? 1 : 0) }
        if live != nodeCount { v.fail(.none, "\(live) live nodes in the arena, \(nodeCount) counted") }
        if v.entries != entryCount { v.fail(.none, "\(v.entries) entries found, \(entryCount) counted") }
        if v.leafDepth != nil && v.leafDepth != height { v.fail(.none, "leaves at depth \(v.leafDepth!), height \(height)") }
        if let last = v.lastSlot, last.range.hi != .max { v.fail(.none, "the slots end at \(last.range.hi), not 2^64−1") }
        return v.problems
    }
}

private struct Validation {
    let tree: MapleTree
    var problems: [InvariantViolation] = []
    var nodes = 0
    var entries = 0
    var leafDepth: Int?
    /// The previous leaf slot in index order.
    var lastSlot: (range: PFNRange, value: UInt32)?

    init(tree: MapleTree) { self.tree = tree }

    mutating func fail(_ n: NodeID, _ message: String) {
        problems.append(InvariantViolation(n, message))
    }

    /// Checks `n`'s subtree, which should cover `b`; returns its recomputed max gap.
    mutating func check(_ n: NodeID, _ b: PFNRange, depth: Int) -> UInt64 {
        nodes += 1
        guard depth <= MapleLayout.maxHeight else {
            fail(n, "deeper than MAPLE_HEIGHT_MAX")
            return 0
        }
        let leaf = tree.isLeaf(n), count = tree.slotCount(n)
        let cap = MapleLayout.capacity(leaf: leaf)
        if count < 1 || count > cap { fail(n, "\(count) slots, capacity \(cap)") }
        if n != tree.root && count < MapleLayout.minimum(leaf: leaf) {
            fail(n, "\(count) slots, below the minimum \(MapleLayout.minimum(leaf: leaf))")
        }
        if !leaf && count < 2 { fail(n, "an internal node with \(count) child") }
        var lo = b.lo
        for i in 0..<max(0, min(count, cap) - 1) {
            let p = tree.pivot(n, i)
            if p < lo || p >= b.hi { fail(n, "pivot \(i) = \(p) outside [\(lo), \(b.hi)) or not increasing") }
            lo = p &+ 1
        }
        guard problems.isEmpty else { return 0 }
        if leaf {
            if leafDepth == nil { leafDepth = depth } else if leafDepth != depth { fail(n, "a leaf at depth \(depth), others at \(leafDepth!)") }
            return checkLeaf(n, b)
        }
        var best: UInt64 = 0
        for i in 0..<count {
            let c = tree.child(n, i)
            guard tree.isLive(c) else {
                fail(n, "slot \(i) points at a dead node \(c)")
                continue
            }
            let (p, s) = tree.parent(c)
            if p != n || s != i { fail(c, "parent link \(p) slot \(s), expected \(n) slot \(i)") }
            let g = check(c, tree.slotRange(n, i, in: b), depth: depth + 1)
            if tree.childGap(n, i) != g { fail(n, "gap[\(i)] = \(tree.childGap(n, i)), recomputed \(g)") }
            best = max(best, g)
        }
        return best
    }

    mutating func checkLeaf(_ n: NodeID, _ b: PFNRange) -> UInt64 {
        var best: UInt64 = 0
        let count = tree.slotCount(n)
        for i in 0..<count {
            let r = tree.slotRange(n, i, in: b), v = tree.value(n, i)
            if v == MapleValue.free {
                if lastSlot?.value == MapleValue.free { fail(n, "NULL slot \(i) [\(r.lo), \(r.hi)] follows a NULL slot") }
                best = max(best, MapleTree.span(r.lo, r.hi))
            } else {
                entries += 1
            }
            if let last = lastSlot, last.range.hi &+ 1 != r.lo { fail(n, "slot \(i) starts at \(r.lo) after \(last.range.hi)") }
            lastSlot = (r, v)
        }
        if tree.value(n, count - 1) == MapleValue.free && b.hi != .max {
            fail(n, "a leaf other than the rightmost ends on NULL")
        }
        return best
    }
}
