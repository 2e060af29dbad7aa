/// A device on the domain as dma-iommu sees it (docs/algorithms/rcache.md § Devices): its DMA
/// limit, and for PCI devices the 32-bit-first workaround, on until a 32-bit attempt fails.
public struct DMADevice: Hashable, Sendable {
    /// The highest pfn the device can address (its mask, inclusive).
    public let mask: UInt64
    public let pci: Bool
    /// `pci_32bit_workaround`: try below 4 GiB first. Turned off for good by the first failure.
    public internal(set) var workaround: Bool

    public init(mask: UInt64, pci: Bool) {
        self.mask = mask
        self.pci = pci
        workaround = pci
    }
}

/// The answer to `iommu_dma_alloc_iova`: the limit of the attempt that answered (or of the
/// last one) and the allocation, visits summed over the attempts.
public struct MapOutcome: Hashable, Sendable {
    public var limit: UInt64
    public var allocation: FastAllocOutcome
}

extension RCache {
    /// `iommu_dma_alloc_iova` for `device`: a PCI device whose mask reaches above 4 GiB, with its
    /// workaround still on, first asks below 4 GiB without flushing; if that fails the
    /// workaround turns off ("Using N-bit DMA addresses") and the device's own mask is asked,
    /// with the flush-and-retry.
    public mutating func map<P: IOVAPolicy, O: AllocatorObserver>(
        device: inout DMADevice, size: UInt64, cpu: Int, policy: inout P, observer: inout O
    ) -> MapOutcome {
        let dma32 = policy.config.dma32Limit
        var visits = 0
        if device.pci && device.workaround && device.mask > dma32 {
            observer.record(.deviceAttempt(limit: dma32, first: true))
            let first = allocFast(size: size, limit: dma32, flush: false, cpu: cpu, policy: &policy, observer: &observer)
            if first.pfn != nil { return MapOutcome(limit: dma32, allocation: first) }
            visits = first.visits
            device.workaround = false
            observer.record(.workaroundOff)
        }
        observer.record(.deviceAttempt(limit: device.mask, first: false))
        var second = allocFast(size: size, limit: device.mask, flush: true, cpu: cpu, policy: &policy, observer: &observer)
        second.visits += visits
        return MapOutcome(limit: device.mask, allocation: second)
    }
}
