/// Workload shapes for `iovascope witness` that the `gen` profiles make unlikely: a device
/// window small enough to fill (so over-asking searches fail), and gaps that hold the size but
/// no aligned fit (the alignment trap). Kept apart from `ScenarioProfile` so `gen`'s profiles
/// and their files stay as they are. Deterministic for a seed (splitmix64), like `gen`.
public enum WitnessProfile: String, CaseIterable, Sendable {
    /// A device with a small aperture (63 to 1023 pages, a numeric limit): aligned and unaligned
    /// requests of 1 to window/4 pages with random frees, so the window fills and fragments.
    case tightWindow = "tight-window"
    /// Single pages reserved at the start of every `stride`-page block at the top of the 32-bit
    /// window, then aligned requests of more than half a stride: every gap holds the size but
    /// none an aligned block, and the only fit lies below the pattern.
    case alignTrap = "align-trap"

    /// What the file shows, for its header comment.
    public var summary: String {
        switch self {
        case .tightWindow: "a small device window filled and fragmented by aligned and unaligned requests"
        case .alignTrap: "gaps that hold the request's size but no aligned block, above its only fit"
        }
    }

    /// The scenario's lines (without newlines): a `domain` line, then about `ops` commands.
    public func generate(ops: Int, seed: UInt64, _ emit: (String) -> Void) {
        var rng = SplitMix64(seed: seed)
        emit("domain start=1 granule=4096")
        switch self {
        case .tightWindow: Self.tightWindow(ops: ops, rng: &rng, emit)
        case .alignTrap: Self.alignTrap(ops: ops, rng: &rng, emit)
        }
    }

    private static func tightWindow(ops: Int, rng: inout SplitMix64, _ emit: (String) -> Void) {
        let window = (UInt64(64) << (rng.next() % 5)) - 1          // 63 … 1023 pages
        let largest = (window + 1) / 4
        let maxOrder = UInt64(largest.trailingZeroBitCount)
        var live: [Int] = []     // lines of live allocations
        var line = 1             // the domain line
        for _ in 0..<ops {
            line += 1
            if live.isEmpty || rng.next() % 5 < 3 {
                let aligned = rng.next() % 4 != 0
                let size = aligned ? UInt64(1) << (rng.next() % (maxOrder + 1)) : 1 + rng.next() % largest
                emit("alloc \(size) limit=0x\(String(window, radix: 16))\(aligned ? " aligned" : "")")
                live.append(line)
            } else {
                let i = Int(rng.next() % UInt64(live.count))
                emit("free @\(live[i])")
                live.swapAt(i, live.count - 1)
                live.removeLast()
            }
        }
    }

    private static func alignTrap(ops: Int, rng: inout SplitMix64, _ emit: (String) -> Void) {
        let stride = UInt64(8) << (rng.next() % 4)                  // 8 … 64 pages
        let blocks = UInt64(max(4, ops * 3 / 4))
        let top: UInt64 = 1 << 20                                     // 4 GiB in 4 KiB pages
        for k in 0..<blocks {
            let pfn = top - (k + 1) * stride
            emit("reserve 0x\(String(pfn, radix: 16)) 0x\(String(pfn, radix: 16))")
        }
        var live: [Int] = []
        var line = 1 + Int(blocks)
        for _ in 0..<max(1, ops - Int(blocks)) {
            line += 1
            if live.isEmpty || rng.next() % 4 != 0 {
                // More than half a stride: aligned to the whole stride, so only a block start fits.
                let size = stride / 2 + 1 + rng.next() % (stride / 2 - 1)
                emit("alloc \(size) limit=dma32 aligned")
                live.append(line)
            } else {
                let i = Int(rng.next() % UInt64(live.count))
                emit("free @\(live[i])")
                live.swapAt(i, live.count - 1)
                live.removeLast()
            }
        }
    }
}
