@preconcurrency import CNCurses
import CTerminalSignals
import IOVAView
#if canImport(Glibc)
import Glibc
#endif

/// The terminal under ncurses: presents cell buffers and decodes keys. The only code in the
/// package that touches the terminal; one instance owns it from `open` to `close`.
public final class CursesTerminal {
    public enum ColorChoice: Sendable { case auto, always, never }

    /// Why the visualizer cannot run here.
    public enum Unavailable: Error, CustomStringConvertible {
        case notATerminal
        case unusableTerm(String)
        public var description: String {
            switch self {
            case .notATerminal: "standard input and output must be a terminal"
            case .unusableTerm(let t): "the terminal type '\(t)' cannot address the cursor"
            }
        }
    }

    public let glyphs: Glyphs
    public let theme: Theme
    private let mouse: Bool
    private var pairs: [StyleRole: (attrs: attr_t, pair: Int16)] = [:]
    private var screen: OpaquePointer?
    private var open = true

    /// Takes over the terminal (alternate screen, raw-ish input). Fails, touching nothing
    /// visible, when there is no usable terminal.
    public init(color: ColorChoice, mouse: Bool, forceASCII: Bool) throws(Unavailable) {
        guard isatty(0) == 1, isatty(1) == 1 else { throw .notATerminal }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty, term != "dumb" else { throw .unusableTerm(term.isEmpty ? "(unset)" : term) }
        setlocale(LC_ALL, "")
        let utf8 = String(cString: iova_codeset()).uppercased().replacingOccurrences("-", "") == "UTF8"
        glyphs = forceASCII || !utf8 ? .ascii : .unicode
        guard let s = newterm(nil, stdout, stdin) else { throw .unusableTerm(term) }
        screen = s
        guard let cup = tigetstr("cup"), Int(bitPattern: cup) != -1, Int(bitPattern: cup) != 0 else {
            endwin()
            delscreen(s)
            throw .unusableTerm(term)
        }
        iova_install_stop_handlers()
        iova_install_crash_handlers { endwin() }
        cbreak()
        noecho()
        nonl()
        keypad(iova_stdscr(), true)
        curs_set(0)
        set_escdelay(25)
        self.mouse = mouse
        if mouse { mousemask(iova_mouse_mask(), nil); mouseinterval(0) }
        let noColor = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
        var tier = Theme.monochrome
        if color != .never && (color == .always || !noColor) && has_colors() {
            start_color()
            use_default_colors()
            let colors = iova_colors()
            tier = colors >= 256 ? .color256 : colors >= 16 ? .color16 : colors >= 8 ? .color8 : .monochrome
        }
        theme = tier
        setUpPairs()
    }

    deinit { close() }

    /// Leaves curses mode and restores the terminal (idempotent).
    public func close() {
        guard open else { return }
        open = false
        if mouse { mousemask(0, nil) }
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
    }

    /// The terminal's size now.
    public var size: (width: Int, height: Int) { (Int(iova_cols()), Int(iova_lines())) }

    /// The signal that asked the program to stop (SIGINT, SIGTERM, SIGHUP), or 0.
    public var stopSignal: Int32 { iova_pending_stop() }

    /// Shows a frame; ncurses sends only the cells that changed.
    public func present(_ buffer: CellBuffer) {
        let (w, h) = size
        for y in 0..<min(h, buffer.height) {
            for x in 0..<min(w, buffer.width) {
                let cell = buffer[x, y]
                let style = pairs[cell.role] ?? (iova_A_NORMAL(), 0)
                _ = iova_put_cell(Int32(y), Int32(x), wchar_t(cell.glyph.value), style.attrs, style.pair)
            }
        }
        refresh()
    }

    /// The next key or event, or nil after `timeoutMilliseconds` without one.
    public func nextKey(timeoutMilliseconds: Int) -> Key? {
        timeout(Int32(timeoutMilliseconds))
        var ch: wint_t = 0
        let status = get_wch(&ch)
        if status == ERR { return nil }
        if status == KEY_CODE_YES { return functionKey(Int32(ch)) }
        switch ch {
        case 3: return .ctrlC
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .char(Character(scalar))
        }
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case KEY_MOUSE:
            var event = MEVENT()
            guard mouse, getmouse(&event) == OK else { return nil }
            if event.bstate & iova_button4() != 0 { return .wheelUp }
            if event.bstate & iova_button5() != 0 { return .wheelDown }
            if event.bstate & iova_button1() != 0 { return .click(x: Int(event.x), y: Int(event.y)) }
            return nil
        default: return nil
        }
    }

    /// One colour pair per role, from the theme's style. Curses numbers colours as the
    /// 256-colour palette does (0–7 basic, 8–15 bright); -1 is the terminal's default.
    private func setUpPairs() {
        var next: Int16 = 1
        for role in StyleRole.allCases {
            let style = theme.style(role)
            var pair: Int16 = 0
            if (style.foreground != nil || style.background != nil) && Int(next) < Int(iova_color_pairs()) {
                init_pair(next, style.foreground.map { Int16($0.paletteIndex) } ?? -1,
                          style.background.map { Int16($0.paletteIndex) } ?? -1)
                pair = next
                next += 1
            }
            var attrs = iova_A_NORMAL()
            if style.attributes.contains(.bold) { attrs |= iova_A_BOLD() }
            if style.attributes.contains(.dim) { attrs |= iova_A_DIM() }
            if style.attributes.contains(.reverse) { attrs |= iova_A_REVERSE() }
            if style.attributes.contains(.underline) { attrs |= iova_A_UNDERLINE() }
            pairs[role] = (attrs, pair)
        }
    }
}

extension String {
    func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
