#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exception model: priorities, entry (stacking), return (unstacking),
/// tail-chaining, faults and lockup. ARMv6-M ARM DDI 0419 B1.5; ARMv7-M ARM DDI 0403
/// B1.5 (priority grouping, BASEPRI, FAULTMASK, configurable faults, FP frames).
extension CortexMCore {
    var isV7M: Bool { configuration.kind == .m4 }

    /// The group priority of `priority`: the subpriority bits [PRIGROUP:0] removed
    /// (DDI 0403 B1.5.4). On ARMv6-M PRIGROUP is 0 and bit 0 is never implemented.
    @inline(__always) func groupPriority(_ priority: Int) -> Int {
        guard priority >= 0 else { return priority }
        let groupValue = 2 << Int(scs.priorityGroup)
        return priority - priority % groupValue
    }

    /// The execution priority (DDI 0403 B1.5.4 ExecutionPriority()): the group priority
    /// of the highest-priority active exception, boosted by BASEPRI, PRIMASK (to 0) and
    /// FAULTMASK (to −1); 256 in Thread mode with nothing active and no boost.
    func executionPriority() -> Int {
        var highest = 256
        for number in 1..<scs.exceptionCount where scs.active[number] {
            highest = min(highest, scs.priority(of: number))
        }
        highest = groupPriority(highest == 256 ? 256 : highest)
        var boosted = 256
        if basepri != 0 { boosted = groupPriority(Int(basepri)) }
        if primask { boosted = 0 }
        if faultmask { boosted = -1 }
        return min(highest, boosted)
    }

    /// The pending exception that would be taken now, if any: the enabled pending
    /// exception with the highest priority (ties to the lower number), when its group
    /// priority is higher than the execution priority.
    func takeablePendingException(ignoringPrimask: Bool = false) -> Int? {
        guard let candidate = highestPriorityPendingException() else { return nil }
        var threshold = executionPriority()
        if ignoringPrimask && primask && threshold == 0 {
            // WFI wakes as if PRIMASK were clear (DDI 0403 B1.5.19).
            let saved = primask
            primask = false
            threshold = executionPriority()
            primask = saved
        }
        return groupPriority(scs.priority(of: candidate)) < threshold ? candidate : nil
    }

    /// The enabled pending exception of highest priority, ties to the lower number.
    func highestPriorityPendingException() -> Int? {
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

    /// Handles whatever is due at `nextEventCycle`: a stop request, the cycle limit,
    /// SysTick, and pending exceptions. Returns a stop reason when the run must end.
    @inline(never)
    func handleEvents() -> StopReason? {
        if let reason = stopReason { return reason }
        if cycles >= cycleLimit { return .cycleLimit }
        if let deadline = wallClockDeadline, CortexMCore.monotonicNanoseconds() >= deadline { return .interrupted }
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
        if wallClockDeadline != nil { next = min(next, cycles &+ CortexMCore.wallClockCheckCycles) }
        nextEventCycle = next
    }

    /// CLOCK_MONOTONIC in nanoseconds, for the wall-clock limit.
    public static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// Forces an event check before the next instruction (after anything that may make
    /// a pending exception takeable: PRIMASK, SCS writes, exception return).
    @inline(__always) func requestEventCheck() {
        nextEventCycle = 0
        if runningSlot != idleSlot { placeEventStop(scanningFrom: runningSlot) }
    }

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

    /// Pushes the exception frame and branches to the handler of exception `number`
    /// (DDI 0403 B1.5.6 ExceptionEntry, PushStack, ExceptionTaken). With an active FP
    /// context (CONTROL.FPCA) the frame is the 26-word extended frame: S0–S15 and FPSCR
    /// are stored now, or only reserved when lazy stacking is enabled (FPCCR.LSPEN).
    /// - Parameters:
    ///   - returnAddress: the address stacked as the return address.
    ///   - extraCycles: added to the entry latency.
    func enterException(_ number: Int, returnAddress: UInt32, extraCycles: Int) {
        let isThreadMode = ipsr == 0
        let usesProcessStack = isThreadMode && control & 2 != 0
        let extendedFrame = configuration.hasFPU && control & 4 != 0
        let frameSize: UInt32 = extendedFrame ? 0x68 : 0x20
        let framePointer = r[13] &- frameSize
        let aligned = framePointer & ~7
        var frameXPSR = xpsr
        if aligned != framePointer { frameXPSR |= 1 << 9 }
        let frame: [UInt32] = [r[0], r[1], r[2], r[3], r[12], r[14], returnAddress & ~1, frameXPSR]
        for (index, word) in frame.enumerated() where !hostStore32(aligned &+ UInt32(index * 4), word) {
            stackingFailed(at: aligned, isEntry: true)
            return
        }
        var latency = timing.exceptionEntryCycles + extraCycles
        if extendedFrame {
            if scs.fpccr & (1 << 30) != 0 {
                scs.fpcar = aligned &+ 0x20
                scs.fpccr |= 1  // LSPACT: the space is reserved, the registers are stored on first FP use
            } else {
                guard storeFloatingPointContext(at: aligned &+ 0x20) else {
                    stackingFailed(at: aligned, isEntry: true)
                    return
                }
                latency += CortexMCore.floatingPointContextWords
            }
        }
        r[13] = aligned
        var exceptionReturn: UInt32 = isThreadMode ? (usesProcessStack ? 0xFFFF_FFFD : 0xFFFF_FFF9) : 0xFFFF_FFF1
        if extendedFrame { exceptionReturn &= ~UInt32(0x10) }
        r[14] = exceptionReturn
        takeException(number, latency: latency)
    }

    /// The part of entry shared with tail-chaining: switch to Handler mode on MSP,
    /// mark the exception active and jump to its vector (DDI 0403 B1.5.6 ExceptionTaken).
    func takeException(_ number: Int, latency: Int) {
        if ipsr == 0 && control & 2 != 0 {
            // Handler mode always uses MSP: bank PSP out.
            let processStack = r[13]
            r[13] = otherStackPointer
            otherStackPointer = processStack
        }
        control &= ~UInt32(2 | 4)  // SPSEL = 0; FPCA = 0: the handler has no FP context yet
        ipsr = UInt32(number)
        scs.pending[number] = false
        scs.active[number] = true
        exceptionCount &+= 1
        eventRegister = true
        exclusiveAddress = nil
        updateFloatingPointReady()
        cycles &+= UInt64(latency)
        let vectorAddress = scs.vtor &+ UInt32(number * 4)
        guard let vector = hostLoad32(vectorAddress) else {
            scs.hfsr |= 1 << 1  // VECTTBL
            lockUp(faultReport(.busError(address: vectorAddress, isWrite: false), pc: pc))
            return
        }
        pc = vector & ~1
        thumbBit = vector & 1 == 1
        requestEventCheck()
        callStackProbe?.exceptionEntered(self)
    }

    private func stackingFailed(at address: UInt32, isEntry: Bool) {
        if isV7M { scs.cfsr |= isEntry ? 1 << 12 : 1 << 11 }  // BFSR.STKERR / UNSTKERR
        lockUp(faultReport(.stackingError(address: address), pc: pc))
    }

    // MARK: - Return

    /// Returns from an exception when `value` (an EXC_RETURN) is written to PC in
    /// Handler mode (DDI 0403 B1.5.8 ExceptionReturn, PopStack). Tail-chains to a
    /// pending exception that the return would make takeable.
    func exceptionReturn(_ value: UInt32) {
        let returning = Int(ipsr)
        let toThread: Bool
        let toProcessStack: Bool
        let extendedFrame = value & 0x10 == 0
        switch value & 0x0FFF_FFEF {
        case 0x0FFF_FFE1: toThread = false; toProcessStack = false
        case 0x0FFF_FFE9: toThread = true; toProcessStack = false
        case 0x0FFF_FFED: toThread = true; toProcessStack = true
        default:
            raiseFault(.invalidExceptionReturn(value: value))
            return
        }
        guard returning > 0, scs.active[returning], !extendedFrame || configuration.hasFPU else {
            raiseFault(.invalidExceptionReturn(value: value))
            return
        }
        scs.active[returning] = false
        callStackProbe?.exceptionReturned(self)
        if returning != ExceptionNumber.nmi { faultmask = false }
        eventRegister = true
        exclusiveAddress = nil

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
                stackingFailed(at: framePointer, isEntry: false)
                return
            }
            frame[index] = word
        }
        var latency = timing.exceptionReturnCycles
        if extendedFrame {
            if scs.fpccr & 1 != 0 {
                scs.fpccr &= ~UInt32(1)  // the handler never used the FPU: nothing was stored
            } else {
                guard loadFloatingPointContext(from: framePointer &+ 0x20) else {
                    stackingFailed(at: framePointer, isEntry: false)
                    return
                }
                latency += CortexMCore.floatingPointContextWords
            }
            control |= 4  // CONTROL.FPCA = NOT(EXC_RETURN[4])
        } else {
            control &= ~UInt32(4)
        }
        r[0] = frame[0]; r[1] = frame[1]; r[2] = frame[2]; r[3] = frame[3]
        r[12] = frame[4]; r[14] = frame[5]
        let stackedXPSR = frame[7]
        let frameSize: UInt32 = extendedFrame ? 0x68 : 0x20
        r[13] = (framePointer &+ frameSize) | (stackedXPSR & (1 << 9) != 0 ? 4 : 0)
        n = stackedXPSR & (1 << 31) != 0
        z = stackedXPSR & (1 << 30) != 0
        c = stackedXPSR & (1 << 29) != 0
        v = stackedXPSR & (1 << 28) != 0
        if isV7M {
            q = stackedXPSR & (1 << 27) != 0
            ge = (stackedXPSR >> 16) & 0xF
        }
        thumbBit = stackedXPSR & (1 << 24) != 0
        ipsr = toThread ? 0 : stackedXPSR & 0x1FF
        pc = frame[6] & ~1
        updateFloatingPointReady()
        cycles &+= UInt64(latency)
        requestEventCheck()
    }

    // MARK: - Faults

    /// Raises a fault caused by the instruction at `pc`.
    ///
    /// ARMv6-M: every fault is a HardFault (DDI 0419 B1.5.15). ARMv7-M: the fault goes
    /// to UsageFault, BusFault or MemManage with its CFSR bit, and escalates to HardFault
    /// (HFSR.FORCED) when that handler is disabled in SHCSR or cannot preempt
    /// (DDI 0403 B1.5.15, B3.2.15). A fault that would need HardFault while the
    /// execution priority is already −1 or higher locks the core up (B1.5.17): the run
    /// stops with the report.
    @inline(never)
    func raiseFault(_ kind: FaultKind) {
        let report = faultReport(kind, pc: pc)
        var target = ExceptionNumber.hardFault
        if isV7M {
            let (number, status) = CortexMCore.faultClass(kind)
            scs.cfsr |= status
            switch kind {
            case .busError(let address, _):
                scs.bfar = address
                scs.cfsr |= 1 << 15  // BFARVALID
            default: break
            }
            if let number {
                let enableBit: UInt32 = number == ExceptionNumber.memManage ? 1 << 16 : number == ExceptionNumber.busFault ? 1 << 17 : 1 << 18
                if scs.shcsrEnables & enableBit != 0 && groupPriority(scs.priority(of: number)) < executionPriority() {
                    target = number
                } else {
                    scs.hfsr |= 1 << 30  // FORCED
                }
            } else {
                scs.hfsr |= 1 << 30
            }
        }
        if target == ExceptionNumber.hardFault && executionPriority() <= -1 {
            lockUp(report)
            return
        }
        lastFault = report
        enterException(target, returnAddress: pc, extraCycles: 0)
    }

    /// The configurable fault and CFSR bits of a fault kind (DDI 0403 B3.2.15):
    /// UFSR UNDEFINSTR 16, INVSTATE 17, INVPC 18, NOCP 19, UNALIGNED 24, DIVBYZERO 25;
    /// BFSR IBUSERR 8, PRECISERR 9. nil means HardFault directly.
    static func faultClass(_ kind: FaultKind) -> (Int?, UInt32) {
        switch kind {
        case .undefinedInstruction: return (ExceptionNumber.usageFault, 1 << 16)
        case .invalidState: return (ExceptionNumber.usageFault, 1 << 17)
        case .invalidExceptionReturn: return (ExceptionNumber.usageFault, 1 << 18)
        case .noCoprocessor: return (ExceptionNumber.usageFault, 1 << 19)
        case .unalignedAccess: return (ExceptionNumber.usageFault, 1 << 24)
        case .divideByZero: return (ExceptionNumber.usageFault, 1 << 25)
        case .instructionFetch(let address):
            // Execute Never regions of the default memory map (DDI 0403 B3.1, Table B3-1):
            // Peripheral, Device and System: MemManage IACCVIOL; elsewhere a bus error.
            let isExecuteNever = address >= 0x4000_0000 && (address < 0x6000_0000 || address >= 0xA000_0000)
            return isExecuteNever ? (ExceptionNumber.memManage, 1 << 0) : (ExceptionNumber.busFault, 1 << 8)
        case .busError: return (ExceptionNumber.busFault, 1 << 9)
        case .stackingError: return (ExceptionNumber.busFault, 1 << 12)
        case .breakpoint, .escalatedSupervisorCall: return (nil, 0)
        }
    }

    /// Stops the run in lockup.
    func lockUp(_ report: FaultReport) {
        requestStop(.lockup(report))
    }
}
