import IOVACore

/// One scenario command (docs/scenario-format.md), with numbers resolved against the domain.
public enum Command: Hashable, Sendable {
    /// `domain [start=PFN] [granule=BYTES]`.
    case domain(DomainConfig)
    /// `alloc SIZE [limit=LIMIT] [aligned]`; `limit` is inclusive, `dmaN` already resolved.
    case alloc(size: UInt64, limit: UInt64, aligned: Bool)
    /// `alloc SIZE limit=LIMIT fallback=FALLBACK [aligned]`: dma-iommu's PCI pattern — try
    /// `limit` (dma32) first and, only if that fails, `fallback` (the device's own mask).
    case allocFallback(size: UInt64, limit: UInt64, fallback: UInt64, aligned: Bool)
    /// `free PFN`.
    case free(pfn: UInt64)
    /// `free @LINE`: frees the range that the `alloc` on scenario line `LINE` returned under the
    /// policy being run (each policy frees what it handed out, so generated workloads mean the
    /// same on every policy). Nothing is freed when that allocation failed or was already
    /// freed this way.
    case freeAllocation(line: Int)
    /// `reserve LO HI`, inclusive.
    case reserve(lo: UInt64, hi: UInt64)
    /// `find PFN`.
    case find(pfn: UInt64)
}

/// A command and the 1-based line it came from.
public struct ScenarioLine: Hashable, Sendable {
    public var line: Int
    public var command: Command

    public init(line: Int, command: Command) {
        self.line = line
        self.command = command
    }
}
