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

    // The real DMA path (docs/scenario-format.md § The DMA path): the rcache and devices.
    /// `alloc_fast SIZE [limit=LIMIT] [cpu=N] [flush]`: `alloc_iova_fast` on CPU `cpu`.
    case allocFast(size: UInt64, limit: UInt64, cpu: Int, flush: Bool)
    /// `free_fast PFN SIZE [cpu=N]`: `free_iova_fast`.
    case freeFast(pfn: UInt64, size: UInt64, cpu: Int)
    /// `free_fast @LINE [cpu=N]`: what the `alloc_fast` or `map` on LINE returned, with its size.
    case freeFastAllocation(line: Int, cpu: Int)
    /// `flush_rcache`: every online CPU's magazines, then the depot, back to the tree.
    case flushRCache
    /// `tick`: `IOVA_DEPOT_DELAY` passes; each pending depot trim runs once.
    case tick
    /// `device NAME mask=LIMIT [pci]`: a device on this domain (PCI: 32-bit-first workaround on).
    case device(name: String, mask: UInt64, pci: Bool)
    /// `map NAME SIZE [cpu=N]`: `iommu_dma_alloc_iova` for that device.
    case map(device: String, size: UInt64, cpu: Int)
    /// `unmap NAME PFN SIZE [cpu=N]`: `iommu_dma_free_iova`, strict mode (`free_iova_fast`).
    case unmap(device: String, pfn: UInt64, size: UInt64, cpu: Int)
    /// `unmap @LINE [cpu=N]`: what the `map` on LINE returned.
    case unmapAllocation(line: Int, cpu: Int)
}

extension Command {
    /// Whether the command belongs to the DMA path (then `--state` reports the rcache).
    public var isFastPath: Bool {
        switch self {
        case .allocFast, .freeFast, .freeFastAllocation, .flushRCache, .tick, .device, .map, .unmap, .unmapAllocation: true
        default: false
        }
    }
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
