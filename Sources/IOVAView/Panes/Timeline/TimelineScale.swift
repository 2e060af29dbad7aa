import IOVAStepper

/// How a scenario's operations map onto the columns of the visits timeline, and visits onto
/// bar heights. Pure arithmetic, so the key, the click and the drawing agree on every column.
public struct TimelineScale: Equatable, Sendable {
    /// Operations in the scenario.
    public let count: Int
    /// Columns used: one per operation when they fit, else every column of the strip.
    public let columns: Int

    public init(count: Int, width: Int) {
        self.count = max(0, count)
        columns = max(0, min(self.count, width))
    }

    /// The column of operation `op` (1-based).
    public func column(of op: Int) -> Int {
        guard columns > 0 else { return 0 }
        let i = min(max(op, 1), count) - 1
        return i * columns / count
    }

    /// The operations (0-based indexes) column `c` covers: every index `i` with
    /// `i · columns / count == c`.
    public func operations(in c: Int) -> Range<Int> {
        guard columns > 0 else { return 0..<0 }
        let c = min(max(c, 0), columns - 1)
        return first(c)..<first(c + 1)
    }

    private func first(_ c: Int) -> Int { (c * count + columns - 1) / columns }

    /// Bar height 0…8 for `visits` against the scenario's most: 0 for none, else 1 + a
    /// logarithmic share of 7, so that one visit and a million both stay readable.
    public static func level(_ visits: UInt32, max top: UInt32) -> Int {
        guard visits > 0 else { return 0 }
        guard top > 1 else { return 8 }
        let share = log2(Double(visits)) / log2(Double(top))
        return min(8, 1 + Int((share * 7).rounded(.down)))
    }

    private static func log2(_ x: Double) -> Double {
        // The standard library has no log2 without Foundation: count the exponent, then refine.
        var e = 0.0, m = x
        while m >= 2 { m /= 2; e += 1 }
        // ln(m)/ln(2) for m in [1, 2) by a short series on (m-1)/(m+1).
        let t = (m - 1) / (m + 1), t2 = t * t
        let ln = 2 * t * (1 + t2 / 3 + t2 * t2 / 5 + t2 * t2 * t2 / 7)
        return e + ln / 0.6931471805599453
    }
}
