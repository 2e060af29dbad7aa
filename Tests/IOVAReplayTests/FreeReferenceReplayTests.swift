import IOVACore
import IOVAPolicies
import IOVAReplay
import IOVAScenario
import TestSupport
import Testing

/// `free @LINE` in replay and compare: each policy frees the range it handed out.
@Suite struct FreeReferenceReplayTests {
    static let text = """
        alloc 4 limit=0x7ffff
        alloc 2 limit=dma32 aligned
        alloc 1 limit=0x7ffff
        free @1
        free @1
        free @3
        alloc 9 limit=dma32
        free @7

        """

    @Test func streamedFromAFileLikeFromMemory() throws {
        let path = "/tmp/iovascope-free-ref-\(UInt64.random(in: 0...UInt64.max)).iova"
        FileIO.write(Self.text, to: path)
        defer { FileIO.remove(path) }
        var fromFile = MemorySink()
        let options = ReplayOptions(format: .jsonl, includeState: false, includeTree: false)
        try Replay.run(path: path, policy: MaplePolicyType.type, options: options, validate: true, to: &fromFile)
        var fromMemory = MemorySink()
        try Replay.run(lines: try Scenario.parse(Self.text, file: "t"), policy: MaplePolicyType.type, options: options,
                       validate: true, to: &fromMemory)
        #expect(fromFile.text == fromMemory.text)
        let lines = fromFile.text.split(separator: "\n").map(String.init)
        // maple places line 3 at 0x7fffb (highest fit), mainline at 0x7fff9 (next-fit).
        #expect(lines[4] == #"{"line":4,"op":"free","ref":1,"pfn":524284,"found":true}"#)
        #expect(lines[5] == #"{"line":5,"op":"free","ref":1,"pfn":null,"found":false}"#)
        #expect(lines[6] == #"{"line":6,"op":"free","ref":3,"pfn":524283,"found":true}"#)
        #expect(lines[8] == #"{"line":8,"op":"free","ref":7,"pfn":1048565,"found":true}"#)
    }

    @Test func compareFreesEachPolicysOwnRange() throws {
        var comparison = Comparison(policies: [.mainline, .maple], facts: ScenarioFacts(referenced: LineSet([1, 3, 7])))
        var rows: [Comparison.Row] = []
        for line in try Scenario.parse(Self.text, file: "t") { if let row = comparison.apply(line) { rows.append(row) } }
        #expect(rows[5].results == [.freeAllocation(line: 3, pfn: 0x7fff9, found: true),
                                    .freeAllocation(line: 3, pfn: 0x7fffb, found: true)])
        #expect(!rows[5].differs, "both freed their own range")
        #expect(rows[7].results == [.freeAllocation(line: 7, pfn: 0xffff7, found: true),
                                    .freeAllocation(line: 7, pfn: 0xffff5, found: true)])
    }
}

/// The maple policy's type, named once.
enum MaplePolicyType {
    static var type: any InspectablePolicy.Type { Policies[.maple].type }
}
