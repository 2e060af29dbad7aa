#if canImport(Glibc)
import Glibc
#endif

/// One line of `bench` output: named fields in a fixed order, printed as a JSON object or as a
/// row of a text table (a header line whenever the set of fields changes).
struct BenchRow {
    enum Value {
        case int(Int)
        /// A decimal with `places` digits after the point.
        case decimal(Double, places: Int)
        case text(String)
        case missing

        var json: String {
            switch self {
            case .int(let x): String(x)
            case .decimal(let x, let places): x.isFinite ? Self.rounded(x, places) : "null"
            case .text(let s): "\"\(s)\""
            case .missing: "null"
            }
        }

        var plain: String {
            switch self {
            case .text(let s): s
            case .missing: "-"
            default: json
            }
        }

        private static func rounded(_ x: Double, _ places: Int) -> String {
            if places == 0 { return String(Int(x.rounded())) }
            var scale = 1.0
            for _ in 0..<places { scale *= 10 }
            return String((x * scale).rounded() / scale)
        }
    }

    private(set) var fields: [(key: String, value: Value)] = []

    init(_ workload: String) { add("workload", .text(workload)) }

    mutating func add(_ key: String, _ value: Value) { fields.append((key, value)) }

    var json: String { "{" + fields.map { "\"\($0.key)\":\($0.value.json)" }.joined(separator: ",") + "}" }
}

/// Prints rows in the chosen format.
struct BenchPrinter {
    var json: Bool
    private var header: [String] = []

    init(json: Bool) { self.json = json }

    mutating func emit(_ row: BenchRow) {
        defer { fflush(nil) }   // stdout: a long run shows each figure as it is measured
        if json { print(row.json); return }
        let keys = row.fields.map(\.key)
        if keys != header {
            header = keys
            print(line(keys))
        }
        print(line(row.fields.map(\.value.plain)))
    }

    /// Also prints a text line verbatim (the memory table keeps its own layout).
    mutating func emitText(_ text: String) {
        header = []
        print(text)
        fflush(nil)
    }

    private func line(_ cells: [String]) -> String {
        var out = ""
        for (i, cell) in cells.enumerated() {
            let width = max(header[i].count, 11) + 2
            out += cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
        }
        return String(out.reversed().drop(while: { $0 == " " }).reversed())
    }
}
