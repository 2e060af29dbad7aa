/// What a replay must know of a whole scenario before it runs the first command.
public struct ScenarioFacts: Hashable, Sendable {
    /// The allocation lines some `free @LINE`, `free_fast @LINE` or `unmap @LINE` names (a
    /// replay remembers what those returned, and nothing else).
    public var referenced: LineSet
    /// Whether the file uses the DMA path (`cpus=` or any of its commands): `--state` then
    /// reports the rcache from the first command on.
    public var usesFastPath: Bool
    /// Whether a `free_fast PFN SIZE` or `unmap NAME PFN SIZE` names a pfn itself: the caches
    /// may then hold pfns this domain never handed out (validators check them less strictly).
    public var freesExplicitPFNs: Bool

    public init(referenced: LineSet = LineSet(), usesFastPath: Bool = false, freesExplicitPFNs: Bool = false) {
        self.referenced = referenced
        self.usesFastPath = usesFastPath
        self.freesExplicitPFNs = freesExplicitPFNs
    }

    /// The facts of commands held in memory (a typed `domain … cpus=N` with N > 1 counts as
    /// using the DMA path; an explicit `cpus=1` cannot be told from the default here).
    public init(for lines: [ScenarioLine]) {
        var set = LineSet()
        var fast = false
        var explicit = false
        for line in lines {
            switch line.command {
            case .freeAllocation(let n), .freeFastAllocation(let n, _), .unmapAllocation(let n, _): set.insert(n)
            case .domain(let c) where c.cpus > 1: fast = true
            case .freeFast, .unmap: explicit = true
            default: break
            }
            if line.command.isFastPath { fast = true }
        }
        self.init(referenced: set, usesFastPath: fast, freesExplicitPFNs: explicit)
    }
}
