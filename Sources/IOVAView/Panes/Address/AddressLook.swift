import IOVACore

/// How a cell of pfns looks on the bar and the zoom row. The search's highlights win over
/// occupancy: the found range, then the examined gap, so the eye follows the search first.
/// On the DMA path a cell whose allocated pages are mostly cached (held by a magazine: in
/// the tree, free to drivers) has the cached glyph instead of the allocated one.
struct AddressLook {
    let found: PFNRange?
    let exam: PFNRange?
    let glyphs: Glyphs
    let cached: CachedRanges?
    /// Whether the frame has caches (the legend then names the cached glyph, cached or not).
    let dmaPath: Bool

    init(facts: AddressFacts, glyphs: Glyphs, cached: CachedRanges? = nil, dmaPath: Bool = false) {
        found = facts.found
        exam = facts.exam
        self.glyphs = glyphs
        self.cached = cached
        self.dmaPath = dmaPath || cached != nil
    }

    /// The cell holding `pfns`, `alloc` of them allocated.
    func cell(_ pfns: PFNRange, alloc: UInt64) -> Cell {
        if let f = found, f.overlaps(pfns) { return Cell(glyphs.found, .found) }
        if alloc > 0, let cached, cached.pages(in: pfns) * 2 >= alloc { return Cell(glyphs.cached, .cachedFree) }
        let size = pfns.count
        if alloc >= size { return Cell(glyphs.allocated, .allocated) }
        let examined = exam.map { $0.overlaps(pfns) } ?? false
        if alloc == 0 { return examined ? Cell(glyphs.examined, .gapExamined) : Cell(glyphs.free, .free) }
        return Cell(partial(alloc, of: size), examined ? .gapExamined : .allocated)
    }

    /// The fill of a collapsed gap: the break glyph, or the found or examined glyph when the
    /// search is there, so a highlight never hides inside a break.
    func breakFill(_ piece: PFNRange) -> Cell {
        if let f = found, f.overlaps(piece) { return Cell(glyphs.found, .found) }
        if let e = exam, e.overlaps(piece) { return Cell(glyphs.examined, .gapExamined) }
        return Cell(glyphs.axisBreak, .free)
    }

    /// An occupancy level for a partly used cell, at least the first (so one page shows) and
    /// never a glyph that means something else in this set (ASCII `.` is free, `#` allocated).
    func partial(_ alloc: UInt64, of size: UInt64) -> Unicode.Scalar {
        let levels = glyphs.levels
        guard levels.count >= 3 else { return glyphs.allocated }
        let top = levels.count - 2
        let want = min(top, max(1, 1 + Int(AddressFormat.mulDiv(alloc, UInt64(top), size))))
        let taken: Set<Unicode.Scalar> = [" ", glyphs.free, glyphs.allocated, glyphs.found, glyphs.examined, glyphs.axisBreak, glyphs.cached]
        let allowed = (1...top).filter { !taken.contains(levels[$0]) }
        guard let best = allowed.min(by: { (abs($0 - want), $0) < (abs($1 - want), $1) }) else { return levels[levels.count / 2] }
        return levels[best]
    }
}
