import IOVACore
import IOVAScenario

extension IOVAPolicy {
    /// Runs one scenario command other than `domain` and returns its result.
    public mutating func execute(_ command: Command) -> ReplayResult {
        switch command {
        case .domain(let config):
            preconditionFailure("domain \(config) is not an operation on a policy")
        case .freeAllocation(let line):
            preconditionFailure("free @\(line) runs through an AllocationLedger")
        case let .alloc(size, limit, aligned):
            return .alloc(size: size, limit: limit, aligned: aligned, outcome: alloc(size: size, limit: limit, aligned: aligned))
        case let .allocFallback(size, limit, fallback, aligned):
            let first = alloc(size: size, limit: limit, aligned: aligned)
            let second = first.range == nil ? alloc(size: size, limit: fallback, aligned: aligned) : nil
            return .allocFallback(size: size, limit: limit, fallback: fallback, aligned: aligned, first: first, second: second)
        case let .free(pfn):
            return .free(pfn: pfn, found: free(pfn: pfn))
        case let .reserve(lo, hi):
            return .reserve(lo: lo, hi: hi, node: reserve(lo: lo, hi: hi))
        case let .find(pfn):
            return .find(pfn: pfn, node: find(pfn: pfn))
        case .allocFast, .freeFast, .freeFastAllocation, .flushRCache, .tick, .device, .map, .unmap, .unmapAllocation:
            preconditionFailure("\(command) runs through an AllocationLedger, which holds the rcache")
        }
    }

    /// The same, reporting every event to `observer`.
    public mutating func execute<O: AllocatorObserver>(_ command: Command, observer: inout O) -> ReplayResult {
        switch command {
        case .domain(let config):
            preconditionFailure("domain \(config) is not an operation on a policy")
        case .freeAllocation(let line):
            preconditionFailure("free @\(line) runs through an AllocationLedger")
        case let .alloc(size, limit, aligned):
            return .alloc(size: size, limit: limit, aligned: aligned,
                          outcome: alloc(size: size, limit: limit, aligned: aligned, observer: &observer))
        case let .allocFallback(size, limit, fallback, aligned):
            let first = alloc(size: size, limit: limit, aligned: aligned, observer: &observer)
            let second = first.range == nil ? alloc(size: size, limit: fallback, aligned: aligned, observer: &observer) : nil
            return .allocFallback(size: size, limit: limit, fallback: fallback, aligned: aligned, first: first, second: second)
        case let .free(pfn):
            return .free(pfn: pfn, found: free(pfn: pfn, observer: &observer))
        case let .reserve(lo, hi):
            return .reserve(lo: lo, hi: hi, node: reserve(lo: lo, hi: hi, observer: &observer))
        case let .find(pfn):
            return .find(pfn: pfn, node: find(pfn: pfn))
        case .allocFast, .freeFast, .freeFastAllocation, .flushRCache, .tick, .device, .map, .unmap, .unmapAllocation:
            preconditionFailure("\(command) runs through an AllocationLedger, which holds the rcache")
        }
    }
}
