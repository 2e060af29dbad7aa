extension RBTree {
    /// The lowest node (`rb_first`), or none: kept up to date by `link` and `erase`.
    public var first: NodeID { leftmost }

    /// The highest node (`rb_last`), or none.
    public var last: NodeID {
        var n = root
        guard n.exists else { return .none }
        while nodes[n.index].right.exists { n = nodes[n.index].right }
        return n
    }

    /// In-order successor (`rb_next`), or none.
    @inlinable public func next(_ n: NodeID) -> NodeID {
        checkEntry(n)
        return next(trusted: n)
    }

    /// In-order predecessor (`rb_prev`), or none.
    @inlinable public func prev(_ n: NodeID) -> NodeID {
        checkEntry(n)
        return prev(trusted: n)
    }

    /// The node whose range contains `pfn` (`find_iova`'s descent), or none.
    @inlinable public func find(containing pfn: UInt64) -> NodeID {
        var n = root
        while n.exists {
            let node = nodes[trusted: n.index]
            if pfn < node.lo {
                n = node.left
            } else if pfn > node.hi {
                n = node.right
            } else {
                return n
            }
        }
        return .none
    }

    /// Where a node keyed `lo` would be linked by a plain BST descent starting at `start`
    /// (the root when none): its parent and side, or nil when a node with the same key exists
    /// (the kernel warns and refuses to insert).
    public func insertionPoint(forKey lo: UInt64, from start: NodeID = .none) -> (parent: NodeID, asLeft: Bool)? {
        var n = start.exists ? start : root
        if n.exists { checkEntry(n) }
        var parent = NodeID.none
        var asLeft = false
        while n.exists {
            parent = n
            let node = nodes[trusted: n.index]
            if lo < node.lo {
                asLeft = true
                n = node.left
            } else if lo > node.lo {
                asLeft = false
                n = node.right
            } else {
                return nil
            }
        }
        return (parent, asLeft)
    }

    /// Calls `body` for every node in ascending order.
    ///
    /// The nodes are gathered first down the predecessor links from the highest one, one load
    /// per node, and then handed out in reverse: stepping with `next` climbs and descends the
    /// tree, several scattered reads per node (a million-node tree took 20–35 ms, most of a far
    /// seek's redraw of the range index; the chain, 4 bytes of ids per node, a few).
    /// A tree whose predecessor links disagree with its shape (only a corrupted one, which the
    /// validators must still be able to walk and report) is walked with `next` instead.
    public func forEachInOrder(_ body: (NodeID) -> Void) {
        guard count > 0 else { return }
        let gathered = withUnsafeTemporaryAllocation(of: NodeID.self, capacity: count) { ids -> Bool in
            var n = last
            var i = count
            while n.exists && i > 0 {
                guard n.index < nodes.count else { return false }   // a corrupted link: no trusted read
                i -= 1
                ids[i] = n
                n = prev(trusted: n)
            }
            guard !n.exists && i == 0 && ids[0] == first else { return false }
            for id in ids { body(id) }
            return true
        }
        guard !gathered else { return }
        var n = first
        while n.exists {
            body(n)
            n = next(n)
        }
    }
}
