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
}
