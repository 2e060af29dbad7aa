import IOVACore

/// Simpler versions of one command for the shrinker to try, simplest first. Each is tried on
/// the whole scenario and kept only if the departure survives; none changes another command.
public enum Simplifications {
    public static func candidates(_ op: WitnessScenario.Op, config: DomainConfig) -> [WitnessScenario.Op] {
        switch op {
        case let .alloc(size, limit, fallback, aligned):
            var out: [WitnessScenario.Op] = []
            if let fallback {
                // One attempt instead of two: under either limit.
                out.append(.alloc(size: size, limit: limit, fallback: nil, aligned: aligned))
                out.append(.alloc(size: size, limit: fallback, fallback: nil, aligned: aligned))
            }
            if aligned { out.append(.alloc(size: size, limit: limit, fallback: fallback, aligned: false)) }
            // The default limit, then the 32-bit one: the limits people know. Only ever towards
            // the default, so that two candidates cannot undo each other forever.
            let known = [config.maxPFN, config.dma32Limit]
            let rank = known.firstIndex(of: limit) ?? known.count
            for simpler in known.prefix(rank) where fallback.map({ simpler < $0 }) ?? true {
                out.append(.alloc(size: size, limit: simpler, fallback: fallback, aligned: aligned))
            }
            for smaller in smallerSizes(size) {
                out.append(.alloc(size: smaller, limit: limit, fallback: fallback, aligned: aligned))
            }
            return out
        case let .reserve(lo, hi) where hi > lo:
            let mid = lo + (hi - lo) / 2
            return [.reserve(lo: lo, hi: lo), .reserve(lo: hi, hi: hi), .reserve(lo: lo, hi: mid), .reserve(lo: mid + 1, hi: hi)]
        default:
            return []
        }
    }

    /// Sizes below `size`, smallest first: powers of two, then half and one less.
    static func smallerSizes(_ size: UInt64) -> [UInt64] {
        var out: [UInt64] = []
        var p: UInt64 = 1
        while p < size {
            out.append(p)
            if p > UInt64.max / 2 { break }
            p <<= 1
        }
        for s in [size / 2, size - 1] where s >= 1 && !out.contains(s) { out.append(s) }
        return out
    }
}
