/// The largest free gaps seen, kept in a min-heap of fixed capacity: the axis collapses at
/// most one gap per two columns, so smaller ones need not be kept.
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
