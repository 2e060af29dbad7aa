import ArgumentParser
import IOVACore
import IOVAScenario
import IOVAStepper
import IOVAView
#if canImport(Glibc)
import Glibc
#endif

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print one frame of the visualizer as text.",
        discussion: """
        Operation N counts the file's operations from 1 (`domain` and comments are not \
        operations); micro-step K is 0 before its first step and by default its last. The frame \
        is exactly H lines of at most W columns; ANSI colour only with --color always.

        Example: iovascope render Samples/kernel/scenario-c-cached32-walk.iova --op 13 --step 9 --size 120x40
        """
    )

    @Argument(help: "The scenario file.")
    var file: String

    @Option(help: "Operation number (from 1).")
    var op: Int

    @Option(help: "Micro-step within the operation (0 = before its first; default: its last).")
    var step: Int?

    @Option(help: "Frame size WxH.")
    var size: FrameSize = FrameSize(width: 120, height: 40)

    @Flag(help: "ASCII glyphs (default when the locale is not UTF-8).")
    var ascii = false

    @Option(help: "auto, always or never (auto prints no colour: render writes text).")
    var color: ColorMode = .auto

    @OptionGroup var policyOption: PolicyOption

    @Option(help: "Render the compare view: the --policy on the left, this policy on the right (step K counts on the longer side).")
    var compare: PolicyName?

    func validate() throws {
        guard op >= 1 else { throw ValidationError("--op counts from 1") }
        if let step, step < 0 { throw ValidationError("--step must be 0 or more") }
        if let compare, compare == policyOption.policy {
            throw ValidationError("--compare \(compare.rawValue) is already the --policy; compare with another policy")
        }
    }

    func run() throws {
        let policy = policyOption.policy
        var lines: [ScenarioLine] = []
        try runReplay {
            lines = try Scenario.load(path: file)
        }
        var stepper = Stepper(lines: lines, policy: policy)
        guard op <= stepper.operationCount else {
            throw ValidationError("--op \(op) is past the last operation (\(stepper.operationCount))")
        }
        stepper.seek(operation: op, step: .max)
        var pair = compare.map { PairStepper(left: stepper, right: $0) }
        let last = pair?.stepCount ?? stepper.stepCount
        if let step {
            guard step <= last else { throw ValidationError("--step \(step) is past the last micro-step of operation \(op) (\(last))") }
            stepper.seek(operation: op, step: step)
        }
        pair?.seek(operation: op, step: step ?? .max)
        let glyphs = ascii || !Locale.isUTF8 ? Glyphs.ascii : Glyphs.unicode
        let buffer = pair.map { CompareView.render($0, width: size.width, height: size.height, glyphs: glyphs) }
            ?? FrameView.render(stepper.frame, width: size.width, height: size.height, glyphs: glyphs)
        let rows = color == .always ? Theme.color16.ansiLines(buffer) : buffer.lines
        try runReplay {
            var out = StandardOutput()
            let text = rows.joined(separator: "\n") + "\n"
            try Array(text.utf8).withUnsafeBufferPointer { try out.write($0) }
        }
    }
}

/// `WxH`.
struct FrameSize: ExpressibleByArgument {
    var width: Int
    var height: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w >= 1, h >= 1, w <= 10_000, h <= 10_000 else { return nil }
        self.init(width: w, height: h)
    }
}

enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// The locale's character set, as ncurses programs decide between Unicode and ASCII glyphs.
enum Locale {
    static var isUTF8: Bool {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty {
                let v = value.lowercased()
                return v.contains("utf-8") || v.contains("utf8")
            }
        }
        return false
    }
}
