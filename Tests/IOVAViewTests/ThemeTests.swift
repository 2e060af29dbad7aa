import Testing
import IOVAView

/// The theme's styles per role and tier, as SGR text (what `ansiLines` writes) and as the
/// colour numbers and attributes curses is given.
@Suite struct ThemeTests {
    static let tiers: [Theme] = [.monochrome, .color8, .color16, .color256]

    /// The SGR parameters of every role, per tier in the order of `tiers`. The title was written
    /// `1;36` before styles were typed; `36;1` is the same look, colour before bold as elsewhere.
    static let pinned: [StyleRole: [String]] = [
        .normal: ["", "", "", ""],
        .dim: ["2", "2", "2", "2"],
        .title: ["1", "36;1", "36;1", "36;1"],
        .border: ["", "2", "2", "2"],
        .allocated: ["", "34", "34", "38;5;33"],
        .reserved: ["", "35", "35", "35"],
        .free: ["", "", "", "38;5;240"],
        .gapExamined: ["4", "33", "33;1", "38;5;214"],
        .found: ["1", "32;1", "32;1", "32;1"],
        .limitMarker: ["1", "31;1", "31;1", "31;1"],
        .boundaryMarker: ["1", "35;1", "35;1", "35;1"],
        .cachedMarker: ["1", "36;1", "36;1", "36;1"],
        .nodeRed: ["", "31", "31;1", "38;5;196"],
        .nodeBlack: ["", "37", "37", "38;5;252"],
        .current: ["7", "30;43", "30;43", "30;43"],
        .visited: ["", "33", "33", "38;5;220"],
        .pruned: ["2", "2;35", "2;35", "38;5;96"],
        .untouched: ["2", "2", "2", "2"],
        .code: ["", "", "", ""],
        .codeCurrent: ["7", "7", "7", "7"],
        .explanation: ["", "", "", ""],
        .status: ["7", "7", "7", "7"],
        .statusKey: ["1", "7;1", "7;1", "7;1"],
        .error: ["1", "31;1", "31;1", "31;1"],
        .cachedFree: ["2;4", "36", "36", "38;5;37"],
        .magazineFocus: ["7;1", "30;46", "30;46", "30;46"],
        .timelineBar: ["", "36", "36", "38;5;73"],
        .timelineFailure: ["1", "31;1", "31;1", "31;1"],
        .timelineCurrent: ["7", "30;43", "30;43", "30;43"],
    ]

    @Test func everyRoleKeepsItsSGRText() {
        #expect(Set(Self.pinned.keys) == Set(StyleRole.allCases))
        for role in StyleRole.allCases {
            for (tier, expected) in zip(Self.tiers, Self.pinned[role] ?? []) {
                #expect(tier.style(role).sgrParameters == expected, "\(role) in \(tier)")
            }
        }
    }

    /// Curses is given what a terminal would make of the SGR text: the same colour numbers
    /// (`9x` is 8 + x, `38;5;N` is N) and attributes.
    @Test func cursesSeesWhatTheSGRTextSays() {
        for role in StyleRole.allCases {
            for tier in Self.tiers {
                let style = tier.style(role)
                let said = SGRMeaning(style.sgrParameters)
                #expect(style.foreground.map { Int($0.paletteIndex) } == said.foreground, "\(role) in \(tier)")
                #expect(style.background.map { Int($0.paletteIndex) } == said.background, "\(role) in \(tier)")
                #expect(style.attributes.contains(.bold) == said.bold, "\(role) in \(tier)")
                #expect(style.attributes.contains(.dim) == said.dim, "\(role) in \(tier)")
                #expect(style.attributes.contains(.underline) == said.underline, "\(role) in \(tier)")
                #expect(style.attributes.contains(.reverse) == said.reverse, "\(role) in \(tier)")
            }
        }
    }

    @Test func everyColourHasItsSGRCode() {
        for c in TerminalColor.Basic.allCases {
            let n = Int(c.rawValue)
            #expect(Style(foreground: .standard(c)).sgrParameters == "\(30 + n)")
            #expect(Style(foreground: .bright(c)).sgrParameters == "\(90 + n)")
            #expect(Style(background: .standard(c)).sgrParameters == "\(40 + n)")
            #expect(Style(background: .bright(c)).sgrParameters == "\(100 + n)")
            #expect(SGRMeaning("\(90 + n)").foreground == Int(TerminalColor.bright(c).paletteIndex))
        }
        #expect(Style(foreground: .indexed(214), background: .indexed(17), .underline).sgrParameters == "4;38;5;214;48;5;17")
    }

    /// A style change starts a new escape, every line ends with a reset, and a line stops
    /// after its last cell that is not a plain blank (a reversed blank still shows).
    @Test func ansiLinesBytes() {
        var b = CellBuffer(width: 7, height: 2)
        b.write("T", x: 0, y: 0, role: .title)
        b.write("C", x: 1, y: 0, role: .cachedMarker)
        b.write("xy", x: 2, y: 0, role: .allocated)
        b.put(5, 0, " ", .status)
        #expect(Theme.color16.ansiLines(b) == ["\u{1b}[0;36;1mTC\u{1b}[0;34mxy\u{1b}[0m \u{1b}[0;7m \u{1b}[0m", ""])
        #expect(Theme.color256.ansiLines(b)[0] == "\u{1b}[0;36;1mTC\u{1b}[0;38;5;33mxy\u{1b}[0m \u{1b}[0;7m \u{1b}[0m")
        #expect(Theme.monochrome.ansiLines(b)[0] == "\u{1b}[0;1mTC\u{1b}[0mxy \u{1b}[0;7m \u{1b}[0m")
    }
}

/// What a terminal makes of the SGR parameters the themes use (the reading curses was once
/// set up from).
struct SGRMeaning {
    var foreground: Int?
    var background: Int?
    var bold = false, dim = false, underline = false, reverse = false

    init(_ text: String) {
        let codes = text.split(separator: ";").compactMap { Int($0) }
        var i = 0
        while i < codes.count {
            let c = codes[i]
            switch c {
            case 1: bold = true
            case 2: dim = true
            case 4: underline = true
            case 7: reverse = true
            case 30...37: foreground = c - 30
            case 40...47: background = c - 40
            case 90...97: foreground = c - 90 + 8
            case 100...107: background = c - 100 + 8
            case 38, 48:
                if i + 2 < codes.count, codes[i + 1] == 5 {
                    if c == 38 { foreground = codes[i + 2] } else { background = codes[i + 2] }
                    i += 2
                }
            default: break
            }
            i += 1
        }
    }
}
