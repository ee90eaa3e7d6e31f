/// Exception numbers of the system exceptions (DDI 0419 B1.5.2, DDI 0403 B1.5.2).
public enum ExceptionNumber {
    public static let reset: Int = 1
    public static let nmi: Int = 2
    public static let hardFault: Int = 3
    public static let memManage: Int = 4
    public static let busFault: Int = 5
    public static let usageFault: Int = 6
    public static let svCall: Int = 11
    public static let debugMonitor: Int = 12
    public static let pendSV: Int = 14
    public static let sysTick: Int = 15
    /// IRQ0's exception number; IRQn is 16 + n.
    public static let firstExternal: Int = 16
}

/// The processor's System Control Space: NVIC, SCB and SysTick registers, and the
/// pending/active/priority state of every exception that they expose.
///
/// It belongs to the core (Arm places the SCS inside the processor, DDI 0419 B3.2),
/// which is why it lives in `CortexM` and not on the bus.
public final class SystemControlSpace {
    let configuration: CoreConfiguration
    /// Number of exception numbers: 16 system + external interrupts.
    let exceptionCount: Int
    /// Per exception number: pending, active, and (for IRQs) enabled.
    var pending: [Bool]
    var active: [Bool]
    var enabled: [Bool]
    /// Configurable priority byte per exception number, as written (unimplemented
    /// low bits already masked off).
    var priorityByte: [UInt8]

    /// SCB registers that hold plain state.
    var vtor: UInt32 = 0
    var scr: UInt32 = 0
    /// AIRCR.PRIGROUP (v7-M only).
    var priorityGroup: UInt32 = 0
    /// Set by AIRCR.SYSRESETREQ; the run stops with a reset request.
    var resetRequested = false

    /// SysTick (DDI 0419 B3.3): CSR bits, reload value, and the cycle at which the
    /// counter next reaches zero while enabled.
    var sysTickEnabled = false
    var sysTickInterruptEnabled = false
    var sysTickClockSource = true
    var sysTickCountFlag = false
    var sysTickReload: UInt32 = 0
    /// Current value while the counter is stopped.
    var sysTickStoppedValue: UInt32 = 0
    /// Cycle at which the counter reaches 0 next (valid while enabled and counting).
    var sysTickNextZeroCycle: UInt64 = .max

    // MARK: ARMv7-M system registers (DDI 0403 B3.2)
    /// SHCSR enable bits of MemManage (16), BusFault (17), UsageFault (18).
    var shcsrEnables: UInt32 = 0
    /// CFSR (MMFSR | BFSR << 8 | UFSR << 16), HFSR, MMFAR, BFAR: fault status (write 1 to clear).
    var cfsr: UInt32 = 0
    var hfsr: UInt32 = 0
    var mmfar: UInt32 = 0
    var bfar: UInt32 = 0
    /// CCR (B3.2.8): STKALIGN (9) set at reset on the M4 r0p1, DIV_0_TRP (4), UNALIGN_TRP (3).
    var ccr: UInt32 = 0
    /// CPACR (B3.2.20): CP10/CP11 access, bits [23:20]; 0 at reset (FPU disabled).
    var cpacr: UInt32 = 0
    /// FPCCR (B3.2.21): ASPEN (31) and LSPEN (30) set at reset; LSPACT (0).
    var fpccr: UInt32 = 0
    /// FPCAR (B3.2.22): where lazy stacking stores S0–S15 and FPSCR.
    var fpcar: UInt32 = 0
    /// FPDSCR (B3.2.23): default AHP/DN/FZ/RMode for a new FP context.
    var fpdscr: UInt32 = 0
    /// DEMCR (C1.6.5): TRCENA (24) enables the DWT.
    var demcr: UInt32 = 0
    /// DWT_CTRL.CYCCNTENA (C1.8.7) and the CYCCNT bookkeeping: while counting,
    /// CYCCNT = `cycleCountBase` + (core cycles − `cycleCountStart`).
    var cycleCounterEnabled = false
    var cycleCountBase: UInt32 = 0
    var cycleCountStart: UInt64 = 0

    init(configuration: CoreConfiguration) {
        self.configuration = configuration
        exceptionCount = ExceptionNumber.firstExternal + configuration.externalInterruptCount
        pending = Array(repeating: false, count: exceptionCount)
        active = Array(repeating: false, count: exceptionCount)
        enabled = Array(repeating: false, count: exceptionCount)
        priorityByte = Array(repeating: 0, count: exceptionCount)
    }

    /// Reset values (DDI 0419 B3.2, B3.3, B3.4).
    func reset() {
        for index in 0..<exceptionCount {
            pending[index] = false
            active[index] = false
            enabled[index] = false
            priorityByte[index] = 0
        }
        vtor = configuration.bootAddress
        scr = 0
        priorityGroup = 0
        resetRequested = false
        sysTickEnabled = false
        sysTickInterruptEnabled = false
        sysTickClockSource = true
        sysTickCountFlag = false
        sysTickReload = 0
        sysTickStoppedValue = 0
        sysTickNextZeroCycle = .max
        shcsrEnables = 0
        cfsr = 0
        hfsr = 0
        mmfar = 0
        bfar = 0
        ccr = configuration.kind == .m4 ? 1 << 9 : 0
        cpacr = 0
        fpccr = configuration.hasFPU ? 0xC000_0000 : 0
        fpcar = 0
        fpdscr = 0
        demcr = 0
        cycleCounterEnabled = false
        cycleCountBase = 0
        cycleCountStart = 0
    }

    /// Mask of the implemented priority bits in a priority byte (the top `priorityBits`).
    var priorityMask: UInt8 {
        let bitCount = min(max(configuration.priorityBits, 1), 8)
        return UInt8(truncatingIfNeeded: 0xFF << (8 - bitCount))
    }

    /// The priority of exception `number`: fixed −3/−2/−1 for Reset, NMI and HardFault,
    /// otherwise its priority byte (DDI 0419 B1.5.4).
    func priority(of number: Int) -> Int {
        switch number {
        case ExceptionNumber.reset: return -3
        case ExceptionNumber.nmi: return -2
        case ExceptionNumber.hardFault: return -1
        default: return Int(priorityByte[number])
        }
    }

    /// Whether exception `number` is a real exception on this core (reserved numbers are not).
    func isImplemented(_ number: Int) -> Bool {
        guard number >= 1 && number < exceptionCount else { return false }
        switch number {
        case 2, 3, 11, 14, 15: return true
        case 4, 5, 6, 12: return configuration.kind == .m4
        case 16...: return true
        default: return false
        }
    }

    /// Whether a pending exception may be taken when its enable allows it: IRQs need
    /// their NVIC enable bit; system exceptions are always enabled.
    func isEnabled(_ number: Int) -> Bool {
        number < ExceptionNumber.firstExternal ? true : enabled[number]
    }
}
