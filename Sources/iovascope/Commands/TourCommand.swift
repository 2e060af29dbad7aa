import ArgumentParser
import IOVACore
import IOVAView

/// `iovascope tour`: the guided tour of the 2026 thread, one scenario per chapter.
struct TourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tour",
        abstract: "The guided tour: the 2026 proposals for alloc_iova(), chapter by chapter.",
        discussion: """
        Each chapter is an ordinary scenario (Samples/tour/) on a policy, opened at the step \
        that matters, with a few sentences of narration on top. } and { turn chapters, i folds \
        the notes, ? shows them in full; every other key and : command works as for a file.

        --list prints the chapters; --render prints a chapter's opening frame without a \
        terminal (exactly --size lines).
        """
    )

    @Option(help: "The chapter to open (1-\(Tour.chapters.count)).")
    var chapter: Int = 1

    @Option(help: "Open every chapter under this policy instead of its own.")
    var policy: PolicyName?

    @Flag(help: "List the chapters and exit.")
    var list = false

    @Flag(help: "Print the chapter's opening frame as text and exit (no terminal needed).")
    var render = false

    @Option(help: "Frame size WxH for --render.")
    var size: FrameSize = FrameSize(width: 120, height: 40)

    @OptionGroup var screen: ScreenOptions

    func validate() throws {
        guard Tour.chapters.indices.contains(chapter - 1) else {
            throw ValidationError("--chapter counts from 1 to \(Tour.chapters.count)")
        }
    }

    func run() throws {
        if list {
            let text = Tour.chapters.map { c in
                let number = c.number < 10 ? " \(c.number)" : "\(c.number)"
                return "\(number)  \(c.title)  (\(c.policy.rawValue), Samples/tour/\(c.slug).iova, op \(c.operation))"
            }.joined(separator: "\n") + "\n"
            return try writeOut(text)
        }
        let app = AppState(tourChapter: chapter, policy: policy)
        if render {
            let glyphs = screen.ascii || !Locale.isUTF8 ? Glyphs.ascii : Glyphs.unicode
            let buffer = app.render(width: size.width, height: size.height, glyphs: glyphs)
            let rows = screen.color == .always ? Theme.color16.ansiLines(buffer) : buffer.lines
            return try writeOut(rows.joined(separator: "\n") + "\n")
        }
        try screen.runInteractive(app)
    }

    private func writeOut(_ text: String) throws {
        try runReplay {
            var out = StandardOutput()
            try Array(text.utf8).withUnsafeBufferPointer { try out.write($0) }
        }
    }
}
