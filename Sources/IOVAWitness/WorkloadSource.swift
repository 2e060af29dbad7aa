import IOVAWorkloads

/// A generator the search draws workloads from: one of `gen`'s profiles that stay on the tree
/// (the DMA-path ones map through the per-CPU caches, which a witness does not model), or one
/// of the witness profiles (`WitnessProfile`).
public struct WorkloadSource: Sendable, Hashable {
    enum Kind: Hashable, Sendable {
        case gen(ScenarioProfile)
        case witness(WitnessProfile)
    }
    let kind: Kind

    public var name: String {
        switch kind {
        case .gen(let p): p.rawValue
        case .witness(let p): p.rawValue
        }
    }

    /// Every source, witness profiles first (their small windows give small witnesses).
    public static let all: [WorkloadSource] =
        WitnessProfile.allCases.map { WorkloadSource(kind: .witness($0)) }
        + ScenarioProfile.allCases.filter { $0.cpus == nil }.map { WorkloadSource(kind: .gen($0)) }

    /// The source called `name`, or nil.
    public static func named(_ name: String) -> WorkloadSource? {
        all.first { $0.name == name }
    }

    /// Whether `name` is a `gen` profile on the DMA path (which witness refuses, with a reason).
    public static func isDMAPathProfile(_ name: String) -> Bool {
        ScenarioProfile(rawValue: name)?.cpus != nil
    }

    /// A workload of about `ops` commands, as scenario text.
    public func generate(ops: Int, seed: UInt64) -> String {
        var text = ""
        let append: (String) -> Void = { text += $0; text += "\n" }
        switch kind {
        case .gen(let p): ScenarioGenerator(profile: p, ops: ops, seed: seed).generate(append)
        case .witness(let p): p.generate(ops: ops, seed: seed, append)
        }
        return text
    }
}
