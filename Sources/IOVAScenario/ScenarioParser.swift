import IOVACore

/// Parses scenario lines (docs/scenario-format.md) one at a time, keeping the little state the language
/// has: the domain, and whether any command has been seen.
///
/// Tokens are separated by spaces or tabs; `#` starts a comment; a trailing `\r` (CRLF files)
/// is ignored; keywords are lowercase.
public struct ScenarioParser {
    public let file: String
    /// The domain in force: the defaults (start=1 granule=4096) until a `domain` command.
    public private(set) var config: DomainConfig = .standard
    /// Whether any command, `domain` included, has been parsed.
    public private(set) var sawCommand = false
    /// Lines holding an `alloc`, which `free @LINE` may name.
    public private(set) var allocLines = LineSet()
    /// Lines that a `free @LINE` names: the allocations whose ranges a replay must remember.
    public private(set) var referencedLines = LineSet()
    /// Lines holding an `alloc_fast` or a `map` (`free_fast @LINE` may name them), and the
    /// `map` lines alone (`unmap @LINE` must name one).
    public internal(set) var fastAllocLines = LineSet()
    public internal(set) var mapLines = LineSet()
    /// Declared devices and the line of each declaration.
    public internal(set) var devices: [String: Int] = [:]
    /// Whether the file uses the DMA path (`cpus=` or any of its commands): `--state` then
    /// reports the rcache from the first command on.
    public private(set) var usesFastPath = false
    /// Whether a `free_fast PFN SIZE` or `unmap NAME PFN SIZE` names a pfn itself.
    public internal(set) var freesExplicitPFNs = false

    public init(file: String) {
        self.file = file
    }

    /// A parser for single commands typed in a running session: the domain is fixed and a
    /// `domain` command is refused.
    public init(file: String, config: DomainConfig) {
        self.file = file
        self.config = config
        sawCommand = true
    }

    /// The same, where `free @LINE` may name any of `allocLines` (the session's operations).
    public init(file: String, config: DomainConfig, allocLines: LineSet) {
        self.init(file: file, config: config)
        self.allocLines = allocLines
    }

    /// The same for a session that uses the DMA path: its `alloc_fast`/`map` lines, its `map`
    /// lines and its devices may be named too.
    public init(file: String, config: DomainConfig, allocLines: LineSet, fastAllocLines: LineSet, mapLines: LineSet,
                devices: [String: Int]) {
        self.init(file: file, config: config, allocLines: allocLines)
        self.fastAllocLines = fastAllocLines
        self.mapLines = mapLines
        self.devices = devices
    }

    /// Notes that a later command names `line` (a replay must remember what it allocated).
    mutating func markReferenced(_ line: Int) { referencedLines.insert(line) }

    /// Parses one line (without its `\n`): the command, nil for a blank or comment line.
    public mutating func parse(line bytes: UnsafeBufferPointer<UInt8>, number: Int) throws(Diagnostic) -> Command? {
        var line = LineCursor(bytes: bytes, number: number)
        do {
            return try parseCommand(&line)
        } catch {
            var located = error
            located.file = file    // the cursor locates within the line; the file is ours
            throw located
        }
    }

    private mutating func parseCommand(_ line: inout LineCursor) throws(Diagnostic) -> Command? {
        try line.checkEncoding()
        guard let keyword = line.nextToken() else { return nil }
        let command: Command
        switch Keyword(keyword, in: line) {
        case .domain:
            if sawCommand {
                throw line.error(at: keyword, "'domain' must come first, before any other command, and at most once")
            }
            config = try parseDomain(&line)
            command = .domain(config)
        case .alloc:
            command = try parseAlloc(&line)
            allocLines.insert(line.number)
        case .free:
            if let at = line.peekToken(), line.token(at, hasPrefix: "@") {
                line.advance(past: at)
                command = .freeAllocation(line: try parseReference(at, in: line))
                break
            }
            let pfn = try line.number(after: keyword, what: "PFN")
            if pfn.value == DomainConfig.anchorPFN {
                throw line.error(at: pfn.token, "cannot free the anchor (pfn 2^64-1): the kernel's permanent top node")
            }
            command = .free(pfn: pfn.value)
        case .reserve:
            let lo = try line.number(after: keyword, what: "LO")
            let hi = try line.number(after: lo.token, what: "HI")
            if lo.value > hi.value {
                throw line.error(at: hi.token, "reserve needs LO <= HI, got LO 0x\(hexString(lo.value)) > HI 0x\(hexString(hi.value))")
            }
            command = .reserve(lo: lo.value, hi: hi.value)
        case .find:
            command = .find(pfn: try line.number(after: keyword, what: "PFN").value)
        case .allocFast, .freeFast, .flushRCache, .tick, .device, .map, .unmap:
            command = try parseFastPath(Keyword(keyword, in: line)!, keyword, &line)
            usesFastPath = true
        case nil:
            throw line.error(at: keyword, "unknown command '\(line.text(keyword))' (expected domain, alloc, free, reserve, find, "
                             + "alloc_fast, free_fast, flush_rcache, tick, device, map or unmap)")
        }
        if let extra = line.nextToken() {
            throw line.error(at: extra, "unexpected '\(line.text(extra))' after the command")
        }
        sawCommand = true
        return command
    }

    /// `@LINE`: an earlier line holding an `alloc`.
    mutating func parseReference(_ token: Token, in line: LineCursor) throws(Diagnostic) -> Int {
        let target: Int?
        if line.isPlainASCII {    // else `String` rules, as LineCursor explains
            let digits = UnsafeBufferPointer(rebasing: line.bytes[token.start + 1 ..< token.end])
            // `int` takes a sign as `Int()` does; `@LINE` wants digits only.
            let leadingDigit = digits.first.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
            target = leadingDigit ? NumberSyntax.int(digits) : nil
        } else {
            let digits = line.text(token).dropFirst()
            target = digits.allSatisfy({ $0.isASCII && $0.isNumber }) ? Int(digits) : nil
        }
        guard let target else {
            throw line.error(at: token, "free @LINE needs a decimal line number, got '\(line.text(token))'")
        }
        guard target < line.number, allocLines.contains(target) else {
            throw line.error(at: token, "free @\(target): line \(target) is not an earlier alloc")
        }
        referencedLines.insert(target)
        return target
    }

    private mutating func parseDomain(_ line: inout LineCursor) throws(Diagnostic) -> DomainConfig {
        var start: UInt64 = 1
        var granule: UInt64 = 4096
        var cpus: UInt64 = 1
        var seen: Set<String> = []
        var granuleToken: Token?
        var cpusToken: Token?
        while let token = line.nextToken() {
            let (keyToken, value) = line.split(token)
            let key = line.text(keyToken)
            guard let value, key == "start" || key == "granule" || key == "cpus" else {
                throw line.error(at: token, "unknown domain setting '\(line.text(token))' (expected start=PFN, granule=BYTES or cpus=N)")
            }
            guard seen.insert(key).inserted else { throw line.error(at: token, "'\(key)' given twice") }
            let number = try line.value(value)
            switch key {
            case "start": start = number
            case "granule": granule = number; granuleToken = value
            default: cpus = number; cpusToken = value; usesFastPath = true
            }
        }
        do {
            return try DomainConfig(startPFN: start, granule: granule, cpus: Int(clamping: cpus))
        } catch {
            let where_ = granuleToken ?? Token(start: 0, count: 6)
            switch error {
            case .granuleNotPowerOfTwo(let g):
                throw line.error(at: where_, "granule \(g) is not a power of two")
            case .granuleOutOfRange(let g):
                throw line.error(at: where_, "granule \(g) is outside 2...4294967296 bytes")
            case .cpusOutOfRange:
                throw line.error(at: cpusToken ?? where_, "cpus=\(cpus): a domain has 1 to 64 online CPUs")
            }
        }
    }

    private func parseAlloc(_ line: inout LineCursor) throws(Diagnostic) -> Command {
        let keywordEnd = line.position
        guard let sizeToken = line.nextToken() else {
            throw line.errorAtEnd(after: keywordEnd, "alloc needs a SIZE in pages")
        }
        let size = try line.value(sizeToken)
        if size == 0 { throw line.error(at: sizeToken, "size must be at least 1 page") }
        var limit = config.maxPFN
        var aligned = false
        var limitToken: Token?
        var fallback: (value: UInt64, token: Token)?
        while let token = line.peekToken(), let option = AllocOption(token, in: line) {
            line.advance(past: token)
            if option == .aligned {
                if aligned { throw line.error(at: token, "'aligned' given twice") }
                aligned = true
                continue
            }
            let (keyToken, valueToken) = line.split(token)
            if option == .limit ? limitToken != nil : fallback != nil {
                throw line.error(at: token, "'\(line.text(keyToken))' given twice")
            }
            guard let value = valueToken, value.count > 0 else {
                let key = line.text(keyToken)
                throw line.error(at: token, "\(key) needs a value: \(key)=PFN or \(key)=dmaN")
            }
            let parsed = try parseLimit(value, line: line)
            if option == .limit { limit = parsed; limitToken = token } else { fallback = (parsed, token) }
        }
        if let token = line.peekToken() {
            throw line.error(at: token, "unexpected '\(line.text(token))' in alloc (expected limit=LIMIT, fallback=LIMIT or aligned)")
        }
        if aligned && size > (1 << 63) {
            throw line.error(at: sizeToken, "an aligned size above 2^63 has no power-of-two alignment")
        }
        guard let fallback else { return .alloc(size: size, limit: limit, aligned: aligned) }
        guard limitToken != nil else {
            throw line.error(at: fallback.token, "fallback= needs a first limit= to fall back from (dma-iommu tries dma32 first)")
        }
        guard fallback.value > limit else {
            throw line.error(at: fallback.token, "the fallback limit 0x\(hexString(fallback.value)) must be above the first limit 0x\(hexString(limit))")
        }
        return .allocFallback(size: size, limit: limit, fallback: fallback.value, aligned: aligned)
    }

    func parseLimit(_ token: Token, line: LineCursor) throws(Diagnostic) -> UInt64 {
        if line.token(token, hasPrefix: "dma") {
            let bits = line.isPlainASCII
                ? NumberSyntax.int(UnsafeBufferPointer(rebasing: line.bytes[token.start + 3 ..< token.end]))
                : Int(line.text(token).dropFirst(3))
            guard let bits, (32...64).contains(bits) else {
                throw line.error(at: token, "'\(line.text(token))' is not a DMA mask: use dma32 … dma64")
            }
            return config.dmaLimit(bits: bits)
        }
        let value = try line.value(token)
        guard value <= config.maxPFN else {
            throw line.error(at: token, "limit 0x\(hexString(value)) is above the domain's highest pfn 0x\(hexString(config.maxPFN)) (dma64 with granule \(config.granule))")
        }
        return value
    }
}

func hexString(_ v: UInt64) -> String { String(v, radix: 16) }

/// The commands, recognised without making a `String` of the keyword.
enum Keyword {
    case domain, alloc, free, reserve, find
    case allocFast, freeFast, flushRCache, tick, device, map, unmap

    init?(_ t: Token, in line: LineCursor) {
        if line.token(t, is: "alloc") { self = .alloc }
        else if line.token(t, is: "free") { self = .free }
        else if line.token(t, is: "reserve") { self = .reserve }
        else if line.token(t, is: "find") { self = .find }
        else if line.token(t, is: "domain") { self = .domain }
        else if line.token(t, is: "alloc_fast") { self = .allocFast }
        else if line.token(t, is: "free_fast") { self = .freeFast }
        else if line.token(t, is: "map") { self = .map }
        else if line.token(t, is: "unmap") { self = .unmap }
        else if line.token(t, is: "tick") { self = .tick }
        else if line.token(t, is: "flush_rcache") { self = .flushRCache }
        else if line.token(t, is: "device") { self = .device }
        else { return nil }
    }
}

/// The options after an alloc's size: `aligned`, or a `limit`/`fallback` key (with or
/// without its `=value`, so a missing value gets its own message).
private enum AllocOption {
    case aligned, limit, fallback

    init?(_ t: Token, in line: LineCursor) {
        if line.token(t, is: "aligned") { self = .aligned; return }
        let key = line.split(t).key
        if line.token(key, is: "limit") { self = .limit }
        else if line.token(key, is: "fallback") { self = .fallback }
        else { return nil }
    }
}
