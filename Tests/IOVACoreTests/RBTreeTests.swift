// The raw red-black tree (lib/rbtree.c port): structural soundness under random insert/erase,
// hand-derived shapes for every erase case, and the kernel shape vector (docs/algorithms/mainline.md § Golden results).
import IOVACore
import TestSupport
import Testing

@Suite("RBTree: structure and Linux-identical shapes")
struct RBTreeTests {
    // MARK: Helpers

    /// Builds a tree by inserting single-pfn nodes `[k, k]` in the given order.
    static func build(_ keys: [UInt64]) -> (RBTree<NoAugment>, [UInt64: NodeID]) {
        var t = RBTree<NoAugment>()
        var o = NullObserver()
        var ids: [UInt64: NodeID] = [:]
        for k in keys { ids[k] = t.insert(lo: k, hi: k, observer: &o) }
        return (t, ids)
    }

    static func inOrderKeys(_ t: RBTree<NoAugment>) -> [UInt64] {
        var out: [UInt64] = []
        t.forEachInOrder { out.append(t.range($0).lo) }
        return out
    }

    static func childCount(_ t: RBTree<NoAugment>, _ n: NodeID) -> Int {
        (t.left(n).exists ? 1 : 0) + (t.right(n).exists ? 1 : 0)
    }

    // MARK: Randomized soundness

    /// Thousands of random inserts and erases against a sorted-array model; the red-black rules
    /// (validateStructure) must hold after every single operation, and the in-order walk,
    /// first/last, next/prev and find must agree with the model.
    @Test("random insert/erase keeps the tree sound after every op", arguments: [UInt64(1), 2, 3])
    func randomInsertErase(seed: UInt64) {
        var rng = TestRNG(seed: seed)
        var t = RBTree<NoAugment>()
        var o = NullObserver()
        var model: [UInt64] = []        // sorted keys; node k holds [4k, 4k+2]
        let ops = 3000
        var inserts = 0, erases = 0
        for i in 0..<ops {
            // Bias towards inserting while small so the tree reaches a few hundred nodes.
            let insert = model.isEmpty || rng.percent() < (model.count < 300 ? 60 : 45)
            let what: String
            if insert {
                var k: UInt64
                repeat { k = rng.below(2000) } while model.contains(k)
                let id = t.insert(lo: 4 * k, hi: 4 * k + 2, observer: &o)
                if id.isNone || t.range(id) != R(4 * k, 4 * k + 2) {
                    Issue.record("seed \(seed) op \(i): insert of key \(k) returned \(id)")
                    return
                }
                model.insert(k, at: model.firstIndex(where: { $0 > k }) ?? model.count)
                inserts += 1
                what = "insert \(k)"
            } else {
                let k = model[Int(rng.below(UInt64(model.count)))]
                // Any pfn inside the range finds the node.
                let id = t.find(containing: 4 * k + rng.below(3))
                if id.isNone || t.range(id).lo != 4 * k {
                    Issue.record("seed \(seed) op \(i): find(containing:) missed key \(k)")
                    return
                }
                t.erase(id, observer: &o)
                model.removeAll { $0 == k }
                erases += 1
                what = "erase \(k)"
            }
            let problems = t.validateStructure()
            if !problems.isEmpty {
                Issue.record("seed \(seed) op \(i) (\(what)): \(problems)")
                return
            }
            let keys = Self.inOrderKeys(t).map { $0 / 4 }
            if keys != model || t.count != model.count {
                Issue.record("seed \(seed) op \(i) (\(what)): in-order keys \(keys) != model \(model)")
                return
            }
            // Navigation agrees with the model at both ends and around a random key.
            if let lo = model.first, let hi = model.last {
                if t.range(t.first).lo != 4 * lo || t.range(t.last).lo != 4 * hi {
                    Issue.record("seed \(seed) op \(i): first/last disagree with the model")
                    return
                }
                let j = Int(rng.below(UInt64(model.count)))
                let n = t.find(containing: 4 * model[j])
                let nx = t.next(n), pv = t.prev(n)
                let wantNext = j + 1 < model.count ? model[j + 1] : nil
                let wantPrev = j > 0 ? model[j - 1] : nil
                if (nx.exists ? t.range(nx).lo / 4 : nil) != wantNext || (pv.exists ? t.range(pv).lo / 4 : nil) != wantPrev {
                    Issue.record("seed \(seed) op \(i): next/prev of key \(model[j]) disagree with the model")
                    return
                }
            } else if t.first.exists || t.last.exists {
                Issue.record("seed \(seed) op \(i): empty tree has a first/last node")
                return
            }
            // The pfn between two ranges belongs to no node.
            if t.find(containing: 4 * rng.below(2000) + 3).exists {
                Issue.record("seed \(seed) op \(i): find(containing:) hit a gap pfn")
                return
            }
        }
        #expect(inserts > 1000 && erases > 1000, "seed \(seed): only \(inserts) inserts, \(erases) erases")
    }

    // MARK: Hand-derived shapes
    //
    // Insertion order 10, 20, 30, 40, 50, 5 gives (derived by hand with lib/rbtree.c's cases):
    //            B20
    //          /     \
    //        B10      B40
    //        /       /   \
    //      R5      R30   R50
    static let baseKeys: [UInt64] = [10, 20, 30, 40, 50, 5]
    static let baseShape = "(B:14-14 (B:a-a (R:5-5 . .) .) (B:28-28 (R:1e-1e . .) (R:32-32 . .)))"

    @Test("insert fix-up (recolour and both rotations) builds the hand-derived shape")
    func insertShape() {
        let (t, _) = Self.build(Self.baseKeys)
        #expect(t.preorderString() == Self.baseShape)
        #expect(t.validateStructure().isEmpty)
    }

    /// Erasing a red leaf (0 children) needs no fix-up: the node simply disappears.
    @Test("erase a node with no children")
    func eraseLeaf() {
        var (t, ids) = Self.build(Self.baseKeys)
        var o = NullObserver()
        #expect(Self.childCount(t, ids[5]!) == 0)
        t.erase(ids[5]!, observer: &o)
        #expect(t.preorderString() == "(B:14-14 (B:a-a . .) (B:28-28 (R:1e-1e . .) (R:32-32 . .)))")
        #expect(t.validateStructure().isEmpty)
        #expect(t.count == 5)
    }

    /// Erasing a node with one child: the (red) child takes its place and its black colour.
    @Test("erase a node with one child")
    func eraseOneChild() {
        var (t, ids) = Self.build(Self.baseKeys)
        var o = NullObserver()
        #expect(Self.childCount(t, ids[10]!) == 1)
        t.erase(ids[10]!, observer: &o)
        #expect(t.preorderString() == "(B:14-14 (B:5-5 . .) (B:28-28 (R:1e-1e . .) (R:32-32 . .)))")
        #expect(t.validateStructure().isEmpty)
    }

    /// Two children, the successor is the right child itself: it moves up and takes the
    /// erased node's colour; it was red, so no fix-up.
    @Test("erase a node with two children (successor is the right child)")
    func eraseTwoChildrenNearSuccessor() {
        var (t, ids) = Self.build(Self.baseKeys)
        var o = NullObserver()
        #expect(Self.childCount(t, ids[40]!) == 2)
        t.erase(ids[40]!, observer: &o)
        #expect(t.preorderString() == "(B:14-14 (B:a-a (R:5-5 . .) .) (B:32-32 (R:1e-1e . .) .))")
        #expect(t.validateStructure().isEmpty)
        // The successor node keeps its id (the kernel moves the node, not the key).
        #expect(t.range(ids[50]!) == R(50))
    }

    /// Two children, the successor is deeper (leftmost of the right subtree): the root is
    /// replaced by 30, which leaves 40's left slot empty.
    @Test("erase the root with two children (successor deep in the right subtree)")
    func eraseTwoChildrenDeepSuccessor() {
        var (t, ids) = Self.build(Self.baseKeys)
        var o = NullObserver()
        #expect(t.root == ids[20]!)
        #expect(Self.childCount(t, ids[20]!) == 2)
        t.erase(ids[20]!, observer: &o)
        #expect(t.preorderString() == "(B:1e-1e (B:a-a (R:5-5 . .) .) (B:28-28 . (R:32-32 . .)))")
        #expect(t.root == ids[30]!)
        #expect(t.validateStructure().isEmpty)
    }

    /// Erasing black leaves runs the erase colour fix-up: first case 4 (red far nephew,
    /// rotate at the parent), then case 2 (recolour the sibling, deficit moves to the root).
    @Test("erase black leaves: fix-up case 4 then case 2")
    func eraseBlackLeaves() {
        // 10, 20, 30, 40 → B20 (B10, B30 (., R40)).
        var (t, ids) = Self.build([10, 20, 30, 40])
        var o = NullObserver()
        #expect(t.preorderString() == "(B:14-14 (B:a-a . .) (B:1e-1e . (R:28-28 . .)))")
        t.erase(ids[10]!, observer: &o)
        #expect(t.preorderString() == "(B:1e-1e (B:14-14 . .) (B:28-28 . .))")
        #expect(t.validateStructure().isEmpty)
        t.erase(ids[20]!, observer: &o)
        #expect(t.preorderString() == "(B:1e-1e . (R:28-28 . .))")
        #expect(t.validateStructure().isEmpty)
        t.erase(ids[30]!, observer: &o)
        t.erase(ids[40]!, observer: &o)
        #expect(t.preorderString() == ".")
        #expect(t.count == 0 && t.first.isNone && t.validateStructure().isEmpty)
    }

    @Test("insert refuses a duplicate key (the kernel warns and returns)")
    func duplicateKey() {
        var (t, _) = Self.build([10, 20])
        var o = NullObserver()
        let dup = t.insert(lo: 10, hi: 10, observer: &o)
        #expect(dup.isNone)
        #expect(t.count == 2)
    }

    // MARK: Kernel shape vector (docs/algorithms/mainline.md § Golden results)

    /// Scenario C's tree after 8 size-1 allocations below 4 GiB, then after free(0xffffc),
    /// written out by hand from the description in docs/algorithms/mainline.md § Golden results.
    @Test("Kernel rb-tree shape vector (Scenario C)")
    func kernelShapeVector() throws {
        let h = try Harness()
        for _ in 0..<8 { h.alloc(1, limit: 0xfffff) }
        let anchor = "(B:ffffffffffffffff-ffffffffffffffff . .)"
        let right = "(R:fffff-fffff (B:ffffe-ffffe . .) \(anchor))"
        #expect(h.p.tree.preorderString() ==
            "(B:ffffd-ffffd (R:ffffb-ffffb (B:ffff9-ffff9 (R:ffff8-ffff8 . .) (R:ffffa-ffffa . .)) (B:ffffc-ffffc . .)) \(right))")
        #expect(h.free(0xffffc))
        #expect(h.p.tree.preorderString() ==
            "(B:ffffd-ffffd (R:ffff9-ffff9 (B:ffff8-ffff8 . .) (B:ffffb-ffffb (R:ffffa-ffffa . .) .)) \(right))")
    }

    // MARK: Value semantics (the node arena is copy-on-write)

    /// The stepper keeps copies of policies as checkpoints: a copy must not see the original's
    /// writes, erasures (slot reuse) or growth past the arena's capacity, nor the other way round.
    @Test("a copied tree is independent of the original")
    func copiesAreIndependent() {
        var o = NullObserver()
        var (t, ids) = Self.build(Array(stride(from: UInt64(0), to: 40, by: 2)))
        let snapshot = t
        let before = t.preorderString()
        t.erase(ids[10]!, observer: &o)
        for k in stride(from: UInt64(1), to: 401, by: 2) { _ = t.insert(lo: k, hi: k, observer: &o) }
        #expect(t.count == 219 && t.validateStructure().isEmpty)
        #expect(snapshot.preorderString() == before && snapshot.validateStructure().isEmpty)

        var copy = snapshot
        copy.erase(ids[0]!, observer: &o)
        _ = copy.insert(lo: 100, hi: 100, observer: &o)
        #expect(copy.count == 20 && copy.validateStructure().isEmpty)
        #expect(snapshot.preorderString() == before)
    }

    @Test("a copied augmented policy is independent of the original")
    func policyCopiesAreIndependent() {
        var p = LimitAwarePolicy(config: .standard)
        let limit = DomainConfig.standard.dma32Limit
        var lows: [UInt64] = []
        for _ in 0..<64 { if let r = p.alloc(size: 4, limit: limit, aligned: true).range { lows.append(r.lo) } }
        let snapshot = p
        let before = snapshot.domain.tree.preorderString()
        for lo in lows.prefix(32) {
            let freed = p.free(pfn: lo)
            #expect(freed)
        }
        for _ in 0..<100 { _ = p.alloc(size: 2, limit: limit, aligned: false) }
        #expect(p.validate().isEmpty)
        #expect(snapshot.domain.tree.preorderString() == before && snapshot.validate().isEmpty)
    }
}
