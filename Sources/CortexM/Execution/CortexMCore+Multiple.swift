import MemoryBus

/// Multiple-register transfers and PC writes that interwork (DDI 0419 A6.7.25, A6.7.49,
/// A6.7.50, A6.7.59; BXWritePC and LoadWritePC in A2.3.1).
extension CortexMCore {
    /// What a POP did.
    enum PopResult {
        /// A memory fault was raised; the instruction was abandoned.
        case faulted
        /// Registers loaded, PC not in the list.
        case done
        /// PC was loaded with this value (not yet written).
        case branch(UInt32)
    }

    /// PUSH: stores the listed registers below SP in ascending order, then lowers SP.
    /// SP is updated only when every store succeeded.
    @inline(__always) func pushRegisters(_ list: UInt32) -> Bool {
        let start = r[13] &- 4 &* UInt32(list.nonzeroBitCount)
        guard storeRegisterList(list, to: start) else { return false }
        r[13] = start
        return true
    }

    /// POP: loads the listed registers from SP upward; SP is written back last.
    @inline(__always) func popRegisters(_ list: UInt32) -> PopResult {
        let start = r[13]
        var pcValue: UInt32 = 0
        guard loadRegisterList(list, from: start, pcValue: &pcValue) else { return .faulted }
        r[13] = start &+ 4 &* UInt32(list.nonzeroBitCount)
        return list & (1 << 15) != 0 ? .branch(pcValue) : .done
    }

    /// STM Rn!, {list}: ascending stores from Rn, Rn written back. When Rn is in the
    /// list but not the lowest register the stored value is UNKNOWN; armsim stores
    /// the original value.
    @inline(__always) func storeMultiple(base: Int, list: UInt32) -> Bool {
        let start = r[base]
        guard storeRegisterList(list, to: start) else { return false }
        r[base] = start &+ UInt32(list.nonzeroBitCount) &* 4
        return true
    }

    /// LDM Rn{!}, {list}: ascending loads; writeback unless Rn is in the list.
    @inline(__always) func loadMultiple(base: Int, list: UInt32) -> Bool {
        let start = r[base]
        var pcValue: UInt32 = 0
        guard loadRegisterList(list, from: start, pcValue: &pcValue) else { return false }
        if list & (1 << UInt32(base)) == 0 { r[base] = start &+ UInt32(list.nonzeroBitCount) &* 4 }
        return true
    }

    /// Stores the registers of `list` (bit i = Ri, lowest register at the lowest
    /// address) to consecutive aligned words from `start`, for STM, STMDB and PUSH.W.
    /// A fault part-way leaves the earlier words stored and returns false; the caller
    /// then writes nothing back. The list never holds PC (its bit is should-be-zero).
    @inline(__always) func storeRegisterList(_ list: UInt32, to start: UInt32) -> Bool {
        if storeRegisterListDirectly(list, to: start) { return true }
        var remaining = list
        var address = start
        while remaining != 0 {
            let index = remaining.trailingZeroBitCount
            guard storeAlignedWord(address, r[index]) else { return false }
            address &+= 4
            remaining &= remaining - 1
        }
        return true
    }

    /// `storeRegisterList` when all the words are in one RAM region that the direct path
    /// serves, away from decoded code: then no store can fault, wait or be noticed.
    /// - Returns: false, having stored nothing, otherwise.
    @inline(never)
    func storeRegisterListDirectly(_ list: UInt32, to start: UInt32) -> Bool {
        let byteCount = 4 &* UInt32(list.nonzeroBitCount)
        guard start & 3 == 0, var pointer = Bus.directPointer(fastWrites, start, byteCount: byteCount),
            !overlapsDecodedRAMCode(start, size: byteCount)
        else { return false }
        var remaining = list
        while remaining != 0 {
            Self.writeLittleEndian(pointer, r[remaining.trailingZeroBitCount], size: 4)
            pointer += 4
            remaining &= remaining - 1
        }
        return true
    }

    /// `loadRegisterList` when all the words are in one region that the direct path
    /// serves: then no load can fault, wait or be noticed, so each register is written as
    /// its word is read.
    /// - Returns: false, having loaded nothing, otherwise.
    @inline(never)
    func loadRegisterListDirectly(_ list: UInt32, from start: UInt32, pcValue: inout UInt32) -> Bool {
        let byteCount = 4 &* UInt32(list.nonzeroBitCount)
        guard start & 3 == 0, var pointer = Bus.directPointer(fastReads, start, byteCount: byteCount) else { return false }
        var remaining = list & 0x7FFF
        while remaining != 0 {
            r[remaining.trailingZeroBitCount] = Self.readLittleEndian(pointer, size: 4)
            pointer += 4
            remaining &= remaining - 1
        }
        if list & (1 << 15) != 0 { pcValue = Self.readLittleEndian(pointer, size: 4) }
        return true
    }

    /// Loads the registers of `list` (bit i = Ri, PC included as bit 15) from
    /// consecutive aligned words from `start`, for LDM (16- and 32-bit) and LDMDB.
    /// Every word is read (wait states, faults, System Control Space reads) before any
    /// register is written, so a fault part-way leaves all registers unchanged (the
    /// direct path, where nothing can fault, writes each as it reads it). PC is
    /// not written: its word is returned in `pcValue` for the caller's LoadWritePC.
    /// - Returns: false after a fault.
    @inline(__always) func loadRegisterList(_ list: UInt32, from start: UInt32, pcValue: inout UInt32) -> Bool {
        if loadRegisterListDirectly(list, from: start, pcValue: &pcValue) { return true }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { values in
            var address = start
            var remaining = list
            var count = 0
            while remaining != 0 {
                guard let value = loadAlignedWord(address) else { return false }
                values[count] = value
                count += 1
                address &+= 4
                remaining &= remaining - 1
            }
            remaining = list & 0x7FFF
            count = 0
            while remaining != 0 {
                r[remaining.trailingZeroBitCount] = values[count]
                count += 1
                remaining &= remaining - 1
            }
            if list & (1 << 15) != 0 { pcValue = values[count] }
            return true
        }
    }

    /// Whether BXWritePC to `target` does more than branch to Thumb code: an exception
    /// return (EXC_RETURN in Handler mode), or a target without the Thumb bit (EPSR.T = 0,
    /// INVSTATE at the next instruction). The run loop branches to any other target itself.
    @inline(__always) func interworkingLeavesThumbCode(_ target: UInt32) -> Bool {
        target & 1 == 0 || (ipsr != 0 && target >= 0xF000_0000)
    }

    /// BXWritePC: a branch that may change state or return from an exception.
    /// - Returns: true when control was taken over (exception return or fault), so the
    ///   caller must not write PC; false after setting `pc` to the target.
    @inline(__always) func writePCInterworking(_ target: UInt32) -> Bool {
        if ipsr != 0 && target >= 0xF000_0000 {
            exceptionReturn(target)
            return true
        }
        pc = target & ~1
        if target & 1 == 0 {
            // EPSR.T = 0: the next instruction raises INVSTATE (checked at the event boundary).
            thumbBit = false
            requestEventCheck()
        }
        return false
    }
}
