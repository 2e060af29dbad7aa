import IOVACore
import IOVAStepper

/// The magazine pane's sentences: the step's line under the grid, and the one-line summary the
/// pane folds to when it has a single row. Both name the focused magazine with the marker and
/// the focus role, and the pfns a pop passed over with the pruned glyph and role.
enum MagazineLines {
    /// `◆ cpu 2, 4 pages: popped 0xffff8 from loaded (13 left)  ✗ skipped 1 above 0xffffc: 0xffffd8`,
    /// or what is cached when no magazine is being worked on.
    static func step(_ facts: MagazineFacts, glyphs: Glyphs, width: Int) -> [Cell] {
        var parts: [(String, StyleRole)] = []
        if let focus = facts.focus {
            parts.append((String(glyphs.current), .magazineFocus))
            // The whole sentence, else a few words, so a narrow pane still says what happened
            // and which pfns the pop passed over.
            let long = " cpu \(focus.cpu), \(MagazineFacts.classLabel(focus.sizeClass)): " + action(focus, facts)
            let short = " cpu \(focus.cpu) \(MagazineFacts.pages(focus.sizeClass))p " + word(focus.action)
            let skippedRoom = facts.skipped.first.map { 2 + skippedHead(facts, glyphs: glyphs).count + 1 + AddressFormat.hex($0).count } ?? 0
            parts.append((1 + long.unicodeScalars.count + skippedRoom <= width ? long : short, .normal))
        } else {
            let n = facts.rcache.cachedCount
            parts.append(("\(n) pfn\(n == 1 ? "" : "s") cached: allocated in the tree, free to drivers", .dim))
            let pending = (0..<RCache.classCount).filter { facts.rcache.classes[$0].trimPending }
            if !pending.isEmpty {
                parts.append(("; depot trim pending for " + pending.map { "\(MagazineFacts.pages($0))p" }.joined(separator: ", "), .dim))
            }
        }
        var row = [Cell].pieces(parts, width: width)
        let used = parts.reduce(0) { $0 + $1.0.unicodeScalars.count }
        if !facts.skipped.isEmpty { skippedList(facts, glyphs: glyphs, from: used + 2, into: &row) }
        return row
    }

    /// `magazines: 312 cached, depot 3  ◆ cpu 2 4p popped 0xffff8  ✗ 1 skipped`.
    static func summary(_ facts: MagazineFacts, glyphs: Glyphs, width: Int) -> [Cell] {
        var parts: [(String, StyleRole)] = [("magazines", .title)]
        parts.append((": \(facts.rcache.cachedCount) cached, depot \(facts.depotTotal)", .dim))
        if let focus = facts.focus {
            parts.append(("  " + String(glyphs.current), .magazineFocus))
            parts.append((" cpu \(focus.cpu) \(MagazineFacts.pages(focus.sizeClass))p " + word(focus.action), .normal))
        }
        if !facts.skipped.isEmpty { parts.append(("  \(glyphs.pruned) \(facts.skipped.count) skipped", .pruned)) }
        return .pieces(parts, width: width)
    }

    /// What the step does to the focused magazine, with the figures after it.
    static func action(_ focus: MagazineFocus, _ facts: MagazineFacts) -> String {
        let c = facts.rcache.classes[focus.sizeClass]
        let pair = c.cpus[focus.cpu]
        switch focus.action {
        case .looking:
            return "looking: loaded \(pair.loaded.count), prev \(pair.prev.count), depot \(c.depot.count)"
        case .swapped:
            return "loaded and prev swapped (loaded now \(pair.loaded.count))"
        case .fromDepot:
            return "a full magazine from the depot is loaded (depot \(c.depot.count))"
        case .missed:
            guard let bound = facts.bound, !pair.loaded.isEmpty else { return "miss: nothing cached, on to the tree" }
            return "miss: no pfn at or below \(AddressFormat.hex(bound)), on to the tree"
        case .toDepot:
            return "loaded was full: into the depot (depot \(c.depot.count)), a new loaded"
        case .popped(let pfn):
            return "popped \(AddressFormat.hex(pfn)) from loaded (\(pair.loaded.count) left)"
        case .pushed(let pfn):
            return "pushed \(AddressFormat.hex(pfn)) into loaded (\(pair.loaded.count)/\(RCache.magazineSize))"
        }
    }

    /// The action in a word or two, for the summary line.
    static func word(_ action: MagazineFocus.Action) -> String {
        switch action {
        case .looking: "looking"
        case .swapped: "swapped"
        case .fromDepot: "from depot"
        case .missed: "miss"
        case .toDepot: "to depot"
        case .popped(let pfn): "popped " + AddressFormat.hex(pfn)
        case .pushed(let pfn): "pushed " + AddressFormat.hex(pfn)
        }
    }

    /// `✗ skipped 2 above 0xffffc:`
    static func skippedHead(_ facts: MagazineFacts, glyphs: Glyphs) -> String {
        var head = "\(glyphs.pruned) skipped \(facts.skipped.count)"
        if let bound = facts.bound { head += " above \(AddressFormat.hex(bound))" }
        return head + ":"
    }

    /// `✗ skipped 2 above 0xffffc: 0xffffd8, 0xffffd0 +3`: as many pfns as fit, then how many
    /// more (the whole line is dropped when not even the first fits).
    static func skippedList(_ facts: MagazineFacts, glyphs: Glyphs, from x: Int, into row: inout [Cell]) {
        let n = facts.skipped.count
        let head = skippedHead(facts, glyphs: glyphs)
        var items: [String] = []
        var length = head.unicodeScalars.count
        for (i, pfn) in facts.skipped.enumerated() {
            let item = " " + AddressFormat.hex(pfn) + (i + 1 < n ? "," : "")
            let rest = i + 1 < n ? " +\(n - i - 1)".count : 0
            if x + length + item.count + rest > row.count { break }
            items.append(item)
            length += item.count
        }
        guard !items.isEmpty else { return }
        var text = head + items.joined()
        if items.count < n {
            text.removeLast()  // the comma before the count
            text += " +\(n - items.count)"
        }
        row.write(text, at: x, role: .pruned)
    }
}
