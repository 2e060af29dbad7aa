// Helpers shared by the IOVACore suites: range snapshots and a harness
// that validates the allocator after every operation.
import IOVACore
import TestSupport
import Testing

/// The anchor node's range, `[2^64-1, 2^64-1]` (docs/algorithms/mainline.md § State).
let anchorRange = PFNRange(lo: .max, hi: .max)

/// A mainline domain that checks `validate()` after every operation, reporting at the caller.
/// A class so that operations can sit inside `#expect` (the macro cannot capture `inout`).
final class Harness {
    var p: MainlinePolicy

    init(start: UInt64 = 1, granule: UInt64 = 4096) throws {
        p = MainlinePolicy(config: try DomainConfig(startPFN: start, granule: granule))
    }

    @discardableResult
    func alloc(_ size: UInt64, limit: UInt64, aligned: Bool = false,
                        sourceLocation: SourceLocation = #_sourceLocation) -> AllocOutcome {
        let out = p.alloc(size: size, limit: limit, aligned: aligned)
        expectSound("alloc(\(hx(size)), limit \(hx(limit)), aligned \(aligned))", sourceLocation)
        return out
    }

    /// The allocated pfn_lo, or nil on failure.
    func allocLo(_ size: UInt64, limit: UInt64, aligned: Bool = false,
                          sourceLocation: SourceLocation = #_sourceLocation) -> UInt64? {
        alloc(size, limit: limit, aligned: aligned, sourceLocation: sourceLocation).range?.lo
    }

    @discardableResult
    func free(_ pfn: UInt64, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let ok = p.free(pfn: pfn)
        expectSound("free(\(hx(pfn)))", sourceLocation)
        return ok
    }

    @discardableResult
    func reserve(_ lo: UInt64, _ hi: UInt64, sourceLocation: SourceLocation = #_sourceLocation) -> PFNRange? {
        let r = p.reserve(lo: lo, hi: hi)
        expectSound("reserve(\(hx(lo)), \(hx(hi)))", sourceLocation)
        return r
    }

    func expectSound(_ what: String, _ loc: SourceLocation) {
        let problems = p.validate()
        #expect(problems.isEmpty, "validate() after \(what): \(problems)", sourceLocation: loc)
    }

    var cached: PFNRange? { p.cachedRanges?.cached }
    var cached32: PFNRange? { p.cachedRanges?.cached32 }
    var max32: UInt64 { p.max32AllocSize }
    var ranges: [PFNRange] { p.rangeList() }
}
