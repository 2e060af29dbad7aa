/// The memory the kernel would spend on a domain's ranges under a policy (docs/algorithms/README.md
/// § Memory per IOVA): one `struct iova` slab object per live range, plus tree nodes where the
/// tree keeps them outside the struct (the maple tree's 256-byte nodes).
///
/// A model of the kernel's layout on x86-64, not of this program's own memory.
public struct MemoryFootprint: Hashable, Sendable {
    /// `sizeof(struct iova)` under the policy.
    public var structBytes: Int
    /// The slab object that holds it: `structBytes` rounded up to the cache's alignment.
    public var objectBytes: Int
    /// Live ranges, the anchor excluded (it is embedded in `struct iova_domain`).
    public var liveCount: Int
    /// Tree nodes allocated apart from the structs (maple nodes; 0 for the rb-tree policies,
    /// whose `rb_node` lives inside `struct iova`).
    public var nodeCount: Int
    /// Bytes per such node.
    public var nodeBytes: Int

    /// `struct iova` with its embedded `rb_node`: 24 + `pfn_hi` 8 + `pfn_lo` 8.
    public static let rbIOVABytes = 40
    /// The `iommu_iova` cache of the rb-tree versions uses `SLAB_HWCACHE_ALIGN`: 64-byte lines.
    public static let cacheLine = 64

    public init(structBytes: Int, objectBytes: Int, liveCount: Int, nodeCount: Int, nodeBytes: Int) {
        self.structBytes = structBytes
        self.objectBytes = objectBytes
        self.liveCount = liveCount
        self.nodeCount = nodeCount
        self.nodeBytes = nodeBytes
    }

    /// An rb-tree policy: the node is inside the struct, objects are cache-line aligned.
    public static func rbTree(structBytes: Int, liveCount: Int) -> MemoryFootprint {
        let lines = (structBytes + cacheLine - 1) / cacheLine
        return MemoryFootprint(structBytes: structBytes, objectBytes: lines * cacheLine, liveCount: liveCount,
                               nodeCount: 0, nodeBytes: 0)
    }

    /// Objects plus nodes.
    public var totalBytes: Int { objectBytes * liveCount + nodeCount * nodeBytes }

    /// Bytes per live range; nil with no live range.
    public var bytesPerIOVA: Double? {
        liveCount == 0 ? nil : Double(totalBytes) / Double(liveCount)
    }
}
