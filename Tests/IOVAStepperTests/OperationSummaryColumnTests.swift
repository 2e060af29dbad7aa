import Testing
import TestSupport
import IOVACore
import IOVAReplay
@testable import IOVAStepper

/// The timeline reads columns through block maxima: they must answer what a scan answers.
@Suite struct OperationSummaryColumnTests {
    @Test(arguments: [1, 255, 256, 257, 3_000])
    func columnsMatchAScan(_ count: Int) {
        var rng = TestRNG(seed: UInt64(count))
        var s = OperationSummaries()
        let outcome = { (v: Int, fails: Bool) in
            AllocOutcome(range: fails ? nil : PFNRange(lo: 1, hi: 1), visits: v)
        }
        var visits: [UInt32] = [], failed: [Bool] = []
        for _ in 0..<count {
            let v = rng.below(8) == 0 ? Int(rng.below(1_000_000)) : Int(rng.below(20))
            let f = rng.below(40) == 0
            s.append(.alloc(size: 1, limit: 0xfffff, aligned: false, outcome: outcome(v, f)))
            visits.append(UInt32(v))
            failed.append(f)
        }
        for _ in 0..<300 {
            let a = Int(rng.below(UInt64(count))), b = a + 1 + Int(rng.below(UInt64(count - a)))
            let best = visits[a..<b].max()!
            #expect(s.maxVisits(in: a..<b) == best, "\(a)..<\(b)")
            #expect(s.slowest(in: a..<b) == visits[a..<b].firstIndex(of: best)! + 1, "\(a)..<\(b)")
            #expect(s.hasFailure(in: a..<b) == failed[a..<b].contains(true), "\(a)..<\(b)")
        }
    }
}
