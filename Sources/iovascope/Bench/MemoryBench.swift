import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAWorkloads

/// The `memory` figures of `bench`: the kernel model's bytes per live IOVA after building a
/// `MemoryWorkload`, beside this process's own RSS growth for the same build.
enum MemoryBench {
    struct Run {
        var result: MemoryWorkload.Result
        /// RSS with the built policy still alive, minus RSS before the build.
        var rssGrowth: Int?
        /// Peak RSS during the build (array growth included), minus RSS before it.
        var peakGrowth: Int?
        var nanoseconds: UInt64
    }

    static func run(_ name: PolicyName, _ workload: MemoryWorkload) -> Run {
        measure(Policies[name].type, workload)
    }

    private static func measure<P: InspectablePolicy>(_ type: P.Type, _ workload: MemoryWorkload) -> Run {
        let peakReset = ProcessMemory.resetPeak()
        let before = ProcessMemory.status()
        let start = monotonicNanoseconds()
        let (policy, failures) = workload.build(type)
        let elapsed = monotonicNanoseconds() - start
        ProcessMemory.trimHeap()   // count what the policy holds, not the buffers its arrays outgrew
        let after = ProcessMemory.status()
        let result = MemoryWorkload.Result(memory: policy.memory, failures: failures)
        withExtendedLifetime(policy) {}
        guard let before, let after else { return Run(result: result, nanoseconds: elapsed) }
        return Run(result: result, rssGrowth: after.rss - before.rss,
                   peakGrowth: peakReset ? after.peak - before.rss : nil, nanoseconds: elapsed)
    }

    static let textHeader = "workload  shape       policy        n         live      nodes     struct/object  model B/IOVA   RSS growth (peak) B/IOVA   ms"

    static func text(_ shape: MemoryWorkload.Shape, _ name: PolicyName, n: Int, _ run: Run) -> String {
        func col(_ s: String, _ w: Int) -> String { s.count >= w ? s + " " : s + String(repeating: " ", count: w - s.count) }
        let m = run.result.memory
        var rss = perIOVA(run.rssGrowth, m.liveCount).map(tenths) ?? "-"
        if let peak = perIOVA(run.peakGrowth, m.liveCount) { rss += " (\(tenths(peak)))" }
        return col("memory", 10) + col(shape.rawValue, 12) + col(name.rawValue, 14) + col(String(n), 10)
            + col(String(m.liveCount), 10) + col(String(m.nodeCount), 10) + col("\(m.structBytes)/\(m.objectBytes)", 15)
            + col(m.bytesPerIOVA.map(tenths) ?? "-", 15) + col(rss, 27) + tenths(Double(run.nanoseconds) / 1e6)
            + (run.result.failures > 0 ? "  (\(run.result.failures) allocations failed)" : "")
    }

    static func json(_ shape: MemoryWorkload.Shape, _ name: PolicyName, n: Int, _ run: Run) -> String {
        let m = run.result.memory
        func number(_ x: Double?) -> String { x.map { String(($0 * 100).rounded() / 100) } ?? "null" }
        func integer(_ x: Int?) -> String { x.map(String.init) ?? "null" }
        return "{\"workload\":\"memory\",\"shape\":\"\(shape.rawValue)\",\"policy\":\"\(name.rawValue)\",\"n\":\(n)"
            + ",\"live\":\(m.liveCount),\"failures\":\(run.result.failures),\"nodes\":\(m.nodeCount)"
            + ",\"struct_bytes\":\(m.structBytes),\"object_bytes\":\(m.objectBytes),\"node_bytes\":\(m.nodeBytes)"
            + ",\"model_bytes\":\(m.totalBytes),\"model_bytes_per_iova\":\(number(m.bytesPerIOVA))"
            + ",\"rss_growth_bytes\":\(integer(run.rssGrowth)),\"rss_peak_growth_bytes\":\(integer(run.peakGrowth))"
            + ",\"bytes_per_iova\":\(number(perIOVA(run.peakGrowth, m.liveCount)))"
            + ",\"ms\":\(number(Double(run.nanoseconds) / 1e6)),\"repeat\":1}"
    }

    private static func perIOVA(_ bytes: Int?, _ live: Int) -> Double? {
        guard let bytes, live > 0 else { return nil }
        return Double(bytes) / Double(live)
    }

    /// One decimal place.
    private static func tenths(_ x: Double) -> String {
        let t = Int((x * 10).rounded())
        return (t < 0 ? "-" : "") + "\(abs(t) / 10).\(abs(t) % 10)"
    }
}
