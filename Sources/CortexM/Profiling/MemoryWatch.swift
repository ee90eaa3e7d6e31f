import MemoryBus

/// A per-byte "written" map of every RAM region, to report loads of RAM that was never
/// written (uninitialised memory) with the PC that did them.
///
/// Maintained on stores, exception stacking (`hostStore32`) and semihosting writes
/// (`Bus.hostWriteObserver`), checked on loads, and only in profiled runs: the plain
/// loop tests one `Bool` (`CortexMCore.tracksMemory`) per load and store, and the work is
/// out of line (docs/profiling.md, "Uninitialised reads").
///
/// - Note: a load is reported only when *none* of its bytes was ever written, so that
///   word-at-a-time string routines reading past a terminator into a partly written word
///   are not flagged.
public final class MemoryWatch {
    /// One reporting PC: how often it read never-written RAM, and the first address.
    public struct UninitializedRead: Sendable, Equatable {
        public var pc: UInt32
        public var address: UInt32
        public var byteCount: UInt32
        public var count: UInt64
    }

    /// By bus region index: the map of a RAM region (one byte per byte), else nil.
    let maps: [UnsafeMutablePointer<UInt8>?]
    let bases: [UInt32]
    let sizes: [Int]
    /// Distinct PCs reported, in first-seen order, at most `reportLimit`.
    public var reads: [UninitializedRead] { _reads }
    var _reads: [UninitializedRead] = []
    var indexByPC: [UInt32: Int] = [:]
    /// Every uninitialised load, including those of PCs past the limit.
    public var totalCount: UInt64 { _totalCount }
    var _totalCount: UInt64 = 0
    let reportLimit = 32

    public init(bus: Bus) {
        var maps: [UnsafeMutablePointer<UInt8>?] = []
        for spec in bus.specs {
            if spec.kind == .ram {
                let map = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(spec.byteCount))
                map.initialize(repeating: 0, count: Int(spec.byteCount))
                maps.append(map)
            } else {
                maps.append(nil)
            }
        }
        self.maps = maps
        bases = bus.specs.map(\.baseAddress)
        sizes = bus.specs.map { Int($0.byteCount) }
    }

    deinit {
        for map in maps { map?.deallocate() }
    }

    /// Marks `address ..< address + length` as written, wherever it lies.
    public func markWritten(address: UInt32, length: Int) {
        for index in maps.indices where maps[index] != nil {
            let offset = Int(address &- bases[index])
            if address >= bases[index] && offset < sizes[index] {
                let count = min(length, sizes[index] - offset)
                (maps[index]! + offset).update(repeating: 1, count: count)
                return
            }
        }
    }

    @inline(__always) func markWritten(region: Int, address: UInt32, size: UInt32) {
        guard let map = maps[region] else { return }
        let offset = Int(address &- bases[region])
        (map + offset).update(repeating: 1, count: Int(size))
    }

    @inline(__always) func check(region: Int, address: UInt32, size: UInt32, pc: UInt32) {
        guard let map = maps[region] else { return }
        let offset = Int(address &- bases[region])
        for byte in 0..<Int(size) where map[offset + byte] != 0 { return }
        record(pc: pc, address: address, size: size)
    }

    @inline(never) func record(pc: UInt32, address: UInt32, size: UInt32) {
        _totalCount &+= 1
        if let index = indexByPC[pc] {
            _reads[index].count &+= 1
        } else if _reads.count < reportLimit {
            indexByPC[pc] = _reads.count
            _reads.append(UninitializedRead(pc: pc, address: address, byteCount: size, count: 1))
        }
    }
}
