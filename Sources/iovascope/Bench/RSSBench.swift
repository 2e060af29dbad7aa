import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAWorkloads

/// Workload R (`memory`, shape `r`): n × alloc(pow2(), dma64), seed 2, in a fresh child process
/// as the reference measured it. `bytes_per_iova` is the peak RSS growth (VmHWM after minus RSS
/// before) per live range — arena growth included — and `rss_bytes_per_iova` the RSS growth
/// with the policy still alive, the kernel harness's figure (48 B there). A 1,000-range warm-up
/// runs first, so neither counts the program's code being paged in.
enum RSSBench {
    /// The child's side: prints "before after peak ns live modelBytes*100 visitsMean*100 visitsMax failures".
    static func probe(_ name: PolicyName, n: Int) {
        build(Policies[name].type, n: n)
    }

    private static func build<P: InspectablePolicy>(_: P.Type, n: Int) {
        // Warm up on a small instance first, so the code the build runs is paged in before
        // "before" is read: the figure is the data structure's, not the program's first use
        // (about 0.2 MB of text, 0.2 B per IOVA at n = 1M).
        withExtendedLifetime(RSSWorkload(n: min(n, 1_000)).build(P.self)) {}
        ProcessMemory.trimHeap()
        let peakReset = ProcessMemory.resetPeak()
        let before = ProcessMemory.status()
        let ((policy, stats), ns) = timed { RSSWorkload(n: n).build(P.self) }
        ProcessMemory.trimHeap()
        let after = ProcessMemory.status()
        let m = policy.memory
        withExtendedLifetime(policy) {}
        guard peakReset, let before, let after else { print("unavailable"); return }
        print(before.rss, after.rss, after.peak, Int(ns), m.liveCount, Int(((m.bytesPerIOVA ?? -1) * 100).rounded()),
              Int((stats.mean * 100).rounded()), stats.max, stats.failures)
    }

    /// The parent's side: `repetitions` fresh children; the row is the one with the median
    /// peak growth (a run now and then counts a few more pages that are not the tree's).
    static func row(_ name: PolicyName, n: Int, repetitions: Int) throws -> BenchRow {
        var runs: [[Double]] = []
        for _ in 0..<max(1, repetitions) {
            let (output, _) = try ChildProcess.run(["bench", "--probe", "memory", "--policy", name.rawValue, "--n", String(n)])
            let v = ChildProcess.numbers(output)
            if v.count == 9 { runs.append(v) }
        }
        var row = BenchRow("memory")
        row.add("shape", .text("r"))
        row.add("policy", .text(name.rawValue))
        row.add("n", .int(n))
        guard !runs.isEmpty else {
            row.add("bytes_per_iova", .missing)   // no /proc: no RSS figures
            return row
        }
        let v = runs.sorted { $0[2] - $0[0] < $1[2] - $1[0] }[runs.count / 2]
        let live = max(v[4], 1)
        row.add("live", .int(Int(v[4])))
        row.add("failures", .int(Int(v[8])))
        row.add("bytes_per_iova", .decimal((v[2] - v[0]) / live, places: 2))
        row.add("rss_bytes_per_iova", .decimal((v[1] - v[0]) / live, places: 2))
        row.add("model_bytes_per_iova", v[5] < 0 ? .missing : .decimal(v[5] / 100, places: 1))
        row.add("rss_peak_growth_bytes", .int(Int(v[2] - v[0])))
        row.add("visits_mean", .decimal(v[6] / 100, places: 2))
        row.add("visits_max", .int(Int(v[7])))
        row.add("ms", .decimal(v[3] / 1e6, places: 1))
        row.add("repeat", .int(runs.count))
        return row
    }
}
