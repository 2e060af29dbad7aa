import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAWorkloads

/// Workloads C1 and C2 (`fill32`) and C3 (`fill32-churn`), timed where the reference times them.
enum Fill32Bench {
    /// C1: the fill as a batch; each of the two closing (failing) requests on its own.
    static func pages(_ name: PolicyName, repetitions: Int) -> BenchRow {
        measurePages(Policies[name].type, name, repetitions)
    }

    private static func measurePages<P: InspectablePolicy>(_: P.Type, _ name: PolicyName, _ repetitions: Int) -> BenchRow {
        let w = Fill32Workload()
        var fill = VisitStats()
        var closing: [AllocOutcome] = []
        var fillNs: [Double] = [], fullNs: [Double] = [], fastNs: [Double] = []
        for _ in 0..<repetitions {
            var policy = P(config: .standard)
            let ns: Double
            (fill, ns) = timed { w.fillPages(&policy) }
            fillNs.append(ns / Double(w.pageCount))
            let (full, fullTime) = timed { w.onePage(&policy) }
            let (fast, fastTime) = timed { w.onePage(&policy) }
            closing = [full, fast]
            fullNs.append(fullTime)
            fastNs.append(fastTime)
        }
        var row = BenchRow("fill32")
        row.add("variant", .text("C1"))
        row.add("policy", .text(name.rawValue))
        row.add("n", .int(w.pageCount))
        row.add("ns_per_op", .decimal(median(fillNs), places: 0))
        row.add("visits_mean", .decimal(fill.mean, places: 2))
        row.add("visits_max", .int(fill.max))
        row.add("failures", .int(fill.failures))
        row.add("full_fail_ns", .decimal(median(fullNs), places: 0))
        row.add("full_fail_visits", .int(closing[0].visits))
        row.add("fast_fail_ns", .decimal(median(fastNs), places: 0))
        row.add("fast_fail_visits", .int(closing[1].visits))
        row.add("closing_failed", .text(closing.allSatisfy { $0.range == nil } ? "both" : "not-both"))
        row.add("repeat", .int(repetitions))
        return row
    }

    /// C2: pow2 sizes until the first failure; ns/alloc = batch / (successes + 1).
    static func powersOfTwo(_ name: PolicyName, repetitions: Int) -> BenchRow {
        measurePowers(Policies[name].type, name, repetitions)
    }

    private static func measurePowers<P: InspectablePolicy>(_: P.Type, _ name: PolicyName, _ repetitions: Int) -> BenchRow {
        let w = Fill32Workload()
        var result = (stats: VisitStats(), pages: UInt64(0))
        var times: [Double] = []
        for _ in 0..<repetitions {
            var policy = P(config: .standard)
            let ns: Double
            (result, ns) = timed { w.fillPowersOfTwo(&policy) }
            times.append(ns / Double(max(result.stats.count, 1)))
        }
        var row = BenchRow("fill32")
        row.add("variant", .text("C2"))
        row.add("policy", .text(name.rawValue))
        row.add("n", .int(result.stats.count - result.stats.failures))
        row.add("pages", .int(Int(result.pages)))
        row.add("window_percent", .decimal(Double(result.pages) * 100 / Double(w.pageCount), places: 1))
        row.add("ns_per_op", .decimal(median(times), places: 0))
        row.add("visits_mean", .decimal(result.stats.mean, places: 1))
        row.add("visits_max", .int(result.stats.max))
        row.add("repeat", .int(repetitions))
        return row
    }

    /// C3: each refill timed; mean and median of the per-refill times.
    static func churn(_ name: PolicyName, iterations: Int, repetitions: Int) -> BenchRow {
        measureChurn(Policies[name].type, name, Fill32ChurnWorkload(iterations: iterations), repetitions)
    }

    private static func measureChurn<P: InspectablePolicy>(_: P.Type, _ name: PolicyName, _ w: Fill32ChurnWorkload, _ repetitions: Int) -> BenchRow {
        var stats = VisitStats()
        var means: [Double] = [], medians: [Double] = []
        for _ in 0..<repetitions {
            var state = w.setUp(P.self)
            var clock = PerOperationClock(capacity: w.iterations)
            stats = w.run(&state, timer: &clock)
            means.append(clock.mean)
            medians.append(median(clock.times))
        }
        var row = BenchRow("fill32-churn")
        row.add("policy", .text(name.rawValue))
        row.add("n", .int(w.fill.pageCount))
        row.add("ops", .int(w.iterations))
        row.add("ns_per_op", .decimal(median(means), places: 0))
        row.add("median_ns", .decimal(median(medians), places: 0))
        row.add("visits_mean", .decimal(stats.mean, places: 1))
        row.add("visits_max", .int(stats.max))
        row.add("failures", .int(stats.failures))
        row.add("repeat", .int(repetitions))
        return row
    }
}
