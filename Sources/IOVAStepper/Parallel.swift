import Dispatch

/// Two independent pieces of work on both cores.
enum Parallel {
    /// Runs `first` (when given) on a pool thread while `second` runs on this one; returns
    /// when both have finished. The closures must not touch the same state: that is the
    /// caller's promise, which the compiler cannot check here (hence the unchecked box).
    static func run(_ first: (() -> Void)?, _ second: () -> Void) {
        guard let first else { return second() }
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let work = Unchecked((first, second))
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    if i == 0 { work.value.0() } else { work.value.1() }
                }
            }
        }
    }

    private struct Unchecked<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }
}
