import IOVACore

/// One plain sentence per event, with the actual numbers, in kernel terms.
public struct Narrator {
    public var before: (any RBTreeSource)?
    public var after: (any RBTreeSource)?

    public init(before: (any RBTreeSource)?, after: (any RBTreeSource)?) {
        self.before = before
        self.after = after
    }

    /// `[lo..hi]` of a node, `anchor` for the anchor, from whichever state still holds it.
    public func label(_ n: NodeID) -> String {
        guard n.exists else { return "NULL" }
        for tree in [before, after] {
            if let tree, tree.isLive(n) { return Self.label(tree.range(n)) }
        }
        return "node \(n)"
    }

    public static func label(_ r: PFNRange) -> String { Words.label(r) }
    public static func hex(_ v: UInt64) -> String { Words.hex(v) }
    static func pages(_ v: UInt64) -> String { Words.pages(v) }

    public func sentence(_ event: AllocatorEvent) -> String {
        if let hook, let s = hook(event, NarrationContext(size: size, searchSize: searchSize)) { return s }
        switch event {
        case let .searchStarted(size, limit, aligned, start, slot):
            let what = "alloc \(size) page\(size == 1 ? "" : "s")" + (aligned ? " aligned to \(Self.alignment(size))" : "")
            let from = slot.map { "\($0 == .cached32 ? "cached32_node" : "cached_node") \(label(start))" } ?? "the root \(label(start))"
            return "\(what) at or below limit \(Self.hex(limit)): start at \(from)"
        case .visit(let n):
            return "visit \(label(n))"
        case let .gapExamined(upper, lower, high, candidate, fits):
            let below = lower.exists ? label(lower) : "nothing (the bottom)"
            if fits {
                return "below \(label(upper)) the top is \(Self.hex(high &- 1)); candidate \(Self.hex(candidate)) lies above \(below) → it fits"
            }
            if let size, high < size {
                return "below \(label(upper)) only \(Self.pages(high)) pages remain, fewer than \(Self.pages(size)) → this pass ends"
            }
            if lower.isNone || (before?.isLive(lower) == true && candidate > before!.range(lower).hi) {
                return "below \(label(upper)) the top is \(Self.hex(high &- 1)); candidate \(Self.hex(candidate)) is below the floor (start_pfn, or the retry floor) → this pass ends"
            }
            return "below \(label(upper)) the top is \(Self.hex(high &- 1)); candidate \(Self.hex(candidate)) overlaps \(below) → keep walking down"
        case let .retry(start, low, high):
            return "first pass failed: retry from the limit, searching [\(Self.hex(low))..\(Self.hex(high &- 1))] down from \(label(start))"
        case let .found(lo, hi, hint):
            return "allocate \(Self.label(PFNRange(lo: lo, hi: hi))) just below \(label(hint))"
        case .failed(let reason):
            switch reason {
            case .max32ShortCircuit(let m):
                return "size ≥ max32_alloc_size \(Self.pages(m)): a 32-bit request this large failed before → fail at once"
            case .belowStart: return "the walk reached start_pfn without a fit → fail"
            case .windowTooSmall: return "the window left is smaller than the request → fail"
            case .noFit: return "no gap below the limit holds the request → fail"
            }
        case let .descend(n, from, side):
            return "go \(side == .right ? "right (higher addresses)" : "left (lower addresses)") from \(label(from)) to \(label(n))"
        case let .backtrack(n, side):
            return "nothing fits in the \(side == .right ? "right" : "left") subtree: back at \(label(n))"
        case let .pruned(n, reason, value):
            switch reason {
            case .maxGapTooSmall:
                return "skip \(label(n)) and its subtree: max gap \(Self.pages(value)) < \(sizeText)"
            case .maxGap32TooSmall:
                return "skip \(label(n)) and its subtree: 32-bit max gap \(Self.pages(value)) < \(sizeText)"
            case .aboveLimit:
                return "skip \(label(n)) and its subtree: it starts at \(Self.hex(value)), at or above the limit"
            case .alignKeyTooSmall:
                let key = AlignKey(packed: value)
                let what = key.order.map { "subtree key (order \($0), room \(Self.pages(key.room)))" } ?? "subtree key (no gap)"
                let at = size.map { " at \(Self.alignment($0))-page alignment" } ?? " aligned"
                return "\(label(n)): \(what) cannot hold \(sizeText) pages\(at): skip it and its subtree, unentered"
            }
        case let .gapChecked(n, lo, hi, candidate, fits):
            if hi < lo || hi &- lo &+ 1 < (size ?? 1) {
                return "\(label(n)): its gap, clamped to the limit, is too small"
            }
            let span = "gap below it [\(Self.hex(lo))..\(Self.hex(hi))] = \(Self.pages(hi - lo + 1)) pages"
            if fits {
                return "\(label(n)): \(span) ≥ \(sizeText), aligned candidate \(Self.hex(candidate)) → allocate [\(Self.hex(candidate))..\(Self.hex(candidate &+ (size ?? 1) &- 1))]"
            }
            return "\(label(n)): \(span), but aligned candidate \(Self.hex(candidate)) falls below the gap or start_pfn"
        case let .linked(n, parent):
            return parent.exists ? "link \(label(n)) under \(label(parent)), red" : "link \(label(n)) as the root"
        case let .rotated(old, new):
            return "rotate: \(label(new)) moves up into the place of \(label(old))"
        case let .recolored(n, c):
            return "recolour \(label(n)) \(c == .red ? "red" : "black")"
        case let .erased(n, replacement):
            return replacement.exists ? "erase \(label(n)); \(label(replacement)) takes its place" : "erase \(label(n))"
        case let .augmentChanged(n, field, from, to):
            let name = switch field {
            case .gap: "gap_to_prev"
            case .maxGap: "max gap"
            case .gap32: "clamped_gap32"
            case .maxGap32: "32-bit max gap"
            case .leftAlignKey: "left subtree's align key"
            case .rightAlignKey: "right subtree's align key"
            }
            if field == .leftAlignKey || field == .rightAlignKey {
                return "\(label(n)): \(name) \(AlignKey(packed: from)) → \(AlignKey(packed: to))"
            }
            return "\(label(n)): \(name) \(Self.pages(from)) → \(Self.pages(to))"
        case let .cacheMoved(slot, from, to):
            return "\(slot == .cached32 ? "cached32_node" : "cached_node") moves from \(label(from)) to \(label(to))"
        case let .max32Changed(from, to):
            return "max32_alloc_size \(Self.pages(from)) → \(Self.pages(to))"
        case let .stretched(n, fromLo, toLo):
            return "stretch \(label(n)) down from \(Self.hex(fromLo)) to \(Self.hex(toLo))"
        default:
            return fastPathSentence(event) ?? "\(event)"
        }
    }

    /// The policy's own sentences, tried first (see `PolicyDescriptor.narration`).
    public var hook: PolicyDescriptor.Narration?
    /// The maple-style search size, set by the caller.
    public var searchSize: UInt64?

    /// The request size, set by the caller for gap sentences.
    public var size: UInt64?
    private var sizeText: String { size.map { Self.pages($0) } ?? "size" }

    static func alignment(_ size: UInt64) -> String { Words.alignment(size) }

    /// Sentences for the DMA path: magazines, the depot, flushes, trims and devices.
    func fastPathSentence(_ event: AllocatorEvent) -> String? {
        switch event {
        case let .fastAllocStarted(size, rounded, limit, cpu, k):
            let what = "alloc_iova_fast \(Self.pages(size)) page\(size == 1 ? "" : "s")"
                + (rounded != size ? " (rounded up to \(Self.pages(rounded)))" : "")
                + " at or below limit \(Self.hex(limit)) on cpu \(cpu)"
            guard let k else { return what + ": \(Self.pages(rounded)) pages is too large to cache (classes end at 32) → straight to the tree" }
            return what + ": size class \(k) (\(1 << k) page\(k == 0 ? "" : "s")), look in cpu \(cpu)'s magazines"
        case let .magazinesSwapped(cpu, k):
            return "cpu \(cpu), class \(1 << k): the loaded and prev magazines swap places"
        case let .depotPopped(cpu, _, depot):
            return "cpu \(cpu)'s magazines are both empty: a full magazine comes from the depot (\(depot) left there)"
        case let .magazineSkipped(pfn, bound):
            return "cached \(Self.hex(pfn)) lies above \(Self.hex(bound)) (limit + 1 - size): pass over it"
        case let .magazineMiss(cpu, _, bound, empty):
            return empty ? "no cached pfn: cpu \(cpu)'s magazines and the depot are empty → search the tree"
                : "no pfn in cpu \(cpu)'s loaded magazine lies at or below \(Self.hex(bound)) → search the tree"
        case let .magazinePopped(pfn, cpu, _, left):
            return "pop \(Self.hex(pfn)) from cpu \(cpu)'s loaded magazine (\(left) left): no tree search"
        case let .magazinePushed(pfn, cpu, _, count):
            return "push \(Self.hex(pfn)) into cpu \(cpu)'s loaded magazine (now \(count)/\(RCache.magazineSize)): its range stays allocated in the tree"
        case let .depotPushed(cpu, _, depot):
            return "both of cpu \(cpu)'s magazines are full: the loaded one goes to the depot (now \(depot)), its trim is scheduled"
        case .rcacheFlushStarted:
            return "flush: every CPU's magazines, then the depot, back to the tree"
        case let .cachedReleased(pfn, found):
            return found ? "free cached \(Self.hex(pfn)) in the tree" : "cached \(Self.hex(pfn)) has no range in the tree: skipped"
        case let .depotTrimmed(k, depot):
            return "depot trim, class \(1 << k): more full magazines than online CPUs, free the top one (\(depot) left)"
        case let .deviceAttempt(limit, first):
            return first ? "a PCI device with its 32-bit workaround on: try below 4 GiB first (limit \(Self.hex(limit)), no flush)"
                : "try the device's own mask, limit \(Self.hex(limit)), flushing the caches if the tree fails"
        case .workaroundOff:
            return "the 32-bit attempt failed: the workaround turns off for this device for good (\"Using N-bit DMA addresses\")"
        default:
            return nil
        }
    }
}
