/// What a cell shows, not how it looks: themes map roles to colours and attributes, so the
/// same frame renders in 256, 16 or 8 colours, in monochrome, or as plain text.
public enum StyleRole: UInt8, CaseIterable, Sendable {
    case normal
    case dim
    case title
    case border
    // Address space
    case allocated
    case reserved
    case free
    case gapExamined
    case found
    case limitMarker
    case boundaryMarker
    case cachedMarker
    // Tree
    case nodeRed
    case nodeBlack
    case current
    case visited
    case pruned
    case untouched
    // Panes
    case code
    case codeCurrent
    case explanation
    case status
    case statusKey
    case error
    // The DMA path (added last: the raw values of the roles above stay as they were)
    /// Cached but free: a range a magazine holds, still allocated in the tree.
    case cachedFree
    /// The magazine (or depot) the current step pops from or pushes to.
    case magazineFocus
    // The visits timeline (added last, for the same reason)
    /// A column's bar: the most visits of its operations, on a log scale.
    case timelineBar
    /// A column holding a failed allocation.
    case timelineFailure
    /// The current operation's column and its marker.
    case timelineCurrent
}
