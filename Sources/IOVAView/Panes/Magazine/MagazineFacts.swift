import IOVACore
import IOVAStepper

/// What the magazine pane reads of a frame: the caches as drawn, the magazine the step works on
/// and which of its parts to mark, and the pfns the current pop passed over.
struct MagazineFacts {
    /// A part of one size class: a CPU's two magazines, or the class's depot.
    enum Part { case loaded, prev, depot }

    let rcache: RCache
    let focus: MagazineFocus?
    /// The parts of the focused CPU and class that the step reads or changes.
    let marked: Set<Part>
    /// Pfns the current pop passed over, newest first, and the bound they lie above.
    let skipped: [UInt64]
    let bound: UInt64?

    /// nil off the DMA path.
    init?(_ frame: Frame) {
        guard let rcache = frame.rcache else { return nil }
        self.rcache = rcache
        let h = frame.highlights
        focus = h.magazine.flatMap { f in
            f.cpu >= 0 && f.cpu < rcache.cpuCount && f.sizeClass >= 0 && f.sizeClass < RCache.classCount ? f : nil
        }
        marked = focus.map { Self.parts(of: $0.action) } ?? []
        skipped = h.skippedPFNs
        // `__iova_rcache_get` pops the newest pfn at or below limit + 1 - size (wrapping, as there).
        if let limit = h.limit, let size = h.size { bound = limit &+ 1 &- size } else { bound = nil }
    }

    /// The pfn a pop hands out or a push takes back, which the tree panes keep in view.
    static func focusPFN(_ focus: MagazineFocus?) -> UInt64? {
        switch focus?.action {
        case .popped(let pfn)?, .pushed(let pfn)?: pfn
        default: nil
        }
    }

    /// Which parts a step reads or changes: a pop or push the loaded magazine, a swap both,
    /// a depot move the depot (and, for a pop, the loaded magazine it became).
    static func parts(of action: MagazineFocus.Action) -> Set<Part> {
        switch action {
        case .looking, .missed, .popped, .pushed: [.loaded]
        case .swapped: [.loaded, .prev]
        case .fromDepot: [.loaded, .depot]
        case .toDepot: [.depot]
        }
    }

    func isMarked(cpu: Int?, sizeClass k: Int, _ part: Part) -> Bool {
        guard let focus, focus.sizeClass == k, marked.contains(part) else { return false }
        return part == .depot || focus.cpu == cpu
    }

    /// The pages of class `k`: 1, 2, 4 … 32.
    static func pages(_ k: Int) -> Int { 1 << k }

    /// `1 page`, `32 pages`.
    static func classLabel(_ k: Int) -> String { "\(pages(k)) page\(k == 0 ? "" : "s")" }

    /// Whether class `k` caches anything (the rows shown first when rows are short).
    func isEmpty(_ k: Int) -> Bool {
        let c = rcache.classes[k]
        return c.depot.isEmpty && c.cpus.allSatisfy { $0.loaded.isEmpty && $0.prev.isEmpty }
    }

    /// The loaded and prev fill of class `k` summed over every CPU but `except`.
    func sums(_ k: Int, except: Int?) -> (loaded: Int, prev: Int, cpus: Int) {
        var l = 0, p = 0, n = 0
        for (cpu, pair) in rcache.classes[k].cpus.enumerated() where cpu != except {
            l += pair.loaded.count
            p += pair.prev.count
            n += 1
        }
        return (l, p, n)
    }

    /// Full magazines in every depot.
    var depotTotal: Int { rcache.classes.reduce(0) { $0 + $1.depot.count } }
}
