import IOVACore

/// The `memory` workload: `n` live single-page ranges on a fresh domain, in one of two shapes,
/// so the kernel's memory per IOVA (`IOVAPolicy.memory`) can be read at a known fill.
public struct MemoryWorkload: Sendable {
    public enum Shape: String, CaseIterable, Sendable {
        /// `n` × `alloc 1` under dma64: top-down and contiguous, no free slot between entries.
        case packed
        /// `2n` × `alloc 1` under dma64, then every other range freed: `n` live ranges
        /// separated by 1-page holes (a maple leaf then holds an entry and a gap per range).
        case fragmented
    }

    public var n: Int
    public var shape: Shape
    /// The largest `n`: the fragmented shape's `2n` ranges must fit the policies' 32-bit node ids.
    public static let maxN = 1 << 30

    public init(n: Int, shape: Shape) {
        self.n = n
        self.shape = shape
    }

    /// What a build left behind.
    public struct Result: Sendable {
        public var memory: MemoryFootprint
        /// Allocations that failed (0 unless `n` outgrows the address space).
        public var failures: Int

        public init(memory: MemoryFootprint, failures: Int) {
            self.memory = memory
            self.failures = failures
        }
    }

    /// Builds the shape on a fresh policy and returns it with its failures.
    public func build<P: IOVAPolicy>(_: P.Type) -> (policy: P, failures: Int) {
        var policy = P(config: .standard)
        let dma64 = DomainConfig.standard.maxPFN
        var failures = 0
        // Every policy places single pages top-down and contiguously on a fresh domain; then the
        // ranges to free follow from the top pfn, with no list of them (which would add to the
        // RSS figures). `contiguous` guards that assumption.
        var top: UInt64?
        var next: UInt64 = 0
        var contiguous = true
        for _ in 0..<(shape == .packed ? n : 2 * n) {
            guard let r = policy.alloc(size: 1, limit: dma64, aligned: false).range else {
                failures += 1
                continue
            }
            if top == nil { top = r.lo } else if r.lo != next { contiguous = false }
            next = r.lo &- 1
        }
        guard shape == .fragmented, let top else { return (policy, failures) }
        if contiguous && failures == 0 {
            // Free the 2nd, 4th, … page from the top: the top page stays, then every other one.
            for k in 0..<UInt64(n) { _ = policy.free(pfn: top - 2 * k - 1) }
        } else {
            var lows: [UInt64] = []
            policy.forEachRange { lows.append($0.lo) }
            for lo in lows.reversed().enumerated() where lo.offset % 2 == 1 { _ = policy.free(pfn: lo.element) }
        }
        return (policy, failures)
    }

    /// Builds the shape and reads the model's figures (the policy is released on return).
    public func run<P: InspectablePolicy>(_ type: P.Type) -> Result {
        let (policy, failures) = build(type)
        return Result(memory: policy.memory, failures: failures)
    }
}
