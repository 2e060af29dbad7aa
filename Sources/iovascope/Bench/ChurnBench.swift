import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAWorkloads

/// Workloads A (`churn64`) and A_fifo (`churn64-fifo`): the prefill untimed, the alloc/free
/// pairs timed as one batch; ns/op = batch / (2 × iterations), as the reference.
enum ChurnBench {
    static func run(_ name: PolicyName, _ workload: ChurnWorkload, repetitions: Int) -> (VisitStats, [Double]) {
        measure(Policies[name].type, workload, repetitions)
    }

    private static func measure<P: InspectablePolicy>(_: P.Type, _ w: ChurnWorkload, _ repetitions: Int) -> (VisitStats, [Double]) {
        var stats = VisitStats()
        var times: [Double] = []
        for _ in 0..<repetitions {
            var state = w.prefill(P.self)
            let ns: Double
            (stats, ns) = timed { w.run(&state) }
            times.append(ns / Double(max(w.operationCount, 1)))
        }
        return (stats, times)
    }

    static func row(_ workload: String, _ name: PolicyName, _ w: ChurnWorkload, repetitions: Int, _ result: (VisitStats, [Double])) -> BenchRow {
        var row = BenchRow(workload)
        row.add("policy", .text(name.rawValue))
        row.add("n", .int(w.live))
        row.add("ops", .int(w.operationCount))
        row.add("ns_per_op", .decimal(median(result.1), places: 0))
        row.add("visits_mean", .decimal(result.0.mean, places: 1))
        row.add("visits_max", .int(result.0.max))
        row.add("failures", .int(result.0.failures))
        row.add("repeat", .int(repetitions))
        return row
    }
}
