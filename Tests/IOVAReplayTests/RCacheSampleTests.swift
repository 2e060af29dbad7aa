import Testing
import IOVACore
import IOVAReplay

/// The stories of Samples/rcache (the DMA path): every figure their headers quote, as
/// `mainline` answers it, so that a regenerated expectation cannot drift from its story.
/// SampleTests holds the files to their expected output on every policy.
@Suite struct RCacheSampleTests {
    /// One record per operation (the `domain` record dropped), as jsonl lines: `ops[n - 1]` is op n.
    static func operations(_ name: String, policy: PolicyName = .mainline) throws -> [Substring] {
        let text = try Fixtures.replayJSONL(Fixtures.samples + "/rcache/" + name + ".iova", policy: policy, tree: false)
        return text.split(separator: "\n").filter { !$0.contains("\"op\":\"domain\"") }
    }

    /// The number after `"key":` in a record, nil for `null` or no such key.
    static func number(_ key: String, in record: Substring) -> UInt64? {
        guard let r = record.firstRange(of: "\"\(key)\":") else { return nil }
        return UInt64(record[r.upperBound...].prefix(while: \.isNumber))
    }

    @Test func dma32MissScansTheWholeMagazine() throws {
        let ops = try Self.operations("dma32-miss")
        #expect(ops.count == 259)
        #expect(ops[253].contains("\"rcache\":[[0,0,0],[0,0,0],[0,127,0],"), "op 254 leaves the loaded magazine full")
        // Op 255: misses all 127 pfns, then the tree walks the 127 cached ranges from the anchor.
        #expect(ops[254].contains("\"lo\":1048572,\"hi\":1048575,\"from\":\"tree\",\"visits\":128"))
        #expect(ops[255].contains("\"from\":\"rcache\",\"visits\":0"))
        #expect(ops[257].contains("\"lo\":1048572,\"hi\":1048575,\"from\":\"rcache\",\"visits\":0"))
        #expect(ops[258].contains("\"lo\":1048568,\"hi\":1048571,\"from\":\"tree\",\"visits\":1"))
    }

    @Test func uncacheableCliff() throws {
        let ops = try Self.operations("uncacheable-cliff")
        #expect(ops.count == 385)
        func maps(_ size: Int) -> [Substring] { ops.filter { $0.contains("\"op\":\"map\"") && $0.contains("\"size\":\(size),") } }
        for size in [16, 32] {
            let m = maps(size)
            #expect(m.count == 64)
            #expect(m.prefix(32).allSatisfy { $0.contains("\"from\":\"tree\",\"visits\":1") }, "\(size) pages warm up in the tree")
            #expect(m.dropFirst(32).allSatisfy { $0.contains("\"from\":\"rcache\",\"visits\":0") }, "\(size) pages then hit the magazines")
        }
        let big = maps(33)
        #expect(big.count == 64 && big.allSatisfy { $0.contains("\"from\":\"tree\"") })
        let visits = big.map { Self.number("visits", in: $0) ?? 0 }
        #expect(visits.reduce(0, +) == 174)
        #expect(visits.dropFirst(32).reduce(0, +) == 142, "4.4 per map once 32 are in flight")
        #expect(visits.max() == 19 && Self.number("visits", in: ops[300]) == 19, "op 301")
        let unmaps = ops.filter { $0.contains("\"op\":\"unmap\"") && $0.contains("\"size\":33,") }
        #expect(unmaps.count == 64 && unmaps.allSatisfy { $0.contains("\"to\":\"tree\",\"found\":true") })
    }

    @Test func depotGrowsAndTrims() throws {
        let ops = try Self.operations("depot-trim")
        #expect(ops.count == 1022)
        #expect([763, 764, 891, 892, 1018, 1019].map { Self.rcacheDepot(ops[$0 - 1]) } == [0, 1, 1, 2, 2, 3])
        #expect([765, 1020, 1021].map { Self.number("freed", in: ops[$0 - 1]) } == [0, 127, 0])
        #expect([765, 1020, 1021].map { Self.rcacheDepot(ops[$0 - 1]) } == [1, 2, 2])
        #expect(ops[1021].contains("\"cpu\":1,\"flush\":false,") && ops[1021].contains("\"from\":\"rcache\",\"visits\":0"))
        #expect(ops[1021].contains("\"rcache\":[[1,1,127,126,0],"), "CPU 1 took a whole magazine from the depot")
    }

    /// The depot count of class 0: the first number of `"rcache":[[`.
    static func rcacheDepot(_ record: Substring) -> UInt64? {
        guard let r = record.firstRange(of: "\"rcache\":[[") else { return nil }
        return UInt64(record[r.upperBound...].prefix(while: \.isNumber))
    }

    @Test func flushOnFailure() throws {
        let ops = try Self.operations("flush-on-failure")
        #expect(ops.count == 23)
        #expect(ops[19].contains("\"lo\":null,\"hi\":null,\"from\":null,\"visits\":17,\"max32\":4,"))
        #expect(ops[20].contains("\"lo\":null,\"hi\":null,\"from\":null,\"visits\":0,\"max32\":4,"))
        #expect(ops[21].contains("\"flush\":true,\"lo\":1048560,\"hi\":1048567,\"from\":\"flush\",\"visits\":1,\"max32\":1048576,"))
        #expect(ops[22].contains("\"lo\":1048536,\"hi\":1048539,\"from\":\"tree\",\"visits\":6,"))
        // maple asks for size + align - 1 free pages: the retry after the flush fails there.
        #expect(try Self.operations("flush-on-failure", policy: .maple)[21].contains("\"from\":null"))
    }

    @Test func nicLosesItsWorkaround() throws {
        let ops = try Self.operations("nic-loses-dma32")
        #expect(ops.count == 14)
        #expect(ops[2...5].allSatisfy { $0.contains("\"limit\":1048575,") && $0.contains("\"workaround\":true") })
        #expect(ops[8].contains("\"limit\":68719476735,\"lo\":68719476720,\"hi\":68719476735,\"from\":\"tree\",\"visits\":6,\"workaround\":false,\"max32\":16,"))
        #expect(ops[9].contains("\"limit\":68719476735,\"lo\":1048528,") && ops[9].contains("\"from\":\"rcache\""))
        #expect(ops[11].contains("\"device\":\"nic1\"") && ops[11].contains("\"limit\":1048575,\"lo\":1048512,") && ops[11].contains("\"workaround\":true"))
        #expect(ops[12].contains("\"lo\":68719476704,"))
        #expect(ops[13].contains("\"device\":\"nic1\"") && ops[13].contains("\"lo\":68719476688,") && ops[13].contains("\"visits\":1,\"workaround\":false"))
        #expect(ops[13].contains("\"rcache\":[[0,0,0,0,0],[0,0,0,0,0],[0,0,0,0,0],[0,0,0,0,0],[0,0,0,1,0],"), "0xfffe0 still in CPU 1's magazine")
        // maple: the window takes three rings, and nic loses the workaround at op 6.
        let maple = try Self.operations("nic-loses-dma32", policy: .maple)
        #expect(maple[5].contains("\"workaround\":false") && maple[4].contains("\"workaround\":true"))
    }
}
