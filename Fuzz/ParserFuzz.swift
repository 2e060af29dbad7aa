// libFuzzer target: arbitrary bytes as a scenario file. Parsing must never crash; an accepted
// file's commands come with strictly increasing line numbers, and a refused one carries at most
// `diagnosticLimit` located diagnostics.
import IOVAScenario

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let lines = try Scenario.parse(bytes: bytes, file: "fuzz.iova")
        for (a, b) in zip(lines, lines.dropFirst()) where a.line >= b.line {
            fatalError("line numbers not increasing: \(a.line) then \(b.line)")
        }
    } catch {
        guard case let .invalid(list, _) = error else { fatalError("in-memory parse reported \(error)") }
        if list.isEmpty || list.count > Scenario.diagnosticLimit { fatalError("\(list.count) diagnostics") }
        for d in list where d.line < 1 || d.column < 1 || !d.rendered.hasPrefix("fuzz.iova:") {
            fatalError("badly located diagnostic: \(d.rendered)")
        }
    }
    return 0
}
