/// Text on a row of cells that the address pane builds before drawing: the rows are filled
/// in priority order, so a later label only goes where an earlier one left room.
extension Array where Element == Cell {
    static func blank(_ width: Int) -> [Cell] { [Cell](repeating: .blank, count: width) }

    /// Writes `text` from `x`, clipped to the row.
    mutating func write(_ text: String, at x: Int, role: StyleRole) {
        for (i, s) in text.unicodeScalars.enumerated() where x + i >= 0 && x + i < count {
            self[x + i] = Cell(s, role)
        }
    }

    /// Writes `text` at `x` if the cells it needs, and one on each side, are blank: labels
    /// never touch, so each stays readable as one word.
    mutating func label(_ text: String, at x: Int, role: StyleRole) {
        let n = text.unicodeScalars.count
        guard x >= 0, x + n <= count else { return }
        for c in Swift.max(0, x - 1)..<Swift.min(count, x + n + 1) where self[c] != .blank { return }
        write(text, at: x, role: role)
    }

    /// A row of `(text, role)` pieces from the left, stopping at the first that does not fit
    /// whole (a cut word would read as another).
    static func pieces(_ parts: [(String, StyleRole)], width: Int) -> [Cell] {
        var row = blank(width)
        var x = 0
        for (t, role) in parts {
            let n = t.unicodeScalars.count
            if x + n > width { break }
            row.write(t, at: x, role: role)
            x += n
        }
        return row
    }
}
