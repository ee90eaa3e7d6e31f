/// Why a fault happened, as the architecture classifies it (DDI 0419 B1.5.15 for
/// ARMv6-M, where every fault escalates to HardFault; DDI 0403 B3.2.15 CFSR on v7-M).
public enum FaultKind: Sendable, Equatable {
    /// An undefined or unsupported encoding (UNDEFINSTR).
    case undefinedInstruction(raw: UInt32)
    /// Execution with the EPSR.T bit clear: a branch or vector to an even address (INVSTATE).
    case invalidState(target: UInt32)
    /// An illegal EXC_RETURN value or a return that does not match the active exception (INVPC).
    case invalidExceptionReturn(value: UInt32)
    /// A word or halfword access at an unaligned address (UNALIGNED; always on ARMv6-M).
    case unalignedAccess(address: UInt32)
    /// An access to an address that holds no memory or is not writable (bus error).
    case busError(address: UInt32, isWrite: Bool)
    /// An instruction fetch from an address that is not executable memory.
    case instructionFetch(address: UInt32)
    /// A breakpoint instruction other than semihosting, with no debugger attached.
    case breakpoint(immediate: UInt32)
    /// An integer divide by zero with CCR.DIV_0_TRP set (DIVBYZERO, ARMv7-M).
    case divideByZero
    /// A floating-point instruction while CP10/CP11 are disabled in CPACR (NOCP, ARMv7-M).
    case noCoprocessor
    /// SVC executed where SVCall cannot be taken (masked or from a handler of equal or
    /// higher priority): escalated to HardFault (DDI 0419 B1.5.15).
    case escalatedSupervisorCall
    /// Stacking or unstacking the exception frame failed (the stack is outside RAM).
    case stackingError(address: UInt32)

    /// One line for reports.
    public var description: String {
        switch self {
        case .undefinedInstruction(let raw):
            return "undefined instruction " + hex(raw, digits: raw > 0xFFFF ? 8 : 4)
        case .invalidState(let target): return "branch to ARM state (even address \(hex(target)))"
        case .invalidExceptionReturn(let value): return "invalid exception return \(hex(value))"
        case .unalignedAccess(let address): return "unaligned access at \(hex(address))"
        case .busError(let address, let isWrite):
            return "bus error on \(isWrite ? "write to" : "read of") \(hex(address))"
        case .instructionFetch(let address): return "instruction fetch from non-executable address \(hex(address))"
        case .breakpoint(let immediate): return "BKPT #\(hex(immediate, digits: 2)) with no debugger"
        case .divideByZero: return "integer divide by zero (CCR.DIV_0_TRP set)"
        case .noCoprocessor: return "floating-point instruction with the FPU disabled (CPACR)"
        case .escalatedSupervisorCall: return "SVC escalated to HardFault (SVCall priority not above the current one)"
        case .stackingError(let address): return "exception stacking failed at SP \(hex(address))"
        }
    }
}

/// The state of the core when something went wrong: for the one-line report and JSON.
public struct FaultReport: Sendable, Equatable {
    public var kind: FaultKind
    /// Address of the instruction that faulted.
    public var pc: UInt32
    /// R0–R15 at the fault (R15 = the faulting instruction's address).
    public var registers: [UInt32]
    /// xPSR at the fault.
    public var xpsr: UInt32
    /// Cycle count at the fault.
    public var cycle: UInt64
}

/// Why a run ended. Firmware behaviour is a value, never a thrown error.
public enum StopReason: Sendable, Equatable {
    /// The firmware exited through semihosting SYS_EXIT/SYS_EXIT_EXTENDED with
    /// ADP_Stopped_ApplicationExit; `status` is its exit status.
    case exited(status: UInt32)
    /// The firmware stopped through semihosting with another reason code (e.g.
    /// ADP_Stopped_RunTimeErrorUnknown 0x20023), with the subcode when given.
    case abnormalExit(reason: UInt32, subcode: UInt32)
    /// The cycle limit was reached.
    case cycleLimit
    /// A fault occurred with no usable handler: the core locked up (DDI 0419 B1.5.17).
    case lockup(FaultReport)
    /// The firmware loops forever on one instruction (`B .`) with nothing that could interrupt it.
    case infiniteLoop(pc: UInt32, lastFault: FaultReport?)
    /// WFI/WFE with no enabled interrupt source left to wake the core.
    case sleepForever(pc: UInt32)
    /// A BKPT other than semihosting.
    case breakpoint(pc: UInt32, immediate: UInt32)
    /// The host asked to stop (e.g. wall-clock timeout).
    case interrupted
}
