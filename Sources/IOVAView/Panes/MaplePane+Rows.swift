import IOVACore
import IOVAStepper

/// One line of the maple pane: indent guides, a state marker, the text, tags.
struct MapleRow {
    /// The node whose header or slot this is.
    var node: NodeID
    var depth: Int
    var marker: (glyph: Unicode.Scalar, role: StyleRole)
    var body: [(text: String, role: StyleRole)] = []
    var tags: [(text: String, role: StyleRole)] = []

    /// Columns per nesting level.
    static let indent = 2

    var bodyEnd: Int { depth * Self.indent + 2 + body.reduce(0) { $0 + $1.text.unicodeScalars.count } }
    var tagLength: Int { tags.reduce(0) { $0 + $1.text.unicodeScalars.count + 1 } - (tags.isEmpty ? 0 : 1) }
    /// The columns the row needs with its tags right after the body.
    var width: Int { bodyEnd + (tags.isEmpty ? 0 : 2 + tagLength) }

    func draw(x: Int, y: Int, tagColumn: Int?, clip: Rect, into buffer: inout CellBuffer, glyphs: Glyphs) {
        for d in 0..<depth { buffer.put(x + d * Self.indent, y, glyphs.vertical, .dim, clip: clip) }
        var cx = x + depth * Self.indent
        buffer.put(cx, y, marker.glyph, marker.role, clip: clip)
        cx += 2
        for seg in body { cx = buffer.write(seg.text, x: cx, y: y, role: seg.role, clip: clip) }
        guard !tags.isEmpty else { return }
        cx = tagColumn.map { max(cx + 2, x + $0) } ?? cx + 2
        for (i, tag) in tags.enumerated() { cx = buffer.write(tag.text, x: cx + (i == 0 ? 0 : 1), y: y, role: tag.role, clip: clip) }
    }
}

/// Lays out the open nodes of one frame as rows, top (highest slot) to bottom.
struct MapleRowBuilder {
    let tree: any MapleTreeSource
    let frame: Frame
    let glyphs: Glyphs
    let h: MapleHighlights
    /// The search's per-slot verdicts are drawn only on the tree they were made on.
    let showSearch: Bool
    /// Entries a magazine holds (DMA path): drawn as cached, not as allocated.
    let cached: CachedRanges?
    /// Nodes drawn with all their slots; every other node is a fold line.
    private(set) var open: Set<NodeID> = []
    private var slotTags: [MapleSlot: (String, StyleRole)] = [:]
    private var nodeTags: [NodeID: (String, StyleRole)] = [:]
    private var focusSlot: MapleSlot?
    private var focusNode: NodeID?
    /// The row to keep in view.
    private(set) var focusRow = 0
    /// How much each row says: 0 everything; 1 without counts an entry's range already gives;
    /// 2 without words the glyphs carry and without closed children's spans; 3 (narrow panes)
    /// also moves the tags, the search's reasons, ahead of the range so they stay in view.
    var detail = 0
    static let maxDetail = 3
    private var out: [MapleRow] = []

    /// docs/algorithms/maple.md § Node geometry: `maple_leaf_64` has 16 slots, `maple_arange_64` 10.
    static let leafSlots = 16
    static let internalSlots = 10

    init(tree: any MapleTreeSource, frame: Frame, glyphs: Glyphs, cached: CachedRanges? = nil) {
        self.tree = tree
        self.frame = frame
        self.glyphs = glyphs
        self.cached = cached
        h = frame.highlights.maple
        showSearch = !frame.highlights.treeChanged
        openNodes()
        tagEvent()
    }

    // MARK: What opens

    private mutating func openPath(to n: NodeID) {
        var c = n
        while c.exists, tree.isLive(c), !open.contains(c) {
            open.insert(c)
            c = tree.parent(c).node
        }
    }

    private mutating func openNodes() {
        open.insert(tree.root)
        // The search's path (a child climbed out of folds again, unless it is this step's).
        for n in h.path { openPath(to: n) }
        if case let .ascended(from, _, _) = frame.event { openPath(to: from) }
        if frame.highlights.treeChanged {
            for n in h.touched where !h.freed.contains(n) { openPath(to: n) }
            if let f = frame.highlights.found { openPath(to: tree.leaf(containing: f.lo).node) }
        }
        // The entry a magazine pops or takes back (DMA path).
        if let pfn = MagazineFacts.focusPFN(frame.highlights.magazine) { openPath(to: tree.leaf(containing: pfn).node) }
        // Before anything happens: the leaf the operation is about.
        switch frame.line?.command {
        case .free(let pfn), .find(let pfn): openPath(to: tree.leaf(containing: pfn).node)
        case .reserve(let lo, _): openPath(to: tree.leaf(containing: lo).node)
        case .freeAllocation:
            if case let .freeAllocation(_, pfn?, _) = frame.result { openPath(to: tree.leaf(containing: pfn).node) }
        default: break
        }
    }

    // MARK: What this step did

    private mutating func tagEvent() {
        guard let e = frame.event else { focusNode = tree.root; return }
        let now = StyleRole.current
        let arrow = glyphs.arrow
        func inLeaf(_ pfn: UInt64) -> MapleSlot {
            let at = tree.leaf(containing: pfn)
            return MapleSlot(at.node, at.slot)
        }
        switch e {
        case let .searchStarted(_, _, _, start, _):
            nodeTags[start] = ("search starts here", now)
            focusNode = start
        case let .nodeEntered(n, _, _):
            nodeTags[n] = ("enter", now)
            focusNode = n
        case let .slotExamined(n, slot, _, _, _, _):
            focusSlot = MapleSlot(n, slot)
        case let .ascended(_, to, slot):
            slotTags[MapleSlot(to, slot)] = ("no fit inside: climb back", now)
            focusSlot = MapleSlot(to, slot)
        case let .found(lo, hi, _):
            let at = inLeaf(lo)
            slotTags[at] = ("\(glyphs.found) \(MaplePane.label(PFNRange(lo: lo, hi: hi))) goes here", .found)
            focusSlot = at
        case let .stored(_, lo, hi, occupied):
            let at = inLeaf(lo)
            slotTags[at] = (occupied ? "stored" : "NULL stored over \(MaplePane.label(PFNRange(lo: lo, hi: hi)))", now)
            focusSlot = at
        case let .split(n, into):
            nodeTags[n] = ("split\(arrow)#\(into.raw)", now)
            nodeTags[into] = ("split from #\(n.raw)", now)
            focusNode = into
        case let .merged(left, right):
            nodeTags[left] = ("#\(right.raw) merged in", now)
            focusNode = left
        case let .rebalanced(left, right):
            nodeTags[left] = ("rebalanced with #\(right.raw)", now)
            nodeTags[right] = ("rebalanced with #\(left.raw)", now)
            focusNode = left
        case let .rootChanged(_, to, height):
            nodeTags[to] = ("root now, height \(height)", now)
            focusNode = to
        case let .pivotMoved(n, slot, from, to):
            slotTags[MapleSlot(n, slot)] = ("pivot \(MaplePane.hex(from))\(arrow)\(MaplePane.hex(to))", now)
            focusSlot = MapleSlot(n, slot)
        case let .gapChanged(n, slot, from, to):
            slotTags[MapleSlot(n, slot)] = ("g \(MaplePane.pages(from))\(arrow)\(MaplePane.pages(to))", now)
            focusSlot = MapleSlot(n, slot)
        case let .magazinePopped(pfn, cpu, _, _), let .magazinePushed(pfn, cpu, _, _):
            let popped = if case .magazinePopped = e { true } else { false }
            let at = inLeaf(pfn)
            slotTags[at] = ("\(glyphs.current) \(popped ? "popped from" : "pushed into") cpu \(cpu)'s magazine", .magazineFocus)
            focusSlot = at
        default:
            break
        }
        if focusSlot == nil && focusNode == nil { focusNode = h.current.exists ? h.current : tree.root }
    }

    // MARK: Rows

    mutating func rows() -> [MapleRow] {
        out = []
        emitNode(tree.root, depth: 0, via: nil)
        return out
    }

    private func nodeMarker(_ n: NodeID) -> (Unicode.Scalar, StyleRole) {
        if showSearch && n == h.current { return (glyphs.current, .current) }
        if h.exhausted.contains(n) { return (glyphs.pruned, .pruned) }
        if h.entered.contains(n) { return (glyphs.visited, .visited) }
        return (glyphs.untouched, .untouched)
    }

    private func slotMarker(_ at: MapleSlot) -> (Unicode.Scalar, StyleRole) {
        guard showSearch, let verdict = h.verdicts[at] else { return (glyphs.untouched, .untouched) }
        if h.examined?.at == at { return (glyphs.current, .current) }
        switch verdict {
        case .taken, .occupied: return (glyphs.visited, .visited)
        case .gapTooSmall, .outsideWindow, .pastWindow: return (glyphs.pruned, .pruned)
        }
    }

    /// Why the search passed a slot, or what it did with it.
    private func verdictTag(_ at: MapleSlot, leaf: Bool) -> (String, StyleRole)? {
        guard showSearch, let verdict = h.verdicts[at] else { return nil }
        let role: StyleRole = h.examined?.at == at ? .current : .pruned
        let searchSize = frame.highlights.searchSize
        switch verdict {
        case .taken:
            if !leaf, h.exhausted.contains(tree.child(at.node, at.slot)) { return ("no fit inside", .pruned) }
            return (leaf ? "fits" : "take", h.examined?.at == at ? .current : .visited)
        case .gapTooSmall:
            return (searchSize == frame.highlights.size ? "gap<size" : "gap<ss", role)
        case .outsideWindow: return ("outside", role)
        case .pastWindow: return ("past window", role)
        case .occupied: return h.examined?.at == at ? ("entry", .current) : nil
        }
    }

    private mutating func place(_ row: MapleRow, node: NodeID?, slot: MapleSlot?) {
        var row = row
        if detail >= 3 && !row.tags.isEmpty && !row.body.isEmpty {
            let tags = row.tags.flatMap { [($0.text, $0.role), (" ", StyleRole.normal)] }
            row.body.insert(contentsOf: tags, at: 1)
            row.tags = []
        }
        if let node, node == focusNode { focusRow = out.count }
        if let slot, slot == focusSlot { focusRow = out.count }
        out.append(row)
    }

    /// A node's header row, then its slots from the highest down. `via`: the parent slot
    /// holding it (its number and gap entry go on the header).
    private mutating func emitNode(_ n: NodeID, depth: Int, via: MapleSlot?) {
        let leaf = tree.isLeaf(n)
        let count = tree.slotCount(n)
        var row = MapleRow(node: n, depth: depth, marker: nodeMarker(n))
        if let via, row.marker.role == .untouched { row.marker = slotMarker(via) }
        if let via { row.body.append(("s\(via.slot) ", .dim)) }
        row.body.append(("#\(n.raw)" + (detail < 2 ? " \(leaf ? "leaf" : "node")" : ""), row.marker.role == .untouched ? .normal : row.marker.role))
        row.body.append((" " + MaplePane.label(tree.bounds(n)), .normal))
        if detail < 2 { row.body.append((" \(count)/\(leaf ? Self.leafSlots : Self.internalSlots)", .dim)) }
        if let via { row.body.append((" g=" + MaplePane.pages(tree.gap(via.node, via.slot)), .dim)) }
        if let via, let tag = slotTags[via] ?? verdictTag(via, leaf: false) { row.tags.append(tag) }
        if let tag = nodeTags[n] {
            row.tags.append(tag)
        } else if frame.highlights.treeChanged && h.touched.contains(n) {
            row.tags.append(("changed", .title))
        }
        place(row, node: n, slot: via)

        let ranges = (0..<count).map { tree.slotRange(n, $0) }
        let labels = ranges.map { MaplePane.label($0) }
        let labelWidth = labels.map(\.unicodeScalars.count).max() ?? 0
        let numberWidth = count > 10 ? 2 : 1
        for s in stride(from: count - 1, through: 0, by: -1) {
            let at = MapleSlot(n, s)
            let number = "s\(s)" + String(repeating: " ", count: numberWidth - String(s).count) + " "
            if !leaf {
                let c = tree.child(n, s)
                if open.contains(c) {
                    emitNode(c, depth: depth + 1, via: at)
                } else {
                    emitFold(c, at: at, range: ranges[s], number: number, depth: depth + 1)
                }
                continue
            }
            var slotRow = MapleRow(node: n, depth: depth + 1, marker: slotMarker(at))
            slotRow.body.append((number, .dim))
            let label = labels[s]
            let pad = detail < 2 ? String(repeating: " ", count: labelWidth - label.unicodeScalars.count) : ""
            slotRow.body.append((label + pad, .normal))
            slotRow.body.append(contentsOf: content(tree.value(n, s), ranges[s]))
            if let tag = verdictTag(at, leaf: true) { slotRow.tags.append(tag) }
            if let tag = slotTags[at] { slotRow.tags.append(tag) }
            if slotTags[at] == nil, frame.highlights.treeChanged, let found = frame.highlights.found, ranges[s] == found {
                slotRow.tags.append(("\(glyphs.found) new", .found))
            }
            place(slotRow, node: nil, slot: at)
        }
    }

    /// What a leaf slot holds, by glyph and role: `█ alloc 0x2`, `▓ resv 0x10`, `░ free 0x3`.
    private func content(_ value: UInt32, _ r: PFNRange) -> [(text: String, role: StyleRole)] {
        let isCached = value == MapleValue.allocated && cached?.contains(r) == true
        let (glyph, role, word): (Unicode.Scalar, StyleRole, String) = switch value {
        case MapleValue.free: (glyphs.free, .free, "free")
        case MapleValue.allocated where isCached: (glyphs.cached, .cachedFree, "cached")
        case MapleValue.allocated: (glyphs.allocated, .allocated, "alloc")
        case MapleValue.reserved: (glyphs.reserved, .reserved, "resv")
        default: (glyphs.reserved, .reserved, "entry")
        }
        let free = value == MapleValue.free
        // An entry's range says its size; a free run's size is what the search compares.
        let text = switch detail {
        case 0: " \(word) " + MaplePane.pages(of: r)
        case 1: free ? " free " + MaplePane.pages(of: r) : " " + word
        default: free ? " " + MaplePane.pages(of: r) : ""
        }
        return [(" " + String(glyph), role), (text, free ? .dim : .normal)]
    }

    /// A child that stays closed: one line with what is under it and its recorded gap.
    private mutating func emitFold(_ c: NodeID, at: MapleSlot, range: PFNRange, number: String, depth: Int) {
        var row = MapleRow(node: at.node, depth: depth, marker: slotMarker(at))
        if h.exhausted.contains(c) { row.marker = (glyphs.pruned, .pruned) }
        row.body.append((number, .dim))
        let what: String
        if detail > 0 {
            what = "#\(c.raw)" + (detail == 1 ? (tree.isLeaf(c) ? " leaf" : " node") : "")
        } else if tree.isLeaf(c) {
            let k = tree.slotCount(c)
            what = "#\(c.raw) leaf, \(k) slot\(k == 1 ? "" : "s")"
        } else {
            let k = Self.subtreeCount(tree, c, cap: MaplePane.foldCountCap).map { "\($0)" } ?? "\(MaplePane.foldCountCap)+"
            what = "#\(c.raw) \(k) nodes"
        }
        let span = detail < 2 ? " " + MaplePane.label(range) : ""
        row.body.append(("\(glyphs.folded) \(what)\(span)", row.marker.role == .untouched ? .dim : .normal))
        row.body.append((" g=" + MaplePane.pages(tree.gap(at.node, at.slot)), .dim))
        if let tag = slotTags[at] ?? verdictTag(at, leaf: false) { row.tags.append(tag) }
        if let tag = nodeTags[c] { row.tags.append(tag) }
        place(row, node: c, slot: at)
    }

    /// Nodes under `n` (itself included), or nil when there are more than `cap`.
    static func subtreeCount(_ tree: any MapleTreeSource, _ n: NodeID, cap: Int) -> Int? {
        var count = 0
        var stack = [n]
        while let x = stack.popLast() {
            count += 1
            if count > cap { return nil }
            if !tree.isLeaf(x) { for i in 0..<tree.slotCount(x) { stack.append(tree.child(x, i)) } }
        }
        return count
    }
}
