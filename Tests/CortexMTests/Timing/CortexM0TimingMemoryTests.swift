import Testing
@testable import CortexM

/// Flash wait states: armsim's approximation on top of the zero-wait-state TRM rows
/// (docs/cycle-model.md). The TRMs give no formula for wait states; cycles-m0.md
/// records the facts the rules rest on: both cores fetch 32 bits at a time over one
/// AHB-Lite master, and every fetch from flash or data read from flash is stretched
/// by the wait-state count. armsim's rules, as tested here:
///
/// 1. Each 32-bit fetch word an instruction starts costs `ws`: a 16-bit instruction at
///    a word-aligned address starts a word, one at address+2 shares the previous
///    fetch; a 32-bit instruction always starts exactly one word.
/// 2. A taken branch to a target with bit 1 set adds `ws`: the word holding the target
///    is fetched, but the instruction at the target does not start a word by rule 1.
///    `ws` is that of the region the target is fetched from (a branch between flash
///    and SRAM code pays the target's region, not the branch's).
/// 3. Each data read from flash adds `ws`; data accesses to SRAM add nothing.
/// 4. Code running from SRAM pays no fetch wait.
///
/// Each program ends with its `BKPT #0` at an address with bit 1 set so that the
/// BKPT starts no fetch word; `TestMachine.cycles` then excludes exactly its one cycle.
/// `ws` is 3 so that it cannot be confused with a refill cost.
@Suite("CortexM0Timing: flash wait states (docs/cycle-model.md)")
struct CortexM0TimingWaitStateTests {
    static let ws: UInt64 = 3

    /// Three MOVS at 0x100, 0x102, 0x104: the ones at 0x100 and 0x104 start a word.
    /// 3 × 1 + 2 × ws = 9 on both cores.
    @Test("A 16-bit instruction at a word-aligned address costs ws, one at address+2 costs nothing extra (docs/cycle-model.md)",
        arguments: M0Timing.cores)
    func sixteenBitInstructionsPayOncePerFetchWord(kind: CoreKind) {
        let code: [UInt16] = [
            0x2001,  // 0x100: MOVS r0, #1 ; starts word 0x100
            0x2102,  // 0x102: MOVS r1, #2
            0x2203,  // 0x104: MOVS r2, #3 ; starts word 0x104
        ]
        let machine = TestMachine(kind, code: code, flashWaitStates: Int(Self.ws))
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 1)
        #expect(machine.register(1) == 2)
        #expect(machine.register(2) == 3)
        #expect(machine.cycles == 3 + 2 * Self.ws)
    }

    /// Aligned: DSB at 0x100 (one word) and MOVS at 0x104 (a word): M0 4 + 1 + 2 ws = 11,
    /// M0+ 3 + 1 + 2 ws = 10. Unaligned: MOVS at 0x100 (a word), DSB at 0x102 (exactly
    /// one word, 0x104), MOVS at 0x106 (shares 0x104), MOVS at 0x108 (a word):
    /// M0 1 + 4 + 1 + 1 + 3 ws = 16, M0+ 1 + 3 + 1 + 1 + 3 ws = 15.
    @Test("A 32-bit instruction starts exactly one fetch word, aligned or not (docs/cycle-model.md; DSB row of DDI0432C Table 3-1 / DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 11, 16), (CoreKind.m0plus, 10, 15)] as [(CoreKind, UInt64, UInt64)])
    func thirtyTwoBitInstructionStartsOneFetchWord(kind: CoreKind, alignedCycles: UInt64, unalignedCycles: UInt64) {
        let aligned: [UInt16] =
            TestMachine.wide(0xF3BF_8F4F)  // 0x100: DSB SY
            + [
                0x2001  // 0x104: MOVS r0, #1
            ]
        let alignedMachine = TestMachine(kind, code: aligned, flashWaitStates: Int(Self.ws))
        M0Timing.run(alignedMachine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: aligned.count))
        #expect(alignedMachine.register(0) == 1)
        #expect(alignedMachine.cycles == alignedCycles)

        let unaligned: [UInt16] =
            [
                0x2001  // 0x100: MOVS r0, #1
            ]
            + TestMachine.wide(0xF3BF_8F4F)  // 0x102: DSB SY
            + [
                0x2102,  // 0x106: MOVS r1, #2
                0x2203,  // 0x108: MOVS r2, #3
            ]
        let unalignedMachine = TestMachine(kind, code: unaligned, flashWaitStates: Int(Self.ws))
        M0Timing.run(unalignedMachine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: unaligned.count))
        #expect(unalignedMachine.register(2) == 3)
        #expect(unalignedMachine.cycles == unalignedCycles)
    }

    /// B at 0x100 (a word) to 0x106 (bit 1 set: + ws for its word), MOVS r4 at 0x106
    /// (no word), MOVS r5 at 0x108 (a word). M0 3 + 1 + 1 + 3 ws = 14, M0+ 2 + 1 + 1
    /// + 3 ws = 13.
    @Test("A taken branch to a target with bit 1 set adds ws for the target's word (docs/cycle-model.md; B row of DDI0432C Table 3-1 / DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 14), (CoreKind.m0plus, 13)] as [(CoreKind, UInt64)])
    func branchToHalfwordTargetPaysForTheTargetWord(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0xE001,  // 0x100: B .+6 ; to 0x106
            0x2201,  // 0x102: MOVS r2, #1 ; skipped
            0x2201,  // 0x104: MOVS r2, #1 ; skipped
            0x2401,  // 0x106: MOVS r4, #1
            0x2501,  // 0x108: MOVS r5, #1
        ]
        let machine = TestMachine(kind, code: code, flashWaitStates: Int(Self.ws))
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(2) == 0)
        #expect(machine.register(4) == 1)
        #expect(machine.register(5) == 1)
        #expect(machine.cycles == expectedCycles)
    }

    /// B at 0x100 (a word) to 0x104: the MOVS there starts its own word, so the branch
    /// adds nothing. M0 3 + 1 + 2 ws = 10, M0+ 2 + 1 + 2 ws = 9.
    @Test("A taken branch to a word-aligned target adds no extra wait (docs/cycle-model.md; B row of DDI0432C Table 3-1 / DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 10), (CoreKind.m0plus, 9)] as [(CoreKind, UInt64)])
    func branchToWordTargetPaysOnlyTheTargetInstructionsWord(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0xE000,  // 0x100: B .+4 ; to 0x104
            0x2201,  // 0x102: MOVS r2, #1 ; skipped
            0x2401,  // 0x104: MOVS r4, #1
        ]
        let machine = TestMachine(kind, code: code, flashWaitStates: Int(Self.ws))
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(2) == 0)
        #expect(machine.register(4) == 1)
        #expect(machine.cycles == expectedCycles)
    }

    /// The other branch kinds follow rule 2 too. Each case's target holds the final
    /// `BKPT #0` at 0x202 (bit 1 set), so the count is the branch and its wait states:
    /// BL: 32-bit at 0x100, one word (ws), + ws for the target = M0 4 + 2 ws = 10,
    /// M0+ 3 + 2 ws = 9. BX r0 / BLX r0 (r0 = 0x203): at 0x100, a word (ws), + ws =
    /// M0 3 + 2 ws = 9, M0+ 2 + 2 ws = 8. BEQ (Z set by CMP r0,r0 at 0x100, a word) at
    /// 0x102 to 0x202 is out of B<cond> range, so B<cond> uses its own layout below.
    @Test("BL, BX and BLX to a target with bit 1 set add ws for the target's word (docs/cycle-model.md; BL, BX, BLX rows of DDI0432C Table 3-1 / DDI0484C Table 3.1)",
        arguments: M0Timing.cores)
    func callsAndIndirectBranchesToHalfwordTargetsPayForTheTargetWord(kind: CoreKind) {
        let target = M0Timing.bytes([
            0xBF00,  // 0x200: NOP ; never executed
            0xBE00,  // 0x202: BKPT #0
        ])
        let bl = TestMachine(
            kind, code: TestMachine.wide(0xF000_F87F),  // 0x100: BL .+258 ; to 0x202
            flashWaitStates: Int(Self.ws), data: [(0x200, target)])
        M0Timing.run(bl, expectingBreakpointAt: 0x202)
        #expect(bl.register(14) == 0x105)
        #expect(bl.cycles == (kind == .m0 ? 4 : 3) + 2 * Self.ws)

        for encoding: UInt16 in [
            0x4700,  // BX r0
            0x4780,  // BLX r0
        ] {
            let machine = TestMachine(kind, code: [encoding], flashWaitStates: Int(Self.ws), data: [(0x200, target)])
            machine.setRegister(0, 0x203)
            M0Timing.run(machine, expectingBreakpointAt: 0x202)
            if encoding == 0x4780 { #expect(machine.register(14) == 0x103) }
            #expect(machine.cycles == (kind == .m0 ? 3 : 2) + 2 * Self.ws)
        }
    }

    /// CMP at 0x100 (a word), BEQ at 0x102 taken to 0x10A (bit 1 set, + ws), MOVS r4
    /// at 0x10A, MOVS r5 at 0x10C (a word). M0 1 + 3 + 1 + 1 + 3 ws = 15,
    /// M0+ 1 + 2 + 1 + 1 + 3 ws = 14.
    @Test("A taken B<cond> to a target with bit 1 set adds ws for the target's word (docs/cycle-model.md; B<cond> row of DDI0432C Table 3-1 / DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 15), (CoreKind.m0plus, 14)] as [(CoreKind, UInt64)])
    func conditionalBranchToHalfwordTargetPaysForTheTargetWord(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x4280,  // 0x100: CMP r0, r0
            0xD002,  // 0x102: BEQ .+8 ; to 0x10A
            0x2201,  // 0x104: MOVS r2, #1 ; skipped
            0x2201,  // 0x106: MOVS r2, #1 ; skipped
            0x2201,  // 0x108: MOVS r2, #1 ; skipped
            0x2401,  // 0x10A: MOVS r4, #1
            0x2501,  // 0x10C: MOVS r5, #1
        ]
        let machine = TestMachine(kind, code: code, flashWaitStates: Int(Self.ws))
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(2) == 0)
        #expect(machine.register(4) == 1)
        #expect(machine.register(5) == 1)
        #expect(machine.cycles == expectedCycles)
    }

    /// LDR literal at 0x100 (a word) reads flash at 0x104: 2 + ws (fetch) + ws (data)
    /// = 8 on both cores.
    @Test("A data read from flash adds ws (docs/cycle-model.md; LDR literal row of DDI0432C Table 3-1 / DDI0484C Table 3.1)",
        arguments: M0Timing.cores)
    func dataReadFromFlashPaysWaitStates(kind: CoreKind) {
        let code: [UInt16] = [
            0x4800  // 0x100: LDR r0, [pc, #0] ; literal at 0x104
        ]
        let machine = TestMachine(
            kind, code: code, flashWaitStates: Int(Self.ws), data: [(0x104, TestMachine.bytes(0xCAFE_F00D))])
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 0xCAFE_F00D)
        #expect(machine.cycles == 2 + 2 * Self.ws)
    }

    /// LDR at 0x100 (a word), STR at 0x102, LDR r3 at 0x104 (a word), all to SRAM:
    /// 3 × 2 + 2 ws (fetch only) = 12 on both cores.
    @Test("Data accesses to SRAM add no wait states (docs/cycle-model.md; LDR/STR rows of DDI0432C Table 3-1 / DDI0484C Table 3.1)",
        arguments: M0Timing.cores)
    func dataAccessToSRAMPaysNothing(kind: CoreKind) {
        let code: [UInt16] = [
            0x6808,  // 0x100: LDR r0, [r1, #0]
            0x6048,  // 0x102: STR r0, [r1, #4]
            0x684B,  // 0x104: LDR r3, [r1, #4]
        ]
        let machine = TestMachine(
            kind, code: code, flashWaitStates: Int(Self.ws),
            data: [(TestMachine.sramBase, TestMachine.bytes(0x0BAD_CAFE))])
        machine.setRegister(1, TestMachine.sramBase)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(3) == 0x0BAD_CAFE)
        #expect(machine.cycles == 3 * 2 + 2 * Self.ws)
    }

    /// Code at 0x20000100 in SRAM with flash at ws = 3: MOVS 1, B to 0x20000106 (bit 1
    /// set) 3 / 2, LDR literal from SRAM 2, and no wait anywhere: M0 6, M0+ 5.
    @Test("Code running from SRAM pays no fetch wait, even after a branch to a halfword target (docs/cycle-model.md)",
        arguments: [(CoreKind.m0, 6), (CoreKind.m0plus, 5)] as [(CoreKind, UInt64)])
    func codeInSRAMPaysNoFetchWait(kind: CoreKind, expectedCycles: UInt64) {
        let start = TestMachine.sramBase + 0x100
        let code: [UInt16] = [
            0x2101,  // 0x20000100: MOVS r1, #1
            0xE000,  // 0x20000102: B .+4 ; to 0x20000106
            0x2201,  // 0x20000104: MOVS r2, #1 ; skipped
            0x4801,  // 0x20000106: LDR r0, [pc, #4] ; literal at 0x2000010C
        ]
        let machine = TestMachine(
            kind, code: code, flashWaitStates: Int(Self.ws), codeInSRAM: true,
            data: [(start + 0xC, TestMachine.bytes(0x5A5A_A5A5))])
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count, from: start))
        #expect(machine.register(0) == 0x5A5A_A5A5)
        #expect(machine.register(1) == 1)
        #expect(machine.register(2) == 0)
        #expect(machine.cycles == expectedCycles)
    }

    /// A branch from flash into SRAM code: BX r0 at 0x100 starts a flash word (ws), and
    /// its target 0x20000202 (bit 1 set) is fetched from SRAM, which has no fetch wait
    /// (rule 4), so rule 2 adds nothing. M0 3 + ws = 6, M0+ 2 + ws = 5. The wait of
    /// rule 2 is the wait of the region the target is fetched from.
    @Test("A branch from flash to a halfword target in SRAM adds no target fetch wait (docs/cycle-model.md; BX row of DDI0432C Table 3-1 / DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 6), (CoreKind.m0plus, 5)] as [(CoreKind, UInt64)])
    func branchFromFlashIntoSRAMPaysNoTargetWait(kind: CoreKind, expectedCycles: UInt64) {
        let sramCode = M0Timing.bytes([
            0xBF00,  // 0x20000200: NOP ; never executed
            0xBE00,  // 0x20000202: BKPT #0
        ])
        let code: [UInt16] = [
            0x4700  // 0x100: BX r0
        ]
        let machine = TestMachine(
            kind, code: code, flashWaitStates: Int(Self.ws), data: [(TestMachine.sramBase + 0x200, sramCode)])
        machine.setRegister(0, TestMachine.sramBase + 0x203)
        M0Timing.run(machine, expectingBreakpointAt: TestMachine.sramBase + 0x202)
        #expect(machine.cycles == expectedCycles)
    }

    /// A branch from SRAM code back into flash: BX r0 in SRAM costs no fetch wait, and
    /// its target 0x202 (bit 1 set) is fetched from flash, so rule 2 adds ws: the usual
    /// case of a RAM function returning to a flash caller after a 16-bit BLX.
    /// M0 3 + ws = 6, M0+ 2 + ws = 5.
    @Test("A branch from SRAM to a halfword target in flash adds ws for the target's word (docs/cycle-model.md; BX row of DDI0432C Table 3-1 / DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 6), (CoreKind.m0plus, 5)] as [(CoreKind, UInt64)])
    func branchFromSRAMIntoFlashPaysTheTargetWait(kind: CoreKind, expectedCycles: UInt64) {
        let flashCode = M0Timing.bytes([
            0xBF00,  // 0x200: NOP ; never executed
            0xBE00,  // 0x202: BKPT #0
        ])
        let code: [UInt16] = [
            0x4700  // 0x20000100: BX r0
        ]
        let machine = TestMachine(
            kind, code: code, flashWaitStates: Int(Self.ws), codeInSRAM: true, data: [(0x200, flashCode)])
        machine.setRegister(0, 0x203)
        M0Timing.run(machine, expectingBreakpointAt: 0x202)
        #expect(machine.cycles == expectedCycles)
    }

    /// Code in SRAM reading a constant from flash still pays the data read: rule 3
    /// does not depend on where the code runs. MOVS 1, LSLS 1, LDR 2 + ws = 7.
    @Test("Code in SRAM reading from flash pays ws for the data read only (docs/cycle-model.md)",
        arguments: M0Timing.cores)
    func codeInSRAMReadingFlashPaysTheDataRead(kind: CoreKind) {
        let start = TestMachine.sramBase + 0x100
        let code: [UInt16] = [
            0x2101,  // 0x20000100: MOVS r1, #1
            0x0209,  // 0x20000102: LSLS r1, r1, #8 ; 0x100
            0x6888,  // 0x20000104: LDR r0, [r1, #8] ; flash 0x108
        ]
        let machine = TestMachine(
            kind, code: code, flashWaitStates: Int(Self.ws), codeInSRAM: true,
            data: [(0x108, TestMachine.bytes(0x1357_9BDF))])
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count, from: start))
        #expect(machine.register(0) == 0x1357_9BDF)
        #expect(machine.cycles == 1 + 1 + 2 + Self.ws)
    }
}

/// Exception timing: armsim's approximation (docs/cycle-model.md). The entry latency
/// is the TRMs' interrupt latency, 16 cycles on M0 (DDI0432C §5) and 15 on M0+
/// (DDI0484C §5), from the exception to the first handler instruction with zero wait
/// states (cycles-m0.md marks it as from-TRM, excerpt not seen). SVC itself has no
/// row ("-" in both tables): its cost is the entry. The TRMs are silent on exception
/// return and tail-chaining; armsim charges the returning instruction its own row
/// (BX 3 / 2), then a return that costs the same as entry, and tail-chains at entry
/// minus the 8 stacking cycles (16 - 8 = 8 on M0, 15 - 8 = 7 on M0+).
/// All tests here run with zero wait states: whether a handler or return address with
/// bit 1 set adds a target fetch wait (rule 2 of the wait-state suite) is not decided
/// by the TRMs, and armsim adds none.
@Suite("CortexM0Timing: exception entry, return and tail-chaining (docs/cycle-model.md)")
struct CortexM0TimingExceptionTests {
    static let handlerAddress: UInt32 = 0x200
    static let pendSVHandlerAddress: UInt32 = 0x240

    /// SVC (no cost) + entry 16 / 15; the handler's first instruction is the BKPT.
    @Test("SVC reaches the first handler instruction after 16 cycles on M0, 15 on M0+ (interrupt latency, DDI0432C §5 / DDI0484C §5; docs/cycle-model.md)",
        arguments: [(CoreKind.m0, 16), (CoreKind.m0plus, 15)] as [(CoreKind, UInt64)])
    func supervisorCallEntryTakesTheInterruptLatency(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0xDF00  // 0x100: SVC #0
        ]
        let handler = M0Timing.bytes([
            0xBE00  // 0x200: BKPT #0
        ])
        let machine = TestMachine(
            kind, code: code, vectors: [11: Self.handlerAddress], data: [(Self.handlerAddress, handler)])
        M0Timing.run(machine, expectingBreakpointAt: Self.handlerAddress)
        let top = TestMachine.sramBase + TestMachine.sramSize
        #expect(machine.core.ipsr == 11)
        #expect(machine.register(14) == 0xFFFF_FFF9)
        #expect(machine.register(13) == top - 32)
        #expect(machine.word(at: top - 8) == 0x102)  // stacked return address
        #expect(machine.cycles == expectedCycles)
    }

    /// SVC 0 + entry 16 / 15 + BX LR 3 / 2 + return 16 / 15 + MOVS 1:
    /// M0 16 + 3 + 16 + 1 = 36, M0+ 15 + 2 + 15 + 1 = 33.
    @Test("Exception return costs the same as entry, after the returning BX LR's own 3 / 2 (docs/cycle-model.md; BX row of DDI0432C Table 3-1 / DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 36), (CoreKind.m0plus, 33)] as [(CoreKind, UInt64)])
    func exceptionReturnCostsTheEntryLatency(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0xDF00,  // 0x100: SVC #0
            0x2401,  // 0x102: MOVS r4, #1
        ]
        let handler = M0Timing.bytes([
            0x4770  // 0x200: BX lr
        ])
        let machine = TestMachine(
            kind, code: code, vectors: [11: Self.handlerAddress], data: [(Self.handlerAddress, handler)])
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.core.ipsr == 0)
        #expect(machine.register(4) == 1)
        #expect(machine.register(13) == TestMachine.sramBase + TestMachine.sramSize)
        #expect(machine.cycles == expectedCycles)
    }

    /// The SVCall handler pends PendSV (same priority, so it waits) and returns; the
    /// return tail-chains into PendSV, whose BX LR then unstacks.
    /// SVCall handler: LDR literal 2, MOVS 1, LSLS 1, STR 2, BX 3 / 2 = 9 / 8.
    /// M0: entry 16 + 9 + tail-chain 8 + BX 3 + return 16 + MOVS 1 = 53.
    /// M0+: entry 15 + 8 + tail-chain 7 + BX 2 + return 15 + MOVS 1 = 48.
    @Test("Tail-chaining costs the entry latency minus 8: 8 on M0, 7 on M0+ (docs/cycle-model.md)",
        arguments: [(CoreKind.m0, 53), (CoreKind.m0plus, 48)] as [(CoreKind, UInt64)])
    func tailChainCostsEntryMinusEight(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0xDF00,  // 0x100: SVC #0
            0x2401,  // 0x102: MOVS r4, #1
        ]
        let svcHandler =
            M0Timing.bytes([
                0x4902,  // 0x200: LDR r1, [pc, #8] ; literal at 0x20C
                0x2001,  // 0x202: MOVS r0, #1
                0x0700,  // 0x204: LSLS r0, r0, #28 ; ICSR.PENDSVSET
                0x6008,  // 0x206: STR r0, [r1, #0]
                0x4770,  // 0x208: BX lr
                0xBF00,  // 0x20A: NOP ; padding, never executed
            ]) + TestMachine.bytes(0xE000_ED04)  // 0x20C: ICSR address
        let pendSVHandler = M0Timing.bytes([
            0x4770  // 0x240: BX lr
        ])
        let machine = TestMachine(
            kind, code: code, vectors: [11: Self.handlerAddress, 14: Self.pendSVHandlerAddress],
            data: [(Self.handlerAddress, svcHandler), (Self.pendSVHandlerAddress, pendSVHandler)])
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.core.exceptionCount == 2)
        #expect(machine.core.ipsr == 0)
        #expect(machine.register(4) == 1)
        #expect(machine.register(13) == TestMachine.sramBase + TestMachine.sramSize)
        #expect(machine.cycles == expectedCycles)
    }
}

/// The "suggested unit-test vectors" at the end of cycles-m0.md, each derived from the
/// TRM rows named in its test (DDI0432C Table 3-1; DDI0484C Table 3.1).
@Suite("CortexM0Timing: suggested vectors from cycles-m0.md")
struct CortexM0TimingSuggestedVectorTests {
    /// MOVS 1 + ADDS 1 = 2 on both. 0x1C40 is ADDS Rd,Rn,#imm3 (T1); the assembler
    /// prefers T2 (0x3001) for this operand list, so 0x1C40 was checked by disassembly.
    @Test("MOVS r0,#1; ADDS r0,r0,#1 takes 2 on M0 and M0+ (DDI0432C Table 3-1 'Move', 'Add'; DDI0484C Table 3.1)",
        arguments: M0Timing.cores)
    func movsThenAdds(kind: CoreKind) {
        let code: [UInt16] = [
            0x2001,  // 0x100: MOVS r0, #1
            0x1C40,  // 0x102: ADDS r0, r0, #1
        ]
        let machine = TestMachine(kind, code: code)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 2)
        #expect(machine.cycles == 2)
    }

    /// LDR 2 + STR 2 = 4 on both.
    @Test("LDR r0,[r1]; STR r0,[r2] takes 4 on M0 and M0+ (DDI0432C Table 3-1 'Load', 'Store'; DDI0484C Table 3.1)",
        arguments: M0Timing.cores)
    func loadThenStore(kind: CoreKind) {
        let code: [UInt16] = [
            0x6808,  // 0x100: LDR r0, [r1, #0]
            0x6010,  // 0x102: STR r0, [r2, #0]
        ]
        let machine = TestMachine(kind, code: code, data: [(TestMachine.sramBase, TestMachine.bytes(0xFACE_B00C))])
        machine.setRegister(1, TestMachine.sramBase)
        machine.setRegister(2, TestMachine.sramBase + 0x40)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.word(at: TestMachine.sramBase + 0x40) == 0xFACE_B00C)
        #expect(machine.cycles == 4)
    }

    /// PUSH {r4-r7,lr}: N = 5, 1 + 5 = 6 on both.
    @Test("PUSH {r4-r7,lr} takes 6 on M0 and M0+ (DDI0432C Table 3-1 'Push' 1+N; DDI0484C Table 3.1)",
        arguments: M0Timing.cores)
    func pushFiveRegisters(kind: CoreKind) {
        let code: [UInt16] = [
            0xB5F0  // 0x100: PUSH {r4, r5, r6, r7, lr}
        ]
        let machine = TestMachine(kind, code: code)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(13) == TestMachine.sramBase + TestMachine.sramSize - 20)
        #expect(machine.cycles == 6)
    }

    /// PUSH {r4-r7,lr} 6, BL to the function 4 / 3, the function's POP {r4-r7,pc}
    /// (N = 5) 4 + 5 = 9 / 3 + 5 = 8. The function at 0x200 is PUSH then POP, and
    /// returns to the BKPT after the BL. M0 4 + 6 + 9 = 19, M0+ 3 + 6 + 8 = 17.
    @Test("POP {r4-r7,pc} takes 9 on M0, 8 on M0+ (DDI0432C Table 3-1 'POP and return' 4+N; DDI0484C Table 3.1 3+N)",
        arguments: [(CoreKind.m0, 19), (CoreKind.m0plus, 17)] as [(CoreKind, UInt64)])
    func popFiveRegistersWithReturn(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] =
            TestMachine.wide(0xF000_F87E)  // 0x100: BL .+256 ; to 0x200
        let function = M0Timing.bytes([
            0xB5F0,  // 0x200: PUSH {r4, r5, r6, r7, lr}
            0xBDF0,  // 0x202: POP {r4, r5, r6, r7, pc}
        ])
        let machine = TestMachine(kind, code: code, data: [(0x200, function)])
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(13) == TestMachine.sramBase + TestMachine.sramSize)
        #expect(machine.cycles == expectedCycles)
    }

    /// BEQ at 0x100 to 0x104 over a MOVS. Taken: BEQ 3 / 2. Not taken: BEQ 1 + MOVS 1 = 2.
    @Test("BEQ takes 3 on M0, 2 on M0+ when taken and 1 when not (DDI0432C Table 3-1 'Conditional branch'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 3), (CoreKind.m0plus, 2)] as [(CoreKind, UInt64)])
    func beqTakenAndNotTaken(kind: CoreKind, takenCycles: UInt64) {
        let code: [UInt16] = [
            0xD000,  // 0x100: BEQ .+4 ; to 0x104
            0x2201,  // 0x102: MOVS r2, #1
        ]
        let taken = TestMachine(kind, code: code)
        taken.core.z = true
        M0Timing.run(taken, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(taken.register(2) == 0)
        #expect(taken.cycles == takenCycles)

        let notTaken = TestMachine(kind, code: code)
        notTaken.core.z = false
        M0Timing.run(notTaken, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(notTaken.register(2) == 1)
        #expect(notTaken.cycles == 1 + 1)
    }

    /// BL to a function that is BX LR: BL 4 / 3 + BX 3 / 2 = 7 / 5.
    @Test("BL func then BX lr takes 4+3 on M0, 3+2 on M0+ (DDI0432C Table 3-1 'Branch with link', 'Branch indirect'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 7), (CoreKind.m0plus, 5)] as [(CoreKind, UInt64)])
    func callAndReturn(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] =
            TestMachine.wide(0xF000_F87E)  // 0x100: BL .+256 ; to 0x200
        let function = M0Timing.bytes([
            0x4770  // 0x200: BX lr
        ])
        let machine = TestMachine(kind, code: code, data: [(0x200, function)])
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(14) == 0x105)
        #expect(machine.cycles == expectedCycles)
    }

    /// MULS alone: 1 with the fast multiplier, 32 with the small one.
    @Test("MULS takes 1 (fast) or 32 (small multiplier) on M0 and M0+ (DDI0432C Table 3-1 'Multiply'; DDI0484C Table 3.1 note a)",
        arguments: M0Timing.cores, [(1, 1), (32, 32)] as [(Int, UInt64)])
    func mulsAlone(kind: CoreKind, multiplier: (Int, UInt64)) {
        let code: [UInt16] = [
            0x4348  // 0x100: MULS r0, r1, r0
        ]
        let machine = TestMachine(kind, code: code, multiplierCycles: multiplier.0)
        machine.setRegister(0, 3)
        machine.setRegister(1, 5)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 15)
        #expect(machine.cycles == multiplier.1)
    }

    /// DSB alone: 4 / 3.
    @Test("DSB takes 4 on M0, 3 on M0+ (DDI0432C Table 3-1 'Barriers'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 4), (CoreKind.m0plus, 3)] as [(CoreKind, UInt64)])
    func dsbAlone(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] =
            TestMachine.wide(0xF3BF_8F4F)  // 0x100: DSB SY
        let machine = TestMachine(kind, code: code)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.cycles == expectedCycles)
    }

    /// MRS r0, PRIMASK after reset (PRIMASK = 0): 4 / 3.
    @Test("MRS r0,PRIMASK takes 4 on M0, 3 on M0+ (DDI0432C Table 3-1 'MRS'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 4), (CoreKind.m0plus, 3)] as [(CoreKind, UInt64)])
    func mrsPrimask(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] =
            TestMachine.wide(0xF3EF_8010)  // 0x100: MRS r0, PRIMASK
        let machine = TestMachine(kind, code: code)
        machine.setRegister(0, 0xFFFF_FFFF)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 0)
        #expect(machine.cycles == expectedCycles)
    }
}
