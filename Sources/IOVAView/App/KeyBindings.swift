/// Every key of the visualizer, as the help overlay lists it (DESIGN §5, visualizer-anchors §2.1).
public enum KeyBindings {
    public static let all: [(keys: String, action: String)] = [
        ("→  l", "next micro-step"),
        ("←  h", "previous micro-step"),
        ("]", "next operation"),
        ("[", "previous operation"),
        ("g  Home", "first step of the scenario"),
        ("G  End", "last step of the scenario"),
        ("Space", "play / pause"),
        ("+  -", "faster / slower playback"),
        ("z  Z", "zoom the address bar in / out (x16 per level)"),
        ("f", "address bar follows the search again"),
        ("<  >", "pan the zoomed address bar"),
        ("o", "unfold every subtree of the tree / fold back to the search path"),
        ("}  {", "tour: next / previous chapter"),
        ("i", "tour: fold / unfold the chapter's notes"),
        (":", "command line: alloc SIZE [limit=L] [aligned], free PFN, reserve LO HI, find PFN, policy NAME, goto N [K], export FILE.cast (export! to overwrite)"),
        ("/", "find a pfn: shows the range holding it and centres the address bar there"),
        ("Tab", "move focus between panes (the log: ↑/↓ scroll it)"),
        ("PgUp  PgDn", "scroll the log back / forward"),
        ("?", "this help; type to filter"),
        ("q  Esc", "close the overlay or command line, else quit"),
        ("Ctrl-C", "quit"),
    ]
}
