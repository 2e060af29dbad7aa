import Testing
import IOVACore
import IOVAMaple
import IOVAScenario
import IOVAWitness

/// The shrinker on scenarios whose departure is known by construction.
@Suite struct ShrinkerTests {
    /// maple's over-ask buried in noise: a 32-page aligned hole at the top of a 0x7f-page
    /// window that maple (needing 63 pages) cannot use, among unrelated commands.
    static let noisy = """
        domain start=1 granule=4096
        alloc 5 limit=dma40
        alloc 32 limit=0x7f aligned
        find 0x10
        alloc 95 limit=0x7f
        alloc 7 limit=dma40 aligned
        reserve 0x100000 0x1000ff
        free @3
        free @6
        alloc 3
        alloc 32 limit=0x7f aligned
        alloc 1 limit=dma32
        """

    func scenario(_ text: String) throws -> WitnessScenario {
        try WitnessScenario(lines: Scenario.parse(text, file: "t"))
    }

    @Test func shrinksToTheOverAsk() throws {
        let finder = DepartureFinder(a: MainlinePolicy.self, b: MaplePolicy.self, want: .fail)
        #expect(finder.first(in: try scenario(Self.noisy)) != nil)
        var shrinker = Shrinker(finder: finder)
        let (small, departure) = shrinker.shrink(try scenario(Self.noisy))
        // What is left still departs, and ends at the departure.
        #expect(finder.first(in: small) == departure)
        #expect(departure.index == small.items.count - 1)
        #expect(departure.a.range != nil && departure.b.range == nil)
        // 1-minimal: no single command (with the frees naming it) can go.
        for i in small.items.indices {
            var fewer = small
            fewer.items.remove(at: i)
            #expect(finder.first(in: fewer.closed()) == nil, "command \(i) of \(small.text()) was not needed")
        }
        #expect(small.items.count <= 4, "\(small.text())")
    }

    /// Every candidate the shrinker tries is a scenario the parser accepts.
    @Test func candidatesStayValid() throws {
        let finder = DepartureFinder(a: MainlinePolicy.self, b: AugmentedPolicy.self, want: .placement)
        var checked = 0
        var shrinker = Shrinker(finder: finder)
        shrinker.observe = { candidate in
            checked += 1
            let text = candidate.text().joined(separator: "\n")
            #expect((try? Scenario.parse(text, file: "candidate")) != nil, "invalid candidate:\n\(text)")
        }
        let (small, _) = shrinker.shrink(try scenario(Self.noisy))
        #expect(checked > 10)
        #expect(small.items.count <= 3)
    }
}

/// Each simplification is a step towards a simplest form, so simplifying cannot cycle.
@Suite struct SimplificationTests {
    @Test func limitsOnlyMoveTowardsTheDefault() throws {
        let config = DomainConfig.standard
        func limits(_ limit: UInt64) -> [UInt64] {
            Simplifications.candidates(.alloc(size: 1, limit: limit, fallback: nil, aligned: false), config: config).compactMap {
                if case let .alloc(_, l, _, _) = $0, l != limit { l } else { nil }
            }
        }
        #expect(limits(config.maxPFN) == [])
        #expect(limits(config.dma32Limit) == [config.maxPFN])
        #expect(limits(0x1ff) == [config.maxPFN, config.dma32Limit])
    }
}
