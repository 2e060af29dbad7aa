import IOVACore
import IOVAMaple
import TestSupport
import Testing

/// The maple tree's own test vectors (lib/test_maple_tree.c, docs/algorithms/maple.md § Upstream test vectors), run against
/// the range tree itself, with the validator after every store.
@Suite struct UpstreamVectorTests {
    typealias Rev = (min: UInt64, max: UInt64, size: UInt64, expected: PFNRange?)

    static func checked(_ tree: MapleTree, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        let problems = tree.validate()
        #expect(problems.isEmpty, "\(context): \(problems.prefix(3))", sourceLocation: sourceLocation)
    }

    static func rev(_ tree: MapleTree, _ min: UInt64, _ max: UInt64, _ size: UInt64) -> Result<PFNRange, EmptyAreaError> {
        var visits = 0
        return tree.emptyAreaRev(min: min, max: max, size: size, visits: &visits)
    }

    static func fwd(_ tree: MapleTree, _ min: UInt64, _ max: UInt64, _ size: UInt64) -> Result<PFNRange, EmptyAreaError> {
        var visits = 0
        return tree.emptyAreaFwd(min: min, max: max, size: size, visits: &visits)
    }

    /// `mtree_alloc_rrange` / `mtree_alloc_range`: search, and on success insert the window.
    static func allocRange(_ tree: inout MapleTree, _ min: UInt64, _ max: UInt64, _ size: UInt64, reverse: Bool) -> UInt64? {
        let r = reverse ? rev(tree, min, max, size) : fwd(tree, min, max, size)
        guard case .success(let w) = r else { return nil }
        var quiet = NullObserver()
        tree.insert(lo: w.lo, hi: w.hi, value: MapleValue.allocated, observer: &quiet)
        checked(tree, "after inserting \(w)")
        return w.lo
    }

    @Test func emptyAreaWindow() {
        var tree = MapleTree()
        var quiet = NullObserver()
        for i: UInt64 in 1...20 {
            tree.insert(lo: 10 * i, hi: 10 * i + 9, value: MapleValue.allocated, observer: &quiet)
            Self.checked(tree, "store \(i)")
        }
        tree.store(lo: 160, hi: 169, value: MapleValue.free, observer: &quiet)
        Self.checked(tree, "erase 160-169")
        let busy = Result<PFNRange, EmptyAreaError>.failure(.busy)
        let revCases: [(UInt64, UInt64, UInt64, Result<PFNRange, EmptyAreaError>)] = [
            (5, 90, 10, busy), (6, 90, 5, busy), (5, 90, 5, .success(R(5, 9))),
            (5, 217, 9, .success(R(161, 169))), (100, 218, 3, .success(R(216, 218))), (100, 218, 16, busy),
            (167, 200, 4, busy), (100, 162, 4, busy),
            (0, .max, 1, .success(R(.max))), (0, 209, 1, .success(R(169))),
            (150, 175, 10, .success(R(160, 169))), (150, 175, 11, busy),
        ]
        for (min, max, size, expected) in revCases {
            #expect(Self.rev(tree, min, max, size) == expected, "rev(\(min), \(max), \(size))")
        }
        let fwdCases: [(UInt64, UInt64, UInt64, Result<PFNRange, EmptyAreaError>)] = [
            (0, 100, 9, .success(R(0, 8))), (0, 100, 4, .success(R(0, 3))), (0, 100, 11, busy), (5, 100, 6, busy),
            (0, 8, 10, .failure(.invalid)), (100, 165, 3, .success(R(160, 162))), (100, 163, 6, busy),
            (150, 175, 10, .success(R(160, 169))), (211, 300, 50, .success(R(211, 260))),
        ]
        for (min, max, size, expected) in fwdCases {
            #expect(Self.fwd(tree, min, max, size) == expected, "fwd(\(min), \(max), \(size))")
        }
    }

    /// The /proc/self/maps ranges (>> 12) both alloc-range tests start from, above an
    /// `XA_ZERO_ENTRY` over `[2^49, 2^64−1]`.
    static func mapsTree() -> MapleTree {
        var tree = MapleTree()
        var quiet = NullObserver()
        tree.insert(lo: 1 << 49, hi: .max, value: MapleValue.zeroEntry, observer: &quiet)
        let ranges: [(UInt64, UInt64)] = [
            (0x565234af2, 0x565234af3), (0x565234af4, 0x565234af8), (0x565234af9, 0x565234afa),
            (0x565234afc, 0x565234afc), (0x565234afd, 0x565234afd), (0x565235def, 0x565235e0f),
            (0x7f36d4bfd, 0x7f36d4ee1), (0x7f36d4ee2, 0x7f36d4f03), (0x7f36d4f04, 0x7f36d504b),
            (0x7f36d504c, 0x7f36d5097), (0x7f36d5098, 0x7f36d5098), (0x7f36d5099, 0x7f36d509c),
            (0x7f36d509d, 0x7f36d509e), (0x7f36d509f, 0x7f36d50a4), (0x7f36d50b9, 0x7f36d50da),
            (0x7f36d50db, 0x7f36d50db), (0x7f36d50dc, 0x7f36d50f9), (0x7f36d50fa, 0x7f36d5101),
            (0x7f36d5102, 0x7f36d5102), (0x7f36d5103, 0x7f36d5103), (0x7f36d5104, 0x7f36d5104),
            (0x7fff5876b, 0x7fff5878c), (0x7fff5878e, 0x7fff58790), (0x7fff58791, 0x7fff58792),
        ]
        for (lo, hi) in ranges {
            tree.insert(lo: lo, hi: hi, value: MapleValue.allocated, observer: &quiet)
            checked(tree, "maps insert \(hx(lo))")
        }
        return tree
    }

    @Test func allocRevRange() {
        var tree = Self.mapsTree()
        // Hole checks.
        #expect(Self.rev(tree, 0, 0x565234afc, 1) == .success(R(0x565234afb)))
        #expect(Self.rev(tree, 0x565234afc, 0x565235def, 0x12f1) == .success(R(0x565234afe, 0x565235dee)))
        #expect(Self.rev(tree, 0x565235def, 0x7f36d4bfd, 0x28e49eded) == .success(R(0x565235e10, 0x7f36d4bfc)))
        let requests: [(UInt64, UInt64, UInt64, UInt64?)] = [
            (0x565234af9, 0x7fff58791, 1, 0x7fff5878d),
            (0, 0x565234af0, 3, 0x565234aee),
            (0, 0xfffffffffffff, 1, 0x1ffffffffffff),
            (0, 0x7f36d5109, 4, 0x7f36d5106),
            (0, 0x7f36d50a4, 0x13, 0x7f36d4bea),                 // "ascend"
            (0, 0xfffffffffffff, 0x1fff8000a786e, nil),          // "too big": 2 short
            (0x7f36d5105, 0x7f36d5105, 1, 0x7f36d5105),          // "single space"
        ]
        for (i, (min, max, size, expected)) in requests.enumerated() {
            #expect(Self.allocRange(&tree, min, max, size, reverse: true) == expected, "rrange #\(i + 1)")
        }
        var quiet = NullObserver()
        #expect(tree.erase(containing: 0x7f36d5107, observer: &quiet)?.range == R(0x7f36d5106, 0x7f36d5109))
        #expect(tree.erase(containing: 0x7f36d5105, observer: &quiet)?.range == R(0x7f36d5105))
        Self.checked(tree, "after the erases")
        #expect(Self.allocRange(&tree, 0, 0x7fff5878d, 0xc883666, reverse: true) == 0x7f36d5105)
    }

    @Test func allocRange() {
        var tree = Self.mapsTree()
        #expect(Self.fwd(tree, 0x565234af2, 0x565234afc, 1) == .success(R(0x565234afb)))
        #expect(Self.fwd(tree, 0x565234afc, 0x565235def, 0x12f1) == .success(R(0x565234afe, 0x565235dee)))
        #expect(Self.fwd(tree, 0x565235def, 0x7f36d4bfd, 0x28e49eded) == .success(R(0x565235e10, 0x7f36d4bfc)))
        let requests: [(UInt64, UInt64, UInt64, UInt64?)] = [
            (0x565234af9, 0x7fff58791, 1, 0x565234afb),
            (0, 0x7fff58791, 1, 0),
            (0x7f36d4bfc, 0x7fff587af, 3, 0x7f36d50a5),          // "ascend"
            (0x7f36d509f, 0x7f36d50db, 0x15, nil),               // "failing"
            (0x7f36d509f, 0x7fff587af, 0x10, 0x7f36d50a8),       // "fill gap"
            (0, 0xfffffffffffff, 0xfffffffffffff, nil),          // "off the end"
            (0, 0xfffffffffffff, 0xfffffff8000af, nil),          // "too large"
            (0x7f36d50b8, 0x7f36d50b8, 1, 0x7f36d50b8),          // "single entry"
        ]
        for (i, (min, max, size, expected)) in requests.enumerated() {
            #expect(Self.allocRange(&tree, min, max, size, reverse: false) == expected, "range #\(i + 1)")
        }
    }

    @Test func emptyAreaFill() {
        var tree = MapleTree()
        var quiet = NullObserver()
        let max: UInt64 = 0x25D78000
        for shift in 12...16 {
            let size = UInt64(1) << UInt64(shift)
            for i in 0..<5000 {
                guard case .success(let w) = Self.fwd(tree, 0, max, size) else {
                    Issue.record("shift \(shift) #\(i): no room")
                    return
                }
                #expect(w.hi == w.lo + size - 1)
                tree.insert(lo: w.lo, hi: w.hi, value: MapleValue.allocated, observer: &quiet)
            }
            Self.checked(tree, "after shift \(shift)")
        }
        #expect(Self.fwd(tree, 0, max, 0x1000) == .failure(.busy))
        var i: UInt64 = 629440511
        while i <= 629440800 {
            tree.store(lo: i, hi: i + 5, value: MapleValue.zeroEntry, observer: &quiet)
            i += 6
        }
        Self.checked(tree, "after the 6-wide stores")
        #expect(tree.erase(containing: 631668735, observer: &quiet) != nil)
        #expect(tree.erase(containing: 629506047, observer: &quiet) != nil)
        Self.checked(tree, "after the erases")
        #expect(throws: Never.self) { try Self.fwd(tree, 629506048, 690000000, 0x5000).get() }
        #expect(tree.height >= 4, "the fill should build a deep tree (height \(tree.height))")
    }
}
