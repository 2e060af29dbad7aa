import IOVACore
import IOVAMaple
import TestSupport
import Testing

/// The maple policy against `MaplePolicyModel` on the shared seeded sequences, compared after
/// every operation: result, the whole range list, max32, and the tree validator.
@Suite struct MaplePolicyRandomizedTests {
    static func mismatch(_ p: MaplePolicy, _ model: MaplePolicyModel) -> String? {
        let problems = p.validate()
        if !problems.isEmpty { return "validate(): \(problems.prefix(3))" }
        if p.max32AllocSize != model.max32 { return "max32 \(hx(p.max32AllocSize)), model \(hx(model.max32))" }
        let mine = p.rangeList()
        if mine != model.ranges {
            let i = (0..<min(mine.count, model.count)).first { mine[$0] != model.ranges[$0] } ?? min(mine.count, model.count)
            return "range lists differ at \(i): \(mine.dropFirst(i).prefix(3)) vs model \(model.ranges.dropFirst(i).prefix(3))"
        }
        if p.liveCount != model.count { return "liveCount \(p.liveCount), model \(model.count)" }
        return nil
    }

    // Long tier: 4,000 operations per run instead of 1,200 (RandomRun.opsPerRun).
    @Test("maple equals the brute-force model after every operation", arguments: RandomRun.all + RandomRun.long)
    func matchesModel(run: RandomRun) throws {
        var p = MaplePolicy(config: try DomainConfig(startPFN: run.startPFN, granule: run.granule))
        let model = MaplePolicyModel(startPFN: run.startPFN, granule: run.granule)
        var gen = RandomOpGenerator(run: run)
        var allocOK = 0, allocFail = 0, freed = 0, merged = 0, maxHeight = 1
        for i in 0..<run.ops {
            let op = gen.next(model.ranges)
            let mine: PFNRange?, theirs: PFNRange?
            switch op {
            case let .alloc(size, limit, aligned):
                mine = p.alloc(size: size, limit: limit, aligned: aligned).range
                theirs = model.alloc(size: size, limit: limit, aligned: aligned)
                if mine == nil { allocFail += 1 } else { allocOK += 1 }
            case let .free(pfn):
                let ok = p.free(pfn: pfn)
                #expect(ok == model.free(pfn: pfn), "op \(i) \(op)")
                if ok { freed += 1 }
                mine = nil; theirs = nil
            case let .reserve(lo, hi):
                let before = model.count
                mine = p.reserve(lo: lo, hi: hi)
                theirs = model.reserve(lo: lo, hi: hi)
                if model.count < before { merged += 1 }
            case let .find(pfn):
                mine = p.find(pfn: pfn)
                theirs = model.find(pfn: pfn)
            }
            maxHeight = max(maxHeight, p.tree.height)
            if mine != theirs {
                Issue.record("seed \(hx(run.seed)) op \(i) \(op): \(hx(mine)), model \(hx(theirs))")
                return
            }
            if let problem = Self.mismatch(p, model) {
                Issue.record("seed \(hx(run.seed)) op \(i) \(op): \(problem)")
                return
            }
        }
        print("[maple randomized] seed \(hx(run.seed)): alloc \(allocOK) ok / \(allocFail) failed, \(freed) frees, \(merged) merging reserves, height up to \(maxHeight)")
        #expect(allocOK > 0 && allocFail > 0 && freed > 0 && merged > 0, "seed \(hx(run.seed))")
        #expect(maxHeight >= 2, "seed \(hx(run.seed)): the tree never grew past one leaf")
    }
}
