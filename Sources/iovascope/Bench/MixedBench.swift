import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAWorkloads

/// Workload B's figures (`mixed`, `mixed-unaligned`). Each repetition runs the workload twice
/// on fresh domains: once timing the masked allocations as one batch (no clock reads inside:
/// `ns_per_op`), once timing each of them (the first one, the median and the mean; each includes a
/// clock read). The setup batch is timed both times ("setup ns/alloc64").
enum MixedBench {
    struct Figures {
        var stats = VisitStats()
        var setupNs: [Double] = []
        var batchNs: [Double] = []
        var firstNs: [Double] = []
        var medianNs: [Double] = []
        var meanNs: [Double] = []
    }

    static func run(_ name: PolicyName, _ workload: MixedWorkload, repetitions: Int) -> Figures {
        measure(Policies[name].type, workload, repetitions)
    }

    private static func measure<P: InspectablePolicy>(_: P.Type, _ w: MixedWorkload, _ repetitions: Int) -> Figures {
        var f = Figures()
        let perSetup = Double(max(w.n, 1))
        for _ in 0..<repetitions {
            do {
                var (state, setupNs) = timed { w.setUp(P.self) }
                f.setupNs.append(setupNs / perSetup)
                let (stats, ns) = timed { w.runMasked(&state.policy, rng: &state.rng) }
                f.stats = stats
                f.batchNs.append(ns / Double(w.maskedCount))
            }
            do {
                var (state, setupNs) = timed { w.setUp(P.self) }
                f.setupNs.append(setupNs / perSetup)
                var clock = PerOperationClock(capacity: w.maskedCount)
                _ = w.runMasked(&state.policy, rng: &state.rng, timer: &clock)
                f.firstNs.append(clock.times.first ?? 0)
                f.medianNs.append(median(clock.times))
                f.meanNs.append(clock.mean)
            }
        }
        return f
    }

    /// The row; the first fields are those `bench mixed --format json` always had.
    static func row(_ workload: String, _ name: PolicyName, n: Int, mask: Int, repetitions: Int, _ f: Figures) -> BenchRow {
        var row = BenchRow(workload)
        row.add("policy", .text(name.rawValue))
        row.add("n", .int(n))
        row.add("mask", .text("dma\(mask)"))
        row.add("ns_per_op", .decimal(median(f.batchNs), places: 0))
        row.add("visits_mean", .decimal(f.stats.mean, places: 1))
        row.add("visits_max", .int(f.stats.max))
        row.add("visits_first", .int(f.stats.first ?? 0))
        row.add("failures", .int(f.stats.failures))
        row.add("first_ns", .decimal(median(f.firstNs), places: 0))
        row.add("median_ns", .decimal(median(f.medianNs), places: 0))
        row.add("setup_ns_per_alloc", .decimal(median(f.setupNs), places: 0))
        // The mean of the requests timed alone: the kernel measurement's "mean ns/dma32".
        row.add("mean_ns", .decimal(median(f.meanNs), places: 0))
        row.add("repeat", .int(repetitions))
        return row
    }
}
