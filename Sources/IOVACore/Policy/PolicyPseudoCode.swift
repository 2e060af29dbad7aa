/// A policy's kernel-shaped pseudo-code, in our own words (the kernel is GPL: this describes
/// what it does), and the line each recorded event belongs to.
public struct PolicyPseudoCode: Sendable {
    /// The four domain operations, each with its own listing.
    public enum Operation: Sendable, CaseIterable { case alloc, free, reserve, find }

    /// What earlier events of the same operation tell the line mapping: whether an rb-tree node
    /// was erased before this event, whether a maple entry was stored before it (or by it).
    public struct Progress: Sendable {
        public var erased = false
        public var stored = false
        public init(erased: Bool = false, stored: Bool = false) {
            self.erased = erased
            self.stored = stored
        }
    }

    /// The listing shown for an operation.
    public let listing: @Sendable (Operation) -> [String]
    /// The 0-based line of `listing(operation)` an event belongs to, or nil (the line stays).
    public let line: @Sendable (AllocatorEvent, Operation, Progress) -> Int?

    public init(listing: @escaping @Sendable (Operation) -> [String],
                line: @escaping @Sendable (AllocatorEvent, Operation, Progress) -> Int?) {
        self.listing = listing
        self.line = line
    }
}
