import ArgumentParser
import IOVACore
import IOVAScenario
import IOVAStepper
import IOVAView
#if canImport(Glibc)
import Glibc
#endif

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Record stepping through a scenario (asciicast v2, one frame per step) or draw the tree (DOT).",
        discussion: """
        --cast writes an asciicast v2 recording with one full-screen redraw and one \
        "op N step K" marker per micro-step (at most --max-steps). A tour chapter's file \
        (Samples/tour/) is recorded with its narration banner and a first marker naming the chapter. --frames DIR writes, per \
        step, NNNNNN-opN-stepK.txt (plain text) and .ansi (colour). Files are written atomically \
        and never overwrite existing ones without --force. --dot writes a Graphviz picture of the \
        tree after operation --op (default: the last) at micro-step --step (default: its last), \
        with the search's marks; trees above \(DotGraph.nodeLimit) nodes keep the paths that step \
        touched and fold the rest.

        Example: iovascope export Samples/kernel/scenario-g-next-fit.iova --cast g.cast --size 100x30
                 iovascope export FILE --dot tree.dot --op 3 --step 5 && dot -Tsvg tree.dot > tree.svg
        """
    )

    @Argument(help: "The scenario file.")
    var file: String

    @Option(help: "Write an asciicast v2 recording here.")
    var cast: String?

    @Option(help: "Write one text and one ANSI frame per step into this directory.")
    var frames: String?

    @Option(help: "Write a Graphviz DOT picture of the tree here.")
    var dot: String?

    @Option(help: "With --dot: the operation (1-based; default: the last).")
    var op: Int?

    @Option(help: "With --dot: the micro-step within it (default: its last).")
    var step: Int?

    @Option(help: "Frame size WxH.")
    var size: FrameSize = FrameSize(width: 120, height: 40)

    @Option(help: "Record at most this many micro-steps.")
    var maxSteps: Int = 5000

    @Flag(help: "Overwrite existing files.")
    var force = false

    @Flag(help: "ASCII glyphs.")
    var ascii = false

    @OptionGroup var policyOption: PolicyOption

    func validate() throws {
        guard cast != nil || frames != nil || dot != nil else {
            throw ValidationError("give --cast FILE.cast, --frames DIR and/or --dot FILE.dot")
        }
        if op != nil || step != nil, dot == nil { throw ValidationError("--op and --step choose the --dot picture") }
        if let op, op < 1 { throw ValidationError("--op must be at least 1") }
        if let step, step < 0 { throw ValidationError("--step must be at least 0") }
        guard maxSteps >= 1 else { throw ValidationError("--max-steps must be at least 1") }
    }

    func run() throws {
        var lines: [ScenarioLine] = []
        try runReplay {
            try Scenario.check(path: file)
            try Scenario.forEachCommand(path: file) { lines.append($0) }
        }
        var stepper = Stepper(lines: lines, policy: policyOption.policy)
        stepper.first()
        let glyphs = ascii ? Glyphs.ascii : Glyphs.unicode
        let narration = Tour.chapter(matching: lines, policy: policyOption.policy).map { Narration(heading: $0.heading, text: $0.narration) }
        try AtomicFile.reportingFailure {
            if let cast {
                let recording = Asciicast.record(from: stepper, width: size.width, height: size.height,
                                                 glyphs: glyphs, theme: .color16, maxSteps: maxSteps, narration: narration)
                try AtomicFile.write(cast, recording.text, overwrite: force)
                printError("iovascope: wrote \(recording.steps) steps to \(cast)")
            }
            if let frames { try writeFrames(stepper, into: frames, glyphs: glyphs, narration: narration) }
            if let dot { try writeDot(stepper, to: dot) }
        }
    }

    private func writeDot(_ start: Stepper, to path: String) throws {
        var stepper = start
        let target = op ?? stepper.operationCount
        guard target <= max(1, stepper.operationCount) else {
            printError("iovascope: --op \(target): the scenario has \(stepper.operationCount) operations")
            throw ExitStatus.usage
        }
        stepper.seek(operation: target, step: .max)
        if let step {
            guard step <= stepper.stepCount else {
                printError("iovascope: --step \(step): operation \(target) has \(stepper.stepCount) steps")
                throw ExitStatus.usage
            }
            stepper.seek(operation: target, step: step)
        }
        try AtomicFile.write(path, DotGraph.render(stepper.frame), overwrite: force)
        printError("iovascope: wrote the tree after op \(stepper.operationNumber) step \(stepper.step) to \(path)")
    }

    private func writeFrames(_ start: Stepper, into directory: String, glyphs: Glyphs, narration: Narration?) throws {
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw AtomicFile.Failure(description: "cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        var stepper = start
        var count = 0
        while count < maxSteps {
            let frame = stepper.frame
            let buffer = FrameView.render(frame, width: size.width, height: size.height, glyphs: glyphs, narration: narration,
                                          hints: narration == nil ? KeyHints.defaultHints : KeyHints.tourHints)
            let index = String(count)
            let name = String(repeating: "0", count: max(0, 6 - index.count)) + index + "-op\(frame.operationNumber)-step\(frame.step)"
            try AtomicFile.write("\(directory)/\(name).txt", buffer.lines.joined(separator: "\n") + "\n", overwrite: force)
            try AtomicFile.write("\(directory)/\(name).ansi", Theme.color16.ansiLines(buffer).joined(separator: "\n") + "\n", overwrite: force)
            count += 1
            let here = (stepper.operationNumber, stepper.step)
            stepper.stepForward()
            if (stepper.operationNumber, stepper.step) == here { break }
        }
        printError("iovascope: wrote \(count) frames to \(directory)")
    }
}
