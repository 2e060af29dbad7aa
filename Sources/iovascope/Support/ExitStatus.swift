import ArgumentParser

/// Exit statuses (sysexits.h names), docs/command-line.md.
enum ExitStatus {
    static let usage = ExitCode(64)        // EX_USAGE
    static let dataError = ExitCode(65)    // EX_DATAERR: malformed scenario
    static let noInput = ExitCode(66)      // EX_NOINPUT: unreadable file
    static let software = ExitCode(70)     // EX_SOFTWARE: an invariant broke
    static let ioError = ExitCode(74)      // EX_IOERR: output failed
}
