// The align-trap workload (docs/performance.md) at modest sizes: the pattern is what it says,
// every exact-highest-fit policy places the requests below it identically, align-aware stays
// within 4·log2(n+1) visits and limit-aware enters every block.
import Foundation   // log2
import IOVACore
import IOVAWorkloads
import TestSupport
import Testing

@Suite struct AlignTrapTests {
    static let workload = AlignTrapWorkload(n: 2_000, requests: 40)
    static let bound = 4 * log2(Double(workload.n + 1))

    static func run<P: GapTreePolicy>(_: P.Type) -> (stats: VisitStats, ranges: [PFNRange], problems: [InvariantViolation]) {
        var p = workload.setUp(P.self)
        let stats = workload.run(&p)
        return (stats, p.rangeList(), p.validate())
    }

    @Test("the pattern: one page at the start of each 16-page block, nothing else")
    func pattern() {
        let p = Self.workload.setUp(AlignAwarePolicy.self)
        let w = Self.workload
        #expect(p.rangeList() == (0..<UInt64(w.n)).map { PFNRange(lo: w.base + 16 * $0, hi: w.base + 16 * $0) })
        #expect(p.validate().isEmpty)
    }

    @Test("align-aware: the answers of limit-aware within 4·log2(n+1) visits; limit-aware enters every block")
    func keyAvoidsTheTrap() {
        let aware = Self.run(AlignAwarePolicy.self), limit = Self.run(LimitAwarePolicy.self)
        let w = Self.workload
        let expected = (0..<w.requests).map { PFNRange(lo: w.expectedPlacement($0), hi: w.expectedPlacement($0) + 8) }
        #expect(aware.ranges == limit.ranges && aware.problems.isEmpty && limit.problems.isEmpty)
        #expect(Array(aware.ranges.prefix(w.requests)).reversed() == expected)
        #expect(aware.stats.failures == 0 && Double(aware.stats.max) <= Self.bound, "max \(aware.stats.max), bound \(Self.bound)")
        #expect(limit.stats.max > w.n, "limit-aware max \(limit.stats.max)")
    }
}
