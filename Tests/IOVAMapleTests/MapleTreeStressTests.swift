import IOVACore
@testable import IOVAMaple
import TestSupport
import Testing

/// Node geometry under load: thousands of inserts, erases and overwriting stores on the range
/// tree itself, checked against a plain list of slots after every operation, with the
/// validator after every operation. The tree must grow several levels and shrink back.
@Suite struct MapleTreeStressTests {
    /// The expected leaf slots in index order: entries and the coalesced NULL runs between them.
    static func slots(of entries: [(range: PFNRange, value: UInt32)]) -> [String] {
        var out: [String] = []
        var next: UInt64 = 0
        var open = true                       // whether `next` is still inside [0, 2^64-1]
        for e in entries {
            if e.range.lo > next { out.append("\(next)-\(e.range.lo - 1)=0") }
            out.append("\(e.range.lo)-\(e.range.hi)=\(e.value)")
            if e.range.hi == .max { open = false } else { next = e.range.hi + 1 }
        }
        if open { out.append("\(next)-\(UInt64.max)=0") }
        return out
    }

    static func treeSlots(_ tree: MapleTree) -> [String] {
        var out: [String] = []
        tree.forEachSlot { r, v in out.append("\(r.lo)-\(r.hi)=\(v)") }
        return out
    }

    /// A sorted entry list with the store semantics spelled out: entries cut by `[lo, hi]`
    /// keep their outer parts; the new entry (unless NULL) goes in between.
    static func modelStore(_ entries: inout [(range: PFNRange, value: UInt32)], _ lo: UInt64, _ hi: UInt64, _ value: UInt32) {
        var out: [(range: PFNRange, value: UInt32)] = []
        for e in entries {
            if e.range.hi < lo || e.range.lo > hi { out.append(e); continue }
            if e.range.lo < lo { out.append((PFNRange(lo: e.range.lo, hi: lo - 1), e.value)) }
            if e.range.hi > hi { out.append((PFNRange(lo: hi + 1, hi: e.range.hi), e.value)) }
        }
        if value != 0 { out.append((PFNRange(lo: lo, hi: hi), value)) }
        entries = out.sorted { $0.range.lo < $1.range.lo }
    }

    @Test("random inserts, erases and overwriting stores match a slot list", arguments: [UInt64(0x5EED1), 0x5EED2, 0x5EED3])
    func randomOperations(seed: UInt64) {
        var rng = TestRNG(seed: seed)
        var tree = MapleTree()
        var model: [(range: PFNRange, value: UInt32)] = []
        var quiet = NullObserver()
        var maxHeight = 1, splits = 0, merges = 0
        var events = EventLog()
        let space: UInt64 = 1 << 20
        var i = 0
        // Long tier: the validator and the slot comparison after every operation; the default
        // tier after every 8th and at the end (they cost far more than the operation).
        let checkEvery = TestTier.scaled(default: 8, long: 1)
        // Grow for 4000 operations (to ~1500 entries), then shrink to nothing.
        while i < 4000 || !model.isEmpty {
            defer { i += 1 }
            let growing = i < 4000
            let roll = rng.percent()
            events.events.removeAll(keepingCapacity: true)
            if (growing && roll < 70) || model.isEmpty {
                let lo = rng.below(space), hi = lo + rng.below(rng.percent() < 80 ? 4 : 64)
                let v = UInt32(1 + rng.below(3))
                if rng.percent() < 75 {
                    // Into free space only: the allocator's insert.
                    guard !model.contains(where: { $0.range.lo <= hi && $0.range.hi >= lo }) else { continue }
                    tree.insert(lo: lo, hi: hi, value: v, observer: &events)
                } else {
                    tree.store(lo: lo, hi: hi, value: v, observer: &events)
                }
                Self.modelStore(&model, lo, hi, v)
            } else if roll < 92 || !growing {
                let e = model[Int(rng.below(UInt64(model.count)))]
                let at = e.range.lo + rng.below(e.range.hi - e.range.lo + 1)
                let erased = tree.erase(containing: at, observer: &events)
                #expect(erased?.range == e.range && erased?.value == e.value, "op \(i): erase at \(at)")
                Self.modelStore(&model, e.range.lo, e.range.hi, 0)
            } else {
                let lo = rng.below(space), hi = lo + rng.below(256)
                tree.store(lo: lo, hi: hi, value: 0, observer: &quiet)
                Self.modelStore(&model, lo, hi, 0)
            }
            for e in events.events {
                if case .split = e { splits += 1 }
                if case .merged = e { merges += 1 }
            }
            maxHeight = max(maxHeight, tree.height)
            guard i % checkEvery == 0 else { continue }
            let problems = tree.validate()
            if !problems.isEmpty { Issue.record("seed \(hx(seed)) op \(i): \(problems.prefix(3))"); return }
            if Self.treeSlots(tree) != Self.slots(of: model) { Issue.record("seed \(hx(seed)) op \(i): slots differ"); return }
        }
        #expect(tree.validate().isEmpty, "seed \(hx(seed)): at the end")
        #expect(model.isEmpty)
        #expect(tree.entryCount == 0 && tree.height == 1 && tree.nodeCount == 1, "an empty tree is one leaf")
        #expect(maxHeight >= 3, "height only reached \(maxHeight)")
        #expect(splits > 100 && merges > 100, "splits \(splits), merges \(merges)")
    }

    /// The allocator's pattern: ranges packed top-down (each new one just below the last),
    /// then every other one freed, then the rest: leaves fill, split, and merge away.
    @Test func packedTopDownThenDrained() {
        var tree = MapleTree()
        var quiet = NullObserver()
        let n: UInt64 = 20000, top: UInt64 = 0xfffff
        for i in 0..<n { tree.insert(lo: top - i, hi: top - i, value: 1, observer: &quiet) }
        #expect(tree.validate().isEmpty)
        #expect(tree.entryCount == Int(n))
        #expect(tree.height >= 4, "20000 packed entries in 16-slot leaves under 10-way nodes")
        // Packed entries share leaves without NULL slots between them: at least half full.
        #expect(tree.nodeCount * 8 <= Int(n) * 2, "\(tree.nodeCount) nodes for \(n) entries")
        for i in stride(from: 0, to: n, by: 2) { tree.erase(containing: top - i, observer: &quiet) }
        #expect(tree.validate().isEmpty)
        #expect(tree.entryCount == Int(n / 2))
        for i in stride(from: 1, to: n, by: 2) { tree.erase(containing: top - i, observer: &quiet) }
        #expect(tree.validate().isEmpty)
        #expect(tree.entryCount == 0 && tree.height == 1 && tree.nodeCount == 1)
        #expect(treeIsOneFreeSlot(tree))
    }

    func treeIsOneFreeSlot(_ tree: MapleTree) -> Bool {
        Self.treeSlots(tree) == ["0-\(UInt64.max)=0"]
    }

    /// A single store that spans many leaves (a reserve over thousands of entries) and the
    /// erase of the result.
    @Test func storeAcrossManyLeaves() {
        var tree = MapleTree()
        var quiet = NullObserver()
        for i: UInt64 in 0..<3000 { tree.insert(lo: 10 * i + 100, hi: 10 * i + 104, value: 1, observer: &quiet) }
        let height = tree.height
        tree.store(lo: 152, hi: 29_000, value: 2, observer: &quiet)
        #expect(tree.validate().isEmpty)
        #expect(tree.entry(containing: 5000)?.range == R(152, 29_000))
        #expect(tree.entry(containing: 150)?.range == R(150, 151), "the cut entry keeps its lower part")
        #expect(tree.entry(containing: 29_003)?.range == R(29_001, 29_004), "the cut entry keeps its upper part")
        // Below: [100..104] … [140..144] and the cut [150..151]; the store; above: the cut
        // [29001..29004] and the 109 entries from 29010 up.
        #expect(tree.entryCount == 6 + 1 + 1 + 109)
        #expect(tree.height <= height)
        tree.erase(containing: 152, observer: &quiet)
        #expect(tree.validate().isEmpty)
        #expect(tree.entry(containing: 5000) == nil)
    }

    /// The validator is not a rubber stamp: corrupt one field at a time and it must complain.
    @Test func validatorCatchesCorruption() {
        var base = MapleTree()
        var quiet = NullObserver()
        for i: UInt64 in 0..<500 { base.insert(lo: 4 * i, hi: 4 * i + 1, value: 1, observer: &quiet) }
        #expect(base.validate().isEmpty)
        let root = base.root
        #expect(!base.isLeaf(root))

        var badGap = base
        badGap.makeUnique()   // the arenas are shared with `base` until then
        badGap.words[badGap.gapBase(root)] += 1
        #expect(badGap.validate().contains { $0.message.contains("gap[0]") })

        var badPivot = base
        badPivot.makeUnique()   // the arenas are shared with `base` until then
        badPivot.words[badPivot.base(root)] = badPivot.words[badPivot.base(root) + 1]
        #expect(!badPivot.validate().isEmpty)

        var badParent = base
        badParent.makeUnique()   // the arenas are shared with `base` until then
        let child = badParent.child(root, 1)
        badParent.info[child.index].parentSlot = 0
        #expect(badParent.validate().contains { $0.message.contains("parent link") })

        var badCount = base
        badCount.entryCount += 1
        #expect(badCount.validate().contains { $0.message.contains("entries found") })

        // Two neighbouring NULL slots: free an entry's slot in place without coalescing.
        var badNull = base
        badNull.makeUnique()   // the arenas are shared with `base` until then
        let (leaf, slot) = badNull.leaf(containing: 4)
        badNull.setHalf(badNull.slotHalf(leaf) + slot, 0)
        #expect(badNull.validate().contains { $0.message.contains("follows a NULL slot") })
        // Each corruption went into a copy's own arenas: the tree they were copied from is intact.
        #expect(base.validate().isEmpty)
    }

    /// Copies share their arenas until one writes (checkpoints rely on it): inserts, erases and
    /// stores into a copy, enough to split and merge nodes, leave the original's slots as they were,
    /// and the other way round.
    @Test func copiesAreIndependent() {
        var original = MapleTree()
        var quiet = NullObserver()
        for i: UInt64 in 0..<300 { original.insert(lo: 8 * i, hi: 8 * i + 3, value: 1, observer: &quiet) }
        let before = Self.treeSlots(original)
        var copy = original
        for i: UInt64 in stride(from: 0, to: 300, by: 3) { copy.erase(containing: 8 * i, observer: &quiet) }
        for i: UInt64 in 300..<600 { copy.insert(lo: 8 * i, hi: 8 * i + 5, value: 2, observer: &quiet) }
        copy.store(lo: 100, hi: 900, value: 3, observer: &quiet)
        #expect(Self.treeSlots(original) == before)
        #expect(original.validate().isEmpty)
        #expect(copy.validate().isEmpty)
        let copied = Self.treeSlots(copy)
        #expect(copied != before)
        original.erase(containing: 8, observer: &quiet)
        #expect(Self.treeSlots(copy) == copied)
        #expect(original.validate().isEmpty)
    }

    @Test func nodeBudget() {
        #expect(MapleLayout.leafLayoutBytes == 256)
        #expect(MapleLayout.internalLayoutBytes <= MapleLayout.nodeBytes)
        // The parts of a node fit its words without overlapping.
        #expect(MapleLayout.leafSlots - 1 <= MapleLayout.leafSlotWord)
        #expect(MapleLayout.leafSlotWord + MapleLayout.leafSlots / 2 <= MapleLayout.nodeWords)
        #expect(MapleLayout.internalSlots - 1 <= MapleLayout.gapWord)
        #expect(MapleLayout.gapWord + MapleLayout.internalSlots <= MapleLayout.internalSlotWord)
        #expect(MapleLayout.internalSlotWord + (MapleLayout.internalSlots + 1) / 2 <= MapleLayout.nodeWords)
        #expect(MapleLayout.nodeWords * 8 % 64 == 0, "a node is whole cache lines")
    }
}
