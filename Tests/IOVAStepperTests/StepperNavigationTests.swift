import Testing
import TestSupport
import IOVACore
import IOVAScenario
import IOVAStepper

/// Moving around is exact: seeking anywhere gives the frame stepping there gives, and going
/// back then forward is the identity — for every policy.
@Suite struct StepperNavigationTests {
    static let policies: [PolicyName] = [.mainline, .augmented, .augmented32, .limitAware]

    @Test(arguments: policies)
    func seekingEqualsStepping(_ policy: PolicyName) throws {
        let lines = try StepperFixtures.sample("kernel/scenario-c-cached32-walk.iova")
            + StepperFixtures.sample("kernel/scenario-e-reserve.iova").filter { if case .domain = $0.command { false } else { true } }
        var walker = Stepper(lines: lines, policy: policy)
        var visited: [(op: Int, step: Int, print: String)] = []
        while true {
            visited.append((walker.operationNumber, walker.step, StepperFixtures.fingerprint(walker)))
            let before = (walker.operationNumber, walker.step)
            walker.stepForward()
            if (walker.operationNumber, walker.step) == before { break }
        }
        #expect(walker.operationNumber == walker.operationCount)
        #expect(visited.count > walker.operationCount * 2)
        // Seek to every position in a scrambled order.
        var seeker = Stepper(lines: lines, policy: policy)
        var order = Array(visited.indices)
        var rng = SystemRandomNumberGenerator()
        order.shuffle(using: &rng)
        for i in order {
            seeker.seek(operation: visited[i].op, step: visited[i].step)
            #expect(StepperFixtures.fingerprint(seeker) == visited[i].print, "seek to op \(visited[i].op) step \(visited[i].step)")
        }
        // Back all the way: the same frames in reverse.
        for i in visited.indices.reversed() {
            #expect(StepperFixtures.fingerprint(walker) == visited[i].print, "stepping back at \(i)")
            walker.stepBack()
        }
    }

    @Test func backThenForwardIsIdentity() throws {
        var s = Stepper(lines: try StepperFixtures.sample("kernel/scenario-a-retry.iova"), policy: .mainline)
        s.seek(operation: 5, step: 2)
        let here = StepperFixtures.fingerprint(s)
        for _ in 0..<7 { s.stepBack() }
        for _ in 0..<7 { s.stepForward() }
        #expect(StepperFixtures.fingerprint(s) == here)
        s.previousOperation()
        s.nextOperation()
        s.seek(operation: 5, step: 2)
        #expect(StepperFixtures.fingerprint(s) == here)
    }

    @Test func firstLastAndClamping() throws {
        var s = Stepper(lines: try StepperFixtures.sample("kernel/scenario-g-next-fit.iova"), policy: .mainline)
        #expect(s.operationNumber == 1 && s.step == 0)
        s.last()
        #expect(s.operationNumber == 3 && s.step == s.stepCount && s.stepCount > 0)
        s.stepForward()
        #expect(s.operationNumber == 3 && s.step == s.stepCount)
        s.first()
        s.stepBack()
        #expect(s.operationNumber == 1 && s.step == 0)
        s.seek(operation: 99, step: 99)
        #expect(s.operationNumber == 3 && s.step == s.stepCount)
    }

    /// Checkpoints: seeking into a long scenario re-derives exactly the state a plain replay
    /// reaches (the scenario is long enough for several checkpoint intervals).
    @Test func checkpointsReplayExactly() throws {
        var text = "domain start=1 granule=4096\n"
        var rng = TestRNG(seed: 7)
        var allocLines: [Int] = []
        for i in 0..<5000 {
            let line = i + 2
            switch rng.next() % 5 {
            case 0: text += "free \(0xfffff - rng.next() % 4000)\n"
            case 1: text += "alloc \(1 + rng.next() % 8) limit=dma32\n"; allocLines.append(line)
            case 2: text += "alloc \(1 + rng.next() % 8) limit=dma40 aligned\n"; allocLines.append(line)
            case 3 where !allocLines.isEmpty: text += "free @\(allocLines[Int(rng.next() % UInt64(allocLines.count))])\n"
            default: text += "alloc 1 limit=\(0x80000 + i)\n"; allocLines.append(line)
            }
        }
        let lines = try Scenario.parse(text, file: "long.iova")
        for policy in [PolicyName.mainline, .limitAware] {
            var s = Stepper(lines: lines, policy: policy)
            for target in [4999, 1, 2500, 1025, 1024, 3333, 5000, 2] {
                s.seek(operation: target, step: 0)
                var direct = MainlinePolicy(config: .standard) as any IOVAPolicy
                if policy == .limitAware { direct = LimitAwarePolicy(config: .standard) }
                var placed: [Int: PFNRange] = [:]      // free @LINE, resolved independently of the stepper
                for line in lines.dropFirst().prefix(target - 1) { run(&direct, line, &placed) }
                #expect(ranges(s.before) == ranges(direct), "\(policy) seek to \(target)")
                #expect(s.before.max32AllocSize == direct.max32AllocSize)
            }
        }
    }

    @Test func liveEditsAppendOperations() throws {
        var s = Stepper(lines: try StepperFixtures.sample("kernel/scenario-g-next-fit.iova"), policy: .mainline)
        s.append(.alloc(size: 16, limit: 0xfffff, aligned: true))
        #expect(s.operationCount == 4 && s.operationNumber == 4 && s.step == 0)
        s.last()
        guard case let .alloc(_, _, _, outcome)? = s.record?.result else { Issue.record("no alloc"); return }
        // After scenario G the highest 16-aligned free block below 0x7fffe is 0x7ffe0 (next-fit from cached32).
        #expect(outcome.range == PFNRange(lo: 0x7ffe0, hi: 0x7ffef))
        s.append(.free(pfn: 0x7ffe5))
        s.last()
        #expect(s.record?.result == .free(pfn: 0x7ffe5, found: true))
    }

    private func run<P: IOVAPolicy>(_ p: inout P, _ line: ScenarioLine, _ placed: inout [Int: PFNRange]) {
        switch line.command {
        case let .alloc(size, limit, aligned): placed[line.line] = p.alloc(size: size, limit: limit, aligned: aligned).range
        case let .allocFallback(size, limit, fallback, aligned):
            placed[line.line] = p.alloc(size: size, limit: limit, aligned: aligned).range
                ?? p.alloc(size: size, limit: fallback, aligned: aligned).range
        case let .free(pfn): _ = p.free(pfn: pfn)
        case let .freeAllocation(n): if let r = placed.removeValue(forKey: n) { _ = p.free(pfn: r.lo) }
        case let .reserve(lo, hi): _ = p.reserve(lo: lo, hi: hi)
        case .find, .domain: break
        default: Issue.record("this model runs the tree commands only, not \(line.command)")
        }
    }

    private func ranges(_ p: any IOVAPolicy) -> [PFNRange] {
        var out: [PFNRange] = []
        p.forEachRange { out.append($0) }
        return out
    }
}
