/// The workload shapes `iovascope gen` writes as scenario files. Every generated file frees
/// with `free @LINE` (the DMA-path profiles: `unmap @LINE`), so it means the same on every policy.
public enum ScenarioProfile: String, CaseIterable, Sendable {
    /// Devices with 32- to 64-bit masks sharing one domain, dma-iommu style aligned requests.
    case mixedMasks = "mixed-masks"
    /// Only the masks patch 3/4 does not help: 33- to 56-bit.
    case wideMasks = "wide-masks"
    /// A 32-bit window packed with single pages, every other one freed, then aligned requests.
    case fragmentedAligned = "fragmented-aligned"
    /// The x86 MSI window and a PCI MMIO hole reserved below 4 GiB, then 32-bit churn.
    case reservedWindows = "reserved-windows"
    /// Workload A's shape: 64-bit churn of power-of-two sizes with random frees, some 32-bit.
    case churn
    /// dma-iommu's PCI pattern: every request tries dma32 first, then the device's 48-bit mask.
    case pci32BitFirst = "pci-32bit-first"
    /// The DMA path: a PCI NIC's receive rings of small buffers, one per CPU, mapped and
    /// unmapped through the per-CPU magazines.
    case nicRing = "nic-ring"
    /// The DMA path: an NVMe drive's queues of 128 KiB I/O (32-page maps, the largest cached size).
    case nvme128K = "nvme-128k"
    /// The DMA path: a GPU's buffers of 64 to 8191 pages, too large for any magazine.
    case gpuBuffers = "gpu-buffers"

    /// Online CPUs of the domain (`domain … cpus=N`) for the DMA-path profiles; nil for the others.
    public var cpus: Int? {
        switch self {
        case .nicRing, .nvme128K, .gpuBuffers: 4
        default: nil
        }
    }

    /// What the file shows, for its header comment.
    public var summary: [String] {
        switch self {
        case .mixedMasks:
            return ["Devices with 32-, 36-, 40-, 48- and 64-bit masks share one domain; requests are",
                    "1..64 pages, size-aligned as alloc_iova_fast asks. Watch mainline's 32-bit",
                    "walks from cached32_node and how each proposal prunes (or not) per mask."]
        case .wideMasks:
            return ["Only 33- to 56-bit masks (and a few 64-bit ones). augmented32's 32-bit field",
                    "does not help these; limit-aware and maple should stay at O(log n) visits."]
        case .fragmentedAligned:
            return ["The 32-bit window is packed with single pages, every other one is freed, and",
                    "aligned requests of 2..16 pages follow: 1-page holes fit none of them. Watch",
                    "the alignment trap (limit-aware) and maple's size+align-1 search size."]
        case .reservedWindows:
            return ["reserve_iova of the x86 MSI window (0xfee00-0xfeeff) and a PCI MMIO hole",
                    "(0xc0000-0xdffff) below 4 GiB, then 32-bit churn around them. Watch the",
                    "reserved ranges in the tree and allocations skipping over them."]
        case .churn:
            return ["Workload A's shape: a prefill of power-of-two 64-bit allocations, then",
                    "alloc/free pairs with random frees; one request in ten has a 32-bit mask."]
        case .pci32BitFirst:
            return ["dma-iommu's PCI workaround: a 48-bit device's requests try the 32-bit window",
                    "first (limit=dma32) and fall back to its own mask only when that fails",
                    "(fallback=dma48). Watch the 32-bit window fill, the fallbacks begin, and",
                    "max32_alloc_size (mainline: set by every failure) short-circuit them."]
        case .nicRing:
            return ["A PCI NIC (64-bit mask, 32-bit-first workaround) with a receive ring of small",
                    "buffers (1 page, some 2-3) per CPU on 4 CPUs: each completion unmaps the ring's",
                    "oldest buffer, one in eight on another CPU, and maps a new one. Watch the",
                    "magazines answer most maps, and pfns drift between CPUs."]
        case .nvme128K:
            return ["An NVMe drive (PCI, 64-bit mask) with a queue per CPU on 4 CPUs: 128 KiB I/O",
                    "(32 pages, the largest cached size; one request in eight 1..16 pages), completed",
                    "in random order. Watch the magazines of class 5 answer once they warm up."]
        case .gpuBuffers:
            return ["A GPU (PCI, 40-bit mask) maps buffers of 64 to 8191 pages from 4 CPUs and frees",
                    "them in random order: no magazine caches them, every map and unmap is a tree",
                    "operation. Watch the 32-bit window fill and the device lose its 32-bit workaround."]
        }
    }
}

/// Writes a scenario of a profile: a header comment, then `ops` operations (reserves
/// included), deterministic for a seed (splitmix64).
public struct ScenarioGenerator {
    public var profile: ScenarioProfile
    public var ops: Int
    public var seed: UInt64

    public init(profile: ScenarioProfile, ops: Int, seed: UInt64) {
        self.profile = profile
        self.ops = ops
        self.seed = seed
    }

    /// Calls `emit` with each line of the file, without its newline.
    public func generate(_ emit: (String) -> Void) {
        withoutActuallyEscaping(emit) { emit in
            var g = Emitter(emit: emit, rng: SplitMix64(seed: seed))
            emit("# iovascope gen --profile \(profile.rawValue) --ops \(ops) --seed \(seed)")
            for line in profile.summary { emit("# " + line) }
            g.line = 1 + profile.summary.count
            g.command("domain start=1 granule=4096" + (profile.cpus.map { " cpus=\($0)" } ?? ""))
            switch profile {
            case .mixedMasks: g.churn(ops: ops, live: max(16, ops / 8), mask: Self.mixedMask)
            case .wideMasks: g.churn(ops: ops, live: max(16, ops / 8), mask: Self.wideMask)
            case .churn: g.churn(ops: ops, live: max(16, ops / 4), mask: Self.churnMask)
            case .pci32BitFirst: g.churn(ops: ops, live: max(16, ops / 3), mask: nil)
            case .fragmentedAligned: g.fragmented(ops: ops)
            case .reservedWindows: g.reserved(ops: ops)
            case .nicRing: g.nicRing(ops: ops, cpus: profile.cpus ?? 1)
            case .nvme128K: g.nvme(ops: ops, cpus: profile.cpus ?? 1)
            case .gpuBuffers: g.gpu(ops: ops, cpus: profile.cpus ?? 1)
            }
        }
    }

    /// 32-bit three times in eight, 64-bit twice, 36-, 40- and 48-bit once each.
    static func mixedMask(_ rng: inout SplitMix64) -> Int {
        let masks = [32, 32, 32, 36, 40, 48, 64, 64]
        return masks[Int(rng.next() % 8)]
    }

    /// 33- to 56-bit, one request in eight 64-bit.
    static func wideMask(_ rng: inout SplitMix64) -> Int {
        if rng.next() % 8 == 0 { return 64 }
        return 33 + Int(rng.next() % 24)
    }

    /// One request in ten 32-bit.
    static func churnMask(_ rng: inout SplitMix64) -> Int { rng.next() % 10 == 0 ? 32 : 64 }
}

/// The generator's running state: the line number, the live allocations' lines.
private struct Emitter {
    let emit: (String) -> Void
    var rng: SplitMix64
    var line = 0
    var live: [Int] = []
    var written = 0

    init(emit: @escaping (String) -> Void, rng: SplitMix64) {
        self.emit = emit
        self.rng = rng
    }

    mutating func command(_ text: String) {
        line += 1
        emit(text)
    }

    /// `mask` nil: the PCI pattern, dma32 falling back to dma48.
    mutating func alloc(_ size: UInt64, mask: Int?, aligned: Bool) {
        let limits = mask.map { "limit=dma\($0)" } ?? "limit=dma32 fallback=dma48"
        command("alloc \(size) \(limits)\(aligned ? " aligned" : "")")
        live.append(line)
        written += 1
    }

    /// Frees a random live allocation (swap-remove).
    mutating func freeRandom() {
        let i = Int(rng.next() % UInt64(live.count))
        command("free @\(live[i])")
        live.swapAt(i, live.count - 1)
        live.removeLast()
        written += 1
    }

    /// Allocations until `live` are live, then alloc or free with equal odds.
    mutating func churn(ops: Int, live target: Int, mask: ((inout SplitMix64) -> Int)?) {
        while written < ops {
            if live.count < target || live.isEmpty || rng.next() % 2 == 0 {
                let m = mask.map { $0(&rng) }
                alloc(rng.pow2() << (mask == nil ? 8 : 0), mask: m, aligned: true)
            } else {
                freeRandom()
            }
        }
    }

    mutating func fragmented(ops: Int) {
        let packed = ops / 3
        var first: [Int] = []
        while written < packed {
            alloc(1, mask: 32, aligned: false)
            first.append(line)
        }
        for (k, l) in first.enumerated() where k % 2 == 1 && written < ops {
            command("free @\(l)")
            written += 1
        }
        live = []
        while written < ops {
            if live.isEmpty || rng.next() % 3 != 0 {
                alloc(UInt64(2) << (rng.next() % 4), mask: 32, aligned: true)
            } else {
                freeRandom()
            }
        }
    }

    mutating func reserved(ops: Int) {
        command("reserve 0xfee00 0xfeeff   # x86 MSI window (IOMMU_RESV_MSI), 0xfee00000-0xfeefffff")
        command("reserve 0xc0000 0xdffff   # a PCI MMIO hole, 3 GiB-3.5 GiB")
        written = 2
        while written < ops {
            if live.count < max(8, ops / 6) || rng.next() % 2 == 0 {
                alloc(1 + rng.next() % 16, mask: 32, aligned: rng.next() % 2 == 0)
            } else {
                freeRandom()
            }
        }
    }
}

/// The DMA-path profiles: `map`/`unmap @LINE` on several CPUs.
extension Emitter {
    /// `device NAME mask=LIMIT pci`.
    mutating func device(_ name: String, mask: String) {
        command("device \(name) mask=\(mask) pci")
        written += 1
    }

    /// `map DEVICE SIZE cpu=N`; returns its line.
    mutating func map(_ device: String, _ size: UInt64, cpu: Int) -> Int {
        command("map \(device) \(size) cpu=\(cpu)")
        written += 1
        return line
    }

    /// `unmap @LINE cpu=N`.
    mutating func unmap(_ target: Int, cpu: Int) {
        command("unmap @\(target) cpu=\(cpu)")
        written += 1
    }

    /// A receive ring per CPU, `max(4, ops / 16)` buffers in all: filled round-robin, then each
    /// completion (on a random CPU's ring) unmaps the ring's oldest buffer — on another CPU one
    /// time in eight — and maps a new one on the ring's CPU.
    mutating func nicRing(ops: Int, cpus: Int) {
        device("nic", mask: "dma64")
        let depth = max(1, max(4, ops / 16) / cpus)
        func bufferSize(_ rng: inout SplitMix64) -> UInt64 {
            switch rng.next() % 8 {
            case 0: 2
            case 1: 3      // a 9000-byte jumbo frame: 3 pages, a 4-page magazine class
            default: 1
            }
        }
        // rings[cpu][slot]: the line of the buffer mapped there; heads[cpu]: the oldest slot.
        var rings = Array(repeating: [Int](), count: cpus)
        var heads = Array(repeating: 0, count: cpus)
        for i in 0..<(depth * cpus) where written < ops {
            rings[i % cpus].append(map("nic", bufferSize(&rng), cpu: i % cpus))
        }
        while written < ops {
            let cpu = Int(rng.next() % UInt64(cpus))
            let other = cpus > 1 && rng.next() % 8 == 0 ? (cpu + 1 + Int(rng.next() % UInt64(cpus - 1))) % cpus : cpu
            unmap(rings[cpu][heads[cpu]], cpu: other)
            if written < ops { rings[cpu][heads[cpu]] = map("nic", bufferSize(&rng), cpu: cpu) }
            heads[cpu] = (heads[cpu] + 1) % depth
        }
    }

    /// A queue per CPU, up to `max(2, ops / 32)` I/Os in flight in each: a random CPU submits
    /// (while its queue has room, one time in two) or completes a random one of its I/Os.
    mutating func nvme(ops: Int, cpus: Int) {
        device("nvme", mask: "dma64")
        let depth = max(2, ops / 32)
        var queues = Array(repeating: [Int](), count: cpus)
        while written < ops {
            let cpu = Int(rng.next() % UInt64(cpus))
            if queues[cpu].isEmpty || (queues[cpu].count < depth && rng.next() % 2 == 0) {
                let size: UInt64 = rng.next() % 8 == 0 ? 1 + rng.next() % 16 : 32
                queues[cpu].append(map("nvme", size, cpu: cpu))
            } else {
                let i = Int(rng.next() % UInt64(queues[cpu].count))
                unmap(queues[cpu][i], cpu: cpu)
                queues[cpu].swapAt(i, queues[cpu].count - 1)
                queues[cpu].removeLast()
            }
        }
    }

    /// Buffers of `base + next() % base` pages, `base` = 64 … 4096: mapped on a random CPU until
    /// `max(8, ops / 4)` are live, then mapped or freed (a random one, on a random CPU) with
    /// equal odds.
    mutating func gpu(ops: Int, cpus: Int) {
        device("gpu", mask: "dma40")
        let target = max(8, ops / 4)
        live = []
        while written < ops {
            let cpu = Int(rng.next() % UInt64(cpus))
            if live.count < target || rng.next() % 2 == 0 {
                let base = UInt64(64) << (rng.next() % 7)
                live.append(map("gpu", base + rng.next() % base, cpu: cpu))
            } else {
                let i = Int(rng.next() % UInt64(live.count))
                unmap(live[i], cpu: cpu)
                live.swapAt(i, live.count - 1)
                live.removeLast()
            }
        }
    }
}
