// libFuzzer target: arbitrary key sequences and terminal sizes fed to the visualizer's app
// state, headless. Every frame must be exactly the size asked for; nothing may crash.
import IOVACore
import IOVAPolicies
import IOVAScenario
import IOVAStepper
import IOVAView

let scenario = try! Scenario.parse("""
    alloc 16 limit=dma32 aligned
    alloc 1 limit=0x7ffff
    reserve 0xfee00 0xfeeff
    alloc 0x80000 limit=dma32
    free 0xffff0
    alloc 3 limit=dma40 aligned
    find 0x7ffff
    """, file: "fuzz.iova")

let keys: [Key] = [.left, .right, .up, .down, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace,
                   .tab, .backTab, .resize, .wheelUp, .wheelDown]
let typed = Array("lhjk[]gG +-:/?zZo0123456789xabcdefq!@ .mplnrsuiwy=")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var app = AppState(stepper: Stepper(lines: scenario, policy: Policies.names[Int(bytes.first ?? 0) % Policies.names.count]), title: "fuzz")
    var width = 120, height = 40
    var i = 1
    while i < bytes.count {
        let b = bytes[i]
        i += 1
        let key: Key
        switch b {
        case 0..<16: key = keys[Int(b)]
        case 16..<24:
            // A resize: the next two bytes are the new size (1×1 upwards).
            width = 1 + Int(i < bytes.count ? bytes[i] : 0) % 220
            height = 1 + Int(i + 1 < bytes.count ? bytes[i + 1] : 0) % 90
            i += 2
            key = .resize
        case 24..<32: key = .click(x: Int(b) * 7 % max(1, width), y: Int(b) * 3 % max(1, height))
        default: key = .char(typed[Int(b) % typed.count])
        }
        if key == .char("q") && bytes[i - 1] % 3 != 0 { continue }    // quit sometimes, not always
        let reaction = app.handle(key)
        if reaction.contains(.quit) { break }
        if i % 8 == 0 || key == .resize {
            let buffer = app.render(width: width, height: height, glyphs: b & 1 == 0 ? .unicode : .ascii)
            if buffer.width != width || buffer.height != height {
                fatalError("frame \(buffer.width)x\(buffer.height) for \(width)x\(height)")
            }
        }
    }
    _ = app.render(width: width, height: height, glyphs: .unicode)
    return 0
}
