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

/// The tag state of one region's accelerator while a core runs.
public final class FlashCacheState {
    let lineShift: UInt32
    var instructionTags: [UInt32]
    var dataTags: [UInt32]
    /// Hits and misses, for reports.
    public private(set) var instructionMisses: UInt64 = 0
    public private(set) var dataMisses: UInt64 = 0

    /// A tag no line address can equal (line addresses are shifted right).
    static let empty: UInt32 = .max

    init(_ accelerator: FlashAccelerator) {
        lineShift = UInt32(accelerator.lineBytes.trailingZeroBitCount)
        instructionTags = Array(repeating: FlashCacheState.empty, count: accelerator.instructionCacheLines)
        dataTags = Array(repeating: FlashCacheState.empty, count: accelerator.dataCacheLines)
    }

    /// Looks up (and fills) the line of `address` in `tags`; true on a hit.
    @inline(__always) private static func access(_ tags: inout [UInt32], line: UInt32) -> Bool {
        guard !tags.isEmpty else { return false }
        let index = Int(line % UInt32(tags.count))
        if tags[index] == line { return true }
        tags[index] = line
        return false
    }

    /// Whether an instruction fetch of `address` after a taken branch hits.
    public func instructionFetchHits(_ address: UInt32) -> Bool {
        let hit = FlashCacheState.access(&instructionTags, line: address >> lineShift)
        if !hit { instructionMisses &+= 1 }
        return hit
    }

    /// Whether a data read of `address` hits.
    public func dataReadHits(_ address: UInt32) -> Bool {
        let hit = FlashCacheState.access(&dataTags, line: address >> lineShift)
        if !hit { dataMisses &+= 1 }
        return hit
    }

    /// Empties both caches (reset).
    public func invalidate() {
        for index in instructionTags.indices { instructionTags[index] = FlashCacheState.empty }
        for index in dataTags.indices { dataTags[index] = FlashCacheState.empty }
    }
}
