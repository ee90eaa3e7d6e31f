import MemoryBus

/// Data accesses of the executing core: a direct path for RAM and zero-wait memory
/// (`Bus.fastReads`/`fastWrites`), a region path for memory with wait states or an
/// accelerator, and an out-of-line slow path for the System Control Space, unmodelled
/// peripherals and bus errors.
///
/// Loads return nil after raising the architectural fault; the handler then abandons
/// the instruction (nothing written back), as the Arm pseudocode does.
extension CortexMCore {
    /// Reads `size` (1, 2, 4) bytes at `address`, little-endian.
    @inline(__always) func load(_ address: UInt32, size: UInt32) -> UInt32? {
        if size > 1 && address & (size - 1) != 0 && unalignedAccessTraps {
            // ARMv6-M: every unaligned halfword/word access faults (DDI 0419 A3.2);
            // ARMv7-M: only with CCR.UNALIGN_TRP (DDI 0403 A3.2.1).
            raiseFault(.unalignedAccess(address: address))
            return nil
        }
        if let pointer = Bus.directPointer(fastReads, address) {
            return Self.readLittleEndian(pointer, size: size)
        }
        if let index = bus.regionIndex(containing: address, length: size) {
            let region = bus.regions[index]
            if region.waitStates != 0 { addDataReadWaitStates(index, address) }
            if tracksMemory { noteLoad(region: index, address: address, size: size, pc: pc) }
            return Self.readLittleEndian(region.bytes + Int(address &- region.baseAddress), size: size)
        }
        return loadSlow(address, size: size)
    }

    /// Writes the low `size` bytes of `value` at `address`. Returns false after raising a fault.
    @inline(__always) func store(_ address: UInt32, _ value: UInt32, size: UInt32) -> Bool {
        if size > 1 && address & (size - 1) != 0 && unalignedAccessTraps {
            raiseFault(.unalignedAccess(address: address))
            return false
        }
        if let pointer = Bus.directPointer(fastWrites, address), !overlapsDecodedRAMCode(address, size: size) {
            Self.writeLittleEndian(pointer, value, size: size)
            return true
        }
        if let index = bus.regionIndex(containing: address, length: size), bus.regions[index].isWritable {
            let region = bus.regions[index]
            Self.writeLittleEndian(region.bytes + Int(address &- region.baseAddress), value, size: size)
            if overlapsDecodedRAMCode(address, size: size) { discardDecodedCode() }
            if tracksMemory { noteStore(region: index, address: address, size: size) }
            return true
        }
        return storeSlow(address, value, size: size)
    }

    /// Adds the wait states of a data read from a region that has them: out of line, so
    /// that the loads inlined into the run loop stay small.
    @inline(never)
    func addDataReadWaitStates(_ regionIndex: Int, _ address: UInt32) {
        let region = bus.regions[regionIndex]
        baseCycles &+= region.hasAccelerator ? acceleratedReadWait(regionIndex, address) : UInt64(region.waitStates)
        checkEventWithinRunningBlock()
    }

    /// Wait states of a data read behind a flash accelerator: paid when the line misses
    /// the data cache (docs/cycle-model.md, "Flash accelerators").
    @inline(never)
    func acceleratedReadWait(_ regionIndex: Int, _ address: UInt32) -> UInt64 {
        guard let flashCache = bus.flashCaches[regionIndex] else { return UInt64(bus.regions[regionIndex].waitStates) }
        return flashCache.dataReadHits(address) ? 0 : UInt64(bus.regions[regionIndex].waitStates)
    }

    @inline(never)
    func loadSlow(_ address: UInt32, size: UInt32) -> UInt32? {
        if SystemControlSpace.contains(address) {
            return readSystemRegister(address, size: size)
        }
        if address >= 0xE000_0000 && address < 0xE010_0000 {
            // Private peripheral bus outside the SCS: the DWT cycle counter; ITM, FPB and
            // the rest read as zero.
            return address & 0xFFFF_F000 == 0xE000_1000 ? readDataWatchpointAndTrace(address) : 0
        }
        if Bus.isPeripheralAddress(address) {
            bus.notePeripheralAccess(address)
            return 0
        }
        raiseFault(.busError(address: address, isWrite: false))
        return nil
    }

    @inline(never)
    func storeSlow(_ address: UInt32, _ value: UInt32, size: UInt32) -> Bool {
        if SystemControlSpace.contains(address) {
            writeSystemRegister(address, value, size: size)
            return true
        }
        if address >= 0xE000_0000 && address < 0xE010_0000 {
            if address & 0xFFFF_F000 == 0xE000_1000 { writeDataWatchpointAndTrace(address, value) }
            return true
        }
        if Bus.isPeripheralAddress(address) {
            bus.notePeripheralAccess(address)
            return true
        }
        raiseFault(.busError(address: address, isWrite: true))
        return false
    }

    /// A word load that must be word-aligned on every core: LDM/STM, PUSH/POP, LDRD,
    /// LDREX and exception frames (DDI 0403 A3.2.1).
    @inline(__always) func loadAlignedWord(_ address: UInt32) -> UInt32? {
        if address & 3 != 0 {
            raiseFault(.unalignedAccess(address: address))
            return nil
        }
        return load(address, size: 4)
    }

    /// A word store that must be word-aligned on every core (see `loadAlignedWord`).
    @inline(__always) func storeAlignedWord(_ address: UInt32, _ value: UInt32) -> Bool {
        if address & 3 != 0 {
            raiseFault(.unalignedAccess(address: address))
            return false
        }
        return store(address, value, size: 4)
    }

    /// A word read for exception stacking and vector fetch: memory only, no fault raised.
    func hostLoad32(_ address: UInt32) -> UInt32? {
        guard address & 3 == 0, let index = bus.regionIndex(containing: address, length: 4) else { return nil }
        let region = bus.regions[index]
        return Self.readLittleEndian(region.bytes + Int(address &- region.baseAddress), size: 4)
    }

    /// A word write for exception stacking: RAM only, no fault raised.
    func hostStore32(_ address: UInt32, _ value: UInt32) -> Bool {
        guard address & 3 == 0, let index = bus.regionIndex(containing: address, length: 4), bus.regions[index].isWritable
        else { return false }
        let region = bus.regions[index]
        Self.writeLittleEndian(region.bytes + Int(address &- region.baseAddress), value, size: 4)
        if overlapsDecodedRAMCode(address, size: 4) { discardDecodedCode() }
        if tracksMemory { noteStore(region: index, address: address, size: 4) }
        return true
    }

    /// Reads `size` (1, 2, 4) bytes at `pointer` as a little-endian value; any alignment.
    @inline(__always) static func readLittleEndian(_ pointer: UnsafeMutableRawPointer, size: UInt32) -> UInt32 {
        switch size {
        case 1: return UInt32(pointer.load(as: UInt8.self))
        case 2: return UInt32(UInt16(littleEndian: pointer.loadUnaligned(as: UInt16.self)))
        default: return UInt32(littleEndian: pointer.loadUnaligned(as: UInt32.self))
        }
    }

    /// Writes the low `size` (1, 2, 4) bytes of `value` at `pointer`, little-endian.
    @inline(__always) static func writeLittleEndian(_ pointer: UnsafeMutableRawPointer, _ value: UInt32, size: UInt32) {
        switch size {
        case 1: pointer.storeBytes(of: UInt8(truncatingIfNeeded: value), as: UInt8.self)
        case 2: pointer.storeBytes(of: UInt16(truncatingIfNeeded: value).littleEndian, toByteOffset: 0, as: UInt16.self)
        default: pointer.storeBytes(of: value.littleEndian, toByteOffset: 0, as: UInt32.self)
        }
    }

    /// Whether a store to `address ..< address + size` may change decoded code in RAM
    /// (`discardDecodedCode`); always false while code runs from flash only.
    @inline(__always) func overlapsDecodedRAMCode(_ address: UInt32, size: UInt32) -> Bool {
        address &+ size > decodedRAMLow && address < decodedRAMHigh
    }

    /// A load in a profiled run: reported when none of its bytes was ever written.
    @inline(never)
    func noteLoad(region: Int, address: UInt32, size: UInt32, pc: UInt32) {
        watch.unsafelyUnwrapped.check(region: region, address: address, size: size, pc: pc)
    }

    /// A store in a profiled run: its bytes are written from now on.
    @inline(never)
    func noteStore(region: Int, address: UInt32, size: UInt32) {
        watch.unsafelyUnwrapped.markWritten(region: region, address: address, size: size)
    }
}
