extension RBTree {
    /// The lowest node (`rb_first`), or none.
    public var first: NodeID {
        var n = root
        guard n.exists else { return .none }
        while nodes[n.index].left.exists { n = nodes[n.index].left }
        return n
    }

    /// The highest node (`rb_last`), or none.
    public var last: NodeID {
        var n = root
        guard n.exists else { return .none }
        while nodes[n.index].right.exists { n = nodes[n.index].right }
        return n
    }

    /// In-order successor (`rb_next`), or none.
    @inlinable public func next(_ n: NodeID) -> NodeID {
        var n = n
        var r = nodes[n.index].right
        if r.exists {
            while nodes[r.index].left.exists { r = nodes[r.index].left }
            return r
        }
        var p = nodes[n.index].parent
        while p.exists && nodes[p.index].right == n {
            n = p
            p = nodes[p.index].parent
        }
        return p
    }

    /// In-order predecessor (`rb_prev`), or none.
    @inlinable public func prev(_ n: NodeID) -> NodeID {
        var n = n
        var l = nodes[n.index].left
        if l.exists {
            while nodes[l.index].right.exists { l = nodes[l.index].right }
            return l
        }
        var p = nodes[n.index].parent
        while p.exists && nodes[p.index].left == n {
            n = p
            p = nodes[p.index].parent
        }
        return p
    }

    /// The node whose range contains `pfn` (`find_iova`'s descent), or none.
    @inlinable public func find(containing pfn: UInt64) -> NodeID {
        var n = root
        while n.exists {
            let node = nodes[n.index]
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
        var parent = NodeID.none
        var asLeft = false
        while n.exists {
            parent = n
            let key = nodes[n.index].lo
            if lo < key {
                asLeft = true
                n = nodes[n.index].left
            } else if lo > key {
                asLeft = false
                n = nodes[n.index].right
            } else {
                return nil
            }
        }
        return (parent, asLeft)
    }

    /// Calls `body` for every node in ascending order.
    public func forEachInOrder(_ body: (NodeID) -> Void) {
        var n = first
        while n.exists {
            body(n)
            n = next(n)
        }
    }
}
