// Removal: behaves like `free_iova()` → `remove_iova()`, including
// `__cached_rbnode_delete_update()` (docs/algorithms/mainline.md § Cache maintenance on free, § Find and free).

extension MainlinePolicy {
    public mutating func free<O: AllocatorObserver>(pfn: UInt64, observer: inout O) -> Bool {
        let f = tree.find(containing: pfn)
        guard f.exists, f != anchor else { return false }
        let freed = tree.range(f)
        let d32 = config.dma32PFN

        // Cache maintenance runs before the erase, reading cached32 first. Insertion
        // classifies by hi < 4 GiB; here max32 is reset by lo < 4 GiB (the kernel's asymmetry).
        if f == cached32Node || (freed.hi < d32 && freed.lo >= tree.lo(cached32Node)) {
            setCache(.cached32, tree.next(f), observer: &observer)
        }
        if freed.lo < d32 {
            setMax32(d32, observer: &observer)
        }
        if freed.lo >= tree.lo(cachedNode) {
            setCache(.cached, tree.next(f), observer: &observer)
        }
        tree.erase(f, observer: &observer)
        return true
    }
}
