import Testing
import TestSupport
import IOVACore
import IOVAScenario
import IOVAStepper
@testable import IOVAView

/// DMA-path scenarios for the magazine pane and the cached-range marks: the rcache kernel
/// vectors (Tests/Fixtures/kernel-vectors/rcache), and frames found by what their step does.
enum MagazineFixtures {
    static let vectors = FileIO.repositoryRoot + "/Tests/Fixtures/kernel-vectors/rcache/"

    /// 5 CPUs: 15 pushes on CPU 2, then a dma32 pop that passes over a dma36 pfn.
    static let quirks = "edge_07_quirks.iova"
    /// 4 CPUs: 1608 frees on CPU 3, every 127th pushing a full magazine into the depot.
    static let depot = "depot_01_c4.iova"
    /// 1 CPU.
    static let oneCPU = "depot_00_c1.iova"
    /// 64 CPUs.
    static let manyCPUs = "edge_02_g512_c64.iova"

    static func stepper(_ name: String, _ policy: PolicyName = .mainline) throws -> Stepper {
        let text = try #require(FileIO.read(vectors + name), "no fixture \(name)")
        return Stepper(lines: try Scenario.parse(text, file: name), policy: policy)
    }

    /// The stepper at the first step (from operation `from`) whose event satisfies `match`.
    static func seek(_ name: String, policy: PolicyName = .mainline, from: Int = 1,
                     _ match: (AllocatorEvent) -> Bool) throws -> Stepper {
        var s = try stepper(name, policy)
        s.seek(operation: from, step: 0)
        while true {
            if let e = s.frame.event, match(e) { return s }
            let here = s.position
            s.stepForward()
            if s.position == here { break }
        }
        Issue.record("no step of \(name) matches")
        return s
    }

    /// The first pop that passed over at least one pfn (the pop step itself).
    static func popAfterSkip(_ name: String = quirks, _ policy: PolicyName = .mainline) throws -> Stepper {
        var s = try stepper(name, policy)
        s.first()
        while true {
            let f = s.frame
            if case .magazinePopped = f.event, !f.highlights.skippedPFNs.isEmpty { return s }
            let here = s.position
            s.stepForward()
            if s.position == here { break }
        }
        Issue.record("no pop after a skip in \(name)")
        return s
    }

    static func isDepotPush(_ e: AllocatorEvent) -> Bool { if case .depotPushed = e { true } else { false } }
    static func isPush(_ e: AllocatorEvent) -> Bool { if case .magazinePushed = e { true } else { false } }
    static func isPop(_ e: AllocatorEvent) -> Bool { if case .magazinePopped = e { true } else { false } }
}
