import Foundation
import Testing
import IOVACore
import IOVAScenario
import IOVAStepper
import IOVAView

/// `:export FILE.cast`: an asciicast v2 recording, one marker per micro-step, written through
/// the front end's atomic writer, never clobbering without `export!`.
@Suite struct ExportTests {
    func app() throws -> AppState {
        let lines = try Scenario.parse("alloc 1 limit=0x7ffff\nalloc 1 limit=dma32\nalloc 0x80000 limit=dma32\n", file: "g")
        return AppState(stepper: Stepper(lines: lines, policy: .mainline), title: "g")
    }

    @Test func recordingIsAsciicastV2WithAMarkerPerStep() throws {
        var s = Stepper(lines: try Scenario.parse("alloc 1 limit=0x7ffff\nalloc 1 limit=dma32\n", file: "g"), policy: .mainline)
        s.first()
        var steps = 0
        var probe = s
        while true {
            steps += 1
            let here = (probe.operationNumber, probe.step)
            probe.stepForward()
            if (probe.operationNumber, probe.step) == here { break }
        }
        let cast = Asciicast.record(from: s, width: 80, height: 24, glyphs: .unicode, theme: .color16)
        #expect(cast.steps == steps)
        let lines = cast.text.split(separator: "\n").map(String.init)
        let header = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2 && header["width"] as? Int == 80 && header["height"] as? Int == 24)
        var markers: [String] = []
        var lastTime = -1.0
        for line in lines.dropFirst() {
            let event = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], "not JSON: \(line.prefix(80))")
            let time = try #require(event[0] as? Double)
            #expect(time >= lastTime)
            lastTime = time
            if event[1] as? String == "m" { markers.append(event[2] as? String ?? "") }
        }
        #expect(markers.count == steps)
        #expect(markers.first == "op 1 step 0")
    }

    @Test func exportWritesThroughTheFrontEndAndRefusesToClobber() throws {
        var a = try app()
        var files: [String: String] = [:]
        a.writeFile = { path, text, overwrite in
            if files[path] != nil && !overwrite { throw Failure(description: "\(path) exists") }
            files[path] = text
        }
        a.runCommand("export run.cast")
        #expect(a.message?.isError == false && a.message?.text.hasPrefix("exported") == true)
        #expect(files["run.cast"]?.hasPrefix("{\"version\":2") == true)
        a.runCommand("export run.cast")
        #expect(a.message?.isError == true && a.message?.text.contains("exists") == true)
        a.runCommand("export! run.cast")
        #expect(a.message?.isError == false)
        a.runCommand("export run.txt")
        #expect(a.message?.isError == true)
        a.runCommand("export tree.dot")
        #expect(a.message?.text == "exported the tree at op 1 step 0 to tree.dot")
        #expect(files["tree.dot"]?.hasPrefix("digraph iova {") == true)
        a.runCommand("export tree.dot")
        #expect(a.message?.isError == true, "a .dot is not clobbered either")
    }

    struct Failure: Error, CustomStringConvertible { var description: String }
}
