import Testing
import IOVACore
import IOVAReplay

/// Every scenario of the kernel vectors (real `drivers/iommu/iova.c` answers, see
/// Tests/Fixtures/kernel-vectors/README.md) replays on `mainline` to exactly the kernel's jsonl:
/// results, `max32`, both cached nodes, the rb-tree shape and colours, and `visits` — byte for
/// byte, with the validators run after every command (sampled on the files over 300 lines in
/// the default tier: `Fixtures.Validation.sampled`).
@Suite struct KernelVectorTests {
    static let files = Fixtures.scenarios(in: Fixtures.kernelVectors)

    @Test func allVectorsArePresent() {
        #expect(Self.files.count == 54, "expected the 54 kernel vector scenarios in \(Fixtures.kernelVectors)")
    }

    @Test(arguments: files)
    func replayMatchesKernel(_ path: String) throws {
        let expected = try #require(readTextFile(Fixtures.expectedPath(for: path)))
        let withTree = expected.contains("\"tree\":")
        // Long tier: the validators after every command of the 28 files over 300 lines too.
        let got = try Fixtures.replayJSONL(path, tree: withTree, validation: Fixtures.validation(for: path))
        if got == expected { return }       // the common case; splitting 3 MB into lines is not free
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let gotLines = got.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(gotLines.count == expectedLines.count, "line count for \(path)")
        if let i = (0..<min(gotLines.count, expectedLines.count)).first(where: { gotLines[$0] != expectedLines[$0] }) {
            Issue.record("\(path): first difference at output line \(i + 1)\n got: \(gotLines[i])\n exp: \(expectedLines[i])")
        }
    }
}
