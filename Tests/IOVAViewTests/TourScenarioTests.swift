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

    @Test func nineChaptersInOrder() {
        #expect(Tour.chapters.map(\.number) == Array(1...9))
        #expect(Tour.chapters.map(\.policy) == [.mainline, .mainline, .augmented, .augmented, .augmented32,
                                                 .limitAware, .maple, .limitAware, .mainline])
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
        #expect(T.alloc(9, op: 6)?.lo == 0x20a00)
        #expect(T.alloc(9, op: 7).map { $0.lo == nil && $0.visits == 4 } == true)
        #expect(T.alloc(9, op: 8).map { $0.lo == nil && $0.visits == 0 } == true)
        var s = T.chapter(9).stepper()
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

    @Test func mapleAndAlignmentChapters() {
        #expect(T.alloc(7, op: 37).map { [$0.lo, UInt64($0.visits)] } == [0x1ffff0, 2])
        #expect(T.alloc(8, op: 8)?.lo == 0xffff0)
        #expect(T.alloc(8, op: 8, policy: .maple)?.lo == 0xfffe4)
        // The opening step is the 4-page hole that holds no aligned block.
        let frame = T.chapter(8).stepper().frame
        #expect(frame.explanation.contains("[0xffff9..0xffffc] = 4 pages, but aligned candidate 0xffff8"))
    }
}
