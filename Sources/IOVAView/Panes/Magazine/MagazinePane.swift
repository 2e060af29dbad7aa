import IOVACore
import IOVAStepper

/// The "Magazines" pane of the DMA path (docs/screen.md § Magazines): the per-CPU caches in
/// front of the tree, drawn only when the frame has them.
///
///     magazines      cpu0     cpu1    ◆cpu2     cpu3  depot  loaded/prev pfns of 127
///        1 page     0/  0    0/  0    0/  0    0/  0      0
///     ◆ 4 pages     0/  0    0/  0  ◆14/  0    0/  0      0
///     …
///     ◆ cpu 2, 4 pages: popped 0xffff8 from loaded (14 left)  ✗ skipped 1 above 0xffffc: 0xffffd8
///
/// One row per size class, the CPUs as columns in the widest form that fits (`MagazineGrid`),
/// then the step's line. With fewer rows the focused class and the classes holding pfns stay
/// and the header says how many are hidden; with one row the pane is a one-line summary.
public enum MagazinePane {
    /// The header, one row per size class, the step's line.
    public static let preferredRows = RCache.classCount + 2

    /// Draws the caches of `frame` into `area` (clipped; never traps for any area). Draws
    /// nothing off the DMA path.
    public static func draw(_ frame: Frame, in area: Rect, into buffer: inout CellBuffer, glyphs: Glyphs) {
        let visible = area.clipped(to: buffer.area)
        guard !visible.isEmpty, let facts = MagazineFacts(frame) else { return }
        buffer.fill(visible)
        let width = min(area.width, 4096)
        for (i, row) in rows(facts, width: width, height: area.height, glyphs: glyphs).enumerated() {
            for (x, cell) in row.enumerated() where cell != .blank {
                buffer.put(area.x + x, area.y + i, cell.glyph, cell.role, clip: visible)
            }
        }
    }

    /// The pane's rows at `width`×`height`, top to bottom.
    static func rows(_ facts: MagazineFacts, width: Int, height: Int, glyphs: Glyphs) -> [[Cell]] {
        guard height > 0, width > 0 else { return [] }
        if height == 1 { return [MagazineLines.summary(facts, glyphs: glyphs, width: width)] }
        let focus = facts.focus
        let grid = MagazineGrid(cpus: facts.rcache.cpuCount, focusCPU: focus?.cpu, width: width, glyphs: glyphs)
        let stepLine = height >= 3
        let classes = shownClasses(facts, rows: height - 1 - (stepLine ? 1 : 0))

        var header = [Cell].blank(width)
        grid.header(focusCPU: focus?.cpu, focusDepot: focus.map { facts.isMarked(cpu: nil, sizeClass: $0.sizeClass, .depot) } ?? false,
                    into: &header)
        var notes: [(String, StyleRole)] = []
        let hidden = RCache.classCount - classes.count
        if hidden > 0 { notes.append(("+\(hidden) class\(hidden == 1 ? "" : "es") not shown", .dim)) }
        notes.append((legend(grid), .dim))
        var x = grid.end + 2
        for (text, role) in notes where x + text.unicodeScalars.count <= width {
            header.write(text, at: x, role: role)
            x += text.unicodeScalars.count + 2
        }

        var out = [header]
        for k in classes {
            var row = [Cell].blank(width)
            grid.classRow(k, facts: facts, into: &row)
            out.append(row)
        }
        if stepLine { out.append(MagazineLines.step(facts, glyphs: glyphs, width: width)) }
        return out
    }

    /// The classes for `rows` rows, in class order: all when they fit, else the focused class,
    /// then those holding pfns, then the empty ones.
    static func shownClasses(_ facts: MagazineFacts, rows: Int) -> [Int] {
        let all = Array(0..<RCache.classCount)
        guard rows < all.count else { return all }
        let focused = facts.focus.map { [$0.sizeClass] } ?? []
        let order = focused + all.filter { !focused.contains($0) && !facts.isEmpty($0) }
            + all.filter { !focused.contains($0) && facts.isEmpty($0) }
        return order.prefix(max(0, rows)).sorted()
    }

    /// What the cells mean, in the grid's form.
    static func legend(_ grid: MagazineGrid) -> String {
        let g = grid.glyphs
        switch grid.form {
        case .digits, .grouped:
            return "loaded/prev pfns of \(RCache.magazineSize)"
        case .levels, .packed:
            // Each distinct level once: `▁▂▃▄▅▆▇█`, in ASCII `.:+#`.
            var levels = String.UnicodeScalarView()
            for s in g.levels.dropFirst() where levels.last != s { levels.append(s) }
            return "\(String(levels)) loaded,prev fill of \(RCache.magazineSize)  \(g.emptyMagazine) empty"
        }
    }
}
