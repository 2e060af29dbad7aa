// IOVACore: the allocator core of iovascope.
//
// Vocabulary, fixed once for the whole package:
// - pfn: an IOVA page-frame number in units of the domain's granule (DMA address = pfn << shift).
// - range / node: an allocated or reserved interval [lo, hi], both ends inclusive, keyed by lo.
// - limit: the caller's inclusive upper bound (`limit_pfn`); searches convert it to an exclusive
//   bound in exactly one place (`RangeAllocation.exclusiveLimit`).
// - gap: the free pfns between two neighbouring nodes.
// - anchor: the permanent node at pfn 2^64-1 that closes the address space from above.
//
// This module uses only the Swift standard library: no Foundation, no UI, no terminal.
