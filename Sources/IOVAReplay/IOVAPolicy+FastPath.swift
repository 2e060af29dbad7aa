import IOVACore
import IOVAScenario

extension IOVAPolicy {
    /// Runs a DMA-path command (docs/scenario-format.md § The DMA path) with the ledger's
    /// rcache and devices in front of this policy's tree.
    mutating func executeFastPath<O: AllocatorObserver>(_ line: ScenarioLine, ledger: inout AllocationLedger,
                                                        observer: inout O) -> ReplayResult {
        // A live session may type the first DMA-path command: its caches start empty then.
        // Out of the ledger while it runs, so its magazines are mutated in place, not copied.
        var rcache = ledger.rcache ?? RCache(cpus: config.cpus)
        ledger.rcache = nil
        let result: ReplayResult
        switch line.command {
        case let .allocFast(size, limit, cpu, flush):
            let outcome = rcache.allocFast(size: size, limit: limit, flush: flush, cpu: cpu, policy: &self, observer: &observer)
            result = .allocFast(size: size, limit: limit, cpu: cpu, flush: flush, outcome: outcome, hi: nodeEnd(outcome.pfn))
        case let .freeFast(pfn, size, cpu):
            let outcome = rcache.freeFast(pfn: pfn, size: size, cpu: cpu, policy: &self, observer: &observer)
            result = .freeFast(ref: nil, pfn: pfn, size: size, cpu: cpu, outcome: outcome)
        case let .freeFastAllocation(target, cpu):
            let entry = ledger.takeFast(target)
            let outcome = entry.pfn.map { rcache.freeFast(pfn: $0, size: entry.size, cpu: cpu, policy: &self, observer: &observer) }
            result = .freeFast(ref: target, pfn: entry.pfn, size: entry.size, cpu: cpu, outcome: outcome)
        case .flushRCache:
            observer.record(.rcacheFlushStarted)
            result = .flushRCache(freed: rcache.flushAll(policy: &self, observer: &observer))
        case .tick:
            result = .tick(freed: rcache.tick(policy: &self, observer: &observer))
        case let .device(name, mask, pci):
            ledger.devices[name] = DMADevice(mask: mask, pci: pci)
            result = .device(name: name, mask: mask, pci: pci)
        case let .map(name, size, cpu):
            guard var device = ledger.devices[name] else { preconditionFailure("map of undeclared device \(name)") }
            let outcome = rcache.map(device: &device, size: size, cpu: cpu, policy: &self, observer: &observer)
            ledger.devices[name] = device
            result = .map(device: name, size: size, cpu: cpu, outcome: outcome, hi: nodeEnd(outcome.allocation.pfn),
                          workaround: device.workaround)
        case let .unmap(name, pfn, size, cpu):
            let outcome = rcache.freeFast(pfn: pfn, size: size, cpu: cpu, policy: &self, observer: &observer)
            result = .unmap(ref: nil, device: name, pfn: pfn, size: size, cpu: cpu, outcome: outcome)
        case let .unmapAllocation(target, cpu):
            let entry = ledger.takeFast(target)
            let outcome = entry.pfn.map { rcache.freeFast(pfn: $0, size: entry.size, cpu: cpu, policy: &self, observer: &observer) }
            result = .unmap(ref: target, device: entry.device ?? "", pfn: entry.pfn, size: entry.size, cpu: cpu, outcome: outcome)
        default:
            preconditionFailure("\(line.command) is not a DMA-path command")
        }
        ledger.rcache = rcache
        ledger.note(line: line.line, result)
        return result
    }

    /// The end of the tree node at `pfn`, if the tree holds one there.
    private func nodeEnd(_ pfn: UInt64?) -> UInt64? {
        guard let pfn, let range = find(pfn: pfn), range.lo == pfn else { return nil }
        return range.hi
    }
}
