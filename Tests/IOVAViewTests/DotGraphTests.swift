import IOVACore
import IOVAScenario
import IOVAStepper
import IOVAView
import Testing

/// The Graphviz picture of the tree at a step: what it names and marks.
@Suite struct DotGraphTests {
    static let g = "alloc 1 limit=0x7ffff\nalloc 1 limit=dma32\nalloc 0x80000 limit=dma32\n"

    static func frame(_ text: String, _ policy: PolicyName, op: Int, step: Int) throws -> Frame {
        var s = Stepper(lines: try Scenario.parse(text, file: "t"), policy: policy)
        s.seek(operation: op, step: step)
        return s.frame
    }

    @Test func rbTreeWithColoursGapsAndTheSearchsMarks() throws {
        let dot = DotGraph.render(try Self.frame(Self.g, .limitAware, op: 3, step: 4))
        #expect(dot.hasPrefix("digraph iova {\n"))
        #expect(dot.hasSuffix("}\n"))
        #expect(dot.contains(#"label="limit-aware — op 3 (line 3) alloc 524288 limit=0xfffff, step 4/"#))
        #expect(dot.contains(#"n2 [label="fffff\ngap 7ffff max ffffffffffefffff", color=black, style=filled, fillcolor=lightblue];"#))
        #expect(dot.contains(#"n1 [label="7ffff\ngap 7ffff max 7ffff", color=red];"#))
        #expect(dot.contains("n2 -> n1;\n  n2 -> n0;"), "left child first")
        #expect(dot.contains("penwidth=3"), "the current node")
    }

    @Test func mapleRecordsWithSlotsVerdictsAndChildEdges() throws {
        var text = ""
        for _ in 0..<40 { text += "alloc 1 limit=dma32\n" }
        let dot = DotGraph.render(try Self.frame(text, .maple, op: 40, step: 3))
        #expect(dot.contains("shape=record"))
        #expect(dot.contains("internal 0..ffffffffffffffff"), "the root spans the whole space")
        #expect(dot.contains(":s"), "edges leave from slot ports")
        #expect(dot.contains("[taken]"))
        #expect(!dot.contains("subtree of"), "a small tree is drawn whole")
    }

    @Test func bigTreesKeepThePathAndFoldTheRest() throws {
        var text = ""
        for _ in 0..<(DotGraph.nodeLimit + 300) { text += "alloc 1 limit=dma32\n" }
        text += "alloc 1 limit=0x7ffff\n"
        let dot = DotGraph.render(try Self.frame(text, .augmented, op: DotGraph.nodeLimit + 301, step: 6))
        let drawn = dot.split(separator: "\n").filter { $0.hasPrefix("  n") && $0.contains("[label=") }.count
        #expect(drawn < 60, "\(drawn) nodes drawn")
        #expect(dot.contains("style=dashed, label=\"subtree of "))
    }

    @Test func labelsAreEscaped() {
        #expect(DotGraph.escape(#"a|b{c}"d"#) == #"a\|b\{c\}\"d"#)
    }
}
