import IOVACore
import IOVAReplay
import IOVAScenario
import IOVAStepper
import IOVAView
import Testing

/// `:free @LINE` typed in a session names the file's (or an earlier typed) alloc lines.
@Suite struct AppStateFreeReferenceTests {
    @Test func typedReferencesResolveUnderThePolicy() throws {
        let lines = try Scenario.parse("alloc 4 limit=0x7ffff\n# a comment\nalloc 1 limit=dma32\n", file: "t")
        var a = AppState(stepper: Stepper(lines: lines, policy: .maple), title: "t")
        a.runCommand("free @3")
        #expect(a.message?.text == "appended operation 3: free @3")
        #expect(a.stepper.record?.result == .freeAllocation(line: 3, pfn: 0xfffff, found: true))
        a.runCommand("free @3")
        #expect(a.stepper.record?.result == .freeAllocation(line: 3, pfn: nil, found: false), "already freed this way")
        a.runCommand("free @2")
        #expect(a.message?.isError == true && a.message?.text.contains("line 2 is not an earlier alloc") == true)
        #expect(a.stepper.operationCount == 4)
        // Going back replays the reference exactly.
        a.runCommand("goto 1")
        a.runCommand("goto 3")
        #expect(a.stepper.operationNumber == 3)
        #expect(a.stepper.record?.result == .freeAllocation(line: 3, pfn: 0xfffff, found: true))
    }
}
