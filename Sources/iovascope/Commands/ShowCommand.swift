import ArgumentParser
import IOVACore
import IOVAReplay
import IOVAScenario
import IOVAStepper
import IOVATerminal
import IOVAView

/// `iovascope [FILE]`: the interactive visualizer (default: the guided tour).
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "The interactive visualizer (default: the guided tour).",
        discussion: """
        With no FILE, opens the guided tour (`iovascope tour`) at its first chapter: } and { \
        turn chapters, every other key works as in a file. Press ? for the keys. Needs a \
        terminal; without one, use `iovascope replay` or `iovascope render`.

        Exit status: 0 after q, 130 after Ctrl-C/SIGINT, 143 after SIGTERM, 129 after SIGHUP, \
        2 without a usable terminal.
        """
    )

    @Argument(help: "A scenario file; omit it for the guided tour.")
    var file: String?

    @OptionGroup var policyOption: PolicyOption

    @Option(help: "Open the compare view: the --policy on the left, this policy on the right, stepped together.")
    var compare: PolicyName?

    @OptionGroup var screen: ScreenOptions

    func validate() throws {
        if let compare, compare == policyOption.policy {
            throw ValidationError("--compare \(compare.rawValue) is already the --policy; compare with another policy")
        }
    }

    func run() throws {
        var app: AppState
        if let file {
            // The background replay starts while the file is read (Stepper.open).
            var opened: Stepper?
            try runReplay { opened = try Stepper.open(path: file, policy: policyOption.policy) }
            guard let stepper = opened else { return }   // runReplay returned without one: nothing to show
            app = AppState(stepper: stepper, title: file)
            app.prepareInBackground()   // already running, unless the file was too short or not replayable early
        } else {
            // The tour: chapters choose their policies; an explicit other one overrides them.
            let policy = policyOption.policy == .mainline ? nil : policyOption.policy
            app = AppState(tourChapter: 1, policy: policy)
        }
        if let compare { app.startComparing(compare) }
        try screen.runInteractive(app)
    }
}

/// How the interactive screen looks and listens, shared by `show` and `tour`.
struct ScreenOptions: ParsableArguments {
    @Flag(help: "ASCII glyphs (default when the locale is not UTF-8).")
    var ascii = false

    @Option(help: "auto, always or never (auto honours NO_COLOR and the terminal's colours).")
    var color: ColorMode = .auto

    @Flag(help: "Enable the mouse (clicks and wheel); off by default so terminal selection works.")
    var mouse = false

    /// Opens the terminal, runs `app` until it quits and restores the terminal; exits with
    /// the session's status (2 without a terminal).
    func runInteractive(_ start: AppState) throws {
        let choice: CursesTerminal.ColorChoice = switch color {
        case .auto: .auto
        case .always: .always
        case .never: .never
        }
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(color: choice, mouse: mouse, forceASCII: ascii)
        } catch {
            printError("iovascope: no interactive screen: \(error). Use `iovascope replay FILE` or `iovascope render FILE --op N` instead.")
            throw ExitCode(2)
        }
        var app = start
        app.writeFile = { path, text, overwrite in try AtomicFile.write(path, text, overwrite: overwrite, overwriteHint: "export!") }
        var loop = EventLoop(app: app, backend: terminal)
        let status = loop.run()
        terminal.close()
        if status != 0 { throw ExitCode(status) }
    }
}
