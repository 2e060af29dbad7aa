import IOVACore
import IOVAScenario
import IOVAStepper
import IOVAView
import IOVAWorkloads

/// The UI figures of `bench`: drawing a frame and seeking, on scenarios of `n` operations.
enum UIBench {
    /// `n` 64-bit allocations of 1..64 pages (splitmix64 seed 2, as workload R), then one
    /// 32-bit allocation: the frame shows its search over `n` live ranges.
    static func scenario(n: Int) -> [ScenarioLine] {
        var rng = SplitMix64(seed: 2)
        var lines: [ScenarioLine] = []
        lines.reserveCapacity(n + 1)
        let dma64 = DomainConfig.standard.maxPFN
        for i in 0..<n {
            lines.append(ScenarioLine(line: i + 1, command: .alloc(size: rng.pow2(), limit: dma64, aligned: true)))
        }
        lines.append(ScenarioLine(line: n + 1, command: .alloc(size: 16, limit: DomainConfig.standard.dma32Limit, aligned: true)))
        return lines
    }

    /// Median ns to lay out and draw one 200×60 frame at the middle step of the last operation.
    static func frame(policy: PolicyName, n: Int, repetitions: Int) throws -> Double {
        var s = Stepper(lines: scenario(n: n), policy: policy)
        s.seek(operation: s.operationCount, step: .max)
        s.seek(operation: s.operationCount, step: s.stepCount / 2)
        var times: [Double] = []
        for _ in 0..<max(3, repetitions) {
            let start = monotonicNanoseconds()
            let buffer = FrameView.render(s.frame, width: 200, height: 60, glyphs: .unicode)
            times.append(Double(monotonicNanoseconds() - start))
            precondition(buffer.height == 60)
        }
        return times.sorted()[times.count / 2]
    }

    /// Median ns to seek from the first step to the last step of the last operation.
    static func seek(policy: PolicyName, n: Int, repetitions: Int) throws -> Double {
        let lines = scenario(n: n)
        var times: [Double] = []
        for _ in 0..<repetitions {
            var s = Stepper(lines: lines, policy: policy)
            let start = monotonicNanoseconds()
            s.seek(operation: s.operationCount, step: .max)
            times.append(Double(monotonicNanoseconds() - start))
        }
        return times.sorted()[times.count / 2]
    }
}

