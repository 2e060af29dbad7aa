// Erasure, behaving like `rb_erase` / `rb_erase_augmented` in Linux lib/rbtree.c: a node with
// two children is replaced by its in-order successor (the successor node moves; ids of all
// other nodes stay), then the colour fix-up runs from the parent of the removed black slot.

extension RBTree {
    /// Unlinks `n`, rebalances, and recycles its slot. Augment callbacks run as in
    /// `__rb_erase_augmented`: `copy` when the successor takes `n`'s place, `propagate` from the
    /// lowest changed node upwards, `rotate` during the fix-up.
    public mutating func erase<O: AllocatorObserver>(_ n: NodeID, observer: inout O) {
        nodes.makeUnique()
        // As `rb_erase_cached`: the successor of the lowest node becomes the lowest. The
        // successor's predecessor becomes the erased node's.
        let successor = next(n)
        if n == leftmost { leftmost = successor }
        if successor.exists { nodes[successor.index].pred = nodes[n.index].pred }
        let rebalanceAt = unlink(n, observer: &observer)
        if rebalanceAt.exists {
            eraseFixup(parent: rebalanceAt, observer: &observer)
        }
        count -= 1
        releaseSlot(n)
    }

    /// Takes `n` out of the tree and returns the parent of the place that lost a black node,
    /// or none when no colour fix-up is needed.
    mutating func unlink<O: AllocatorObserver>(_ n: NodeID, observer: inout O) -> NodeID {
        let node = nodes[n.index]
        let parent = node.parent
        var rebalance = NodeID.none
        var propagateFrom = NodeID.none

        if node.left.isNone || node.right.isNone {
            // At most one child: it takes the node's place and colour. A lone child is always
            // red under a black node, so recolouring it black keeps black heights; removing a
            // childless black node leaves a hole to fix.
            let child = node.left.exists ? node.left : node.right
            replaceChild(n, with: child, under: parent)
            if child.exists {
                nodes[child.index].parent = parent
                setColor(child, node.color, observer: &observer)
            } else if node.color == .black {
                rebalance = parent
            }
            observer.record(.erased(n, replacement: child))
            propagateFrom = parent
        } else {
            // Two children: the successor is the leftmost node of the right subtree.
            var successor = node.right
            var successorParent: NodeID
            let child2: NodeID
            if nodes[successor.index].left.isNone {
                // The successor is the right child itself and keeps its right subtree.
                successorParent = successor
                child2 = nodes[successor.index].right
                Augment.copy(&self, from: n, to: successor, observer: &observer)
            } else {
                repeat {
                    successorParent = successor
                    successor = nodes[successor.index].left
                } while nodes[successor.index].left.exists
                child2 = nodes[successor.index].right
                // Detach the successor (its right child takes its place), then give it the
                // node's right subtree.
                nodes[successorParent.index].left = child2
                nodes[successor.index].right = node.right
                nodes[node.right.index].parent = successor
                Augment.copy(&self, from: n, to: successor, observer: &observer)
                Augment.propagate(&self, from: successorParent, stop: successor, observer: &observer)
            }
            nodes[successor.index].left = node.left
            nodes[node.left.index].parent = successor
            replaceChild(n, with: successor, under: parent)
            let successorWasBlack = nodes[successor.index].color == .black
            if child2.exists {
                nodes[child2.index].parent = successorParent
                setColor(child2, .black, observer: &observer)
            } else if successorWasBlack {
                rebalance = successorParent
            }
            nodes[successor.index].parent = parent
            setColor(successor, node.color, observer: &observer)
            observer.record(.erased(n, replacement: successor))
            propagateFrom = successor
        }
        if propagateFrom.exists {
            Augment.propagate(&self, from: propagateFrom, stop: .none, observer: &observer)
        }
        return rebalance
    }

    /// Restores the red-black rules after a black node was removed below `parent`.
    ///
    /// Loop invariant: the subtree on `node`'s side of `parent` (`node` may be none) has one
    /// black node fewer on every path than its sibling's side; `node` is black or none.
    /// Uppercase = black, lowercase = red, `?` = either (mirror cases are symmetric).
    mutating func eraseFixup<O: AllocatorObserver>(parent start: NodeID, observer: inout O) {
        var node = NodeID.none
        var parent = start
        while true {
            // The short side is the left one unless `node` is the right child. With `node`
            // none, the sibling side holds black nodes and so is never empty.
            let nodeIsLeft = nodes[parent.index].right != node
            var sibling = nodeIsLeft ? nodes[parent.index].right : nodes[parent.index].left
            if isRed(sibling) {
                // Case 1: red sibling. Rotate it up to get a black sibling.
                //
                //     P               S
                //    / \             / \
                //   N   s    -->    p   Sr
                //      / \         / \
                //     Sl  Sr      N   Sl
                rotate(parent, up: sibling, observer: &observer)
                setColor(sibling, .black, observer: &observer)
                setColor(parent, .red, observer: &observer)
                sibling = nodeIsLeft ? nodes[parent.index].right : nodes[parent.index].left
            }
            let far = nodeIsLeft ? nodes[sibling.index].right : nodes[sibling.index].left
            if isBlack(far) {
                let near = nodeIsLeft ? nodes[sibling.index].left : nodes[sibling.index].right
                if isBlack(near) {
                    // Case 2: black sibling with black children. Paint the sibling red; a red
                    // parent absorbs the missing black, else the deficit moves up.
                    //
                    //    (p)           (p)
                    //    / \           / \
                    //   N   S    -->  N   s
                    //      / \           / \
                    //     Sl  Sr        Sl  Sr
                    setColor(sibling, .red, observer: &observer)
                    if isRed(parent) {
                        setColor(parent, .black, observer: &observer)
                        return
                    }
                    node = parent
                    parent = nodes[node.index].parent
                    if parent.exists { continue }
                    return
                }
                // Case 3: black far nephew, red near nephew. Rotate at the sibling so the red
                // nephew becomes the new (outer-red) sibling, then case 4 finishes.
                //
                //   (p)           (p)
                //   / \           / \
                //  N   S    -->  N   sl
                //     / \              \
                //    sl  Sr             S
                //                        \
                //                         Sr
                rotate(sibling, up: near, observer: &observer)
                sibling = near
            }
            // Case 4: red far nephew. Rotate at the parent; the sibling takes the parent's
            // colour, the parent and the far nephew become black.
            //
            //      (p)             (s)
            //      / \             / \
            //     N   S     -->   P   Sr
            //        / \         / \
            //      (sl) sr      N  (sl)
            let farNephew = nodeIsLeft ? nodes[sibling.index].right : nodes[sibling.index].left
            let parentColor = nodes[parent.index].color
            rotate(parent, up: sibling, observer: &observer)
            setColor(sibling, parentColor, observer: &observer)
            setColor(parent, .black, observer: &observer)
            setColor(farNephew, .black, observer: &observer)
            return
        }
    }
}
