/// A problem in a scenario file, located precisely.
public struct Diagnostic: Error, Hashable, Sendable {
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in bytes (scenario tokens are ASCII).
    public var column: Int
    /// How many columns the caret underline spans (at least 1).
    public var length: Int
    public var message: String
    /// The offending line as raw bytes, without its line ending.
    public var sourceLine: [UInt8]

    public init(file: String, line: Int, column: Int, length: Int = 1, message: String, sourceLine: [UInt8]) {
        self.file = file
        self.line = line
        self.column = column
        self.length = max(1, length)
        self.message = message
        self.sourceLine = sourceLine
    }

    /// At most this many bytes of the source line are shown, around the column; messages are
    /// cut at `messageLimit` characters. A hostile 3 MB line must not become 9 MB of errors.
    static let excerptLimit = 120
    static let messageLimit = 200

    /// `FILE:LINE:COL: error: MESSAGE`, then the source line (an excerpt around the column
    /// when long, `…` marking the cuts) and a caret line under the offending text. Tabs are
    /// kept so the caret lines up; control characters and invalid UTF-8 are shown as `?` so a
    /// hostile file cannot drive the terminal.
    public var rendered: String {
        let prefix = column - 1
        let from = sourceLine.count <= Self.excerptLimit ? 0 : max(0, min(prefix - Self.excerptLimit / 3, sourceLine.count - Self.excerptLimit))
        let to = min(sourceLine.count, from + Self.excerptLimit)
        let shown = Array(sourceLine[from..<to])
        var caret: [UInt8] = from > 0 ? [UInt8(ascii: " ")] : []       // under the leading "…"
        for (i, b) in sourceLine.enumerated() where i >= from {
            guard i < prefix else { break }
            if b == UInt8(ascii: "\t") { caret.append(b) }
            else if b & 0xC0 != 0x80 { caret.append(UInt8(ascii: " ")) }   // one per character
        }
        if prefix > sourceLine.count {
            caret.append(contentsOf: repeatElement(UInt8(ascii: " "), count: prefix - sourceLine.count))
        }
        let width = min(length, max(1, to - prefix))
        let underline = String(decoding: caret, as: UTF8.self) + "^" + String(repeating: "~", count: width - 1)
        let excerpt = (from > 0 ? "…" : "") + Self.printable(shown) + (to < sourceLine.count ? "…" : "")
        var text = Self.printable(message)
        if text.count > Self.messageLimit { text = String(text.prefix(Self.messageLimit - 1)) + "…" }
        return "\(Self.printable(file)):\(line):\(column): error: \(text)\n\(excerpt)\n\(underline)"
    }

    /// Text safe to print: control characters (tab aside) and invalid UTF-8 become `?`.
    static func printable(_ text: String) -> String { printable(Array(text.utf8)) }

    static func printable(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.map { scalar -> String in
            let v = scalar.value
            let control = (v < 0x20 && v != 0x09) || (0x7f...0x9f).contains(v) || v == 0xFFFD
            return control ? "?" : String(scalar)
        }.joined()
    }
}

/// Why a scenario could not be used.
public enum ScenarioError: Error, Sendable {
    /// The file could not be opened or read (exit status 66).
    case unreadable(path: String, reason: String)
    /// The file is malformed (exit status 65): the problems found, in order; `truncated` when
    /// there were more than the parser reports.
    case invalid([Diagnostic], truncated: Bool)
}
