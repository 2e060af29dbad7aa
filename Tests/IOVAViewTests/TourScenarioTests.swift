import Testing
import TestSupport
import IOVACore
import IOVAScenario
import IOVAStepper
import IOVAView

/// The tour's chapters as scenarios: each parses, replays, opens where it says, matches its
/// file under Samples/tour/, and every number its narration quotes is what the policy does.
@Suite struct TourScenarioTests {
    static let chapters = Tour.chapters.map(\.number)

    static func chapter(_ n: Int) -> TourChapter { Tour.chapters[n - 1] }

    /// The alloc result of operation `op` of chapter `n` (under `policy`, default the chapter's).
    static func alloc(_ n: Int, op: Int, policy: PolicyName? = nil) -> (lo: UInt64?, visits: Int)? {
        var s = chapter(n).stepper(policy: policy)
        s.seek(operation: op, step: .max)
        guard case let .alloc(_, _, _, outcome)? = s.record?.result else { return nil }
        return (outcome.range?.lo, outcome.visits)
    }

    @Test func twelveChaptersInOrder() {
        #expect(Tour.chapters.map(\.number) == Array(1...12))
        #expect(Tour.chapters.map(\.policy) == [.mainline, .mainline, .augmented, .augmented, .augmented32,
                                                 .limitAware, .maple, .limitAware, .alignAware, .mainline, .mainline, .mainline])
        #expect(Tour.chapters.map(\.compare) == Array(repeating: nil, count: 8) + [.limitAware] + Array(repeating: nil, count: 3))
    }

    /// Samples/tour/SLUG.iova is the embedded text, byte for byte (RECORD_SNAPSHOTS=1 rewrites it).
    @Test(arguments: chapters)
    func sampleFileIsTheEmbeddedScenario(_ n: Int) throws {
        let c = Self.chapter(n)
        let path = FileIO.repositoryRoot + "/Samples/tour/" + c.slug + ".iova"
        if Snapshot.recording {
            Snapshot.write(c.scenario, to: path)
            Issue.record("wrote \(path)")
            return
        }
        #expect(Snapshot.read(path) == c.scenario, "\(path) differs from Tour.\(c.slug); re-record with RECORD_SNAPSHOTS=1")
        #expect(c.scenario.hasPrefix("# iovascope tour, chapter \(n): \(c.title)"))
    }

    @Test(arguments: chapters)
    func parsesReplaysAndOpensWhereItSays(_ n: Int) throws {
        let c = Self.chapter(n)
        let lines = try Scenario.parse(c.scenario, file: c.slug)
        #expect(lines.count == c.lines.count && lines.count > c.operation)
        var s = c.stepper()
        #expect(s.policyName == c.policy)
        #expect(s.operationNumber == c.operation && s.step == c.step)
        s.last()
        #expect(s.operationNumber == s.operationCount)
        #expect(s.after.validate().isEmpty, "chapter \(n) ends in a broken state")
    }
}

/// Every number the narration quotes, as the policies answer it.
@Suite struct TourNarrationFactTests {
    typealias T = TourScenarioTests

    @Test func mainlineChapters() {
        #expect(T.alloc(1, op: 6)?.lo == 0x7ffff)
        #expect(T.alloc(1, op: 7)?.lo == 0x7fffb)
        #expect(T.alloc(1, op: 7, policy: .limitAware)?.lo == 0xffff0)     // highest fit would take the top
        #expect(T.alloc(2, op: 17).map { [$0.lo, UInt64($0.visits)] } == [0xffff0, 17])
        #expect(T.alloc(2, op: 18).map { [$0.lo, UInt64($0.visits)] } == [0xfffe0, 1])
        #expect(T.alloc(10, op: 6)?.lo == 0x20a00)
        #expect(T.alloc(10, op: 7).map { $0.lo == nil && $0.visits == 4 } == true)
        #expect(T.alloc(10, op: 8).map { $0.lo == nil && $0.visits == 0 } == true)
        var s = T.chapter(10).stepper()
        s.seek(operation: 7, step: .max)
        #expect(s.after.max32AllocSize == 0x1000)
    }

    @Test func augmentedChapters() {
        #expect(T.alloc(3, op: 29).map { [$0.lo, UInt64($0.visits)] } == [0xffffeb0, 10])
        #expect(T.alloc(3, op: 29, policy: .mainline)?.visits == 15)
        #expect(T.alloc(4, op: 36).map { [$0.lo, UInt64($0.visits)] } == [0xffff0, 14])
        #expect(T.chapter(4).stepper().frame.state.rbTree?.count == 14)
        #expect(T.alloc(5, op: 36)?.visits == 7)
        #expect(T.alloc(5, op: 37).map { [$0.lo, UInt64($0.visits)] } == [0x1ffff0, 14])
        #expect([36, 37, 38].map { T.alloc(6, op: $0)?.visits } == [4, 4, 5])
        #expect([36, 37, 38].map { T.alloc(6, op: $0, policy: .augmented)?.visits } == [14, 14, 15])
        #expect([36, 37, 38].map { T.alloc(6, op: $0)?.lo } == [0xffff0, 0x1ffff0, 0xfffff0])
    }

    /// The answer of DMA-path operation `op` of chapter `n`: where it came from, its pfn, visits.
    static func fast(_ n: Int, op: Int) -> (lo: UInt64?, source: FastSource?, visits: Int)? {
        var s = T.chapter(n).stepper()
        s.seek(operation: op, step: .max)
        switch s.record?.result {
        case let .allocFast(_, _, _, _, outcome, _)?: return (outcome.pfn, outcome.source, outcome.visits)
        case let .map(_, _, _, outcome, _, _)?: return (outcome.allocation.pfn, outcome.allocation.source, outcome.allocation.visits)
        default: return nil
        }
    }

    @Test func magazineChapter() throws {
        var s = T.chapter(11).stepper()
        // Opens on the miss: all 127 pfns of CPU 0's loaded magazine of class 2 skipped, bound 0xffffc.
        let events = try #require(s.record?.events)
        #expect(events.prefix(s.step).filter { if case .magazineSkipped = $0 { true } else { false } }.count == 127)
        guard case let .magazineMiss(cpu, sizeClass, bound, empty) = events[s.step - 1] else {
            Issue.record("chapter 11 does not open on the magazine miss: \(events[s.step - 1])")
            return
        }
        #expect(cpu == 0 && sizeClass == 2 && bound == 0xffffc && !empty)
        #expect(s.rcacheBefore?.classes[2].cpus[0].loaded.count == 127)
        let miss = try #require(Self.fast(11, op: 255))
        #expect(miss.lo == 0xffffc && miss.source == .tree && miss.visits == 128)
        let next = try #require(Self.fast(11, op: 256))
        #expect(next.source == .rcache && next.visits == 0)
        s.seek(operation: 256, step: .max)
        #expect(s.rcacheAfter?.classes[2].cpus[0].loaded.count == 126)
    }

    @Test func uncacheableCliffChapter() throws {
        // Ops 2-33: 32 pages, 8 maps then 4 rounds of two; ops 34-65: the same at 33 pages.
        let maps32 = [2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25]
        let got32 = maps32.compactMap { Self.fast(12, op: $0) }
        #expect(got32.count == 16 && got32.prefix(8).allSatisfy { $0.source == .tree })
        #expect(got32.dropFirst(8).allSatisfy { $0.source == .rcache && $0.visits == 0 }, "every 32-page map after the first 8")
        let got33 = maps32.compactMap { Self.fast(12, op: $0 + 32) }
        #expect(got33.count == 16 && got33.allSatisfy { $0.source == .tree })
        #expect(got33.dropFirst(8).map(\.visits) == [1, 7, 1, 6, 1, 5, 1, 4])
        // Opens on op 45's answer: 7 visits, the mapping made at op 44 and the 6 others in flight.
        let s = T.chapter(12).stepper()
        #expect(s.frame.counters.visited == 7)
        let opening = try #require(s.record?.events[s.step - 1])
        guard case let .gapExamined(_, _, _, candidate, fits) = opening else {
            Issue.record("chapter 12 does not open on the gap that fits: \(opening)")
            return
        }
        #expect(fits && candidate == 0xffffffffffd00, "the hole the newest mapping left")
        var inFlight = T.chapter(12).stepper()
        inFlight.seek(operation: 44, step: .max)
        #expect(inFlight.rangesAfter.count == 8 + 7, "the 8 cached 32-page ranges and 7 in flight")
        for op in Array(34...65) where !maps32.contains(op - 32) {
            var u = T.chapter(12).stepper()
            u.seek(operation: op, step: .max)
            guard case let .unmap(_, _, _, size, _, outcome)? = u.record?.result else { Issue.record("op \(op) is not an unmap"); continue }
            #expect(size == 33 && outcome == .tree(found: true), "op \(op) frees into the tree")
        }
    }

    @Test func mapleAndAlignmentChapters() {
        #expect(T.alloc(7, op: 37).map { [$0.lo, UInt64($0.visits)] } == [0x1ffff0, 2])
        // Chapter 8: 10 visits among the 11 nodes, the one aligned hole; maple goes below.
        #expect(T.chapter(8).stepper().frame.state.rbTree?.count == 11)
        #expect(T.alloc(8, op: 29).map { [$0.lo, UInt64($0.visits)] } == [0xfffb8, 10])
        #expect(T.alloc(8, op: 29, policy: .maple)?.lo == 0xfffac)
        // The opening step is a misaligned hole inside the subtree chapter 9 skips.
        let frame = T.chapter(8).stepper().frame
        #expect(frame.explanation.contains("[0xfffdd..0xfffe0]: gap below it [0xfffd9..0xfffdc] = 4 pages, but aligned candidate 0xfffd8"))
    }

    @Test func alignAwareChapter() throws {
        let c = T.chapter(9)
        #expect(c.lines.map(\.command) == T.chapter(8).lines.map(\.command))
        #expect(T.alloc(9, op: 29).map { [$0.lo, UInt64($0.visits)] } == [0xfffb8, 6])
        // Opens on the skip: [0xfffd5..0xfffd8]'s subtree, key (1,1), ruled out from its parent.
        guard case let .pair(p) = c.session() else { Issue.record("chapter 9 does not open in the compare view"); return }
        #expect(p.left.policyName == .alignAware && p.right.policyName == .limitAware)
        let frame = p.left.frame
        #expect(frame.explanation.contains("[0xfffd5..0xfffd8]: subtree key (order 1, room 1) cannot hold 4 pages at 4-page alignment"))
        let tree = try #require(frame.state.rbTree)
        let skipped = try #require(frame.highlights.pruned.first { tree.range($0.key).lo == 0xfffd5 })
        #expect(skipped.value == .alignKeyTooSmall && !frame.highlights.visited.contains(skipped.key))
    }
}
