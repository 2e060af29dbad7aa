import IOVACore
import IOVAPolicies
import IOVAScenario
import IOVAStepper

/// The interactive visualizer as a value: keys in, new state and a reaction out, frames drawn
/// on demand. The terminal backend is a thin loop around it, so every key can be tested
/// without a terminal.
public struct AppState {
    public enum Mode: Equatable, Sendable {
        case normal
        case command(String)
        case search(String)
        case help(filter: String)
    }

    public enum Focus: CaseIterable, Sendable { case tree, address, code, log }

    public internal(set) var stepper: Stepper
    /// The compare view's two sides (`:compare POLICY`); its left side is `stepper`.
    public internal(set) var pair: PairStepper?
    public private(set) var mode: Mode = .normal
    public internal(set) var playing = false
    public static let speeds = [1, 2, 5, 10, 20, 50, 100]
    public private(set) var speedIndex = 2
    public private(set) var address = AddressView()
    public private(set) var focus: Focus = .tree
    /// How many log lines back from the newest the log pane shows.
    public internal(set) var logScroll = 0
    /// Whether the tree pane shows every subtree (`o`) or folds those off the search path.
    public private(set) var treeExpanded = false
    /// A one-line message under the frame: a command's answer or an inline error.
    public internal(set) var message: (text: String, isError: Bool)?
    /// The file the scenario came from, for the title.
    public private(set) var title: String
    /// The tour chapter on screen (nil for a scenario file): its banner and the `{` `}` keys.
    public private(set) var chapter: TourChapter?
    /// Whether the chapter's banner is folded to its heading (`i`).
    public private(set) var notesCollapsed = false
    /// A policy every chapter opens under instead of its own (`iovascope tour --policy`).
    public private(set) var tourPolicy: PolicyName?
    /// Writes a file atomically (`path`, `contents`, `overwrite`); set by the terminal front
    /// end, so the state itself does no I/O. Throws a message on failure.
    public var writeFile: ((String, String, Bool) throws -> Void)?
    /// The size recordings are made at (the terminal's, set by the front end).
    public var recordingSize = (width: 120, height: 40)

    /// Replays the scenario on a background thread so far seeks and jumps find checkpoints and
    /// answers ready (see Stepper.prepareInBackground); for interactive sessions.
    public mutating func prepareInBackground() { stepper.prepareInBackground() }

    public init(stepper: Stepper, title: String) {
        self.stepper = stepper
        self.title = title
    }

    /// The guided tour at chapter `number` (clamped to the chapters there are).
    public init(tourChapter number: Int, policy: PolicyName? = nil) {
        let chapter = Tour.chapters[min(max(1, number), Tour.chapters.count) - 1]
        self.init(stepper: chapter.stepper(policy: policy), title: chapter.heading)
        self.chapter = chapter
        tourPolicy = policy
    }

    /// Steps per second while playing.
    public var speed: Int { Self.speeds[speedIndex] }

    // MARK: Events

    public mutating func handle(_ key: Key) -> Reaction {
        switch mode {
        case .normal: return handleNormal(key)
        case .command(let text): return handleLine(key, text: text, isCommand: true)
        case .search(let text): return handleLine(key, text: text, isCommand: false)
        case .help(let filter): return handleHelp(key, filter: filter)
        }
    }

    /// One playback tick: a micro-step forward; playback stops at the end.
    public mutating func tick() -> Reaction {
        guard playing else { return [] }
        if pair != nil { return compareTick() }
        let here = (stepper.operationNumber, stepper.step)
        stepper.stepForward()
        if (stepper.operationNumber, stepper.step) == here { playing = false }
        return .redraw
    }

    private mutating func handleNormal(_ key: Key) -> Reaction {
        message = nil
        if let reaction = handleJumpOrCompareKey(key) { return reaction }
        if case .char(let c) = key, "hl[]gG{}".contains(c) { logScroll = 0 }
        switch key {
        case .pageUp: logScroll += 5
        case .pageDown: logScroll = max(0, logScroll - 5)
        case .up where focus == .log: logScroll += 1
        case .down where focus == .log: logScroll = max(0, logScroll - 1)
        case .wheelUp: stepper.stepBack()
        case .wheelDown: stepper.stepForward()
        case .char("q"), .escape, .ctrlC: return .quit
        case .right, .char("l"): stepper.stepForward(); logScroll = 0
        case .left, .char("h"): stepper.stepBack(); logScroll = 0
        case .char("]"): stepper.nextOperation()
        case .char("["): stepper.previousOperation()
        case .char("g"), .home: stepper.first()
        case .char("G"), .end: stepper.last()
        case .char(" "): playing.toggle()
        case .char("+"), .char("="): speedIndex = min(Self.speeds.count - 1, speedIndex + 1)
        case .char("-"): speedIndex = max(0, speedIndex - 1)
        case .char("z"): address.zoom = min(12, address.zoom + 1)
        case .char("Z"): address.zoom = max(0, address.zoom - 1)
        case .char("f"): address.centre = nil
        case .char("o"): treeExpanded.toggle()
        case .char("}"), .char("{"):
            guard chapter != nil else { return [] }
            turnChapter(key == .char("}") ? 1 : -1)
        case .char("i"):
            guard chapter != nil else { return [] }
            notesCollapsed.toggle()
        case .char("<"), .char(">"): pan(key == .char(">") ? 1 : -1)
        case .char(":"): mode = .command("")
        case .char("/"): mode = .search("")
        case .char("?"): mode = .help(filter: "")
        case .tab: focus = Focus.allCases[(Focus.allCases.firstIndex(of: focus)! + 1) % Focus.allCases.count]
        case .backTab: focus = Focus.allCases[(Focus.allCases.firstIndex(of: focus)! + Focus.allCases.count - 1) % Focus.allCases.count]
        case .resize: break
        default: return []
        }
        return .redraw
    }

    /// Opens the next (`+1`) or previous (`-1`) chapter at its opening step, with the views
    /// reset; at either end of the tour it says so and stays.
    private mutating func turnChapter(_ direction: Int) {
        guard let current = chapter else { return }
        let number = current.number + direction
        guard Tour.chapters.indices.contains(number - 1) else {
            message = (direction > 0 ? "this is the last chapter ({ goes back)" : "this is the first chapter (} goes on)", false)
            return
        }
        let next = Tour.chapters[number - 1]
        stepper = next.stepper(policy: tourPolicy)
        chapter = next
        title = next.heading
        playing = false
        address = AddressView()
        treeExpanded = false
        logScroll = 0
    }

    /// The chapter's banner, as the frame draws it.
    public var narration: Narration? {
        chapter.map { Narration(heading: $0.heading, text: $0.narration, collapsed: notesCollapsed) }
    }

    private mutating func pan(_ direction: Int) {
        guard address.zoom > 0 else { return }
        let config = stepper.config
        let span = config.maxPFN >> UInt64(min(60, 4 * address.zoom))
        let centre = address.centre ?? stepper.frame.highlights.limit ?? config.dma32Limit
        address.centre = direction > 0 ? min(config.maxPFN, centre &+ span / 2) : (centre > span / 2 ? centre - span / 2 : 0)
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

    // MARK: Commands

    /// Runs a `:` command; errors become an inline message, never the end of the session.
    public mutating func runCommand(_ text: String) {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let verb = words.first else { return }
        switch verb {
        case "q", "quit":
            message = ("type q outside the command line to quit", false)
        case "export", "export!":
            export(words.dropFirst().joined(separator: " "), overwrite: verb == "export!")
        case "policy":
            guard words.count == 2, let name = Policies.named(String(words[1]))?.name else {
                message = ("usage: policy \(Policies.choices)", true)
                return
            }
            switchPolicy(name)
        case "compare":
            compare(words.dropFirst().map(String.init))
        case "goto":
            if words.count == 2, let target = JumpTarget(rawValue: String(words[1])) {
                jump(to: target)
                return
            }
            guard words.count >= 2, let n = Int(words[1]), n >= 1 else {
                message = ("usage: goto OPERATION [STEP] | max | fail | diff", true)
                return
            }
            let k = words.count >= 3 ? Int(words[2]) ?? 0 : 0
            seekBoth(operation: n, step: k)
            message = ("operation \(stepper.operationNumber) of \(stepper.operationCount)", false)
        case "alloc", "free", "reserve", "find":
            // `free @LINE` may name any alloc line of the session; the new line comes after them all.
            let allocs = LineSet(stepper.operations.compactMap { line -> Int? in
                switch line.command {
                case .alloc, .allocFallback: line.line
                default: nil
                }
            })
            var parser = ScenarioParser(file: "command", config: stepper.config, allocLines: allocs)
            let bytes = Array(text.utf8)
            let number = (stepper.operations.last?.line ?? 0) + 1
            do {
                let command = try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) -> Command? in
                    try parser.parse(line: buffer, number: number)
                }
                guard let command else { return }
                appendBoth(command)
                message = ("appended operation \(stepper.operationCount): \(text)", false)
            } catch {
                message = ("\(text): \(error.message) (column \(error.column))", true)
            }
        default:
            message = ("unknown command '\(verb)': alloc, free, reserve, find, policy, compare, goto, quit", true)
        }
    }

    private mutating func switchPolicy(_ name: PolicyName) {
        let lines = [ScenarioLine(line: 0, command: .domain(stepper.config))] + stepper.operations
        var next = Stepper(lines: lines, policy: name)
        next.seek(operation: stepper.operationNumber, step: 0)
        stepper = next
        reopenComparison()
        message = ("re-ran \(stepper.operationCount) operations under \(name.rawValue)", false)
    }

    /// `:export FILE.cast`: an asciicast v2 recording from the current step to the end (at most
    /// 5,000 steps), written atomically; `:export! FILE.cast` overwrites an existing file.
    /// `:export FILE.dot`: the tree at the current step as a Graphviz picture.
    public mutating func export(_ path: String, overwrite: Bool) {
        guard !path.isEmpty, path.hasSuffix(".cast") || path.hasSuffix(".dot") else {
            message = ("usage: export FILE.cast or FILE.dot (export! to overwrite)", true)
            return
        }
        guard let writeFile else {
            message = ("export is not available here", true)
            return
        }
        if path.hasSuffix(".dot") {
            // The tree as it stands at this step, for Graphviz.
            do {
                try writeFile(path, DotGraph.render(stepper.frame), overwrite)
                message = ("exported the tree at op \(stepper.operationNumber) step \(stepper.step) to \(path)", false)
            } catch {
                message = ("export: \(error)", true)
            }
            return
        }
        let recording = Asciicast.record(from: stepper, width: recordingSize.width, height: recordingSize.height,
                                         glyphs: .unicode, theme: .color16, narration: narration)
        do {
            try writeFile(path, recording.text, overwrite)
            message = ("exported \(recording.steps) steps to \(path)", false)
        } catch {
            message = ("export: \(error)", true)
        }
    }

    /// `/PFN`: which range holds it; the address bar centres there.
    public mutating func search(_ text: String) {
        let trimmed = text.trimmingSpaces()
        var parser = ScenarioParser(file: "search", config: stepper.config)
        let line = Array("find \(trimmed)".utf8)
        guard let parsed = try? line.withUnsafeBufferPointer({ (b) throws(Diagnostic) -> Command? in try parser.parse(line: b, number: 1) }),
              case .find(let pfn) = parsed else {
            message = ("not a pfn: '\(trimmed)' (decimal or 0x hex)", true)
            return
        }
        address.centre = pfn
        if address.zoom == 0 { address.zoom = 3 }
        if let range = stepper.frame.state.find(pfn: pfn) {
            message = ("pfn 0x\(String(pfn, radix: 16)) is in [0x\(String(range.lo, radix: 16))..0x\(String(range.hi, radix: 16))]", false)
        } else {
            message = ("pfn 0x\(String(pfn, radix: 16)) is free", false)
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
