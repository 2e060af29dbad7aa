import Foundation   // log2
import IOVACore
import IOVAPolicies
import IOVAWorkloads

/// The `align-trap` figures: the requests timed as one batch after the pattern is reserved
/// (`ns_per_op`), their visits against the 4·log2(n+1) bound, and the set-up cost.
enum AlignTrapBench {
    struct Figures {
        var stats = VisitStats()
        var batchNs: [Double] = []
        var setupNs: [Double] = []
    }

    static func run(_ name: PolicyName, _ workload: AlignTrapWorkload, repetitions: Int) -> Figures {
        measure(Policies[name].type, workload, repetitions)
    }

    private static func measure<P: InspectablePolicy>(_: P.Type, _ w: AlignTrapWorkload, _ repetitions: Int) -> Figures {
        var f = Figures()
        for _ in 0..<repetitions {
            var (policy, setupNs) = timed { w.setUp(P.self) }
            f.setupNs.append(setupNs / Double(max(w.n, 1)))
            let (stats, ns) = timed { w.run(&policy) }
            f.stats = stats
            f.batchNs.append(ns / Double(w.requests))
        }
        return f
    }

    static func row(_ name: PolicyName, _ w: AlignTrapWorkload, repetitions: Int, _ f: Figures) -> BenchRow {
        var row = BenchRow("align-trap")
        row.add("policy", .text(name.rawValue))
        row.add("n", .int(w.n))
        row.add("requests", .int(w.requests))
        row.add("ns_per_op", .decimal(median(f.batchNs), places: 0))
        row.add("visits_mean", .decimal(f.stats.mean, places: 1))
        row.add("visits_max", .int(f.stats.max))
        row.add("bound", .decimal(4 * log2(Double(w.n + 1)), places: 1))
        row.add("failures", .int(f.stats.failures))
        row.add("setup_ns_per_block", .decimal(median(f.setupNs), places: 0))
        row.add("repeat", .int(repetitions))
        return row
    }
}
