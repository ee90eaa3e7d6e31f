extension SystemControlSpace {
    /// Whether `address` is in the System Control Space, 0xE000E000–0xE000EFFF (DDI 0419 B3.2).
    @inline(__always) static func contains(_ address: UInt32) -> Bool {
        address &- 0xE000_E000 < 0x1000
    }
}

/// Reads and writes of the SCS registers: SysTick (B3.3), NVIC (B3.4) and SCB
/// (B3.2.x) of DDI 0419, with the v7-M additions of DDI 0403 B3.2 on Cortex-M4.
/// Addresses and fields: ../shared/reference/semihosting-and-debug.md.
extension CortexMCore {
    func readSystemRegister(_ address: UInt32, size: UInt32) -> UInt32 {
        let wordAddress = address & ~3
        let word = readSystemWord(wordAddress)
        let shift = (address & 3) * 8
        switch size {
        case 1: return (word >> shift) & 0xFF
        case 2: return (word >> shift) & 0xFFFF
        default: return word
        }
    }

    func writeSystemRegister(_ address: UInt32, _ value: UInt32, size: UInt32) {
        let wordAddress = address & ~3
        if size < 4 && (isPriorityRegister(wordAddress)) {
            // Byte/halfword writes to priority registers update only their bytes.
            let shift = (address & 3) * 8
            let mask: UInt32 = (size == 1 ? 0xFF : 0xFFFF) << shift
            let merged = (readSystemWord(wordAddress) & ~mask) | ((value << shift) & mask)
            writeSystemWord(wordAddress, merged)
        } else {
            writeSystemWord(wordAddress, value)
        }
        requestEventCheck()
    }

    private func isPriorityRegister(_ address: UInt32) -> Bool {
        (0xE000_E400..<0xE000_E5F0).contains(address) || (0xE000_ED18...0xE000_ED20).contains(address)
    }

    /// The 32 enable/pending/active bits of IRQs 32·`bank` … 32·`bank`+31.
    private func irqBits(_ flags: [Bool], bank: Int) -> UInt32 {
        var value: UInt32 = 0
        for bit in 0..<32 {
            let number = ExceptionNumber.firstExternal + bank * 32 + bit
            if number < scs.exceptionCount && flags[number] { value |= 1 << UInt32(bit) }
        }
        return value
    }

    private func forEachIRQ(in value: UInt32, bank: Int, _ body: (Int) -> Void) {
        for bit in 0..<32 where value & (1 << UInt32(bit)) != 0 {
            let number = ExceptionNumber.firstExternal + bank * 32 + bit
            if number < scs.exceptionCount { body(number) }
        }
    }

    private func priorityWord(_ numbers: [Int?]) -> UInt32 {
        var value: UInt32 = 0
        for (index, number) in numbers.enumerated() {
            if let number, number < scs.exceptionCount {
                value |= UInt32(scs.priorityByte[number]) << UInt32(index * 8)
            }
        }
        return value
    }

    private func setPriorities(_ numbers: [Int?], from value: UInt32) {
        for (index, number) in numbers.enumerated() {
            if let number, number < scs.exceptionCount {
                scs.priorityByte[number] = UInt8(truncatingIfNeeded: value >> UInt32(index * 8)) & scs.priorityMask
            }
        }
    }

    private func systemHandlerNumbers(_ address: UInt32) -> [Int?] {
        switch address {
        case 0xE000_ED18: return isV7M ? [4, 5, 6, nil] : [nil, nil, nil, nil]
        case 0xE000_ED1C: return [nil, nil, nil, ExceptionNumber.svCall]
        default: return [isV7M ? ExceptionNumber.debugMonitor : nil, nil, ExceptionNumber.pendSV, ExceptionNumber.sysTick]
        }
    }

    private func readSystemWord(_ address: UInt32) -> UInt32 {
        switch address {
        case 0xE000_E010:
            var value: UInt32 = 0
            if scs.sysTickEnabled { value |= 1 }
            if scs.sysTickInterruptEnabled { value |= 2 }
            if scs.sysTickClockSource { value |= 4 }
            advanceSysTick()
            if scs.sysTickCountFlag { value |= 1 << 16 }
            scs.sysTickCountFlag = false  // COUNTFLAG clears on read
            return value
        case 0xE000_E014: return scs.sysTickReload
        case 0xE000_E018: return sysTickCurrentValue()
        case 0xE000_E01C: return 0xC000_0000  // NOREF and SKEW set, TENMS unknown: vendor-defined
        case 0xE000_E100..<0xE000_E120: return irqBits(scs.enabled, bank: Int((address - 0xE000_E100) / 4))
        case 0xE000_E180..<0xE000_E1A0: return irqBits(scs.enabled, bank: Int((address - 0xE000_E180) / 4))
        case 0xE000_E200..<0xE000_E220: return irqBits(scs.pending, bank: Int((address - 0xE000_E200) / 4))
        case 0xE000_E280..<0xE000_E2A0: return irqBits(scs.pending, bank: Int((address - 0xE000_E280) / 4))
        case 0xE000_E300..<0xE000_E320: return isV7M ? irqBits(scs.active, bank: Int((address - 0xE000_E300) / 4)) : 0
        case 0xE000_E400..<0xE000_E5F0:
            let first = ExceptionNumber.firstExternal + Int(address - 0xE000_E400)
            return priorityWord([first, first + 1, first + 2, first + 3])
        case 0xE000_ED00: return configuration.cpuid
        case 0xE000_ED04: return interruptControlState()
        case 0xE000_ED08: return configuration.hasVTOR ? scs.vtor : 0
        case 0xE000_ED0C: return 0xFA05_0000 | (isV7M ? scs.priorityGroup << 8 : 0)
        case 0xE000_ED10: return scs.scr
        case 0xE000_ED14: return isV7M ? scs.ccr : 0x0000_0208  // v6-M: STKALIGN and UNALIGN_TRP read as one
        case 0xE000_ED18, 0xE000_ED1C, 0xE000_ED20: return priorityWord(systemHandlerNumbers(address))
        case 0xE000_ED24: return systemHandlerControlAndState()
        default: break
        }
        guard isV7M else { return 0 }
        switch address {
        case 0xE000_E004: return UInt32((configuration.externalInterruptCount + 31) / 32 - 1)  // ICTR.INTLINESNUM
        case 0xE000_ED28: return scs.cfsr
        case 0xE000_ED2C: return scs.hfsr
        case 0xE000_ED34: return scs.mmfar
        case 0xE000_ED38: return scs.bfar
        case 0xE000_ED88: return configuration.hasFPU ? scs.cpacr : 0
        case 0xE000_EDFC: return scs.demcr
        case 0xE000_EF34: return configuration.hasFPU ? scs.fpccr : 0
        case 0xE000_EF38: return configuration.hasFPU ? scs.fpcar : 0
        case 0xE000_EF3C: return configuration.hasFPU ? scs.fpdscr : 0
        // MVFR0/MVFR1 of the Cortex-M4 FPU (M4 TRM DDI 0439 §7.3, Table 7-3).
        case 0xE000_EF40: return configuration.hasFPU ? 0x1011_0021 : 0
        case 0xE000_EF44: return configuration.hasFPU ? 0x1100_0011 : 0
        default: return 0
        }
    }

    private func writeSystemWord(_ address: UInt32, _ value: UInt32) {
        switch address {
        case 0xE000_E010:
            let enable = value & 1 != 0
            if enable && !scs.sysTickEnabled {
                startSysTick(from: scs.sysTickStoppedValue)
            } else if !enable && scs.sysTickEnabled {
                scs.sysTickStoppedValue = sysTickCurrentValue()
                scs.sysTickNextZeroCycle = .max
            }
            scs.sysTickEnabled = enable
            scs.sysTickInterruptEnabled = value & 2 != 0
            scs.sysTickClockSource = value & 4 != 0
        case 0xE000_E014:
            scs.sysTickReload = value & 0x00FF_FFFF
        case 0xE000_E018:
            // Any write clears the counter and COUNTFLAG; it reloads on the next clock.
            scs.sysTickCountFlag = false
            scs.sysTickStoppedValue = 0
            if scs.sysTickEnabled { startSysTick(from: 0) }
        case 0xE000_E100..<0xE000_E120:
            forEachIRQ(in: value, bank: Int((address - 0xE000_E100) / 4)) { scs.enabled[$0] = true }
        case 0xE000_E180..<0xE000_E1A0:
            forEachIRQ(in: value, bank: Int((address - 0xE000_E180) / 4)) { scs.enabled[$0] = false }
        case 0xE000_E200..<0xE000_E220:
            forEachIRQ(in: value, bank: Int((address - 0xE000_E200) / 4)) { scs.pending[$0] = true }
        case 0xE000_E280..<0xE000_E2A0:
            forEachIRQ(in: value, bank: Int((address - 0xE000_E280) / 4)) { scs.pending[$0] = false }
        case 0xE000_E400..<0xE000_E5F0:
            let first = ExceptionNumber.firstExternal + Int(address - 0xE000_E400)
            setPriorities([first, first + 1, first + 2, first + 3], from: value)
        case 0xE000_ED04:
            if value & (1 << 31) != 0 { scs.pending[ExceptionNumber.nmi] = true }
            if value & (1 << 28) != 0 { scs.pending[ExceptionNumber.pendSV] = true }
            if value & (1 << 27) != 0 { scs.pending[ExceptionNumber.pendSV] = false }
            if value & (1 << 26) != 0 { scs.pending[ExceptionNumber.sysTick] = true }
            if value & (1 << 25) != 0 { scs.pending[ExceptionNumber.sysTick] = false }
        case 0xE000_ED08:
            if configuration.hasVTOR { scs.vtor = value & (isV7M ? 0xFFFF_FF80 : 0xFFFF_FF80) }
        case 0xE000_ED0C:
            guard value >> 16 == 0x05FA else { return }  // VECTKEY must be written with 0x05FA
            if isV7M { scs.priorityGroup = (value >> 8) & 7 }
            if value & 4 != 0 { scs.resetRequested = true }
        case 0xE000_ED10:
            scs.scr = value & 0x16
        case 0xE000_ED18, 0xE000_ED1C, 0xE000_ED20:
            setPriorities(systemHandlerNumbers(address), from: value)
        default:
            if isV7M { writeV7MSystemWord(address, value) }
        }
    }

    /// The SCB, FPU and debug registers that exist only on ARMv7-M (DDI 0403 B3.2, C1.6).
    private func writeV7MSystemWord(_ address: UInt32, _ value: UInt32) {
        switch address {
        case 0xE000_ED14:
            // STKALIGN, BFHFNMIGN, DIV_0_TRP, UNALIGN_TRP, USERSETMPEND, NONBASETHRDENA.
            scs.ccr = value & 0x31B
            unalignedAccessTraps = value & (1 << 3) != 0
        case 0xE000_ED24:
            scs.shcsrEnables = value & 0x0007_0000
            setPendingAndActive(value)
        case 0xE000_ED28: scs.cfsr &= ~value  // write one to clear
        case 0xE000_ED2C: scs.hfsr &= ~value
        case 0xE000_ED34: scs.mmfar = value
        case 0xE000_ED38: scs.bfar = value
        case 0xE000_ED88:
            if configuration.hasFPU { scs.cpacr = value & 0x00F0_0000 }
            updateFloatingPointReady()
        case 0xE000_EDFC: scs.demcr = value & 0x010F_07F1
        case 0xE000_EF00:
            // STIR: pends IRQ INTID (unprivileged only with USERSETMPEND, not modelled).
            let number = ExceptionNumber.firstExternal + Int(value & 0x1FF)
            if number < scs.exceptionCount { scs.pending[number] = true }
        case 0xE000_EF34:
            if configuration.hasFPU { scs.fpccr = (scs.fpccr & 0x3FFF_FFFE) | (value & 0xC000_0000) | (value & 1) }
            updateFloatingPointReady()
        case 0xE000_EF38: if configuration.hasFPU { scs.fpcar = value & ~7 }
        case 0xE000_EF3C: if configuration.hasFPU { scs.fpdscr = value & 0x07C0_0000 }
        default: break
        }
    }

    /// SHCSR as read: the fault enables, and the active and pending bits of the system
    /// handlers (DDI 0403 B3.2.13). ARMv6-M has only SVCALLPENDED (DDI 0419 B3.2).
    private func systemHandlerControlAndState() -> UInt32 {
        var value: UInt32 = scs.pending[ExceptionNumber.svCall] ? 1 << 15 : 0
        guard isV7M else { return value }
        value |= scs.shcsrEnables
        let activeBits: [(Int, UInt32)] = [(4, 0), (5, 1), (6, 3), (11, 7), (12, 8), (14, 10), (15, 11)]
        for (number, bit) in activeBits where scs.active[number] { value |= 1 << bit }
        if scs.pending[ExceptionNumber.usageFault] { value |= 1 << 12 }
        if scs.pending[ExceptionNumber.memManage] { value |= 1 << 13 }
        if scs.pending[ExceptionNumber.busFault] { value |= 1 << 14 }
        return value
    }

    /// SHCSR writes may set or clear the pending and active bits (DDI 0403 B3.2.13);
    /// armsim applies the pending bits and leaves active bits to the exception model.
    private func setPendingAndActive(_ value: UInt32) {
        scs.pending[ExceptionNumber.usageFault] = value & (1 << 12) != 0
        scs.pending[ExceptionNumber.memManage] = value & (1 << 13) != 0
        scs.pending[ExceptionNumber.busFault] = value & (1 << 14) != 0
        scs.pending[ExceptionNumber.svCall] = value & (1 << 15) != 0
    }

    /// The DWT registers at 0xE0001000 (DDI 0403 C1.8): DWT_CTRL and DWT_CYCCNT, which
    /// counts the modeled core cycles while DEMCR.TRCENA and DWT_CTRL.CYCCNTENA are set.
    /// ARMv6-M has no cycle counter. Other DWT registers read as zero.
    func readDataWatchpointAndTrace(_ address: UInt32) -> UInt32 {
        guard isV7M else { return 0 }
        switch address & ~3 {
        case 0xE000_1000: return (scs.cycleCounterEnabled ? 1 : 0) | 0x4000_0000  // NUMCOMP 4
        case 0xE000_1004: return currentCycleCount()
        default: return 0
        }
    }

    func writeDataWatchpointAndTrace(_ address: UInt32, _ value: UInt32) {
        guard isV7M else { return }
        switch address & ~3 {
        case 0xE000_1000:
            let enable = value & 1 != 0
            if enable != scs.cycleCounterEnabled {
                scs.cycleCountBase = currentCycleCount()
                scs.cycleCountStart = cycles
                scs.cycleCounterEnabled = enable
            }
        case 0xE000_1004:
            scs.cycleCountBase = value
            scs.cycleCountStart = cycles
        default: break
        }
    }

    /// CYCCNT now: it counts only while enabled and while DEMCR.TRCENA is set.
    private func currentCycleCount() -> UInt32 {
        guard scs.cycleCounterEnabled, scs.demcr & (1 << 24) != 0 else { return scs.cycleCountBase }
        return scs.cycleCountBase &+ UInt32(truncatingIfNeeded: cycles &- scs.cycleCountStart)
    }

    /// Starts SysTick counting down from `value` at the current cycle: it reaches zero
    /// after `value` cycles, or reloads first if it is already zero.
    private func startSysTick(from value: UInt32) {
        if value == 0 {
            scs.sysTickNextZeroCycle = scs.sysTickReload == 0 ? .max : cycles &+ 1 &+ UInt64(scs.sysTickReload)
        } else {
            scs.sysTickNextZeroCycle = cycles &+ UInt64(value)
        }
    }

    /// ICSR as read (DDI 0419 B3.2.4): pending set bits, ISRPENDING, VECTPENDING, VECTACTIVE.
    private func interruptControlState() -> UInt32 {
        var value = ipsr & 0x1FF
        if scs.pending[ExceptionNumber.nmi] { value |= 1 << 31 }
        if scs.pending[ExceptionNumber.pendSV] { value |= 1 << 28 }
        if scs.pending[ExceptionNumber.sysTick] { value |= 1 << 26 }
        if (ExceptionNumber.firstExternal..<scs.exceptionCount).contains(where: { scs.pending[$0] }) { value |= 1 << 22 }
        if let next = highestPriorityPendingException() { value |= UInt32(next & 0x1FF) << 12 }
        if isV7M {
            let otherActive = (1..<scs.exceptionCount).filter { scs.active[$0] }.count
            if otherActive <= 1 { value |= 1 << 11 }  // RETTOBASE
        }
        return value
    }

    /// AIRCR.SYSRESETREQ: a system reset. Memory keeps its contents, as on silicon;
    /// the core and the SCS restart from the vector table.
    func systemReset() {
        let savedCycles = cycles
        let savedInstructions = instructions
        let savedSleep = sleepCycles
        reset(entryPoint: pc)
        cycles = savedCycles
        instructions = savedInstructions
        sleepCycles = savedSleep
        requestEventCheck()
    }
}
