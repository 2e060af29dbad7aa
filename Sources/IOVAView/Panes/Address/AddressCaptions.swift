/// The pane's title (what the domain is) and its legend (what each glyph means), both cut
/// at a whole piece rather than mid-word when the pane is narrow.
struct AddressCaptions {
    let title: [Cell]
    let legend: [Cell]

    init(facts: AddressFacts, look: AddressLook, width: Int) {
        title = Self.titleRow(facts, glyphs: look.glyphs, width: width)
        legend = Self.legendRow(look, width: width)
    }

    static func titleRow(_ facts: AddressFacts, glyphs: Glyphs, width: Int) -> [Cell] {
        var parts: [(String, StyleRole)] = [("address space", .title)]
        parts.append(("  pfn low\(glyphs.arrow)high", .dim))
        parts.append((", \(AddressFormat.bytes(pages: 1, granule: facts.granule))iB pages", .dim))
        parts.append((", \(facts.liveCount) range\(facts.liveCount == 1 ? "" : "s")", .dim))
        if let limit = facts.limit {
            parts.append((", limit \(AddressFormat.hex(limit))" + (facts.dmaName(limit).map { " (\($0))" } ?? ""), .dim))
        }
        parts.append((", top \(AddressFormat.hex(facts.maxPFN))", .dim))
        return .pieces(parts, width: width)
    }

    /// As many whole entries as fit, most needed first.
    static func legendRow(_ look: AddressLook, width: Int) -> [Cell] {
        let g = look.glyphs
        func mark(_ k: AddressMarker.Kind, _ word: String) -> [(String, StyleRole)] { [(k.text(g), k.role), (" " + word, .dim)] }
        let items: [[(String, StyleRole)]] = [
            [(String(g.allocated), .allocated), (" alloc", .dim)],
            [(String(g.free), .free), (" free", .dim)],
            [(String(g.examined), .gapExamined), (" examined", .dim)],
            [(String(g.found), .found), (" found", .dim)],
            look.dmaPath ? [(String(g.cached), .cachedFree), (" cached free", .dim)] : [],
            [(String(g.axisBreak) + "4G" + String(g.axisBreak), .free), (" gap (bytes)", .dim)],
            mark(.candidate, "candidate"),
            mark(.current, "node"),
            mark(.limit, "limit"),
            mark(.boundary, "dma32"),
            // On the DMA path "cached" alone would read as the magazines' cached pfns.
            [("C", .cachedMarker), ("/", .dim), ("C32", .cachedMarker), (look.dmaPath ? " cached node" : " cached", .dim)],
            mark(.start, "start"),
            mark(.anchor, "anchor"),
            [(String(look.partial(1, of: 2)), .allocated), (" part used", .dim)],
        ].filter { !$0.isEmpty }
        var parts: [(String, StyleRole)] = []
        var x = 0
        for (i, item) in items.enumerated() {
            let sep = i == 0 ? "" : "  "
            let n = sep.count + item.reduce(0) { $0 + $1.0.unicodeScalars.count }
            if x + n > width { break }
            if !sep.isEmpty { parts.append((sep, .dim)) }
            parts.append(contentsOf: item)
            x += n
        }
        return .pieces(parts, width: width)
    }
}
