import Testing
import TestSupport
import IOVACore
import IOVAScenario
import IOVAStepper
@testable import IOVAView

/// What the magazine pane marks matches the step's event, and cached-but-free ranges are
/// drawn with their own glyph and role in the address, tree and maple panes; in monochrome
/// the new roles keep attributes of their own.
@Suite struct MagazineMarkTests {
    typealias F = MagazineFixtures

    /// The columns of one class row that carry the focus role.
    static func focusColumns(_ row: [Cell]) -> [Int] {
        row.indices.filter { row[$0].role == .magazineFocus }
    }

    /// At every magazine step of edge_07 and of the first depot pushes of depot_01, the marked
    /// cells are the event's CPU and class, and the event's magazine (loaded, or the depot).
    @Test(arguments: [F.quirks, F.depot])
    func highlightedMagazineMatchesTheEvent(_ name: String) throws {
        // depot_01: from a few operations before its first depot push to past the next one,
        // 127 frees later; edge_07 (no depot push) from the start.
        var s = try F.stepper(name)
        let from = name == F.depot ? max(1, try F.seek(name, F.isDepotPush).operationNumber - 3) : 1
        s.seek(operation: from, step: 0)
        var checked = 0
        let last = min(s.operationCount, from + 140)
        while s.operationNumber <= last {
            let frame = s.frame
            let target: (cpu: Int, k: Int, depot: Bool)? = switch frame.event {
            case let .magazinePopped(_, cpu, k, _), let .magazinePushed(_, cpu, k, _), let .magazinesSwapped(cpu, k),
                 let .depotPopped(cpu, k, _): (cpu, k, false)
            case let .depotPushed(cpu, k, _): (cpu, k, true)
            default: nil
            }
            if let target {
                let facts = try #require(MagazineFacts(frame))
                let rows = MagazinePane.rows(facts, width: 200, height: MagazinePane.preferredRows, glyphs: .unicode)
                let grid = MagazineGrid(cpus: facts.rcache.cpuCount, focusCPU: target.cpu, width: 200, glyphs: .unicode)
                #expect(grid.form == .digits)
                for k in 0..<RCache.classCount {
                    let row = rows[1 + k]
                    let marked = Self.focusColumns(row)
                    guard k == target.k else {
                        #expect(marked.isEmpty, "\(name) op \(s.operationNumber) step \(s.step): class \(k) marked")
                        continue
                    }
                    #expect(row[0].glyph == "◆")
                    let cell = grid.cellX(target.cpu)
                    let depot = grid.depotX..<(grid.depotX + MagazineGrid.depotWidth)
                    let label = 0..<MagazineGrid.labelWidth
                    let inCell = marked.filter { !label.contains($0) && !depot.contains($0) }
                    // The loaded figure (and its marker) sit in the CPU's cell; the prev figure too after a swap.
                    #expect(inCell.allSatisfy { $0 >= cell - 1 && $0 < cell + 7 }, "\(name) op \(s.operationNumber): \(inCell) not in cpu \(target.cpu)'s cell at \(cell)")
                    #expect(marked.contains { depot.contains($0) } == target.depot)
                    if !target.depot { #expect(inCell.contains { $0 >= cell && $0 < cell + 3 }, "loaded figure marked") }
                }
                let step = rows[rows.count - 1]
                let text = String(String.UnicodeScalarView(step.map(\.glyph)))
                #expect(text.hasPrefix("◆ cpu \(target.cpu), \(MagazineFacts.classLabel(target.k)):"))
                if case let .magazinePopped(pfn, _, _, _) = frame.event { #expect(text.contains("popped \(AddressFormat.hex(pfn))")) }
                if case let .magazinePushed(pfn, _, _, _) = frame.event { #expect(text.contains("pushed \(AddressFormat.hex(pfn))")) }
                checked += 1
            }
            let here = s.position
            s.stepForward()
            if s.position == here { break }
        }
        #expect(checked > 10)
    }

    /// In the packed form (64 CPUs at 200 columns) the focused CPU's loaded cell has the focus
    /// role and the header names the CPU over it.
    @Test func packedFormMarksTheFocusedCPU() throws {
        let frame = try F.seek(F.manyCPUs, F.isPush).frame
        let focus = try #require(frame.highlights.magazine)
        let facts = try #require(MagazineFacts(frame))
        let grid = MagazineGrid(cpus: 64, focusCPU: focus.cpu, width: 200, glyphs: .unicode)
        #expect(grid.form == .packed)
        let rows = MagazinePane.rows(facts, width: 200, height: MagazinePane.preferredRows, glyphs: .unicode)
        let x = grid.cellX(focus.cpu)
        #expect(rows[1 + focus.sizeClass][x].role == .magazineFocus)
        #expect(rows[0][x].glyph == "◆")
        // The marker and class label, then only the focused CPU's loaded cell.
        let row = rows[1 + focus.sizeClass]
        #expect(Self.focusColumns(row).filter { $0 >= MagazineGrid.labelWidth } == [x])
    }

    // MARK: Cached ranges

    /// Before the pop, every range CPU 2 holds is drawn cached on the bar and tagged in the
    /// tree; after it, the popped range is allocated again while the skipped one stays cached.
    @Test func cachedRangesAreMarkedInTheAddressAndTreePanes() throws {
        var s = try F.popAfterSkip()
        let after = s.frame
        s.seek(operation: s.operationNumber, step: 0)
        let before = s.frame
        let popped: UInt64 = 0xffff8, skipped: UInt64 = 0xffffd8
        let cachedBefore = try #require(CachedRanges(before))
        #expect(cachedBefore.count == 15)
        #expect(cachedBefore.contains(PFNRange(lo: popped, hi: popped + 3)))
        let cachedAfter = try #require(CachedRanges(after))
        #expect(cachedAfter.count == 14)
        #expect(!cachedAfter.contains(PFNRange(lo: popped, hi: popped + 3)))
        #expect(cachedAfter.contains(PFNRange(lo: skipped, hi: skipped + 3)))
        #expect(cachedAfter.pages(in: PFNRange(lo: skipped + 2, hi: skipped + 3)) == 2)
        #expect(cachedAfter.pages(in: PFNRange(lo: 0, hi: 0xfff)) == 0)

        for (frame, poppedCached) in [(before, true), (after, false)] {
            let r = AddressRender(frame: frame, view: AddressView(), width: 200, glyphs: .unicode, cached: CachedRanges(frame))
            let px = try #require(r.axis.column(popped)), sx = try #require(r.axis.column(skipped))
            #expect(r.bar[sx] == Cell("▚", .cachedFree))
            #expect(r.bar[px] == (poppedCached ? Cell("▚", .cachedFree) : Cell("█", .allocated)))
            #expect(r.captions.legend.contains { $0 == Cell("▚", .cachedFree) })

            var b = CellBuffer(width: 120, height: 40)
            TreePane.draw(frame, in: b.area, into: &b, glyphs: .unicode)
            let skippedLine = try #require(b.lines.firstIndex { $0.contains("[ffffd8..ffffdb]") })
            #expect(b.lines[skippedLine].contains("▚ cached"))
            let x = try #require(Array(b.lines[skippedLine].unicodeScalars).firstIndex(of: "▚"))
            #expect(b[x, skippedLine].role == .cachedFree)
            let poppedLine = try #require(b.lines.firstIndex { $0.contains("[ffff8..ffffb]") }, "the popped node stays in view")
            #expect(b.lines[poppedLine].contains("▚ cached") == poppedCached)
        }
    }

    /// Frames off the DMA path mark nothing and their legend does not name the cached glyph.
    @Test func framesOffTheDMAPathMarkNothing() throws {
        let text = try #require(FileIO.read(FileIO.repositoryRoot + "/Samples/kernel/scenario-g-next-fit.iova"))
        var s = Stepper(lines: try Scenario.parse(text, file: "g"), policy: .mainline)
        s.last()
        #expect(s.frame.rcache == nil && CachedRanges(s.frame) == nil)
        let b = FrameView.render(s.frame, width: 200, height: 60, glyphs: .unicode)
        #expect(!b.cells.contains { $0.role == .cachedFree || $0.role == .magazineFocus })
        #expect(!b.lines.contains { $0.hasPrefix("magazines") })
    }

    /// The maple pane draws an entry a magazine holds as `▚ cached`, and opens the leaf of the
    /// pfn a pop hands out.
    @Test func mapleDrawsCachedEntries() throws {
        let s = try F.popAfterSkip(F.quirks, .maple)
        var b = CellBuffer(width: 100, height: 60)
        TreePane.draw(s.frame, in: b.area, into: &b, glyphs: .unicode)
        let popped = try #require(b.lines.first { $0.contains("popped from cpu 2's magazine") })
        #expect(popped.contains("█ alloc"), "the popped entry is allocated again")
        #expect(b.lines.contains { $0.contains("▚ cached") && $0.contains(" s") }, "a leaf slot a magazine holds")
        #expect(b.lines.contains { $0.hasPrefix("◆ now") && $0.contains("▚ cached") }, "the legend names the glyph")
    }

    // MARK: Monochrome

    /// With NO_COLOR (the monochrome theme) the focused magazine is reverse and bold, cached
    /// ranges dim and underlined, and the text without escapes is the plain frame: the glyphs
    /// carry the meaning on their own.
    @Test func monochromeKeepsTheRolesApart() throws {
        let frame = try F.popAfterSkip().frame
        let b = FrameView.render(frame, width: 120, height: 40, glyphs: .unicode)
        let mono = Theme.monochrome
        #expect(mono.style(.magazineFocus) == Style([.reverse, .bold]))
        #expect(mono.style(.cachedFree) == Style([.dim, .underline]))
        let others = StyleRole.allCases.filter { $0 != .magazineFocus && $0 != .cachedFree }
        for role in [StyleRole.magazineFocus, .cachedFree] {
            #expect(!others.contains { mono.style($0) == mono.style(role) }, "\(role) shares its monochrome look")
        }
        let lines = mono.ansiLines(b)
        #expect(lines.contains { $0.contains("\u{1b}[0;7;1m◆") })
        #expect(lines.contains { $0.contains("\u{1b}[0;2;4m▚") })
        let stripped = lines.map { Self.stripEscapes($0) }
        for (plain, shown) in zip(b.lines, stripped) { #expect(plain == shown) }
    }

    static func stripEscapes(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var inEscape = false
        for c in s.unicodeScalars {
            if c == "\u{1b}" { inEscape = true; continue }
            if inEscape { if c == "m" { inEscape = false }; continue }
            out.append(c)
        }
        var line = String(out)
        while line.last == " " { line.removeLast() }
        return line
    }
}
