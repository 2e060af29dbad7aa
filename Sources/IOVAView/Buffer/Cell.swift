/// One terminal cell: a single-width glyph and its role.
public struct Cell: Hashable, Sendable {
    public var glyph: Unicode.Scalar
    public var role: StyleRole

    public init(_ glyph: Unicode.Scalar = " ", _ role: StyleRole = .normal) {
        self.glyph = glyph
        self.role = role
    }

    public static let blank = Cell()
}
