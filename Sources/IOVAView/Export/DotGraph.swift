import IOVACore
import IOVAStepper

/// A Graphviz DOT picture of the tree at one step: the rb-tree with colours, ranges and gap
/// figures, or the maple tree as record nodes of slots with pivots and gap arrays; the
/// search's marks as in the tree pane (current, visited, pruned with the reason).
///
/// Big trees keep what matters: every node when there are at most `nodeLimit`, otherwise the
/// nodes on the paths the step touched, with their other children folded into summary boxes.
public enum DotGraph {
    public static let nodeLimit = 500

    public static func render(_ frame: Frame) -> String {
        var out = "digraph iova {\n"
        out += "  graph [label=\"\(escape(title(frame)))\", labelloc=t, fontname=\"monospace\"];\n"
        out += "  node [fontname=\"monospace\", fontsize=10];\n  edge [arrowsize=0.6];\n"
        if let tree = frame.state.rbTree {
            RBDot(tree: tree, frame: frame).write(into: &out)
        } else if let tree = frame.state.mapleTree {
            MapleDot(tree: tree, frame: frame).write(into: &out)
        }
        out += "}\n"
        return out
    }

    static func title(_ frame: Frame) -> String {
        guard let line = frame.line else { return "\(frame.policy.name.rawValue): empty scenario" }
        return "\(frame.policy.name.rawValue) — op \(frame.operationNumber) (line \(line.line)) \(Stepper.describe(line.command)), step \(frame.step)/\(frame.stepCount)"
    }

    static func hex(_ v: UInt64) -> String { String(v, radix: 16) }

    static func range(_ r: PFNRange) -> String {
        r.lo == DomainConfig.anchorPFN ? "anchor" : r.lo == r.hi ? hex(r.lo) : "\(hex(r.lo))..\(hex(r.hi))"
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\"", "\\", "{", "}", "|", "<", ">": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }
}

/// The rb-tree: one ellipse per node, left child before right.
private struct RBDot {
    let tree: any RBTreeSource
    let frame: Frame

    func write(into out: inout String) {
        let h = frame.highlights
        var keep: Set<NodeID>? = nil
        if tree.count > DotGraph.nodeLimit {
            var set: Set<NodeID> = [tree.root]
            for n in h.visited.union(h.pruned.keys).union(h.touched) + [h.current] where tree.isLive(n) {
                var c = n
                while c.exists { set.insert(c); c = tree.parent(c) }
            }
            keep = set
        }
        var stack = [tree.root]
        while let n = stack.popLast() {
            guard n.exists else { continue }
            node(n, into: &out)
            for child in [tree.left(n), tree.right(n)] where child.exists {
                if keep == nil || keep!.contains(child) {
                    out += "  n\(n.raw) -> n\(child.raw);\n"
                    stack.append(child)
                } else {
                    out += "  f\(child.raw) [shape=box, style=dashed, label=\"subtree of \(DotGraph.range(tree.range(child)))\"];\n"
                    out += "  n\(n.raw) -> f\(child.raw) [style=dashed];\n"
                }
            }
        }
    }

    func node(_ n: NodeID, into out: inout String) {
        let h = frame.highlights
        var label = DotGraph.range(tree.range(n))
        if let g = tree.gapInfo(n) {
            label += "\\ngap \(DotGraph.hex(g.gap)) max \(DotGraph.hex(g.maxGap))"
            if let g32 = g.maxGap32 { label += " max32 \(DotGraph.hex(g32))" }
            if let key = g.alignKey { label += "\\nkey \(key)" }
        }
        var attributes = ["label=\"\(label)\"", "color=\(tree.color(n) == .red ? "red" : "black")"]
        if let reason = h.pruned[n] {
            attributes += ["style=filled", "fillcolor=gray85", "xlabel=\"pruned: \(Self.reason(reason))\""]
        } else if h.visited.contains(n) {
            attributes += ["style=filled", "fillcolor=lightblue"]
        }
        if n == h.current { attributes.append("penwidth=3") }
        out += "  n\(n.raw) [\(attributes.joined(separator: ", "))];\n"
    }

    static func reason(_ r: PruneReason) -> String {
        switch r {
        case .alignKeyTooSmall: "align key < 2^o + size"
        case .maxGapTooSmall: "max_gap < size"
        case .maxGap32TooSmall: "max_gap32 < size"
        case .aboveLimit: "above the limit"
        }
    }
}

/// The maple tree: one record per node, a field per slot, edges from slots to children.
private struct MapleDot {
    let tree: any MapleTreeSource
    let frame: Frame

    func write(into out: inout String) {
        let h = frame.highlights.maple
        let onPath = Set(h.entered).union(h.touched.subtracting(h.freed))
        let all = tree.nodeCount <= DotGraph.nodeLimit
        var stack = [tree.root]
        while let n = stack.popLast() {
            guard tree.isLive(n) else { continue }
            node(n, into: &out)
            guard !tree.isLeaf(n) else { continue }
            for i in 0..<tree.slotCount(n) {
                let c = tree.child(n, i)
                if all || onPath.contains(c) || c == tree.root {
                    out += "  m\(n.raw):s\(i) -> m\(c.raw);\n"
                    stack.append(c)
                } else {
                    out += "  f\(c.raw) [shape=box, style=dashed, label=\"node \(c.raw): \(DotGraph.range(tree.bounds(c)))\"];\n"
                    out += "  m\(n.raw):s\(i) -> f\(c.raw) [style=dashed];\n"
                }
            }
        }
    }

    func node(_ n: NodeID, into out: inout String) {
        let h = frame.highlights.maple
        var fields: [String] = []
        for i in (0..<tree.slotCount(n)).reversed() {    // high addresses first, like the pane
            let r = tree.slotRange(n, i)
            var text = "s\(i) \(DotGraph.range(r))"
            if tree.isLeaf(n) {
                let v = tree.value(n, i)
                text += v == MapleValue.free ? " free" : v == MapleValue.reserved ? " resv" : " alloc"
            } else {
                text += " gap \(DotGraph.hex(tree.gap(n, i)))"
            }
            if let verdict = h.verdicts[MapleSlot(n, i)] { text += " [\(Self.verdict(verdict))]" }
            fields.append("<s\(i)> " + DotGraph.escape(text))
        }
        let b = tree.bounds(n)
        let header = "node \(n.raw) \(tree.isLeaf(n) ? "leaf" : "internal") \(DotGraph.range(b))"
        var attributes = ["shape=record", "label=\"{\(DotGraph.escape(header))|\(fields.joined(separator: "|"))}\""]
        if h.entered.contains(n) { attributes += ["style=filled", "fillcolor=lightblue"] }
        if n == h.current { attributes.append("penwidth=3") }
        out += "  m\(n.raw) [\(attributes.joined(separator: ", "))];\n"
    }

    static func verdict(_ v: SlotVerdict) -> String {
        switch v {
        case .taken: "taken"
        case .gapTooSmall: "gap < size"
        case .outsideWindow: "outside the window"
        case .occupied: "entry"
        case .pastWindow: "past the window"
        }
    }
}
