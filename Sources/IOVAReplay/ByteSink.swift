/// Where replay output goes: stdout in the tool, memory in tests.
public protocol ByteSink {
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

/// Collects output in memory.
public struct MemorySink: ByteSink {
    public var bytes: [UInt8] = []
    public init() {}
    public mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes.append(contentsOf: bytes) }
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
