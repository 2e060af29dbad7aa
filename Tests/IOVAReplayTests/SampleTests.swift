import Testing
import IOVACore
import IOVAReplay

/// The scenarios in Samples/ replay to their committed expected output on `mainline`. The
/// values that kernel-iova.md §1.12 and §2.6 give for them are asserted separately below and in
/// IOVACoreTests, so a regenerated expectation cannot silently drift from the kernel.
@Suite struct SampleTests {
    static let files = Fixtures.scenarios(in: Fixtures.samples + "/kernel") + Fixtures.scenarios(in: Fixtures.samples + "/kunit")

    @Test func samplesArePresent() {
        #expect(Self.files.count >= 14)
    }

    @Test(arguments: files)
    func replayMatchesExpected(_ path: String) throws {
        let expected = try #require(readTextFile(Fixtures.expectedPath(for: path)), "no expected jsonl next to \(path)")
        let got = try Fixtures.replayJSONL(path, tree: expected.contains("\"tree\":"), validate: true)
        #expect(got == expected, "\(path) no longer replays to its expected jsonl")
    }

    /// Allocation results of a sample, in order, as hex (nil for a failure).
    func allocResults(_ name: String) throws -> [UInt64?] {
        let got = try Fixtures.replayJSONL(Fixtures.samples + "/" + name, tree: false)
        return got.split(separator: "\n").filter { $0.contains("\"op\":\"alloc\"") }.map { line in
            guard let r = line.firstRange(of: "\"lo\":") else { return nil }
            let digits = line[r.upperBound...].prefix(while: \.isNumber)
            return UInt64(digits)
        }
    }

    @Test func scenarioAResultsAreTheKernels() throws {
        #expect(try allocResults("kernel/scenario-a-retry.iova") == [0x20c00, 0x20000, 0xd00, 0x0, 0x20a00])
    }

    @Test func scenarioGResultsAreTheKernels() throws {
        #expect(try allocResults("kernel/scenario-g-next-fit.iova") == [0x7ffff, 0x7fffe, 0x80000])
    }

    @Test func scenarioFResultsAreTheKernels() throws {
        #expect(try allocResults("kernel/scenario-f-alignment.iova")
                == [0xfffff, 0xffffc, 0xffff0, 0xfffe8, 0xfffe0, 0xfffd8, 0xfffc0, 0xfffbd, 0xfffbc])
    }

    @Test func kunitLastResultsAreTheKernels() throws {
        #expect(try allocResults("kunit/32bit-in-64bit-domain.iova").last == 0xfffff)
        #expect(try allocResults("kunit/arbitrary-dma-limits.iova").suffix(2) == [0x1fffff, 0xfffc18])
        #expect(try allocResults("kunit/aligned-in-fragmented.iova").last == 0xffffe)
        #expect(try allocResults("kunit/fragmented-32bit-search.iova").suffix(2) == [0xfe0a0, 0xffffe0])
        #expect(try allocResults("kunit/full-space-search.iova").last == .some(nil))
        #expect(try allocResults("kunit/reserve-iova.iova") == (0..<100).map { 0x7fffe - UInt64($0) })
        #expect(try allocResults("kunit/size-aligned.iova")
                == [0xfffff, 0xffffe, 0xffffc, 0xffff8, 0xffff0, 0xfffe0, 0xfffc0, 0xfff80])
    }
}
