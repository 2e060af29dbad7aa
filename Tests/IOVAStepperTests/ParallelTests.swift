import Testing
@testable import IOVAStepper

/// `Parallel.run`: both pieces of work finish before it returns, each with its own result.
@Suite struct ParallelTests {
    @Test func runsBothAndWaitsForBoth() {
        var sum = 0
        var squares = 0
        Parallel.run({ sum = (1...200_000).reduce(0, +) }) {
            squares = (1...1_000).reduce(0) { $0 + $1 * $1 }
        }
        #expect(sum == 200_000 * 200_001 / 2)
        #expect(squares == 1_000 * 1_001 * 2_001 / 6)
    }

    @Test func withoutFirstRunsSecondAlone() {
        var ran = 0
        Parallel.run(nil) { ran += 1 }
        #expect(ran == 1)
    }
}
