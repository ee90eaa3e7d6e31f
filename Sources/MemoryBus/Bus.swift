#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// One region of backing storage: a board region's bytes plus what the core needs to
/// reach them quickly. Trivially copyable; the bytes belong to the owning `Bus`.
public struct RegionStorage {
    /// First address of the region.
    public let baseAddress: UInt32
    /// Size in bytes.
    public let byteCount: UInt32
    /// The region's bytes, little-endian, `byteCount` long.
    public let bytes: UnsafeMutableRawPointer
    /// Extra cycles a read from this region costs (flash wait states).
    public let waitStates: UInt32
    /// Whether the core's stores may change it (RAM); stores to flash/ROM are bus errors.
    public let isWritable: Bool
    /// Whether instructions may be fetched from it.
    public let isExecutable: Bool
    /// Whether a read accelerator sits in front of it (see `Bus.flashCaches`).
    public let hasAccelerator: Bool
}

/// The direct path of one 1 MiB window of the address space (`Bus.fastReads`,
/// `Bus.fastWrites`): the region that serves it without wait states or side effects, or
/// an empty range when there is none. Trivially copyable.
public struct FastWindow {
    public let baseAddress: UInt32
    /// Offsets from `baseAddress` below this hold a whole access of up to 4 bytes:
    /// `byteCount − 3`, so one compare serves every access size (an access to a region's
    /// last three bytes takes the region path). 0 when the window has no direct path.
    public let accessEnd: UInt32
    public let bytes: UnsafeMutableRawPointer?

    public init(baseAddress: UInt32, byteCount: UInt32, bytes: UnsafeMutableRawPointer?) {
        self.baseAddress = baseAddress
        self.accessEnd = byteCount >= 4 ? byteCount - 3 : 0
        self.bytes = bytes
    }

    nonisolated(unsafe) static let noDirectPath = FastWindow(baseAddress: 0, byteCount: 0, bytes: nil)

    /// The host address of an access of 1, 2 or 4 bytes at `address` when the window
    /// serves all of it.
    @inlinable @inline(__always)
    public func pointer(to address: UInt32) -> UnsafeMutableRawPointer? {
        let offset = address &- baseAddress
        guard offset < accessEnd else { return nil }
        return bytes.unsafelyUnwrapped + Int(offset)
    }

    /// The host address of `byteCount` (≥ 4) consecutive bytes from `address` when the
    /// window serves all of them (the words of PUSH, POP, LDM and STM).
    @inlinable @inline(__always)
    public func pointer(to address: UInt32, byteCount: UInt32) -> UnsafeMutableRawPointer? {
        let offset = address &- baseAddress
        guard offset < accessEnd, byteCount &- 4 < accessEnd &- offset else { return nil }
        return bytes.unsafelyUnwrapped + Int(offset)
    }
}

/// The memory system of a board: its regions' storage, a lookup that the core's fast
/// path inlines, and the policy for addresses that hold no memory.
///
/// The System Control Space (NVIC, SCB, SysTick, DWT) is part of the processor, not of
/// the bus, so it lives in `CortexM`; the core checks for it before asking the bus.
public final class Bus {
    /// The board's regions as declared.
    public let specs: [MemoryRegionSpec]
    /// Accelerator state per region, parallel to `regions` (nil where there is none).
    public let flashCaches: [FlashCacheState?]
    /// Storage for each spec, same order.
    public let regions: UnsafeMutableBufferPointer<RegionStorage>

    /// For each 1 MiB window of the address space, the first region overlapping it, or
    /// -1: the lookup of an access is one table read and one bounds check, whatever
    /// the number of regions (`regionIndex(containing:length:)`).
    public let regionByWindow: UnsafeMutablePointer<Int8>
    public static let windowShift: UInt32 = 20
    /// For each window, the region a data read can use directly: no wait states, no
    /// accelerator. Other reads take `regionIndex` and its costs.
    public let fastReads: UnsafeMutablePointer<FastWindow>
    /// For each window, the RAM region a data write can use directly.
    public let fastWrites: UnsafeMutablePointer<FastWindow>

    /// Reads that fell into the unmodelled peripheral window (see `isPeripheralAddress`).
    public private(set) var peripheralAccessCount: UInt64 = 0
    /// The first such address, for the report.
    public private(set) var firstPeripheralAddress: UInt32?

    /// Allocates zeroed storage for every region.
    public init(regions specs: [MemoryRegionSpec]) {
        self.specs = specs
        regions = .allocate(capacity: specs.count)
        for (index, spec) in specs.enumerated() {
            // Zeroed by `calloc`: pages of a large region the firmware never touches cost no memory.
            guard let bytes = calloc(max(Int(spec.byteCount), 1), 1) else {
                fatalError("armsim: out of memory for region \(spec.name) (\(spec.byteCount) bytes)")
            }
            regions.baseAddress!.advanced(by: index).initialize(to: RegionStorage(
                baseAddress: spec.baseAddress, byteCount: spec.byteCount, bytes: bytes,
                waitStates: UInt32(max(0, spec.waitStates)), isWritable: spec.kind == .ram,
                isExecutable: spec.isExecutable, hasAccelerator: spec.accelerator != nil))
        }
        flashCaches = specs.map { spec in spec.accelerator.map(FlashCacheState.init) }
        let windowCount = 1 << (32 - Int(Bus.windowShift))
        regionByWindow = .allocate(capacity: windowCount)
        regionByWindow.initialize(repeating: -1, count: windowCount)
        for (index, spec) in specs.enumerated().reversed() where spec.byteCount > 0 && index < Int(Int8.max) {
            let first = Int(spec.baseAddress >> Bus.windowShift)
            let last = Int((UInt64(spec.baseAddress) + UInt64(spec.byteCount) - 1) >> UInt64(Bus.windowShift))
            for window in first...min(last, windowCount - 1) { regionByWindow[window] = Int8(index) }
        }
        fastReads = .allocate(capacity: windowCount)
        fastWrites = .allocate(capacity: windowCount)
        for window in 0..<windowCount {
            let index = Int(regionByWindow[window])
            guard index >= 0 else {
                fastReads[window] = .noDirectPath
                fastWrites[window] = .noDirectPath
                continue
            }
            let region = regions[index]
            let direct = FastWindow(baseAddress: region.baseAddress, byteCount: region.byteCount, bytes: region.bytes)
            fastReads[window] = region.waitStates == 0 && !region.hasAccelerator ? direct : .noDirectPath
            fastWrites[window] = region.isWritable ? direct : .noDirectPath
        }
    }

    /// Sends every later data access down the region path, for a run that must see each
    /// access (the profiler's memory watch); the direct path then needs no test for it.
    public func closeDirectPaths() {
        let windowCount = 1 << (32 - Int(Bus.windowShift))
        fastReads.update(repeating: .noDirectPath, count: windowCount)
        fastWrites.update(repeating: .noDirectPath, count: windowCount)
    }

    deinit {
        for region in regions { free(region.bytes) }
        regions.deallocate()
        regionByWindow.deallocate()
        fastReads.deallocate()
        fastWrites.deallocate()
        for flashCache in flashCaches { flashCache?.deallocate() }
    }

    /// The index of the region holding `address ..< address + length`, or nil.
    @inlinable @inline(__always)
    public func regionIndex(containing address: UInt32, length: UInt32) -> Int? {
        let candidate = Int(regionByWindow[Int(address >> Bus.windowShift)])
        if candidate >= 0 {
            let region = regions[candidate]
            let offset = address &- region.baseAddress
            if offset < region.byteCount && region.byteCount - offset >= length { return candidate }
        }
        return scanRegions(containing: address, length: length)
    }

    /// The host address of a data read of 1, 2 or 4 bytes at `address` that needs no
    /// wait states or accelerator, or nil (the caller then takes `regionIndex`).
    @inlinable @inline(__always)
    public static func directPointer(_ windows: UnsafeMutablePointer<FastWindow>, _ address: UInt32) -> UnsafeMutableRawPointer? {
        windows[Int(address >> Bus.windowShift)].pointer(to: address)
    }

    /// `directPointer` for `byteCount` (≥ 4) consecutive bytes.
    @inlinable @inline(__always)
    public static func directPointer(
        _ windows: UnsafeMutablePointer<FastWindow>, _ address: UInt32, byteCount: UInt32
    ) -> UnsafeMutableRawPointer? {
        windows[Int(address >> Bus.windowShift)].pointer(to: address, byteCount: byteCount)
    }

    /// `regionIndex` for the rare access outside its window's first region (two
    /// regions sharing a window, or no region at all).
    @usableFromInline @inline(never)
    func scanRegions(containing address: UInt32, length: UInt32) -> Int? {
        var index = 0
        while index < regions.count {
            let region = regions[index]
            let offset = address &- region.baseAddress
            if offset < region.byteCount && region.byteCount - offset >= length { return index }
            index += 1
        }
        return nil
    }

    /// Whether `address` lies in the Arm "Peripheral" region 0x40000000–0x5FFFFFFF
    /// (DDI 0403 B3.1, Table B3-1), where vendors put their peripherals. armsim models
    /// no vendor peripherals: such accesses read as zero and ignore writes, and are
    /// counted so the report can warn that the firmware touched hardware armsim lacks.
    @inlinable @inline(__always)
    public static func isPeripheralAddress(_ address: UInt32) -> Bool {
        address &- 0x4000_0000 < 0x2000_0000
    }

    /// Records an access to the unmodelled peripheral window.
    public func notePeripheralAccess(_ address: UInt32) {
        peripheralAccessCount &+= 1
        if firstPeripheralAddress == nil { firstPeripheralAddress = address }
    }

    /// Copies `bytes` into memory at `address` as a flash programmer would (ignores
    /// write protection). Returns false when the range is not inside one region.
    @discardableResult
    public func program(_ bytes: [UInt8], at address: UInt32) -> Bool {
        guard !bytes.isEmpty else { return true }
        guard bytes.count <= Int(UInt32.max), let index = regionIndex(containing: address, length: UInt32(bytes.count))
        else { return false }
        let region = regions[index]
        bytes.withUnsafeBytes { source in
            (region.bytes + Int(address &- region.baseAddress)).copyMemory(from: source.baseAddress!, byteCount: source.count)
        }
        return true
    }

    /// Reads `length` bytes for the host (semihosting buffers, reports). Returns nil
    /// when the range is not inside one region.
    public func hostRead(address: UInt32, length: Int) -> [UInt8]? {
        guard length >= 0, length <= Int(UInt32.max) else { return nil }
        if length == 0 { return [] }
        guard let index = regionIndex(containing: address, length: UInt32(length)) else { return nil }
        let region = regions[index]
        let start = region.bytes + Int(address &- region.baseAddress)
        return Array(UnsafeRawBufferPointer(start: start, count: length))
    }

    /// Writes bytes for the host (semihosting reads into target buffers). Only RAM is
    /// writable this way; returns false otherwise.
    public func hostWrite(_ bytes: [UInt8], at address: UInt32) -> Bool {
        if bytes.isEmpty { return true }
        guard bytes.count <= Int(UInt32.max), let index = regionIndex(containing: address, length: UInt32(bytes.count))
        else { return false }
        let region = regions[index]
        guard region.isWritable else { return false }
        bytes.withUnsafeBytes { source in
            (region.bytes + Int(address &- region.baseAddress)).copyMemory(from: source.baseAddress!, byteCount: source.count)
        }
        hostWriteObserver?(address, bytes.count)
        return true
    }

    /// Told about every successful `hostWrite` (semihosting filling a target buffer), so
    /// that a memory watch counts those bytes as written. Host writes are rare; nil
    /// costs nothing.
    public var hostWriteObserver: ((UInt32, Int) -> Void)?

    /// Reads a little-endian word for the host, or nil if unmapped.
    public func hostRead32(_ address: UInt32) -> UInt32? {
        guard let bytes = hostRead(address: address, length: 4) else { return nil }
        return UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
    }
}
