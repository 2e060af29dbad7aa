import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

@main
struct IOVAScope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iovascope",
        abstract: "Visualizer and workbench for the Linux IOVA allocator and its proposed successors.",
        discussion: """
        Scenario files list allocator requests in pages (docs/scenario-format.md): `domain`, `alloc SIZE \
        [limit=LIMIT] [aligned]`, `free PFN`, `reserve LO HI`, `find PFN`.

        Exit status: 0 success, 64 usage error, 65 malformed scenario, 66 unreadable file, \
        70 internal invariant broken, 74 output error.
        """,
        subcommands: [ShowCommand.self, TourCommand.self, ReplayCommand.self, CompareCommand.self, RenderCommand.self, ExportCommand.self, GenCommand.self, WitnessCommand.self, BenchCommand.self, PoliciesCommand.self],
        defaultSubcommand: ShowCommand.self
    )

    static func main() {
        ProcessClock.mainEntry = monotonicNanoseconds()   // for `bench startup`
        // A closed pipe (`| head`) must end the program quietly, not kill it with SIGPIPE:
        // writes then fail with EPIPE, which the output sink handles.
        signal(SIGPIPE, SIG_IGN)
        ProcessMemory.fixMmapThreshold()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
