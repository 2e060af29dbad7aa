/// One broken invariant found by a validator, with the node it concerns.
public struct InvariantViolation: Hashable, Sendable, CustomStringConvertible {
    public var node: NodeID
    public var message: String

    public init(_ node: NodeID, _ message: String) {
        self.node = node
        self.message = message
    }

    public var description: String { node.isNone ? message : "node \(node): \(message)" }
}

extension RBTree {
    /// Checks the red-black tree itself, each rule separately (in the spirit of the kernel's
    /// narrow validators): parent links agree with child links, BST order by `lo`, ranges
    /// well-formed and non-overlapping in order, the root black, no red node with a red child,
    /// equal black height on every path, and the node count (walked forwards, backwards, and
    /// as recorded) consistent. Returns every violation found, empty when the tree is sound.
    public func validateStructure() -> [InvariantViolation] {
        var problems: [InvariantViolation] = []
        if root.exists {
            if nodes[root.index].parent.exists { problems.append(.init(root, "root has a parent")) }
            if nodes[root.index].color != .black { problems.append(.init(root, "root is not black")) }
        }
        // Iterative depth-first walk carrying the black height seen so far.
        var reached = 0
        var blackHeight = -1
        var stack: [(NodeID, Int)] = root.exists ? [(root, 0)] : []
        while let (n, blacksAbove) = stack.popLast() {
            reached += 1
            if reached > nodes.count {
                problems.append(.init(n, "cycle: walked more nodes than the arena holds"))
                break
            }
            let node = nodes[n.index]
            if node.color == .freed { problems.append(.init(n, "freed slot is linked into the tree")) }
            if node.lo > node.hi { problems.append(.init(n, "lo 0x\(hex(node.lo)) > hi 0x\(hex(node.hi))")) }
            let blacks = blacksAbove + (node.color == .black ? 1 : 0)
            for (child, side) in [(node.left, "left"), (node.right, "right")] {
                guard child.exists else {
                    if blackHeight < 0 { blackHeight = blacks }
                    else if blackHeight != blacks {
                        problems.append(.init(n, "black height \(blacks) on its \(side) leaf, \(blackHeight) elsewhere"))
                    }
                    continue
                }
                guard child.index < nodes.count else {
                    problems.append(.init(n, "\(side) child \(child) outside the arena"))
                    continue
                }
                let c = nodes[child.index]
                if c.parent != n { problems.append(.init(child, "parent link is \(c.parent), expected \(n)")) }
                if node.color == .red && c.color == .red { problems.append(.init(child, "red child of red parent \(n)")) }
                if side == "left" ? !(c.lo < node.lo) : !(c.lo > node.lo) {
                    problems.append(.init(child, "BST order: \(side) child lo 0x\(hex(c.lo)) vs parent lo 0x\(hex(node.lo))"))
                }
                stack.append((child, blacks))
            }
        }
        if reached != count { problems.append(.init(.none, "count is \(count) but \(reached) nodes are reachable")) }
        // The cached lowest node must be the end of the left spine.
        var lowest = root
        var steps = 0
        while lowest.exists && lowest.index < nodes.count && nodes[lowest.index].left.exists && steps <= nodes.count {
            lowest = nodes[lowest.index].left
            steps += 1
        }
        if leftmost != lowest { problems.append(.init(leftmost, "cached lowest node is \(leftmost), the left spine ends at \(lowest)")) }
        // In-order walks both ways: neighbours must not overlap and the counts must agree.
        var forwards = 0
        var previous = NodeID.none
        var n = first
        while n.exists && forwards <= count {
            if previous.exists && nodes[previous.index].hi >= nodes[n.index].lo {
                problems.append(.init(n, "overlaps its predecessor \(previous): \(range(previous)) and \(range(n))"))
            }
            if nodes[n.index].pred != previous {
                problems.append(.init(n, "predecessor link is \(nodes[n.index].pred), the in-order predecessor is \(previous)"))
            }
            forwards += 1
            previous = n
            n = next(n)
        }
        var backwards = 0
        n = last
        while n.exists && backwards <= count {
            // A corrupted link is reported, not followed out of the arena (`prev` would trap).
            guard n.index < nodes.count else {
                problems.append(.init(n, "a predecessor link leaves the arena"))
                break
            }
            backwards += 1
            n = nodes[n.index].pred
        }
        if forwards != count || backwards != count {
            problems.append(.init(.none, "in-order walk finds \(forwards) forwards, \(backwards) backwards, count \(count)"))
        }
        return problems
    }

    /// Preorder text of the tree (docs/replay-format.md § --tree):
    /// `T := "." | "(" C ":" LO "-" HI " " T " " T ")"`, lowercase hex, left before right.
    public func preorderString() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(count * 24 + 1)
        appendPreorder(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the preorder text to a byte buffer (used by the replay writer).
    public func appendPreorder(to out: inout [UInt8]) {
        // Explicit stack of pending items: a node to open, or a literal to emit.
        var stack: [PreorderItem] = [.node(root)]
        while let item = stack.popLast() {
            switch item {
            case .text(let s):
                s.withUTF8Buffer { out.append(contentsOf: $0) }
            case .node(let n):
                guard n.exists else { out.append(UInt8(ascii: ".")); continue }
                let node = nodes[n.index]
                out.append(UInt8(ascii: "("))
                out.append(node.color == .black ? UInt8(ascii: "B") : UInt8(ascii: "R"))
                out.append(UInt8(ascii: ":"))
                appendHex(node.lo, to: &out)
                out.append(UInt8(ascii: "-"))
                appendHex(node.hi, to: &out)
                out.append(UInt8(ascii: " "))
                stack.append(.text(")"))
                stack.append(.node(node.right))
                stack.append(.text(" "))
                stack.append(.node(node.left))
            }
        }
    }
}

private enum PreorderItem { case node(NodeID), text(StaticString) }

/// Lowercase hex without a prefix.
@usableFromInline func hex(_ v: UInt64) -> String { String(v, radix: 16) }

/// Appends `v` in lowercase hex without a prefix.
public func appendHex(_ v: UInt64, to out: inout [UInt8]) {
    if v == 0 { out.append(UInt8(ascii: "0")); return }
    let digits = (64 - v.leadingZeroBitCount + 3) / 4
    for i in stride(from: digits - 1, through: 0, by: -1) {
        let d = UInt8((v >> UInt64(i * 4)) & 0xf)
        out.append(d < 10 ? d + 48 : d + 87)
    }
}
