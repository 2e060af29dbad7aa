import ArgumentParser
import IOVACore
import IOVAReplay
import IOVAWorkloads
#if canImport(Glibc)
import Glibc
#endif

/// `iovascope bench`: the performance workloads of kernel-oracle-perf.md. This build has
/// workload B (`mixed`), the UI figures and `memory`; the others arrive with the benchmark issue.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the performance workloads (build with -c release for meaningful times).",
        discussion: """
        mixed: workload B of the kernel measurements — n size-aligned 64-bit allocations of \
        1..64 pages, then 1,000 size-aligned allocations of 1..16 pages under --mask (splitmix64, \
        seed 2). Reports visits per masked allocation (mean, max, first) and ns per masked \
        allocation (median of --repeat runs).

        memory: n live single-page 64-bit ranges (default n: 1,000,000), packed (n top-down \
        allocations) and fragmented (2n, then every other one freed). Reports maple nodes, the \
        kernel's bytes per live IOVA by the memory model (struct iova objects plus tree nodes), \
        and this program's own RSS growth per live range (with its peak) — the Swift model's \
        memory, not the kernel's. Runs once; --repeat and --mask do not apply.
        """
    )

    enum Workload: String, ExpressibleByArgument, CaseIterable {
        case mixed
        /// `mixed` with unaligned masked requests: the limit without the alignment trap.
        case mixedUnaligned = "mixed-unaligned"
        /// Lay out and draw one 200×60 frame over n live ranges.
        case frame
        /// Seek from the first step to the last of an (n+1)-operation scenario.
        case seek
        /// Bytes per live IOVA after building n live ranges, packed and fragmented.
        case memory

        /// `n` when `--n` is not given.
        var defaultSizes: [Int] { self == .memory ? [1_000_000] : [1_000, 10_000, 100_000] }
        /// The mixed-mask workloads, which share one table.
        var isMixed: Bool { self == .mixed || self == .mixedUnaligned }
    }

    @Argument(help: "Workloads to run.")
    var workloads: [Workload] = [.mixed]

    @Option(name: .customLong("policy"), help: "Policies (repeatable; default: every policy this build has).")
    var policies: [PolicyName] = []

    @Option(name: .customLong("n"), help: ArgumentHelp("Live 64-bit allocations before the masked ones, or live ranges for memory (repeatable).",
                                                        discussion: "Default: 1000, 10000 and 100000; 1000000 for memory."))
    var sizes: [Int] = []

    @Option(name: .customLong("mask"), help: "DMA mask widths of the masked allocations (repeatable).")
    var masks: [Int] = [32, 40]

    @Option(name: .customLong("repeat"), help: "Repetitions per figure; times are medians.")
    var repetitions: Int = 3

    @Option(help: "Output format: text or json (one object per line).")
    var format: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        guard sizes.allSatisfy({ $0 >= 0 }) else { throw ValidationError("--n must be at least 0") }
        guard masks.allSatisfy({ (32...64).contains($0) }) else { throw ValidationError("--mask must be 32…64") }
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
        // The fragmented shape allocates 2n ranges; the arenas address nodes with 32 bits.
        if workloads.contains(.memory) && sizes.contains(where: { $0 > MemoryWorkload.maxN }) {
            throw ValidationError("--n must be at most \(MemoryWorkload.maxN) for memory")
        }
    }

    func run() throws {
        let names = policies.isEmpty ? PolicyName.allCases : policies
        if format == .text && workloads.contains(where: \.isMixed) {
            print("workload        policy        n        mask   visits mean   max   first   ns/masked alloc (median of \(repetitions))")
        }
        for workload in workloads where workload == .frame || workload == .seek {
            for n in sizes(for: workload) {
                for name in names {
                    let ns = workload == .frame
                        ? try UIBench.frame(policy: name, n: n, repetitions: repetitions)
                        : try UIBench.seek(policy: name, n: n, repetitions: repetitions)
                    switch format {
                    case .json: print("{\"workload\":\"\(workload.rawValue)\",\"policy\":\"\(name.rawValue)\",\"n\":\(n),\"ms\":\((ns / 1e4).rounded() / 100)}")
                    case .text: print("\(workload.rawValue)  \(name.rawValue)  n=\(n)  \((ns / 1e4).rounded() / 100) ms (median of \(max(workload == .frame ? 3 : 1, repetitions)))")
                    }
                }
            }
        }
        for workload in workloads where workload.isMixed {
            for n in sizes(for: workload) {
                for mask in masks {
                    for name in names {
                        let type = Replay.policyType(name)
                        let mixed = MixedWorkload(n: n, maskBits: mask, maskedAligned: workload == .mixed)
                        report(workload.rawValue, name, n: n, mask: mask, measure(type, workload: mixed))
                    }
                }
            }
        }
        if workloads.contains(.memory) { runMemory(names) }
    }

    private func sizes(for workload: Workload) -> [Int] { sizes.isEmpty ? workload.defaultSizes : sizes }

    private func runMemory(_ names: [PolicyName]) {
        if format == .text { print(MemoryBench.textHeader) }
        for n in sizes(for: .memory) {
            for shape in MemoryWorkload.Shape.allCases {
                for name in names {
                    let run = MemoryBench.run(name, MemoryWorkload(n: n, shape: shape))
                    print(format == .json ? MemoryBench.json(shape, name, n: n, run) : MemoryBench.text(shape, name, n: n, run))
                }
            }
        }
    }

    private func measure<P: IOVAPolicy>(_ type: P.Type, workload: MixedWorkload) -> (VisitStats, Double) {
        var stats = VisitStats()
        var times: [Double] = []
        for _ in 0..<repetitions {
            var (policy, rng, _) = workload.setUp(type)
            let start = monotonicNanoseconds()
            stats = workload.runMasked(&policy, rng: &rng)
            times.append(Double(monotonicNanoseconds() - start) / Double(workload.maskedCount))
        }
        times.sort()
        return (stats, times[times.count / 2])
    }

    private func report(_ workload: String, _ name: PolicyName, n: Int, mask: Int, _ result: (VisitStats, Double)) {
        let (stats, ns) = result
        let mean = (stats.mean * 10).rounded() / 10
        switch format {
        case .json:
            print("{\"workload\":\"\(workload)\",\"policy\":\"\(name.rawValue)\",\"n\":\(n),\"mask\":\"dma\(mask)\",\"ns_per_op\":\(Int(ns.rounded())),\"visits_mean\":\(mean),\"visits_max\":\(stats.max),\"visits_first\":\(stats.first ?? 0),\"failures\":\(stats.failures)}")
        case .text:
            func col(_ s: String, _ w: Int) -> String { s.count >= w ? s + " " : s + String(repeating: " ", count: w - s.count) }
            print(col(workload, 16) + col(name.rawValue, 14) + col(String(n), 9) + col("dma\(mask)", 7)
                  + col(String(mean), 14) + col(String(stats.max), 6) + col(String(stats.first ?? 0), 8) + String(Int(ns.rounded())))
        }
    }
}

/// CLOCK_MONOTONIC in nanoseconds.
func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}
