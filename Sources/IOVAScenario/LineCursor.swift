#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A token's position in its line: byte offset and length.
struct Token {
    var start: Int
    var count: Int

    var end: Int { start + count }
}

/// Walks the tokens of one scenario line and builds located diagnostics (the parser names
/// their file: without a `String` the cursor is plain data, free to copy).
///
/// Tokens are compared as bytes: no `String` is made for a well-formed line. That is exact
/// only for ASCII, where a `Character` is a byte, so a line holding any other byte (rare:
/// mostly UTF-8 in comments) compares through `String` as the language was first defined,
/// canonical equivalence and grapheme clusters included.
struct LineCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let number: Int
    /// Where the next token search starts.
    private(set) var position = 0
    /// End of the meaningful text: before a `#` comment and a trailing `\r`.
    private let end: Int
    /// Every byte is ASCII and none is NUL: the encoding is fine and bytes compare as text.
    let isPlainASCII: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, number: Int) {
        self.bytes = bytes
        self.number = number
        var end = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
        if end == bytes.count, end > 0, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        self.end = end
        // Plain means every byte in 1...0x7F, i.e. `b - 1` (wrapping) below 0x7F. A branch-free
        // maximum over the line, which the compiler vectorises.
        var highest: UInt8 = 0
        for b in bytes { highest = max(highest, b &- 1) }
        isPlainASCII = highest < 0x7F
    }

    /// Space, tab or `\r`: one comparison for the bytes of a token (all above 0x20).
    private static func isSpace(_ b: UInt8) -> Bool {
        b <= 0x20 && (UInt64(1) << b) & (1 << 0x20 | 1 << 0x09 | 1 << 0x0D) != 0
    }

    /// Rejects NUL bytes and invalid UTF-8 anywhere in the line, comments included.
    func checkEncoding() throws(Diagnostic) {
        if isPlainASCII { return }
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

    /// The next token, without moving past it.
    func peekToken() -> Token? { token(from: position) }

    /// Moves past `t`, a token `peekToken` returned.
    mutating func advance(past t: Token) { position = t.end }

    mutating func nextToken() -> Token? {
        guard let t = token(from: position) else {
            position = end
            return nil
        }
        position = t.end
        return t
    }

    private func token(from position: Int) -> Token? {
        var i = position
        while i < end && Self.isSpace(bytes[i]) { i += 1 }
        guard i < end else { return nil }
        let start = i
        while i < end && !Self.isSpace(bytes[i]) { i += 1 }
        return Token(start: start, count: i - start)
    }

    func text(_ t: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[t.start ..< t.end]), as: UTF8.self)
    }

    /// Whether token `t` reads `word` (an ASCII keyword), as `text(t) == word` would say.
    func token(_ t: Token, is word: StaticString) -> Bool {
        guard isPlainASCII else { return text(t) == word.description }
        return word.withUTF8Buffer { w in w.count == t.count && matches(w, at: t.start) }
    }

    /// Whether token `t` starts with `prefix` (ASCII), as `text(t).hasPrefix(prefix)` would say.
    func token(_ t: Token, hasPrefix prefix: StaticString) -> Bool {
        guard isPlainASCII else { return text(t).hasPrefix(prefix.description) }
        return prefix.withUTF8Buffer { p in p.count <= t.count && matches(p, at: t.start) }
    }

    /// Whether the line holds `word` at `offset`; the caller keeps `offset + word.count` within
    /// the line.
    private func matches(_ word: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard let w = word.baseAddress, let line = bytes.baseAddress else { return word.isEmpty }
        return memcmp(line + offset, w, word.count) == 0
    }

    /// Splits `key=value` at the first `=`: the key and the value token (nil without `=`).
    func split(_ t: Token) -> (key: Token, value: Token?) {
        guard let eq = bytes[t.start ..< t.end].firstIndex(of: UInt8(ascii: "=")) else { return (t, nil) }
        return (Token(start: t.start, count: eq - t.start), Token(start: eq + 1, count: t.end - eq - 1))
    }

    /// The number in token `t`.
    func value(_ t: Token) throws(Diagnostic) -> UInt64 {
        guard t.count > 0 else { throw error(at: t, "expected a number") }
        do {
            return try NumberSyntax.parse(UnsafeBufferPointer(rebasing: bytes[t.start ..< t.end]))
        } catch .tooLarge {
            throw error(at: t, "number '\(text(t))' does not fit in 64 bits")
        } catch {
            throw self.error(at: t, "'\(text(t))' is not a number (decimal, or hex with 0x; '_' allowed between digits)")
        }
    }

    /// The next token as a number named `what` (for the message when it is missing).
    mutating func number(after previous: Token, what: String) throws(Diagnostic) -> (value: UInt64, token: Token) {
        guard let t = nextToken() else {
            throw errorAtEnd(after: previous.end, "expected \(what)")
        }
        return (try value(t), t)
    }

    func error(at t: Token, _ message: String) -> Diagnostic {
        Diagnostic(file: "", line: number, column: t.start + 1, length: t.count, message: message, sourceLine: Array(bytes))
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
