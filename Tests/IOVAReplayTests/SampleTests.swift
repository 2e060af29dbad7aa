import Testing
import IOVACore
import IOVAReplay

/// The scenarios in Samples/ replay to their committed expected output on every policy
/// (`GROUP/expected/NAME.expected.jsonl`; `NAME.POLICY.expected.jsonl` off mainline). The values
/// that docs/algorithms/mainline.md and docs/algorithms/README.md give for them are asserted separately below and in the
/// core and proposal tests, so a regenerated expectation cannot silently drift from them.
@Suite struct SampleTests {
    static let files = ["kernel", "kunit", "library", "rcache"].flatMap { Fixtures.scenarios(in: Fixtures.samples + "/" + $0) }
    /// The exact-highest-fit policies (one column of the KUnit table, docs/algorithms/README.md).
    static let proposals: [PolicyName] = [.augmented, .augmented32, .limitAware, .alignAware]
    /// Every policy but mainline: each has its own expectation files.
    static let others = proposals + [.maple]

    @Test func samplesArePresent() {
        #expect(Self.files.count >= 22)
        for path in Self.files {
            #expect(readTextFile(Fixtures.sampleExpectedPath(for: path)) != nil, "no mainline expectation for \(path)")
            for policy in Self.others {
                #expect(readTextFile(Fixtures.sampleExpectedPath(for: path, policy: policy)) != nil, "no \(policy) expectation for \(path)")
            }
        }
    }

    @Test(arguments: files)
    func replayMatchesExpected(_ path: String) throws {
        let expected = try #require(readTextFile(Fixtures.sampleExpectedPath(for: path)), "no expected jsonl for \(path)")
        // Long tier: the validators after every command of the 14 files over 300 lines too.
        let got = try Fixtures.replayJSONL(path, tree: expected.contains("\"tree\":"), validation: Fixtures.validation(for: path))
        #expect(got == expected, "\(path) no longer replays to its expected jsonl")
    }

    @Test(arguments: files, others)
    func proposalReplayMatchesExpected(_ path: String, policy: PolicyName) throws {
        let expectedPath = Fixtures.sampleExpectedPath(for: path, policy: policy)
        let expected = try #require(readTextFile(expectedPath), "no \(expectedPath)")
        // Long tier: the validators after every command of the 14 files over 300 lines too.
        let got = try Fixtures.replayJSONL(path, policy: policy, tree: expected.contains("\"tree\":"), validation: Fixtures.validation(for: path))
        #expect(got == expected, "\(path) no longer replays to \(expectedPath)")
    }

    /// Allocation results of a sample, in order (nil for a failure).
    func allocResults(_ name: String, policy: PolicyName = .mainline) throws -> [UInt64?] {
        let got = try Fixtures.replayJSONL(Fixtures.samples + "/" + name, policy: policy, tree: false)
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

    /// KUnit pci_32bit_workaround (docs/algorithms/README.md): 500 aligned allocations trying the restricted limit first;
    /// fallbacks 119 / 371 on mainline, 87 / 395 on every highest-fit policy, none failing.
    @Test(arguments: [(1024, 119, 87), (256, 371, 395)])
    func pciWorkaroundFallbacks(restricted: Int, mainline: Int, others: Int) throws {
        for policy in [PolicyName.mainline] + Self.others {
            let got = try Fixtures.replayJSONL(Fixtures.samples + "/kunit/pci-32bit-workaround-\(restricted).iova", policy: policy, tree: false)
            let lines = got.split(separator: "\n")
            #expect(lines.filter { $0.contains("\"fell_back\":true") }.count == (policy == .mainline ? mainline : others), "\(policy)")
            #expect(lines.filter { $0.contains("\"op\":\"alloc\"") && !$0.contains("\"lo\":null") }.count == 500, "\(policy)")
        }
    }

    /// KUnit table, column "maple v4 policy": highest fit except for aligned requests, which need a
    /// run of size + align − 1 pfns (the freed 2-pfn holes of aligned-in-fragmented are skipped).
    @Test func kunitResultsOfMaple() throws {
        #expect(try allocResults("kunit/32bit-in-64bit-domain.iova", policy: .maple).last == 0xfffff)
        #expect(try allocResults("kunit/arbitrary-dma-limits.iova", policy: .maple).suffix(2) == [0x1fffff, 0xfffffffffff])
        #expect(try allocResults("kunit/aligned-in-fragmented.iova", policy: .maple).last == 0xfff7e)
        #expect(try allocResults("kunit/fragmented-32bit-search.iova", policy: .maple).suffix(2) == [0xfe0a0, 0xffffe0])
        #expect(try allocResults("kunit/full-space-search.iova", policy: .maple).last == .some(nil))
        #expect(try allocResults("kunit/reserve-iova.iova", policy: .maple) == (0..<100).map { 0x7fffe - UInt64($0) })
        #expect(try allocResults("kunit/size-aligned.iova", policy: .maple)
                == [0xfffff, 0xffffe, 0xffffc, 0xffff8, 0xffff0, 0xfffe0, 0xfffc0, 0xfff80])
    }

    /// KUnit table, column "augmented v2 highest-fit": every exact-highest-fit policy answers the same.
    @Test(arguments: proposals)
    func kunitResultsOfTheProposals(_ policy: PolicyName) throws {
        #expect(try allocResults("kunit/32bit-in-64bit-domain.iova", policy: policy).last == 0xfffff)
        #expect(try allocResults("kunit/arbitrary-dma-limits.iova", policy: policy).suffix(2) == [0x1fffff, 0xfffffffffff])
        #expect(try allocResults("kunit/aligned-in-fragmented.iova", policy: policy).last == 0xffffe)
        #expect(try allocResults("kunit/fragmented-32bit-search.iova", policy: policy).suffix(2) == [0xfe0a0, 0xffffe0])
        #expect(try allocResults("kunit/full-space-search.iova", policy: policy).last == .some(nil))
        #expect(try allocResults("kunit/reserve-iova.iova", policy: policy) == (0..<100).map { 0x7fffe - UInt64($0) })
        #expect(try allocResults("kunit/top-down-preference.iova", policy: policy) == (0..<16).map { 0xfffff - UInt64($0) })
        #expect(try allocResults("kunit/size-aligned.iova", policy: policy)
                == [0xfffff, 0xffffe, 0xffffc, 0xffff8, 0xffff0, 0xfffe0, 0xfffc0, 0xfff80])
    }

    /// Scenario G under highest fit: the 32-bit request takes the top (0xfffff), and the
    /// 0x80000-page request then fits nowhere (0x7ffff pages above 0x7ffff, 0x7fffe below).
    @Test(arguments: proposals)
    func nextFitScenarioUnderHighestFit(_ policy: PolicyName) throws {
        #expect(try allocResults("kernel/scenario-g-next-fit.iova", policy: policy) == [0x7ffff, 0xfffff, nil])
    }
}
