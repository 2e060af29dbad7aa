import IOVACore

/// Parses scenario lines (DESIGN §2) one at a time, keeping the little state the language
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

    /// Parses one line (without its `\n`): the command, nil for a blank or comment line.
    public mutating func parse(line bytes: UnsafeBufferPointer<UInt8>, number: Int) throws(Diagnostic) -> Command? {
        var line = LineCursor(bytes: bytes, file: file, number: number)
        try line.checkEncoding()
        guard let keyword = line.nextToken() else { return nil }
        let command: Command
        switch line.text(keyword) {
        case "domain":
            if sawCommand {
                throw line.error(at: keyword, "'domain' must come first, before any other command, and at most once")
            }
            config = try parseDomain(&line)
            command = .domain(config)
        case "alloc":
            command = try parseAlloc(&line)
            allocLines.insert(number)
        case "free":
            if let at = line.peekToken(), line.text(at).hasPrefix("@") {
                command = .freeAllocation(line: try parseReference(&line, number: number))
                break
            }
            let pfn = try line.number(after: keyword, what: "PFN")
            if pfn.value == DomainConfig.anchorPFN {
                throw line.error(at: pfn.token, "cannot free the anchor (pfn 2^64-1): the kernel's permanent top node")
            }
            command = .free(pfn: pfn.value)
        case "reserve":
            let lo = try line.number(after: keyword, what: "LO")
            let hi = try line.number(after: lo.token, what: "HI")
            if lo.value > hi.value {
                throw line.error(at: hi.token, "reserve needs LO <= HI, got LO 0x\(hexString(lo.value)) > HI 0x\(hexString(hi.value))")
            }
            command = .reserve(lo: lo.value, hi: hi.value)
        case "find":
            command = .find(pfn: try line.number(after: keyword, what: "PFN").value)
        default:
            throw line.error(at: keyword, "unknown command '\(line.text(keyword))' (expected domain, alloc, free, reserve or find)")
        }
        if let extra = line.nextToken() {
            throw line.error(at: extra, "unexpected '\(line.text(extra))' after the command")
        }
        sawCommand = true
        return command
    }

    /// `@LINE`: an earlier line holding an `alloc`.
    private mutating func parseReference(_ line: inout LineCursor, number: Int) throws(Diagnostic) -> Int {
        let token = line.nextToken()!
        let digits = line.text(token).dropFirst()
        guard let target = Int(digits), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw line.error(at: token, "free @LINE needs a decimal line number, got '\(line.text(token))'")
        }
        guard target < number, allocLines.contains(target) else {
            throw line.error(at: token, "free @\(target): line \(target) is not an earlier alloc")
        }
        referencedLines.insert(target)
        return target
    }

    private func parseDomain(_ line: inout LineCursor) throws(Diagnostic) -> DomainConfig {
        var start: UInt64 = 1
        var granule: UInt64 = 4096
        var seen: Set<String> = []
        var granuleToken: Token?
        while let token = line.nextToken() {
            let (key, value) = line.split(token)
            guard let value, key == "start" || key == "granule" else {
                throw line.error(at: token, "unknown domain setting '\(line.text(token))' (expected start=PFN or granule=BYTES)")
            }
            guard seen.insert(key).inserted else { throw line.error(at: token, "'\(key)' given twice") }
            let number = try line.value(value)
            if key == "start" { start = number } else { granule = number; granuleToken = value }
        }
        do {
            return try DomainConfig(startPFN: start, granule: granule)
        } catch {
            let where_ = granuleToken ?? Token(start: 0, count: 6)
            switch error {
            case .granuleNotPowerOfTwo(let g):
                throw line.error(at: where_, "granule \(g) is not a power of two")
            case .granuleOutOfRange(let g):
                throw line.error(at: where_, "granule \(g) is outside 2...4294967296 bytes")
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
        while let token = line.peekToken(),
              line.text(token) == "aligned" || line.split(token).key == "limit" || line.split(token).key == "fallback" {
            _ = line.nextToken()
            if line.text(token) == "aligned" {
                if aligned { throw line.error(at: token, "'aligned' given twice") }
                aligned = true
                continue
            }
            let key = line.split(token).key
            if key == "limit" ? limitToken != nil : fallback != nil { throw line.error(at: token, "'\(key)' given twice") }
            guard let value = line.split(token).value, value.count > 0 else {
                throw line.error(at: token, "\(key) needs a value: \(key)=PFN or \(key)=dmaN")
            }
            let parsed = try parseLimit(value, line: line)
            if key == "limit" { limit = parsed; limitToken = token } else { fallback = (parsed, token) }
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

    private func parseLimit(_ token: Token, line: LineCursor) throws(Diagnostic) -> UInt64 {
        let text = line.text(token)
        if text.hasPrefix("dma") {
            guard let bits = Int(text.dropFirst(3)), (32...64).contains(bits) else {
                throw line.error(at: token, "'\(text)' is not a DMA mask: use dma32 … dma64")
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
