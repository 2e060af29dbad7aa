/// The scenario `iovascope` opens with no file: the problem the 2026 thread set out to fix.
enum BuiltinDemo {
    static let scenario: String = {
        var lines = [
            "# The seed problem: mainline's linear walk under a 32-bit limit.",
            "domain start=1 granule=4096",
            "# 48 allocations for a 64-bit device (40-bit mask), packed at the top of its space.",
        ]
        lines += Array(repeating: "alloc 16 limit=dma40 aligned", count: 48)
        lines += [
            "# The first 32-bit allocation: cached32_node is still the anchor, so the walk",
            "# passes every 64-bit node before reaching space below 4 GiB.",
            "alloc 16 limit=dma32",
            "# The next one starts from cached32_node and fits at once.",
            "alloc 16 limit=dma32",
            "# Freeing the highest 32-bit range moves cached32_node back up to the anchor's side,",
            "# and the walk is long again.",
            "free 0xffff0",
            "alloc 16 limit=dma32",
            "# Next-fit, not highest-fit: a lower limit first, then the 32-bit limit lands below it.",
            "alloc 1 limit=0x7ffff",
            "alloc 1 limit=dma32",
            "# A reservation (the MSI window) stretches nothing here and becomes its own node.",
            "reserve 0xfee00 0xfeeff",
            "find 0xfee42",
        ]
        return lines.joined(separator: "\n") + "\n"
    }()
}
