import Testing
import IOVAView
import TestSupport

/// Snapshot files: `Snapshots/NAME.txt` holds the frame's text, a `--- roles` line, and one
/// line of role codes per row (`StyleRole.code`). To re-record after an intended change run
/// `RECORD_SNAPSHOTS=1 swift test --filter IOVAViewTests`: the files are rewritten, those tests
/// fail once so the run cannot pass by accident, and `git diff` shows what changed.
enum Snapshot {
    static let directory: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast()
        return parts.joined(separator: "/") + "/Snapshots"
    }()

    static var recording: Bool { FileIO.environment("RECORD_SNAPSHOTS") }

    static func text(of buffer: CellBuffer) -> String {
        // Keep right-padding visible: every row is exactly `width` cells.
        let rows = (0..<buffer.height).map { y in
            String(String.UnicodeScalarView((0..<buffer.width).map { buffer[$0, y].glyph }))
        }
        return rows.joined(separator: "\n") + "\n--- roles\n" + buffer.roleLines.joined(separator: "\n") + "\n"
    }

    static func assertMatches(_ buffer: CellBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = directory + "/" + name + ".txt"
        let actual = text(of: buffer)
        if recording {
            write(actual, to: path)
            Issue.record("recorded snapshot \(name); run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
            return
        }
        guard let expected = read(path) else {
            Issue.record("no snapshot \(path); record it with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let i = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
            Issue.record("snapshot \(name) differs at line \(i + 1):\n exp: \(i < e.count ? e[i] : "<end>")\n got: \(i < a.count ? a[i] : "<end>")",
                         sourceLocation: sourceLocation)
        }
    }

    static func read(_ path: String) -> String? { FileIO.read(path) }
    static func write(_ text: String, to path: String) { FileIO.write(text, to: path) }
}
