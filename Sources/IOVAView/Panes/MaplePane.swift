import IOVACore
import IOVAStepper

/// The maple tree pane: B-tree nodes as rows of slots, highest slot on top (so addresses
/// fall down the pane as in the rb-tree pane), children nested under the slot that holds them.
///
///     maple (2 levels, 5 nodes, 63 entries; slots high→low)
///     ◆ #2 node [0..2^64-1] 4/10
///       ✗ s3 ▸ #4 leaf, 1 slot [100000..2^64-1] g=2^64-0x100000  outside
///       ✗ s2 ▸ #3 leaf, 16 slots [fffc0..fffff] g=0x2            gap<ss
///       ● s1 #1 leaf [fff80..fffbf] 16/16 g=0x2                  take
///         ● s15 [fffbe..fffbf] █ alloc 0x2                       entry
///         ◆ s14 [fffbc..fffbd] ░ free 0x2                        gap<ss
///
/// A leaf slot row is `s<i> [lo..pivot]` (the last slot ends at the node's implied max) and
/// what it holds: `█ alloc`, `▓ resv` or `░ free` with its page count (on the DMA path `▚ cached`
/// for an entry a magazine holds: allocated in the tree, free to drivers). An internal slot row is
/// the child it holds and `g=` its `gap[i]`; a child on the search path (or changed by this
/// operation) opens in place, every other child folds into one summary line. Row markers say
/// what the search made of a slot: `◆` examined now, `●` read (taken, or an entry), `✗`
/// skipped, with the reason as a tag (`gap<size`/`gap<ss`, `outside`, `past window`); `·` not read.
/// Once the operation has changed the tree the frame shows the tree after it, where slots
/// have moved: the search's per-slot verdicts are then no longer drawn, the changed nodes are.
///
/// - Complexity: rows for the open nodes only (the path, the changed nodes and their
///   ancestors), O(height) reads per row, at most `foldCountCap` nodes counted per fold line;
///   never a walk of the whole tree.
/// `MAPLE_HEIGHT_MAX` (docs/algorithms/maple.md § Node geometry), a bound on any climb.
enum MapleTreeLimits { static let maxHeight = 31 }

public enum MaplePane {
    static let foldCountCap = 200

    /// Draws the maple tree of `frame` into `area` (clipped; never traps, even for 0×0).
    static func draw(_ frame: Frame, tree: any MapleTreeSource, in area: Rect, into buffer: inout CellBuffer, glyphs: Glyphs,
                     cached: CachedRanges? = nil) {
        guard !area.isEmpty else { return }
        buffer.fill(area)
        let levels = "\(tree.height) level\(tree.height == 1 ? "" : "s")"
        let nodes = "\(tree.nodeCount) node\(tree.nodeCount == 1 ? "" : "s")"
        let entries = "\(tree.entryCount) entr\(tree.entryCount == 1 ? "y" : "ies")"
        let title = "maple (\(levels), \(nodes), \(entries); slots high\(glyphs.arrow)low)"
        buffer.write(title, x: area.x, y: area.y, role: .title, clip: area)
        guard area.height > 1, tree.isLive(tree.root) else { return }

        var builder = MapleRowBuilder(tree: tree, frame: frame, glyphs: glyphs, cached: cached)
        let full = builder.rows()
        // A legend on the last line when there are rows to spare, or room enough.
        var treeRows = area.height - 1
        let legend = treeRows >= 8 || full.count < treeRows
        if legend { treeRows -= 1 }
        let window = Self.window(count: full.count, focus: builder.focusRow, rows: treeRows)
        var visible = Array(full[window.range])
        // Each row says less until it fits the width (every pass lays out the same rows).
        for detail in 1...MapleRowBuilder.maxDetail where visible.contains(where: { $0.width > area.width }) {
            builder.detail = detail
            let terse = builder.rows()[window.range]
            for (i, row) in zip(visible.indices, terse) where visible[i].width > area.width { visible[i] = row }
        }
        let tagColumn = Self.tagColumn(visible, width: area.width)
        var y = area.y + 1
        if window.above > 0, let first = visible.first {
            // What the rows in view lie in, since their headers are cut off.
            let text = "\(glyphs.ellipsis) \(window.above) more above, in " + Self.breadcrumb(first.node, tree: tree, glyphs: glyphs)
            buffer.write(text, x: area.x, y: y, role: .dim, clip: area)
            y += 1
        }
        for row in visible {
            row.draw(x: area.x, y: y, tagColumn: tagColumn, clip: area, into: &buffer, glyphs: glyphs)
            y += 1
        }
        if window.below > 0 {
            buffer.write("\(glyphs.ellipsis) \(window.below) more below", x: area.x, y: y, role: .dim, clip: area)
        }
        if legend { drawLegend(at: area.maxY - 1, in: area, into: &buffer, glyphs: glyphs, dmaPath: frame.rcache != nil) }
    }

    /// The rows shown: as many as fit, around `focus` (a third from the top, so the rows the
    /// search reads next, further down, stay in view), with a cut line where rows are left out.
    static func window(count: Int, focus: Int, rows: Int) -> (range: Range<Int>, above: Int, below: Int) {
        guard rows > 0 else { return (0..<0, 0, 0) }
        if count <= rows { return (0..<count, 0, 0) }
        // Cut lines take a row each: at most rows − 2 tree rows between two of them.
        let inner = max(1, rows - 2)
        var top = max(0, focus - inner / 3)
        if top == 0 {
            let n = rows - 1
            return (0..<n, 0, count - n)
        }
        if top + inner >= count - 1 {
            top = max(1, count - (rows - 1))
            return (top..<count, top, 0)
        }
        return (top..<(top + inner), top, count - top - inner)
    }

    /// A common column for the tags when every visible row's body leaves room for its tags.
    static func tagColumn(_ rows: [MapleRow], width: Int) -> Int? {
        let end = rows.map(\.bodyEnd).max() ?? 0
        let tags = rows.map(\.tagLength).max() ?? 0
        return tags > 0 && end + 2 + tags <= width ? end + 2 : nil
    }

    static func drawLegend(at y: Int, in area: Rect, into buffer: inout CellBuffer, glyphs: Glyphs, dmaPath: Bool = false) {
        var items: [[(String, StyleRole)]] = [
            [(String(glyphs.current), .current), (" now", .dim)],
            [(String(glyphs.visited), .visited), (" read", .dim)],
            [(String(glyphs.pruned), .pruned), (" skipped", .dim)],
            [(String(glyphs.untouched), .untouched), (" unread", .dim)],
            [(String(glyphs.allocated), .allocated), (" alloc", .dim)],
            [(String(glyphs.reserved), .reserved), (" resv", .dim)],
            [(String(glyphs.free), .free), (" free", .dim)],
            [(String(glyphs.folded), .dim), (" folded", .dim)],
        ]
        // On the DMA path an entry a magazine holds is drawn as cached (in the tree, free to drivers).
        if dmaPath { items.insert([(String(glyphs.cached), .cachedFree), (" cached", .dim)], at: 5) }
        var x = area.x
        for item in items {
            let w = item.reduce(0) { $0 + $1.0.unicodeScalars.count }
            guard x + w <= area.maxX else { break }
            for (text, role) in item { x = buffer.write(text, x: x, y: y, role: role, clip: area) }
            x += 2
        }
    }

    // MARK: Text

    /// The path from the root to `n`: `#2 s7 → #1`.
    static func breadcrumb(_ n: NodeID, tree: any MapleTreeSource, glyphs: Glyphs) -> String {
        var parts = ["#\(n.raw)"]
        var c = n
        while true {
            let (p, slot) = tree.parent(c)
            guard p.exists, parts.count < 2 * MapleTreeLimits.maxHeight else { break }
            parts.insert("#\(p.raw) s\(slot) \(glyphs.arrow)", at: 0)
            c = p
        }
        return parts.joined(separator: " ")
    }

    static func hex(_ v: UInt64) -> String { v == .max ? "2^64-1" : String(v, radix: 16) }

    /// A slot's or node's range: `[fff80..fffbf]`, `[fffff]` for one pfn, `2^64-1` for the top.
    static func label(_ r: PFNRange) -> String {
        r.lo == r.hi ? "[\(hex(r.lo))]" : "[\(hex(r.lo))..\(hex(r.hi))]"
    }

    /// A page count, exact: `0x2`, or `2^64-0x100000` near the top of the space.
    static func pages(_ v: UInt64) -> String {
        v >= (1 << 60) ? "2^64-0x" + String(0 &- v, radix: 16) : "0x" + String(v, radix: 16)
    }

    /// The pages of a run: `2^64` for the whole space (whose count does not fit a UInt64).
    static func pages(of r: PFNRange) -> String {
        r.hi &- r.lo == .max ? "2^64" : pages(r.hi - r.lo + 1)
    }
}
