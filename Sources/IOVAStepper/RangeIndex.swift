import IOVACore

/// The live ranges of one policy state, kept for drawing: sorted, cut into blocks with their
/// sums, so the address pane asks "how many pfns are allocated in [a, b]" and "which free gaps
/// are largest" in time that grows with the cells drawn, not with the ranges (a million live
/// ranges otherwise cost a full tree walk per frame).
///
/// The stepper keeps one per state it shows and moves it with the cursor: an operation changes
/// the ranges of one window only (`replacing(_:from:)`), and a far seek rebuilds it.
public struct RangeIndex: Sendable {
    /// Ranges per block at most; a full block splits in two.
    static let blockCapacity = 128

    struct Block: Sendable {
        var ranges: [PFNRange]
        /// Pfns the block's ranges hold.
        var allocated: UInt64 = 0
        /// The largest gap between two neighbouring ranges of the block (0 with fewer than two).
        var innerMaxGap: UInt64 = 0

        init(_ ranges: [PFNRange]) {
            self.ranges = ranges
            summarize()
        }

        mutating func summarize() {
            var sum: UInt64 = 0
            var widest: UInt64 = 0
            for (i, r) in ranges.enumerated() {
                sum &+= r.count
                if i > 0 { widest = max(widest, r.lo - ranges[i - 1].hi - 1) }
            }
            allocated = sum
            innerMaxGap = widest
        }
    }

    private(set) var blocks: [Block] = []
    /// `before[i]`: pfns allocated in blocks `0..<i`.
    private var before: [UInt64] = [0]
    /// Number of ranges.
    public private(set) var count = 0
    /// Blocks changed by a batch (`resum: false`) whose sums wait for `resumAll()`.
    private var unsummarized = false

    public init() {}

    /// The ranges of `state`, read in one pass.
    public init(_ state: any InspectablePolicy) {
        self.init(count: state.liveCount, state.forEachRange)
    }

    /// `ranges`, ascending and disjoint.
    public init(sorted ranges: [PFNRange]) {
        self.init(count: ranges.count) { body in ranges.forEach(body) }
    }

    private init(count: Int, _ each: ((PFNRange) -> Void) -> Void) {
        var pending: [PFNRange] = []
        pending.reserveCapacity(Self.blockCapacity)
        let fill = Self.blockCapacity * 3 / 4   // room for inserts before the first split
        var built: [Block] = []
        built.reserveCapacity(count / fill + 1)
        each { r in
            pending.append(r)
            if pending.count == fill {
                built.append(Block(pending))
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { built.append(Block(pending)) }
        blocks = built
        self.count = built.reduce(0) { $0 + $1.ranges.count }
        resum(from: 0)
    }

    /// Every range in ascending order.
    public func forEach(_ body: (PFNRange) -> Void) {
        for b in blocks { for r in b.ranges { body(r) } }
    }

    /// The highest range, if any.
    public var last: PFNRange? { blocks.last?.ranges.last }

    // MARK: Queries

    /// Pfns allocated in `window`.
    public func allocated(in window: PFNRange) -> UInt64 {
        let upper = allocated(atOrBelow: window.hi)
        return window.lo == 0 ? upper : upper - allocated(atOrBelow: window.lo - 1)
    }

    /// Pfns allocated in `[0, pfn]`.
    func allocated(atOrBelow pfn: UInt64) -> UInt64 {
        // The last block starting at or below pfn; every block before it lies wholly below.
        let b = lastBlock(startingAtOrBelow: pfn)
        guard b >= 0 else { return 0 }
        var sum = before[b]
        for r in blocks[b].ranges {
            if r.lo > pfn { break }
            sum += min(r.hi, pfn) - r.lo + 1
        }
        return sum
    }

    /// The highest range starting at or below `pfn`, if any.
    public func last(startingAtOrBelow pfn: UInt64) -> PFNRange? {
        let b = lastBlock(startingAtOrBelow: pfn)
        guard b >= 0 else { return nil }
        return blocks[b].ranges.last { $0.lo <= pfn }
    }

    /// Every free gap within `[0, top]`, ascending. `worthScanning(g)` is asked before the
    /// gaps inside a block whose widest one is `g`; answering false skips them (the gaps between
    /// blocks, below the first range and above the last are always reported).
    public func forEachGap(upTo top: UInt64, worthScanning: (UInt64) -> Bool, _ body: (PFNRange) -> Void) {
        var next: UInt64 = 0   // the lowest pfn not yet accounted for
        for block in blocks {
            let rs = block.ranges
            guard rs[0].lo <= top else { break }
            if rs[0].lo > next { body(PFNRange(lo: next, hi: rs[0].lo - 1)) }
            let scanInside = block.innerMaxGap > 0 && worthScanning(block.innerMaxGap)
            if !scanInside, rs[rs.count - 1].hi < top {
                next = rs[rs.count - 1].hi + 1
                continue
            }
            for (i, r) in rs.enumerated() {
                if r.lo > top { return body(PFNRange(lo: next, hi: top)) }
                if i > 0, scanInside, r.lo > next { body(PFNRange(lo: next, hi: r.lo - 1)) }
                if r.hi >= top { return }
                next = r.hi + 1
            }
        }
        body(PFNRange(lo: next, hi: top))
    }

    /// The last block whose first range starts at or below `pfn` (-1 when none).
    private func lastBlock(startingAtOrBelow pfn: UInt64) -> Int {
        var lo = 0, hi = blocks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if blocks[mid].ranges[0].lo <= pfn { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    // MARK: Changes

    /// This index with the ranges intersecting `window` replaced by `state`'s there. The
    /// caller guarantees that outside the window `state` has exactly the ranges indexed; the
    /// window widens to every range, old or new, that crosses its edges.
    public func replacing(_ window: PFNRange, from state: any InspectablePolicy) -> RangeIndex {
        replacing(window) { w, body in state.forEachRange(in: w, body) }
    }

    /// The same, the new ranges read by `read(window, body)` (ascending, those intersecting).
    public func replacing(_ window: PFNRange, reading read: (PFNRange, (PFNRange) -> Void) -> Void) -> RangeIndex {
        var w = window
        var fresh: [PFNRange] = []
        while true {
            fresh.removeAll(keepingCapacity: true)
            read(w) { fresh.append($0) }
            var wider = w
            for r in fresh + indexed(in: w) {
                wider = PFNRange(lo: min(wider.lo, r.lo), hi: max(wider.hi, r.hi))
            }
            if wider == w { break }
            w = wider
        }
        var copy = self
        copy.remove(in: w)
        for r in fresh { copy.insert(r) }
        return copy
    }

    /// The indexed ranges intersecting `window`.
    func indexed(in window: PFNRange) -> [PFNRange] {
        var out: [PFNRange] = []
        var (b, i) = position(firstEndingAtOrAbove: window.lo)
        while b < blocks.count {
            let r = blocks[b].ranges[i]
            if r.lo > window.hi { break }
            out.append(r)
            i += 1
            if i == blocks[b].ranges.count { b += 1; i = 0 }
        }
        return out
    }

    /// The block and slot of the first range whose `hi` is at least `pfn` (`blocks.count`
    /// when none).
    private func position(firstEndingAtOrAbove pfn: UInt64) -> (block: Int, slot: Int) {
        var lo = 0, hi = blocks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if blocks[mid].ranges[blocks[mid].ranges.count - 1].hi < pfn { lo = mid + 1 } else { hi = mid }
        }
        guard lo < blocks.count else { return (blocks.count, 0) }
        let slot = blocks[lo].ranges.firstIndex { $0.hi >= pfn } ?? 0
        return (lo, slot)
    }

    /// Removes the ranges overlapping `window`; `resum: false` leaves the running sums stale
    /// for a batch (`RangeMirror`), which ends with `resumAll()`.
    mutating func remove(in window: PFNRange, resum: Bool) {
        let first = position(firstEndingAtOrAbove: window.lo).block
        var b = first
        while b < blocks.count, blocks[b].ranges[0].lo <= window.hi {
            let kept = blocks[b].ranges.filter { !$0.overlaps(window) }
            count -= blocks[b].ranges.count - kept.count
            blocks[b].ranges = kept
            if resum { blocks[b].summarize() } else { unsummarized = true }
            b += 1
        }
        if blocks[first..<b].contains(where: { $0.ranges.isEmpty }) {
            blocks.removeAll { $0.ranges.isEmpty }
        }
        if resum { self.resum(from: first) }
    }

    /// Ends a batch: every block's sums (a batch of thousands of edits costs one pass over the
    /// blocks instead of one per edit), then the running sums.
    mutating func resumAll() {
        if unsummarized {
            for b in blocks.indices { blocks[b].summarize() }
            unsummarized = false
        }
        resum(from: 0)
    }

    private mutating func remove(in window: PFNRange) {
        let first = position(firstEndingAtOrAbove: window.lo).block
        var b = first
        while b < blocks.count, blocks[b].ranges[0].lo <= window.hi {
            let kept = blocks[b].ranges.filter { !$0.overlaps(window) }
            count -= blocks[b].ranges.count - kept.count
            blocks[b].ranges = kept
            blocks[b].summarize()
            b += 1
        }
        if blocks[first..<b].contains(where: { $0.ranges.isEmpty }) {
            blocks.removeAll { $0.ranges.isEmpty }
        }
        resum(from: first)
    }

    private mutating func insert(_ r: PFNRange) { insert(r, resum: true) }

    mutating func insert(_ r: PFNRange, resum: Bool) {
        count += 1
        guard !blocks.isEmpty else {
            blocks = [Block([r])]
            if resum { self.resum(from: 0) }
            return
        }
        // The last block starting below r (or the first block).
        var lo = 0, hi = blocks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if blocks[mid].ranges[0].lo < r.lo { lo = mid + 1 } else { hi = mid }
        }
        let b = max(0, lo - 1)
        let at = blocks[b].ranges.firstIndex { $0.lo > r.lo } ?? blocks[b].ranges.count
        blocks[b].ranges.insert(r, at: at)
        if blocks[b].ranges.count > Self.blockCapacity {
            let upper = Array(blocks[b].ranges[(Self.blockCapacity / 2)...])
            blocks[b].ranges.removeSubrange((Self.blockCapacity / 2)...)
            blocks.insert(Block(upper), at: b + 1)
        }
        if resum { blocks[b].summarize(); self.resum(from: b) } else { unsummarized = true }
    }

    /// Recomputes the running sums from block `b` on (all of them when the block count changed).
    private mutating func resum(from b: Int) {
        var i = b
        if before.count != blocks.count + 1 {
            before = [UInt64](repeating: 0, count: blocks.count + 1)
            i = 0
        }
        while i < blocks.count {
            before[i + 1] = before[i] + blocks[i].allocated
            i += 1
        }
    }
}
