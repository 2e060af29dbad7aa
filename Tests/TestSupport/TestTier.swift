#if canImport(Glibc)
import Glibc
#endif

/// The test tiers (docs/testing.md § Tiers), decided here and nowhere else.
///
/// - **default** (`swift test`): every module, every kernel vector and sample byte for byte, the
///   snapshots, and the randomized model checks at modest sizes — a few minutes in a debug build.
/// - **long** (`IOVASCOPE_TIER=long swift test`): each gated test's full sweep — more operations
///   and seeds, every step at every size, validators after every command of the big files.
///
/// Independently of the tier, `IOVASCOPE_LONG_OPS=N` adds one differential run of N operations
/// per policy (the CI uses 1,000,000 in a release build).
///
/// Every gated test says at its use what the long tier adds. Sampling is deterministic, so a
/// default-tier failure reproduces exactly, and the long tier covers a superset.
public enum TestTier {
    /// Whether `IOVASCOPE_TIER=long` asks for the long tier. Unset, empty or `default`: the
    /// default tier. Any other value stops the run rather than silently testing less.
    public static let isLong: Bool = {
        guard let raw = getenv("IOVASCOPE_TIER") else { return false }
        switch String(cString: raw) {
        case "", "default": return false
        case "long": return true
        case let other: fatalError("IOVASCOPE_TIER=\(other): expected `long` or `default`")
        }
    }()

    /// `value` in the default tier, `long` in the long tier.
    public static func scaled<T>(default value: T, long: T) -> T { isLong ? long : value }

    /// Operations of the extra long differential runs: `IOVASCOPE_LONG_OPS=N` adds one run of N
    /// operations per policy to the randomized suites, in either tier; unset, none.
    public static let longOps: Int? = {
        guard let raw = getenv("IOVASCOPE_LONG_OPS") else { return nil }
        let text = String(cString: raw)
        if text.isEmpty { return nil }
        guard let n = Int(text), n > 0 else { fatalError("IOVASCOPE_LONG_OPS=\(text): expected a positive count") }
        return n
    }()

    /// Whether to run an expensive check after step `index` of `count`: always in the long tier;
    /// in the default tier after every `every`-th step (counting from 0) and after the last.
    public static func checks(at index: Int, of count: Int, every: Int) -> Bool {
        isLong || every <= 1 || index % every == 0 || index == count - 1
    }

    /// A deterministic sample of `items`: all of them in the long tier; in the default tier
    /// every `every`-th one, counting from `offset`, plus the first and the last.
    public static func sample<T>(_ items: [T], every: Int, offset: Int = 0) -> [T] {
        guard !isLong, every > 1, items.count > 2 else { return items }
        return items.indices.filter { $0 == 0 || $0 == items.count - 1 || ($0 - offset) % every == 0 }.map { items[$0] }
    }
}
