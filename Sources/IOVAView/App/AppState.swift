import IOVACore
import IOVAPolicies
import IOVAScenario
import IOVAStepper

/// The interactive visualizer as a value: keys in, new state and a reaction out, frames drawn
/// on demand. Keys become actions through `KeyMap`, typed lines through `CommandParser`, and
/// `perform` (AppState+Actions.swift) is the one place actions take effect. The event loop
/// (`EventLoop`) is a thin driver around it, so every key can be tested without a terminal.
public struct AppState {
    public enum Mode: Equatable, Sendable {
        case normal
        case command(String)
        case search(String)
        case help(filter: String)
    }

    public enum Focus: CaseIterable, Sendable { case tree, address, code, log }

    /// What is being stepped: one policy, or two in the compare view.
    public internal(set) var session: Session
    public internal(set) var mode: Mode = .normal
    public internal(set) var playing = false
    public static let speeds = [1, 2, 5, 10, 20, 50, 100]
    public internal(set) var speedIndex = 2
    public internal(set) var address = AddressView()
    public internal(set) var focus: Focus = .tree
    /// How many log lines back from the newest the log pane shows.
    public internal(set) var logScroll = 0
    /// Whether the tree pane shows every subtree (`o`) or folds those off the search path.
    public internal(set) var treeExpanded = false
    /// A one-line message under the frame: a command's answer or an inline error.
    public internal(set) var message: (text: String, isError: Bool)?
    /// The file the scenario came from, for the title.
    public internal(set) var title: String
    /// The tour chapter on screen (nil for a scenario file): its banner and the `{` `}` keys.
    public internal(set) var chapter: TourChapter?
    /// Whether the chapter's banner is folded to its heading (`i`).
    public internal(set) var notesCollapsed = false
    /// A policy every chapter opens under instead of its own (`iovascope tour --policy`).
    public internal(set) var tourPolicy: PolicyName?
    /// Writes a file atomically (`path`, `contents`, `overwrite`); set by the terminal front
    /// end, so the state itself does no I/O. Throws a message on failure.
    public var writeFile: ((String, String, Bool) throws -> Void)?
    /// The size recordings are made at (the terminal's, set by the front end).
    public var recordingSize = (width: 120, height: 40)
    /// Whether the timeline had every policy's answers when last drawn (see `tick`).
    var timelineShownReady = true
    /// A move or jump put aside until the background replay gets where it needs
    /// (AppState+Waiting.swift): the frame stays live meanwhile, and any key cancels it.
    public internal(set) var pending: Action?

    public init(stepper: Stepper, title: String) {
        session = .single(stepper)
        self.title = title
        prepareTimeline()
    }

    /// The guided tour at chapter `number` (clamped to the chapters there are).
    public init(tourChapter number: Int, policy: PolicyName? = nil) {
        let chapter = Tour.chapters[min(max(1, number), Tour.chapters.count) - 1]
        self.init(stepper: chapter.stepper(policy: policy), title: chapter.heading)
        session = chapter.session(policy: policy)
        self.chapter = chapter
        tourPolicy = policy
    }

    /// The stepper the status bar names (the left side while comparing).
    public var stepper: Stepper { session.primary }
    /// The compare view's two sides, when comparing.
    public var pair: PairStepper? { session.pair }

    /// Steps per second while playing.
    public var speed: Int { Self.speeds[speedIndex] }

    /// Replays the scenario on a background thread so far seeks and jumps find checkpoints and
    /// answers ready (see Stepper.prepareInBackground); for interactive sessions.
    public mutating func prepareInBackground() {
        guard case .single(var s) = session else { return }
        s.prepareInBackground()
        session = .single(s)
    }

    /// The chapter's banner, as the frame draws it.
    public var narration: Narration? {
        chapter.map { Narration(heading: $0.heading, text: $0.narration, collapsed: notesCollapsed) }
    }

    // MARK: Events

    public mutating func handle(_ key: Key) -> Reaction {
        switch mode {
        case .normal:
            if key == .resize { return .redraw }
            message = nil
            pending = nil   // any key cancels a waiting move; it may ask again
            if case let .click(x, y) = key { return clickTimeline(x: x, y: y) ? .redraw : [] }
            guard let action = KeyMap.action(for: key) else { return [] }
            return perform(action)
        case .command(let text): return handleLine(key, text: text, isCommand: true)
        case .search(let text): return handleLine(key, text: text, isCommand: false)
        case .help(let filter): return handleHelp(key, filter: filter)
        }
    }

    /// One playback tick: a micro-step forward; playback stops at the end.
    public mutating func tick() -> Reaction {
        // The background replay finishing fills the timeline in: draw it without waiting for a key.
        let ready = timeline?.strips.allSatisfy { $0.summaries != nil } ?? true
        defer { timelineShownReady = ready }
        if pending != nil { return tickPending() }
        guard playing else { return ready != timelineShownReady ? .redraw : [] }
        if !session.apply(.stepForward) { playing = false }
        return .redraw
    }

    /// Runs a `:` command; errors become an inline message, never the end of the session.
    public mutating func runCommand(_ text: String) {
        take(CommandParser.parse(text, CommandParser.Context(stepper)))
    }

    /// `/PFN`: which range holds it; the address bar centres there.
    public mutating func search(_ text: String) {
        take(CommandParser.search(text, config: stepper.config))
    }

    private mutating func take(_ outcome: CommandParser.Outcome) {
        switch outcome {
        case .action(let action): _ = perform(action)
        case let .message(text, isError): message = (text, isError)
        case .nothing: break
        }
    }

    private mutating func handleLine(_ key: Key, text: String, isCommand: Bool) -> Reaction {
        switch key {
        case .escape, .ctrlC:
            mode = .normal
        case .enter:
            mode = .normal
            if isCommand { runCommand(text) } else { search(text) }
        case .backspace:
            if text.isEmpty { mode = .normal } else { setLine(String(text.dropLast()), isCommand) }
        case .char(let c):
            setLine(text + String(c), isCommand)
        default:
            return []
        }
        return .redraw
    }

    private mutating func setLine(_ text: String, _ isCommand: Bool) {
        mode = isCommand ? .command(text) : .search(text)
    }

    private mutating func handleHelp(_ key: Key, filter: String) -> Reaction {
        switch key {
        case .escape, .ctrlC,
             .char("q") where filter.isEmpty,
             .char("?") where filter.isEmpty:
            mode = .normal
        case .backspace:
            mode = .help(filter: String(filter.dropLast()))
        case .char(let c):
            mode = .help(filter: filter + String(c))
        default:
            return []
        }
        return .redraw
    }
}
