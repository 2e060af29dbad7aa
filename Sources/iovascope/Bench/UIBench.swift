#if canImport(Glibc)
import Glibc
#endif
import IOVACore
import IOVAScenario
import IOVAStepper
import IOVAView
import IOVAWorkloads

/// The UI figures of `bench`: drawing a frame and seeking, on scenarios of `n` operations.
enum UIBench {
    /// `IOVASCOPE_BENCH_VERBOSE=1`: each measured step on standard error.
    static let verbose = getenv("IOVASCOPE_BENCH_VERBOSE").map { String(cString: $0) == "1" } ?? false

    /// `n` 64-bit allocations of 1..64 pages (splitmix64 seed 2, as workload R), then one
    /// 32-bit allocation: the frame shows its search over `n` live ranges.
    static func scenario(n: Int) -> [ScenarioLine] {
        var rng = SplitMix64(seed: 2)
        var lines: [ScenarioLine] = []
        lines.reserveCapacity(n + 1)
        let dma64 = DomainConfig.standard.maxPFN
        for i in 0..<n {
            lines.append(ScenarioLine(line: i + 1, command: .alloc(size: rng.pow2(), limit: dma64, aligned: true)))
        }
        lines.append(ScenarioLine(line: n + 1, command: .alloc(size: 16, limit: DomainConfig.standard.dma32Limit, aligned: true)))
        return lines
    }

    /// Median ns to lay out and draw one 200×60 frame (the visits timeline included) in the last operation (`search`: the
    /// dma32 allocation, whose search mainline walks over every range): `worst`, the slowest
    /// of 33 steps spread over its whole search (first, last and every 32nd of the way: "any
    /// step"); `middle`, its middle step; and `typical`, the middle step of the operation
    /// before it (the n-th dma64 allocation, a short search over the same n − 1 ranges).
    static func frame(policy: PolicyName, n: Int, repetitions: Int) throws -> (worst: Double, middle: Double, typical: Double) {
        var s = Stepper(lines: scenario(n: n), policy: policy)
        // Every frame also draws the visits timeline over all n + 1 operations, as `show` does.
        let timeline = Timeline(strips: [Timeline.Strip(policy: policy.rawValue, summaries: s.summaries())],
                                operation: 1, count: s.operationCount)
        s.seek(operation: s.operationCount, step: .max)
        let steps = s.stepCount
        var worst = 0.0
        for k in 0...32 {
            s.seek(operation: s.operationCount, step: steps * k / 32)
            let t = medianRender(s, timeline, repetitions: repetitions)
            worst = max(worst, t)
            if verbose { printError("frame \(policy.rawValue) step \(s.step)/\(steps): \(t / 1e6) ms") }
        }
        s.seek(operation: s.operationCount, step: steps / 2)
        let middle = medianRender(s, timeline, repetitions: repetitions)
        if verbose {
            // The timeline alone, for the record: a strip of 193 columns over n + 1 operations.
            var buffer = CellBuffer(width: 200, height: 2)
            let t0 = monotonicNanoseconds()
            for _ in 0..<20 { TimelinePane.draw(timeline, in: Rect(x: 0, y: 0, width: 200, height: 2), into: &buffer, glyphs: .unicode) }
            printError("timeline \(policy.rawValue): \(Double(monotonicNanoseconds() - t0) / 20 / 1e6) ms")
        }
        s.seek(operation: s.operationCount - 1, step: .max)
        s.seek(operation: s.operationCount - 1, step: s.stepCount / 2)
        return (max(worst, middle), middle, medianRender(s, timeline, repetitions: repetitions))
    }

    /// The stepper's frame derived and drawn, median ns.
    private static func medianRender(_ s: Stepper, _ timeline: Timeline, repetitions: Int) -> Double {
        var times: [Double] = []
        var timeline = timeline
        timeline.operation = s.operationNumber
        for _ in 0..<max(9, repetitions) {   // medians of 9 at least: a frame is cheap, load spikes are not
            let start = monotonicNanoseconds()
            let buffer = FrameView.render(s.frame, width: 200, height: 60, glyphs: .unicode, timeline: timeline)
            times.append(Double(monotonicNanoseconds() - start))
            precondition(buffer.height == 60)
        }
        return times.sorted()[times.count / 2]
    }

    /// Seeking in an (n+1)-operation scenario, in ns (medians over `repetitions`):
    /// - `cold`: the first seek from the first step to the last on a fresh stepper, which
    ///   replays everything (laying down checkpoints on the way);
    /// - `warm`: 16 seeks to spread-out operations after that, each replaying at most one
    ///   checkpoint interval (n/16 operations);
    /// - `prepare`: a fresh stepper's background replay (`prepareInBackground`, as `show` starts
    ///   it on opening a file), from start to finish;
    /// - `prepared`: 16 such seeks on that stepper once it has finished, no cold seek before;
    /// - `opened`: a third fresh stepper starts its background replay and at once seeks to the
    ///   last step, as `show FILE` does when the first key pressed is `G`: the wait for the
    ///   background's last checkpoint, then the rest.
    /// And from a file, opened at once to the last step (`show FILE`, then `G`):
    /// - `read`, `readSeek`: read it whole (`Scenario.load`), then start the background replay
    ///   and seek (how `show` opened files before `Stepper.open`);
    /// - `fileOpen`: `Stepper.open`, which replays while reading, until the first operation is
    ///   shown; `fileSeek`: then the seek, the cold first seek after opening: what is left of
    ///   the replay once the file is read, then the last operation.
    static func seek(policy: PolicyName, n: Int, repetitions: Int) throws -> SeekFigures {
        let lines = scenario(n: n)
        var cold: [Double] = [], warm: [Double] = [], prepare: [Double] = [], prepared: [Double] = []
        var opened: [Double] = [], read: [Double] = [], readSeek: [Double] = [], fileOpen: [Double] = [], fileSeek: [Double] = []
        let file = try ScenarioFile(lines)
        defer { file.remove() }
        for _ in 0..<repetitions {
            // First, as `show FILE` runs in a fresh process, each in a scope of its own: what
            // they hold is let go before the figures below, which are taken as they always were.
            do {
                // Read, then replay (how `show` opened files before `Stepper.open`).
                let r0 = monotonicNanoseconds()
                var r = Stepper(lines: try Scenario.load(path: file.path), policy: policy)
                r.prepareInBackground()
                let r1 = monotonicNanoseconds()
                r.seek(operation: r.operationCount, step: .max)
                read.append(Double(r1 - r0))
                readSeek.append(Double(monotonicNanoseconds() - r1))
                r.waitForBackground()
            }
            do {
                // Replay while reading.
                let f0 = monotonicNanoseconds()
                var f = try Stepper.open(path: file.path, policy: policy)
                f.prepareInBackground()   // as `show` does: a no-op when the replay is already running
                let f1 = monotonicNanoseconds()
                f.seek(operation: f.operationCount, step: .max)
                let f2 = monotonicNanoseconds()
                fileOpen.append(Double(f1 - f0))
                fileSeek.append(Double(f2 - f1))
                if verbose {
                    printError("file \(policy.rawValue): read \(read.last! / 1e6) ms, seek \(readSeek.last! / 1e6); "
                               + "open \(Double(f1 - f0) / 1e6), seek \(Double(f2 - f1) / 1e6)")
                }
                f.waitForBackground()
            }

            var s = Stepper(lines: lines, policy: policy)
            let start = monotonicNanoseconds()
            s.seek(operation: s.operationCount, step: .max)
            cold.append(Double(monotonicNanoseconds() - start))
            warm += farSeeks(&s)

            var p = Stepper(lines: lines, policy: policy)
            let t0 = monotonicNanoseconds()
            p.prepareInBackground()
            p.waitForBackground()
            prepare.append(Double(monotonicNanoseconds() - t0))
            prepared += farSeeks(&p)

            var o = Stepper(lines: lines, policy: policy)
            let t1 = monotonicNanoseconds()
            o.prepareInBackground()
            o.seek(operation: o.operationCount, step: .max)
            opened.append(Double(monotonicNanoseconds() - t1))
            o.waitForBackground()
        }
        func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
        return SeekFigures(cold: median(cold), warm: median(warm), prepare: median(prepare), prepared: median(prepared),
                           opened: median(opened), read: median(read), readSeek: median(readSeek), fileOpen: median(fileOpen),
                           fileSeek: median(fileSeek))
    }

    struct SeekFigures {
        var cold, warm, prepare, prepared, opened: Double
        var read, readSeek, fileOpen, fileSeek: Double
    }

    /// `lines` written out as a scenario file in the temporary directory.
    struct ScenarioFile {
        let path: String

        init(_ lines: [ScenarioLine]) throws {
            let dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
            path = "\(dir)/iovascope-bench-seek-\(getpid()).iova"
            var text = ""
            text.reserveCapacity(lines.count * 28)
            for line in lines {
                guard case let .alloc(size, limit, aligned) = line.command else { preconditionFailure("bench scenarios allocate") }
                text += "alloc \(size) limit=0x\(String(limit, radix: 16))\(aligned ? " aligned" : "")\n"
            }
            try AtomicFile.write(path, text, overwrite: true)
        }

        func remove() { unlink(path) }
    }

    /// Times 16 seeks to far operations (a seek to the next operation would cost nothing).
    private static func farSeeks(_ s: inout Stepper) -> [Double] {
        var rng = SplitMix64(seed: 9)
        var times: [Double] = []
        for _ in 0..<16 {
            let target = 1 + Int(rng.next() % UInt64(max(1, s.operationCount - 1)))
            let t0 = monotonicNanoseconds()
            s.seek(operation: target, step: 0)
            times.append(Double(monotonicNanoseconds() - t0))
            if verbose { printError("seek \(s.policyName.rawValue) to op \(target): \(times[times.count - 1] / 1e6) ms") }
        }
        return times
    }
}
