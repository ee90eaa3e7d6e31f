/// The exception model: priorities, entry (stacking), return (unstacking),
/// tail-chaining, faults and lockup. ARMv6-M ARM DDI 0419 B1.5; ARMv7-M ARM DDI 0403 B1.5.
extension CortexMCore {
    /// The execution priority (DDI 0419 B1.5.4): the highest (lowest-numbered) priority
    /// of the active exceptions, or 0 when PRIMASK is set, or 256 (the "base level")
    /// in Thread mode with nothing active.
    func executionPriority() -> Int {
        var priority = 256
        for number in 1..<scs.exceptionCount where scs.active[number] {
            priority = min(priority, scs.priority(of: number))
        }
        if primask { priority = min(priority, 0) }
        return priority
    }

    /// The pending exception that would be taken now, if any: enabled, with a priority
    /// higher than the execution priority; ties go to the lower exception number.
    func takeablePendingException(ignoringPrimask: Bool = false) -> Int? {
        var threshold = 256
        for number in 1..<scs.exceptionCount where scs.active[number] {
            threshold = min(threshold, scs.priority(of: number))
        }
        if primask && !ignoringPrimask { threshold = min(threshold, 0) }
        var best: Int?
        var bestPriority = Int.max
        for number in 1..<scs.exceptionCount where scs.pending[number] && scs.isEnabled(number) {
            let priority = scs.priority(of: number)
            if priority < threshold && priority < bestPriority {
                best = number
                bestPriority = priority
            }
        }
        return best
    }

    /// Handles whatever is due at `nextEventCycle`: a stop request, the cycle limit,
    /// SysTick, and pending exceptions. Returns a stop reason when the run must end.
    @inline(never)
    func handleEvents() -> StopReason? {
        if let reason = stopReason { return reason }
        if cycles >= cycleLimit { return .cycleLimit }
        if scs.resetRequested { systemReset() }
        if !thumbBit {
            raiseFault(.invalidState(target: pc))
            if let reason = stopReason { return reason }
        }
        advanceSysTick()
        if let number = takeablePendingException() {
            enterException(number, returnAddress: pc, extraCycles: 0)
            if let reason = stopReason { return reason }
        }
        scheduleNextEvent()
        return nil
    }

    /// Sets `nextEventCycle` to the next SysTick zero or the cycle limit.
    func scheduleNextEvent() {
        var next = cycleLimit
        if scs.sysTickEnabled && scs.sysTickNextZeroCycle < next { next = scs.sysTickNextZeroCycle }
        nextEventCycle = next
    }

    /// Forces an event check before the next instruction (after anything that may make
    /// a pending exception takeable: PRIMASK, SCS writes, exception return).
    @inline(__always) func requestEventCheck() { nextEventCycle = 0 }

    /// Advances SysTick to `cycles`: each time the counter reaches zero it sets
    /// COUNTFLAG and, with TICKINT, pends SysTick, then reloads (DDI 0419 B3.3.1).
    func advanceSysTick() {
        guard scs.sysTickEnabled else { return }
        while cycles >= scs.sysTickNextZeroCycle {
            scs.sysTickCountFlag = true
            if scs.sysTickInterruptEnabled { scs.pending[ExceptionNumber.sysTick] = true }
            if scs.sysTickReload == 0 {
                // A reload value of 0 stops the counter at 0 on the next wrap.
                scs.sysTickStoppedValue = 0
                scs.sysTickNextZeroCycle = .max
                break
            }
            scs.sysTickNextZeroCycle &+= UInt64(scs.sysTickReload) + 1
        }
    }

    /// The SYST_CVR value at the current cycle.
    func sysTickCurrentValue() -> UInt32 {
        guard scs.sysTickEnabled, scs.sysTickNextZeroCycle != .max else { return scs.sysTickStoppedValue }
        advanceSysTick()
        guard scs.sysTickNextZeroCycle != .max else { return scs.sysTickStoppedValue }
        let remaining = scs.sysTickNextZeroCycle - cycles
        return UInt32(truncatingIfNeeded: min(remaining, UInt64(0x00FF_FFFF)))
    }

    // MARK: - Entry

    /// Pushes the 8-word frame and branches to the handler of exception `number`
    /// (DDI 0419 B1.5.6 ExceptionEntry, PushStack, ExceptionTaken).
    /// - Parameters:
    ///   - returnAddress: the address stacked as the return address.
    ///   - extraCycles: added to the entry latency (e.g. wait states of the vector read).
    func enterException(_ number: Int, returnAddress: UInt32, extraCycles: Int) {
        let isThreadMode = ipsr == 0
        let usesProcessStack = isThreadMode && control & 2 != 0
        let framePointer = (r[13] &- 32)
        let aligned = framePointer & ~7
        let realigned = aligned != framePointer
        var frameXPSR = xpsr
        if realigned { frameXPSR |= 1 << 9 }
        let frame: [UInt32] = [r[0], r[1], r[2], r[3], r[12], r[14], returnAddress & ~1, frameXPSR]
        for (index, word) in frame.enumerated() {
            if !hostStore32(aligned &+ UInt32(index * 4), word) {
                lockUp(faultReport(.stackingError(address: aligned), pc: pc))
                return
            }
        }
        r[13] = aligned
        r[14] = isThreadMode ? (usesProcessStack ? 0xFFFF_FFFD : 0xFFFF_FFF9) : 0xFFFF_FFF1
        takeException(number, latency: timing.exceptionEntryCycles + extraCycles)
    }

    /// The part of entry shared with tail-chaining: switch to Handler mode on MSP,
    /// mark the exception active and jump to its vector (DDI 0419 B1.5.6 ExceptionTaken).
    func takeException(_ number: Int, latency: Int) {
        if ipsr == 0 && control & 2 != 0 {
            // Handler mode always uses MSP: bank PSP out.
            let processStack = r[13]
            r[13] = otherStackPointer
            otherStackPointer = processStack
        }
        control &= ~UInt32(2)
        ipsr = UInt32(number)
        scs.pending[number] = false
        scs.active[number] = true
        exceptionCount &+= 1
        eventRegister = true
        cycles &+= UInt64(latency)
        let vectorAddress = scs.vtor &+ UInt32(number * 4)
        guard let vector = hostLoad32(vectorAddress) else {
            lockUp(faultReport(.busError(address: vectorAddress, isWrite: false), pc: pc))
            return
        }
        pc = vector & ~1
        thumbBit = vector & 1 == 1
        requestEventCheck()
    }

    // MARK: - Return

    /// Returns from an exception when `value` (an EXC_RETURN) is written to PC in
    /// Handler mode (DDI 0419 B1.5.8 ExceptionReturn, PopStack). Tail-chains to a
    /// pending exception that the return would make takeable.
    func exceptionReturn(_ value: UInt32) {
        let returning = Int(ipsr)
        let toThread: Bool
        let toProcessStack: Bool
        switch value & 0x0FFF_FFFF {
        case 0x0FFF_FFF1: toThread = false; toProcessStack = false
        case 0x0FFF_FFF9: toThread = true; toProcessStack = false
        case 0x0FFF_FFFD: toThread = true; toProcessStack = true
        default:
            raiseFault(.invalidExceptionReturn(value: value))
            return
        }
        guard returning > 0, scs.active[returning] else {
            raiseFault(.invalidExceptionReturn(value: value))
            return
        }
        scs.active[returning] = false
        eventRegister = true

        // Tail-chaining (DDI 0403 B1.5.12; same behaviour on v6-M): a pending exception
        // that outranks the priority we would return to is taken without unstacking.
        // The frame stays on the stack and LR keeps the EXC_RETURN that will unstack it.
        if let next = takeablePendingException() {
            r[14] = value
            takeException(next, latency: timing.tailChainCycles)
            return
        }

        if toThread { ipsr = 0 }
        if toProcessStack {
            let mainStack = r[13]
            r[13] = otherStackPointer
            otherStackPointer = mainStack
            control |= 2
        }
        let framePointer = r[13]
        var frame = [UInt32](repeating: 0, count: 8)
        for index in 0..<8 {
            guard let word = hostLoad32(framePointer &+ UInt32(index * 4)) else {
                lockUp(faultReport(.stackingError(address: framePointer), pc: pc))
                return
            }
            frame[index] = word
        }
        r[0] = frame[0]; r[1] = frame[1]; r[2] = frame[2]; r[3] = frame[3]
        r[12] = frame[4]; r[14] = frame[5]
        let stackedXPSR = frame[7]
        r[13] = framePointer &+ 32 | (stackedXPSR & (1 << 9) != 0 ? 4 : 0)
        n = stackedXPSR & (1 << 31) != 0
        z = stackedXPSR & (1 << 30) != 0
        c = stackedXPSR & (1 << 29) != 0
        v = stackedXPSR & (1 << 28) != 0
        thumbBit = stackedXPSR & (1 << 24) != 0
        ipsr = toThread ? 0 : stackedXPSR & 0x1FF
        pc = frame[6] & ~1
        cycles &+= UInt64(timing.exceptionReturnCycles)
        requestEventCheck()
    }

    // MARK: - Faults

    /// Raises a fault caused by the instruction at `pc`: on ARMv6-M every fault is a
    /// HardFault; a fault while NMI or HardFault is active locks the core up
    /// (DDI 0419 B1.5.15–B1.5.17). The run then stops with the report.
    @inline(never)
    func raiseFault(_ kind: FaultKind) {
        let report = faultReport(kind, pc: pc)
        if scs.active[ExceptionNumber.hardFault] || scs.active[ExceptionNumber.nmi] {
            lockUp(report)
            return
        }
        lastFault = report
        enterException(ExceptionNumber.hardFault, returnAddress: pc, extraCycles: 0)
    }

    /// Stops the run in lockup.
    func lockUp(_ report: FaultReport) {
        requestStop(.lockup(report))
    }
}
