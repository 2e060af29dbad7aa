import IOVACore

/// The answer to one scenario command (docs/replay-format.md).
public enum ReplayResult: Hashable, Sendable {
    case domain(DomainConfig)
    case alloc(size: UInt64, limit: UInt64, aligned: Bool, outcome: AllocOutcome)
    /// `alloc … fallback=…`: the first attempt, and the second when the first failed.
    case allocFallback(size: UInt64, limit: UInt64, fallback: UInt64, aligned: Bool, first: AllocOutcome, second: AllocOutcome?)
    case free(pfn: UInt64, found: Bool)
    /// `free @LINE`: the range that line allocated, by its first pfn (nil when the allocation
    /// failed or was already freed), and whether it was freed.
    case freeAllocation(line: Int, pfn: UInt64?, found: Bool)
    case reserve(lo: UInt64, hi: UInt64, node: PFNRange?)
    case find(pfn: UInt64, node: PFNRange?)
}

/// A result and the line of the command (0 for the implied default domain).
public struct ReplayRecord: Hashable, Sendable {
    public var line: Int
    public var result: ReplayResult

    public init(line: Int, result: ReplayResult) {
        self.line = line
        self.result = result
    }
}

extension ReplayResult {
    /// An allocation's final answer: the placed range (or nil) and the visits of every attempt.
    public var allocation: AllocOutcome? {
        switch self {
        case let .alloc(_, _, _, outcome): outcome
        case let .allocFallback(_, _, _, _, first, second):
            AllocOutcome(range: second?.range ?? first.range, visits: first.visits + (second?.visits ?? 0))
        default: nil
        }
    }
}
