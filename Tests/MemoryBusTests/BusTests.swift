import MemoryBus
import Testing

@Suite("Bus")
struct BusTests {
    static func makeBus() -> Bus {
        Bus(regions: [
            MemoryRegionSpec(name: "FLASH", baseAddress: 0x0800_0000, byteCount: 0x1000, kind: .flash, waitStates: 2),
            MemoryRegionSpec(name: "SRAM", baseAddress: 0x2000_0000, byteCount: 0x800, kind: .ram),
        ])
    }

    @Test("An access is inside a region only when all its bytes are")
    func regionLookupNeedsTheWholeAccessInside() {
        let bus = Self.makeBus()
        #expect(bus.regionIndex(containing: 0x0800_0000, length: 4) == 0)
        #expect(bus.regionIndex(containing: 0x0800_0FFC, length: 4) == 0)
        #expect(bus.regionIndex(containing: 0x0800_0FFE, length: 4) == nil)
        #expect(bus.regionIndex(containing: 0x2000_07FF, length: 1) == 1)
        #expect(bus.regionIndex(containing: 0x2000_0800, length: 1) == nil)
        #expect(bus.regionIndex(containing: 0x07FF_FFFF, length: 1) == nil)
        #expect(bus.regionIndex(containing: 0xFFFF_FFFE, length: 4) == nil)
    }

    @Test("Two regions in one 1 MiB window: the lookup finds both, the first by the window table")
    func regionsSharingAWindowAreBothFound() {
        let bus = Bus(regions: [
            MemoryRegionSpec(name: "SRAM1", baseAddress: 0x2000_0000, byteCount: 0x1000, kind: .ram),
            MemoryRegionSpec(name: "SRAM2", baseAddress: 0x2000_4000, byteCount: 0x1000, kind: .ram),
        ])
        #expect(bus.regionIndex(containing: 0x2000_0FFC, length: 4) == 0)
        #expect(bus.regionIndex(containing: 0x2000_4000, length: 4) == 1)
        #expect(bus.regionIndex(containing: 0x2000_2000, length: 4) == nil)
    }

    @Test("Direct paths: reads only where no wait state or accelerator applies, writes only to RAM")
    func directPathsSkipWaitStatesAndReadOnlyMemory() {
        let bus = Self.makeBus()
        let flash = bus.fastReads[0x0800_0000 >> 20]
        #expect(flash.accessEnd == 0)
        #expect(bus.fastWrites[0x0800_0000 >> 20].accessEnd == 0)
        let sram = bus.fastReads[0x2000_0000 >> 20]
        #expect(sram.baseAddress == 0x2000_0000 && sram.accessEnd == 0x800 - 3 && sram.bytes == bus.regions[1].bytes)
        #expect(bus.fastWrites[0x2000_0000 >> 20].accessEnd == 0x800 - 3)
        #expect(bus.fastReads[0x4000_0000 >> 20].accessEnd == 0)
    }

    @Test("A direct path serves every access that lies wholly in its region with one compare; the last three bytes go the region path")
    func directPathBounds() {
        let bus = Self.makeBus()
        let sram = bus.regions[1].bytes
        #expect(Bus.directPointer(bus.fastReads, 0x2000_0000) == sram)
        #expect(Bus.directPointer(bus.fastWrites, 0x2000_07FC) == sram + 0x7FC)
        for address: UInt32 in [0x2000_07FD, 0x2000_07FF, 0x2000_0800, 0x1FFF_FFFF] {
            #expect(Bus.directPointer(bus.fastReads, address) == nil)
        }
        // The region path still serves the last bytes (for accesses that fit).
        #expect(bus.regionIndex(containing: 0x2000_07FF, length: 1) == 1)
        #expect(Bus.directPointer(bus.fastReads, 0x0800_0000) == nil, "flash with wait states")
    }

    @Test("Regions carry their wait states and only RAM is writable")
    func regionStorageCarriesWaitStatesAndWritability() {
        let bus = Self.makeBus()
        #expect(bus.regions[0].waitStates == 2)
        #expect(bus.regions[0].isWritable == false)
        #expect(bus.regions[1].waitStates == 0)
        #expect(bus.regions[1].isWritable)
    }

    @Test("Programming writes flash; host writes reach only RAM")
    func programmingWritesFlashButHostWritesOnlyRAM() {
        let bus = Self.makeBus()
        #expect(bus.program([1, 2, 3, 4], at: 0x0800_0010))
        #expect(bus.hostRead32(0x0800_0010) == 0x0403_0201)
        #expect(bus.hostWrite([9], at: 0x0800_0010) == false)
        #expect(bus.hostWrite([0xAA, 0xBB], at: 0x2000_0000))
        #expect(bus.hostRead(address: 0x2000_0000, length: 2) == [0xAA, 0xBB])
        #expect(bus.program([1, 2], at: 0x0800_0FFF) == false, "a range crossing the region end is refused")
        #expect(bus.hostRead(address: 0x3000_0000, length: 4) == nil)
    }

    @Test("Memory starts zeroed")
    func memoryStartsZeroed() {
        let bus = Self.makeBus()
        #expect(bus.hostRead32(0x2000_07FC) == 0)
    }

    @Test("The Arm peripheral window is 0x40000000-0x5FFFFFFF (DDI 0403 Table B3-1)")
    func peripheralWindowMatchesTheArmMemoryMap() {
        #expect(Bus.isPeripheralAddress(0x4000_0000))
        #expect(Bus.isPeripheralAddress(0x5FFF_FFFF))
        #expect(!Bus.isPeripheralAddress(0x3FFF_FFFF))
        #expect(!Bus.isPeripheralAddress(0x6000_0000))
    }
}
