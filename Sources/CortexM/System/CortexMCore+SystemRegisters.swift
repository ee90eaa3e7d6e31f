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
    private var isV7M: Bool { configuration.kind == .m4 }

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
        case 0xE000_ED14: return isV7M ? 0x0000_0200 : 0x0000_0208  // STKALIGN (+UNALIGN_TRP, RAO on v6-M)
        case 0xE000_ED18, 0xE000_ED1C, 0xE000_ED20: return priorityWord(systemHandlerNumbers(address))
        case 0xE000_ED24: return scs.pending[ExceptionNumber.svCall] ? 1 << 15 : 0
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
            if configuration.hasVTOR { scs.vtor = value & (isV7M ? 0x3FFF_FF80 : 0xFFFF_FF80) }
        case 0xE000_ED0C:
            guard value >> 16 == 0x05FA else { return }  // VECTKEY must be written with 0x05FA
            if isV7M { scs.priorityGroup = (value >> 8) & 7 }
            if value & 4 != 0 { scs.resetRequested = true }
        case 0xE000_ED10:
            scs.scr = value & 0x16
        case 0xE000_ED18, 0xE000_ED1C, 0xE000_ED20:
            setPriorities(systemHandlerNumbers(address), from: value)
        default:
            break
        }
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

    /// ICSR.VECTPENDING (DDI 0419 B3.2.4): the highest-priority pending, enabled exception,
    /// ties to the lower number. Unlike `takeablePendingException`, it does not compare
    /// with the execution priority: a pending exception that cannot preempt the active
    /// handler is still reported, and PRIMASK does not hide it.
    private func highestPriorityPendingException() -> Int? {
        var best: Int?
        var bestPriority = Int.max
        for number in 1..<scs.exceptionCount where scs.pending[number] && scs.isEnabled(number) {
            let priority = scs.priority(of: number)
            if priority < bestPriority {
                best = number
                bestPriority = priority
            }
        }
        return best
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
