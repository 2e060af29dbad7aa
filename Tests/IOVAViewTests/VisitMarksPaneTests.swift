import Testing
import TestSupport
import IOVACore
import IOVAPolicies
import IOVAScenario
@testable import IOVAStepper
@testable import IOVAView

/// The tree pane opens a long walk's search path from the frame's `VisitMarks` instead of
/// pinning every visited node: the frames must be the same cell for cell.
@Suite struct VisitMarksPaneTests {
    static let sizes: [(Int, Int)] = [(200, 60), (120, 40), (80, 24), (60, 16)]

    static func expectSameFrames(_ s: Stepper, steps: [Int], _ what: String) throws {
        var s = s
        let record = try #require(s.record)
        let index = VisitIndex(events: record.events, before: s.before.rbTree, after: s.after.rbTree)
        for k in steps {
            s.seek(operation: s.operationNumber, step: k)
            var marked = s.frame
            marked.visits = VisitMarks(index: index, step: s.step, after: marked.highlights.treeChanged)
            var plain = marked
            plain.visits = nil
            for (w, h) in sizes {
                for expanded in [false, true] {
                    let a = FrameView.render(marked, width: w, height: h, glyphs: .unicode, treeExpanded: expanded)
                    let b = FrameView.render(plain, width: w, height: h, glyphs: .unicode, treeExpanded: expanded)
                    #expect(Snapshot.text(of: a) == Snapshot.text(of: b), "\(what) step \(s.step) \(w)x\(h) expanded \(expanded)")
                }
            }
        }
    }

    /// Every rb-tree policy in the registry, halfway and at the end of a 32-bit request after 200 pages.
    @Test(arguments: Policies.all.filter { $0.treeKind == .redBlack }.map(\.name))
    func descentFramesMatch(_ policy: PolicyName) throws {
        var s = try TreePaneFixtures.stepper(TreePaneFixtures.packedThen32, policy)
        s.seek(operation: 201, step: 0)
        let n = s.stepCount
        try Self.expectSameFrames(s, steps: [0, 1, n / 3, n / 2, n - 1, n], "\(policy.rawValue)")
    }

    /// Mainline's walk over 2,600 nodes, which the stepper indexes itself.
    @Test func mainlineLongWalkMatches() throws {
        var text = ""
        var rng = TestRNG(seed: 5)
        for _ in 0..<2_600 { text += "alloc \(1 << rng.below(4)) limit=dma64 aligned\n" }
        text += "alloc 16 limit=dma32 aligned\n"
        var s = try TreePaneFixtures.stepper(text, .mainline)
        s.last()
        #expect(s.frame.visits != nil)
        let n = s.stepCount
        try Self.expectSameFrames(s, steps: [2, n / 4, n / 2, n - 3, n], "mainline walk")
    }
}
