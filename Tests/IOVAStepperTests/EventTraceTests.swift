import Testing
import TestSupport
import IOVACore
import IOVAScenario
import IOVAStepper

/// Golden event traces: every micro-step of the kernel Samples under every policy, one line
/// each (operation, step, pseudo-code line, sentence), in Traces/SAMPLE.POLICY.txt.
/// Re-record after an intended change with `RECORD_TRACES=1 swift test --filter EventTraceTests`
/// and review the diff: these files are what the explanation pane says.
@Suite struct EventTraceTests {
    static let samples = ["scenario-a-retry", "scenario-c-cached32-walk", "scenario-d-max32",
                          "scenario-e-reserve", "scenario-f-alignment", "scenario-g-next-fit"]
    static let policies: [PolicyName] = [.mainline, .augmented, .augmented32, .limitAware, .maple]

    static func trace(_ lines: [ScenarioLine], _ policy: PolicyName) throws -> String {
        var s = Stepper(lines: lines, policy: policy)
        var out = ""
        guard s.operationCount > 0 else { return out }
        while true {
            let f = s.frame
            let code = f.codeLine.map { String($0 + 1) } ?? "-"
            out += "\(f.operationNumber).\(f.step) L\(code) \(f.explanation)\n"
            let here = (s.operationNumber, s.step)
            s.stepForward()
            if (s.operationNumber, s.step) == here { break }
        }
        return out
    }

    @Test(arguments: samples, policies)
    func traceMatches(_ sample: String, _ policy: PolicyName) throws {
        let lines = try StepperFixtures.sample("kernel/\(sample).iova")
        let got = try Self.trace(lines, policy)
        let path = StepperFixtures.repositoryRoot + "/Tests/IOVAStepperTests/Traces/\(sample).\(policy.rawValue).txt"
        if FileIO.environment("RECORD_TRACES") {
            StepperFixtures.writeFile(got, path)
            Issue.record("recorded \(path)")
            return
        }
        let expected = try #require(StepperFixtures.readFile(path), "no trace \(path); record with RECORD_TRACES=1")
        if got != expected {
            let g = got.split(separator: "\n"), e = expected.split(separator: "\n")
            let i = (0..<min(g.count, e.count)).first { g[$0] != e[$0] } ?? min(g.count, e.count)
            Issue.record("\(sample) under \(policy) differs at trace line \(i + 1)\n exp: \(i < e.count ? e[i] : "<end>")\n got: \(i < g.count ? g[i] : "<end>")")
        }
    }

    /// The explanation carries the numbers: Scenario G's second allocation under mainline
    /// examines the gap below 0x7ffff and settles on 0x7fffe.
    @Test func mainlineSentencesCarryTheNumbers() throws {
        let text = try Self.trace(try StepperFixtures.sample("kernel/scenario-g-next-fit.iova"), .mainline)
        #expect(text.contains("start at cached32_node [0x7ffff..0x7ffff]"))
        #expect(text.contains("candidate 0x7fffe lies above nothing (the bottom) → it fits"))
        #expect(text.contains("allocate [0x7fffe..0x7fffe] just below [0x7ffff..0x7ffff]"))
        #expect(text.contains("first pass failed: retry from the limit"))
    }
}
