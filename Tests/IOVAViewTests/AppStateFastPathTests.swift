import Testing
import IOVACore
import IOVAReplay
import IOVAScenario
import IOVAStepper
import IOVAView

/// The DMA path typed live: `:device`, `:map`, `:unmap @LINE`, `:tick`, `:flush_rcache` append
/// operations that run through the same rcache as a file's, and refusals stay inline.
@Suite struct AppStateFastPathTests {
    func app() throws -> AppState {
        let lines = try Scenario.parse("domain cpus=2\nalloc_fast 4 limit=dma32\n", file: "t.iova")
        return AppState(stepper: Stepper(lines: lines, policy: .mainline), title: "t")
    }

    @Test func typedMapsAndUnmapsUseTheMagazines() throws {
        var a = try app()
        a.runCommand("device nic mask=dma40 pci")
        #expect(a.message?.isError == false)
        a.runCommand("map nic 8 cpu=1")
        guard case let .map(_, 8, 1, outcome, _, workaround)? = a.stepper.record?.result else {
            Issue.record("no map record: \(String(describing: a.stepper.record?.result))")
            return
        }
        // A PCI device with a 40-bit mask tries below 4 GiB first, and gets it from the tree.
        #expect(outcome.limit == 0xfffff && outcome.allocation.source == .tree && workaround)
        let mapLine = a.stepper.operations.last!.line
        a.runCommand("unmap @\(mapLine) cpu=1")
        guard case let .unmap(ref, "nic", pfn, 8, 1, .rcache?)? = a.stepper.record?.result else {
            Issue.record("unmap @LINE did not go to a magazine: \(String(describing: a.stepper.record?.result))")
            return
        }
        #expect(ref == mapLine && pfn == outcome.allocation.pfn)
        // The same size again on cpu 1 pops the cached pfn: no tree search.
        a.runCommand("map nic 8 cpu=1")
        guard case let .map(_, _, _, again, _, _)? = a.stepper.record?.result else { Issue.record("no second map"); return }
        #expect(again.allocation.source == .rcache && again.allocation.pfn == pfn && again.allocation.visits == 0)
        a.runCommand("tick")
        #expect(a.stepper.record?.result == .tick(freed: 0))
        a.runCommand("flush_rcache")
        #expect(a.stepper.record?.result == .flushRCache(freed: 0))
        #expect(a.stepper.frame.rcache != nil)
    }

    @Test func refusalsStayInline() throws {
        var a = try app()
        a.runCommand("map nic 8")
        #expect(a.message?.isError == true && a.message!.text.contains("unknown device 'nic'"))
        a.runCommand("alloc_fast 4 cpu=2")
        #expect(a.message?.isError == true && a.message!.text.contains("cpu=2"))
        a.runCommand("unmap @2")
        #expect(a.message?.isError == true && a.message!.text.contains("not an earlier map"))
        #expect(a.stepper.operationCount == 1)
    }
}
