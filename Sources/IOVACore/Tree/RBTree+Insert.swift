// Insertion fix-up, behaving like `rb_insert_color` / `rb_insert_augmented` in Linux
// lib/rbtree.c: the same cases in the same order, so trees built by the same sequence of
// insertions and erasures have the same shape and colours as the kernel's.

extension RBTree {
    /// Restores the red-black rules after `link` put the red node `n` into the tree.
    ///
    /// Loop invariant: `n` is red; the only possible violation is `n`'s parent being red too.
    /// Uppercase = black, lowercase = red in the diagrams (the mirror cases are symmetric).
    public mutating func insertFixup<O: AllocatorObserver>(_ n: NodeID, observer: inout O) {
        nodes.makeUnique()
        insertFixupOwned(n, observer: &observer)
    }

    /// `insertFixup` after `ownArena`.
    mutating func insertFixupOwned<O: AllocatorObserver>(_ n: NodeID, observer: inout O) {
        var node = n
        while true {
            let parent = nodes[node.index].parent
            if parent.isNone {
                // The node is the root: the root is black.
                setColor(node, .black, observer: &observer)
                return
            }
            if isBlack(parent) { return }
            // A red parent is never the root, so the grandparent exists.
            let grand = nodes[parent.index].parent
            let parentIsLeft = nodes[grand.index].left == parent
            let uncle = parentIsLeft ? nodes[grand.index].right : nodes[grand.index].left
            if isRed(uncle) {
                // Case 1: red uncle. Flip colours and continue two levels up.
                //
                //       G            g
                //      / \          / \
                //     p   u  -->   P   U
                //    /            /
                //   n            n
                setColor(parent, .black, observer: &observer)
                setColor(uncle, .black, observer: &observer)
                setColor(grand, .red, observer: &observer)
                node = grand
                continue
            }
            var top = parent
            let nodeIsInner = parentIsLeft ? nodes[parent.index].right == node : nodes[parent.index].left == node
            if nodeIsInner {
                // Case 2: black uncle, node on the inner side. Rotate at the parent so the red
                // pair lines up on the outer side, then fall through to case 3.
                //
                //      G             G
                //     / \           / \
                //    p   U  -->    n   U
                //     \           /
                //      n         p
                rotate(parent, up: node, observer: &observer)
                top = node
            }
            // Case 3: black uncle, red pair on the outer side. Rotate at the grandparent.
            //
            //        G           P
            //       / \         / \
            //      p   U  -->  n   g
            //     /                 \
            //    n                   U
            rotate(grand, up: top, observer: &observer)
            setColor(top, .black, observer: &observer)
            setColor(grand, .red, observer: &observer)
            return
        }
    }

    /// Descends from `start` (the root when none), links a new node `[lo, hi]` and rebalances:
    /// the whole of `iova_insert_rbtree` for a tree without augmentation. Returns none (and
    /// inserts nothing) when a node with key `lo` exists.
    public mutating func insert<O: AllocatorObserver>(lo: UInt64, hi: UInt64, from start: NodeID = .none, observer: inout O) -> NodeID {
        guard let at = insertionPoint(forKey: lo, from: start) else { return .none }
        let n = makeNode(lo: lo, hi: hi)
        link(n, under: at.parent, asLeft: at.asLeft, observer: &observer)
        Augment.propagate(&self, from: n, stop: .none, observer: &observer)
        insertFixup(n, observer: &observer)
        return n
    }
}
