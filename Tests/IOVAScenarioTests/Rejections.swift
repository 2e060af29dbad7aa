import IOVAScenario
import Testing

/// The diagnostics for `text` parsed as `file`, or an issue when it parses (the helper every
/// rejection test shares).
func diagnostics(_ text: String, file: String = "bad.iova", sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
    do {
        _ = try Scenario.parse(text, file: file)
        Issue.record("expected \(text.debugDescription) to be rejected", sourceLocation: sourceLocation)
        return []
    } catch {
        guard case let .invalid(list, _) = error else {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
            return []
        }
        return list
    }
}

/// Expects `text` to be refused with a diagnostic rendered as `t.iova:` + `message` (a prefix
/// of the rendering: location, severity and message).
func expectRejected(_ text: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let rendered = diagnostics(text, file: "t.iova", sourceLocation: sourceLocation).map(\.rendered)
    #expect(rendered.joined().contains("t.iova:" + message), "\(rendered)", sourceLocation: sourceLocation)
}
