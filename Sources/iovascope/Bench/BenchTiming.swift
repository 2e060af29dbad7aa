import IOVAWorkloads
#if canImport(Glibc)
import Glibc
#endif

/// CLOCK_MONOTONIC in nanoseconds (system-wide, so a child process's reading compares with ours).
func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Nanoseconds `body` took.
@inline(__always)
func timed<R>(_ body: () throws -> R) rethrows -> (result: R, ns: Double) {
    let start = monotonicNanoseconds()
    let result = try body()
    return (result, Double(monotonicNanoseconds() - start))
}

/// The median of repeated figures (the upper one of an even count, as before).
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    return values.sorted()[values.count / 2]
}

/// Times each operation a workload brackets, one clock read on each side, as the reference's
/// individually timed requests (each figure includes about one clock read, ~36 ns here).
struct PerOperationClock: OperationTimer {
    private(set) var times: [Double] = []
    private var started: UInt64 = 0

    init(capacity: Int) { times.reserveCapacity(capacity) }

    mutating func begin() { started = monotonicNanoseconds() }
    mutating func end() { times.append(Double(monotonicNanoseconds() - started)) }

    var mean: Double { times.isEmpty ? 0 : times.reduce(0, +) / Double(times.count) }
}
