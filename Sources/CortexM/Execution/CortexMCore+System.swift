/// System instructions: MRS/MSR (DDI 0419 B4.2.2/B4.2.3), CPS (B4.2.1), SVC (A6.7.68),
/// WFI/WFE (A6.7.77/78), and detection of loops that can never end.
extension CortexMCore {
    /// Whether the current mode is privileged (Handler mode, or Thread with nPRIV clear).
    var isPrivileged: Bool { ipsr != 0 || control & 1 == 0 }

    func readSpecialRegister(_ sysm: UInt32) -> UInt32 {
        switch sysm >> 3 {
        case 0:
            var value: UInt32 = 0
            if sysm & 1 != 0 { value |= ipsr & 0x1FF }
            if sysm & 4 == 0 { value |= xpsr & 0xF800_0000 }
            return value  // EPSR reads as zero
        case 1:
            switch sysm & 7 {
            case 0: return mainStackPointer
            case 1: return processStackPointer
            default: return 0
            }
        case 2:
            switch sysm & 7 {
            case 0: return primask ? 1 : 0
            case 4: return control & 3
            default: return 0
            }
        default:
            return 0
        }
    }

    func writeSpecialRegister(_ sysm: UInt32, _ value: UInt32) {
        switch sysm >> 3 {
        case 0:
            if sysm & 4 == 0 {
                n = value & (1 << 31) != 0
                z = value & (1 << 30) != 0
                c = value & (1 << 29) != 0
                v = value & (1 << 28) != 0
            }
        case 1:
            guard isPrivileged else { return }
            let usingProcessStack = ipsr == 0 && control & 2 != 0
            switch sysm & 7 {
            case 0:
                if usingProcessStack { otherStackPointer = value & ~3 } else { r[13] = value & ~3 }
            case 1:
                if usingProcessStack { r[13] = value & ~3 } else { otherStackPointer = value & ~3 }
            default: break
            }
        case 2:
            guard isPrivileged else { return }
            switch sysm & 7 {
            case 0:
                primask = value & 1 != 0
                requestEventCheck()
            case 4:
                // CONTROL is writable only in Thread mode; nPRIV is RAZ/WI on Cortex-M0.
                guard ipsr == 0 else { return }
                let newSPSEL = value & 2
                if newSPSEL != control & 2 {
                    let current = r[13]
                    r[13] = otherStackPointer
                    otherStackPointer = current
                }
                let privilegeBit = configuration.kind == .m0 ? 0 : value & 1
                control = newSPSEL | privilegeBit
            default: break
            }
        default:
            break
        }
    }

    /// CPSID i / CPSIE i; ignored when unprivileged.
    func changeProcessorState(disable: Bool) {
        guard isPrivileged else { return }
        primask = disable
        requestEventCheck()
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
        cycles &+= iterations * UInt64(costPerIteration)
        instructions &+= iterations
    }
}
