import IOVACore
import IOVAStepper

// The tree pane's layout: which subtrees are open, the display order of rows, and the window
// of rows that fits the pane.
//
// The tree is drawn sideways in reverse in-order (right subtree above its node, left below), so
// the rows read from high addresses at the top to low addresses at the bottom, like the
// top-down search. A row is either an open node (its own line, children drawn around it) or a
// closed subtree (one line: a fold summary, a pruned subtree, or a leaf).
//
// Cost: a frame touches the pinned nodes and their ancestors (the search path), then walks the
// display order outwards from the current row only as far as the pane is tall. Nothing here is
// O(n) in the size of the tree: moving from one row to the next climbs or descends at most
// the tree's height, and fold summaries count at most `foldCountCap` nodes.

/// One line of the tree part of the pane.
enum TreeItem: Hashable {
    /// An open node: its own line, its children drawn above and below it.
    case node(NodeID)
    /// A closed subtree drawn as one line.
    case closed(NodeID)

    var id: NodeID {
        switch self {
        case .node(let n), .closed(let n): n
        }
    }
}

/// Which nodes are shown and in what order, for one frame.
struct TreeFolding {
    let tree: any RBTreeSource
    /// Nodes that must have a line of their own: the search path, pruned roots, changed nodes,
    /// the cached nodes and the root.
    let pinned: NodeSet
    /// Strict ancestors of pinned nodes: always open.
    let ancestors: NodeSet
    /// Pruned subtree roots (live ones only) and why.
    let pruned: [NodeID: PruneReason]
    /// Every node not pruned is open (the whole tree fits the pane).
    let full: Bool
    /// A long walk's visited nodes, pinned without being listed in `pinned`.
    let visits: VisitMarks?
    /// Subtrees opened to use rows the search path leaves free (never pruned ones).
    var extra = NodeSet()

    init(tree: any RBTreeSource, pinned: NodeSet, pruned: [NodeID: PruneReason], full: Bool, visits: VisitMarks? = nil) {
        self.tree = tree
        self.pinned = pinned
        self.pruned = pruned
        self.full = full
        self.visits = visits
        var ancestors = NodeSet()
        for p in pinned {
            var x = tree.parent(p)
            // Stop at the first ancestor already marked: its own ancestors are marked too.
            while x.exists, ancestors.insert(x) { x = tree.parent(x) }
        }
        self.ancestors = ancestors
    }

    /// Whether `x` gets a line of its own with its children drawn around it.
    func isOpen(_ x: NodeID) -> Bool {
        if ancestors.contains(x) || extra.contains(x) { return true }
        if let visits, visits.subtreeVisited(tree.left(x)) || visits.subtreeVisited(tree.right(x)) { return true }
        if pruned[x] != nil { return false }
        return full || pinned.contains(x) || visits?.isVisited(x) == true
    }

    /// The line showing node `x`: its own, or the one of its highest closed ancestor.
    func item(_ x: NodeID) -> TreeItem {
        var line: TreeItem = isOpen(x) ? .node(x) : .closed(x)
        var a = tree.parent(x)
        while a.exists {
            if !isOpen(a) { line = .closed(a) }
            a = tree.parent(a)
        }
        return line
    }

    /// The lowest line of the subtree of `x`.
    func lowest(_ x: NodeID) -> TreeItem {
        var x = x
        while true {
            if !isOpen(x) { return .closed(x) }
            let l = tree.left(x)
            if l.isNone { return .node(x) }
            x = l
        }
    }

    /// The highest line of the subtree of `x`.
    func highest(_ x: NodeID) -> TreeItem {
        var x = x
        while true {
            if !isOpen(x) { return .closed(x) }
            let r = tree.right(x)
            if r.isNone { return .node(x) }
            x = r
        }
    }

    /// The line drawn just above `item` (the next higher addresses), or nil at the top.
    func above(_ item: TreeItem) -> TreeItem? {
        if case .node(let x) = item {
            let r = tree.right(x)
            if r.exists { return lowest(r) }
        }
        // Climb to the first ancestor that has this subtree on its left.
        var x = item.id
        var p = tree.parent(x)
        while p.exists && tree.right(p) == x {
            x = p
            p = tree.parent(p)
        }
        return p.exists ? .node(p) : nil
    }

    /// The line drawn just below `item` (the next lower addresses), or nil at the bottom.
    func below(_ item: TreeItem) -> TreeItem? {
        if case .node(let x) = item {
            let l = tree.left(x)
            if l.exists { return highest(l) }
        }
        var x = item.id
        var p = tree.parent(x)
        while p.exists && tree.left(p) == x {
            x = p
            p = tree.parent(p)
        }
        return p.exists ? .node(p) : nil
    }
}

/// A line of the tree part after windowing.
enum TreeLine: Hashable {
    case item(TreeItem)
    /// Rows cut away above (`true`) or below.
    case cut(above: Bool)
}

extension TreeFolding {
    /// The lines to show in `rows` rows, keeping `center` in view: all lines when they fit,
    /// otherwise a window around `center` with a cut marker where lines are left out.
    func window(center: TreeItem, rows: Int) -> [TreeLine] {
        guard rows > 0 else { return [] }
        // Collect at most `rows` lines on each side of the centre.
        var up: [TreeItem] = []
        var it = center
        while up.count < rows, let next = above(it) {
            up.append(next)
            it = next
        }
        let upMore = up.count == rows && above(it) != nil
        var down: [TreeItem] = []
        it = center
        while down.count < rows, let next = below(it) {
            down.append(next)
            it = next
        }
        let downMore = down.count == rows && below(it) != nil

        if !upMore && !downMore && up.count + 1 + down.count <= rows {
            return up.reversed().map { .item($0) } + [.item(center)] + down.map { .item($0) }
        }
        // Lines used by showing k items on a side: a cut marker when some are left out.
        func used(_ k: Int, _ available: Int, _ more: Bool) -> Int { k + ((k < available || more) ? 1 : 0) }
        let space = rows - 1
        var ka = 0, kb = 0
        // Grow the smaller side first (ties: below, where the search goes), one line at a time.
        while true {
            let canA = ka < up.count && used(ka + 1, up.count, upMore) + used(kb, down.count, downMore) <= space
            let canB = kb < down.count && used(ka, up.count, upMore) + used(kb + 1, down.count, downMore) <= space
            if canA && canB {
                if ka < kb { ka += 1 } else { kb += 1 }
            } else if canA {
                ka += 1
            } else if canB {
                kb += 1
            } else {
                break
            }
        }
        var lines: [TreeLine] = []
        var cutAbove = ka < up.count || upMore
        var cutBelow = kb < down.count || downMore
        // Too few rows even for the markers: drop them, the lower one first.
        if ka + kb + 1 + (cutAbove ? 1 : 0) + (cutBelow ? 1 : 0) > rows { cutBelow = false }
        if ka + kb + 1 + (cutAbove ? 1 : 0) > rows { cutAbove = false }
        if cutAbove { lines.append(.cut(above: true)) }
        lines += up[..<ka].reversed().map { .item($0) }
        lines.append(.item(center))
        lines += down[..<kb].map { .item($0) }
        if cutBelow { lines.append(.cut(above: false)) }
        return lines
    }
}

extension TreeFolding {
    /// The lines for `rows` rows around `center`, after opening folds near it while the lines
    /// leave rows free. Each round opens as many folds as the free rows allow (an opened fold
    /// takes at most 3 lines), so there are O(log rows) rounds.
    mutating func fill(center: NodeID, rows: Int) -> [TreeLine] {
        var lines = window(center: item(center), rows: rows)
        guard !full else { return lines }
        var rounds = 0
        while rounds < 16 && !lines.contains(where: { if case .cut = $0 { true } else { false } }) {
            let free = rows - lines.count
            guard free >= 2 else { break }
            let at = item(center)
            let c = lines.firstIndex(of: .item(at)) ?? 0
            var candidates: [(distance: Int, node: NodeID)] = []
            for (i, line) in lines.enumerated() {
                guard case .item(.closed(let x)) = line, pruned[x] == nil,
                      tree.left(x).exists || tree.right(x).exists else { continue }
                // Nearest first; below the centre (where the search goes) before above.
                candidates.append((abs(i - c) * 2 + (i < c ? 1 : 0), x))
            }
            guard !candidates.isEmpty else { break }
            candidates.sort { $0.distance < $1.distance }
            for (_, x) in candidates.prefix(free / 2) { extra.insert(x) }
            lines = window(center: item(center), rows: rows)
            rounds += 1
        }
        return lines
    }
}

extension TreePane {
    /// Largest number of nodes a fold summary counts before it says "256+" (each count reads
    /// up to this many nodes scattered over the arena: at a million ranges the fold lines
    /// were most of a frame's time at 1000).
    static let foldCountCap = 256

    /// The number of nodes in the subtree of `x`, or nil when there are more than `cap`.
    static func subtreeCount(_ tree: any RBTreeSource, _ x: NodeID, cap: Int) -> Int? {
        // A red-black subtree with k black nodes on a path below its root holds at least
        // 2^k − 1 nodes: a large subtree is known to exceed the cap after O(height) reads.
        var black = 0
        var y = tree.left(x)
        while y.exists {
            if tree.color(y) == .black { black += 1 }
            y = tree.left(y)
        }
        if black >= 62 || (1 << black) - 1 > cap { return nil }
        var stack = [x]
        var n = 0
        while let y = stack.popLast() {
            n += 1
            if n > cap { return nil }
            let l = tree.left(y), r = tree.right(y)
            if l.exists { stack.append(l) }
            if r.exists { stack.append(r) }
        }
        return n
    }

    /// The pfn span of the subtree of `x`: the lowest node's lo and the highest node's hi (O(height)).
    static func subtreeSpan(_ tree: any RBTreeSource, _ x: NodeID) -> PFNRange {
        var lo = x, hi = x
        while tree.left(lo).exists { lo = tree.left(lo) }
        while tree.right(hi).exists { hi = tree.right(hi) }
        return PFNRange(lo: tree.range(lo).lo, hi: tree.range(hi).hi)
    }
}
