extension RCache {
    /// Every broken invariant of the caches against `policy`'s tree:
    /// - a magazine holds 0…127 pfns, and a depot holds full magazines only;
    /// - every CPU has its pair in every class, for the domain's online CPUs;
    /// - with `strict` (every cached pfn came back through `@LINE`, so it is one this domain
    ///   handed out): every cached pfn starts a live range whose size is of its class
    ///   (`order_base_2(size) == k`), and no pfn is cached twice.
    /// Without `strict` a cached pfn may be anything: `free_iova_fast` caches whatever it is
    /// given (the kernel's never-allocated quirk, or another policy's pfns replayed here).
    public func validate<P: IOVAPolicy>(against policy: P, strict: Bool) -> [InvariantViolation] {
        var problems: [InvariantViolation] = []
        func fail(_ message: String) { problems.append(InvariantViolation(.none, "rcache: " + message)) }
        if classes.count != Self.classCount { fail("\(classes.count) size classes, not \(Self.classCount)") }
        for (k, c) in classes.enumerated() {
            if c.cpus.count != cpuCount { fail("class \(k) has \(c.cpus.count) CPU pairs for \(cpuCount) CPUs") }
            for (i, m) in c.depot.enumerated() where !m.isFull {
                fail("class \(k) depot magazine \(i) holds \(m.count) pfns; the depot takes full magazines only")
            }
            for (cpu, pair) in c.cpus.enumerated() {
                for (name, m) in [("loaded", pair.loaded), ("prev", pair.prev)] where m.count > Self.magazineSize {
                    fail("class \(k) cpu \(cpu) \(name) holds \(m.count) pfns, more than \(Self.magazineSize)")
                }
            }
        }
        guard strict else { return problems }
        var seen = Set<UInt64>()
        forEachCachedPFN { pfn, k in
            if !seen.insert(pfn).inserted { fail("pfn 0x\(String(pfn, radix: 16)) is cached twice") }
            guard let range = policy.find(pfn: pfn) else {
                fail("cached pfn 0x\(String(pfn, radix: 16)) has no range in the tree")
                return
            }
            if range.lo != pfn {
                fail("cached pfn 0x\(String(pfn, radix: 16)) lies inside [0x\(String(range.lo, radix: 16))..0x\(String(range.hi, radix: 16))] instead of starting a range")
            } else if Self.sizeClass(of: range.hi - range.lo + 1) != k {
                fail("cached pfn 0x\(String(pfn, radix: 16)) sits in class \(k) but its range holds \(range.hi - range.lo + 1) pages")
            }
        }
        return problems
    }
}
