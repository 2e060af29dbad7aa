import IOVACore
import IOVAStepper

/// The rb-tree pane: the allocator's tree sideways, high addresses on top, the search marked on
/// it (docs/screen.md § Tree, "sideways, reverse in-order").
///
///     tree (limit-aware, 201 nodes, search path)
///     ┌─ ✗ [ffffe2] B ▸ 63 nodes [ffffc3..anchor]  above limit  mg=~2^64
///     ● [ffffc2] B  g=0x0 mg=~2^64
///     │  ┌─ ✗ [ffffb2] B ▸ 31 nodes [ffffa3..ffffc1]  above limit  mg=0x0
///     └─ ● [ffffa2] B  g=0x0 mg=0xffff39
///        │  ┌─ ▸ 7 nodes [ffff9b..ffffa1]  mg=0x0
///        └─ ◆ [ffff9a] R  g=0x0 mg=0xffff39
///           └─ ▸ 97 nodes [ffff39..ffff99]  mg=0xffff39
///
/// Each node line shows a state marker (glyph and role: current, visited, pruned, untouched),
/// the range (`anchor` for the anchor), the colour letter, tags (the prune reason, what this
/// step's event did to the node, `★ new` for the allocated range, `C`/`C32` for
/// `cached_node`/`cached32_node`, `changed` for nodes a tree event touched, and on the DMA path
/// `▚ cached` for a range a magazine holds: allocated in the tree, free to drivers), and for
/// gap-tracking policies `g=`, `mg=` (and `mg32=`) in a column, values right-aligned.
/// The whole tree is drawn when it fits; otherwise the search path (visited, pruned, changed
/// and cached nodes, the root, the node a magazine pops or takes back and those a pop skips)
/// stays open, everything else folds into one-line summaries, and
/// folds nearest the current node open while rows are left. Pruned subtrees always fold.
/// The window scrolls to keep the current node (or the node this step's tree event changed)
/// in view, with `… more above/below` where lines are cut. A rotation step adds a
/// before/after diagram of the two nodes at the top.
///
/// - Complexity: O(rows × height) tree reads plus at most `foldCountCap` per fold line, and
///   O(|visited| + |touched|) to mark the search path (O(|touched|) for a long walk, whose
///   visits the frame's `VisitMarks` answer per node); never a walk of the whole tree.
public enum TreePane {
    /// Draws the tree of `frame` into `area` (clipped; must never trap for any area, even 0×0 or 1×1).
    /// `expanded`: every subtree open (scrolled around the search), not just the search path.
    /// `cached`: the frame's cached-but-free ranges when the caller has read them already.
    public static func draw(_ frame: Frame, expanded: Bool = false, in area: Rect, into buffer: inout CellBuffer, glyphs: Glyphs,
                            cached: CachedRanges? = nil) {
        guard !area.isEmpty else { return }
        buffer.fill(area)
        let cached = cached ?? CachedRanges(frame)
        if let maple = frame.state.mapleTree {
            MaplePane.draw(frame, tree: maple, in: area, into: &buffer, glyphs: glyphs, cached: cached)
            return
        }
        guard let tree = frame.state.rbTree else {
            buffer.write("tree (\(frame.policy.name.rawValue))", x: area.x, y: area.y, role: .title, clip: area)
            buffer.write("no rb-tree: the \(frame.policy.name.rawValue) policy keeps its ranges in another structure",
                         x: area.x, y: area.y + 1, role: .dim, clip: area)
            return
        }
        draw(frame, tree: tree, expanded: expanded, in: area, into: &buffer, glyphs: glyphs, cached: cached)
    }

    /// Draws `frame` with the tree read through `tree` (tests pass a counting wrapper).
    static func draw(_ frame: Frame, tree: any RBTreeSource, expanded: Bool = false, in area: Rect, into buffer: inout CellBuffer,
                     glyphs: Glyphs, cached: CachedRanges? = nil) {
        guard !area.isEmpty else { return }
        buffer.fill(area)
        let h = frame.highlights
        let live = { (n: NodeID) -> Bool in n.exists && tree.isLive(n) }

        // Rows: title, the rotation diagram when there is room, then the tree.
        var y = area.y
        let bottom = area.maxY
        var rotation: (old: NodeID, new: NodeID)? = nil
        if case let .rotated(old, new) = frame.event, live(old), live(new), area.height >= 6 { rotation = (old, new) }
        let rotationRows = rotation == nil ? 0 : 3
        let treeRows = area.height - 1 - rotationRows

        // What is pinned open: the search, the changes, the cached nodes, the root.
        var pinned = NodeSet()
        if live(tree.root) { pinned.insert(tree.root) }
        if live(h.current) { pinned.insert(h.current) }
        // A long walk's visited nodes are read from its index as the rows need them (O(1) each)
        // instead of pinned one by one.
        if frame.visits == nil { for n in h.visited where live(n) { pinned.insert(n) } }
        for n in h.touched where live(n) { pinned.insert(n) }
        var pruned: [NodeID: PruneReason] = [:]
        for (n, r) in h.pruned where live(n) {
            pruned[n] = r
            pinned.insert(n)
        }
        let marks = frame.state.markedNodes
        if live(marks.cached) { pinned.insert(marks.cached) }
        if live(marks.cached32) { pinned.insert(marks.cached32) }
        // DMA path: the range a magazine pops or takes back, and (a few of) those a pop skips
        // while no tree search has begun (after a miss the search path matters more).
        let focusNode = MagazineFacts.focusPFN(h.magazine).map { tree.find(containing: $0) } ?? .none
        if live(focusNode) { pinned.insert(focusNode) }
        for pfn in h.skippedPFNs.prefix(h.visited.isEmpty ? 8 : 0) {
            let n = tree.find(containing: pfn)
            if live(n) { pinned.insert(n) }
        }
        let full = expanded || tree.count <= max(0, treeRows)

        var title = "tree (\(frame.policy.name.rawValue), \(tree.count) node\(tree.count == 1 ? "" : "s")"
        if !full && tree.root.exists { title += ", search path" } else if expanded && tree.count > treeRows { title += ", unfolded" }
        title += ")"
        buffer.write(title, x: area.x, y: y, role: .title, clip: area)
        y += 1
        guard y < bottom else { return }

        guard tree.root.exists else {
            buffer.write("(empty tree)", x: area.x, y: y, role: .dim, clip: area)
            return
        }

        if let rotation {
            drawRotation(rotation.old, rotation.new, tree: tree, at: y, in: area, into: &buffer, glyphs: glyphs)
            y += rotationRows
        }
        guard treeRows > 0 else { return }

        // Centre on the node a tree event changed, else the current node, else the root.
        var centerNode = tree.root
        if let e = frame.event, isTreeEvent(e), let n = eventNode(e), live(n) {
            centerNode = n
        } else if live(h.current) {
            centerNode = h.current
        } else if let e = frame.event, let n = eventNode(e), live(n) {
            centerNode = n
        } else if live(focusNode) {
            centerNode = focusNode
        }
        var folding = TreeFolding(tree: tree, pinned: pinned, pruned: pruned, full: full, visits: frame.visits)
        let lines = folding.fill(center: centerNode, rows: treeRows)
        let context = RowContext(tree: tree, frame: frame, pruned: pruned, marks: marks, glyphs: glyphs, cached: cached)
        var rows = lines.map { context.row($0) }
        layoutRows(&rows, width: area.width, glyphs: glyphs)
        for row in rows {
            guard y < bottom else { break }
            row.draw(x: area.x, y: y, clip: area, into: &buffer)
            y += 1
        }

        // A legend when a row is left over (never at the cost of tree rows); only whole items.
        if y + 1 < bottom {
            var items: [[(String, StyleRole)]] = [
                [(String(glyphs.current), .current), (" current", .dim)],
                [(String(glyphs.visited), .visited), (" visited", .dim)],
                [(String(glyphs.pruned), .pruned), (" pruned", .dim)],
                [(String(glyphs.untouched), .untouched), (" untouched", .dim)],
                [(String(glyphs.folded), .dim), (" folded", .dim)],
            ]
            // On the DMA path the cached glyph matters more than the fold glyph.
            if frame.rcache != nil { items.insert([(String(glyphs.cached), .cachedFree), (" cached", .dim)], at: 4) }
            if marks.cached.exists || marks.cached32.exists {
                items.append([("C", .cachedMarker), (" cached_node", .dim)])
                items.append([("C32", .cachedMarker), (" cached32_node", .dim)])
            }
            var x = area.x
            for item in items {
                let w = item.reduce(0) { $0 + $1.0.unicodeScalars.count }
                guard x + w <= area.maxX else { break }
                for (text, role) in item { x = buffer.write(text, x: x, y: bottom - 1, role: role, clip: area) }
                x += 2
            }
        }
    }

    /// Whether `e` changes the tree (then the view centres on the node it changed).
    static func isTreeEvent(_ e: AllocatorEvent) -> Bool {
        switch e {
        case .linked, .rotated, .recolored, .erased, .augmentChanged, .stretched: true
        default: false
        }
    }

    /// The node an event is about, for centring the view when no search is under way.
    static func eventNode(_ e: AllocatorEvent) -> NodeID? {
        switch e {
        case let .searchStarted(_, _, _, start, _): start
        case .visit(let n), .descend(let n, _, _), .backtrack(let n, _), .pruned(let n, _, _): n
        case let .gapExamined(upper, _, _, _, _): upper
        case let .gapChecked(n, _, _, _, _): n
        case let .retry(start, _, _): start
        case let .found(_, _, hint): hint
        case let .linked(n, _): n
        case let .rotated(_, new): new
        case let .recolored(n, _): n
        case let .erased(n, replacement): replacement.exists ? replacement : n
        case let .augmentChanged(n, _, _, _): n
        case let .cacheMoved(_, _, to): to
        case let .stretched(n, _, _): n
        case .failed, .max32Changed: nil
        // Maple node ids name B-tree nodes, not rb-tree nodes.
        case .nodeEntered, .slotExamined, .ascended, .stored, .split, .merged, .rebalanced, .rootChanged,
             .pivotMoved, .gapChanged: nil
        // The rcache names pfns and magazines, not nodes.
        case .fastAllocStarted, .magazinesSwapped, .depotPopped, .magazineSkipped, .magazineMiss, .magazinePopped,
             .magazinePushed, .depotPushed, .rcacheFlushStarted, .cachedReleased, .depotTrimmed, .deviceAttempt,
             .workaroundOff: nil
        }
    }

    /// Three rows naming the two nodes of a rotation, before and after, drawn sideways like
    /// the tree (the child that moves up is `new`; a left rotation when it was the right child):
    ///
    ///     rotate left at [fff00]: [ffff8] moves up
    ///       before ┌── [ffff8]      → after [ffff8]
    ///              [fff00]                └── [fff00]
    static func drawRotation(_ old: NodeID, _ new: NodeID, tree: any RBTreeSource, at y: Int, in area: Rect,
                             into buffer: inout CellBuffer, glyphs: Glyphs) {
        let o = label(tree.range(old)), n = label(tree.range(new))
        let leftRotation = tree.range(new).lo > tree.range(old).lo
        var x = buffer.write("rotate \(leftRotation ? "left" : "right") at \(o): ", x: area.x, y: y, role: .normal, clip: area)
        x = buffer.write(n, x: x, y: y, role: .current, clip: area)
        buffer.write(" moves up", x: x, y: y, role: .normal, clip: area)

        let up = glyphs.branchUp, down = glyphs.branchDown
        let bw = up.unicodeScalars.count
        let picture = bw + max(o.unicodeScalars.count, n.unicodeScalars.count)
        // Picture rows: (branch, label, role) for the top and bottom line, before and after.
        typealias Cell = (branch: String, label: String, role: StyleRole)
        let before: [Cell] = leftRotation ? [(up, n, .current), ("", o, .normal)] : [("", o, .normal), (down, n, .current)]
        let after: [Cell] = leftRotation ? [("", n, .current), (down, o, .normal)] : [(up, o, .normal), ("", n, .current)]
        let x0 = area.x + 2
        buffer.write("before", x: x0, y: y + 1, role: .dim, clip: area)
        let bx = x0 + 7
        let ax = bx + picture + 2
        buffer.write(glyphs.arrow + " after", x: ax, y: y + 1, role: .dim, clip: area)
        let px = ax + glyphs.arrow.unicodeScalars.count + 7
        for (i, c) in before.enumerated() {
            let cx = buffer.write(c.branch, x: bx, y: y + 1 + i, role: .dim, clip: area)
            buffer.write(c.label, x: cx, y: y + 1 + i, role: c.role, clip: area)
        }
        for (i, c) in after.enumerated() {
            let cx = buffer.write(c.branch, x: px, y: y + 1 + i, role: .dim, clip: area)
            buffer.write(c.label, x: cx, y: y + 1 + i, role: c.role, clip: area)
        }
    }

    // MARK: Text

    static func hex(_ v: UInt64) -> String { String(v, radix: 16) }

    /// A node's range, compact: `[ffe00..ffe3f]`, `[fffff]` for one pfn, `anchor` for the anchor.
    static func label(_ r: PFNRange) -> String {
        if r.lo == DomainConfig.anchorPFN { return "anchor" }
        if r.lo == r.hi { return "[\(hex(r.lo))]" }
        return "[\(hex(r.lo))..\(hex(r.hi))]"
    }

    /// A subtree's span: `[ffe00..anchor]` when it reaches the anchor.
    static func spanLabel(_ r: PFNRange) -> String {
        if r.lo == DomainConfig.anchorPFN { return "anchor" }
        if r.lo == r.hi { return "[\(hex(r.lo))]" }
        return "[\(hex(r.lo))..\(r.hi == DomainConfig.anchorPFN ? "anchor" : hex(r.hi))]"
    }

    /// A subtree align key as `(order,room)`: `(3,0x5)`; `-` when no gap lies below; `(≥30)` when
    /// a child's stored key saturated (32 bits: some gap below holds an aligned 2^30 block).
    static func keyText(_ k: AlignKey) -> String {
        guard let a = k.order else { return "-" }
        if k.isSaturated { return "(≥30)" }
        let room = k.room < (1 << 60) ? "0x" + hex(k.room) : "~2^\(Bits.fls(k.room))"
        return "(\(a),\(room))"
    }

    /// A gap figure: `0x1c0`. Only the anchor's gap (everything above the highest range) comes
    /// near 2^64: `~2^64` in the column, `2^64-0x100001` when `exact`.
    static func gapText(_ v: UInt64, exact: Bool = false) -> String {
        guard v >= (1 << 60) else { return "0x" + hex(v) }
        return exact ? "2^64-0x" + hex(0 &- v) : "~2^64"
    }
}
