/// Chapters on the DMA path in front of the tree (`alloc_iova_fast`, the per-CPU magazines):
/// what a magazine cannot answer, and the sizes it never caches. From Samples/rcache.
extension Tour {
    static let magazineMiss = TourChapter(
        number: 11, slug: "11-magazine-miss", title: "The magazines: a 32-bit request misses",
        narration: """
        alloc_iova_fast first pops this CPU's magazine for the size class: up to 127 \
        freed pfns, each still allocated in the tree. 127 ranges from the top of the 64-bit \
        space fill it. This 32-bit request scanned all 127 for one at or below 0xffffc and \
        found none, so the tree walks past every cached range: 128 visits. Op 256 (64-bit) \
        pops one at once.
        """,
        policy: .mainline,
        scenario: """
        # iovascope tour, chapter 11: The magazines: a 32-bit request misses.
        # 127 four-page ranges allocated under the 64-bit limit and freed fill CPU 0's loaded magazine
        # of class 2; they stay allocated in the tree. The 32-bit request (op 255) scans all 127, finds
        # none at or below 0xffffc, and falls through to the tree, which walks them: 128 visits.
        domain start=1 granule=4096 cpus=1

        """ + repeated("alloc_fast 4", 127) + (6...132).map { "free_fast @\($0)\n" }.joined() + """
        alloc_fast 4 limit=dma32   # scans 127 pfns, misses; the tree: 128 visits
        alloc_fast 4               # 64-bit: pops the newest pfn
        free_fast @260             # the 32-bit range becomes the newest pfn
        alloc_fast 4 limit=dma32   # pops it without a scan
        alloc_fast 4 limit=dma32   # scans 126 pfns, misses; the tree: 1 visit

        """,
        operation: 255, step: 129)

    static let uncacheableCliff = TourChapter(
        number: 12, slug: "12-uncacheable-cliff", title: "The uncacheable cliff",
        narration: """
        Magazines cache sizes up to 32 pages (128 KiB). Eight mappings in flight; each \
        round the oldest and the newest complete and two more are mapped. At 32 pages every \
        map after the first 8 pops a magazine: 0 visits. 33 pages have no class: every map \
        searches the tree, every unmap frees into it. This one walks down from the one just \
        mapped past the 6 others in flight: 7 visits.
        """,
        policy: .mainline,
        scenario: """
        # iovascope tour, chapter 12: The uncacheable cliff.
        # Eight mappings in flight; each round the oldest and the newest complete and two more are
        # mapped. 32 pages (ops 2-33) come from the magazines after the first eight; 33 pages have no
        # size class, so every map (ops 34-65) searches the tree and every unmap frees into it.
        domain start=1 granule=4096 cpus=1
        device nvme mask=dma64

        """ + ring(size: 32, firstLine: 7) + ring(size: 33, firstLine: 39),
        operation: 45, step: 17)

    /// 32 commands from line `firstLine` on: 8 maps of `size` pages, 4 rounds of { unmap the
    /// oldest, unmap the newest, map two }, then the 8 in flight unmapped, oldest first.
    static func ring(size: Int, firstLine: Int) -> String {
        var text = "", line = firstLine
        var live: [Int] = []
        func emit(_ command: String) {
            text += command + "\n"
            line += 1
        }
        func map() {
            live.append(line)
            emit("map nvme \(size)")
        }
        for _ in 0..<8 { map() }
        for _ in 0..<4 {
            let oldest = live.removeFirst(), newest = live.removeLast()
            emit("unmap @\(oldest)")
            emit("unmap @\(newest)")
            map()
            map()
        }
        for l in live { emit("unmap @\(l)") }
        return text
    }
}
