import IOVACore
import IOVAScenario
import IOVAStepper
import IOVAView

/// When `main` began, for the start-up figure's in-process part.
enum ProcessClock {
    nonisolated(unsafe) static var mainEntry: UInt64 = 0
}

/// `bench startup`: from spawning this program to the first frame of the guided tour drawn
/// into a cell buffer (200×60). The parent reads CLOCK_MONOTONIC, spawns `iovascope bench
/// --probe startup`, and the child takes the path `iovascope` with no file takes — parse the
/// demo, build the stepper and the app state, render the first frame — then prints the clock.
/// So the figure holds exec, dynamic loading, the Swift runtime, argument parsing and the first
/// layout and drawing; it leaves out the terminal (ncurses set-up and writing the frame to the
/// tty), which a headless run cannot measure honestly. The child also reports the in-process
/// part, from `main` to the frame.
enum StartupBench {
    /// The child's side: prints "<frame-drawn-ns> <main-entry-ns>".
    static func probe(policy: PolicyName) throws {
        // What `iovascope` opens with no file: the tour's first chapter (under `policy`).
        let app = AppState(tourChapter: 1, policy: policy)
        let frame = app.render(width: 200, height: 60, glyphs: .unicode)
        let drawn = monotonicNanoseconds()
        precondition(frame.height == 60)
        print(drawn, ProcessClock.mainEntry)
    }

    /// The parent's side: medians over `repetitions` child processes, in ns.
    static func measure(policy: PolicyName, repetitions: Int) throws -> (spawnToFrame: Double, mainToFrame: Double) {
        var total: [Double] = [], inProcess: [Double] = []
        for _ in 0..<repetitions {
            let (output, spawnedAt) = try ChildProcess.run(["bench", "--probe", "startup", "--policy", policy.rawValue])
            let values = ChildProcess.numbers(output)
            guard values.count == 2 else { throw ChildProcess.Failure(description: "startup probe printed \(output)") }
            total.append(values[0] - Double(spawnedAt))
            inProcess.append(values[0] - values[1])
        }
        return (median(total), median(inProcess))
    }

    static func row(_ name: PolicyName, repetitions: Int, _ figures: (spawnToFrame: Double, mainToFrame: Double)) -> BenchRow {
        var row = BenchRow("startup")
        row.add("policy", .text(name.rawValue))
        row.add("n", .int(48))   // the demo's 64-bit ranges before its first 32-bit request
        row.add("ms", .decimal(figures.spawnToFrame / 1e6, places: 2))
        row.add("main_ms", .decimal(figures.mainToFrame / 1e6, places: 2))
        row.add("repeat", .int(repetitions))
        return row
    }
}
