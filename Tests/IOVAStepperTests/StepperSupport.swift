import Testing
import IOVACore
import IOVAScenario
import IOVAStepper
import TestSupport

enum StepperFixtures {
    static let repositoryRoot = FileIO.repositoryRoot
    static func readFile(_ path: String) -> String? { FileIO.read(path) }
    static func writeFile(_ text: String, _ path: String) { FileIO.write(text, to: path) }

    static func sample(_ name: String) throws -> [ScenarioLine] {
        let path = repositoryRoot + "/Samples/" + name
        let text = try #require(readFile(path), "missing \(path)")
        return try Scenario.parse(text, file: name)
    }

    /// A seeded scenario of `operations` commands mixing every kind the stepper replays:
    /// 32- and 40-bit allocations (aligned or not, with a fallback), frees by pfn and by
    /// `free @LINE`, and reserves around the allocations just below 4 GiB.
    static func mixedScenario(seed: UInt64, operations: Int) throws -> [ScenarioLine] {
        try Scenario.parse(mixedScenarioText(seed: seed, operations: operations), file: "mixed-\(seed).iova")
    }

    /// The text of `mixedScenario`.
    static func mixedScenarioText(seed: UInt64, operations: Int) -> String {
        var text = "domain start=1 granule=4096\n"
        var rng = TestRNG(seed: seed)
        var allocLines: [Int] = []
        for i in 0..<operations {
            let line = i + 2
            switch rng.below(7) {
            case 0: text += "free \(0xfffff - rng.below(4000))\n"
            case 1: text += "alloc \(1 + rng.below(8)) limit=dma32\n"; allocLines.append(line)
            case 2: text += "alloc \(1 + rng.below(8)) limit=dma40 aligned\n"; allocLines.append(line)
            case 3 where !allocLines.isEmpty: text += "free @\(allocLines[Int(rng.below(UInt64(allocLines.count)))])\n"
            case 4: let lo = 0xfe000 + rng.below(8000); text += "reserve \(lo) \(lo + rng.below(40))\n"
            case 5: text += "alloc 2 limit=dma32 fallback=dma64\n"; allocLines.append(line)
            default: text += "alloc 1 limit=\(0x80000 + i)\n"; allocLines.append(line)
            }
        }
        return text
    }

    /// What a frame shows that the equivalence tests compare.
    static func fingerprint(_ s: Stepper) -> String {
        let f = s.frame
        var ranges: [String] = []
        f.state.forEachRange { ranges.append("\($0.lo)-\($0.hi)") }
        let h = f.highlights
        return "\(f.operationNumber)/\(f.step) \(f.explanation) | code \(f.codeLine ?? -1) | cur \(h.current) vis \(h.visited.sorted()) "
            + "pruned \(h.pruned.keys.sorted()) found \(String(describing: h.found)) | \(f.counters) | \(ranges.joined(separator: ","))"
    }
}
