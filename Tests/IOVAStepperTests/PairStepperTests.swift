import Testing
import IOVACore
import IOVAScenario
import IOVAStepper

/// The compare view's model: two policies on one cursor, and the per-operation summaries the
/// jump commands read.
@Suite struct PairStepperTests {
    func pair(_ left: PolicyName = .mainline, _ right: PolicyName = .limitAware) throws -> PairStepper {
        PairStepper(left: Stepper(lines: try StepperFixtures.sample("kernel/scenario-g-next-fit.iova"), policy: left), right: right)
    }

    /// Op 3 of scenario G has 13 steps under mainline and 12 under limit-aware: the shared
    /// cursor runs to 13, limit-aware stops at its 12th and waits.
    @Test func eachSideClampsAtItsOwnLastStep() throws {
        var p = try pair()
        p.seek(operation: 3, step: 0)
        #expect(p.left.stepCount == 13 && p.right.stepCount == 12 && p.stepCount == 13)
        for _ in 0..<12 { p.stepForward() }
        #expect(p.step == 12 && p.left.step == 12 && p.right.step == 12)
        #expect(!p.right.isWaiting(at: p.step))
        p.stepForward()
        #expect(p.step == 13 && p.left.step == 13 && p.right.step == 12)
        #expect(p.right.isWaiting(at: p.step) && !p.left.isWaiting(at: p.step))
        p.stepForward()                              // the end of the scenario: nothing moves
        #expect(p.operationNumber == 3 && p.step == 13)
        p.stepBack()
        #expect(p.step == 12 && p.left.step == 12 && p.right.step == 12)
    }

    @Test func operationKeysMoveBothSides() throws {
        var p = try pair()
        #expect(p.operationNumber == 1 && p.step == 0)
        p.stepBack()                                 // the very start: nothing moves
        #expect(p.operationNumber == 1 && p.step == 0)
        p.nextOperation()
        #expect(p.left.operationNumber == 2 && p.right.operationNumber == 2 && p.step == 0)
        p.stepBack()                                 // back over the boundary: op 1 at its longer side's end
        #expect(p.operationNumber == 1 && p.step == p.stepCount)
        #expect(p.left.step == p.left.stepCount && p.right.step == p.right.stepCount)
        p.last()
        #expect(p.operationNumber == 3 && p.step == 13)
        p.previousOperation()
        #expect(p.operationNumber == 2 && p.step == p.stepCount && p.right.operationNumber == 2)
        p.first()
        #expect(p.operationNumber == 1 && p.step == 0 && p.right.step == 0)
        p.seek(operation: 3, step: 99)
        #expect(p.step == 13 && p.right.step == 12)
        p.append(.alloc(size: 1, limit: 0xfffff, aligned: false))
        #expect(p.operationCount == 4 && p.right.operationCount == 4 && p.operationNumber == 4 && p.right.operationNumber == 4)
    }

    /// The right side runs the same operations as if opened on its own.
    @Test func theRightSideMatchesAStepperOfItsOwn() throws {
        var p = try pair(.mainline, .maple)
        var alone = Stepper(lines: try StepperFixtures.sample("kernel/scenario-g-next-fit.iova"), policy: .maple)
        for op in 1...3 {
            p.seek(operation: op, step: .max)
            alone.seek(operation: op, step: .max)
            #expect(p.right.record?.result == alone.record?.result)
            #expect(p.right.step == alone.step)
        }
    }
}

@Suite struct OperationSummariesTests {
    /// Operations: 1 alloc, 2 alloc (fails), 3 alloc, 4 free, 5 alloc, 6 alloc (fails), 7, 8 alloc.
    static let text = """
    domain start=1 granule=4096
    alloc 1 limit=0xf
    alloc 16 limit=0xf
    alloc 4 limit=0xf
    free 0xf
    alloc 100 limit=0xfff
    alloc 0x1000 limit=0xfff
    alloc 1 limit=0xfff
    alloc 2 limit=0xf

    """

    func stepper(_ policy: PolicyName) throws -> Stepper {
        Stepper(lines: try Scenario.parse(Self.text, file: "jumps.iova"), policy: policy)
    }

    @Test func mostVisitedAndFailures() throws {
        var m = try stepper(.mainline)
        let s = m.summaries()
        #expect(s.count == 8)
        #expect(s.visits == [1, 2, 1, 0, 1, 2, 1, 2])
        #expect(s.mostVisited?.operation == 2 && s.mostVisited?.visits == 2)   // the first of the ties
        #expect(s.failures == [2, 6])
        #expect(s.failure(after: 0)?.operation == 2)
        #expect(s.failure(after: 2)?.operation == 6 && s.failure(after: 2)?.index == 1)
        let wrapped = s.failure(after: 6)
        #expect(wrapped?.operation == 2 && wrapped?.wrapped == true)
        var l = try stepper(.limitAware)
        #expect(l.summaries().mostVisited?.operation == 6 && l.summaries().mostVisited?.visits == 3)
        #expect(s.difference(from: l.summaries(), after: 0) == nil)        // the same placements throughout
    }

    /// Summaries are kept, extended by typed operations, and leave the position alone.
    @Test func summariesAreKeptAndExtended() throws {
        var m = try stepper(.mainline)
        m.seek(operation: 3, step: 1)
        _ = m.summaries()
        #expect(m.operationNumber == 3 && m.step == 1)
        m.append(.alloc(size: 0x100000, limit: 0xfffff, aligned: false))
        let s = m.summaries()
        #expect(s.count == 9 && s.failures == [2, 6, 9])
        var fresh = Stepper(lines: [ScenarioLine(line: 0, command: .domain(m.config))] + m.operations, policy: .mainline)
        #expect(fresh.summaries().visits == s.visits && fresh.summaries().answers == s.answers)
    }

    /// Scenario G: ops 2 and 3 are placed differently by mainline (next-fit) and limit-aware.
    @Test func differencesBetweenPolicies() throws {
        let lines = try StepperFixtures.sample("kernel/scenario-g-next-fit.iova")
        var m = Stepper(lines: lines, policy: .mainline), l = Stepper(lines: lines, policy: .limitAware)
        let a = m.summaries(), b = l.summaries()
        #expect(a.difference(from: b, after: 0)?.operation == 2)
        #expect(a.difference(from: b, after: 2)?.operation == 3)
        #expect(a.difference(from: b, after: 3)?.operation == 2 && a.difference(from: b, after: 3)?.wrapped == true)
        #expect(a.difference(from: b, after: 0)?.total == 2)
    }
}
