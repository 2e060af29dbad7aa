/// Numbers in scenario files: decimal or `0x` hex, `_` allowed between digits.
enum NumberSyntax {
    enum Failure: Error {
        case malformed
        case tooLarge
    }

    /// Parses an unsigned 64-bit number from ASCII bytes.
    static func parse(_ text: UnsafeBufferPointer<UInt8>) throws(Failure) -> UInt64 {
        var i = 0
        var radix: UInt64 = 10
        if text.count > 2 && text[0] == UInt8(ascii: "0") && (text[1] == UInt8(ascii: "x") || text[1] == UInt8(ascii: "X")) {
            radix = 16
            i = 2
        }
        guard i < text.count else { throw .malformed }
        var value: UInt64 = 0
        var previousWasDigit = false
        while i < text.count {
            let c = text[i]
            i += 1
            if c == UInt8(ascii: "_") {
                // Only between two digits.
                guard previousWasDigit, i < text.count, digit(text[i], radix: radix) != nil else { throw .malformed }
                previousWasDigit = false
                continue
            }
            guard let d = digit(c, radix: radix) else { throw .malformed }
            let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
            let (sum, o2) = shifted.addingReportingOverflow(d)
            if o1 || o2 { throw .tooLarge }
            value = sum
            previousWasDigit = true
        }
        return value
    }

    /// What `Int(text)` gives for ASCII `text`: an optional `+` or `-`, then decimal digits
    /// whose value fits in `Int`. (The byte path for `@LINE` and `dmaN`, without a `String`.)
    static func int(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative || text.first == UInt8(ascii: "+") { i = 1 }
        guard i < text.count else { return nil }
        var value = 0
        while i < text.count {
            let c = text[i]
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return nil }
            let d = Int(c - UInt8(ascii: "0"))
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = negative ? shifted.subtractingReportingOverflow(d) : shifted.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = sum
            i += 1
        }
        return value
    }

    private static func digit(_ c: UInt8, radix: UInt64) -> UInt64? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(c - 48)
        case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: return UInt64(c - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: return UInt64(c - 55)
        default: return nil
        }
    }
}
