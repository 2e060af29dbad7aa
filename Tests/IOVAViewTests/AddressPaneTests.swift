import Testing
import TestSupport
@testable import IOVAView
import IOVAStepper
import IOVAScenario
import IOVACore

/// Frames for the address pane, each from a scenario at a chosen operation and step.
enum AddressFixtures {
    static let samples = FileIO.repositoryRoot + "/Samples"

    static func stepper(_ text: String) throws -> Stepper {
        let lines = try Scenario.parse(text, file: "t.iova")
        return Stepper(lines: lines, policy: .mainline)
    }

    static func frame(_ text: String, operation: Int, step: Int) throws -> Frame {
        var s = try stepper(text)
        s.seek(operation: operation, step: step)
        return s.frame
    }

    /// The first step of `operation` whose sentence contains `phrase` (for mid-search frames
    /// that do not depend on exact step numbers).
    static func frame(_ text: String, operation: Int, where phrase: String, occurrence: Int = 1) throws -> Frame {
        var s = try stepper(text)
        s.seek(operation: operation, step: 0)
        var seen = 0
        for k in 0...s.stepCount {
            s.seek(operation: operation, step: k)
            if s.frame.explanation.contains(phrase) {
                seen += 1
                if seen == occurrence { return s.frame }
            }
        }
        Issue.record("no step of operation \(operation) says \(phrase)")
        return s.frame
    }

    static func sample(_ name: String) -> String {
        Snapshot.read(samples + "/" + name) ?? ""
    }

    /// Scenario C (kernel): alloc(2) under dma32 walking the packed run from the anchor.
    static var cached32Walk: String { sample("kernel/scenario-c-cached32-walk.iova") }

    /// 64-bit allocations near the top of dma40 and of the whole 52-bit space, one 32-bit one.
    static let dma40 = """
        domain start=1 granule=4096
        alloc 0x20 limit=dma64            # [0xfffffffffffe0..0xfffffffffffff]
        alloc 0x100 limit=dma40 aligned   # [0xfffff00..0xfffffff]
        alloc 0x10 limit=dma40            # [0xffffef0..0xffffeff]
        alloc 4 limit=dma40               # [0xffffeec..0xffffeef]
        alloc 1 limit=dma32               # [0xfffff]
        free 0xffffef0
        alloc 8 limit=dma40               # into the freed [0xffffef0..0xffffeff]
        """

    /// The x86 MSI window reserved at 0xfee00..0xfeeff: an aligned allocation skips over it.
    static let msi = """
        domain start=1 granule=4096
        reserve 0xfee00 0xfeeff           # MSI window
        alloc 0x1000 limit=dma32 aligned  # [0xff000..0xfffff]
        alloc 0x200 limit=dma32 aligned   # 0xfee00 overlaps the window: [0xfec00..0xfedff]
        alloc 0x40 limit=dma32            # [0xfebc0..0xfebff]
        """

    /// Mixed sizes in the top 0x1000 pfns of dma32, for the zoom window 0xff000..0xfffff.
    static let zoom = """
        domain start=1 granule=4096
        reserve 0xfee00 0xfeeff
        alloc 0x80 limit=dma32 aligned    # [0xfff80..0xfffff]
        alloc 0x100 limit=dma32 aligned   # [0xffe00..0xffeff]
        alloc 0x400 limit=dma32 aligned   # [0xff800..0xffbff]
        alloc 0x10 limit=dma32            # [0xff7f0..0xff7ff]
        alloc 3 limit=dma32               # [0xfff7d..0xfff7f]
        free 0xffe00
        alloc 0x40 limit=dma32            # [0xfff3d..0xfff7c]
        """
}

func renderAddress(_ frame: Frame, view: AddressView = AddressView(), width: Int, height: Int = 7, glyphs: Glyphs = .unicode) -> CellBuffer {
    var buffer = CellBuffer(width: width, height: height)
    AddressPane.draw(frame, view: view, in: buffer.area, into: &buffer, glyphs: glyphs)
    return buffer
}

/// One snapshot case: a frame, the view, the height it needs.
struct AddressCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: @Sendable () -> String
    var operation: Int
    var step: Int
    var zoom = 0
    var centre: UInt64?
    var height = 7

    var testDescription: String { name }

    func frame() throws -> Frame { try AddressFixtures.frame(text(), operation: operation, step: step) }

    var view: AddressView {
        var v = AddressView()
        v.zoom = zoom
        v.centre = centre
        return v
    }

    static let all: [AddressCase] = [
        // alloc(2) under dma32 walking down the packed run: at [0xffffd], candidate 0xffffb overlaps [0xffffc].
        AddressCase(name: "c32walk", text: { AddressFixtures.cached32Walk }, operation: 13, step: 7),
        // alloc 8 under dma40: the freed gap [0xffffef0..0xffffeff] below [0xfffff00..] fits at 0xffffef8.
        AddressCase(name: "dma40", text: { AddressFixtures.dma40 }, operation: 7, step: 3),
        // alloc 0x200 aligned: candidate 0xfee00 overlaps the MSI window [0xfee00..0xfeeff].
        AddressCase(name: "msi", text: { AddressFixtures.msi }, operation: 3, step: 3),
        // alloc 0x40: candidate 0xfff40 fits; zoom 2 around 0xffff0 = window 0xff000..0xfffff.
        AddressCase(name: "zoom2", text: { AddressFixtures.zoom }, operation: 8, step: 3, zoom: 2, centre: 0xffff0, height: 9),
    ]
}

@Suite struct AddressPaneTests {
    static let widths = [40, 80, 120]

    // MARK: Snapshots

    @Test(arguments: AddressCase.all)
    func snapshots(_ c: AddressCase) throws {
        let frame = try c.frame()
        #expect(frame.highlights.examinedGap != nil, "the case is meant to be mid-search")
        for width in Self.widths {
            for (set, glyphs) in [("unicode", Glyphs.unicode), ("ascii", Glyphs.ascii)] {
                let buffer = renderAddress(frame, view: c.view, width: width, height: c.height, glyphs: glyphs)
                Snapshot.assertMatches(buffer, named: "address-\(c.name)-\(set)-\(width)")
            }
        }
    }

    /// The pane can be placed anywhere in a larger buffer: it draws inside its area only.
    @Test func drawsInsideItsArea() throws {
        let frame = try AddressCase.all[1].frame()
        var buffer = CellBuffer(width: 100, height: 12)
        let area = Rect(x: 10, y: 2, width: 80, height: 7)
        AddressPane.draw(frame, view: AddressView(), in: area, into: &buffer, glyphs: .unicode)
        for y in 0..<buffer.height {
            for x in 0..<buffer.width where !(x >= area.x && x < area.maxX && y >= area.y && y < area.maxY) {
                #expect(buffer[x, y] == .blank, "cell \(x),\(y) outside the area was written")
            }
        }
        let alone = renderAddress(frame, width: 80, height: 7)
        for y in 0..<7 {
            for x in 0..<80 { #expect(buffer[x + 10, y + 2] == alone[x, y]) }
        }
    }

    // MARK: Robustness

    @Test func neverTrapsForAnyArea() throws {
        var frames = try AddressCase.all.map { (try $0.frame(), $0.view) }
        frames.append((try AddressFixtures.frame("domain start=1 granule=4096\n", operation: 0, step: 0), AddressView()))
        var deep = AddressView()
        deep.zoom = 99
        deep.centre = .max
        frames.append((frames[0].0, deep))
        for (frame, view) in frames {
            for width in 0...40 {
                for height in 0...8 {
                    for glyphs in [Glyphs.unicode, Glyphs.ascii] {
                        var buffer = CellBuffer(width: width, height: height)
                        AddressPane.draw(frame, view: view, in: buffer.area, into: &buffer, glyphs: glyphs)
                        // Areas poking out of the buffer on every side.
                        AddressPane.draw(frame, view: view, in: Rect(x: -3, y: -2, width: width + 6, height: height + 4), into: &buffer, glyphs: glyphs)
                    }
                }
            }
            for width in 41...300 {
                let buffer = renderAddress(frame, view: view, width: width, height: 9)
                #expect(buffer.lines[1].unicodeScalars.count == width, "the bar fills the width")
            }
        }
    }

    @Test func otherGranulesAndStarts() throws {
        for (granule, start) in [(UInt64(2), UInt64(0)), (4096, 0x100), (65536, 1), (1 << 32, 1), (8192, 1)] {
            let text = """
                domain start=\(start) granule=\(granule)
                alloc 3 limit=dma32
                alloc 5 limit=dma64
                alloc 1 limit=dma40
                """
            var view = AddressView()
            view.zoom = 3
            for op in 1...3 {
                let frame = try AddressFixtures.frame(text, operation: op, step: 2)
                for width in [1, 2, 5, 13, 40, 80, 300] {
                    let buffer = renderAddress(frame, view: view, width: width, height: 9)
                    #expect(buffer.height == 9)
                }
            }
        }
    }

    // MARK: Faithfulness

    /// Every pfn maps to a column whose cell draws it, and columns never go back as pfns grow.
    @Test func axisIsMonotoneAndFaithful() throws {
        var rng = SystemRandomNumberGenerator()
        for c in AddressCase.all {
            let frame = try c.frame()
            for width in [12, 20, 40, 57, 80, 120, 300] {
                let r = AddressRender(frame: frame, view: c.view, width: width, glyphs: .unicode)
                let maxPFN = frame.state.config.maxPFN
                var pfns: [UInt64] = [0, 1, maxPFN, frame.state.config.dma32PFN, 0xfffff, 0xfee00, 0xfffffff]
                frame.state.forEachRange { pfns += [$0.lo, $0.hi, $0.lo &- 1, $0.hi + 1] }
                for _ in 0..<2000 { pfns.append(UInt64.random(in: 0...maxPFN, using: &rng)) }
                for _ in 0..<500 { pfns.append(UInt64.random(in: 0xfe000...0x100100, using: &rng)) }
                pfns = pfns.filter { $0 <= maxPFN }.sorted()
                var last = -1
                for p in pfns {
                    guard let col = r.axis.column(p) else { Issue.record("no column for \(p)"); continue }
                    #expect(col >= last, "pfn \(p) at column \(col), left of a lower pfn's column \(last) (width \(width))")
                    last = col
                    let holder = r.axis.items.first { col >= $0.x && col < $0.x + $0.width }
                    #expect(holder.map { $0.lo <= p && p <= $0.hi } == true, "column \(col) does not draw pfn \(p) (width \(width))")
                }
                if width >= 20 { #expect(r.axis.column(.max) == width - 1, "the anchor is the last column") }
            }
        }
    }

    /// Markers' labels are ordered as their pfns, on every row, at every width.
    @Test func markersAreOrderedByPfn() throws {
        for c in AddressCase.all {
            let frame = try c.frame()
            for width in Array(1...60) + [80, 97, 120, 200, 300] {
                let r = AddressRender(frame: frame, view: c.view, width: width, glyphs: .unicode)
                for placed in [r.barMarkers, r.zoomMarkers] {
                    let flat = placed.flatMap { g in g.kinds.map { (kind: $0, pfn: pfn(of: $0, r.facts), column: g.column) } }
                    for a in flat {
                        for b in flat where a.pfn < b.pfn {
                            #expect(a.column <= b.column, "\(a.kind) (pfn \(a.pfn)) drawn right of \(b.kind) (pfn \(b.pfn)) at width \(width)")
                        }
                    }
                    for g in placed {
                        #expect(g.column >= 0 && g.column + g.text.unicodeScalars.count <= width, "label \(g.text) leaves the row")
                    }
                }
            }
        }
    }

    func pfn(of kind: AddressMarker.Kind, _ f: AddressFacts) -> UInt64 {
        f.markers.first { $0.kind == kind }!.pfn
    }

    /// With room, each marker sits exactly under the cell of its pfn.
    @Test func markersSitOnTheirPfns() throws {
        let frame = try AddressCase.all[1].frame()  // dma40
        let r = AddressRender(frame: frame, view: AddressView(), width: 120, glyphs: .unicode)
        let facts = r.facts
        #expect(facts.limit == 0xfffffff)
        for kind in [AddressMarker.Kind.limit, .candidate, .start, .anchor, .cached32] {
            let group = r.barMarkers.first { $0.kinds.contains(kind) }
            #expect(group != nil, "\(kind) is drawn")
            guard let group else { continue }
            let p = pfn(of: kind, facts)
            #expect(group.column == r.axis.column(p), "\(kind) at column \(group.column), its pfn \(p) at \(String(describing: r.axis.column(p)))")
        }
        let buffer = renderAddress(frame, width: 120)
        let markers = buffer.lines[2]
        let bar = Array(buffer.lines[1].unicodeScalars)
        let col = r.axis.column(0xfffffff)!
        #expect(Array(markers.unicodeScalars)[col] == "L")
        #expect(bar[col] == "█", "the limit's cell is the top page of [0xfffff00..0xfffffff]")
        #expect(buffer[col, 1].role == .allocated)
        let cand = r.axis.column(0xffffef8)!
        #expect(buffer[cand, 1].role == .gapExamined, "the candidate lies in the examined gap")
        #expect(buffer[cand, 2].glyph == "▲")
        // C32 (0xfffff) and 4G (0x100000) fall on neighbouring cells: 4G moves right, not left.
        let c32 = r.barMarkers.first { $0.kinds.contains(.cached32) }!
        let g4 = r.barMarkers.first { $0.kinds.contains(.boundary) }!
        #expect(g4.column > c32.column && g4.column >= r.axis.column(0x100000)!)

        // Scenario C at 80 columns, 4 cells per page: limit and 4G each exactly on their page.
        let walk = try AddressCase.all[0].frame()
        let w = AddressRender(frame: walk, view: AddressView(), width: 80, glyphs: .unicode)
        #expect(w.axis.items.contains { $0.mag == 4 })
        for (kind, p) in [(AddressMarker.Kind.limit, UInt64(0xfffff)), (.boundary, 0x100000), (.current, 0xffffd), (.candidate, 0xffffb)] {
            let g = w.barMarkers.first { $0.kinds.contains(kind) }
            #expect(g?.column == w.axis.column(p), "\(kind) on pfn \(p)")
        }
        let wb = renderAddress(walk, width: 80)
        #expect(wb[w.axis.column(0x100000)!, 2].glyph == "4")
        #expect(wb[w.axis.column(0x100000)!, 2].role == .boundaryMarker)
        #expect(wb[w.axis.column(0xfffff)!, 1].role == .free, "0xfffff was freed by op 12")
        #expect(wb[w.axis.column(0xffffe)!, 1].role == .allocated)
    }

    @Test func hugeGapsCollapseIntoLabelledBreaks() throws {
        let frame = try AddressCase.all[1].frame()
        for width in [40, 80, 120] {
            let bar = renderAddress(frame, width: width).lines[1]
            // [2..0xffffe] ≈ 4 GiB, [0x100001..0xffffeeb] ≈ 1 TiB, the rest up to 2^52 ≈ 16 EiB.
            for label in ["≈4G≈", "≈1T≈", "≈16E≈"] {
                #expect(bar.contains(label), "\(label) in \(bar)")
            }
        }
        let r = AddressRender(frame: frame, view: AddressView(), width: 80, glyphs: .unicode)
        #expect(r.axis.items.filter(\.isBreak).count == 3)
        #expect(r.axis.items.allSatisfy { $0.isBreak || $0.per <= 8 }, "the clusters stay at page scale")
    }

    @Test func examinedBreakIsNotColourAlone() throws {
        // alloc under dma32 in an empty domain: the examined gap is [start..0xfffff] and collapses.
        let frame = try AddressFixtures.frame("domain start=1 granule=4096\nalloc 0x10 limit=dma32\n", operation: 1, where: "fits")
        #expect(frame.highlights.examinedGap != nil)
        for (glyphs, width) in [(Glyphs.unicode, 40), (.unicode, 80), (.ascii, 80)] {
            let buffer = renderAddress(frame, width: width, glyphs: glyphs)
            let examined = (0..<width).filter { buffer[$0, 1].role == .gapExamined }
            #expect(!examined.isEmpty)
            #expect(examined.contains { buffer[$0, 1].glyph == glyphs.examined }, "examined cells show the examined glyph too")
        }
    }

    /// At the end of an allocation the found range is drawn with the found glyph and role.
    @Test func foundRange() throws {
        var s = try AddressFixtures.stepper(AddressFixtures.dma40)
        s.seek(operation: 7, step: .max)
        let frame = s.frame
        #expect(frame.highlights.found == PFNRange(lo: 0xffffef8, hi: 0xffffeff))
        for (glyphs, width) in [(Glyphs.unicode, 80), (.ascii, 120)] {
            let r = AddressRender(frame: frame, view: AddressView(), width: width, glyphs: glyphs)
            let col = r.axis.column(0xffffef8)!
            #expect(r.bar[col] == Cell(glyphs.found, .found))
            let rest = r.bar[r.axis.column(0xffffef0)!]
            #expect(rest == Cell(glyphs.examined, .gapExamined), "the rest of the chosen gap stays marked as examined")
        }
    }

    @Test func onePageIsNeverInvisible() throws {
        // One page at the top of a 2^52-page domain: every row still shows it.
        let frame = try AddressFixtures.frame("domain start=1 granule=4096\nalloc 1 limit=dma64\nfind 1\n", operation: 2, step: 0)
        for width in [10, 40, 80, 300] {
            let r = AddressRender(frame: frame, view: AddressView(), width: width, glyphs: .unicode)
            #expect(r.bar.contains { $0.role == .allocated }, "the bar shows the page at width \(width)")
            if width >= 40 {
                #expect(r.minimap.contains { $0.role == .allocated && $0.glyph != " " }, "the minimap shows the page")
            }
        }
    }

    // MARK: Zoom

    @Test func zoomWindowAndHeader() throws {
        let c = AddressCase.all[3]
        let frame = try c.frame()
        let r = AddressRender(frame: frame, view: c.view, width: 80, glyphs: .unicode)
        #expect(r.window == PFNRange(lo: 0xff000, hi: 0xfffff))
        #expect(r.zoomPer == 0x40)
        let buffer = renderAddress(frame, view: c.view, width: 80, height: 9)
        #expect(buffer.lines.contains("zoom 2: window 0xff000..0xfffff (1 col = 0x40 pfn)"))
        // Column 63 is 0xfffc0..0xfffff (allocated); 61 is 0xfff40..0xfff7f, the candidate.
        let zoomRow = buffer.lines.firstIndex { $0.hasPrefix("zoom 2") }! + 1
        #expect(buffer[63, zoomRow].role == .allocated)
        #expect(buffer[61, zoomRow].role == .gapExamined)
        #expect(buffer[61, zoomRow + 1].glyph == "▲")
        // The minimap brackets the window.
        #expect(r.minimap.contains { $0.glyph == "[" } && r.minimap.contains { $0.glyph == "]" })

        // Following the search: the window holds the candidate.
        var follow = AddressView()
        follow.zoom = 4
        let f = AddressRender(frame: frame, view: follow, width: 80, glyphs: .unicode)
        #expect(f.window == PFNRange(lo: 0xfff40, hi: 0xfff4f))
        #expect(f.zoomPer == 1)

        // Each level is ×16; levels past one hex digit stop at 16 pfns.
        var spans: [UInt64] = []
        for z in 1...8 {
            var v = AddressView()
            v.zoom = z
            let w = AddressRender(frame: frame, view: v, width: 80, glyphs: .unicode).window!
            spans.append(w.count)
        }
        #expect(spans == [0x10000, 0x1000, 0x100, 0x10, 0x10, 0x10, 0x10, 0x10])
    }

    @Test func rowsByHeight() {
        #expect(AddressPane.layout(height: 0, zoomed: false) == [])
        #expect(AddressPane.layout(height: 1, zoomed: false) == [.bar])
        #expect(AddressPane.layout(height: 2, zoomed: false) == [.bar, .markers])
        #expect(AddressPane.layout(height: 3, zoomed: false) == [.bar, .markers, .minimap])
        #expect(AddressPane.layout(height: 5, zoomed: false) == [.title, .bar, .markers, .minimap, .legend])
        #expect(AddressPane.layout(height: 4, zoomed: true) == [.bar, .markers, .minimap, .zoom])
        #expect(AddressPane.layout(height: 9, zoomed: true) == AddressPane.Row.allCases)
    }

    // MARK: Scale

    /// 100,000 live ranges: the frame draws (two passes over the ranges, no per-cell walks).
    @Test(.timeLimit(.minutes(2))) func hundredThousandRanges() throws {
        // Aligned allocations of 1..5 pages leave holes; a third of them under dma32. (Built
        // with allocations: reserve_iova walks every node, like the kernel's, so 100,000
        // reserves would take quadratic time.)
        var text = "domain start=1 granule=4096\n"
        text.reserveCapacity(3_000_000)
        for i in 0..<100_000 {
            text += "alloc \(i % 5 + 1) limit=\(i % 3 == 0 ? "dma32" : "dma40") aligned\n"
        }
        text += "alloc 0x10 limit=dma40\n"
        let lines = try Scenario.parse(text, file: "t.iova")
        var s = Stepper(lines: lines, policy: .mainline)
        s.seek(operation: s.operationCount, step: 2)
        let frame = s.frame
        #expect(frame.state.liveCount >= 100_000)
        let clock = ContinuousClock()
        var buffer = CellBuffer(width: 200, height: 9)
        var view = AddressView()
        view.zoom = 3
        let took = clock.measure {
            AddressPane.draw(frame, view: view, in: buffer.area, into: &buffer, glyphs: .unicode)
        }
        #expect(buffer.lines[1].unicodeScalars.count == 200)
        #expect(took < .seconds(10), "drawing took \(took)")
    }
}


