import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAWorkloads

/// Workload A_fast (`churn64-fast`): A's stream through `alloc_iova_fast`/`free_iova_fast` and
/// the per-CPU magazines of 4 CPUs. The prefill untimed, the alloc/free pairs timed as one
/// batch; ns/op = batch / (2 × iterations), as the reference.
enum ChurnFastBench {
    static func run(_ name: PolicyName, _ workload: ChurnFastWorkload, repetitions: Int) -> (ChurnFastWorkload.Stats, [Double]) {
        measure(Policies[name].type, workload, repetitions)
    }

    private static func measure<P: InspectablePolicy>(_: P.Type, _ w: ChurnFastWorkload, _ repetitions: Int) -> (ChurnFastWorkload.Stats, [Double]) {
        var stats = ChurnFastWorkload.Stats()
        var times: [Double] = []
        for _ in 0..<repetitions {
            var state = w.prefill(P.self)
            let ns: Double
            (stats, ns) = timed { w.run(&state) }
            stats.cachedAtEnd = state.rcache.cachedCount
            times.append(ns / Double(max(w.operationCount, 1)))
        }
        return (stats, times)
    }

    static func row(_ name: PolicyName, _ w: ChurnFastWorkload, repetitions: Int, _ result: (ChurnFastWorkload.Stats, [Double])) -> BenchRow {
        let (stats, times) = result
        var row = BenchRow("churn64-fast")
        row.add("policy", .text(name.rawValue))
        row.add("n", .int(w.live))
        row.add("ops", .int(w.operationCount))
        row.add("cpus", .int(w.cpus))
        row.add("ns_per_op", .decimal(median(times), places: 0))
        row.add("visits_mean", .decimal(stats.visits.mean, places: 1))
        row.add("visits_max", .int(stats.visits.max))
        row.add("rcache_hit", .decimal(stats.hitRate, places: 4))
        row.add("rcache_hit_le32", .decimal(stats.cacheableHitRate, places: 4))
        row.add("cached_at_end", .int(stats.cachedAtEnd))
        row.add("failures", .int(stats.visits.failures))
        row.add("repeat", .int(repetitions))
        return row
    }
}
