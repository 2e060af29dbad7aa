import IOVACore
import IOVAStepper

// The tree pane's lines: what each line says (marker, label, colour, gap figures, tags) and
// where it goes (indent step, gap column, tag column), chosen for the lines in view.

/// One line of the tree part, ready to place.
struct TreeRow {
    /// What is drawn left of the label at one depth level.
    enum Group { case blank, vertical, up, down }

    var depth = 0
    /// Levels 1…depth; the last one is the line's own branch.
    var groups: [Group] = []
    /// Marker, label, colour letter.
    var body: [(text: String, role: StyleRole)] = []
    /// The values of `g=`, `mg=`, `mg32=`, `key=` (nil: not shown on this line).
    var gaps: [String?] = [nil, nil, nil, nil]
    static let gapKeys = ["g=", "mg=", "mg32=", "key="]
    var gapRole: StyleRole = .dim
    var tags: [(text: String, role: StyleRole)] = []

    // Placement, set by `TreePane.layoutRows`.
    var step = 4
    var shift = 0
    var branchUp = ""
    var branchDown = ""
    var vertical: Unicode.Scalar = "|"
    /// Gap column start (relative to the pane) and value widths; nil: after the tags.
    var gapColumn: Int? = nil
    var valueWidths: [Int] = [0, 0, 0, 0]
    var tagColumn: Int? = nil

    var isCut = false
    var bodyLength: Int { body.reduce(0) { $0 + $1.text.unicodeScalars.count } }
    var tagLength: Int { tags.reduce(0) { $0 + $1.text.unicodeScalars.count + 1 } - (tags.isEmpty ? 0 : 1) }
    var labelColumn: Int { max(0, depth - shift) * step }

    func draw(x x0: Int, y: Int, clip: Rect, into buffer: inout CellBuffer) {
        // Tree lines.
        for (i, g) in groups.enumerated() where i + 1 > shift {
            let col = x0 + (i - shift) * step
            switch g {
            case .blank: break
            case .vertical: buffer.put(col, y, vertical, .dim, clip: clip)
            case .up: buffer.write(branchUp, x: col, y: y, role: .dim, clip: clip)
            case .down: buffer.write(branchDown, x: col, y: y, role: .dim, clip: clip)
            }
        }
        var x = x0 + labelColumn
        for seg in body { x = buffer.write(seg.text, x: x, y: y, role: seg.role, clip: clip) }
        // Tags (short, and they say why) in their column, then the gap figures in theirs, keys
        // aligned and values right-aligned; each just after the text before it when its
        // column does not fit.
        if !tags.isEmpty {
            x = tagColumn.map { max(x + 2, x0 + $0) } ?? x + 2
            drawTags(&x, y, clip, &buffer)
        }
        if let gapColumn {
            var gx = x0 + gapColumn
            for (i, w) in valueWidths.enumerated() where w > 0 {
                if let v = gaps[i] {
                    let key = Self.gapKeys[i]
                    buffer.write(key, x: gx, y: y, role: gapRole, clip: clip)
                    buffer.write(v, x: gx + key.unicodeScalars.count + w - v.unicodeScalars.count, y: y, role: gapRole, clip: clip)
                }
                gx += Self.gapKeys[i].unicodeScalars.count + w + 1
            }
        } else {
            x += 1
            for (i, v) in gaps.enumerated() {
                guard let v else { continue }
                x = buffer.write(Self.gapKeys[i] + v, x: x + 1, y: y, role: gapRole, clip: clip)
            }
        }
    }

    private func drawTags(_ x: inout Int, _ y: Int, _ clip: Rect, _ buffer: inout CellBuffer) {
        for (i, tag) in tags.enumerated() {
            x = buffer.write(tag.text, x: x + (i == 0 ? 0 : 1), y: y, role: tag.role, clip: clip)
        }
    }
}

/// Builds the rows of one frame.
struct RowContext {
    let tree: any RBTreeSource
    let frame: Frame
    let pruned: [NodeID: PruneReason]
    let marks: (anchor: NodeID, cached: NodeID, cached32: NodeID)
    let glyphs: Glyphs
    /// Ranges a magazine holds (DMA path).
    var cached: CachedRanges? = nil

    func row(_ line: TreeLine) -> TreeRow {
        var row = TreeRow()
        switch line {
        case .cut(let above):
            row.body = [(glyphs.ellipsis + (above ? " more above" : " more below"), .dim)]
            row.isCut = true
        case .item(let item):
            placeInTree(item.id, &row)
            switch item {
            case .node(let n): nodeBody(n, &row)
            case .closed(let n):
                if tree.left(n).isNone && tree.right(n).isNone {
                    nodeBody(n, &row)
                } else {
                    foldBody(n, &row)
                }
            }
        }
        return row
    }

    /// Depth and the tree lines left of the label (Krenzel's sideways print): at the level of
    /// an ancestor, a vertical line when the node lies between that ancestor and its parent.
    private func placeInTree(_ n: NodeID, _ row: inout TreeRow) {
        var chain = [n]     // n, its parent, …, the root
        var p = tree.parent(n)
        while p.exists {
            chain.append(p)
            p = tree.parent(p)
        }
        let depth = chain.count - 1
        row.depth = depth
        guard depth > 0 else { return }
        row.groups.reserveCapacity(depth)
        // chain[depth - i] is the ancestor at depth i (i = depth: the node itself).
        for i in 1...depth {
            let a = chain[depth - i]
            let aIsRight = tree.right(chain[depth - i + 1]) == a
            if i == depth {
                row.groups.append(aIsRight ? .up : .down)
            } else {
                let next = chain[depth - i - 1]
                let nextIsLeft = tree.left(a) == next
                // A right child's left subtree lies between it and its parent, and vice versa.
                row.groups.append(aIsRight == nextIsLeft ? .vertical : .blank)
            }
        }
    }

    private func state(_ n: NodeID) -> (Unicode.Scalar, StyleRole) {
        let h = frame.highlights
        if n == h.current { return (glyphs.current, .current) }
        if pruned[n] != nil { return (glyphs.pruned, .pruned) }
        if h.visited.contains(n) { return (glyphs.visited, .visited) }
        return (glyphs.untouched, .untouched)
    }

    private func gapFigures(_ info: GapInfo?, own: Bool, _ row: inout TreeRow) {
        guard let info else { return }
        if own { row.gaps[0] = TreePane.gapText(info.gap) }
        row.gaps[1] = TreePane.gapText(info.maxGap)
        if let m = info.maxGap32 { row.gaps[2] = TreePane.gapText(m) }
        if let k = info.alignKey { row.gaps[3] = TreePane.keyText(k) }
    }

    private func nodeBody(_ n: NodeID, _ row: inout TreeRow) {
        let (marker, role) = state(n)
        let colour = tree.color(n)
        row.body = [(String(marker) + " " + TreePane.label(tree.range(n)), role),
                    (" ", .normal),
                    (colour == .red ? "R" : "B", colour == .red ? .nodeRed : .nodeBlack)]
        gapFigures(tree.gapInfo(n), own: true, &row)
        row.gapRole = role == .untouched ? .dim : .normal
        tags(n, &row)
    }

    private func foldBody(_ n: NodeID, _ row: inout TreeRow) {
        let count = TreePane.subtreeCount(tree, n, cap: TreePane.foldCountCap).map { "\($0)" } ?? "\(TreePane.foldCountCap)+"
        let span = TreePane.spanLabel(TreePane.subtreeSpan(tree, n))
        let summary = "\(glyphs.folded) \(count) nodes \(span)"
        if pruned[n] != nil {
            // A pruned subtree: its root (the node the decision read) and what was skipped.
            nodeBody(n, &row)
            row.body.append((" " + summary, .pruned))
            row.gaps[0] = nil
            row.gapRole = .normal
        } else {
            row.body = [(summary, .dim)]
            gapFigures(tree.gapInfo(n), own: false, &row)
            tags(n, &row)
        }
    }

    private func tags(_ n: NodeID, _ row: inout TreeRow) {
        let h = frame.highlights
        if let reason = pruned[n] {
            let text = switch reason {
            case .maxGapTooSmall: "max_gap<size"
            case .maxGap32TooSmall: "max_gap32<size"
            case .aboveLimit: "above limit"
            case .alignKeyTooSmall: "key<2^o+size"
            }
            row.tags.append((text, .pruned))
        }
        var evented = false
        if let e = frame.event, let text = eventTag(e, n) {
            row.tags.append((text, .current))
            evented = true
        }
        if let found = h.found, tree.range(n) == found {
            row.tags.append((String(glyphs.found) + " new", .found))
        }
        magazineTags(n, &row)
        if n == marks.cached { row.tags.append(("C", .cachedMarker)) }
        if n == marks.cached32 { row.tags.append(("C32", .cachedMarker)) }
        if !evented && h.touched.contains(n) { row.tags.append(("changed", .title)) }
    }

    /// DMA path: what the magazine step does to `n` (popped, pushed, passed over by the pop)
    /// and whether a magazine holds it.
    private func magazineTags(_ n: NodeID, _ row: inout TreeRow) {
        let h = frame.highlights
        let r = tree.range(n)
        switch h.magazine?.action {
        case .popped(let pfn)? where r.contains(pfn): row.tags.append(("\(glyphs.current) popped", .magazineFocus))
        case .pushed(let pfn)? where r.contains(pfn): row.tags.append(("\(glyphs.current) pushed", .magazineFocus))
        default: break
        }
        if h.skippedPFNs.contains(where: { r.contains($0) }) { row.tags.append(("\(glyphs.pruned) skipped", .pruned)) }
        if let cached, cached.contains(r) { row.tags.append((String(glyphs.cached) + " cached", .cachedFree)) }
    }

    /// What this step's event did to `n`, in a word or two.
    private func eventTag(_ e: AllocatorEvent, _ n: NodeID) -> String? {
        let arrow = glyphs.arrow
        switch e {
        case let .searchStarted(_, _, _, start, _) where start == n: return "search starts here"
        case let .gapExamined(upper, _, _, _, fits) where upper == n: return fits ? "gap below fits" : "gap below too small"
        case let .gapChecked(m, _, _, _, fits) where m == n: return fits ? "gap below fits" : "gap below: no fit"
        case let .backtrack(m, side) where m == n: return "back from \(side == .right ? "right" : "left")"
        case let .retry(start, _, _) where start == n: return "retry from here"
        case let .found(lo, hi, hint) where hint == n:
            return "\(glyphs.found) \(TreePane.label(PFNRange(lo: lo, hi: hi))) goes below"
        case let .linked(m, _) where m == n: return "linked"
        case let .rotated(old, new) where old == n || new == n: return new == n ? "rotated up" : "rotated down"
        case let .recolored(m, c) where m == n: return "recolour\(arrow)\(c == .red ? "R" : "B")"
        case let .erased(_, replacement) where replacement == n: return "replaces the erased node"
        case let .augmentChanged(m, field, from, to) where m == n:
            let name = switch field {
            case .gap: "g"
            case .maxGap: "mg"
            case .gap32: "g32"
            case .maxGap32: "mg32"
            case .leftAlignKey: "lkey"
            case .rightAlignKey: "rkey"
            }
            if field == .leftAlignKey || field == .rightAlignKey {
                return "\(name) \(TreePane.keyText(AlignKey(packed: from)))\(arrow)\(TreePane.keyText(AlignKey(packed: to)))"
            }
            return "\(name) \(TreePane.gapText(from, exact: true))\(arrow)\(TreePane.gapText(to, exact: true))"
        case let .cacheMoved(slot, _, to) where to == n: return "\(slot == .cached ? "C" : "C32") moves here"
        case let .stretched(m, _, _) where m == n: return "stretched down"
        default: return nil
        }
    }
}

extension TreePane {
    /// Chooses the indent step (4, 3 or 2 columns per level; then shifting deep lines left),
    /// the gap column and the tag column, so that the lines in view fit `width` where possible:
    /// the widest step with which everything fits; else 3 (or 2 if it must: its branch runs into
    /// the marker), with the figures following each line when their column does not fit; else
    /// deep lines shift left.
    static func layoutRows(_ rows: inout [TreeRow], width: Int, glyphs: Glyphs) {
        let keep = 20       // body columns each line keeps visible when indenting
        var valueWidths = [0, 0, 0, 0]
        for r in rows {
            for i in 0..<4 { valueWidths[i] = max(valueWidths[i], r.gaps[i]?.unicodeScalars.count ?? 0) }
        }
        let used = (0..<4).filter { valueWidths[$0] > 0 }
        let gapWidth = used.reduce(0) { $0 + TreeRow.gapKeys[$1].unicodeScalars.count + valueWidths[$1] } + max(0, used.count - 1)
        let tagWidth = rows.map(\.tagLength).max() ?? 0
        func bodyEnd(_ step: Int, _ shift: Int) -> Int {
            rows.map { max(0, $0.depth - shift) * step + $0.bodyLength }.max() ?? 0
        }
        // Levels blank on every line in view (the window starts deep in the tree) are dropped.
        let trim = rows.filter { !$0.body.isEmpty && !$0.isCut }
            .map { r in r.groups.firstIndex { $0 != .blank } ?? r.depth }.min() ?? 0
        func total(_ step: Int) -> Int {
            var w = bodyEnd(step, trim)
            if gapWidth > 0 { w += 2 + gapWidth }
            if tagWidth > 0 { w += 2 + tagWidth }
            return w
        }
        func labelsFit(_ step: Int, _ shift: Int) -> Bool {
            rows.allSatisfy { max(0, $0.depth - shift) * step + min($0.bodyLength, keep) <= width }
        }
        var step = 2, shift = trim
        if let s = [4, 3].first(where: { total($0) <= width }) {
            step = s
        } else if let s = [3, 2].first(where: { labelsFit($0, trim) }) {
            step = s
        } else {
            let maxDepth = max(trim, rows.map(\.depth).max() ?? 0)
            shift = (trim...maxDepth).first { labelsFit(2, $0) } ?? maxDepth
        }
        func branch(_ s: String) -> String {
            let scalars = Array(s.unicodeScalars)
            var out = String(String.UnicodeScalarView(scalars.prefix(step >= 4 ? step : 2)))
            if step == 3 { out += " " }
            return out
        }
        let up = branch(glyphs.branchUp), down = branch(glyphs.branchDown)
        let end = bodyEnd(step, shift)
        // The tag column right after the longest body, the gap column after the tags, each
        // when it fits.
        let tagColumn: Int? = tagWidth > 0 && end + 2 + tagWidth <= width ? end + 2 : nil
        var gapColumn: Int? = nil
        if gapWidth > 0 && (tagWidth == 0 || tagColumn != nil) {
            let column = tagColumn.map { $0 + tagWidth + 2 } ?? end + 2
            if column + gapWidth <= width { gapColumn = column }
        }
        for i in rows.indices {
            rows[i].step = step
            rows[i].shift = shift
            rows[i].branchUp = up
            rows[i].branchDown = down
            rows[i].vertical = glyphs.vertical
            rows[i].gapColumn = gapColumn
            rows[i].valueWidths = valueWidths
            rows[i].tagColumn = tagColumn
        }
    }
}
