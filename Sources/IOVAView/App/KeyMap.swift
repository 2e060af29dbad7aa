/// The one table of keys: which key does what, the help overlay's rows and the hint bar's
/// entries are all read from here, so a key cannot exist without its help line
/// (docs/screen.md § Keys).
public enum KeyMap {
    /// Where a hint shows: in a scenario file's hint bar, in the tour's, or both.
    public struct Hint: Sendable {
        /// The key as the hint bar writes it (`←/→`) and what it does (`step`).
        public let key: String
        public let label: String
        /// Position in the file's hint bar and in the tour's (nil: not shown there).
        public let fileOrder: Int?
        public let tourOrder: Int?
    }

    /// One row of the help overlay: the keys as written there, what they do, and the key
    /// bindings behind it (a row may bind a pair, like `+  -`).
    public struct Row: Sendable {
        public let label: String
        public let help: String
        public let bindings: [(keys: [Key], action: Action)]
        public let hint: Hint?

        init(_ label: String, _ help: String, _ bindings: [(keys: [Key], action: Action)], hint: Hint? = nil) {
            self.label = label
            self.help = help
            self.bindings = bindings
            self.hint = hint
        }
    }

    public static let rows: [Row] = [
        Row("→  l", "next micro-step", [([.right, .char("l"), .wheelDown], .move(.stepForward))],
            hint: Hint(key: "←/→", label: "step", fileOrder: 1, tourOrder: 2)),
        Row("←  h", "previous micro-step", [([.left, .char("h"), .wheelUp], .move(.stepBack))]),
        Row("]", "next operation", [([.char("]")], .move(.nextOperation))],
            hint: Hint(key: "[/]", label: "operation", fileOrder: 2, tourOrder: 3)),
        Row("[", "previous operation", [([.char("[")], .move(.previousOperation))]),
        Row("g  Home", "first step of the scenario", [([.char("g"), .home], .move(.first))],
            hint: Hint(key: "g/G", label: "first/last", fileOrder: 3, tourOrder: nil)),
        Row("G  End", "last step of the scenario", [([.char("G"), .end], .move(.last))]),
        Row("Space", "play / pause", [([.char(" ")], .togglePlay)],
            hint: Hint(key: "space", label: "play", fileOrder: 4, tourOrder: 5)),
        Row("+  -", "faster / slower playback", [([.char("+"), .char("=")], .faster), ([.char("-")], .slower)]),
        Row("z  Z", "zoom the address bar in / out (x16 per level)", [([.char("z")], .zoomIn), ([.char("Z")], .zoomOut)]),
        Row("f", "address bar follows the search again", [([.char("f")], .follow)]),
        Row("<  >", "pan the zoomed address bar", [([.char("<")], .panLeft), ([.char(">")], .panRight)]),
        Row("o", "unfold every subtree of the tree / fold back to the search path", [([.char("o")], .toggleTree)]),
        Row("}  {", "tour: next / previous chapter", [([.char("}")], .nextChapter), ([.char("{")], .previousChapter)],
            hint: Hint(key: "{/}", label: "chapter", fileOrder: nil, tourOrder: 1)),
        Row("i", "tour: fold / unfold the chapter's notes", [([.char("i")], .toggleNotes)],
            hint: Hint(key: "i", label: "notes", fileOrder: nil, tourOrder: 4)),
        Row(":", "command line: " + CommandParser.commands.map { String($0.syntax.prefix { $0 != " " }) }.joined(separator: ", ") + " (below)",
            [([.char(":")], .openCommandLine)],
            hint: Hint(key: ":", label: "command", fileOrder: 5, tourOrder: 6)),
        Row("M", "jump to the allocation with the most visits (:goto max)", [([.char("M")], .jump(.max))]),
        Row("F", "jump to the next failed allocation (:goto fail)", [([.char("F")], .jump(.fail))]),
        Row("D", "compare view: next operation the two policies answer differently (:goto diff)", [([.char("D")], .jump(.diff))]),
        Row("(  )", "visits timeline: jump to the slowest operation one column left / right (a click on a column: its slowest)",
            [([.char("(")], .timelineStep(-1)), ([.char(")")], .timelineStep(1))]),
        Row("/", "find a pfn: shows the range holding it and centres the address bar there", [([.char("/")], .openSearch)],
            hint: Hint(key: "/", label: "find", fileOrder: 6, tourOrder: nil)),
        Row("Tab  S-Tab", "move focus between panes (the log: ↑/↓ scroll it)", [([.tab], .focusNext), ([.backTab], .focusPrevious)]),
        Row("↑  ↓", "scroll the log a line back / forward (when the log has focus)",
            [([.up], .scrollLogLine(1)), ([.down], .scrollLogLine(-1))]),
        Row("PgUp  PgDn", "scroll the log back / forward", [([.pageUp], .scrollLog(5)), ([.pageDown], .scrollLog(-5))]),
        Row("?", "this help; type to filter", [([.char("?")], .openHelp)],
            hint: Hint(key: "?", label: "help", fileOrder: 7, tourOrder: 7)),
        Row("q  Esc", "close the overlay or command line, else quit", [([.char("q"), .escape], .quit)],
            hint: Hint(key: "q", label: "quit", fileOrder: 8, tourOrder: 8)),
        Row("Ctrl-C", "quit", [([.ctrlC], .quit)]),
    ]

    /// The action a key asks for in normal mode, or nil.
    public static func action(for key: Key) -> Action? { table[key] }

    private static let table: [Key: Action] = {
        var t: [Key: Action] = [:]
        for row in rows {
            for binding in row.bindings {
                for key in binding.keys {
                    precondition(t[key] == nil, "key \(key) is bound twice in KeyMap.rows")
                    t[key] = binding.action
                }
            }
        }
        return t
    }()

    /// The help overlay's lines: every key row, then every `:` command.
    public static var helpRows: [(keys: String, action: String)] {
        rows.map { ($0.label, $0.help) } + CommandParser.commands.map { (":" + $0.syntax, $0.help) }
    }

    /// The hint bar's entries for a scenario file (`tour: false`) or the tour.
    public static func hints(tour: Bool) -> [(key: String, action: String)] {
        rows.compactMap { row -> (Int, String, String)? in
            guard let h = row.hint, let order = tour ? h.tourOrder : h.fileOrder else { return nil }
            return (order, h.key, h.label)
        }
        .sorted { $0.0 < $1.0 }
        .map { ($0.1, $0.2) }
    }
}
