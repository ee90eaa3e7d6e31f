/// A flash read accelerator in front of a slow flash: a prefetch buffer that hides the
/// wait states of sequential instruction fetches, and small caches of flash lines for
/// instructions and data (STM32 "ART accelerator", RM0090 §3.5.2; RM0351 §3.3.4;
/// STM32G0/F0 prefetch buffers).
///
/// armsim's model (docs/cycle-model.md, "Flash accelerators") is deliberately simple:
/// sequential fetches are free; a taken branch pays the flash wait states only when the
/// target's line is not in the instruction cache; a data read pays them only when its line
/// is not in the data cache. Both caches are direct-mapped, filled on a miss. It assumes
/// start-up code enabled the accelerator, as the vendors' HAL start-up code does.
public struct FlashAccelerator: Sendable, Equatable {
    /// Bytes per flash line (the width the flash is read at: 16 for the STM32F4 ART).
    public var lineBytes: UInt32
    /// Lines of the instruction cache (0: prefetch buffer only).
    public var instructionCacheLines: Int
    /// Lines of the data cache (0: none).
    public var dataCacheLines: Int

    public init(lineBytes: UInt32, instructionCacheLines: Int, dataCacheLines: Int) {
        self.lineBytes = max(lineBytes, 4)
        self.instructionCacheLines = max(instructionCacheLines, 0)
        self.dataCacheLines = max(dataCacheLines, 0)
    }
}

/// The tag state of one region's accelerator while a core runs: direct-mapped tags in
/// memory the bus allocates with it and frees with it (`deallocate`), so that the run
/// loop looks them up on every taken branch without reference counting or exclusivity
/// checks (a class holding arrays cost more than the simulated instructions on STM32
/// boards: docs/performance.md).
public struct FlashCacheState {
    @usableFromInline let lineShift: UInt32
    @usableFromInline let instructionTags: UnsafeMutablePointer<UInt32>
    @usableFromInline let instructionLineCount: UInt32
    @usableFromInline let dataTags: UnsafeMutablePointer<UInt32>
    @usableFromInline let dataLineCount: UInt32

    /// A tag no line address can equal (line addresses are shifted right).
    static let empty: UInt32 = .max

    init(_ accelerator: FlashAccelerator) {
        lineShift = UInt32(accelerator.lineBytes.trailingZeroBitCount)
        instructionLineCount = UInt32(accelerator.instructionCacheLines)
        dataLineCount = UInt32(accelerator.dataCacheLines)
        instructionTags = .allocate(capacity: max(accelerator.instructionCacheLines, 1))
        dataTags = .allocate(capacity: max(accelerator.dataCacheLines, 1))
        invalidate()
    }

    func deallocate() {
        instructionTags.deallocate()
        dataTags.deallocate()
    }

    /// Looks up (and fills) the line of `address` in `tags`; true on a hit.
    @inlinable @inline(__always) func access(_ tags: UnsafeMutablePointer<UInt32>, count: UInt32, address: UInt32) -> Bool {
        guard count != 0 else { return false }
        let line = address >> lineShift
        // Every accelerator armsim models has a power-of-two line count: a mask, not a divide.
        let index = Int(count & (count &- 1) == 0 ? line & (count &- 1) : line % count)
        if tags[index] == line { return true }
        tags[index] = line
        return false
    }

    /// Whether an instruction fetch of `address` after a taken branch hits.
    @inlinable @inline(__always)
    public func instructionFetchHits(_ address: UInt32) -> Bool {
        access(instructionTags, count: instructionLineCount, address: address)
    }

    /// Whether a data read of `address` hits.
    @inlinable @inline(__always)
    public func dataReadHits(_ address: UInt32) -> Bool {
        access(dataTags, count: dataLineCount, address: address)
    }

    /// Empties both caches (reset).
    public func invalidate() {
        instructionTags.update(repeating: FlashCacheState.empty, count: Int(max(instructionLineCount, 1)))
        dataTags.update(repeating: FlashCacheState.empty, count: Int(max(dataLineCount, 1)))
    }
}
