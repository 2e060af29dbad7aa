/// How replay output looks.
public struct ReplayOptions: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        /// One JSON object per command (docs/replay-format.md, normative).
        case jsonl
        /// The same facts in aligned columns for people.
        case text
    }

    public var format: Format
    /// Add `max32` (and the cached nodes for `mainline`) after each command.
    public var includeState: Bool
    /// Add the whole rb-tree in preorder after each command.
    public var includeTree: Bool

    public init(format: Format = .text, includeState: Bool = false, includeTree: Bool = false) {
        self.format = format
        self.includeState = includeState
        self.includeTree = includeTree
    }
}
