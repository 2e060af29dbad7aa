// Field reads without the arena's range check, for the walks that run a million times per
// request (`prev`, `next`, `find`, the mainline gap search). Only ids the tree itself stored in
// a link, or an entry id already checked once, may be passed: every link of a live node is
// `none` or a slot of the arena (`validateStructure` checks it), so a walk that follows links
// from a checked node never leaves the arena. Debug builds still check each read.

extension RBTree {
    @inlinable @inline(__always) func lo(trusted n: NodeID) -> UInt64 { nodes[trusted: n.index].lo }
    @inlinable @inline(__always) func hi(trusted n: NodeID) -> UInt64 { nodes[trusted: n.index].hi }
    @inlinable @inline(__always) func left(trusted n: NodeID) -> NodeID { nodes[trusted: n.index].left }
    @inlinable @inline(__always) func right(trusted n: NodeID) -> NodeID { nodes[trusted: n.index].right }
    @inlinable @inline(__always) func parent(trusted n: NodeID) -> NodeID { nodes[trusted: n.index].parent }
    @inlinable @inline(__always) func fields(trusted n: NodeID) -> Augment.Fields { nodes[trusted: n.index].fields }

    /// Sets `n`'s fields in an arena already owned (`ownArena`), unchecked like the reads.
    @inlinable @inline(__always) mutating func setFields(owned n: NodeID, _ f: Augment.Fields) {
        nodes[trusted: n.index].fields = f
    }

    /// Traps unless `n` is a slot of the arena: the one check at the entry of a trusted walk.
    @inlinable @inline(__always) func checkEntry(_ n: NodeID) {
        precondition(UInt(bitPattern: n.index) < UInt(bitPattern: nodes.count), "node index out of range")
    }

    /// `prev` of a node known to be in the arena: its predecessor link.
    @inlinable @inline(__always) func prev(trusted n: NodeID) -> NodeID { nodes[trusted: n.index].pred }

    /// `next` of a node known to be in the arena.
    @inlinable @inline(__always) func next(trusted n: NodeID) -> NodeID {
        var n = n
        var r = right(trusted: n)
        if r.exists {
            var l = left(trusted: r)
            while l.exists {
                r = l
                l = left(trusted: r)
            }
            return r
        }
        var p = parent(trusted: n)
        while p.exists && right(trusted: p) == n {
            n = p
            p = parent(trusted: p)
        }
        return p
    }
}
