import Testing
@testable import CortexM

/// The ARMv7-M system model on the Cortex-M4: configurable faults and their status
/// registers, BASEPRI/FAULTMASK, priority grouping, STIR, unaligned-access rules, the
/// DWT cycle counter, APSR.Q/GE through MSR/MRS, extended FP frames, and the M4
/// exception timing. Programs use instructions that exist on every core, so these tests
/// depend only on the system model. Encodings checked with arm-none-eabi-objdump
/// (binutils 2.40, -mcpu=cortex-m4).
@Suite("ARMv7-M system model")
struct ARMv7MSystemTests {
    /// Handler stubs in flash: `BKPT #k` at 0x400 + 0x10·k' so a run stops in the handler
    /// that was entered and names it.
    static let hardFaultHandler: UInt32 = 0x400  // BKPT #3
    static let busFaultHandler: UInt32 = 0x410  // BKPT #5
    static let usageFaultHandler: UInt32 = 0x420  // BKPT #6
    static let irq0Handler: UInt32 = 0x430  // BKPT #16

    static let handlerVectors: [Int: UInt32] = [3: hardFaultHandler, 5: busFaultHandler, 6: usageFaultHandler, 16: irq0Handler]
    static let handlerCode: [(UInt32, [UInt8])] = [
        (hardFaultHandler, [0x03, 0xBE]), (busFaultHandler, [0x05, 0xBE]),
        (usageFaultHandler, [0x06, 0xBE]), (irq0Handler, [0x10, 0xBE]),
    ]

    static func machine(_ code: [UInt16], registers: [Int: UInt32] = [:], data: [(UInt32, [UInt8])] = [], vectors: [Int: UInt32] = [:]) -> TestMachine {
        let machine = TestMachine(
            .m4, code: code, vectors: handlerVectors.merging(vectors) { $1 }, data: handlerCode + data)
        for (index, value) in registers { machine.setRegister(index, value) }
        return machine
    }

    // Encodings used below.
    static let strR1AtR0: UInt16 = 0x6001  // str r1, [r0]
    static let ldrR2FromR0: UInt16 = 0x6802  // ldr r2, [r0]
    static let strR3AtR2: UInt16 = 0x6013  // str r3, [r2]
    static let strR3AtR4: UInt16 = 0x6023  // str r3, [r4]
    static let strR4AtR3: UInt16 = 0x601C  // str r4, [r3]
    static let udf: UInt16 = 0xDE00  // udf #0
    static let nop: UInt16 = 0xBF00
    static let svc: UInt16 = 0xDF00  // svc #0

    @Test("UDF escalates to HardFault with HFSR.FORCED and CFSR.UNDEFINSTR while UsageFault is disabled (DDI 0403 B1.5.15, B3.2.15)")
    func undefinedEscalatesToHardFault() {
        let machine = Self.machine([Self.udf])
        #expect(machine.run() == .breakpoint(pc: Self.hardFaultHandler, immediate: 3))
        #expect(machine.core.scs.cfsr == 1 << 16)
        #expect(machine.core.scs.hfsr == 1 << 30)
    }

    @Test("UDF goes to the UsageFault handler when SHCSR.USGFAULTENA is set, without FORCED")
    func undefinedGoesToUsageFaultWhenEnabled() {
        let machine = Self.machine([Self.strR1AtR0, Self.udf], registers: [0: 0xE000_ED24, 1: 1 << 18])
        #expect(machine.run() == .breakpoint(pc: Self.usageFaultHandler, immediate: 6))
        #expect(machine.core.scs.cfsr == 1 << 16)
        #expect(machine.core.scs.hfsr == 0)
    }

    @Test("A load from unmapped memory sets BFSR.PRECISERR and BFARVALID and records BFAR")
    func busFaultRecordsTheAddress() {
        let machine = Self.machine([Self.ldrR2FromR0], registers: [0: 0x6000_0000])
        #expect(machine.run() == .breakpoint(pc: Self.hardFaultHandler, immediate: 3))
        #expect(machine.core.scs.cfsr == (1 << 9) | (1 << 15))
        #expect(machine.core.scs.bfar == 0x6000_0000)
        #expect(machine.register(2) == 0, "the destination is not written")
    }

    @Test("With BusFault enabled the BusFault handler runs")
    func busFaultHandlerRunsWhenEnabled() {
        let machine = Self.machine([Self.strR4AtR3, Self.ldrR2FromR0], registers: [0: 0x6000_0000, 3: 0xE000_ED24, 4: 1 << 17])
        #expect(machine.run() == .breakpoint(pc: Self.busFaultHandler, immediate: 5))
    }

    @Test("Unaligned LDR is allowed on ARMv7-M by default (DDI 0403 A3.2.1)")
    func unalignedLoadIsAllowed() {
        let machine = Self.machine(
            [Self.ldrR2FromR0], registers: [0: 0x2000_0001], data: [(0x2000_0000, [0x11, 0x22, 0x33, 0x44, 0x55])])
        machine.run()
        #expect(machine.register(2) == 0x5544_3322)
    }

    @Test("CCR.UNALIGN_TRP makes an unaligned LDR raise UsageFault UNALIGNED (CFSR bit 24)")
    func unalignTrapFaultsUnalignedLoads() {
        let machine = Self.machine(
            [Self.strR4AtR3, Self.ldrR2FromR0], registers: [0: 0x2000_0001, 3: 0xE000_ED14, 4: (1 << 3) | (1 << 9)])
        #expect(machine.run() == .breakpoint(pc: Self.hardFaultHandler, immediate: 3))
        #expect(machine.core.scs.cfsr == 1 << 24)
    }

    @Test("LDM from an unaligned address always faults (UNALIGNED)")
    func loadMultipleNeedsAlignment() {
        let machine = Self.machine([0xC806], registers: [0: 0x2000_0002])  // ldmia r0!, {r1, r2}
        #expect(machine.run() == .breakpoint(pc: Self.hardFaultHandler, immediate: 3))
        #expect(machine.core.scs.cfsr == 1 << 24)
        #expect(machine.register(0) == 0x2000_0002, "no writeback")
    }

    /// Sets IRQ0's priority to 0x80 and enables it, writes BASEPRI from r5, pends IRQ0.
    static func basepriProgram(basepri: UInt32) -> TestMachine {
        machine(
            [Self.strR1AtR0, Self.strR3AtR2, 0xF385, 0x8811, Self.strR3AtR4, Self.nop],  // msr BASEPRI, r5
            registers: [0: 0xE000_E400, 1: 0x80, 2: 0xE000_E100, 3: 1, 4: 0xE000_E200, 5: basepri])
    }

    @Test("BASEPRI masks an interrupt of equal or lower priority (DDI 0403 B1.5.4)")
    func basepriMasksEqualPriority() {
        let machine = Self.basepriProgram(basepri: 0x80)
        #expect(machine.run() == .breakpoint(pc: TestMachine.codeAddress + 12, immediate: 0))
        #expect(machine.core.scs.pending[16])
    }

    @Test("BASEPRI lets a higher-priority interrupt through")
    func basepriAllowsHigherPriority() {
        let machine = Self.basepriProgram(basepri: 0xC0)
        #expect(machine.run() == .breakpoint(pc: Self.irq0Handler, immediate: 16))
    }

    @Test("BASEPRI_MAX only raises the boost: a lower-priority value is ignored")
    func basepriMaxOnlyRaises() {
        // msr BASEPRI, r5; msr BASEPRI_MAX, r1; mrs r6, BASEPRI
        let machine = Self.machine([0xF385, 0x8811, 0xF381, 0x8812, 0xF3EF, 0x8611], registers: [5: 0x40, 1: 0x80])
        machine.run()
        #expect(machine.register(6) == 0x40)
    }

    @Test("FAULTMASK masks even priority-0 interrupts; MRS reads it back")
    func faultmaskMasksAllConfigurable() {
        // str r1,[r0] (IPR0 = 0); str r3,[r2] (enable); msr FAULTMASK, r3; str r3,[r4] (pend); mrs r6, FAULTMASK
        let machine = Self.machine(
            [Self.strR1AtR0, Self.strR3AtR2, 0xF383, 0x8813, Self.strR3AtR4, 0xF3EF, 0x8613],
            registers: [0: 0xE000_E400, 1: 0, 2: 0xE000_E100, 3: 1, 4: 0xE000_E200])
        #expect(machine.run() == .breakpoint(pc: TestMachine.codeAddress + 14, immediate: 0))
        #expect(machine.register(6) == 1)
    }

    /// SVCall at priority 0x80 pends IRQ0 (priority 0x00) in its handler.
    static func groupingProgram(aircr: UInt32) -> TestMachine {
        // thread: str r6,[r5] (AIRCR); str r1,[r0] (SHPR2 = 0x80000000); str r3,[r2] (ISER0); svc
        // SVCall handler at 0x440: str r3,[r4] (ISPR0); bkpt #11
        machine(
            [0x602E, Self.strR1AtR0, Self.strR3AtR2, Self.svc],
            registers: [0: 0xE000_ED1C, 1: 0x8000_0000, 2: 0xE000_E100, 3: 1, 4: 0xE000_E200, 5: 0xE000_ED0C, 6: aircr],
            data: [(0x440, [0x23, 0x60, 0x0B, 0xBE])], vectors: [11: 0x440])
    }

    @Test("A higher group priority preempts the active handler")
    func higherGroupPriorityPreempts() {
        let machine = Self.groupingProgram(aircr: 0x05FA_0000)
        #expect(machine.run() == .breakpoint(pc: Self.irq0Handler, immediate: 16))
    }

    @Test("With PRIGROUP 7 every priority bit is subpriority, so nothing preempts (DDI 0403 B1.5.4)")
    func subpriorityDoesNotPreempt() {
        let machine = Self.groupingProgram(aircr: 0x05FA_0700)
        #expect(machine.run() == .breakpoint(pc: 0x442, immediate: 11))
        #expect(machine.core.scs.pending[16])
    }

    @Test("STIR pends the interrupt it names")
    func stirPendsAnInterrupt() {
        // str r3,[r2] (ISER0 bit 0); str r1,[r0] (STIR = 0)
        let machine = Self.machine([Self.strR3AtR2, Self.strR1AtR0], registers: [0: 0xE000_EF00, 1: 0, 2: 0xE000_E100, 3: 1])
        #expect(machine.run() == .breakpoint(pc: Self.irq0Handler, immediate: 16))
    }

    @Test("DWT CYCCNT counts the modeled cycles once DEMCR.TRCENA and CYCCNTENA are set (DDI 0403 C1.8)")
    func cycleCounterCountsModeledCycles() {
        // str r1,[r0] (DEMCR.TRCENA); str r3,[r2] (DWT_CTRL.CYCCNTENA); ldr r4,[r2,#4]; nop x3; ldr r5,[r2,#4]
        let machine = Self.machine(
            [Self.strR1AtR0, Self.strR3AtR2, 0x6854, Self.nop, Self.nop, Self.nop, 0x6855],
            registers: [0: 0xE000_EDFC, 1: 1 << 24, 2: 0xE000_1000, 3: 1])
        machine.run()
        // Between the two reads: three NOPs (1 each, M4 TRM Table 3-1) and the second LDR (2).
        #expect(machine.register(5) &- machine.register(4) == 5)
        #expect(machine.register(4) > 0)
    }

    @Test("CYCCNT does not count without DEMCR.TRCENA")
    func cycleCounterNeedsTraceEnable() {
        let machine = Self.machine([Self.strR3AtR2, 0x6854, Self.nop, 0x6855], registers: [2: 0xE000_1000, 3: 1])
        machine.run()
        #expect(machine.register(4) == 0 && machine.register(5) == 0)
    }

    @Test("MSR APSR_nzcvq writes Q and MSR APSR_g writes GE; MRS APSR reads both (DDI 0403 B5.2.2/B5.2.3)")
    func apsrQAndGE() {
        // msr APSR_nzcvq, r3; msr APSR_g, r5; mrs r4, APSR
        let machine = Self.machine([0xF383, 0x8800, 0xF385, 0x8400, 0xF3EF, 0x8400], registers: [3: 0xF800_0000, 5: 0x000F_0000])
        machine.run()
        #expect(machine.register(4) == 0xF80F_0000)
    }

    @Test("CPUID reads 0x410FC241 on the Cortex-M4 (M4 TRM DDI 0439 §4.3)")
    func cpuidIsCortexM4() {
        let machine = Self.machine([Self.ldrR2FromR0], registers: [0: 0xE000_ED00])
        machine.run()
        #expect(machine.register(2) == 0x410F_C241)
    }

    @Test("Exception entry takes 12 cycles and return 10 on the M4 (M4 TRM §3.3: latency 12; return 10, docs/cycle-model.md)")
    func exceptionEntryAndReturnTiming() {
        // svc #0; movs r0, #1 — SVCall handler: bx lr
        let machine = Self.machine([Self.svc, 0x2001], data: [(0x440, [0x70, 0x47])], vectors: [11: 0x440])
        machine.run()
        // entry 12 + BX LR (1+P = 3) + return 10 + MOVS 1
        #expect(machine.cycles == 12 + 3 + 10 + 1)
        #expect(machine.register(0) == 1)
    }

    @Test("With CONTROL.FPCA set, entry pushes the 26-word extended frame, reserves it lazily and gives EXC_RETURN 0xFFFFFFE9 (DDI 0403 B1.5.7)")
    func extendedFrameIsReservedLazily() {
        // msr CONTROL, r3 (FPCA); svc — handler: mov r0, lr; bkpt #11
        let machine = Self.machine([0xF383, 0x8814, Self.svc], registers: [3: 4], data: [(0x440, [0x70, 0x46, 0x0B, 0xBE])], vectors: [11: 0x440])
        #expect(machine.run() == .breakpoint(pc: 0x442, immediate: 11))
        #expect(machine.register(0) == 0xFFFF_FFE9)
        let stackTop = TestMachine.sramBase + TestMachine.sramSize
        #expect(machine.register(13) == stackTop - 0x68)
        #expect(machine.core.scs.fpccr & 1 == 1, "LSPACT")
        #expect(machine.core.scs.fpcar == stackTop - 0x68 + 0x20)
        #expect(machine.core.control & 4 == 0, "the handler starts without an FP context")
    }

    @Test("Returning through an extended frame the handler never used for FP clears LSPACT and restores FPCA")
    func extendedFrameReturnRestoresFPCA() {
        // msr CONTROL, r3; svc; mrs r4, CONTROL — handler: bx lr
        let machine = Self.machine([0xF383, 0x8814, Self.svc, 0xF3EF, 0x8414], registers: [3: 4], data: [(0x440, [0x70, 0x47])], vectors: [11: 0x440])
        machine.run()
        #expect(machine.register(4) == 4)
        #expect(machine.core.scs.fpccr & 1 == 0)
        #expect(machine.register(13) == TestMachine.sramBase + TestMachine.sramSize)
    }

    @Test("With FPCCR.LSPEN clear the FP registers are stored at entry: 12 + 17 cycles")
    func eagerFloatingPointStackingCostsSeventeenCycles() {
        // str r1,[r0] (FPCCR = ASPEN only); msr CONTROL, r3; svc — handler: bkpt #11
        let machine = Self.machine(
            [Self.strR1AtR0, 0xF383, 0x8814, Self.svc], registers: [0: 0xE000_EF34, 1: 0x8000_0000, 3: 4],
            data: [(0x440, [0x0B, 0xBE])], vectors: [11: 0x440])
        machine.core.s[0] = 0x3F80_0000
        machine.core.fpscr = 0x0000_0010
        #expect(machine.run() == .breakpoint(pc: 0x440, immediate: 11))
        let frame = TestMachine.sramBase + TestMachine.sramSize - 0x68
        #expect(machine.word(at: frame + 0x20) == 0x3F80_0000, "S0")
        #expect(machine.word(at: frame + 0x60) == 0x0000_0010, "FPSCR")
        #expect(machine.core.scs.fpccr & 1 == 0, "nothing left to stack lazily")
        // STR (2) + MSR (2) + entry 12 + 17 FP words; the handler's BKPT is the final one.
        #expect(machine.cycles == 2 + 2 + 12 + 17)
    }
}

/// Regressions found when the M4 firmware first ran on the integrated core.
@Suite("ARMv7-M integration regressions")
struct ARMv7MIntegrationRegressionTests {
    @Test("STRD/LDRD accept LR as a transfer register: BadReg is SP or PC only (DDI 0403 A7.7.50, A7.7.166)")
    func dualTransfersAcceptLR() {
        // strd lr, r0, [sp, #-8]!; ldrd r1, lr, [sp]  (gcc emits STRD with LR in nn_softmax_s8)
        let machine = TestMachine(.m4, code: [0xE96D, 0xE002, 0xE9DD, 0x1E00])
        machine.setRegister(14, 0x1234_5678)
        machine.setRegister(0, 0x9ABC_DEF0)
        #expect(machine.run() == .breakpoint(pc: TestMachine.codeAddress + 8, immediate: 0))
        let top = TestMachine.sramBase + TestMachine.sramSize
        #expect(machine.register(13) == top - 8)
        #expect(machine.word(at: top - 8) == 0x1234_5678)
        #expect(machine.register(1) == 0x1234_5678)
        #expect(machine.register(14) == 0x9ABC_DEF0)
    }

    @Test("CPSID f sets FAULTMASK and CPSIE f clears it; PRIMASK is untouched (DDI 0403 B5.2.1)")
    func cpsTargetsFaultmask() {
        // cpsid f; mrs r4, FAULTMASK; mrs r5, PRIMASK; cpsie f; mrs r6, FAULTMASK
        let machine = TestMachine(.m4, code: [0xB671, 0xF3EF, 0x8413, 0xF3EF, 0x8510, 0xB661, 0xF3EF, 0x8613])
        machine.run()
        #expect(machine.register(4) == 1)
        #expect(machine.register(5) == 0)
        #expect(machine.register(6) == 0)
    }
}
