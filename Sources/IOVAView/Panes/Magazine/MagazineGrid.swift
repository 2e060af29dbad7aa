import IOVACore

/// The columns of the magazine pane: a label, the CPUs, the depot. The CPUs are drawn in the
/// widest form that fits the pane, so 1 CPU reads as numbers and 64 still fit a row:
///
///     digits   `    cpu0    ◆cpu1` over `  3/  0  ◆127/ 12`  each magazine's fill as a number
///     levels   ` 0 ◆1`               over ` ▃· ◆█▁`             a fill glyph per magazine
///     packed   `0       ◆9`          over `▃·▁·····  ▁·····`    the same, a gap every 8 CPUs only
///     grouped  `   ◆cpu5  +63 cpus`  over ` ◆12/  0   340/127`  the focused CPU and the others summed
///
/// The marker `◆` stands before the focused CPU (over it in the packed form, which has no gap
/// per CPU), and the focused magazine takes the focus role: glyph and role, never colour alone.
struct MagazineGrid {
    enum Form: Equatable { case digits, levels, packed, grouped }

    static let labelWidth = 10
    /// `◆depot`: the marker, then the word the counts are right-aligned under.
    static let depotWidth = 6
    static let packedGroup = 8

    let form: Form
    let cpus: Int
    /// The CPU drawn on its own in the grouped form (the focused one, else CPU 0).
    let shown: Int
    let glyphs: Glyphs

    init(cpus: Int, focusCPU: Int?, width: Int, glyphs: Glyphs) {
        let n = max(1, cpus)
        self.cpus = n
        self.glyphs = glyphs
        shown = focusCPU ?? 0
        let forms: [Form] = [.digits, .levels, .packed]
        form = forms.first { Self.width($0, cpus: n) <= width } ?? .grouped
    }

    /// Columns of the CPU part in `form`.
    static func cpuWidth(_ form: Form, cpus: Int) -> Int {
        switch form {
        case .digits: 9 * cpus
        case .levels: 3 * cpus
        case .packed: 1 + 2 * cpus + (cpus - 1) / packedGroup
        case .grouped: 19
        }
    }

    static func width(_ form: Form, cpus: Int) -> Int {
        labelWidth + cpuWidth(form, cpus: cpus) + 1 + depotWidth
    }

    var depotX: Int { Self.labelWidth + Self.cpuWidth(form, cpus: cpus) + 1 }
    /// Where text after the grid may start.
    var end: Int { depotX + Self.depotWidth }

    /// The first column of CPU `cpu`'s cells (the marker goes in the column before, except packed).
    func cellX(_ cpu: Int) -> Int {
        let x0 = Self.labelWidth
        return switch form {
        case .digits: x0 + 9 * cpu + 2
        case .levels: x0 + 3 * cpu + 1
        case .packed: x0 + 1 + 2 * cpu + cpu / Self.packedGroup
        case .grouped: x0 + 2
        }
    }

    // MARK: Rows

    /// `magazines`, each CPU's number, `depot`.
    func header(focusCPU: Int?, focusDepot: Bool, into row: inout [Cell]) {
        row.write("magazines", at: 0, role: .title)
        let marker = String(glyphs.current)
        switch form {
        case .digits, .levels:
            let w = form == .digits ? 7 : 2
            for cpu in 0..<cpus {
                let text = form == .digits ? "cpu\(cpu)" : "\(cpu)"
                let x = cellX(cpu) + w - text.count
                row.write(text, at: x, role: cpu == focusCPU ? .magazineFocus : .dim)
                if cpu == focusCPU { row.write(marker, at: x - 1, role: .magazineFocus) }
            }
        case .packed:
            // The focused CPU's number with the marker over its cells; each group's first
            // CPU number where it does not touch that.
            if let focusCPU { row.write(marker + "\(focusCPU)", at: cellX(focusCPU), role: .magazineFocus) }
            for cpu in stride(from: 0, to: cpus, by: Self.packedGroup) { row.label("\(cpu)", at: cellX(cpu), role: .dim) }
        case .grouped:
            let text = "cpu\(shown)"
            let x = cellX(0) + 7 - text.count
            row.write(text, at: x, role: shown == focusCPU ? .magazineFocus : .dim)
            if shown == focusCPU { row.write(marker, at: x - 1, role: .magazineFocus) }
            let others = "+\(cpus - 1) cpu\(cpus == 2 ? "" : "s")"
            if cpus > 1 { row.write(others, at: cellX(0) + 17 - others.count, role: .dim) }
        }
        row.write("depot", at: depotX + 1, role: .dim)
        if focusDepot { row.write(marker, at: depotX, role: .magazineFocus) }
    }

    /// One size class: its label, every CPU's loaded and prev fill, the depot's magazines.
    func classRow(_ k: Int, facts: MagazineFacts, into row: inout [Cell]) {
        let focused = facts.focus?.sizeClass == k
        let marker = String(glyphs.current)
        if focused { row.write(marker, at: 0, role: .magazineFocus) }
        let label = MagazineFacts.classLabel(k)
        row.write(label, at: Self.labelWidth - 1 - label.count, role: focused ? .magazineFocus : .normal)
        let c = facts.rcache.classes[k]
        let focusCPU = focused ? facts.focus?.cpu : nil
        switch form {
        case .digits:
            for cpu in 0..<cpus { digits(cpu, c.cpus[cpu], k, facts, at: cellX(cpu), into: &row) }
        case .levels, .packed:
            for cpu in 0..<cpus {
                let x = cellX(cpu)
                row[safe: x] = level(c.cpus[cpu].loaded.count, marked: facts.isMarked(cpu: cpu, sizeClass: k, .loaded))
                row[safe: x + 1] = level(c.cpus[cpu].prev.count, marked: facts.isMarked(cpu: cpu, sizeClass: k, .prev))
            }
        case .grouped:
            digits(shown, c.cpus[shown], k, facts, at: cellX(0), into: &row)
            if cpus > 1 {
                let s = facts.sums(k, except: shown)
                let l = "\(s.loaded)", p = "\(s.prev)"
                let x = cellX(0) + 17 - l.count - 1 - p.count
                var at = x
                at = put(l, at: at, role: s.loaded > 0 ? .cachedFree : .dim, into: &row)
                at = put("/", at: at, role: .dim, into: &row)
                put(p, at: at, role: s.prev > 0 ? .cachedFree : .dim, into: &row)
            }
        }
        // The marker just before the focused CPU's figures (the packed form has no room for it).
        if let focusCPU, form != .packed {
            let x = form == .grouped ? cellX(0) : cellX(focusCPU)
            let digits = form == .levels ? 0 : 3 - "\(c.cpus[focusCPU].loaded.count)".count
            row.write(marker, at: x + digits - 1, role: .magazineFocus)
        }
        let depotMarked = facts.isMarked(cpu: nil, sizeClass: k, .depot)
        let n = "\(c.depot.count)"
        let nx = depotX + Self.depotWidth - n.count
        row.write(n, at: nx, role: depotMarked ? .magazineFocus : c.depot.isEmpty ? .dim : .cachedFree)
        if depotMarked { row.write(marker, at: nx - 1, role: .magazineFocus) }
    }

    /// `LLL/PPP`: the two fills right-aligned, the marked one in the focus role.
    private func digits(_ cpu: Int, _ pair: RCache.CPUMagazines, _ k: Int, _ facts: MagazineFacts, at x: Int, into row: inout [Cell]) {
        func role(_ n: Int, _ part: MagazineFacts.Part) -> StyleRole {
            facts.isMarked(cpu: cpu, sizeClass: k, part) ? .magazineFocus : n > 0 ? .cachedFree : .dim
        }
        let l = "\(pair.loaded.count)", p = "\(pair.prev.count)"
        row.write(l, at: x + 3 - l.count, role: role(pair.loaded.count, .loaded))
        row.write("/", at: x + 3, role: .dim)
        row.write(p, at: x + 7 - p.count, role: role(pair.prev.count, .prev))
    }

    /// A magazine's fill as one glyph: empty, the occupancy levels, full.
    func level(_ n: Int, marked: Bool) -> Cell {
        let levels = glyphs.levels
        let glyph: Unicode.Scalar
        if n <= 0 {
            glyph = glyphs.emptyMagazine
        } else if n >= RCache.magazineSize || levels.count < 3 {
            glyph = levels[levels.count - 1]
        } else {
            glyph = levels[min(levels.count - 2, 1 + (n - 1) * (levels.count - 2) / RCache.magazineSize)]
        }
        return Cell(glyph, marked ? .magazineFocus : n > 0 ? .cachedFree : .dim)
    }

    @discardableResult
    private func put(_ s: String, at x: Int, role: StyleRole, into row: inout [Cell]) -> Int {
        row.write(s, at: x, role: role)
        return x + s.unicodeScalars.count
    }
}

extension Array where Element == Cell {
    /// The cell at `i`; writes outside the row are dropped.
    subscript(safe i: Int) -> Cell {
        get { i >= 0 && i < count ? self[i] : .blank }
        set { if i >= 0 && i < count { self[i] = newValue } }
    }
}
