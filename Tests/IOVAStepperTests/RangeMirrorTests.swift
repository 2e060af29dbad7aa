import Testing
import TestSupport
import IOVACore
import IOVAPolicies
import IOVAScenario
@testable import IOVAStepper

/// Far seeks and the background replay carry the range index along from the answers
/// (`RangeMirror`) instead of rebuilding it: after any seek it must equal the index built from
/// the state, ranges and sums alike, on every policy, on the DMA path too.
@Suite struct RangeMirrorTests {
    /// The DMA path: cached allocations and frees on 4 CPUs, flushes and depot trims.
    static func fastPathScenario(operations: Int) throws -> [ScenarioLine] {
        var text = "domain start=1 granule=4096 cpus=4\n"
        var rng = TestRNG(seed: 21)
        var allocs: [Int] = []
        for i in 0..<operations {
            let line = i + 2
            switch rng.below(12) {
            case 0: text += "flush_rcache\n"
            case 1: text += "tick\n"
            case 2, 3, 4 where !allocs.isEmpty:
                let k = Int(rng.below(UInt64(allocs.count)))
                text += "free_fast @\(allocs.remove(at: k)) cpu=\(rng.below(4))\n"
            case 5: text += "alloc \(1 + rng.below(8)) limit=dma32\n"
            default:
                text += "alloc_fast \(1 << rng.below(6)) limit=\(rng.below(2) == 0 ? "dma32" : "dma64") cpu=\(rng.below(4))\(rng.below(5) == 0 ? " flush" : "")\n"
                allocs.append(line)
            }
        }
        return try Scenario.parse(text, file: "fast.iova")
    }

    static func expectIndexed(_ s: Stepper, _ what: String) {
        for (index, state) in [(s.rangesBefore, s.before), (s.rangesAfter, s.after)] {
            let fresh = RangeIndex(state)
            #expect(RangeIndexTests.listed(index) == RangeIndexTests.listed(fresh), "\(what)")
            var rng = TestRNG(seed: UInt64(s.operationNumber))
            for _ in 0..<8 {
                let a = rng.below(1 << 21), b = a + rng.below(1 << 22)
                #expect(index.allocated(in: PFNRange(lo: a, hi: b)) == fresh.allocated(in: PFNRange(lo: a, hi: b)), "\(what)")
            }
        }
    }

    @Test(arguments: Policies.names)
    func seeksCarryTheIndex(_ policy: PolicyName) throws {
        // 4,200 operations: enough for the background replay (from 4,096) and five checkpoints.
        for (name, lines) in [("mixed", try StepperFixtures.mixedScenario(seed: 13, operations: 4_200)),
                              ("fast", try Self.fastPathScenario(operations: 1_500))] {
            var rng = TestRNG(seed: 4)
            var s = Stepper(lines: lines, policy: policy)
            var prepared = Stepper(lines: lines, policy: policy)
            prepared.prepareInBackground()
            prepared.waitForBackground()
            for move in 0..<5 {
                let target = 1 + Int(rng.below(UInt64(s.operationCount)))
                s.seek(operation: target, step: 0)
                prepared.seek(operation: target, step: .max)
                Self.expectIndexed(s, "\(name) move \(move) op \(target)")
                Self.expectIndexed(prepared, "\(name) prepared move \(move) op \(target)")
            }
            // A checkpoint learns its ranges when the stepper stops there; a short seek from it
            // then carries them along.
            s.seek(operation: 1_025, step: 0)
            #expect(s.checkpoints.first { $0.op == 1_025 }?.ranges != nil, "\(name)")
            s.seek(operation: 1_400, step: 0)
            s.seek(operation: 1_026 + Int(rng.below(600)), step: 0)
            Self.expectIndexed(s, "\(name) from the learnt checkpoint")
        }
    }
}
