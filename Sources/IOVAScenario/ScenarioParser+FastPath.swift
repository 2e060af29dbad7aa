import IOVACore

/// The DMA-path commands (docs/scenario-format.md § The DMA path): `alloc_fast`, `free_fast`,
/// `flush_rcache`, `tick`, `device`, `map`, `unmap`. An undeclared device, a `cpu=` at or
/// above the domain's `cpus`, and an `@LINE` naming anything but an earlier `alloc_fast`/`map`
/// (a `map`, for `unmap`) are located errors.
extension ScenarioParser {
    mutating func parseFastPath(_ keyword: Keyword, _ token: Token, _ line: inout LineCursor) throws(Diagnostic) -> Command {
        switch keyword {
        case .allocFast:
            let size = try size(after: token, &line)
            var limit = config.maxPFN
            var cpu = 0
            var flush = false
            var seen: Set<String> = []
            while let option = line.nextToken() {
                let (keyToken, value) = line.split(option)
                let key = line.text(keyToken)
                guard seen.insert(key).inserted else { throw line.error(at: option, "'\(key)' given twice") }
                switch key {
                case "flush" where value == nil: flush = true
                case "limit":
                    guard let value, value.count > 0 else { throw line.error(at: option, "limit needs a value: limit=PFN or limit=dmaN") }
                    limit = try parseLimit(value, line: line)
                case "cpu": cpu = try self.cpu(option, value, line)
                default:
                    throw line.error(at: option, "unexpected '\(line.text(option))' in alloc_fast (expected limit=LIMIT, cpu=N or flush)")
                }
            }
            fastAllocLines.insert(line.number)
            return .allocFast(size: size, limit: limit, cpu: cpu, flush: flush)
        case .freeFast:
            if let at = line.peekToken(), line.token(at, hasPrefix: "@") {
                line.advance(past: at)
                let target = try reference(at, in: line, among: fastAllocLines, what: "free_fast", expected: "alloc_fast or map")
                return .freeFastAllocation(line: target, cpu: try cpuOption(&line, in: "free_fast @LINE"))
            }
            let pfn = try line.number(after: token, what: "PFN")
            let size = try self.size(after: pfn.token, &line)
            freesExplicitPFNs = true
            return .freeFast(pfn: pfn.value, size: size, cpu: try cpuOption(&line, in: "free_fast"))
        case .flushRCache:
            return .flushRCache
        case .tick:
            return .tick
        case .device:
            guard let nameToken = line.nextToken() else { throw line.errorAtEnd(after: token.end, "device needs a NAME") }
            let name = try deviceName(nameToken, line)
            if let earlier = devices[name] {
                throw line.error(at: nameToken, "device '\(name)' is already declared on line \(earlier)")
            }
            var mask: UInt64?
            var pci = false
            while let option = line.nextToken() {
                let (keyToken, value) = line.split(option)
                if line.token(option, is: "pci") {
                    if pci { throw line.error(at: option, "'pci' given twice") }
                    pci = true
                } else if line.token(keyToken, is: "mask") {
                    if mask != nil { throw line.error(at: option, "'mask' given twice") }
                    guard let value, value.count > 0 else { throw line.error(at: option, "mask needs a value: mask=PFN or mask=dmaN") }
                    mask = try parseLimit(value, line: line)
                } else {
                    throw line.error(at: option, "unexpected '\(line.text(option))' in device (expected mask=LIMIT or pci)")
                }
            }
            guard let mask else { throw line.error(at: nameToken, "device \(name) needs mask=LIMIT (a pfn or dmaN)") }
            devices[name] = line.number
            return .device(name: name, mask: mask, pci: pci)
        case .map:
            let name = try declaredDevice(after: token, &line)
            let size = try self.size(after: token, &line)
            mapLines.insert(line.number)
            fastAllocLines.insert(line.number)
            return .map(device: name, size: size, cpu: try cpuOption(&line, in: "map"))
        case .unmap:
            if let at = line.peekToken(), line.token(at, hasPrefix: "@") {
                line.advance(past: at)
                let target = try reference(at, in: line, among: mapLines, what: "unmap", expected: "map")
                return .unmapAllocation(line: target, cpu: try cpuOption(&line, in: "unmap @LINE"))
            }
            let name = try declaredDevice(after: token, &line)
            let pfn = try line.number(after: token, what: "PFN")
            let size = try self.size(after: pfn.token, &line)
            freesExplicitPFNs = true
            return .unmap(device: name, pfn: pfn.value, size: size, cpu: try cpuOption(&line, in: "unmap"))
        default:
            preconditionFailure("not a DMA-path keyword")
        }
    }

    /// A SIZE in pages, at least 1.
    private func size(after previous: Token, _ line: inout LineCursor) throws(Diagnostic) -> UInt64 {
        let size = try line.number(after: previous, what: "SIZE")
        if size.value == 0 { throw line.error(at: size.token, "size must be at least 1 page") }
        return size.value
    }

    /// `cpu=N`, below the domain's `cpus`.
    private func cpu(_ option: Token, _ value: Token?, _ line: LineCursor) throws(Diagnostic) -> Int {
        guard let value, value.count > 0 else { throw line.error(at: option, "cpu needs a value: cpu=N") }
        let n = try line.value(value)
        guard n < UInt64(config.cpus) else {
            throw line.error(at: option, "cpu=\(n): the domain has \(config.cpus) online CPU\(config.cpus == 1 ? "" : "s") "
                             + "(0…\(config.cpus - 1); set domain cpus=N)")
        }
        return Int(n)
    }

    /// An optional trailing `cpu=N` (default 0), and nothing after it.
    private func cpuOption(_ line: inout LineCursor, in command: String) throws(Diagnostic) -> Int {
        guard let option = line.nextToken() else { return 0 }
        let (keyToken, value) = line.split(option)
        guard line.token(keyToken, is: "cpu") else {
            throw line.error(at: option, "unexpected '\(line.text(option))' in \(command) (expected cpu=N)")
        }
        return try cpu(option, value, line)
    }

    /// `[A-Za-z_][A-Za-z0-9_-]*`.
    private func deviceName(_ token: Token, _ line: LineCursor) throws(Diagnostic) -> String {
        let name = line.text(token)
        let ok = name.unicodeScalars.enumerated().allSatisfy { i, c in
            c.isASCII && (c == "_" || (c.properties.isAlphabetic) || (i > 0 && (c == "-" || ("0"..."9").contains(c))))
        }
        guard ok, !name.isEmpty else {
            throw line.error(at: token, "'\(name)' is not a device name (a letter or _, then letters, digits, _ or -)")
        }
        return name
    }

    /// A NAME declared by an earlier `device` line.
    private func declaredDevice(after previous: Token, _ line: inout LineCursor) throws(Diagnostic) -> String {
        guard let token = line.nextToken() else { throw line.errorAtEnd(after: previous.end, "expected a device NAME") }
        let name = line.text(token)
        guard devices[name] != nil else {
            let known = devices.keys.sorted()
            throw line.error(at: token, "unknown device '\(name)'" + (known.isEmpty ? ": declare it first with device NAME mask=LIMIT [pci]"
                                                                              : " (declared: \(known.joined(separator: ", ")))"))
        }
        return name
    }

    /// `@LINE` naming an earlier line of `lines`.
    private mutating func reference(_ token: Token, in line: LineCursor, among lines: LineSet, what: String,
                                    expected: String) throws(Diagnostic) -> Int {
        let digits = line.text(token).dropFirst()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let target = Int(digits) else {
            throw line.error(at: token, "\(what) @LINE needs a decimal line number, got '\(line.text(token))'")
        }
        guard target < line.number, lines.contains(target) else {
            throw line.error(at: token, "\(what) @\(target): line \(target) is not an earlier \(expected)")
        }
        markReferenced(target)
        return target
    }
}
