import ArgumentParser
import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAWorkloads

/// `iovascope bench`: the performance workloads of docs/performance.md (A, A_fifo, B, C1–C3,
/// R) and the visualizer's figures. The workloads' definitions live in IOVAWorkloads; this
/// command only times them (CLOCK_MONOTONIC around the batches the reference times).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the performance workloads (build with -c release for meaningful times).",
        discussion: """
        Workloads (docs/performance.md; every request size-aligned, splitmix64):
          churn64       A: 10,000 live 64-bit ranges, then --ops (1,000,000) alloc/free pairs, \
        random frees (seed 1). ns/op = batch / (2 × ops).
          churn64-fifo  A_fifo: the same with oldest-first frees.
          churn64-fast  A_fast: A's stream through alloc_iova_fast/free_iova_fast (flush) and \
        the per-CPU magazines of 4 CPUs, request i on CPU i mod 4; also the fraction of \
        allocations a magazine answered (rcache_hit).
          mixed         B: n 64-bit allocations (setup), then 1,000 under each --mask (seed 2): \
        ns/op of the batch, the first and the median of each timed alone.
          fill32        C1: 1,048,575 single pages fill the dma32 window, then two failing \
        requests (full walk, max32 fast fail); C2: pow2 sizes until the first failure (seed 3).
          fill32-churn  C3: C1's full window, then --ops (1,000) × { free a random page; refill \
        it (timed) } (seed 4).
          align-trap    n single pages reserved at the start of each 16-page block under the \
        64-bit limit, then --ops (100) aligned 9-page requests whose only fit lies below them: \
        visits against the 4·log2(n+1) bound (n = 1k, 100k, 1M by default).
          memory        R: n × alloc(pow2(), dma64) (seed 2) in a fresh child process; \
        bytes_per_iova = peak RSS growth / n, beside the kernel model's figure. Also the \
        packed and fragmented single-page shapes (in this process).
          frame, seek   one 200×60 frame over n live ranges; seeking to the end of n operations
                        (ms: the first, cold seek; warm_ms: later seeks anywhere, median of 16;
                        prepare_ms: the background replay show starts; prepared_ms: seeks after it;
                        opened_ms: a seek to the end at once after opening, waiting for it;
                        from a file: read_ms, read_seek_ms: read whole, then a seek to the end
                        at once; file_open_ms, file_seek_ms: the same as show opens files,
                        replaying while reading: the cold first seek after opening a file).
          startup       spawn this program to its first frame of the guided tour drawn.

        --n applies to mixed, align-trap, memory, frame and seek (A and C are defined at a fixed size). \
        Times are medians of --repeat runs (memory: one run); the output says how many.
        """
    )

    enum Workload: String, ExpressibleByArgument, CaseIterable {
        case churn64
        case churn64Fifo = "churn64-fifo"
        /// A through the DMA path: per-CPU magazines in front of the tree.
        case churn64Fast = "churn64-fast"
        case mixed
        /// `mixed` with unaligned masked requests: the limit without the alignment trap.
        case mixedUnaligned = "mixed-unaligned"
        case fill32
        case fill32Churn = "fill32-churn"
        /// Single pages reserved at the start of every 16-page block, then aligned 9-page
        /// requests whose only fit lies below them: the alignment trap at scale.
        case alignTrap = "align-trap"
        /// Lay out and draw one 200×60 frame over n live ranges.
        case frame
        /// Seek from the first step to the last of an (n+1)-operation scenario.
        case seek
        /// Bytes per live IOVA: workload R, and the packed and fragmented shapes.
        case memory
        case startup

        /// `n` when `--n` is not given, for the workloads that take one.
        var defaultSizes: [Int] {
            switch self {
            case .memory: [1_000_000]
            case .mixed, .mixedUnaligned: [1_000, 10_000, 100_000, 1_000_000]
            case .alignTrap: [1_000, 100_000, 1_000_000]
            default: [1_000, 10_000, 100_000]
            }
        }
    }

    /// Hidden: what a child process measures for its parent.
    enum Probe: String, ExpressibleByArgument {
        case startup, memory
    }

    @Argument(help: "Workloads to run.")
    var workloads: [Workload] = [.mixed]

    @Option(name: .customLong("policy"), help: "Policies (repeatable; default: every policy this build has).")
    var policies: [PolicyName] = []

    @Option(name: .customLong("n"), help: ArgumentHelp("Sizes for mixed, memory, frame and seek (repeatable).",
                                                        discussion: "Default: 1000, 10000, 100000 (and 1000000 for mixed); 1000000 for memory."))
    var sizes: [Int] = []

    @Option(name: .customLong("mask"), help: "DMA mask widths of mixed's masked allocations (repeatable).")
    var masks: [Int] = [32, 40]

    @Option(name: .customLong("ops"), help: "Timed iterations of churn64, churn64-fifo, churn64-fast and fill32-churn (default: 1000000 and 1000, the reference's); requests of align-trap (100).")
    var ops: Int?

    @Option(name: .customLong("repeat"), help: "Repetitions per figure; times are medians.")
    var repetitions: Int = 3

    @Option(help: "Output format: text or json (one object per line).")
    var format: OutputFormat = .text

    @Option(name: .customLong("probe"), help: .hidden)
    var probe: Probe?

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        guard sizes.allSatisfy({ $0 >= 0 }) else { throw ValidationError("--n must be at least 0") }
        guard masks.allSatisfy({ (32...64).contains($0) }) else { throw ValidationError("--mask must be 32…64") }
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
        if let ops, ops < 1 { throw ValidationError("--ops must be at least 1") }
        // The fragmented shape allocates 2n ranges; the arenas address nodes with 32 bits.
        if workloads.contains(.memory) && sizes.contains(where: { $0 > MemoryWorkload.maxN }) {
            throw ValidationError("--n must be at most \(MemoryWorkload.maxN) for memory")
        }
    }

    func run() throws {
        if let probe { return try runProbe(probe) }
        let names = policies.isEmpty ? Policies.names : policies
        var out = BenchPrinter(json: format == .json)
        for workload in uniqued(workloads) {
            switch workload {
            case .churn64, .churn64Fifo:
                let w = ChurnWorkload(frees: workload == .churn64 ? .random : .oldestFirst, iterations: ops ?? 1_000_000)
                for name in names {
                    out.emit(ChurnBench.row(workload.rawValue, name, w, repetitions: repetitions,
                                            ChurnBench.run(name, w, repetitions: repetitions)))
                }
            case .churn64Fast:
                let w = ChurnFastWorkload(iterations: ops ?? 1_000_000)
                for name in names {
                    out.emit(ChurnFastBench.row(name, w, repetitions: repetitions, ChurnFastBench.run(name, w, repetitions: repetitions)))
                }
            case .mixed, .mixedUnaligned:
                for n in sizes(for: workload) {
                    for mask in masks {
                        for name in names {
                            let w = MixedWorkload(n: n, maskBits: mask, maskedAligned: workload == .mixed)
                            out.emit(MixedBench.row(workload.rawValue, name, n: n, mask: mask, repetitions: repetitions,
                                                    MixedBench.run(name, w, repetitions: repetitions)))
                        }
                    }
                }
            case .alignTrap:
                for n in sizes(for: workload) {
                    let w = AlignTrapWorkload(n: n, requests: ops ?? 100)
                    for name in names {
                        out.emit(AlignTrapBench.row(name, w, repetitions: repetitions, AlignTrapBench.run(name, w, repetitions: repetitions)))
                    }
                }
            case .fill32:
                for name in names { out.emit(Fill32Bench.pages(name, repetitions: repetitions)) }
                for name in names { out.emit(Fill32Bench.powersOfTwo(name, repetitions: repetitions)) }
            case .fill32Churn:
                for name in names { out.emit(Fill32Bench.churn(name, iterations: ops ?? 1_000, repetitions: repetitions)) }
            case .frame, .seek:
                try runUI(workload, names, &out)
            case .memory:
                try runMemory(names, &out)
            case .startup:
                for name in names {
                    out.emit(StartupBench.row(name, repetitions: repetitions, try StartupBench.measure(policy: name, repetitions: repetitions)))
                }
            }
        }
    }

    private func sizes(for workload: Workload) -> [Int] { sizes.isEmpty ? workload.defaultSizes : sizes }

    /// Each workload once, in the order first given.
    private func uniqued(_ list: [Workload]) -> [Workload] {
        var seen: Set<String> = []
        return list.filter { seen.insert($0.rawValue).inserted }
    }

    private func runUI(_ workload: Workload, _ names: [PolicyName], _ out: inout BenchPrinter) throws {
        for n in sizes(for: workload) {
            for name in names {
                let runs = workload == .frame ? max(3, repetitions) : repetitions
                var row = BenchRow(workload.rawValue)
                row.add("policy", .text(name.rawValue))
                row.add("n", .int(n))
                if workload == .frame {
                    let f = try UIBench.frame(policy: name, n: n, repetitions: repetitions)
                    row.add("ms", .decimal(f.worst / 1e6, places: 2))
                    row.add("mid_ms", .decimal(f.middle / 1e6, places: 2))
                    row.add("typical_ms", .decimal(f.typical / 1e6, places: 2))
                } else {
                    let seek = try UIBench.seek(policy: name, n: n, repetitions: repetitions)
                    row.add("ms", .decimal(seek.cold / 1e6, places: 2))
                    row.add("warm_ms", .decimal(seek.warm / 1e6, places: 2))
                    row.add("prepare_ms", .decimal(seek.prepare / 1e6, places: 2))
                    row.add("prepared_ms", .decimal(seek.prepared / 1e6, places: 2))
                    row.add("opened_ms", .decimal(seek.opened / 1e6, places: 2))
                    row.add("read_ms", .decimal(seek.read / 1e6, places: 2))
                    row.add("read_seek_ms", .decimal(seek.readSeek / 1e6, places: 2))
                    row.add("file_open_ms", .decimal(seek.fileOpen / 1e6, places: 2))
                    row.add("file_seek_ms", .decimal(seek.fileSeek / 1e6, places: 2))
                }
                row.add("repeat", .int(runs))
                out.emit(row)
            }
        }
    }

    private func runMemory(_ names: [PolicyName], _ out: inout BenchPrinter) throws {
        for n in sizes(for: .memory) {
            for name in names { out.emit(try RSSBench.row(name, n: n, repetitions: repetitions)) }
        }
        if format == .text { out.emitText(MemoryBench.textHeader) }
        for n in sizes(for: .memory) {
            for shape in MemoryWorkload.Shape.allCases {
                for name in names {
                    let run = MemoryBench.run(name, MemoryWorkload(n: n, shape: shape))
                    if format == .json { print(MemoryBench.json(shape, name, n: n, run)) } else { out.emitText(MemoryBench.text(shape, name, n: n, run)) }
                }
            }
        }
    }

    private func runProbe(_ probe: Probe) throws {
        let name = policies.first ?? .mainline
        switch probe {
        case .startup: try StartupBench.probe(policy: name)
        case .memory: RSSBench.probe(name, n: sizes.first ?? 1_000_000)
        }
    }
}
