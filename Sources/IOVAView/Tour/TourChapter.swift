import IOVACore
import IOVAScenario
import IOVAStepper

/// One chapter of the guided tour: an ordinary scenario on a policy, opened at a chosen step,
/// with a title and a few sentences of narration. Once open it is explored like any file.
public struct TourChapter: Sendable {
    /// 1-based position in `Tour.chapters`.
    public var number: Int
    /// The file name under Samples/tour/ (without `.iova`), e.g. `01-next-fit`.
    public var slug: String
    public var title: String
    /// Plain sentences, kernel-accurate; every pfn in it is checked by the tour tests.
    public var narration: String
    public var policy: PolicyName
    /// The scenario text, byte-identical to Samples/tour/SLUG.iova (a test holds them together).
    public var scenario: String
    /// Where the chapter opens: operation (1-based) and micro-step.
    public var operation: Int
    public var step: Int
    /// A second policy: the chapter opens in the compare view, `policy` on the left.
    public var compare: PolicyName? = nil

    /// "chapter 3/12: The augmented tree" — the banner's heading and the recording's marker.
    public var heading: String { "chapter \(number)/\(Tour.chapters.count): \(title)" }

    /// The scenario's commands (the embedded text is known to parse; tests hold it so).
    public var lines: [ScenarioLine] { (try? Scenario.parse(scenario, file: slug + ".iova")) ?? [] }

    /// A stepper on the chapter's scenario (under `policy`, or the chapter's own), at its opening step.
    public func stepper(policy override: PolicyName? = nil) -> Stepper {
        var stepper = Stepper(lines: lines, policy: override ?? policy)
        stepper.seek(operation: operation, step: step)
        return stepper
    }

    /// What the chapter opens: its stepper, or the compare view when it has a second policy.
    public func session(policy override: PolicyName? = nil) -> Session {
        let left = stepper(policy: override)
        guard let compare else { return .single(left) }
        return .pair(PairStepper(left: left, right: compare))
    }
}

/// The guided tour: the story of the 2026 thread on `alloc_iova()`, chapter by chapter.
public enum Tour {
    public static let chapters: [TourChapter] = [nextFit, firstDMA32Walk, augmentedTree, limitDefeatsPruning,
                                                 maxGap32, limitAwareDescent, mapleTree, alignmentTrap, alignAwareKey,
                                                 max32AndRetry,
                                                 magazineMiss, uncacheableCliff]

    /// The chapter whose scenario has exactly these commands (for recordings of a tour file);
    /// chapters sharing commands are told apart by policy.
    public static func chapter(matching lines: [ScenarioLine], policy: PolicyName) -> TourChapter? {
        let commands = lines.map(\.command)
        let same = chapters.filter { $0.lines.map(\.command) == commands }
        return same.first { $0.policy == policy } ?? same.first
    }

    /// The commands of a generated scenario: `count` copies of `line`.
    static func repeated(_ line: String, _ count: Int) -> String {
        String(repeating: line + "\n", count: count)
    }
}
