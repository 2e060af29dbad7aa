import ArgumentParser
import IOVAWorkloads

extension ScenarioProfile: ExpressibleByArgument {}

struct GenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Write a seeded workload scenario of any size.",
        discussion: """
        Profiles: \(ScenarioProfile.allCases.map(\.rawValue).joined(separator: ", ")). \
        Frees name allocations (`free @LINE`, `unmap @LINE`), so the file means the same on \
        every policy. nic-ring, nvme-128k and gpu-buffers map and unmap through the per-CPU \
        magazines of 4 CPUs (the DMA path). \
        The same profile, size and seed always give the same file.

        Example: iovascope gen --profile mixed-masks --ops 1000000 --seed 7 --output big.iova
        """
    )

    @Option(help: "The workload shape.")
    var profile: ScenarioProfile

    @Option(help: "Operations to write (allocations, frees and reserves).")
    var ops: Int = 1000

    @Option(help: "splitmix64 seed.")
    var seed: UInt64 = 1

    @Option(help: "Write the scenario here (atomically) instead of to standard output.")
    var output: String?

    @Flag(help: "Overwrite --output if it exists.")
    var force = false

    func validate() throws {
        guard (1...100_000_000).contains(ops) else { throw ValidationError("--ops must be 1…100000000") }
    }

    func run() throws {
        let generator = ScenarioGenerator(profile: profile, ops: ops, seed: seed)
        if let output {
            var text = ""
            generator.generate { text += $0; text += "\n" }
            try AtomicFile.reportingFailure { try AtomicFile.write(output, text, overwrite: force) }
            return
        }
        try runReplay {
            var out = StandardOutput()
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 16)
            var failure: Error?
            generator.generate { line in
                guard failure == nil else { return }
                buffer.append(contentsOf: line.utf8)
                buffer.append(10)
                if buffer.count >= 1 << 16 {
                    do { try buffer.withUnsafeBufferPointer { try out.write($0) } } catch { failure = error }
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if let failure { throw failure }
            try buffer.withUnsafeBufferPointer { try out.write($0) }
        }
    }
}
