/// Delta debugging (Zeller's ddmin), for removals: finds a subsequence of `items` that still
/// passes and from which no single element can be removed (1-minimal).
public enum DeltaDebugging {
    /// `accept` tests a candidate (a subsequence of the current result) and returns it as it
    /// should be kept — possibly normalised further, e.g. with dependent elements dropped or
    /// cut after the point of interest — or nil when it no longer passes. `items` must pass.
    /// `progress` hears the size after each accepted reduction.
    public static func minimize<T>(_ items: [T], progress: (Int) -> Void = { _ in }, accept: ([T]) -> [T]?) -> [T] {
        var current = items
        var n = 2
        while current.count >= 2 {
            let chunk = (current.count + n - 1) / n
            var reduced = false
            // Complements first: drop one chunk. After a success the next chunk has moved into
            // its place, so the pass goes on from there rather than from the start: one pass
            // costs O(n) tests, not O(n²).
            var start = 0
            var removed = 0
            while start < current.count {
                let end = min(start + chunk, current.count)
                let candidate = Array(current[..<start]) + Array(current[end...])
                if let kept = accept(candidate) {
                    current = kept
                    removed += 1
                    progress(current.count)
                } else {
                    start = end
                }
            }
            if removed > 0 {
                n = max(n - removed, 2)
                reduced = true
            }
            // Then subsets: keep one chunk only (the same as a complement when n is 2).
            if !reduced && n > 2 {
                start = 0
                while start < current.count {
                    let end = min(start + chunk, current.count)
                    if let kept = accept(Array(current[start..<end])) {
                        current = kept
                        n = 2
                        reduced = true
                        progress(current.count)
                        break
                    }
                    start = end
                }
            }
            if !reduced {
                if n >= current.count { break }     // every single element was tried: 1-minimal
                n = min(current.count, n * 2)
            }
        }
        // A single element: try the empty sequence too.
        if current.count == 1, let kept = accept([]) { current = kept }
        return current
    }
}
