import IOVACore
import IOVAStepper

/// What the address pane needs from a frame, read once: the domain, the search's highlights
/// clamped to the domain, and the marked nodes as pfns.
struct AddressFacts {
    let maxPFN: UInt64
    let startPFN: UInt64
    let dma32PFN: UInt64
    let granule: UInt64
    let shift: Int
    let hasAnchor: Bool
    let limit: UInt64?
    /// The gap under examination, when non-empty (clamped to the domain).
    let exam: PFNRange?
    /// Where the examined candidate would go, `[candidate, candidate + size - 1]` (clamped).
    let candidate: PFNRange?
    let found: PFNRange?
    /// `cached_node` / `cached32_node` as the `lo` of their ranges (`UInt64.max` = the anchor).
    let cached: UInt64?
    let cached32: UInt64?
    /// The node the search is at (`lo` of its range; `UInt64.max` = the anchor).
    let current: UInt64?
    let liveCount: Int

    init(frame: Frame) {
        let config = frame.state.config
        maxPFN = config.maxPFN
        startPFN = config.startPFN
        dma32PFN = config.dma32PFN
        granule = config.granule
        shift = config.shift
        let h = frame.highlights
        limit = h.limit.map { min($0, config.maxPFN) }
        if let g = h.examinedGap, g.lo <= config.maxPFN {
            // An empty gap (packed nodes) still has a candidate: where it would have gone.
            exam = g.hi >= g.lo ? PFNRange(lo: g.lo, hi: min(g.hi, config.maxPFN)) : nil
            if g.candidate <= config.maxPFN {
                let size = max(1, h.size ?? 1)
                let top = g.candidate.addingReportingOverflow(size - 1)
                candidate = PFNRange(lo: g.candidate, hi: top.overflow ? config.maxPFN : min(top.partialValue, config.maxPFN))
            } else {
                candidate = nil
            }
        } else {
            exam = nil
            candidate = nil
        }
        if let f = h.found, f.lo <= f.hi, f.lo <= config.maxPFN {
            found = PFNRange(lo: f.lo, hi: min(f.hi, config.maxPFN))
        } else {
            found = nil
        }
        let marks = frame.state.markedNodes
        hasAnchor = marks.anchor.exists
        if let tree = frame.state.rbTree {
            func pfn(_ n: NodeID) -> UInt64? {
                guard n.exists, tree.isLive(n) else { return nil }
                return n == marks.anchor ? UInt64.max : tree.range(n).lo
            }
            cached = pfn(marks.cached)
            cached32 = pfn(marks.cached32)
            current = pfn(h.current)
        } else if let r = frame.state.cachedRanges {
            cached = r.cached.lo
            cached32 = r.cached32.lo
            current = nil
        } else {
            cached = nil
            cached32 = nil
            current = nil
        }
        liveCount = frame.state.liveCount
    }

    /// Where "follow the search" looks: the examined gap (its candidate, else its top), else the
    /// found range, else the limit; `fallback` (the highest range or the 4 GiB boundary) otherwise.
    func follow(fallback: UInt64) -> UInt64 {
        if let exam {
            if let c = candidate, exam.contains(c.lo) { return c.lo }
            return exam.hi
        }
        if let found { return found.lo }
        if let limit { return limit }
        return fallback
    }

    /// Pfns at which the axis must start a new piece, so that markers and highlights never hide
    /// inside a collapsed gap: each point marker gets a piece of its own.
    var cuts: [UInt64] {
        var c: [UInt64] = []
        func add(_ v: UInt64) { c.append(v) }
        func point(_ v: UInt64) {
            add(v)
            if v < maxPFN { add(v + 1) }
        }
        point(startPFN)
        point(dma32PFN)
        if let limit { point(limit) }
        for r in [exam, candidate, found] {
            if let r {
                add(r.lo)
                if r.hi < maxPFN { add(r.hi + 1) }
            }
        }
        return Array(Set(c.filter { $0 > 0 && $0 <= maxPFN })).sorted()
    }

    /// The markers, each with the pfn it stands for (the anchor at `UInt64.max`).
    var markers: [AddressMarker] {
        var m: [AddressMarker] = [AddressMarker(kind: .start, pfn: startPFN), AddressMarker(kind: .boundary, pfn: dma32PFN)]
        if let limit { m.append(AddressMarker(kind: .limit, pfn: limit)) }
        if let candidate { m.append(AddressMarker(kind: .candidate, pfn: candidate.lo)) }
        if let current { m.append(AddressMarker(kind: .current, pfn: current)) }
        if let cached32 { m.append(AddressMarker(kind: .cached32, pfn: cached32)) }
        if let cached { m.append(AddressMarker(kind: .cached, pfn: cached)) }
        if hasAnchor { m.append(AddressMarker(kind: .anchor, pfn: UInt64.max)) }
        return m
    }

    /// The DMA mask a limit stands for, when it is one (`dma32`, `dma40`, … `dma64`).
    func dmaName(_ limit: UInt64) -> String? {
        let next = limit &+ 1
        if limit == maxPFN { return "dma64" }
        guard next != 0, next.nonzeroBitCount == 1 else { return nil }
        let bits = next.trailingZeroBitCount + shift
        return (32...64).contains(bits) ? "dma\(bits)" : nil
    }
}

/// A labelled position on an axis.
struct AddressMarker: Hashable {
    enum Kind: Int, Comparable, CaseIterable {
        case start, boundary, limit, candidate, current, cached32, cached, anchor
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }

        func text(_ glyphs: Glyphs) -> String {
            switch self {
            case .start: "S"
            case .boundary: "4G"
            case .limit: "L"
            case .candidate: String(glyphs.markerUp)
            case .current: String(glyphs.current)
            case .cached32: "C32"
            case .cached: "C"
            case .anchor: "A"
            }
        }

        var role: StyleRole {
            switch self {
            case .start, .anchor: .normal
            case .boundary: .boundaryMarker
            case .limit: .limitMarker
            case .candidate: .gapExamined
            case .current: .current
            case .cached32, .cached: .cachedMarker
            }
        }

        /// Which markers survive when a row is too narrow for all (lower is kept longer).
        var priority: Int {
            switch self {
            case .candidate: 0
            case .limit: 1
            case .current: 2
            case .anchor: 3
            case .boundary: 4
            case .cached32: 5
            case .cached: 6
            case .start: 7
            }
        }
    }

    var kind: Kind
    var pfn: UInt64
}

enum AddressFormat {
    static func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }

    /// A size in bytes, binary units, at most 4 characters: `512`, `8K`, `3.5G`, `16E`.
    static func bytes(pages: UInt64, granule: UInt64) -> String {
        var value = Double(pages) * Double(granule)
        let units = ["", "K", "M", "G", "T", "P", "E", "Z", "Y"]
        var i = 0
        while value >= 1000, i < units.count - 1 {
            value /= 1024
            i += 1
        }
        let tenths = Int((value * 10).rounded())
        if tenths < 100 && tenths % 10 != 0 {
            return "\(tenths / 10).\(tenths % 10)" + units[i]
        }
        return "\(Int(value.rounded()))" + units[i]
    }

    /// `a * b / c` without overflow (the quotient must fit).
    static func mulDiv(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        let p = a.multipliedFullWidth(by: b)
        guard p.high < c else { return .max }
        return c.dividingFullWidth((p.high, p.low)).quotient
    }
}
