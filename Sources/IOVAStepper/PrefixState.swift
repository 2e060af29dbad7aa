import IOVACore

/// Everything a frame derives from the prefix of an operation's events: the highlights, the
/// status bar's counters and the code pane's line. One `apply` per event, so the same value
/// comes out whether it is folded from step 0 (short operations, tests) or from a keyframe
/// of a `PrefixIndex` (long walks), and a test can compare the two.
struct PrefixState {
    var highlights = Highlights()
    var counters = OperationCounters()
    /// The code line of the latest event that has one (the first line before any event).
    var codeLine: Int? = 0
    var erased = false
    var stored = false

    mutating func apply(_ e: AllocatorEvent, tree: (any RBTreeSource)?, code: CodeLines) {
        highlights.apply(e, tree: tree)
        counters.count(e)
        if case .erased = e { erased = true }
        if case .stored(_, _, _, true) = e { stored = true }
        if let l = code.line(of: e, erased: erased, stored: stored) { codeLine = l }
    }

    /// The state after `events`, folded from the empty one.
    init(_ events: ArraySlice<AllocatorEvent>, tree: (any RBTreeSource)?, code: CodeLines) {
        for e in events { apply(e, tree: tree, code: code) }
    }

    init() {}
}

/// `PseudoCode.line` with the policy's listing looked up once, not once per event (the
/// registry lookup copies a descriptor: a tenth of a long walk's frame).
struct CodeLines {
    let code: PolicyPseudoCode
    let listing: PseudoCode.Listing

    init(policy: PolicyDescriptor, listing: PseudoCode.Listing) {
        code = policy.pseudoCode
        self.listing = listing
    }

    func line(of e: AllocatorEvent, erased: Bool, stored: Bool) -> Int? {
        switch listing {
        case .policy(let op): code.line(e, op, .init(erased: erased, stored: stored))
        case .fastPath(let op): RCachePseudoCode.line(of: e, op)
        }
    }
}
