import IOVAView

/// The curses terminal is the event loop's real backend: it already has every member.
extension CursesTerminal: TerminalBackend {}
