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

    // The DMA path (docs/replay-format.md § The DMA path). `hi` is the tree node's end at the
    // pfn handed out (nil when the tree holds no node there: a never-allocated cached pfn).
    case allocFast(size: UInt64, limit: UInt64, cpu: Int, flush: Bool, outcome: FastAllocOutcome, hi: UInt64?)
    /// `ref`: the `@LINE` named (nil for an explicit pfn); `pfn` nil and `outcome` nil when
    /// that allocation failed or was already freed.
    case freeFast(ref: Int?, pfn: UInt64?, size: UInt64, cpu: Int, outcome: FastFreeOutcome?)
    case flushRCache(freed: Int)
    case tick(freed: Int)
    case device(name: String, mask: UInt64, pci: Bool)
    /// `workaround`: the device's PCI workaround after the call.
    case map(device: String, size: UInt64, cpu: Int, outcome: MapOutcome, hi: UInt64?, workaround: Bool)
    case unmap(ref: Int?, device: String, pfn: UInt64?, size: UInt64, cpu: Int, outcome: FastFreeOutcome?)
}

/// A result and the line of the command (0 for the implied default domain).
public struct ReplayRecord: Hashable, Sendable {
    public var line: Int
    public var result: ReplayResult
    /// The rcache's figures after the command (`--state` of a DMA-path scenario), else nil.
    public var rcache: [[Int]]?

    public init(line: Int, result: ReplayResult, rcache: [[Int]]? = nil) {
        self.line = line
        self.result = result
        self.rcache = rcache
    }
}

extension ReplayResult {
    /// An allocation's final answer: the placed range (or nil) and the visits of every attempt.
    public var allocation: AllocOutcome? {
        switch self {
        case let .alloc(_, _, _, outcome): outcome
        case let .allocFallback(_, _, _, _, first, second):
            AllocOutcome(range: second?.range ?? first.range, visits: first.visits + (second?.visits ?? 0))
        case let .allocFast(_, _, _, _, outcome, hi):
            AllocOutcome(range: outcome.pfn.map { PFNRange(lo: $0, hi: hi ?? $0) }, visits: outcome.visits)
        case let .map(_, _, _, outcome, hi, _):
            AllocOutcome(range: outcome.allocation.pfn.map { PFNRange(lo: $0, hi: hi ?? $0) }, visits: outcome.allocation.visits)
        default: nil
        }
    }
}
