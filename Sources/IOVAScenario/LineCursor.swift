/// A token's position in its line: byte offset and length.
struct Token {
    var start: Int
    var count: Int
}

/// Walks the tokens of one scenario line and builds located diagnostics.
struct LineCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let number: Int
    /// Where the next token search starts.
    private(set) var position = 0
    /// End of the meaningful text: before a `#` comment and a trailing `\r`.
    private let end: Int

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, number: Int) {
        self.bytes = bytes
        self.file = file
        self.number = number
        var end = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
        if end == bytes.count, end > 0, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        self.end = end
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r")
    }

    /// Rejects NUL bytes and invalid UTF-8 anywhere in the line, comments included.
    func checkEncoding() throws(Diagnostic) {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0 { throw error(at: Token(start: i, count: 1), "NUL byte in the scenario") }
            if b < 0x80 { i += 1; continue }
            guard let width = UTF8Check.sequenceLength(bytes, at: i) else {
                throw error(at: Token(start: i, count: 1), "invalid UTF-8 (byte 0x\(String(b, radix: 16)))")
            }
            i += width
        }
    }

    func peekToken() -> Token? {
        var copy = self
        return copy.nextToken()
    }

    mutating func nextToken() -> Token? {
        var i = position
        while i < end && Self.isSpace(bytes[i]) { i += 1 }
        guard i < end else {
            position = end
            return nil
        }
        let start = i
        while i < end && !Self.isSpace(bytes[i]) { i += 1 }
        position = i
        return Token(start: start, count: i - start)
    }

    func text(_ t: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[t.start ..< t.start + t.count]), as: UTF8.self)
    }

    /// Splits `key=value`: the key text and the value token (nil without `=`).
    func split(_ t: Token) -> (key: String, value: Token?) {
        let slice = bytes[t.start ..< t.start + t.count]
        guard let eq = slice.firstIndex(of: UInt8(ascii: "=")) else { return (text(t), nil) }
        let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[t.start ..< eq]), as: UTF8.self)
        return (key, Token(start: eq + 1, count: t.start + t.count - eq - 1))
    }

    /// The number in token `t`.
    func value(_ t: Token) throws(Diagnostic) -> UInt64 {
        guard t.count > 0 else { throw error(at: t, "expected a number") }
        do {
            return try NumberSyntax.parse(UnsafeBufferPointer(rebasing: bytes[t.start ..< t.start + t.count]))
        } catch .tooLarge {
            throw error(at: t, "number '\(text(t))' does not fit in 64 bits")
        } catch {
            throw self.error(at: t, "'\(text(t))' is not a number (decimal, or hex with 0x; '_' allowed between digits)")
        }
    }

    /// The next token as a number named `what` (for the message when it is missing).
    mutating func number(after previous: Token, what: String) throws(Diagnostic) -> (value: UInt64, token: Token) {
        guard let t = nextToken() else {
            throw errorAtEnd(after: previous.start + previous.count, "expected \(what)")
        }
        return (try value(t), t)
    }

    func error(at t: Token, _ message: String) -> Diagnostic {
        Diagnostic(file: file, line: number, column: t.start + 1, length: t.count, message: message, sourceLine: Array(bytes))
    }

    /// A diagnostic pointing just past the last token (for a missing operand).
    func errorAtEnd(after offset: Int, _ message: String) -> Diagnostic {
        error(at: Token(start: offset + 1 > end ? offset : offset + 1, count: 1), message)
    }
}

/// Minimal UTF-8 well-formedness check (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
enum UTF8Check {
    static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let lead = b[i]
        let width: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: width = 2
        case 0xE0: width = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: width = 3
        case 0xED: width = 3; upper = 0x9F
        case 0xF0: width = 4; lower = 0x90
        case 0xF1...0xF3: width = 4
        case 0xF4: width = 4; upper = 0x8F
        default: return nil
        }
        guard i + width <= b.count else { return nil }
        for k in 1..<width {
            let c = b[i + k]
            let (lo, hi) = k == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
            guard c >= lo && c <= hi else { return nil }
        }
        return width
    }
}
