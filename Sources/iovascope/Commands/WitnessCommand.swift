import ArgumentParser
import IOVACore
import IOVAPolicies
import IOVAWitness

extension WitnessWant: ExpressibleByArgument {}

/// `witness`'s options, checked before anything runs (usage errors exit 64).
struct WitnessOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The two policies, A,B: B is the one that departs from A.", valueName: "A,B"))
    var policies: String

    @Option(help: "What to find: fail (B fails where A places), placement (both place, elsewhere), visits (B over 4·log2(n+1), A within).")
    var want: WitnessWant

    @Option(help: "Seed of the search (each try derives its workload's seed from it).")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Draw workloads from this profile only (default: every one, in turn).", valueName: "profile"))
    var profile: String?

    @Option(help: "Workloads to try before giving up.")
    var tries: Int = 400

    /// The two policies, resolved.
    func pair() throws -> (a: PolicyDescriptor, b: PolicyDescriptor) {
        let names = policies.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard names.count == 2 else { throw ValidationError("--policies takes two policies, A,B (got '\(policies)')") }
        let found = try names.map { name in
            guard let d = Policies.named(name) else {
                throw ValidationError("unknown policy '\(name)' (policies: \(Policies.names.map(\.rawValue).joined(separator: ", ")))")
            }
            return d
        }
        guard found[0].name != found[1].name else { throw ValidationError("--policies needs two different policies") }
        return (found[0], found[1])
    }

    /// The workload sources to search.
    func sources() throws -> [WorkloadSource] {
        guard let profile else { return WorkloadSource.all }
        if WorkloadSource.isDMAPathProfile(profile) {
            throw ValidationError("profile '\(profile)' maps through the per-CPU caches; witness searches tree workloads (\(names))")
        }
        guard let source = WorkloadSource.named(profile) else { throw ValidationError("unknown profile '\(profile)' (profiles: \(names))") }
        return [source]
    }

    private var names: String { WorkloadSource.all.map(\.name).joined(separator: ", ") }

    func validate() throws {
        _ = try pair()
        _ = try sources()
        guard (1...1_000_000).contains(tries) else { throw ValidationError("--tries must be 1…1000000") }
    }

    /// The command line that reproduces the search, for the file's header.
    var invocation: String {
        "iovascope witness --policies \(policies) --want \(want.rawValue) --seed \(seed)"
            + (profile.map { " --profile \($0)" } ?? "") + (tries == 400 ? "" : " --tries \(tries)")
    }
}

struct WitnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Find a small scenario where policy B departs from policy A.",
        discussion: """
        Searches generated workloads (seeded, small ones first) for one where B fails where A \
        places, places elsewhere, or visits more than 4·log2(n+1) nodes while A stays within \
        (n: live ranges). Then shrinks it by delta debugging and simplifies its numbers, and \
        prints the scenario with a header saying which line departs and how. Progress goes to \
        standard error. Deterministic for a seed. Exit status 1 when no try departs \
        (docs/witness.md).

        Example: iovascope witness --policies mainline,maple --want fail --seed 1
        """
    )

    @OptionGroup var options: WitnessOptions

    @Option(help: "Write the scenario here (atomically) instead of to standard output.")
    var output: String?

    @Flag(help: "Overwrite --output if it exists.")
    var force = false

    func run() throws {
        let (a, b) = try options.pair()
        let search = WitnessSearch(finder: DepartureFinder(a: a.type, b: b.type, want: options.want),
                                   sources: try options.sources(), seed: options.seed, tries: options.tries)
        let quiet = 25     // report every 25th miss, so a long search is visible but not noisy
        let found = search.run { event in
            if case let .miss(attempt, _, _) = event, attempt % quiet != 0 { return }
            printError("witness: \(event)")
        }
        guard let witness = found else {
            printError("iovascope: no try of \(options.tries) shows \(b.name) departing from \(a.name) (--want \(options.want.rawValue)); try another --seed or more --tries")
            throw ExitCode.failure
        }
        printError("witness: \(witness.scenario.items.count) commands after the domain (\(witness.evaluations) candidates run)")
        let text = WitnessReport.text(witness, a: a.name, b: b.name, want: options.want, invocation: options.invocation)
        if let output {
            try AtomicFile.reportingFailure { try AtomicFile.write(output, text, overwrite: force) }
            return
        }
        try runReplay {
            var out = StandardOutput()
            let bytes = Array(text.utf8)
            try bytes.withUnsafeBufferPointer { try out.write($0) }
        }
    }
}
