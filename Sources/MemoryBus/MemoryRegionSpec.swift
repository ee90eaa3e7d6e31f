/// What kind of memory a region is; decides who may write it and how reports group it.
public enum MemoryKind: String, Sendable, Codable {
    /// Non-volatile program memory: the firmware image is programmed here, and the
    /// core's stores to it raise a bus error (flash needs a controller sequence).
    case flash
    /// Read/write SRAM (including tightly coupled and CCM RAM).
    case ram
    /// Mask ROM (e.g. a boot ROM); read-only like flash.
    case rom
}

/// One memory region of a board's map: where it is, how big, and how slow.
///
/// Boards describe their memory map as a list of these; the bus turns each into
/// backing storage. Wait states are added to every instruction fetch word and every
/// data read that hits the region (see docs/cycle-model.md for the rule).
public struct MemoryRegionSpec: Sendable, Equatable {
    /// A short name used in reports and errors, e.g. `FLASH`, `SRAM`, `CCM`.
    public var name: String
    /// First byte address of the region.
    public var baseAddress: UInt32
    /// Size of the region in bytes.
    public var byteCount: UInt32
    /// Flash, RAM or ROM.
    public var kind: MemoryKind
    /// Extra cycles per access beyond the zero-wait-state TRM timing.
    public var waitStates: Int
    /// Whether the core may fetch instructions from it.
    public var isExecutable: Bool
    /// The read accelerator in front of it, if the part has one (flash only).
    public var accelerator: FlashAccelerator?

    public init(
        name: String, baseAddress: UInt32, byteCount: UInt32, kind: MemoryKind,
        waitStates: Int = 0, isExecutable: Bool = true, accelerator: FlashAccelerator? = nil
    ) {
        self.name = name
        self.baseAddress = baseAddress
        self.byteCount = byteCount
        self.kind = kind
        self.waitStates = waitStates
        self.isExecutable = isExecutable
        self.accelerator = accelerator
    }

    /// Last byte address of the region (inclusive), computed without overflow.
    public var lastAddress: UInt32 { baseAddress &+ (byteCount &- 1) }

    /// Whether `address ..< address + length` lies entirely inside the region.
    public func contains(address: UInt32, length: UInt32) -> Bool {
        guard address >= baseAddress else { return false }
        let offset = UInt64(address - baseAddress)
        return offset + UInt64(length) <= UInt64(byteCount)
    }
}
