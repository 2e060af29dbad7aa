import Testing
import IOVACore
@testable import IOVAScenario

/// What well-formed scenarios mean (docs/scenario-format.md).
@Suite struct ParserAcceptsTests {
    func commands(_ text: String) throws -> [Command] {
        try Scenario.parse(text, file: "t.iova").map(\.command)
    }

    @Test func defaultsAndAllCommands() throws {
        let got = try Scenario.parse("""
            # comment
            alloc 16
            alloc 16 limit=dma32 aligned
            alloc 3 aligned limit=0x7ffff
            free 0xffff0

            reserve 0xfee00 0xfeeff   # MSI window
            find 65100
            """, file: "t.iova")
        #expect(got.map(\.line) == [2, 3, 4, 5, 7, 8])
        #expect(got.map(\.command) == [
            .alloc(size: 16, limit: 0xf_ffff_ffff_ffff, aligned: false),
            .alloc(size: 16, limit: 0xfffff, aligned: false).withAligned(true),
            .alloc(size: 3, limit: 0x7ffff, aligned: true),
            .free(pfn: 0xffff0),
            .reserve(lo: 0xfee00, hi: 0xfeeff),
            .find(pfn: 65100),
        ])
    }

    @Test func numbersAllowUnderscoresBetweenDigitsAndHexCase() throws {
        #expect(try commands("free 1_000_000\nfree 0xFF_ff\nfree 0X10\nfree 18446744073709551614")
                == [.free(pfn: 1_000_000), .free(pfn: 0xffff), .free(pfn: 0x10), .free(pfn: 18446744073709551614)])
    }

    @Test func dmaLimitsFollowTheGranule() throws {
        let got = try commands("domain start=0x40 granule=65536\nalloc 1 limit=dma32\nalloc 1 limit=dma33\nalloc 1 limit=dma64\nalloc 1")
        #expect(got == [
            .domain(try DomainConfig(startPFN: 0x40, granule: 65536)),
            .alloc(size: 1, limit: 0xffff, aligned: false),
            .alloc(size: 1, limit: 0x1ffff, aligned: false),
            .alloc(size: 1, limit: 0xffff_ffff_ffff, aligned: false),
            .alloc(size: 1, limit: 0xffff_ffff_ffff, aligned: false),
        ])
    }

    @Test func granule512() throws {
        let got = try commands("domain granule=512 start=8\nalloc 1 limit=dma32")
        #expect(got.last == .alloc(size: 1, limit: (1 << 23) - 1, aligned: false))
    }

    @Test func crlfTabsAndByteOrderMark() throws {
        let text = "\u{FEFF}domain\tstart=1\r\n\talloc  16\t limit=dma32 \r\n# ünïcödé comment ✓\r\nfree 5\r\n"
        #expect(try commands(text) == [
            .domain(.standard), .alloc(size: 16, limit: 0xfffff, aligned: false), .free(pfn: 5),
        ])
    }

    @Test func lastLineWithoutNewline() throws {
        #expect(try commands("free 1\nfree 2") == [.free(pfn: 1), .free(pfn: 2)])
    }

    @Test func emptyAndCommentOnlyFiles() throws {
        #expect(try commands("").isEmpty)
        #expect(try commands("# nothing\n\n   \n").isEmpty)
    }

    @Test func largeAlignedAndUnalignedSizes() throws {
        #expect(try commands("alloc 0x8000000000000000 aligned\nalloc 0xffffffffffffffff")
                == [.alloc(size: 1 << 63, limit: 0xf_ffff_ffff_ffff, aligned: true),
                    .alloc(size: .max, limit: 0xf_ffff_ffff_ffff, aligned: false)])
    }

    @Test func reserveAndFindAnywhere() throws {
        #expect(try commands("reserve 0 0\nreserve 0xffffffffffffffff 0xffffffffffffffff\nfind 0xffffffffffffffff")
                == [.reserve(lo: 0, hi: 0), .reserve(lo: .max, hi: .max), .find(pfn: .max)])
    }
}

extension Command {
    func withAligned(_ a: Bool) -> Command {
        guard case let .alloc(size, limit, _) = self else { return self }
        return .alloc(size: size, limit: limit, aligned: a)
    }
}
