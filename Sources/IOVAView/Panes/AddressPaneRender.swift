import IOVACore
import IOVAStepper

/// A marker as drawn on a row: the markers sharing a column merged into one label (`L/C32`).
struct PlacedMarker {
    var kinds: [AddressMarker.Kind]
    var pfn: UInt64
    /// The column the pfn maps to, and the column the label starts at (moved right, or left at
    /// the edge, only to keep labels apart, never out of order).
    var target: Int
    var column: Int
    var text: String
    /// Whether the right edge forced neighbouring labels into this one.
    var squeezed = false
}

/// Every row of the address pane for one frame, `width` cells each. Asks the frame's range
/// index for the largest free gaps and for the allocated pfns under each cell, so the cost
/// follows the cells drawn rather than the ranges live.
struct AddressRender {
    let width: Int
    let glyphs: Glyphs
    let facts: AddressFacts
    let axis: AddressAxis
    /// The highest pfn the minimap and the zoom levels cover: `16^d - 1` for the fewest hex
    /// digits `d` holding every range, the limit and the 4 GiB boundary (all above is empty).
    let extent: UInt64
    let digits: Int
    let zoom: Int
    let window: PFNRange?
    let zoomPer: UInt64
    let zoomCells: Int

    private(set) var bar: [Cell]
    private(set) var barMarkers: [PlacedMarker] = []
    private(set) var markerRow: [Cell]
    /// The markers with the regions' first pfns where there is room (when no labels row).
    private(set) var markerLabelRow: [Cell]
    /// The first and last pfn of each region, where there is room.
    private(set) var labelRow: [Cell]
    private(set) var minimap: [Cell]
    private(set) var zoomHeader: [Cell]
    private(set) var zoomRow: [Cell]
    private(set) var zoomMarkers: [PlacedMarker] = []
    private(set) var zoomMarkerRow: [Cell]
    private(set) var title: [Cell]
    private(set) var legend: [Cell]

    init(frame: Frame, view: AddressView, width: Int, glyphs: Glyphs) {
        let width = max(0, width)
        self.width = width
        self.glyphs = glyphs
        let facts = AddressFacts(frame: frame)
        self.facts = facts
        let maxPFN = facts.maxPFN
        let blankRow = [Cell](repeating: .blank, count: width)
        bar = blankRow
        markerRow = blankRow
        markerLabelRow = blankRow
        labelRow = blankRow
        minimap = blankRow
        zoomHeader = blankRow
        zoomRow = blankRow
        zoomMarkerRow = blankRow
        title = blankRow
        legend = blankRow

        // The largest free gaps (a bounded heap; blocks of ranges whose widest inner gap cannot
        // enter it are skipped), the highest range.
        let ranges = frame.ranges
        var heap = TopGaps(capacity: width / 2 + 24)
        ranges.forEachGap(upTo: maxPFN, worthScanning: { heap.wouldAccept(size: $0) }) { g in
            heap.offer(AddressPiece(lo: g.lo, hi: g.hi))
        }
        let highest = ranges.last(startingAtOrBelow: maxPFN).map { min($0.hi, maxPFN) }

        // Split the gaps at the markers' pfns so that no marker hides inside a break.
        let cuts = facts.cuts
        var pieces: [AddressPiece] = []
        for g in heap.items {
            var lo = g.lo
            var i = Self.firstIndex(cuts, above: g.lo)
            while i < cuts.count, cuts[i] <= g.hi {
                pieces.append(AddressPiece(lo: lo, hi: cuts[i] - 1))
                lo = cuts[i]
                i += 1
            }
            pieces.append(AddressPiece(lo: lo, hi: g.hi))
        }
        pieces.sort { $0.size != $1.size ? $0.size > $1.size : $0.lo < $1.lo }
        let axis = AddressAxis(width: width, maxPFN: maxPFN, hasAnchor: facts.hasAnchor, gaps: pieces)
        self.axis = axis

        // The minimap's extent and the zoom window.
        let top = max(highest ?? 0, facts.limit ?? 0, facts.dma32PFN - 1, facts.startPFN)
        let digits = max(1, (64 - top.leadingZeroBitCount + 3) / 4)
        self.digits = digits
        extent = digits >= 16 ? maxPFN : min(maxPFN, (UInt64(1) << UInt64(4 * digits)) - 1)
        let zoom = view.zoom > 0 ? min(view.zoom, digits - 1) : 0
        self.zoom = zoom
        if zoom > 0 {
            let span = UInt64(1) << UInt64(4 * (digits - zoom))
            let centre = min(view.centre ?? facts.follow(fallback: highest ?? facts.dma32PFN - 1), maxPFN)
            let lo = centre & ~(span - 1)
            window = PFNRange(lo: lo, hi: min(maxPFN, lo + (span - 1)))
            var cells = 1
            while cells * 2 <= min(width, 256) && UInt64(cells * 2) <= span { cells *= 2 }
            zoomCells = width > 0 ? cells : 0
            zoomPer = span / UInt64(max(1, cells))
        } else {
            window = nil
            zoomCells = 0
            zoomPer = 1
        }

        // Minimap geometry: "map " prefix and "..0x…" suffix (the extent's top) when there is room.
        let suffix = " .." + AddressFormat.hex(extent)
        let prefix = width >= 24 ? "map " : ""
        let showSuffix = width - prefix.count - suffix.unicodeScalars.count >= 16
        let miniX = prefix.count
        let miniCells = max(0, width - miniX - (showSuffix ? suffix.unicodeScalars.count : 0))
        let extentCount = extent &+ 1  // 0 only if the extent were all of 2^64
        let mini = MiniScale(cells: miniCells, count: extentCount == 0 ? .max : extentCount)

        // Allocated pfns per cell of the bar, the minimap and the zoom row: two prefix-sum
        // queries of the range index per cell.
        var barAlloc = [UInt64](repeating: 0, count: width)
        var regionUsed = [Bool](repeating: false, count: axis.items.count)
        for (k, it) in axis.items.enumerated() where !it.isBreak {
            regionUsed[k] = ranges.allocated(in: PFNRange(lo: it.lo, hi: it.hi)) > 0
            guard regionUsed[k] else { continue }
            for j in 0..<it.width where it.x + j < width {
                barAlloc[it.x + j] = ranges.allocated(in: it.cell(j))
            }
        }
        var miniAlloc = [UInt64](repeating: 0, count: miniCells)
        for j in 0..<mini.cells { miniAlloc[j] = ranges.allocated(in: mini.range(j)) }
        var zoomAlloc = [UInt64](repeating: 0, count: zoomCells)
        if let window {
            for j in 0..<zoomCells {
                let lo = window.lo + UInt64(j) * zoomPer
                zoomAlloc[j] = ranges.allocated(in: PFNRange(lo: lo, hi: min(window.hi, lo + (zoomPer - 1))))
            }
        }

        // The bar.
        for it in axis.items {
            if it.isBreak {
                drawBreak(it)
            } else {
                for j in 0..<it.width where it.x + j < width {
                    bar[it.x + j] = look(it.cell(j), alloc: barAlloc[it.x + j])
                }
            }
        }
        if let ax = axis.anchorX { bar[ax] = Cell(glyphs.allocated, .reserved) }
        if let sx = axis.separatorX { bar[sx] = Cell(glyphs.vertical, .dim) }

        // Markers under the bar, then the regions' first pfns where there is room.
        let marks = facts.markers.compactMap { m in axis.column(m.pfn).map { (m, $0) } }
        barMarkers = Self.place(marks, width: width, glyphs: glyphs, into: &markerRow)
        var order = axis.items.indices.filter { !axis.items[$0].isBreak }
        order.sort { (regionUsed[$0] ? 0 : 1, $0) < (regionUsed[$1] ? 0 : 1, $1) }
        markerLabelRow = markerRow
        for i in order {
            let it = axis.items[i]
            Self.label(AddressFormat.hex(it.lo), at: it.x, role: .dim, into: &markerLabelRow)
            Self.label(AddressFormat.hex(it.lo), at: it.x, role: .dim, into: &labelRow)
        }
        for i in order {
            let it = axis.items[i]
            guard it.span >= 8 else { continue }
            let text = AddressFormat.hex(it.hi)
            Self.label(text, at: it.x + it.width - text.unicodeScalars.count, role: .dim, into: &labelRow)
        }

        // The minimap.
        if mini.cells > 0 {
            if !prefix.isEmpty { Self.text(prefix, at: 0, role: .dim, into: &minimap) }
            for j in 0..<mini.cells {
                let cell = mini.range(j)
                let n = miniAlloc[j]
                if n == 0 {
                    minimap[miniX + j] = Cell(glyphs.horizontal, .dim)
                } else {
                    let level = n >= cell.count ? glyphs.levels.count - 1
                        : min(glyphs.levels.count - 2, max(1, 1 + Int(AddressFormat.mulDiv(n, UInt64(glyphs.levels.count - 2), cell.count))))
                    minimap[miniX + j] = Cell(glyphs.levels[max(0, level)], .allocated)
                }
            }
            if showSuffix { Self.text(suffix, at: miniX + mini.cells, role: .dim, into: &minimap) }
            if let window, window.lo <= extent {
                let l = miniX + mini.cell(of: window.lo) - 1
                let r = miniX + mini.cell(of: min(window.hi, extent)) + 1
                if l >= 0 { minimap[l] = Cell("[", .border) }
                if r < width { minimap[r] = Cell("]", .border) }
            }
        }

        // The zoom rows.
        if let window {
            let lo = AddressFormat.hex(window.lo), hi = AddressFormat.hex(window.hi), per = AddressFormat.hex(zoomPer)
            let headers = [
                "zoom \(zoom): window \(lo)..\(hi) (1 col = \(per) pfn)",
                "zoom \(zoom): \(lo)..\(hi), 1 col = \(per) pfn",
                "z\(zoom) \(lo)..\(hi) \(per)/col",
            ]
            let header = headers.first { $0.unicodeScalars.count <= width } ?? headers[headers.count - 1]
            Self.text(header, at: 0, role: .dim, into: &zoomHeader)
            for j in 0..<zoomCells {
                let lo = window.lo + UInt64(j) * zoomPer
                zoomRow[j] = look(PFNRange(lo: lo, hi: lo + (zoomPer - 1)), alloc: zoomAlloc[j])
            }
            let zm = facts.markers.compactMap { m -> (AddressMarker, Int)? in
                guard window.contains(m.pfn) else { return nil }
                return (m, Int((m.pfn - window.lo) / zoomPer))
            }
            zoomMarkers = Self.place(zm, width: width, glyphs: glyphs, into: &zoomMarkerRow)
        }

        title = titleRow(frame: frame)
        legend = legendRow()
    }

    // MARK: Cells

    /// The glyph of a cell holding `pfns`, `alloc` of them allocated.
    func look(_ pfns: PFNRange, alloc: UInt64) -> Cell {
        if let f = facts.found, f.overlaps(pfns) { return Cell(glyphs.found, .found) }
        let size = pfns.count
        if alloc >= size { return Cell(glyphs.allocated, .allocated) }
        let examined = facts.exam.map { $0.overlaps(pfns) } ?? false
        if alloc == 0 { return examined ? Cell(glyphs.examined, .gapExamined) : Cell(glyphs.free, .free) }
        return Cell(partial(alloc, of: size), examined ? .gapExamined : .allocated)
    }

    /// An occupancy level for a partly used cell, at least the first (so one page shows) and
    /// never a glyph that means something else in this set (ASCII `.` is free, `#` allocated).
    func partial(_ alloc: UInt64, of size: UInt64) -> Unicode.Scalar {
        let levels = glyphs.levels
        guard levels.count >= 3 else { return glyphs.allocated }
        let top = levels.count - 2
        let want = min(top, max(1, 1 + Int(AddressFormat.mulDiv(alloc, UInt64(top), size))))
        let taken: Set<Unicode.Scalar> = [" ", glyphs.free, glyphs.allocated, glyphs.found, glyphs.examined, glyphs.axisBreak]
        let allowed = (1...top).filter { !taken.contains(levels[$0]) }
        guard let best = allowed.min(by: { (abs($0 - want), $0) < (abs($1 - want), $1) }) else { return levels[levels.count / 2] }
        return levels[best]
    }

    /// A collapsed gap: filled with the break glyph (the examined glyph when the search is
    /// looking at it), its size in bytes centred: `≈≈3.5G≈≈`, `▒≈3.5G≈▒`, or `▒3.5G▒` when narrow.
    mutating func drawBreak(_ it: AddressAxis.Item) {
        let piece = PFNRange(lo: it.lo, hi: it.hi)
        let found = facts.found.map { $0.overlaps(piece) } ?? false
        let examined = facts.exam.map { $0.overlaps(piece) } ?? false
        let role: StyleRole = found ? .found : (examined ? .gapExamined : .free)
        let pad = found ? glyphs.found : (examined ? glyphs.examined : glyphs.axisBreak)
        for j in 0..<it.width where it.x + j < width { bar[it.x + j] = Cell(pad, role) }
        let size = AddressFormat.bytes(pages: it.span, granule: facts.granule)
        let n = size.unicodeScalars.count
        let label: String
        if it.width >= n + 4 {
            label = String(glyphs.axisBreak) + size + String(glyphs.axisBreak)
        } else if it.width >= n + 2 {
            label = size
        } else {
            return
        }
        let x0 = it.x + (it.width - label.unicodeScalars.count) / 2
        for (j, s) in label.unicodeScalars.enumerated() where x0 + j < width { bar[x0 + j] = Cell(s, role) }
    }

    // MARK: Markers and labels

    /// Places marker labels on a row of `width` cells, each starting at the column of its pfn.
    /// Markers on the same column share one label (`L/C32`, in pfn order); a label that would
    /// touch the one before moves right, never past a later marker's label, so labels stay in
    /// pfn order; at the right edge a label moves left, merging with the one before if it must;
    /// when even that fails the least important marker is dropped.
    static func place(_ marks: [(AddressMarker, Int)], width: Int, glyphs: Glyphs, into row: inout [Cell]) -> [PlacedMarker] {
        guard width > 0 else { return [] }
        var marks = marks.sorted { ($0.0.pfn, $0.0.kind) < ($1.0.pfn, $1.0.kind) }
        func length(_ kinds: [AddressMarker.Kind]) -> Int {
            kinds.reduce(max(0, kinds.count - 1)) { $0 + $1.text(glyphs).unicodeScalars.count }
        }
        var groups: [PlacedMarker] = []
        while !marks.isEmpty {
            groups = []
            for (m, col) in marks {
                let c = min(max(0, col), width - 1)
                if let last = groups.last, c <= last.target {
                    groups[groups.count - 1].kinds.append(m.kind)
                } else {
                    let after = groups.last.map { $0.column + length($0.kinds) + 1 } ?? 0
                    groups.append(PlacedMarker(kinds: [m.kind], pfn: m.pfn, target: c, column: max(c, after), text: ""))
                }
            }
            // The right edge.
            while let last = groups.last, last.column + length(last.kinds) > width {
                let column = width - length(last.kinds)
                if groups.count >= 2, column <= groups[groups.count - 2].column + length(groups[groups.count - 2].kinds) {
                    groups[groups.count - 2].kinds += last.kinds
                    groups[groups.count - 2].squeezed = true
                    groups.removeLast()
                } else {
                    groups[groups.count - 1].column = column
                    break
                }
            }
            // A label may move left of its column only as far as it still covers it, and labels
            // squeezed together at the edge not at all: otherwise drop the least important
            // marker of the crowd and try again.
            func misplaced(_ g: PlacedMarker) -> Bool {
                g.column < 0 || (g.squeezed ? g.column < g.target : g.column + length(g.kinds) <= g.target)
            }
            guard let bad = groups.indices.first(where: { misplaced(groups[$0]) }) else { break }
            var lo = bad, hi = bad
            while lo > 0, groups[lo - 1].column + length(groups[lo - 1].kinds) + 1 >= groups[lo].column { lo -= 1 }
            while hi + 1 < groups.count, groups[hi].column + length(groups[hi].kinds) + 1 >= groups[hi + 1].column { hi += 1 }
            let cluster = Set(groups[lo...hi].flatMap(\.kinds))  // each kind appears once per row
            let victims = marks.indices.filter { cluster.contains(marks[$0].0.kind) }
            guard let worst = victims.max(by: { (marks[$0].0.kind.priority, $0) < (marks[$1].0.kind.priority, $1) }) else {
                groups = []
                break
            }
            marks.remove(at: worst)
            groups = []
        }
        for i in groups.indices { groups[i].text = groups[i].kinds.map { $0.text(glyphs) }.joined(separator: "/") }
        for g in groups {
            var x = g.column
            for (i, k) in g.kinds.enumerated() {
                if i > 0 {
                    if x >= 0 && x < row.count { row[x] = Cell("/", .dim) }
                    x += 1
                }
                for s in k.text(glyphs).unicodeScalars {
                    if x >= 0 && x < row.count { row[x] = Cell(s, k.role) }
                    x += 1
                }
            }
        }
        return groups
    }

    /// Writes `text` at `x` if the cells it needs, and one on each side, are blank.
    static func label(_ text: String, at x: Int, role: StyleRole, into row: inout [Cell]) {
        let n = text.unicodeScalars.count
        guard x >= 0, x + n <= row.count else { return }
        for c in max(0, x - 1)..<min(row.count, x + n + 1) where row[c] != .blank { return }
        Self.text(text, at: x, role: role, into: &row)
    }

    static func text(_ text: String, at x: Int, role: StyleRole, into row: inout [Cell]) {
        for (i, s) in text.unicodeScalars.enumerated() where x + i >= 0 && x + i < row.count {
            row[x + i] = Cell(s, role)
        }
    }

    /// Appends `(text, role)` pieces while each fits whole.
    static func pieces(_ parts: [(String, StyleRole)], width: Int) -> [Cell] {
        var row = [Cell](repeating: .blank, count: width)
        var x = 0
        for (t, role) in parts {
            let n = t.unicodeScalars.count
            if x + n > width { break }
            text(t, at: x, role: role, into: &row)
            x += n
        }
        return row
    }

    // MARK: Title and legend

    func titleRow(frame: Frame) -> [Cell] {
        var parts: [(String, StyleRole)] = [("address space", .title)]
        parts.append(("  pfn low\(glyphs.arrow)high", .dim))
        parts.append((", \(AddressFormat.bytes(pages: 1, granule: facts.granule))iB pages", .dim))
        parts.append((", \(facts.liveCount) range\(facts.liveCount == 1 ? "" : "s")", .dim))
        if let limit = facts.limit {
            parts.append((", limit \(AddressFormat.hex(limit))" + (facts.dmaName(limit).map { " (\($0))" } ?? ""), .dim))
        }
        parts.append((", top \(AddressFormat.hex(facts.maxPFN))", .dim))
        return Self.pieces(parts, width: width)
    }

    func legendRow() -> [Cell] {
        let g = glyphs
        func mark(_ k: AddressMarker.Kind, _ word: String) -> [(String, StyleRole)] { [(k.text(g), k.role), (" " + word, .dim)] }
        let items: [[(String, StyleRole)]] = [
            [(String(g.allocated), .allocated), (" alloc", .dim)],
            [(String(g.free), .free), (" free", .dim)],
            [(String(g.examined), .gapExamined), (" examined", .dim)],
            [(String(g.found), .found), (" found", .dim)],
            [(String(g.axisBreak) + "4G" + String(g.axisBreak), .free), (" gap (bytes)", .dim)],
            mark(.candidate, "candidate"),
            mark(.current, "node"),
            mark(.limit, "limit"),
            mark(.boundary, "dma32"),
            [("C", .cachedMarker), ("/", .dim), ("C32", .cachedMarker), (" cached", .dim)],
            mark(.start, "start"),
            mark(.anchor, "anchor"),
            [(String(partial(1, of: 2)), .allocated), (" part used", .dim)],
        ]
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
        return Self.pieces(parts, width: width)
    }

    static func firstIndex(_ sorted: [UInt64], above v: UInt64) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] <= v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// The largest free gaps seen, kept in a min-heap of fixed capacity.
struct TopGaps {
    let capacity: Int
    private(set) var items: [AddressPiece] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    mutating func offer(_ p: AddressPiece) {
        if items.count < capacity {
            items.append(p)
            var i = items.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                if less(items[i], items[parent]) { items.swapAt(i, parent); i = parent } else { break }
            }
        } else if less(items[0], p) {
            items[0] = p
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count, less(items[l], items[m]) { m = l }
                if r < items.count, less(items[r], items[m]) { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
    }

    /// Whether a gap of `size` pfns could still enter (gaps arrive in ascending order, so an
    /// equal one later loses to the lower one kept).
    func wouldAccept(size: UInt64) -> Bool {
        items.count < capacity || items[0].size < size
    }

    /// Smaller size first; among equal sizes the higher gap counts as smaller (lower ones kept).
    private func less(_ a: AddressPiece, _ b: AddressPiece) -> Bool {
        a.size != b.size ? a.size < b.size : a.lo > b.lo
    }
}

/// The minimap's linear scale: `count` pfns from 0 over `cells` cells.
struct MiniScale {
    let cells: Int
    let count: UInt64

    func start(_ j: Int) -> UInt64 { AddressFormat.mulDiv(UInt64(j), count, UInt64(max(1, cells))) }

    func range(_ j: Int) -> PFNRange {
        let lo = start(j)
        let next = j + 1 >= cells ? count : start(j + 1)
        return PFNRange(lo: lo, hi: max(lo, next &- 1))
    }

    func cell(of pfn: UInt64) -> Int {
        guard cells > 0 else { return 0 }
        var j = min(cells - 1, Int(AddressFormat.mulDiv(pfn, UInt64(cells), count)))
        while j + 1 < cells, start(j + 1) <= pfn { j += 1 }
        while j > 0, start(j) > pfn { j -= 1 }
        return j
    }
}
