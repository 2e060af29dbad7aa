import Testing
import IOVACore
import IOVAScenario
import IOVAStepper
@testable import IOVAView

/// The key map is the one table of keys: every action is reachable by a key or a `:` command,
/// every one of them has a help line, and the hint bars are read from the same table.
@Suite struct KeyMapTests {
    static let context: CommandParser.Context = {
        var c = CommandParser.Context(config: .standard, allocLines: LineSet([1]), nextLine: 5)
        c.devices = ["dev0": 2]
        c.mapLines = LineSet([3])
        c.fastAllocLines = LineSet([3])
        return c
    }()

    /// Every action kind a key produces.
    static var keyKinds: Set<Action.Kind> {
        Set(KeyMap.rows.flatMap { $0.bindings.map(\.action.kind) })
    }

    /// Every action kind a command line or a search really parses to.
    static var commandKinds: Set<Action.Kind> {
        var kinds = Set<Action.Kind>()
        for entry in CommandParser.commands {
            for example in entry.examples {
                if case .action(let a) = CommandParser.parse(example.line, context) { kinds.insert(a.kind) }
            }
        }
        if case .action(let a) = CommandParser.search("0x10", config: .standard) { kinds.insert(a.kind) }
        return kinds
    }

    @Test func everyActionIsReachableByAKeyOrACommand() {
        let reachable = Self.keyKinds.union(Self.commandKinds)
        let missing = Action.Kind.allCases.filter { !reachable.contains($0) }
        #expect(missing.isEmpty, "no key or command reaches \(missing)")
    }

    @Test func everyActionAppearsInTheHelp() {
        // The help shows each key row and each command row; the `/` row documents the search.
        let documented = Self.keyKinds
            .union(CommandParser.commands.flatMap { $0.examples.map(\.kind) })
            .union(CommandParser.searchKinds)
        let missing = Action.Kind.allCases.filter { !documented.contains($0) }
        #expect(missing.isEmpty, "the help says nothing of \(missing)")
        let help = KeyMap.helpRows
        #expect(help.count == KeyMap.rows.count + CommandParser.commands.count)
        #expect(help.allSatisfy { !$0.keys.isEmpty && !$0.action.isEmpty })
    }

    @Test func commandExamplesParseToTheKindTheTableSays() {
        for entry in CommandParser.commands {
            for example in entry.examples {
                guard case .action(let a) = CommandParser.parse(example.line, Self.context) else {
                    Issue.record("'\(example.line)' does not parse to an action")
                    continue
                }
                #expect(a.kind == example.kind, "'\(example.line)'")
            }
        }
    }

    @Test func everyBoundKeyDoesWhatItsRowSays() throws {
        for row in KeyMap.rows {
            for binding in row.bindings {
                for key in binding.keys {
                    #expect(KeyMap.action(for: key) == binding.action, "\(key) in row \(row.label)")
                }
            }
        }
        #expect(KeyMap.action(for: .char("x")) == nil)
    }

    @Test func theHelpOverlayListsEveryRowAndTheCommands() throws {
        let lines = try Scenario.parse("alloc 1\n", file: "t.iova")
        var app = AppState(stepper: Stepper(lines: lines, policy: .mainline), title: "t")
        _ = app.handle(.char("?"))
        let screen = app.render(width: 160, height: 60, glyphs: .unicode).lines.joined(separator: "\n")
        for row in KeyMap.helpRows { #expect(screen.contains(row.keys), "help lacks \(row.keys)") }
    }

    @Test func hintBarsAreReadFromTheKeyMap() {
        #expect(KeyHints.defaultHints.map { "\($0.key) \($0.action)" }
            == ["←/→ step", "[/] operation", "g/G first/last", "space play", ": command", "/ find", "? help", "q quit"])
        #expect(KeyHints.tourHints.map { "\($0.key) \($0.action)" }
            == ["{/} chapter", "←/→ step", "[/] operation", "i notes", "space play", ": command", "? help", "q quit"])
    }

    @Test func commandLineErrorsStayMessages() {
        #expect(CommandParser.parse("policy best-fit", Self.context) == .message("usage: policy mainline|augmented|augmented32|limit-aware|maple|align-aware", isError: true))
        #expect(CommandParser.parse("frob", Self.context)
            == .message("unknown command 'frob': alloc, free, reserve, find, alloc_fast, free_fast, device, map, unmap, tick, "
                        + "flush_rcache, policy, compare, goto, export, quit", isError: true))
        if case .message(let text, true) = CommandParser.parse("map nic 8", Self.context) {
            #expect(text.contains("unknown device 'nic'"))
        } else {
            Issue.record("an undeclared device must be refused inline")
        }
        if case .message(let text, true) = CommandParser.parse("alloc_fast 4 cpu=1", Self.context) {
            #expect(text.contains("cpu=1"))
        } else {
            Issue.record("a cpu= at or above cpus must be refused inline")
        }
        #expect(CommandParser.parse("quit", Self.context) == .message("type q outside the command line to quit", isError: false))
        #expect(CommandParser.parse("   ", Self.context) == .nothing)
        if case .message(let text, true) = CommandParser.parse("alloc 0", Self.context) {
            #expect(text.hasPrefix("alloc 0: "))
        } else {
            Issue.record("alloc 0 must be refused inline")
        }
        #expect(CommandParser.search("nope", config: .standard) == .message("not a pfn: 'nope' (decimal or 0x hex)", isError: true))
    }
}
