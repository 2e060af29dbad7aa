import IOVACore
import IOVAPolicies
import IOVAScenario
import IOVAStepper

extension AppState {
    /// Does what `action` says; the one place keys and `:` commands take effect.
    @discardableResult
    public mutating func perform(_ action: Action) -> Reaction {
        switch action {
        case .move(let move):
            guard proceedsNow(action) else { return .redraw }
            session.apply(move)
            logScroll = 0
            if case .seek = move {
                message = ("operation \(stepper.operationNumber) of \(stepper.operationCount)", false)
            }
        case .togglePlay: playing.toggle()
        case .faster: speedIndex = min(Self.speeds.count - 1, speedIndex + 1)
        case .slower: speedIndex = max(0, speedIndex - 1)
        case .jump(let target):
            guard proceedsNow(action) else { return .redraw }
            jump(to: target)
        case .zoomIn: address.zoom = min(12, address.zoom + 1)
        case .zoomOut: address.zoom = max(0, address.zoom - 1)
        case .follow: address.centre = nil
        case .panLeft: pan(-1)
        case .panRight: pan(1)
        case .toggleTree: treeExpanded.toggle()
        case .nextChapter, .previousChapter:
            guard chapter != nil else { return [] }
            turnChapter(action == .nextChapter ? 1 : -1)
        case .toggleNotes:
            guard chapter != nil else { return [] }
            notesCollapsed.toggle()
        case .openCommandLine: mode = .command("")
        case .openSearch: mode = .search("")
        case .openHelp: mode = .help(filter: "")
        case .focusNext: cycleFocus(1)
        case .focusPrevious: cycleFocus(Focus.allCases.count - 1)
        case .scrollLog(let lines): logScroll = max(0, logScroll + lines)
        case .scrollLogLine(let lines):
            guard focus == .log else { return [] }
            logScroll = max(0, logScroll + lines)
        case .quit: return .quit
        case let .append(command, text):
            session.append(command)
            message = ("appended operation \(stepper.operationCount): \(text)", false)
        case .switchPolicy(let name): switchPolicy(name)
        case .compare(let name): compare(with: name)
        case .closeCompare:
            message = pair == nil ? ("not comparing", false) : ("compare view closed; \(stepper.policyName) alone", false)
            session = .single(stepper)
        case let .export(path, overwrite): export(path, overwrite: overwrite)
        case let .find(pfn, _): find(pfn)
        case .timelineStep(let columns): stepTimeline(by: columns)
        }
        return .redraw
    }

    private mutating func cycleFocus(_ by: Int) {
        let all = Focus.allCases
        focus = all[(all.firstIndex(of: focus)! + by) % all.count]
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
        session = next.session(policy: tourPolicy)
        chapter = next
        title = next.heading
        playing = false
        address = AddressView()
        treeExpanded = false
        logScroll = 0
    }

    private mutating func pan(_ direction: Int) {
        guard address.zoom > 0 else { return }
        let config = stepper.config
        let span = config.maxPFN >> UInt64(min(60, 4 * address.zoom))
        let centre = address.centre ?? stepper.frame.highlights.limit ?? config.dma32Limit
        address.centre = direction > 0 ? min(config.maxPFN, centre &+ span / 2) : (centre > span / 2 ? centre - span / 2 : 0)
    }

    /// `:policy NAME`: the same operations re-run under another policy, at the same operation.
    private mutating func switchPolicy(_ name: PolicyName) {
        let lines = [ScenarioLine(line: 0, command: .domain(stepper.config))] + stepper.operations
        var next = Stepper(lines: lines, policy: name)
        next.prepareInBackground()   // long scenarios: far seeks, jumps and the timeline
        let back = CursorMove.seek(operation: stepper.operationNumber, step: 0)
        session = session.replacingPrimary(with: next)   // at the first operation
        prepareTimeline()
        message = ("re-ran \(next.operationCount) operations under \(name)", false)
        comeBack(back)
    }

    /// `:compare POLICY`: the current policy on the left, POLICY on the right.
    private mutating func compare(with name: PolicyName) {
        guard name != stepper.policyName else {
            message = ("compare: the left side already runs \(name); pick another policy", true)
            return
        }
        startComparing(name)
        guard pending == nil else { return }   // the message says what it waits for
        message = ("comparing \(stepper.policyName) (left) with \(name) (right): "
                   + "keys move both, D next difference, :compare off", false)
    }

    /// Opens the compare view with `policy` on the right, at the current position.
    public mutating func startComparing(_ policy: PolicyName) {
        // The right side's replay starts from the first operation: rather than wait for it to
        // get here, both sides start there and come back here aside (AppState+Waiting.swift).
        let back = CursorMove.seek(operation: stepper.operationNumber, step: stepper.step)
        var left = stepper
        let far = left.replaysInBackground && left.operationNumber > 2
        if far { left.apply(.first) }
        session = .pair(PairStepper(left: left, right: policy))
        prepareTimeline()
        if far { comeBack(back) }
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
    private mutating func find(_ pfn: UInt64) {
        address.centre = pfn
        if address.zoom == 0 { address.zoom = 3 }
        if let range = stepper.frame.state.find(pfn: pfn) {
            message = ("pfn 0x\(String(pfn, radix: 16)) is in [0x\(String(range.lo, radix: 16))..0x\(String(range.hi, radix: 16))]", false)
        } else {
            message = ("pfn 0x\(String(pfn, radix: 16)) is free", false)
        }
    }
}
