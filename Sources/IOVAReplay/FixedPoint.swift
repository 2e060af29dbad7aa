/// Decimal text with a fixed number of places, without Foundation's formatting.
enum FixedPoint {
    /// `x` (≥ 0) rounded to `places` decimal places: `format(101.333, places: 1)` is "101.3".
    static func format(_ x: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((x * Double(scale)).rounded())
        guard places > 0 else { return String(scaled) }
        let fraction = String(scaled % scale)
        return "\(scaled / scale)." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
