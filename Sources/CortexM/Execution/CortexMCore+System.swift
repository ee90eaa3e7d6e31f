/// System instructions: MRS/MSR (DDI 0419 B4.2.2/B4.2.3), CPS (B4.2.1), SVC (A6.7.68),
/// WFI/WFE (A6.7.77/78), and detection of loops that can never end.
extension CortexMCore {
    /// Whether the current mode is privileged (Handler mode, or Thread with nPRIV clear).
    var isPrivileged: Bool { ipsr != 0 || control & 1 == 0 }

    /// MRS (DDI 0419 B4.2.2; DDI 0403 B5.2.2): SYSm 0–7 the PSR views (EPSR reads as
    /// zero), 8 MSP, 9 PSP, 16 PRIMASK, 17/18 BASEPRI, 19 FAULTMASK, 20 CONTROL.
    func readSpecialRegister(_ sysm: UInt32) -> UInt32 {
        switch sysm {
        case 0...7:
            var value: UInt32 = 0
            if sysm & 1 != 0 { value |= ipsr & 0x1FF }
            if sysm & 4 == 0 {
                value |= xpsr & 0xF800_0000
                if configuration.instructionSet.contains(.v7EMDSP) { value |= (ge & 0xF) << 16 }
            }
            return value
        case 8: return mainStackPointer
        case 9: return processStackPointer
        case 16: return primask ? 1 : 0
        case 17, 18: return isV7M ? basepri : 0
        case 19: return isV7M && faultmask ? 1 : 0
        case 20: return control & (configuration.hasFPU ? 7 : 3)
        default: return 0
        }
    }

    /// MSR (DDI 0419 B4.2.3; DDI 0403 B5.2.3). Writes to anything but APSR are ignored
    /// when unprivileged.
    func writeSpecialRegister(_ sysm: UInt32, _ value: UInt32, mask: UInt8) {
        switch sysm {
        case 0...7:
            guard sysm & 4 == 0 else { return }
            // ARMv6-M has no mask field and always writes NZCV.
            if !isV7M || mask & 2 != 0 {
                n = value & (1 << 31) != 0
                z = value & (1 << 30) != 0
                c = value & (1 << 29) != 0
                v = value & (1 << 28) != 0
                if isV7M { q = value & (1 << 27) != 0 }
            }
            if isV7M && mask & 1 != 0 && configuration.instructionSet.contains(.v7EMDSP) {
                ge = (value >> 16) & 0xF
            }
        case 8, 9:
            guard isPrivileged else { return }
            let usingProcessStack = ipsr == 0 && control & 2 != 0
            if (sysm == 9) == usingProcessStack { r[13] = value & ~3 } else { otherStackPointer = value & ~3 }
        case 16:
            guard isPrivileged else { return }
            primask = value & 1 != 0
            requestEventCheck()
        case 17, 18:
            guard isV7M, isPrivileged else { return }
            let newValue = value & 0xFF & UInt32(scs.priorityMask)
            // BASEPRI_MAX only raises the boost: written when non-zero and higher priority.
            if sysm == 17 || (newValue != 0 && (basepri == 0 || newValue < basepri)) { basepri = newValue }
            requestEventCheck()
        case 19:
            // FAULTMASK cannot be written at execution priority −1 or higher (B5.2.3).
            guard isV7M, isPrivileged, executionPriority() > -1 else { return }
            faultmask = value & 1 != 0
            requestEventCheck()
        case 20:
            // CONTROL: SPSEL only in Thread mode; nPRIV is RAZ/WI on Cortex-M0; FPCA with an FPU.
            guard isPrivileged else { return }
            var newControl = control
            if ipsr == 0 {
                let newSPSEL = value & 2
                if newSPSEL != control & 2 {
                    let current = r[13]
                    r[13] = otherStackPointer
                    otherStackPointer = current
                }
                newControl = (newControl & ~UInt32(2)) | newSPSEL
            }
            if configuration.kind != .m0 { newControl = (newControl & ~UInt32(1)) | (value & 1) }
            if configuration.hasFPU { newControl = (newControl & ~UInt32(4)) | (value & 4) }
            control = newControl
            updateFloatingPointReady()
        default:
            break
        }
    }

    /// CPSID i / CPSIE i; ignored when unprivileged.
    /// - Parameter masks: bit 1 I (PRIMASK), bit 0 F (FAULTMASK, ARMv7-M only; CPSID f
    ///   is ignored at execution priority −1 or higher, B5.2.1). ARMv6-M sets PRIMASK.
    func changeProcessorState(disable: Bool, masks: UInt8) {
        guard isPrivileged else { return }
        if !isV7M || masks & 2 != 0 { primask = disable }
        if isV7M && masks & 1 != 0 && (!disable || executionPriority() > -1) { faultmask = disable }
        requestEventCheck()
    }

    /// An instruction that does not execute: UNDEFINSTR, except that on ARMv7-M a
    /// coprocessor instruction for a coprocessor other than CP10/CP11 (the FPU) fails
    /// `Coproc_Accepted` and raises NOCP (DDI 0403 A5.3.18, B1.5.14): the M4 has no other
    /// coprocessor.
    @inline(never)
    func raiseUndefined(raw: UInt32) {
        let isCoprocessorSpace = raw > 0xFFFF && (raw >> 16) & 0xEC00 == 0xEC00
        let coprocessor = (raw >> 8) & 0xF
        if isV7M && isCoprocessorSpace && coprocessor & 0xE != 0xA {
            raiseFault(.noCoprocessor)
        } else {
            raiseFault(.undefinedInstruction(raw: raw))
        }
    }

    /// SVC: takes SVCall now, or escalates to HardFault when SVCall's priority does not
    /// outrank the execution priority (DDI 0419 B1.5.15).
    @inline(never)
    func supervisorCall(returnAddress: UInt32) {
        if scs.priority(of: ExceptionNumber.svCall) < executionPriority() {
            enterException(ExceptionNumber.svCall, returnAddress: returnAddress, extraCycles: 0)
        } else {
            raiseFault(.escalatedSupervisorCall)
        }
    }

    /// Whether SysTick can still wake the core: counting, with its interrupt enabled,
    /// at a priority that would be taken.
    private func sysTickCanWake() -> Bool {
        guard scs.sysTickEnabled, scs.sysTickInterruptEnabled, scs.sysTickNextZeroCycle != .max else { return false }
        var threshold = 256
        for number in 1..<scs.exceptionCount where scs.active[number] {
            threshold = min(threshold, scs.priority(of: number))
        }
        return scs.priority(of: ExceptionNumber.sysTick) < threshold
    }

    /// WFI/WFE: sleeps until an exception that would wake the core is pending. Sleep
    /// time is counted in `sleepCycles`. Returns false when nothing can ever wake it.
    @inline(never)
    func sleep(isWaitForEvent: Bool) -> Bool {
        if isWaitForEvent && eventRegister {
            eventRegister = false
            return true
        }
        while true {
            // WFI wakes on a pending exception that would preempt if PRIMASK were clear.
            if takeablePendingException(ignoringPrimask: true) != nil { return true }
            guard sysTickCanWake() else { return false }
            let target = min(scs.sysTickNextZeroCycle, cycleLimit)
            if target > cycles {
                sleepCycles &+= target - cycles
                cycles = target
            }
            if cycles >= cycleLimit { return true }
            advanceSysTick()
        }
    }

    /// A branch to itself: an idle loop. When no exception can ever interrupt it the run
    /// stops (the firmware is stuck, e.g. in a default fault handler); otherwise whole
    /// iterations are skipped up to the next event, which gives the same cycle count.
    @inline(never)
    func handleSelfLoop(costPerIteration: Int) {
        if takeablePendingException() != nil { return }
        guard sysTickCanWake(), !primask else {
            requestStop(.infiniteLoop(pc: pc, lastFault: lastFault))
            return
        }
        let target = min(scs.sysTickNextZeroCycle, cycleLimit)
        guard target > cycles, costPerIteration > 0 else { return }
        let iterations = (target - cycles) / UInt64(costPerIteration)
        baseCycles &+= iterations * UInt64(costPerIteration)
        baseInstructions &+= iterations
    }
}
