import Testing
@testable import CortexM

/// The ARMv6-M exception model, NVIC, SCB and SysTick (ARMv6-M ARM DDI 0419 B1.5, B3.2–B3.4),
/// driven by hand-encoded Thumb on a `TestMachine`.
///
/// Every program is in `Program` below: its assembly source is the comment of each halfword,
/// as `arm-none-eabi-as -mcpu=cortex-m0` assembled it at 0x100 and `arm-none-eabi-objdump`
/// printed it. Handlers log one byte each to a buffer at `logAddress` through a cursor in R4,
/// so a test reads the order in which code ran as a string.
@Suite("ExceptionModel")
struct ExceptionModelTests {
    static let kinds: [CoreKind] = [.m0, .m0plus]
    /// Where the programs' log cursor (R4) starts.
    static let logAddress: UInt32 = 0x2000_0100
    /// Initial MSP: the top of the TestMachine's SRAM.
    static let stackTop: UInt32 = TestMachine.sramBase + TestMachine.sramSize

    /// The bytes the program logged, as text.
    static func log(_ machine: TestMachine) -> String {
        let bytes = machine.bus.hostRead(address: logAddress, length: 32) ?? []
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    // MARK: - Entry, frame and return (B1.5.6, B1.5.8)

    @Test("SVC stacks r0-r3, r12, lr, the address after SVC and xPSR with T set (B1.5.6 PushStack)", arguments: kinds)
    func svcStacksTheEightWordFrame(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.svcFrame, vectors: [ExceptionNumber.svCall: Program.svcFrameSvcHandler])
        #expect(machine.run() == .breakpoint(pc: Program.svcFrameAfter, immediate: 0))
        let frame = Self.stackTop - 32
        #expect(machine.register(7) == frame, "SP in the handler points at the frame")
        let words = (0..<8).map { machine.word(at: frame + UInt32($0) * 4) }
        // xPSR: N from SUBS 0-1, T (bit 24), IPSR 0 (Thread); bit 9 clear as the SP was 8-byte aligned.
        #expect(words == [1, 2, 3, 4, 5, 0xCAFE_F00D, Program.svcFrameAfter, 0x8100_0000])
        #expect(machine.register(5) == UInt32(ExceptionNumber.svCall), "IPSR in the handler is 11")
    }

    @Test("exception return restores r0-r3, r12, lr, flags and SP (B1.5.8 PopStack)", arguments: kinds)
    func exceptionReturnRestoresRegistersAndFlags(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.svcFrame, vectors: [ExceptionNumber.svCall: Program.svcFrameSvcHandler])
        machine.run()
        #expect((0..<4).map { machine.register($0) } == [1, 2, 3, 4], "the handler zeroed them")
        #expect(machine.register(12) == 5)
        #expect(machine.register(14) == 0xCAFE_F00D)
        #expect(machine.register(13) == Self.stackTop)
        #expect(machine.flags == "N---", "the handler's MOVS #0 set Z; return restores N")
        #expect(machine.core.ipsr == 0)
    }

    @Test("LR on entry from Thread mode on MSP is EXC_RETURN 0xFFFFFFF9 (B1.5.8)", arguments: kinds)
    func lrFromThreadOnMainStack(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.svcFrame, vectors: [ExceptionNumber.svCall: Program.svcFrameSvcHandler])
        machine.run()
        #expect(machine.register(6) == 0xFFFF_FFF9)
    }

    @Test("from Thread mode on PSP: frame on the process stack, LR 0xFFFFFFFD, handler on MSP (B1.5.8, B1.4.4)", arguments: kinds)
    func lrFromThreadOnProcessStack(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.svcPsp, vectors: [ExceptionNumber.svCall: Program.svcPspSvcHandler])
        #expect(machine.run() == .breakpoint(pc: Program.svcPspAfter + 6, immediate: 0))
        #expect(machine.register(6) == 0xFFFF_FFFD)
        #expect(machine.register(7) == Self.stackTop, "the handler runs on MSP, which was not used for the frame")
        #expect(machine.register(4) == 0x2000_7FE0, "PSP in the handler points at the frame")
        #expect(machine.word(at: 0x2000_7FE0) == 0x11, "stacked r0")
        #expect(machine.word(at: 0x2000_7FF8) == Program.svcPspAfter, "stacked return address")
        #expect(machine.register(5) == 2, "CONTROL.SPSEL is 1 again after the return")
        #expect(machine.register(3) == 0x2000_8000, "SP after the return is PSP, frame popped")
        #expect(machine.register(0) == 0x11)
    }

    @Test("an exception preempting a handler gets LR 0xFFFFFFF1 and returns into it (B1.5.8)", arguments: kinds)
    func nestedExceptionGetsHandlerReturn(kind: CoreKind) {
        let machine = TestMachine(
            kind, code: Program.nested,
            vectors: [ExceptionNumber.svCall: Program.nestedSvcHandler, 16: Program.nestedIrq0Handler])
        machine.run()
        #expect(Self.log(machine) == "SIET")
        #expect(machine.register(6) == 0xFFFF_FFF1)
        #expect(machine.core.exceptionCount == 2)
    }

    // MARK: - NVIC (B3.4)

    @Test("an IRQ pended through ISPR runs only once enabled through ISER and with PRIMASK clear (B3.4, B1.4.3)", arguments: kinds)
    func pendedInterruptRunsWhenEnabledAndUnmasked(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.nvicPend, vectors: [16 + 3: Program.nvicPendIrq3Handler])
        machine.run()
        #expect(Self.log(machine) == "abIc", "not while disabled (a), not under CPSID i (b), at CPSIE i")
        #expect(machine.register(2) == 1 << 3, "ISPR reads the pending bit")
        #expect(machine.register(3) == 1 << 3, "ISER reads the enable bit")
        #expect(machine.register(1) == 0, "taking the interrupt cleared its pending bit")
    }

    @Test("priority registers keep the top 2 bits: 0xFF reads back 0xC0 in IPR, SHPR2, SHPR3 (B3.4.6, B3.2.8-9)", arguments: kinds)
    func priorityRegistersImplementTwoBits(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.prioRegs)
        machine.run()
        #expect(machine.register(2) == 0xC0C0_C0C0, "IPR0")
        #expect(machine.register(3) == 0xC000_0000, "SHPR2: only PRI_11 (SVCall)")
        #expect(machine.register(5) == 0xC0C0_0000, "SHPR3: PRI_15 (SysTick) and PRI_14 (PendSV)")
    }

    @Test("pending exceptions run lowest priority value first, ties by exception number (B1.5.4)", arguments: kinds)
    func pendingExceptionsRunInPriorityOrder(kind: CoreKind) {
        let machine = TestMachine(
            kind, code: Program.prioOrder,
            vectors: [
                16: Program.prioOrderIrq0Handler, 17: Program.prioOrderIrq1Handler, 18: Program.prioOrderIrq2Handler,
                19: Program.prioOrderIrq3Handler, ExceptionNumber.pendSV: Program.prioOrderPendsvHandler,
            ])
        machine.run()
        // IRQ1 0x40; then 0x80: PendSV (14), IRQ2 (18), IRQ3 (19); then IRQ0 0xC0.
        #expect(Self.log(machine) == "1P230T")
    }

    @Test("only a strictly higher priority preempts; an equal one waits for the return (B1.5.4)", arguments: kinds)
    func preemptionNeedsStrictlyHigherPriority(kind: CoreKind) {
        let machine = TestMachine(
            kind, code: Program.preempt,
            vectors: [16: Program.preemptIrq0Handler, 17: Program.preemptIrq1Handler, 18: Program.preemptIrq2Handler])
        machine.run()
        // IRQ0 (0x80) pends IRQ1 (0x80): no preemption; pends IRQ2 (0x40): preempts at once.
        #expect(Self.log(machine) == "AB2C1T")
        #expect(machine.register(6) == 0xFFFF_FFF1)
    }

    @Test("PendSV set in an IRQ handler tail-chains: it runs next, before Thread, with LR = EXC_RETURN (B1.5.11)", arguments: kinds)
    func pendSVTailChainsAfterInterrupt(kind: CoreKind) {
        let machine = TestMachine(
            kind, code: Program.tailchain,
            vectors: [16: Program.tailchainIrq0Handler, ExceptionNumber.pendSV: Program.tailchainPendsvHandler])
        machine.run()
        #expect(Self.log(machine) == "IJPT")
        #expect(machine.register(6) == 0xFFFF_FFF9, "LR in PendSV is the EXC_RETURN to Thread")
        #expect(machine.register(8) == UInt32(ExceptionNumber.pendSV))
        // SYS_ELAPSED just before the IRQ's BX LR and at PendSV's start: the gap holds a
        // tail-chain, not an unstack (return) plus a stack (entry).
        let before = machine.word(at: 0x2000_0200)!
        let after = machine.word(at: 0x2000_0208)!
        let timing = machine.core.timing
        #expect(after > before)
        #expect(after - before < UInt32(timing.exceptionReturnCycles + timing.exceptionEntryCycles))
        #expect(after - before > UInt32(timing.tailChainCycles))
    }

    // MARK: - SysTick (B3.3)

    @Test("SysTick: RVR keeps 24 bits, COUNTFLAG sets on wrap and clears on read and on a CVR write, CVR write clears (B3.3)", arguments: kinds)
    func sysTickRegisters(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.systickRegs)
        machine.run()
        #expect(machine.register(2) == 0x00FF_FFFF, "RVR[23:0]")
        #expect(machine.register(3) == 0x5, "CSR right after enabling: ENABLE, CLKSOURCE, no COUNTFLAG yet")
        #expect(machine.register(5) == 0x1_0005, "COUNTFLAG after the counter wrapped")
        #expect(machine.register(6) == 0x5, "the read cleared COUNTFLAG")
        #expect((1...500).contains(machine.register(7)), "CVR counts down from RVR")
        #expect(machine.register(10) == 0x5, "the CVR write cleared COUNTFLAG set by the second wrap")
        #expect((1...500).contains(machine.register(8)), "a stopped counter keeps its value")
        #expect(machine.register(9) == 0, "any write to CVR clears it")
    }

    @Test("SysTick fires every RVR+1 cycles (B3.3.1); WFI sleeps until each tick", arguments: kinds)
    func sysTickPeriodIsReloadPlusOne(kind: CoreKind) {
        let machine = TestMachine(
            kind, code: Program.systickPeriod, vectors: [ExceptionNumber.sysTick: Program.systickPeriodSystickHandler])
        #expect(machine.run(cycleLimit: 300 * 6 + 150) == .cycleLimit)
        let count = Int((machine.register(5) - 0x2000_0200) / 8)
        #expect(count == 6)
        // Each handler stored SYS_ELAPSED (the cycle count) at the same point of its code.
        let stamps = (0..<count).map { machine.word(at: 0x2000_0200 + UInt32($0) * 8)! }
        let gaps = zip(stamps.dropFirst(), stamps).map { $0 - $1 }
        #expect(gaps == Array(repeating: 300, count: count - 1), "RVR = 299")
        #expect(machine.core.sleepCycles > 0)
    }

    // MARK: - SCB (B3.2)

    @Test("ICSR: PENDSVSET and VECTPENDING while masked, VECTACTIVE in the handler, PENDSVCLR (B3.2.4)", arguments: kinds)
    func interruptControlState(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.icsr, vectors: [ExceptionNumber.pendSV: Program.icsrPendsvHandler])
        machine.run()
        #expect(machine.register(2) == 1 << 28 | 14 << 12, "PENDSVSET, VECTPENDING = 14, VECTACTIVE = 0")
        #expect(machine.register(6) == 14, "in PendSV: VECTACTIVE = 14, nothing pending")
        #expect(machine.register(3) == 0, "back in Thread")
        #expect(machine.register(5) == 0, "PENDSVCLR removed the pending state")
        #expect(machine.register(7) == 1, "PendSV ran once")
    }

    @Test("ICSR.VECTPENDING names a pending exception even when it cannot preempt the active one (B3.2.4)", arguments: kinds)
    func vectPendingIgnoresExecutionPriority(kind: CoreKind) {
        let machine = TestMachine(
            kind, code: Program.vectpending, vectors: [16: Program.vectpendingIrq0Handler, 17: Program.vectpendingIrq1Handler])
        machine.run()
        // Read in IRQ0's handler (priority 0x80) with IRQ1 (0xC0) pending: ISRPENDING,
        // VECTPENDING = 17, VECTACTIVE = 16.
        #expect(machine.register(6) == 1 << 22 | 17 << 12 | 16)
        #expect(machine.register(7) == 1, "IRQ1 ran after IRQ0")
    }

    @Test("AIRCR.SYSRESETREQ with VECTKEY 0x05FA restarts from the vector table; without the key it is ignored (B3.2.6)", arguments: kinds)
    func systemResetRequestRestarts(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.sysreset)
        #expect(machine.run() == .breakpoint(pc: Program.sysresetSecond + 2, immediate: 0))
        #expect(machine.word(at: 0x2000_0104) == 1, "the write without VECTKEY did not reset")
        #expect(machine.register(7) == Self.stackTop, "SP reloaded from vector 0")
        #expect(machine.register(6) == 0, "registers reset")
    }

    @Test("CPUID reads 0x410CC200 on Cortex-M0 and 0x410CC601 on Cortex-M0+ (M0 TRM §4.2, M0+ TRM §4.2)", arguments: [
        (CoreKind.m0, UInt32(0x410C_C200)), (.m0plus, 0x410C_C601),
    ])
    func cpuidValues(kind: CoreKind, cpuid: UInt32) {
        let machine = TestMachine(kind, code: Program.cpuid, vectors: [ExceptionNumber.svCall: Program.cpuidFlashSvcHandler])
        machine.run()
        #expect(machine.register(1) == cpuid)
    }

    @Test("VTOR is absent on Cortex-M0 (reads 0, vectors stay at 0) and relocates the table on Cortex-M0+ (B3.2.5)", arguments: [
        (CoreKind.m0, UInt32(0), UInt32(0xA)), (.m0plus, 0x2000_0000, 0xB),
    ])
    func vectorTableOffset(kind: CoreKind, vtor: UInt32, handlerMark: UInt32) {
        var table = [UInt32](repeating: 0, count: 48)
        table[ExceptionNumber.svCall] = Program.cpuidSramSvcHandler | 1
        let machine = TestMachine(
            kind, code: Program.cpuid, vectors: [ExceptionNumber.svCall: Program.cpuidFlashSvcHandler],
            data: [(0x2000_0000, table.flatMap(TestMachine.bytes))])
        machine.run()
        #expect(machine.register(3) == vtor)
        #expect(machine.register(7) == handlerMark, "SVC used the table VTOR points at")
    }

    // MARK: - Faults (B1.5.15-B1.5.17)

    @Test("UDF raises HardFault with the UDF's address stacked (B1.5.15)", arguments: kinds)
    func undefinedInstructionHardFaults(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.udf, vectors: [ExceptionNumber.hardFault: Program.udfHardfaultHandler])
        #expect(machine.run() == .breakpoint(pc: Program.udfHardfaultHandler + 6, immediate: 1))
        #expect(machine.register(6) == 3, "IPSR = HardFault")
        #expect(machine.register(7) == 0x102, "stacked PC = the UDF")
        #expect(machine.core.lastFault?.kind == .undefinedInstruction(raw: 0xDE07))
    }

    @Test("BX to an even address clears EPSR.T and the next instruction HardFaults (INVSTATE, A2.3.1)", arguments: kinds)
    func branchToEvenAddressHardFaults(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.invstate, vectors: [ExceptionNumber.hardFault: Program.invstateHardfaultHandler])
        #expect(machine.run() == .breakpoint(pc: Program.invstateHardfaultHandler + 8, immediate: 1))
        #expect(machine.register(6) == 3)
        #expect(machine.register(7) == 0x200, "stacked PC = the branch target")
        #expect(machine.register(5) & (1 << 24) == 0, "stacked xPSR has T clear")
        #expect(machine.core.lastFault?.kind == .invalidState(target: 0x200))
    }

    @Test("a fault inside the HardFault handler locks the core up (B1.5.17)", arguments: kinds)
    func faultInHardFaultHandlerLocksUp(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.lockup, vectors: [ExceptionNumber.hardFault: Program.lockupHardfaultHandler])
        guard case .lockup(let report) = machine.run() else {
            Issue.record("expected a lockup")
            return
        }
        #expect(report.kind == .undefinedInstruction(raw: 0xDE01))
        #expect(report.pc == Program.lockupHardfaultHandler)
    }

    @Test("SVC with PRIMASK set cannot be taken and escalates to HardFault (B1.5.15)", arguments: kinds)
    func svcWithPrimaskEscalates(kind: CoreKind) {
        let machine = TestMachine(
            kind, code: Program.svcPrimask,
            vectors: [ExceptionNumber.hardFault: Program.svcPrimaskHardfaultHandler, ExceptionNumber.svCall: Program.svcPrimaskSvcHandler])
        #expect(machine.run() == .breakpoint(pc: Program.svcPrimaskHardfaultHandler + 4, immediate: 1))
        #expect(machine.register(6) == 3)
        #expect(machine.register(7) == 0, "the SVCall handler never ran")
        #expect(machine.core.lastFault?.kind == .escalatedSupervisorCall)
    }

    // MARK: - Sleep and idle loops (B1.5.18-19)

    @Test("WFI with an enabled interrupt already pending does not sleep, even under PRIMASK (B1.5.19)", arguments: kinds)
    func wfiWithPendingInterruptDoesNotSleep(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.wfiPending, vectors: [16: Program.wfiPendingIrq0Handler])
        #expect(machine.run() == .breakpoint(pc: 0x10E, immediate: 0))
        #expect(machine.core.sleepCycles == 0)
        #expect(machine.register(7) == 0, "PRIMASK still keeps the handler from running")
    }

    @Test("WFI with SysTick running sleeps until the tick, then the handler runs", arguments: kinds)
    func wfiSleepsUntilSysTick(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.wfiSystick, vectors: [ExceptionNumber.sysTick: Program.wfiSystickSystickHandler])
        #expect(machine.run() == .breakpoint(pc: 0x114, immediate: 0))
        #expect(machine.register(7) == 1)
        #expect(machine.core.sleepCycles > 0 && machine.core.sleepCycles <= 1001, "RVR = 1000")
    }

    @Test("WFI with no enabled interrupt source stops the run as sleepForever", arguments: kinds)
    func wfiWithNothingEnabledSleepsForever(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.wfiForever)
        #expect(machine.run() == .sleepForever(pc: TestMachine.codeAddress))
    }

    @Test("B . with no interrupt source stops the run as infiniteLoop", arguments: kinds)
    func selfBranchWithoutInterruptsIsInfiniteLoop(kind: CoreKind) {
        let machine = TestMachine(kind, code: Program.loop)
        #expect(machine.run() == .infiniteLoop(pc: TestMachine.codeAddress, lastFault: nil))
    }
}

/// The test programs. Labels are the addresses `arm-none-eabi-nm` gave for the snippet's labels.
private enum Program {

    /// firmware snippet `cpuid.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let cpuid: [UInt16] = [
        0x4805,  // 0100: ldr r0, [pc, #20] @ (118 <sram_svc_handler+0x4>)
        0x6801,  // 0102: ldr r1, [r0, #0]
        0x4805,  // 0104: ldr r0, [pc, #20] @ (11c <sram_svc_handler+0x8>)
        0x4A06,  // 0106: ldr r2, [pc, #24] @ (120 <sram_svc_handler+0xc>)
        0x6002,  // 0108: str r2, [r0, #0]
        0x6803,  // 010A: ldr r3, [r0, #0]
        0xDF00,  // 010C: svc 0
        0xBE00,  // 010E: bkpt 0x0000
        0x270A,  // 0110: movs r7, #10
        0x4770,  // 0112: bx lr
        0x270B,  // 0114: movs r7, #11
        0x4770,  // 0116: bx lr
        0xED00, 0xE000,  // 0118: .word 0xE000ED00
        0xED08, 0xE000,  // 011C: .word 0xE000ED08
        0x0000, 0x2000,  // 0120: .word 0x20000000
    ]
    static let cpuidFlashSvcHandler: UInt32 = 0x110
    static let cpuidSramSvcHandler: UInt32 = 0x114

    /// firmware snippet `icsr.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let icsr: [UInt16] = [
        0xB672,  // 0100: cpsid i
        0x4809,  // 0102: ldr r0, [pc, #36] @ (128 <pendsv_handler+0xa>)
        0x2101,  // 0104: movs r1, #1
        0x0709,  // 0106: lsls r1, r1, #28
        0x6001,  // 0108: str r1, [r0, #0]
        0x6802,  // 010A: ldr r2, [r0, #0]
        0xB662,  // 010C: cpsie i
        0x6803,  // 010E: ldr r3, [r0, #0]
        0xB672,  // 0110: cpsid i
        0x6001,  // 0112: str r1, [r0, #0]
        0x0849,  // 0114: lsrs r1, r1, #1
        0x6001,  // 0116: str r1, [r0, #0]
        0x6805,  // 0118: ldr r5, [r0, #0]
        0xB662,  // 011A: cpsie i
        0xBE00,  // 011C: bkpt 0x0000
        0x4802,  // 011E: ldr r0, [pc, #8] @ (128 <pendsv_handler+0xa>)
        0x6801,  // 0120: ldr r1, [r0, #0]
        0x460E,  // 0122: mov r6, r1
        0x3701,  // 0124: adds r7, #1
        0x4770,  // 0126: bx lr
        0xED04, 0xE000,  // 0128: .word 0xE000ED04
    ]
    static let icsrPendsvHandler: UInt32 = 0x11E

    /// firmware snippet `invstate.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let invstate: [UInt16] = [
        0x4803,  // 0100: ldr r0, [pc, #12] @ (110 <hardfault_handler+0xc>)
        0x4700,  // 0102: bx r0
        0xF3EF, 0x8605,  // 0104: mrs r6, IPSR
        0x9F06,  // 0108: ldr r7, [sp, #24]
        0x9D07,  // 010A: ldr r5, [sp, #28]
        0xBE01,  // 010C: bkpt 0x0001
        0x0000,  // 010E: .short 0x0000
        0x0200, 0x0000,  // 0110: .word 0x00000200
    ]
    static let invstateHardfaultHandler: UInt32 = 0x104

    /// firmware snippet `lockup.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let lockup: [UInt16] = [
        0xDE00,  // 0100: udf #0
        0xBE00,  // 0102: bkpt 0x0000
        0xDE01,  // 0104: udf #1
    ]
    static let lockupHardfaultHandler: UInt32 = 0x104

    /// firmware snippet `loop.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let loop: [UInt16] = [
        0xE7FE,  // 0100: b.n 100 <_start>
    ]

    /// firmware snippet `nested.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let nested: [UInt16] = [
        0x4C0D,  // 0100: ldr r4, [pc, #52] @ (138 <irq0_handler+0xa>)
        0x480E,  // 0102: ldr r0, [pc, #56] @ (13c <irq0_handler+0xe>)
        0x2180,  // 0104: movs r1, #128 @ 0x80
        0x0609,  // 0106: lsls r1, r1, #24
        0x6001,  // 0108: str r1, [r0, #0]
        0x480D,  // 010A: ldr r0, [pc, #52] @ (140 <irq0_handler+0x12>)
        0x2101,  // 010C: movs r1, #1
        0x6001,  // 010E: str r1, [r0, #0]
        0xDF00,  // 0110: svc 0
        0x2554,  // 0112: movs r5, #84 @ 0x54
        0x7025,  // 0114: strb r5, [r4, #0]
        0x3401,  // 0116: adds r4, #1
        0xBE00,  // 0118: bkpt 0x0000
        0x2053,  // 011A: movs r0, #83 @ 0x53
        0x7020,  // 011C: strb r0, [r4, #0]
        0x3401,  // 011E: adds r4, #1
        0x4808,  // 0120: ldr r0, [pc, #32] @ (144 <irq0_handler+0x16>)
        0x2101,  // 0122: movs r1, #1
        0x6001,  // 0124: str r1, [r0, #0]
        0x2045,  // 0126: movs r0, #69 @ 0x45
        0x7020,  // 0128: strb r0, [r4, #0]
        0x3401,  // 012A: adds r4, #1
        0x4770,  // 012C: bx lr
        0x2049,  // 012E: movs r0, #73 @ 0x49
        0x7020,  // 0130: strb r0, [r4, #0]
        0x3401,  // 0132: adds r4, #1
        0x4676,  // 0134: mov r6, lr
        0x4770,  // 0136: bx lr
        0x0100, 0x2000,  // 0138: .word 0x20000100
        0xED1C, 0xE000,  // 013C: .word 0xE000ED1C
        0xE100, 0xE000,  // 0140: .word 0xE000E100
        0xE200, 0xE000,  // 0144: .word 0xE000E200
    ]
    static let nestedIrq0Handler: UInt32 = 0x12E
    static let nestedSvcHandler: UInt32 = 0x11A

    /// firmware snippet `nvic_pend.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let nvicPend: [UInt16] = [
        0x4C0C,  // 0100: ldr r4, [pc, #48] @ (134 <irq3_handler+0xa>)
        0x4E0D,  // 0102: ldr r6, [pc, #52] @ (138 <irq3_handler+0xe>)
        0x4F0D,  // 0104: ldr r7, [pc, #52] @ (13c <irq3_handler+0x12>)
        0x2108,  // 0106: movs r1, #8
        0x6039,  // 0108: str r1, [r7, #0]
        0x2561,  // 010A: movs r5, #97 @ 0x61
        0x7025,  // 010C: strb r5, [r4, #0]
        0x3401,  // 010E: adds r4, #1
        0xB672,  // 0110: cpsid i
        0x6031,  // 0112: str r1, [r6, #0]
        0x2562,  // 0114: movs r5, #98 @ 0x62
        0x7025,  // 0116: strb r5, [r4, #0]
        0x3401,  // 0118: adds r4, #1
        0x683A,  // 011A: ldr r2, [r7, #0]
        0x6833,  // 011C: ldr r3, [r6, #0]
        0xB662,  // 011E: cpsie i
        0x2563,  // 0120: movs r5, #99 @ 0x63
        0x7025,  // 0122: strb r5, [r4, #0]
        0x3401,  // 0124: adds r4, #1
        0x6839,  // 0126: ldr r1, [r7, #0]
        0xBE00,  // 0128: bkpt 0x0000
        0x2049,  // 012A: movs r0, #73 @ 0x49
        0x7020,  // 012C: strb r0, [r4, #0]
        0x3401,  // 012E: adds r4, #1
        0x4770,  // 0130: bx lr
        0x0000,  // 0132: .short 0x0000
        0x0100, 0x2000,  // 0134: .word 0x20000100
        0xE100, 0xE000,  // 0138: .word 0xE000E100
        0xE200, 0xE000,  // 013C: .word 0xE000E200
    ]
    static let nvicPendIrq3Handler: UInt32 = 0x12A

    /// firmware snippet `preempt.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let preempt: [UInt16] = [
        0x4C13,  // 0100: ldr r4, [pc, #76] @ (150 <irq2_handler+0xc>)
        0x4814,  // 0102: ldr r0, [pc, #80] @ (154 <irq2_handler+0x10>)
        0x4914,  // 0104: ldr r1, [pc, #80] @ (158 <irq2_handler+0x14>)
        0x6001,  // 0106: str r1, [r0, #0]
        0x4814,  // 0108: ldr r0, [pc, #80] @ (15c <irq2_handler+0x18>)
        0x2107,  // 010A: movs r1, #7
        0x6001,  // 010C: str r1, [r0, #0]
        0x4814,  // 010E: ldr r0, [pc, #80] @ (160 <irq2_handler+0x1c>)
        0x2101,  // 0110: movs r1, #1
        0x6001,  // 0112: str r1, [r0, #0]
        0x2554,  // 0114: movs r5, #84 @ 0x54
        0x7025,  // 0116: strb r5, [r4, #0]
        0x3401,  // 0118: adds r4, #1
        0xBE00,  // 011A: bkpt 0x0000
        0x2041,  // 011C: movs r0, #65 @ 0x41
        0x7020,  // 011E: strb r0, [r4, #0]
        0x3401,  // 0120: adds r4, #1
        0x480F,  // 0122: ldr r0, [pc, #60] @ (160 <irq2_handler+0x1c>)
        0x2102,  // 0124: movs r1, #2
        0x6001,  // 0126: str r1, [r0, #0]
        0x2042,  // 0128: movs r0, #66 @ 0x42
        0x7020,  // 012A: strb r0, [r4, #0]
        0x3401,  // 012C: adds r4, #1
        0x480C,  // 012E: ldr r0, [pc, #48] @ (160 <irq2_handler+0x1c>)
        0x2104,  // 0130: movs r1, #4
        0x6001,  // 0132: str r1, [r0, #0]
        0x2043,  // 0134: movs r0, #67 @ 0x43
        0x7020,  // 0136: strb r0, [r4, #0]
        0x3401,  // 0138: adds r4, #1
        0x4770,  // 013A: bx lr
        0x2031,  // 013C: movs r0, #49 @ 0x31
        0x7020,  // 013E: strb r0, [r4, #0]
        0x3401,  // 0140: adds r4, #1
        0x4770,  // 0142: bx lr
        0x2032,  // 0144: movs r0, #50 @ 0x32
        0x7020,  // 0146: strb r0, [r4, #0]
        0x3401,  // 0148: adds r4, #1
        0x4676,  // 014A: mov r6, lr
        0x4770,  // 014C: bx lr
        0x0000,  // 014E: .short 0x0000
        0x0100, 0x2000,  // 0150: .word 0x20000100
        0xE400, 0xE000,  // 0154: .word 0xE000E400
        0x8080, 0x0040,  // 0158: .word 0x00408080
        0xE100, 0xE000,  // 015C: .word 0xE000E100
        0xE200, 0xE000,  // 0160: .word 0xE000E200
    ]
    static let preemptIrq0Handler: UInt32 = 0x11C
    static let preemptIrq1Handler: UInt32 = 0x13C
    static let preemptIrq2Handler: UInt32 = 0x144

    /// firmware snippet `prio_order.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let prioOrder: [UInt16] = [
        0x4C14,  // 0100: ldr r4, [pc, #80] @ (154 <pendsv_handler+0x8>)
        0xB672,  // 0102: cpsid i
        0x4814,  // 0104: ldr r0, [pc, #80] @ (158 <pendsv_handler+0xc>)
        0x4915,  // 0106: ldr r1, [pc, #84] @ (15c <pendsv_handler+0x10>)
        0x6001,  // 0108: str r1, [r0, #0]
        0x4815,  // 010A: ldr r0, [pc, #84] @ (160 <pendsv_handler+0x14>)
        0x4915,  // 010C: ldr r1, [pc, #84] @ (164 <pendsv_handler+0x18>)
        0x6001,  // 010E: str r1, [r0, #0]
        0x4815,  // 0110: ldr r0, [pc, #84] @ (168 <pendsv_handler+0x1c>)
        0x210F,  // 0112: movs r1, #15
        0x6001,  // 0114: str r1, [r0, #0]
        0x4815,  // 0116: ldr r0, [pc, #84] @ (16c <pendsv_handler+0x20>)
        0x6001,  // 0118: str r1, [r0, #0]
        0x4815,  // 011A: ldr r0, [pc, #84] @ (170 <pendsv_handler+0x24>)
        0x2101,  // 011C: movs r1, #1
        0x0709,  // 011E: lsls r1, r1, #28
        0x6001,  // 0120: str r1, [r0, #0]
        0xB662,  // 0122: cpsie i
        0x2554,  // 0124: movs r5, #84 @ 0x54
        0x7025,  // 0126: strb r5, [r4, #0]
        0x3401,  // 0128: adds r4, #1
        0xBE00,  // 012A: bkpt 0x0000
        0x2030,  // 012C: movs r0, #48 @ 0x30
        0x7020,  // 012E: strb r0, [r4, #0]
        0x3401,  // 0130: adds r4, #1
        0x4770,  // 0132: bx lr
        0x2031,  // 0134: movs r0, #49 @ 0x31
        0x7020,  // 0136: strb r0, [r4, #0]
        0x3401,  // 0138: adds r4, #1
        0x4770,  // 013A: bx lr
        0x2032,  // 013C: movs r0, #50 @ 0x32
        0x7020,  // 013E: strb r0, [r4, #0]
        0x3401,  // 0140: adds r4, #1
        0x4770,  // 0142: bx lr
        0x2033,  // 0144: movs r0, #51 @ 0x33
        0x7020,  // 0146: strb r0, [r4, #0]
        0x3401,  // 0148: adds r4, #1
        0x4770,  // 014A: bx lr
        0x2050,  // 014C: movs r0, #80 @ 0x50
        0x7020,  // 014E: strb r0, [r4, #0]
        0x3401,  // 0150: adds r4, #1
        0x4770,  // 0152: bx lr
        0x0100, 0x2000,  // 0154: .word 0x20000100
        0xE400, 0xE000,  // 0158: .word 0xE000E400
        0x40C0, 0x8080,  // 015C: .word 0x808040C0
        0xED20, 0xE000,  // 0160: .word 0xE000ED20
        0x0000, 0x0080,  // 0164: .word 0x00800000
        0xE100, 0xE000,  // 0168: .word 0xE000E100
        0xE200, 0xE000,  // 016C: .word 0xE000E200
        0xED04, 0xE000,  // 0170: .word 0xE000ED04
    ]
    static let prioOrderIrq0Handler: UInt32 = 0x12C
    static let prioOrderIrq1Handler: UInt32 = 0x134
    static let prioOrderIrq2Handler: UInt32 = 0x13C
    static let prioOrderIrq3Handler: UInt32 = 0x144
    static let prioOrderPendsvHandler: UInt32 = 0x14C

    /// firmware snippet `prio_regs.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let prioRegs: [UInt16] = [
        0x2100,  // 0100: movs r1, #0
        0x43C9,  // 0102: mvns r1, r1
        0x4804,  // 0104: ldr r0, [pc, #16] @ (118 <_start+0x18>)
        0x6001,  // 0106: str r1, [r0, #0]
        0x6802,  // 0108: ldr r2, [r0, #0]
        0x4804,  // 010A: ldr r0, [pc, #16] @ (11c <_start+0x1c>)
        0x6001,  // 010C: str r1, [r0, #0]
        0x6803,  // 010E: ldr r3, [r0, #0]
        0x4803,  // 0110: ldr r0, [pc, #12] @ (120 <_start+0x20>)
        0x6001,  // 0112: str r1, [r0, #0]
        0x6805,  // 0114: ldr r5, [r0, #0]
        0xBE00,  // 0116: bkpt 0x0000
        0xE400, 0xE000,  // 0118: .word 0xE000E400
        0xED1C, 0xE000,  // 011C: .word 0xE000ED1C
        0xED20, 0xE000,  // 0120: .word 0xE000ED20
    ]

    /// firmware snippet `svc_frame.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let svcFrame: [UInt16] = [
        0x4C0A,  // 0100: ldr r4, [pc, #40] @ (12c <svc_handler+0x14>)
        0x46A6,  // 0102: mov lr, r4
        0x2405,  // 0104: movs r4, #5
        0x46A4,  // 0106: mov ip, r4
        0x2001,  // 0108: movs r0, #1
        0x2102,  // 010A: movs r1, #2
        0x2203,  // 010C: movs r2, #3
        0x2304,  // 010E: movs r3, #4
        0x2500,  // 0110: movs r5, #0
        0x3D01,  // 0112: subs r5, #1
        0xDF01,  // 0114: svc 1
        0xBE00,  // 0116: bkpt 0x0000
        0x4676,  // 0118: mov r6, lr
        0x466F,  // 011A: mov r7, sp
        0xF3EF, 0x8505,  // 011C: mrs r5, IPSR
        0x2000,  // 0120: movs r0, #0
        0x2100,  // 0122: movs r1, #0
        0x2200,  // 0124: movs r2, #0
        0x2300,  // 0126: movs r3, #0
        0x4684,  // 0128: mov ip, r0
        0x4770,  // 012A: bx lr
        0xF00D, 0xCAFE,  // 012C: .word 0xCAFEF00D
    ]
    static let svcFrameAfter: UInt32 = 0x116
    static let svcFrameSvcHandler: UInt32 = 0x118

    /// firmware snippet `svc_primask.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let svcPrimask: [UInt16] = [
        0xB672,  // 0100: cpsid i
        0xDF03,  // 0102: svc 3
        0xBE00,  // 0104: bkpt 0x0000
        0xF3EF, 0x8605,  // 0106: mrs r6, IPSR
        0xBE01,  // 010A: bkpt 0x0001
        0x2701,  // 010C: movs r7, #1
        0x4770,  // 010E: bx lr
    ]
    static let svcPrimaskHardfaultHandler: UInt32 = 0x106
    static let svcPrimaskSvcHandler: UInt32 = 0x10C

    /// firmware snippet `svc_psp.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let svcPsp: [UInt16] = [
        0x4809,  // 0100: ldr r0, [pc, #36] @ (128 <svc_handler+0xc>)
        0xF380, 0x8809,  // 0102: msr PSP, r0
        0x2002,  // 0106: movs r0, #2
        0xF380, 0x8814,  // 0108: msr CONTROL, r0
        0xF3BF, 0x8F6F,  // 010C: isb sy
        0x2011,  // 0110: movs r0, #17
        0xDF02,  // 0112: svc 2
        0xF3EF, 0x8514,  // 0114: mrs r5, CONTROL
        0x466B,  // 0118: mov r3, sp
        0xBE00,  // 011A: bkpt 0x0000
        0x4676,  // 011C: mov r6, lr
        0x466F,  // 011E: mov r7, sp
        0xF3EF, 0x8409,  // 0120: mrs r4, PSP
        0x4770,  // 0124: bx lr
        0x0000,  // 0126: .short 0x0000
        0x8000, 0x2000,  // 0128: .word 0x20008000
    ]
    static let svcPspAfter: UInt32 = 0x114
    static let svcPspSvcHandler: UInt32 = 0x11C

    /// firmware snippet `sysreset.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let sysreset: [UInt16] = [
        0x4808,  // 0100: ldr r0, [pc, #32] @ (124 <second+0x6>)
        0x6801,  // 0102: ldr r1, [r0, #0]
        0x2900,  // 0104: cmp r1, #0
        0xD10A,  // 0106: bne.n 11e <second>
        0x2101,  // 0108: movs r1, #1
        0x6001,  // 010A: str r1, [r0, #0]
        0x2655,  // 010C: movs r6, #85 @ 0x55
        0x4A06,  // 010E: ldr r2, [pc, #24] @ (128 <second+0xa>)
        0x2304,  // 0110: movs r3, #4
        0x6013,  // 0112: str r3, [r2, #0]
        0x6041,  // 0114: str r1, [r0, #4]
        0x4B05,  // 0116: ldr r3, [pc, #20] @ (12c <second+0xe>)
        0xB084,  // 0118: sub sp, #16
        0x6013,  // 011A: str r3, [r2, #0]
        0xE7FE,  // 011C: b.n 11c <_start+0x1c>
        0x466F,  // 011E: mov r7, sp
        0xBE00,  // 0120: bkpt 0x0000
        0x0000,  // 0122: .short 0x0000
        0x0100, 0x2000,  // 0124: .word 0x20000100
        0xED0C, 0xE000,  // 0128: .word 0xE000ED0C
        0x0004, 0x05FA,  // 012C: .word 0x05FA0004
    ]
    static let sysresetSecond: UInt32 = 0x11E

    /// firmware snippet `systick_period.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let systickPeriod: [UInt16] = [
        0x4D07,  // 0100: ldr r5, [pc, #28] @ (120 <systick_handler+0xc>)
        0x4808,  // 0102: ldr r0, [pc, #32] @ (124 <systick_handler+0x10>)
        0x4908,  // 0104: ldr r1, [pc, #32] @ (128 <systick_handler+0x14>)
        0x6041,  // 0106: str r1, [r0, #4]
        0x2100,  // 0108: movs r1, #0
        0x6081,  // 010A: str r1, [r0, #8]
        0x2107,  // 010C: movs r1, #7
        0x6001,  // 010E: str r1, [r0, #0]
        0xBF30,  // 0110: wfi
        0xE7FD,  // 0112: b.n 110 <idle>
        0x2030,  // 0114: movs r0, #48 @ 0x30
        0x4629,  // 0116: mov r1, r5
        0xBEAB,  // 0118: bkpt 0x00ab
        0x3508,  // 011A: adds r5, #8
        0x4770,  // 011C: bx lr
        0x0000,  // 011E: .short 0x0000
        0x0200, 0x2000,  // 0120: .word 0x20000200
        0xE010, 0xE000,  // 0124: .word 0xE000E010
        0x012B, 0x0000,  // 0128: .word 0x0000012B
    ]
    static let systickPeriodIdle: UInt32 = 0x110
    static let systickPeriodSystickHandler: UInt32 = 0x114

    /// firmware snippet `systick_regs.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let systickRegs: [UInt16] = [
        0x480E,  // 0100: ldr r0, [pc, #56] @ (13c <delay2+0x1a>)
        0x490F,  // 0102: ldr r1, [pc, #60] @ (140 <delay2+0x1e>)
        0x6041,  // 0104: str r1, [r0, #4]
        0x6842,  // 0106: ldr r2, [r0, #4]
        0x490E,  // 0108: ldr r1, [pc, #56] @ (144 <delay2+0x22>)
        0x6041,  // 010A: str r1, [r0, #4]
        0x6081,  // 010C: str r1, [r0, #8]
        0x2105,  // 010E: movs r1, #5
        0x6001,  // 0110: str r1, [r0, #0]
        0x6803,  // 0112: ldr r3, [r0, #0]
        0x21C8,  // 0114: movs r1, #200 @ 0xc8
        0x3901,  // 0116: subs r1, #1
        0xD1FD,  // 0118: bne.n 116 <delay1>
        0x6805,  // 011A: ldr r5, [r0, #0]
        0x6806,  // 011C: ldr r6, [r0, #0]
        0x6887,  // 011E: ldr r7, [r0, #8]
        0x21C8,  // 0120: movs r1, #200 @ 0xc8
        0x3901,  // 0122: subs r1, #1
        0xD1FD,  // 0124: bne.n 122 <delay2>
        0x6081,  // 0126: str r1, [r0, #8]
        0x6801,  // 0128: ldr r1, [r0, #0]
        0x468A,  // 012A: mov sl, r1
        0x2100,  // 012C: movs r1, #0
        0x6001,  // 012E: str r1, [r0, #0]
        0x6881,  // 0130: ldr r1, [r0, #8]
        0x4688,  // 0132: mov r8, r1
        0x6081,  // 0134: str r1, [r0, #8]
        0x6881,  // 0136: ldr r1, [r0, #8]
        0x4689,  // 0138: mov r9, r1
        0xBE00,  // 013A: bkpt 0x0000
        0xE010, 0xE000,  // 013C: .word 0xE000E010
        0xFFFF, 0x01FF,  // 0140: .word 0x01FFFFFF
        0x01F4, 0x0000,  // 0144: .word 0x000001F4
    ]
    static let systickRegsDelay1: UInt32 = 0x116
    static let systickRegsDelay2: UInt32 = 0x122

    /// firmware snippet `tailchain.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let tailchain: [UInt16] = [
        0x4C13,  // 0100: ldr r4, [pc, #76] @ (150 <pendsv_handler+0x18>)
        0x4F14,  // 0102: ldr r7, [pc, #80] @ (154 <pendsv_handler+0x1c>)
        0x4814,  // 0104: ldr r0, [pc, #80] @ (158 <pendsv_handler+0x20>)
        0x4915,  // 0106: ldr r1, [pc, #84] @ (15c <pendsv_handler+0x24>)
        0x6001,  // 0108: str r1, [r0, #0]
        0x4815,  // 010A: ldr r0, [pc, #84] @ (160 <pendsv_handler+0x28>)
        0x2101,  // 010C: movs r1, #1
        0x6001,  // 010E: str r1, [r0, #0]
        0x4814,  // 0110: ldr r0, [pc, #80] @ (164 <pendsv_handler+0x2c>)
        0x6001,  // 0112: str r1, [r0, #0]
        0x2554,  // 0114: movs r5, #84 @ 0x54
        0x7025,  // 0116: strb r5, [r4, #0]
        0x3401,  // 0118: adds r4, #1
        0xBE00,  // 011A: bkpt 0x0000
        0x2049,  // 011C: movs r0, #73 @ 0x49
        0x7020,  // 011E: strb r0, [r4, #0]
        0x3401,  // 0120: adds r4, #1
        0x4811,  // 0122: ldr r0, [pc, #68] @ (168 <pendsv_handler+0x30>)
        0x2101,  // 0124: movs r1, #1
        0x0709,  // 0126: lsls r1, r1, #28
        0x6001,  // 0128: str r1, [r0, #0]
        0x204A,  // 012A: movs r0, #74 @ 0x4a
        0x7020,  // 012C: strb r0, [r4, #0]
        0x3401,  // 012E: adds r4, #1
        0x2030,  // 0130: movs r0, #48 @ 0x30
        0x4639,  // 0132: mov r1, r7
        0xBEAB,  // 0134: bkpt 0x00ab
        0x4770,  // 0136: bx lr
        0x2030,  // 0138: movs r0, #48 @ 0x30
        0x4639,  // 013A: mov r1, r7
        0x3108,  // 013C: adds r1, #8
        0xBEAB,  // 013E: bkpt 0x00ab
        0x2050,  // 0140: movs r0, #80 @ 0x50
        0x7020,  // 0142: strb r0, [r4, #0]
        0x3401,  // 0144: adds r4, #1
        0x4676,  // 0146: mov r6, lr
        0xF3EF, 0x8005,  // 0148: mrs r0, IPSR
        0x4680,  // 014C: mov r8, r0
        0x4770,  // 014E: bx lr
        0x0100, 0x2000,  // 0150: .word 0x20000100
        0x0200, 0x2000,  // 0154: .word 0x20000200
        0xED20, 0xE000,  // 0158: .word 0xE000ED20
        0x0000, 0x00C0,  // 015C: .word 0x00C00000
        0xE100, 0xE000,  // 0160: .word 0xE000E100
        0xE200, 0xE000,  // 0164: .word 0xE000E200
        0xED04, 0xE000,  // 0168: .word 0xE000ED04
    ]
    static let tailchainIrq0Handler: UInt32 = 0x11C
    static let tailchainPendsvHandler: UInt32 = 0x138

    /// firmware snippet `udf.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let udf: [UInt16] = [
        0x2001,  // 0100: movs r0, #1
        0xDE07,  // 0102: udf #7
        0xBE00,  // 0104: bkpt 0x0000
        0xF3EF, 0x8605,  // 0106: mrs r6, IPSR
        0x9F06,  // 010A: ldr r7, [sp, #24]
        0xBE01,  // 010C: bkpt 0x0001
    ]
    static let udfHardfaultHandler: UInt32 = 0x106

    /// firmware snippet `vectpending.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let vectpending: [UInt16] = [
        0x4809,  // 0100: ldr r0, [pc, #36] @ (128 <irq1_handler+0x6>)
        0x490A,  // 0102: ldr r1, [pc, #40] @ (12c <irq1_handler+0xa>)
        0x6001,  // 0104: str r1, [r0, #0]
        0x480A,  // 0106: ldr r0, [pc, #40] @ (130 <irq1_handler+0xe>)
        0x2103,  // 0108: movs r1, #3
        0x6001,  // 010A: str r1, [r0, #0]
        0x4809,  // 010C: ldr r0, [pc, #36] @ (134 <irq1_handler+0x12>)
        0x2101,  // 010E: movs r1, #1
        0x6001,  // 0110: str r1, [r0, #0]
        0xBE00,  // 0112: bkpt 0x0000
        0x4807,  // 0114: ldr r0, [pc, #28] @ (134 <irq1_handler+0x12>)
        0x2102,  // 0116: movs r1, #2
        0x6001,  // 0118: str r1, [r0, #0]
        0x4807,  // 011A: ldr r0, [pc, #28] @ (138 <irq1_handler+0x16>)
        0x6801,  // 011C: ldr r1, [r0, #0]
        0x460E,  // 011E: mov r6, r1
        0x4770,  // 0120: bx lr
        0x3701,  // 0122: adds r7, #1
        0x4770,  // 0124: bx lr
        0x0000,  // 0126: .short 0x0000
        0xE400, 0xE000,  // 0128: .word 0xE000E400
        0xC080, 0x0000,  // 012C: .word 0x0000C080
        0xE100, 0xE000,  // 0130: .word 0xE000E100
        0xE200, 0xE000,  // 0134: .word 0xE000E200
        0xED04, 0xE000,  // 0138: .word 0xE000ED04
    ]
    static let vectpendingIrq0Handler: UInt32 = 0x114
    static let vectpendingIrq1Handler: UInt32 = 0x122

    /// firmware snippet `wfi_forever.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let wfiForever: [UInt16] = [
        0xBF30,  // 0100: wfi
        0xBE00,  // 0102: bkpt 0x0000
    ]

    /// firmware snippet `wfi_pending.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let wfiPending: [UInt16] = [
        0xB672,  // 0100: cpsid i
        0x4804,  // 0102: ldr r0, [pc, #16] @ (114 <irq0_handler+0x4>)
        0x2101,  // 0104: movs r1, #1
        0x6001,  // 0106: str r1, [r0, #0]
        0x4803,  // 0108: ldr r0, [pc, #12] @ (118 <irq0_handler+0x8>)
        0x6001,  // 010A: str r1, [r0, #0]
        0xBF30,  // 010C: wfi
        0xBE00,  // 010E: bkpt 0x0000
        0x2701,  // 0110: movs r7, #1
        0x4770,  // 0112: bx lr
        0xE100, 0xE000,  // 0114: .word 0xE000E100
        0xE200, 0xE000,  // 0118: .word 0xE000E200
    ]
    static let wfiPendingIrq0Handler: UInt32 = 0x110

    /// firmware snippet `wfi_systick.s`, assembled at 0x100 (arm-none-eabi-as -mcpu=cortex-m0, objdump).
    static let wfiSystick: [UInt16] = [
        0x4806,  // 0100: ldr r0, [pc, #24] @ (11c <systick_handler+0x6>)
        0x4907,  // 0102: ldr r1, [pc, #28] @ (120 <systick_handler+0xa>)
        0x6041,  // 0104: str r1, [r0, #4]
        0x2100,  // 0106: movs r1, #0
        0x6081,  // 0108: str r1, [r0, #8]
        0x2107,  // 010A: movs r1, #7
        0x6001,  // 010C: str r1, [r0, #0]
        0xBF30,  // 010E: wfi
        0x2100,  // 0110: movs r1, #0
        0x6001,  // 0112: str r1, [r0, #0]
        0xBE00,  // 0114: bkpt 0x0000
        0x3701,  // 0116: adds r7, #1
        0x4770,  // 0118: bx lr
        0x0000,  // 011A: .short 0x0000
        0xE010, 0xE000,  // 011C: .word 0xE000E010
        0x03E8, 0x0000,  // 0120: .word 0x000003E8
    ]
    static let wfiSystickSystickHandler: UInt32 = 0x116
}
