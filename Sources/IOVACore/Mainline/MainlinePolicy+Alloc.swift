// Allocation: behaves like `alloc_iova()` → `__alloc_and_insert_iova_range()` and
// `iova_find_limit()` (docs/algorithms/mainline.md § Allocation).

extension MainlinePolicy {
    public mutating func alloc<O: AllocatorObserver>(size: UInt64, limit limitPFN: UInt64, aligned: Bool, observer: inout O) -> AllocOutcome {
        precondition(size >= 1, "alloc of size 0")
        // The one place the inclusive limit becomes the exclusive bound the search uses.
        let limit = limitPFN &+ 1
        let mask = Bits.alignMask(size: size, aligned: aligned)
        let start = config.startPFN
        let is32 = limit <= config.dma32PFN
        var cur = is32 ? cached32Node : cachedNode
        observer.record(.searchStarted(size: size, limit: limitPFN, aligned: aligned, start: cur, slot: is32 ? CacheSlot.cached32 : .cached))

        // The 32-bit short-circuit: a 32-bit request no smaller than the last failure fails
        // before any walk, with no state change.
        if is32 && size >= max32AllocSize {
            observer.record(.failed(.max32ShortCircuit(max32: max32AllocSize)))
            return AllocOutcome(range: nil, visits: 0)
        }

        let retryHi = tree.hi(cur)     // the anchor's hi is 2^64-1: no retry from the anchor
        // `cur` is checked above (and `findLimit` answers a node): the walk reads unchecked.
        var high = limit
        var low = start
        var candidate: UInt64 = 0
        var hint = NodeID.none
        var visits = 0
        var retried = false
        while true {
            // Walk down in address order. `high` is the exclusive top of the gap below `hint`;
            // `candidate` the highest aligned start ending below it. Stop once the candidate
            // lies above the next lower node (the gap holds it) or below the floor.
            repeat {
                high = min(high, tree.lo(trusted: cur))
                candidate = (high &- size) & mask      // wraps when high < size: caught below
                hint = cur
                cur = tree.prev(trusted: cur)
                visits &+= 1
                observer.record(.visit(hint))
                // Dead code under NullObserver: the reads are unchecked, so nothing keeps it.
                let fits = candidate >= low && (cur.isNone || candidate > tree.hi(trusted: cur))
                observer.record(.gapExamined(upper: hint, lower: cur, high: high, candidate: candidate, fits: fits && high >= size))
            } while cur.exists && candidate <= tree.hi(trusted: cur) && candidate >= low

            if high >= size && candidate >= low { break }

            // This pass failed. Retry once from the limit down to just above the node the first
            // pass started at, if there is unexplored space there. (`retried` only guards
            // against a start node ending at start_pfn - 1, which the kernel would loop on.)
            if low == start && retryHi < limit && !retried {
                retried = true
                high = limit
                low = retryHi &+ 1
                cur = findLimit(limit)
                observer.record(.retry(start: cur, low: low, high: high))
                continue
            }
            // Every failure records its size, 64-bit requests included (a kernel quirk).
            setMax32(size, observer: &observer)
            observer.record(.failed(high < size ? .windowTooSmall : .belowStart))
            return AllocOutcome(range: nil, visits: visits)
        }

        let range = PFNRange(lo: candidate, hi: candidate + size - 1)
        observer.record(.found(lo: range.lo, hi: range.hi, hint: hint))
        // The new node sits just below `hint` in address order: descend from the hint.
        guard let at = tree.insertionPoint(forKey: range.lo, from: hint) else {
            preconditionFailure("allocated range \(range) collides with an existing key")
        }
        tree.ownArena()     // one copy-on-write check for the three steps
        let node = tree.makeNodeOwned(lo: range.lo, hi: range.hi)
        tree.linkOwned(node, under: at.parent, asLeft: at.asLeft, observer: &observer)
        tree.insertFixupOwned(node, observer: &observer)
        // `__cached_rbnode_insert_update`: classified by the new range's top.
        setCache(range.hi < config.dma32PFN ? .cached32 : .cached, node, observer: &observer)
        return AllocOutcome(range: range, visits: visits)
    }

    /// `iova_find_limit`: where the retry pass starts. For limits above 4 GiB the anchor;
    /// else a node at or above `limit` such that every node between it and the first node with
    /// `hi >= limit` starts at or above `limit` — found the way the kernel finds it, so that
    /// `visits` matches.
    func findLimit(_ limit: UInt64) -> NodeID {
        if limit > config.dma32PFN { return anchor }
        var node = tree.root
        while tree.hi(node) < limit { node = tree.right(node) }   // the anchor ends this spine
        while true {
            while tree.left(node).exists && tree.lo(tree.left(node)) >= limit {
                node = tree.left(node)
            }
            var next = tree.left(node)
            if next.isNone { return node }
            // Look for a node starting at or above the limit on the left child's right spine.
            var deeper = NodeID.none
            while tree.right(next).exists {
                next = tree.right(next)
                if tree.lo(next) >= limit {
                    deeper = next
                    break
                }
            }
            if deeper.isNone { return node }
            node = deeper
        }
    }
}
