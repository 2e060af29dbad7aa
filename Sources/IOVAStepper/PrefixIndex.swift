import IOVACore

/// Keyframes of an operation's `PrefixState`, taken once when a long operation is recorded,
/// so that a frame anywhere in a million-event walk folds at most one spacing of events
/// instead of the whole prefix (docs/performance.md § frame).
///
/// At most `maxKeyframes` are kept: each holds the visited-node bits (an eighth of a byte per
/// arena slot, 125 KB at a million nodes), so the spacing grows with the operation instead.
final class PrefixIndex: @unchecked Sendable {
    // Immutable after init; read from the interactive thread only.
    /// Operations with fewer events fold from step 0 on every frame (cheap, nothing kept).
    static let threshold = 4096
    static let maxKeyframes = 256

    let spacing: Int
    /// `keyframes[i]`: the state after the first `i · spacing` events.
    private let keyframes: [PrefixState]
    private let tree: (any RBTreeSource)?
    private let code: CodeLines

    init(events: [AllocatorEvent], tree: (any RBTreeSource)?, code: CodeLines, spacing: Int? = nil) {
        let spacing = spacing ?? max(1024, (events.count + Self.maxKeyframes - 1) / Self.maxKeyframes)
        self.spacing = spacing
        self.tree = tree
        self.code = code
        var frames: [PrefixState] = [PrefixState()]
        frames.reserveCapacity(events.count / spacing + 1)
        var state = PrefixState()
        for (i, e) in events.enumerated() {
            state.apply(e, tree: tree, code: code)
            if (i + 1) % spacing == 0 { frames.append(state) }
        }
        keyframes = frames
    }

    /// The state after the first `step` events: the keyframe at or before it, plus the rest.
    func state(at step: Int, events: [AllocatorEvent]) -> PrefixState {
        let k = min(step / spacing, keyframes.count - 1)
        var state = keyframes[k]
        for e in events[(k * spacing)..<step] { state.apply(e, tree: tree, code: code) }
        return state
    }
}
