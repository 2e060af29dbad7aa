import Testing
import TestSupport
import IOVACore
import IOVAScenario
import IOVAStepper
@testable import IOVAView

/// Frames for the tree pane tests, built from scenarios through the stepper.
enum TreePaneFixtures {
    static let repositoryRoot = FileIO.repositoryRoot

    static func sample(_ name: String) throws -> [ScenarioLine] {
        let path = repositoryRoot + "/Samples/" + name
        let text = try #require(Snapshot.read(path), "missing \(path)")
        return try Scenario.parse(text, file: name)
    }

    /// 200 64-bit-limited single pages packed under 0x1000000, then one 32-bit request: the
    /// limit-aware descent prunes every subtree above the limit on its way down.
    static let packedThen32 = String(repeating: "alloc 1 limit=0x1000000 aligned\n", count: 200) + "alloc 1 limit=dma32 aligned\n"

    static func stepper(_ text: String, _ policy: PolicyName) throws -> Stepper {
        Stepper(lines: try Scenario.parse(text, file: "t.iova"), policy: policy)
    }

    /// The step (1-based event count) at which `match` holds for the `nth` time (1-based).
    static func step(_ s: Stepper, nth: Int = 1, _ match: (AllocatorEvent) -> Bool) throws -> Int {
        let events = try #require(s.record).events
        var seen = 0
        for (i, e) in events.enumerated() where match(e) {
            seen += 1
            if seen == nth { return i + 1 }
        }
        Issue.record("no event number \(nth) matching in \(events.count) events")
        return 0
    }

    static func isVisit(_ e: AllocatorEvent) -> Bool { if case .visit = e { true } else { false } }
    static func isRotation(_ e: AllocatorEvent) -> Bool { if case .rotated = e { true } else { false } }

    /// scenario-c's last operation (alloc 2 limit=dma32) on mainline, at its 5th visit: the
    /// walk from the anchor down through the packed run.
    static func mainlineWalk() throws -> Frame {
        var s = Stepper(lines: try sample("kernel/scenario-c-cached32-walk.iova"), policy: .mainline)
        s.seek(operation: s.operationCount, step: 0)
        s.seek(operation: s.operationCount, step: try step(s, nth: 5, isVisit))
        return s.frame
    }

    /// The 32-bit request after 200 64-bit pages, halfway down its descent.
    static func descent(_ policy: PolicyName) throws -> Frame {
        var s = try stepper(packedThen32, policy)
        s.seek(operation: 201, step: 0)
        let visits = try #require(s.record).events.filter(isVisit).count
        s.seek(operation: 201, step: try step(s, nth: max(1, visits / 2), isVisit))
        return s.frame
    }

    /// The first rotation of inserting the 32-bit page at the bottom of the 200-page tree.
    static func rotation() throws -> Frame {
        var s = try stepper(packedThen32, .limitAware)
        s.seek(operation: 201, step: 0)
        s.seek(operation: 201, step: try step(s, isRotation))
        return s.frame
    }

    /// The last step of every operation of every sample on a policy, plus a few middles.
    static func assorted() throws -> [Frame] {
        var frames: [Frame] = []
        for policy in [PolicyName.mainline, .augmented, .augmented32, .limitAware] {
            var s = Stepper(lines: try sample("kernel/scenario-c-cached32-walk.iova"), policy: policy)
            frames.append(s.frame)
            for op in 1...s.operationCount {
                s.seek(operation: op, step: .max)
                let n = s.step
                for k in Set([0, 1, n / 2, n]).sorted() {
                    s.seek(operation: op, step: k)
                    frames.append(s.frame)
                }
            }
        }
        frames.append(Stepper(lines: [], policy: .mainline).frame)
        frames.append(try mainlineWalk())
        frames.append(try descent(.limitAware))
        frames.append(try descent(.augmented32))
        frames.append(try rotation())
        return frames
    }

    static func render(_ frame: Frame, _ width: Int, _ height: Int, _ glyphs: Glyphs = .unicode) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        TreePane.draw(frame, in: buffer.area, into: &buffer, glyphs: glyphs)
        return buffer
    }
}

/// Counts every read of the tree, to show a frame costs O(path), not O(n).
final class CountingTree: RBTreeSource {
    let base: any RBTreeSource
    var reads = 0
    init(_ base: any RBTreeSource) { self.base = base }

    var root: NodeID { reads += 1; return base.root }
    var count: Int { reads += 1; return base.count }
    var first: NodeID { reads += 1; return base.first }
    var last: NodeID { reads += 1; return base.last }
    func left(_ n: NodeID) -> NodeID { reads += 1; return base.left(n) }
    func right(_ n: NodeID) -> NodeID { reads += 1; return base.right(n) }
    func parent(_ n: NodeID) -> NodeID { reads += 1; return base.parent(n) }
    func next(_ n: NodeID) -> NodeID { reads += 1; return base.next(n) }
    func prev(_ n: NodeID) -> NodeID { reads += 1; return base.prev(n) }
    func range(_ n: NodeID) -> PFNRange { reads += 1; return base.range(n) }
    func color(_ n: NodeID) -> RBColor { reads += 1; return base.color(n) }
    func isLive(_ n: NodeID) -> Bool { reads += 1; return base.isLive(n) }
    func find(containing pfn: UInt64) -> NodeID { reads += 1; return base.find(containing: pfn) }
    func gapInfo(_ n: NodeID) -> GapInfo? { reads += 1; return base.gapInfo(n) }
    var arenaCapacity: Int { reads += 1; return base.arenaCapacity }
}

@Suite struct TreePaneTests {
    typealias F = TreePaneFixtures

    static let sizes = [(60, 20), (100, 30)]
    static let glyphSets: [(String, Glyphs)] = [("unicode", .unicode), ("ascii", .ascii)]

    func snapshots(_ name: String, _ frame: Frame) {
        for (w, h) in Self.sizes {
            for (gname, glyphs) in Self.glyphSets {
                Snapshot.assertMatches(F.render(frame, w, h, glyphs), named: "tree-\(name)-\(w)x\(h)-\(gname)")
            }
        }
    }

    @Test func mainlineWalkSnapshots() throws {
        let frame = try F.mainlineWalk()
        // Sanity: the picture is the one the test means (5th visit of the walk from the anchor).
        #expect(frame.highlights.visited.count == 5)
        snapshots("mainline-walk", frame)
    }

    @Test func limitAwareDescentSnapshots() throws {
        let frame = try F.descent(.limitAware)
        #expect(frame.highlights.pruned.values.contains(.aboveLimit))
        snapshots("limit-aware-descent", frame)
    }

    @Test func augmented32Snapshots() throws {
        let frame = try F.descent(.augmented32)
        #expect(frame.highlights.pruned.values.contains(.maxGap32TooSmall))
        snapshots("augmented32-descent", frame)
    }

    @Test func rotationSnapshots() throws {
        let frame = try F.rotation()
        guard case .rotated = frame.event else {
            Issue.record("not a rotation step: \(String(describing: frame.event))")
            return
        }
        snapshots("rotation", frame)
    }

    /// Every state is drawn with a glyph as well as a role.
    @Test func statesHaveGlyphsAndRoles() throws {
        let frame = try F.descent(.limitAware)
        let buffer = F.render(frame, 100, 40)
        let cells = (0..<buffer.height).flatMap { y in (0..<buffer.width).map { buffer[$0, y] } }
        let g = Glyphs.unicode
        #expect(cells.contains(Cell(g.current, .current)))
        #expect(cells.contains(Cell(g.visited, .visited)))
        #expect(cells.contains(Cell(g.pruned, .pruned)))
        #expect(buffer.lines.contains { $0.contains("above limit") })
        #expect(buffer.lines.contains { $0.contains("R") } && cells.contains { $0.role == .nodeRed })
        #expect(cells.contains { $0.role == .nodeBlack && $0.glyph == "B" })
        #expect(buffer.lines[0].hasPrefix("tree (limit-aware, 201 nodes"))
    }

    /// The pane never traps, whatever the area, on frames of every kind.
    @Test func noTrapOnAnyArea() throws {
        let frames = try F.assorted()
        // Long tier: every frame at every area up to 40×12; the default tier draws each frame
        // at one such area in three, rotating with the frame, so each area meets a third of them.
        let every = TestTier.scaled(default: 3, long: 1)
        for (i, frame) in frames.enumerated() {
            for w in 0...40 {
                for h in 0...12 where (w + h + i) % every == 0 {
                    _ = F.render(frame, w, h)
                    _ = F.render(frame, w, h, .ascii)
                }
            }
            for (w, h) in [(300, 100), (1000, 3), (3, 1000), (200, 7), (61, 6)] { _ = F.render(frame, w, h) }
            // Areas partly or wholly outside the buffer.
            var buffer = CellBuffer(width: 30, height: 10)
            for area in [Rect(x: -5, y: -3, width: 50, height: 20), Rect(x: 25, y: 8, width: 40, height: 40),
                         Rect(x: 100, y: 100, width: 5, height: 5), Rect(x: 2, y: 2, width: 1, height: 1)] {
                TreePane.draw(frame, in: area, into: &buffer, glyphs: .unicode)
                #expect(buffer.width == 30 && buffer.height == 10)
            }
        }
    }

    /// Drawing stays inside its area.
    @Test func staysInsideArea() throws {
        let frame = try F.mainlineWalk()
        var buffer = CellBuffer(width: 80, height: 24)
        buffer.fill(buffer.area, "#", .normal)
        let area = Rect(x: 10, y: 5, width: 40, height: 10)
        TreePane.draw(frame, in: area, into: &buffer, glyphs: .unicode)
        for y in 0..<24 {
            for x in 0..<80 where !(x >= area.x && x < area.maxX && y >= area.y && y < area.maxY) {
                #expect(buffer[x, y] == Cell("#", .normal), "wrote outside the area at \(x),\(y)")
            }
        }
    }

    /// Every node the search visited appears in the picture, when the pane is tall enough.
    @Test func everyVisitedNodeAppears() throws {
        let frames = [try F.mainlineWalk(), try F.descent(.limitAware), try F.descent(.augmented32)]
        for frame in frames {
            let tree = try #require(frame.state.rbTree)
            let text = F.render(frame, 120, 80).lines.joined(separator: "\n")
            #expect(!frame.highlights.visited.isEmpty)
            for n in frame.highlights.visited where tree.isLive(n) {
                let label = TreePane.label(tree.range(n))
                #expect(text.contains(label), "visited \(label) missing")
            }
        }
    }

    /// When the tree is taller than the pane, the current node stays in view and cuts are marked.
    @Test func currentNodeStaysInView() throws {
        var s = try F.stepper(F.packedThen32, .limitAware)
        s.seek(operation: 201, step: 0)
        let events = try #require(s.record).events
        let lastVisit = try #require(events.lastIndex(where: F.isVisit)) + 1
        s.seek(operation: 201, step: lastVisit)
        let frame = s.frame
        let tree = try #require(frame.state.rbTree)
        let current = TreePane.label(tree.range(frame.highlights.current))
        for h in [4, 6, 8, 12] {
            let buffer = F.render(frame, 80, h)
            let currentLine = buffer.lines.first { $0.unicodeScalars.contains(Glyphs.unicode.current) }
            #expect(currentLine?.contains(current) == true, "current \(current) not in view at height \(h)")
            #expect(buffer.lines.contains { $0.contains("…") }, "no cut marker at height \(h)")
        }
    }

    /// A 100,000-node tree: the frame reads a bounded number of nodes, and still shows the path.
    @Test func hugeTreeDrawsFromThePathOnly() throws {
        let n = 100_000
        let text = String(repeating: "alloc 1 limit=0x1000000\n", count: n) + "alloc 1 limit=dma32 aligned\n"
        var s = try F.stepper(text, .limitAware)
        s.seek(operation: n + 1, step: 0)
        let visits = try #require(s.record).events.filter(F.isVisit).count
        s.seek(operation: n + 1, step: try F.step(s, nth: max(1, visits / 2), F.isVisit))
        let frame = s.frame
        let tree = try #require(frame.state.rbTree)
        #expect(tree.count == n + 1)
        for (w, h) in [(100, 30), (60, 20), (200, 120)] {
            let counting = CountingTree(tree)
            var buffer = CellBuffer(width: w, height: h)
            TreePane.draw(frame, tree: counting, in: buffer.area, into: &buffer, glyphs: .unicode)
            // About 15,000-36,000 reads, most of them fold lines counting up to 1000 nodes each.
            #expect(counting.reads < n / 2, "\(counting.reads) tree reads for \(w)×\(h)")
            #expect(buffer.lines[0].contains("100001 nodes, search path"))
            let current = TreePane.label(tree.range(frame.highlights.current))
            #expect(buffer.lines.contains { $0.contains(current) })
        }
    }

    /// Folds show the subtree's span and size; pruned folds their reason.
    @Test func foldSummaries() throws {
        let frame = try F.descent(.limitAware)
        let lines = F.render(frame, 100, 30).lines
        #expect(lines.contains { $0.contains("▸") && $0.contains(" nodes [") })
        #expect(lines.contains { $0.contains("✗ [") && $0.contains(" nodes [") && $0.contains("above limit") })
        #expect(lines[0].contains("search path"))
    }

    /// A rotation step draws the before/after diagram naming both nodes, only with room for it.
    @Test func rotationDiagram() throws {
        let frame = try F.rotation()
        guard case let .rotated(old, new) = frame.event else {
            Issue.record("not a rotation step")
            return
        }
        let tree = try #require(frame.state.rbTree)
        let o = TreePane.label(tree.range(old)), nw = TreePane.label(tree.range(new))
        let tall = F.render(frame, 80, 12).lines
        #expect(tall[1].hasPrefix("rotate ") && tall[1].contains(o) && tall[1].contains(nw))
        #expect(tall[2].contains("before") && tall[2].contains("after"))
        let short = F.render(frame, 80, 5).lines
        #expect(!short.contains { $0.hasPrefix("rotate ") })
    }
}


