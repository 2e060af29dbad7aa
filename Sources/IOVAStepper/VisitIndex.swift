import IOVACore

/// When each node of an rb-tree was first visited in one long operation, and for each node the
/// earliest first visit in its subtree, in the tree before and in the tree after the
/// operation. Built once when the operation is recorded; a frame then asks "visited by step
/// s?" and "any node visited below x by step s?" in O(1), so the tree pane opens the search
/// path of a million-node walk without collecting it (docs/screen.md § Tree).
public final class VisitIndex: @unchecked Sendable {
    // Immutable after init.
    /// Operations with fewer visits keep the visited set alone (the pane walks it).
    static let threshold = 2048
    static let never = UInt32.max

    /// Event index of each node's first `.visit` (`never`: not visited), by arena index.
    private let first: [UInt32]
    /// The least `first` in each node's subtree, in the tree before and after the operation.
    private let subtreeBefore: [UInt32]
    private let subtreeAfter: [UInt32]
    /// Nodes visited, in order of first visit.
    let order: [NodeID]

    init(events: [AllocatorEvent], before: (any RBTreeSource)?, after: (any RBTreeSource)?) {
        // Tables indexed by node are sized once from the arenas (a million-visit walk used to
        // grow them one slot at a time).
        var first = [UInt32](repeating: Self.never, count: max(before?.arenaCapacity ?? 0, after?.arenaCapacity ?? 0))
        var order: [NodeID] = []
        for (i, e) in events.enumerated() {
            guard case .visit(let n) = e, n.exists else { continue }
            if n.index >= first.count { first.append(contentsOf: repeatElement(Self.never, count: n.index + 1 - first.count)) }
            if first[n.index] == Self.never {
                first[n.index] = UInt32(clamping: i)
                order.append(n)
            }
        }
        self.first = first
        self.order = order
        subtreeBefore = before.map { Self.subtreeMinima(order, first, $0) } ?? []
        subtreeAfter = after.map { Self.subtreeMinima(order, first, $0) } ?? []
    }

    /// The index of a long operation's walk, or nil when it visits too few nodes to need one.
    static func ifLong(events: [AllocatorEvent], before: (any RBTreeSource)?, after: (any RBTreeSource)?) -> VisitIndex? {
        let index = VisitIndex(events: events, before: before, after: after)
        return index.order.count >= threshold ? index : nil
    }

    /// Climbs from each visited node (earliest first) to the root; a node reached before
    /// already has its least value, and so have its ancestors, so every node is set once.
    /// Generic over the tree: its existential is opened once per call, not at every read.
    private static func subtreeMinima<T: RBTreeSource>(_ order: [NodeID], _ first: [UInt32], _ tree: T) -> [UInt32] {
        var minima = [UInt32](repeating: never, count: tree.arenaCapacity)
        for n in order where tree.isLive(n) {
            let v = first[n.index]
            var x = n
            while x.exists {
                if x.index >= minima.count { minima.append(contentsOf: repeatElement(never, count: x.index + 1 - minima.count)) }
                guard minima[x.index] == never else { break }
                minima[x.index] = v
                x = tree.parent(x)
            }
        }
        return minima
    }

    func firstVisit(_ n: NodeID) -> UInt32 { n.exists && n.index < first.count ? first[n.index] : Self.never }

    func subtreeFirstVisit(_ n: NodeID, after: Bool) -> UInt32 {
        let m = after ? subtreeAfter : subtreeBefore
        return n.exists && n.index < m.count ? m[n.index] : Self.never
    }
}

/// The visited nodes at one step of one operation, read from its `VisitIndex` in the tree the
/// frame draws.
public struct VisitMarks: Sendable {
    let index: VisitIndex
    /// The frame's step: events `0 ..< step` have happened.
    public let step: Int
    /// Whether the frame draws the tree after the operation.
    let after: Bool

    /// Whether the search has read `n` by this step.
    public func isVisited(_ n: NodeID) -> Bool { Int(index.firstVisit(n)) < step && index.firstVisit(n) != VisitIndex.never }

    /// Whether `n` or a node of its subtree (in the drawn tree) has been read by this step.
    public func subtreeVisited(_ n: NodeID) -> Bool {
        let v = index.subtreeFirstVisit(n, after: after)
        return v != VisitIndex.never && Int(v) < step
    }
}
