import MemoryBus
import Testing

/// The direct-mapped tags of a flash accelerator (FlashAccelerator.swift), reached
/// through the bus that owns them.
@Suite("Flash accelerator")
struct FlashAcceleratorTests {
    @Test("A line hits after its first fetch until a line with the same index replaces it, for a power-of-two and another line count", arguments: [4, 3])
    func directMappedLines(lineCount: Int) {
        let bus = Bus(regions: [
            MemoryRegionSpec(
                name: "FLASH", baseAddress: 0x0800_0000, byteCount: 0x1000, kind: .flash, waitStates: 5,
                accelerator: FlashAccelerator(lineBytes: 16, instructionCacheLines: lineCount, dataCacheLines: 0))
        ])
        let cache = bus.flashCaches[0]!
        let first: UInt32 = 0x0800_0040
        #expect(!cache.instructionFetchHits(first), "a miss fills the line")
        #expect(cache.instructionFetchHits(first + 12), "the same 16-byte line")
        #expect(!cache.instructionFetchHits(first + 16), "the next line")
        #expect(cache.instructionFetchHits(first))
        // Line index = line address modulo the line count: `lineCount` lines further on.
        let sameIndex = first + UInt32(16 * lineCount)
        #expect(!cache.instructionFetchHits(sameIndex))
        #expect(!cache.instructionFetchHits(first), "replaced")
        #expect(!cache.dataReadHits(first), "no data cache")
        cache.invalidate()
        #expect(!cache.instructionFetchHits(first &+ 16))
        withExtendedLifetime(bus) {}
    }
}
