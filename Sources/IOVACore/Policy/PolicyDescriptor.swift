/// Everything the rest of iovascope knows about one policy, in one value: replay, the stepper,
/// the views, the command line, bench and gen read this and never switch over policy names.
///
/// Each policy declares its descriptor beside its code (e.g. `MainlinePolicy+Descriptor.swift`);
/// the registry (`Policies.all`, module IOVAPolicies) lists them. See docs/architecture.md.
public struct PolicyDescriptor: Sendable {
    /// What the tree pane, the DOT export and `--tree` draw for this policy.
    public enum TreeKind: Sendable {
        /// An rb-tree read through `PolicyInspection.rbTree` (sideways, one node per range).
        case redBlack
        /// A maple tree read through `PolicyInspection.mapleTree` (slot rows, gap arrays).
        case maple
    }

    /// What one narrated step says, when the policy words it its own way.
    public typealias Narration = @Sendable (AllocatorEvent, NarrationContext) -> String?

    public let name: PolicyName
    /// One line for lists and the compare view's legend.
    public let tagline: String
    /// What the policy models, how it places a request and what it costs (`iovascope policies`).
    public let summary: String
    /// The implementation.
    public let type: any InspectablePolicy.Type
    public let treeKind: TreeKind
    /// Whether the policy is bit-exact with the kernel: the compare view then takes its answer
    /// as the reference and marks the other side as the one that departs.
    public let isKernel: Bool
    /// The kernel memory this policy's design spends per range (`struct iova`, tree nodes).
    public let memoryModel: MemoryModel
    /// The pseudo-code listings and where each event lands in them.
    public let pseudoCode: PolicyPseudoCode
    /// Sentences for events this policy words differently (nil: the shared rb-tree sentences);
    /// returning nil for an event falls back to the shared sentence too.
    public let narration: Narration?

    public init(name: PolicyName, tagline: String, summary: String, type: any InspectablePolicy.Type,
                treeKind: TreeKind, isKernel: Bool = false, memoryModel: MemoryModel,
                pseudoCode: PolicyPseudoCode, narration: Narration? = nil) {
        self.name = name
        self.tagline = tagline
        self.summary = summary
        self.type = type
        self.treeKind = treeKind
        self.isKernel = isKernel
        self.memoryModel = memoryModel
        self.pseudoCode = pseudoCode
        self.narration = narration
    }
}

/// What a narration hook may know besides the event.
public struct NarrationContext: Sendable {
    /// The request's size in pages, once the search has announced it.
    public var size: UInt64?
    /// The pages a maple-style search asks for (size + alignment − 1 when aligned).
    public var searchSize: UInt64?
    public init(size: UInt64? = nil, searchSize: UInt64? = nil) {
        self.size = size
        self.searchSize = searchSize
    }
}

/// The kernel-side memory of a policy's design on x86-64 (see `MemoryFootprint` for a state's).
public struct MemoryModel: Sendable {
    /// `sizeof(struct iova)`.
    public let structBytes: Int
    /// Bytes per tree node kept apart from the structs (0 when the node is inside the struct).
    public let nodeBytes: Int
    /// One sentence for `iovascope policies`.
    public let note: String
    public init(structBytes: Int, nodeBytes: Int, note: String) {
        self.structBytes = structBytes
        self.nodeBytes = nodeBytes
        self.note = note
    }
}
