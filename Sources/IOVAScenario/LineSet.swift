/// A set of line numbers as a bitset: one bit per line, so that remembering which lines of a
/// million-line scenario are allocations costs 125 KB, not a hash table.
public struct LineSet: Hashable, Sendable {
    private var words: [UInt64] = []

    public init() {}

    public init<S: Sequence>(_ lines: S) where S.Element == Int {
        for line in lines { insert(line) }
    }

    public mutating func insert(_ line: Int) {
        precondition(line >= 0, "negative line number")
        let word = line >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word + 1 - words.count)) }
        words[word] |= 1 << UInt64(line & 63)
    }

    public func contains(_ line: Int) -> Bool {
        let word = line >> 6
        return line >= 0 && word < words.count && words[word] & (1 << UInt64(line & 63)) != 0
    }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }
}
