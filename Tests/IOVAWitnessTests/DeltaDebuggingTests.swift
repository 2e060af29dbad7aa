import Testing
import IOVAWitness

/// ddmin on synthetic predicates, where the minimal answer is known.
@Suite struct DeltaDebuggingTests {
    /// Whether no single element of `result` can be dropped with `passes` still holding.
    func isOneMinimal(_ result: [Int], _ passes: ([Int]) -> Bool) -> Bool {
        result.indices.allSatisfy { i in
            var smaller = result
            smaller.remove(at: i)
            return !passes(smaller)
        }
    }

    @Test func findsTheThreeThatMatter() {
        let needed: Set = [3, 17, 42]
        let passes: ([Int]) -> Bool = { needed.isSubset(of: Set($0)) }
        var tests = 0
        let result = DeltaDebugging.minimize(Array(0..<100)) { candidate in
            tests += 1
            return passes(candidate) ? candidate : nil
        }
        #expect(result == [3, 17, 42])
        #expect(tests < 150, "ddmin should need far fewer tests than subsets: \(tests)")
    }

    /// A predicate with many minimal answers: the result is one of them, 1-minimal.
    @Test func reachesAOneMinimalResult() {
        let items = (1...60).map { ($0 * 37) % 61 }
        let passes: ([Int]) -> Bool = { $0.reduce(0, +) >= 150 && $0.contains(where: { $0 % 7 == 0 }) }
        let result = DeltaDebugging.minimize(items) { passes($0) ? $0 : nil }
        #expect(passes(result))
        #expect(isOneMinimal(result, passes))
        // Still a subsequence of the input, in order.
        var rest = items[...]
        for x in result {
            guard let i = rest.firstIndex(of: x) else { Issue.record("\(x) not from the input in order"); return }
            rest = rest[(i + 1)...]
        }
    }

    /// `accept` may normalise what it keeps (here: cut after the first 9); the result stays 1-minimal.
    @Test func keepsWhatAcceptNormalises() {
        let passes: ([Int]) -> Bool = { c in c.contains(9) && c.filter { $0 < 9 }.count >= 2 }
        let result = DeltaDebugging.minimize(Array(0..<40)) { candidate in
            guard passes(candidate), let nine = candidate.firstIndex(of: 9) else { return nil }
            return Array(candidate[...nine])
        }
        #expect(result.count == 3 && result.last == 9)
        #expect(isOneMinimal(result, passes))
    }

    @Test func dropsEverythingWhenNothingMatters() {
        #expect(DeltaDebugging.minimize([1, 2, 3, 4, 5]) { $0 }.isEmpty)
    }
}
