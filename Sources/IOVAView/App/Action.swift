import IOVACore
import IOVAScenario
import IOVAStepper

/// Everything the visualizer can be asked to do. Keys (`KeyMap`) and `:` commands
/// (`CommandParser`) both turn into actions; `AppState.perform` is the one place that does them.
public enum Action: Equatable, Sendable {
    // Moving through the scenario.
    case move(CursorMove)
    case togglePlay, faster, slower
    case jump(JumpTarget)
    // The address bar and the tree.
    case zoomIn, zoomOut, follow, panLeft, panRight
    case toggleTree
    // The tour.
    case nextChapter, previousChapter, toggleNotes
    // Overlays, focus, the log.
    case openCommandLine, openSearch, openHelp
    case focusNext, focusPrevious
    case scrollLog(Int)
    case scrollLogLine(Int)
    case quit
    // The visits timeline: the slowest operation one column left (-1) or right (+1).
    case timelineStep(Int)
    // Only from the command line.
    case append(Command, text: String)
    case switchPolicy(PolicyName)
    case compare(PolicyName)
    case closeCompare
    case export(path: String, overwrite: Bool)
    case find(UInt64, text: String)

    /// The action without its arguments: what the help and the reachability test enumerate.
    public enum Kind: CaseIterable, Sendable {
        case stepForward, stepBack, nextOperation, previousOperation, first, last, seek
        case togglePlay, faster, slower
        case jumpMax, jumpFail, jumpDiff
        case zoomIn, zoomOut, follow, panLeft, panRight, toggleTree
        case nextChapter, previousChapter, toggleNotes
        case openCommandLine, openSearch, openHelp, focusNext, focusPrevious
        case scrollLog, scrollLogLine, quit
        case append, switchPolicy, compare, closeCompare, export, find
        case timelineStep
    }

    public var kind: Kind {
        switch self {
        case .move(let m):
            switch m {
            case .stepForward: .stepForward
            case .stepBack: .stepBack
            case .nextOperation: .nextOperation
            case .previousOperation: .previousOperation
            case .first: .first
            case .last: .last
            case .seek: .seek
            }
        case .togglePlay: .togglePlay
        case .faster: .faster
        case .slower: .slower
        case .jump(.max): .jumpMax
        case .jump(.fail): .jumpFail
        case .jump(.diff): .jumpDiff
        case .zoomIn: .zoomIn
        case .zoomOut: .zoomOut
        case .follow: .follow
        case .panLeft: .panLeft
        case .panRight: .panRight
        case .toggleTree: .toggleTree
        case .nextChapter: .nextChapter
        case .previousChapter: .previousChapter
        case .toggleNotes: .toggleNotes
        case .openCommandLine: .openCommandLine
        case .openSearch: .openSearch
        case .openHelp: .openHelp
        case .focusNext: .focusNext
        case .focusPrevious: .focusPrevious
        case .scrollLog: .scrollLog
        case .scrollLogLine: .scrollLogLine
        case .quit: .quit
        case .append: .append
        case .switchPolicy: .switchPolicy
        case .compare: .compare
        case .closeCompare: .closeCompare
        case .export: .export
        case .find: .find
        case .timelineStep: .timelineStep
        }
    }
}
