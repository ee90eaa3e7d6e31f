import Testing
@testable import CortexM

/// Instruction timing of Cortex-M0 and Cortex-M0+ with zero wait states, one test per
/// row of the TRM instruction summary: Cortex-M0 TRM r0p0 (DDI 0432C) Table 3-1 and
/// Cortex-M0+ TRM r0p1 (DDI 0484C) Table 3.1, as collected in
/// shared/reference/cycles-m0.md.
///
/// The expected numbers are pinned on purpose: each is the sum of the rows named in
/// the test, worked out by hand from the tables, never read back from armsim. If one
/// moves, explain why in the test instead of re-blessing it.
///
/// `TestMachine.cycles` excludes the final `BKPT #0`, so a count is the sum of the
/// instructions executed before it. Skipped instructions (after a taken branch) are
/// there so a wrong branch target changes both registers and cycles.
@Suite("CortexM0Timing: TRM instruction rows")
struct CortexM0TimingTests {
    // MARK: - Moves

    @Test(
        "MOVS Rd,#imm8 takes 1 on M0 and M0+ (DDI0432C Table 3-1 'Move 8-bit immediate'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 1), (CoreKind.m0plus, 1)] as [(CoreKind, UInt64)])
    func movsImmediateTakesOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x202A,  // 0x100: MOVS r0, #42
        ]
        let machine = TestMachine(kind, code: code)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 42)
        #expect(machine.cycles == expectedCycles)
    }

    /// MOVS Rd,Rm (lo to lo, the LSLS #0 encoding) and MOV Rd,Rm (any to any) are one
    /// cycle each: 1 + 1.
    @Test(
        "MOVS Rd,Rm and MOV Rd,Rm take 1 each on M0 and M0+ (DDI0432C Table 3-1 'Move lo to lo', 'Move any to any'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 2), (CoreKind.m0plus, 2)] as [(CoreKind, UInt64)])
    func movRegisterTakesOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x0008,  // 0x100: MOVS r0, r1
            0x4688,  // 0x102: MOV r8, r1
        ]
        let machine = TestMachine(kind, code: code)
        machine.setRegister(1, 0x1234_5678)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 0x1234_5678)
        #expect(machine.register(8) == 0x1234_5678)
        #expect(machine.cycles == expectedCycles)
    }

    /// ADR 1, then MOV PC,Rm 3 (M0) / 2 (M0+), then the landing MOVS 1:
    /// M0 1+3+1 = 5, M0+ 1+2+1 = 4. The two MOVS r1 in between are skipped.
    @Test(
        "MOV PC,Rm takes 3 on M0, 2 on M0+ (DDI0432C Table 3-1 'Move to PC'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 5), (CoreKind.m0plus, 4)] as [(CoreKind, UInt64)])
    func movToPCCostsABranch(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0xA001,  // 0x100: ADD r0, pc, #4 ; ADR r0 -> 0x108
            0x4687,  // 0x102: MOV pc, r0
            0x2101,  // 0x104: MOVS r1, #1 ; skipped
            0x2101,  // 0x106: MOVS r1, #1 ; skipped
            0x2202,  // 0x108: MOVS r2, #2
        ]
        let machine = TestMachine(kind, code: code)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 0x108)
        #expect(machine.register(1) == 0)
        #expect(machine.register(2) == 2)
        #expect(machine.cycles == expectedCycles)
    }

    // MARK: - Add, subtract, compare

    /// Five one-cycle rows: MOVS 1, ADDS Rd,Rn,#imm3 1, ADDS Rd,Rn,Rm 1, ADD Rd,Rm
    /// (high register) 1, ADDS Rdn,#imm8 1 = 5 on both cores.
    @Test(
        "ADDS imm3, ADDS reg, ADD any reg and ADDS imm8 take 1 each on M0 and M0+ (DDI0432C Table 3-1 'Add'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 5), (CoreKind.m0plus, 5)] as [(CoreKind, UInt64)])
    func addVariantsTakeOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x2001,  // 0x100: MOVS r0, #1
            0x1CC1,  // 0x102: ADDS r1, r0, #3
            0x180A,  // 0x104: ADDS r2, r1, r0
            0x4490,  // 0x106: ADD r8, r2
            0x30C8,  // 0x108: ADDS r0, #200
        ]
        let machine = TestMachine(kind, code: code)
        machine.setRegister(8, 10)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(1) == 4)
        #expect(machine.register(2) == 5)
        #expect(machine.register(8) == 15)
        #expect(machine.register(0) == 201)
        #expect(machine.cycles == expectedCycles)
    }

    /// MOVS 1, ADD PC,Rm 3 (M0) / 2 (M0+), landing MOVS 1: M0 5, M0+ 4.
    /// ADD PC,r0 with r0 = 2 branches to 0x102 + 4 + 2 = 0x108.
    @Test(
        "ADD PC,Rm takes 3 on M0, 2 on M0+ (DDI0432C Table 3-1 'Add to PC'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 5), (CoreKind.m0plus, 4)] as [(CoreKind, UInt64)])
    func addToPCCostsABranch(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x2002,  // 0x100: MOVS r0, #2
            0x4487,  // 0x102: ADD pc, r0
            0x2101,  // 0x104: MOVS r1, #1 ; skipped
            0x2101,  // 0x106: MOVS r1, #1 ; skipped
            0x2202,  // 0x108: MOVS r2, #2
        ]
        let machine = TestMachine(kind, code: code)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(1) == 0)
        #expect(machine.register(2) == 2)
        #expect(machine.cycles == expectedCycles)
    }

    /// CMP Rn,Rm 1 (sets C: 2 >= 1), ADCS 1: 2 on both cores; r0 = 1 + 2 + C = 4.
    @Test(
        "ADCS takes 1 on M0 and M0+ (DDI0432C Table 3-1 'Add with carry'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 2), (CoreKind.m0plus, 2)] as [(CoreKind, UInt64)])
    func adcsTakesOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x4281,  // 0x100: CMP r1, r0
            0x4148,  // 0x102: ADCS r0, r1
        ]
        let machine = TestMachine(kind, code: code)
        machine.setRegister(0, 1)
        machine.setRegister(1, 2)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 4)
        #expect(machine.cycles == expectedCycles)
    }

    /// SUB SP,#16 1, ADD Rd,SP,#8 1, ADD SP,#16 1 = 3 on both cores.
    @Test(
        "ADD SP,#imm, SUB SP,#imm and ADD Rd,SP,#imm take 1 each on M0 and M0+ (DDI0432C Table 3-1 'Add SP', 'Subtract SP'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 3), (CoreKind.m0plus, 3)] as [(CoreKind, UInt64)])
    func stackPointerArithmeticTakesOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0xB084,  // 0x100: SUB sp, #16
            0xA802,  // 0x102: ADD r0, sp, #8
            0xB004,  // 0x104: ADD sp, #16
        ]
        let machine = TestMachine(kind, code: code)
        let top = TestMachine.sramBase + TestMachine.sramSize
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == top - 16 + 8)
        #expect(machine.register(13) == top)
        #expect(machine.cycles == expectedCycles)
    }

    /// ADR at 0x100: Align(0x104, 4) + 4 = 0x108. One cycle.
    @Test(
        "ADR takes 1 on M0 and M0+ (DDI0432C Table 3-1 'Form PC-relative address'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 1), (CoreKind.m0plus, 1)] as [(CoreKind, UInt64)])
    func adrTakesOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0xA301,  // 0x100: ADD r3, pc, #4 ; ADR r3 -> 0x108
        ]
        let machine = TestMachine(kind, code: code)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(3) == 0x108)
        #expect(machine.cycles == expectedCycles)
    }

    /// Six one-cycle rows: MOVS, SUBS imm3, SUBS reg, SUBS imm8, SBCS, RSBS #0 = 6.
    @Test(
        "SUBS (all forms), SBCS and RSBS take 1 each on M0 and M0+ (DDI0432C Table 3-1 'Subtract', 'Subtract with carry', 'Reverse subtract'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 6), (CoreKind.m0plus, 6)] as [(CoreKind, UInt64)])
    func subtractVariantsTakeOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x200A,  // 0x100: MOVS r0, #10
            0x1EC1,  // 0x102: SUBS r1, r0, #3
            0x1A42,  // 0x104: SUBS r2, r0, r1
            0x3804,  // 0x106: SUBS r0, #4
            0x4190,  // 0x108: SBCS r0, r2
            0x4253,  // 0x10A: RSBS r3, r2, #0
        ]
        let machine = TestMachine(kind, code: code)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(1) == 7)
        #expect(machine.register(2) == 3)
        #expect(machine.register(0) == 3)  // 6 - 3 - NOT(C=1)
        #expect(machine.register(3) == 0xFFFF_FFFD)
        #expect(machine.cycles == expectedCycles)
    }

    /// MULS is 1 (fast multiplier) or 32 (small multiplier), the implementation
    /// option of both cores (DDI0484C Table 3.1 note a). Two MOVS (1 each) set up the
    /// operands: 2 + 1 = 3, or 2 + 32 = 34.
    @Test(
        "MULS takes 1 or 32 with the multiplier option on M0 and M0+ (DDI0432C Table 3-1 'Multiply'; DDI0484C Table 3.1 note a)",
        arguments: [
            (CoreKind.m0, 1, 3), (CoreKind.m0, 32, 34), (CoreKind.m0plus, 1, 3), (CoreKind.m0plus, 32, 34),
        ] as [(CoreKind, Int, UInt64)])
    func mulsTakesTheMultiplierCycles(kind: CoreKind, multiplierCycles: Int, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x2006,  // 0x100: MOVS r0, #6
            0x2107,  // 0x102: MOVS r1, #7
            0x4341,  // 0x104: MULS r1, r0, r1
        ]
        let machine = TestMachine(kind, code: code, multiplierCycles: multiplierCycles)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(1) == 42)
        #expect(machine.cycles == expectedCycles)
    }

    /// CMP #imm 1, CMP lo,lo 1, CMN 1, CMP hi,lo 1 = 4. The last compares r8 = 5 with
    /// r0 = 5: Z and C set.
    @Test(
        "CMP and CMN take 1 each on M0 and M0+ (DDI0432C Table 3-1 'Compare'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 4), (CoreKind.m0plus, 4)] as [(CoreKind, UInt64)])
    func compareTakesOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x2805,  // 0x100: CMP r0, #5
            0x4288,  // 0x102: CMP r0, r1
            0x42C8,  // 0x104: CMN r0, r1
            0x4580,  // 0x106: CMP r8, r0
        ]
        let machine = TestMachine(kind, code: code)
        machine.setRegister(0, 5)
        machine.setRegister(1, 0)
        machine.setRegister(8, 5)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.flags == "-ZC-")
        #expect(machine.cycles == expectedCycles)
    }

    /// ANDS, EORS, ORRS, BICS, MVNS, TST: six one-cycle rows = 6.
    @Test(
        "ANDS, EORS, ORRS, BICS, MVNS and TST take 1 each on M0 and M0+ (DDI0432C Table 3-1 'Logical'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 6), (CoreKind.m0plus, 6)] as [(CoreKind, UInt64)])
    func logicalOperationsTakeOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x400A,  // 0x100: ANDS r2, r1
            0x404B,  // 0x102: EORS r3, r1
            0x430C,  // 0x104: ORRS r4, r1
            0x438D,  // 0x106: BICS r5, r1
            0x43CE,  // 0x108: MVNS r6, r1
            0x4208,  // 0x10A: TST r0, r1
        ]
        let machine = TestMachine(kind, code: code)
        machine.setRegister(1, 0x3C)
        for index in [0, 2, 3, 4, 5] { machine.setRegister(index, 0xF0) }
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(2) == 0x30)
        #expect(machine.register(3) == 0xCC)
        #expect(machine.register(4) == 0xFC)
        #expect(machine.register(5) == 0xC0)
        #expect(machine.register(6) == 0xFFFF_FFC3)
        #expect(machine.flags.prefix(2) == "--")
        #expect(machine.cycles == expectedCycles)
    }

    /// LSLS, LSRS, ASRS by immediate: three one-cycle rows = 3.
    @Test(
        "LSLS, LSRS and ASRS by immediate take 1 each on M0 and M0+ (DDI0432C Table 3-1 'Shift'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 3), (CoreKind.m0plus, 3)] as [(CoreKind, UInt64)])
    func shiftByImmediateTakesOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x0108,  // 0x100: LSLS r0, r1, #4
            0x090A,  // 0x102: LSRS r2, r1, #4
            0x110B,  // 0x104: ASRS r3, r1, #4
        ]
        let machine = TestMachine(kind, code: code)
        machine.setRegister(1, 0x8000_0010)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 0x100)
        #expect(machine.register(2) == 0x0800_0001)
        #expect(machine.register(3) == 0xF800_0001)
        #expect(machine.cycles == expectedCycles)
    }

    /// LSLS, LSRS, ASRS, RORS by register: four one-cycle rows = 4.
    @Test(
        "LSLS, LSRS, ASRS and RORS by register take 1 each on M0 and M0+ (DDI0432C Table 3-1 'Shift', 'Rotate'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 4), (CoreKind.m0plus, 4)] as [(CoreKind, UInt64)])
    func shiftByRegisterTakesOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x408C,  // 0x100: LSLS r4, r1
            0x40CD,  // 0x102: LSRS r5, r1
            0x410E,  // 0x104: ASRS r6, r1
            0x41CF,  // 0x106: RORS r7, r1
        ]
        let machine = TestMachine(kind, code: code)
        machine.setRegister(1, 4)
        for index in 4...7 { machine.setRegister(index, 0x8000_0010) }
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(4) == 0x100)
        #expect(machine.register(5) == 0x0800_0001)
        #expect(machine.register(6) == 0xF800_0001)
        #expect(machine.register(7) == 0x0800_0001)
        #expect(machine.cycles == expectedCycles)
    }

    // MARK: - Loads and stores

    /// SRAM test data at 0x20000000: word 0x44332211, halfword 0x8001 at +4, byte
    /// 0x90 at +6. SRAM has no wait states in the harness.
    static let loadData: [(UInt32, [UInt8])] = [
        (TestMachine.sramBase, [0x11, 0x22, 0x33, 0x44, 0x01, 0x80, 0x90, 0x00])
    ]

    /// LDR, LDRH, LDRB with immediate offset: 2 each = 6.
    @Test(
        "LDR, LDRH and LDRB with immediate offset take 2 each on M0 and M0+ (DDI0432C Table 3-1 'Load word/halfword/byte'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 6), (CoreKind.m0plus, 6)] as [(CoreKind, UInt64)])
    func loadImmediateTakesTwoCycles(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x6808,  // 0x100: LDR r0, [r1, #0]
            0x888A,  // 0x102: LDRH r2, [r1, #4]
            0x798B,  // 0x104: LDRB r3, [r1, #6]
        ]
        let machine = TestMachine(kind, code: code, data: Self.loadData)
        machine.setRegister(1, TestMachine.sramBase)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 0x4433_2211)
        #expect(machine.register(2) == 0x8001)
        #expect(machine.register(3) == 0x90)
        #expect(machine.cycles == expectedCycles)
    }

    /// LDR, LDRH, LDRB, LDRSH, LDRSB with register offset: 2 each = 10.
    @Test(
        "LDR, LDRH, LDRB, LDRSH and LDRSB with register offset take 2 each on M0 and M0+ (DDI0432C Table 3-1 'Load'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 10), (CoreKind.m0plus, 10)] as [(CoreKind, UInt64)])
    func loadRegisterOffsetTakesTwoCycles(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x5988,  // 0x100: LDR r0, [r1, r6]
            0x5B0A,  // 0x102: LDRH r2, [r1, r4]
            0x5D4B,  // 0x104: LDRB r3, [r1, r5]
            0x5F0F,  // 0x106: LDRSH r7, [r1, r4]
            0x574E,  // 0x108: LDRSB r6, [r1, r5]
        ]
        let machine = TestMachine(kind, code: code, data: Self.loadData)
        machine.setRegister(1, TestMachine.sramBase)
        machine.setRegister(4, 4)
        machine.setRegister(5, 6)
        machine.setRegister(6, 0)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 0x4433_2211)
        #expect(machine.register(2) == 0x8001)
        #expect(machine.register(3) == 0x90)
        #expect(machine.register(7) == 0xFFFF_8001)
        #expect(machine.register(6) == 0xFFFF_FF90)
        #expect(machine.cycles == expectedCycles)
    }

    /// LDR Rd,[PC,#imm]: 2. The literal sits just after the final BKPT (0x102), at 0x104.
    @Test(
        "LDR literal takes 2 on M0 and M0+ (DDI0432C Table 3-1 'Load PC-relative'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 2), (CoreKind.m0plus, 2)] as [(CoreKind, UInt64)])
    func loadLiteralTakesTwoCycles(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x4800,  // 0x100: LDR r0, [pc, #0] ; literal at 0x104
        ]
        let machine = TestMachine(kind, code: code, data: [(0x104, TestMachine.bytes(0xCAFE_F00D))])
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 0xCAFE_F00D)
        #expect(machine.cycles == expectedCycles)
    }

    /// SUB SP,#8 1, LDR Rd,[SP,#4] 2 = 3.
    @Test(
        "LDR SP-relative takes 2 on M0 and M0+ (DDI0432C Table 3-1 'Load SP-relative'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 3), (CoreKind.m0plus, 3)] as [(CoreKind, UInt64)])
    func loadSPRelativeTakesTwoCycles(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0xB082,  // 0x100: SUB sp, #8
            0x9A01,  // 0x102: LDR r2, [sp, #4]
        ]
        let top = TestMachine.sramBase + TestMachine.sramSize
        let machine = TestMachine(kind, code: code, data: [(top - 4, TestMachine.bytes(0x5EED_1234))])
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(2) == 0x5EED_1234)
        #expect(machine.cycles == expectedCycles)
    }

    /// STR, STRH, STRB with immediate and register offsets, STR SP-relative: seven
    /// stores at 2 each plus SUB SP 1 = 15.
    @Test(
        "STR, STRH and STRB (immediate, register, SP-relative) take 2 each on M0 and M0+ (DDI0432C Table 3-1 'Store'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 15), (CoreKind.m0plus, 15)] as [(CoreKind, UInt64)])
    func storesTakeTwoCycles(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x6008,  // 0x100: STR r0, [r1, #0]
            0x8088,  // 0x102: STRH r0, [r1, #4]
            0x7188,  // 0x104: STRB r0, [r1, #6]
            0x5108,  // 0x106: STR r0, [r1, r4]
            0x5348,  // 0x108: STRH r0, [r1, r5]
            0x5588,  // 0x10A: STRB r0, [r1, r6]
            0xB082,  // 0x10C: SUB sp, #8
            0x9001,  // 0x10E: STR r0, [sp, #4]
        ]
        let machine = TestMachine(kind, code: code)
        machine.setRegister(0, 0x1234_5678)
        machine.setRegister(1, TestMachine.sramBase)
        machine.setRegister(4, 8)
        machine.setRegister(5, 12)
        machine.setRegister(6, 14)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        let base = TestMachine.sramBase
        #expect(machine.word(at: base) == 0x1234_5678)
        #expect(machine.word(at: base + 4) == 0x0078_5678)
        #expect(machine.word(at: base + 8) == 0x1234_5678)
        #expect(machine.word(at: base + 12) == 0x0078_5678)
        #expect(machine.word(at: TestMachine.sramBase + TestMachine.sramSize - 4) == 0x1234_5678)
        #expect(machine.cycles == expectedCycles)
    }

    // MARK: - Multiple transfers

    /// A one-instruction LDM/STM/PUSH/POP program and its register count N.
    struct MultipleCase: Sendable, CustomTestStringConvertible {
        let encoding: UInt16
        let assembly: String
        let registerCount: Int
        /// 1+N, worked out by hand.
        let expectedCycles: UInt64
        var testDescription: String { "\(assembly) (N=\(registerCount))" }
    }

    static let stmCases: [MultipleCase] = [
        MultipleCase(
            encoding: 0xC101,  // STM r1!, {r0}
            assembly: "STM r1!,{r0}", registerCount: 1, expectedCycles: 2),
        MultipleCase(
            encoding: 0xC10D,  // STM r1!, {r0, r2, r3}
            assembly: "STM r1!,{r0,r2,r3}", registerCount: 3, expectedCycles: 4),
        MultipleCase(
            encoding: 0xC1FD,  // STM r1!, {r0, r2, r3, r4, r5, r6, r7}
            assembly: "STM r1!,{r0,r2-r7}", registerCount: 7, expectedCycles: 8),
    ]

    @Test(
        "STM takes 1+N on M0 and M0+ (DDI0432C Table 3-1 'Store multiple'; DDI0484C Table 3.1)",
        arguments: M0Timing.cores, stmCases)
    func storeMultipleTakesOnePlusN(kind: CoreKind, testCase: MultipleCase) {
        let machine = TestMachine(kind, code: [testCase.encoding])
        for index in 0...7 { machine.setRegister(index, 0xA0 + UInt32(index)) }
        machine.setRegister(1, TestMachine.sramBase)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: 1))
        #expect(machine.register(1) == TestMachine.sramBase + UInt32(4 * testCase.registerCount))
        #expect(machine.word(at: TestMachine.sramBase) == 0xA0)
        #expect(machine.cycles == testCase.expectedCycles)
    }

    static let ldmCases: [MultipleCase] = [
        MultipleCase(
            encoding: 0xC901,  // LDM r1!, {r0}
            assembly: "LDM r1!,{r0}", registerCount: 1, expectedCycles: 2),
        MultipleCase(
            encoding: 0xC90D,  // LDM r1!, {r0, r2, r3}
            assembly: "LDM r1!,{r0,r2,r3}", registerCount: 3, expectedCycles: 4),
        MultipleCase(
            encoding: 0xC9FF,  // LDM r1, {r0, r1, r2, r3, r4, r5, r6, r7}
            assembly: "LDM r1,{r0-r7}", registerCount: 8, expectedCycles: 9),
    ]

    @Test(
        "LDM takes 1+N on M0 and M0+ (DDI0432C Table 3-1 'Load multiple'; DDI0484C Table 3.1)",
        arguments: M0Timing.cores, ldmCases)
    func loadMultipleTakesOnePlusN(kind: CoreKind, testCase: MultipleCase) {
        let words: [UInt32] = (0..<8).map { 0xD0 + $0 }
        let machine = TestMachine(
            kind, code: [testCase.encoding], data: [(TestMachine.sramBase, words.flatMap(TestMachine.bytes))])
        machine.setRegister(1, TestMachine.sramBase)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: 1))
        #expect(machine.register(0) == 0xD0)
        if testCase.registerCount == 8 {
            #expect(machine.register(1) == 0xD1)  // base in the list: loaded, no writeback
            #expect(machine.register(7) == 0xD7)
        } else {
            #expect(machine.register(1) == TestMachine.sramBase + UInt32(4 * testCase.registerCount))
        }
        #expect(machine.cycles == testCase.expectedCycles)
    }

    static let pushCases: [MultipleCase] = [
        MultipleCase(
            encoding: 0xB401,  // PUSH {r0}
            assembly: "PUSH {r0}", registerCount: 1, expectedCycles: 2),
        MultipleCase(
            encoding: 0xB5F0,  // PUSH {r4, r5, r6, r7, lr}
            assembly: "PUSH {r4-r7,lr}", registerCount: 5, expectedCycles: 6),
        MultipleCase(
            encoding: 0xB5FF,  // PUSH {r0, r1, r2, r3, r4, r5, r6, r7, lr}
            assembly: "PUSH {r0-r7,lr}", registerCount: 9, expectedCycles: 10),
    ]

    /// N counts every register in the list, LR included.
    @Test(
        "PUSH takes 1+N on M0 and M0+ (DDI0432C Table 3-1 'Push'; DDI0484C Table 3.1)",
        arguments: M0Timing.cores, pushCases)
    func pushTakesOnePlusN(kind: CoreKind, testCase: MultipleCase) {
        let machine = TestMachine(kind, code: [testCase.encoding])
        for index in 0...7 { machine.setRegister(index, 0xB0 + UInt32(index)) }
        machine.setRegister(14, 0xB0E)
        let top = TestMachine.sramBase + TestMachine.sramSize
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: 1))
        #expect(machine.register(13) == top - UInt32(4 * testCase.registerCount))
        #expect(machine.word(at: top - 4) == (testCase.registerCount == 1 ? 0xB0 : 0xB0E))
        #expect(machine.cycles == testCase.expectedCycles)
    }

    static let popCases: [MultipleCase] = [
        MultipleCase(
            encoding: 0xBC01,  // POP {r0}
            assembly: "POP {r0}", registerCount: 1, expectedCycles: 2),
        MultipleCase(
            encoding: 0xBCF0,  // POP {r4, r5, r6, r7}
            assembly: "POP {r4-r7}", registerCount: 4, expectedCycles: 5),
        MultipleCase(
            encoding: 0xBCFF,  // POP {r0, r1, r2, r3, r4, r5, r6, r7}
            assembly: "POP {r0-r7}", registerCount: 8, expectedCycles: 9),
    ]

    /// The stack is set 0x100 below the top of SRAM and preloaded with 0xE0, 0xE1, ...
    @Test(
        "POP without PC takes 1+N on M0 and M0+ (DDI0432C Table 3-1 'Pop'; DDI0484C Table 3.1)",
        arguments: M0Timing.cores, popCases)
    func popTakesOnePlusN(kind: CoreKind, testCase: MultipleCase) {
        let stack = TestMachine.sramBase + TestMachine.sramSize - 0x100
        let words: [UInt32] = (0..<8).map { 0xE0 + $0 }
        let machine = TestMachine(kind, code: [testCase.encoding], data: [(stack, words.flatMap(TestMachine.bytes))])
        machine.setRegister(13, stack)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: 1))
        #expect(machine.register(13) == stack + UInt32(4 * testCase.registerCount))
        let lowest = testCase.registerCount == 4 ? 4 : 0
        #expect(machine.register(lowest) == 0xE0)
        #expect(machine.cycles == testCase.expectedCycles)
    }

    /// A POP with PC in the list and its N (PC counted, see cycles-m0.md note P1).
    struct PopReturnCase: Sendable, CustomTestStringConvertible {
        let encoding: UInt16
        let assembly: String
        let registerCount: Int
        /// POP 4+N (M0) / 3+N (M0+) plus the landing MOVS 1.
        let expectedCyclesM0: UInt64
        let expectedCyclesM0Plus: UInt64
        var testDescription: String { "\(assembly) (N=\(registerCount))" }
    }

    static let popReturnCases: [PopReturnCase] = [
        PopReturnCase(
            encoding: 0xBD00,  // POP {pc}
            assembly: "POP {pc}", registerCount: 1, expectedCyclesM0: 4 + 1 + 1, expectedCyclesM0Plus: 3 + 1 + 1),
        PopReturnCase(
            encoding: 0xBD10,  // POP {r4, pc}
            assembly: "POP {r4,pc}", registerCount: 2, expectedCyclesM0: 4 + 2 + 1, expectedCyclesM0Plus: 3 + 2 + 1),
        PopReturnCase(
            encoding: 0xBDF0,  // POP {r4, r5, r6, r7, pc}
            assembly: "POP {r4-r7,pc}", registerCount: 5, expectedCyclesM0: 4 + 5 + 1, expectedCyclesM0Plus: 3 + 5 + 1),
    ]

    /// N counts PC: the Arm tables define N as the number of registers in the list, and
    /// Yiu's reproduction of Table 3-1 counts POP {r4,pc} as N = 2 (cycles-m0.md note
    /// P1; inferred, not quoted). The popped PC is 0x105 (0x104 with the Thumb bit),
    /// which skips the MOVS r0 at 0x102 and lands on MOVS r1 (1 cycle).
    @Test(
        "POP with PC takes 4+N on M0, 3+N on M0+ (DDI0432C Table 3-1 'Pop and return'; DDI0484C Table 3.1)",
        arguments: M0Timing.cores, popReturnCases)
    func popWithPCTakesFourPlusNOnM0AndThreePlusNOnM0Plus(kind: CoreKind, testCase: PopReturnCase) {
        let code: [UInt16] = [
            testCase.encoding,  // 0x100: POP {..., pc}
            0x2001,  // 0x102: MOVS r0, #1 ; skipped
            0x2102,  // 0x104: MOVS r1, #2
        ]
        let stack = TestMachine.sramBase + TestMachine.sramSize - 0x100
        let words: [UInt32] = (0..<(testCase.registerCount - 1)).map { 0xF0 + UInt32($0) } + [0x105]
        let machine = TestMachine(kind, code: code, data: [(stack, words.flatMap(TestMachine.bytes))])
        machine.setRegister(13, stack)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 0)
        #expect(machine.register(1) == 2)
        #expect(machine.register(13) == stack + UInt32(4 * testCase.registerCount))
        if testCase.registerCount > 1 { #expect(machine.register(4) == 0xF0) }
        #expect(machine.cycles == (kind == .m0 ? testCase.expectedCyclesM0 : testCase.expectedCyclesM0Plus))
    }

    // MARK: - Branches

    /// A conditional branch case: the condition, its encoding (B<cond> .+6 at 0x102, to
    /// 0x108), the CMP operands and whether the condition passes.
    struct ConditionalCase: Sendable, CustomTestStringConvertible {
        let encoding: UInt16
        let assembly: String
        let left: UInt32
        let right: UInt32
        let isTaken: Bool
        var testDescription: String { "\(assembly) after CMP \(left),\(right): \(isTaken ? "taken" : "not taken")" }
    }

    static let conditionalCases: [ConditionalCase] = [
        ConditionalCase(
            encoding: 0xD001,  // BEQ .+6
            assembly: "BEQ", left: 5, right: 5, isTaken: true),
        ConditionalCase(
            encoding: 0xD001,  // BEQ .+6
            assembly: "BEQ", left: 5, right: 6, isTaken: false),
        ConditionalCase(
            encoding: 0xD101,  // BNE .+6
            assembly: "BNE", left: 5, right: 6, isTaken: true),
        ConditionalCase(
            encoding: 0xD201,  // BCS .+6
            assembly: "BCS", left: 6, right: 5, isTaken: true),
        ConditionalCase(
            encoding: 0xD301,  // BCC .+6
            assembly: "BCC", left: 6, right: 5, isTaken: false),
        ConditionalCase(
            encoding: 0xD401,  // BMI .+6
            assembly: "BMI", left: 1, right: 2, isTaken: true),
        ConditionalCase(
            encoding: 0xD601,  // BVS .+6
            assembly: "BVS", left: 0x8000_0000, right: 1, isTaken: true),
        ConditionalCase(
            encoding: 0xD801,  // BHI .+6
            assembly: "BHI", left: 5, right: 5, isTaken: false),
        ConditionalCase(
            encoding: 0xDA01,  // BGE .+6
            assembly: "BGE", left: 0xFFFF_FFFF, right: 1, isTaken: false),
        ConditionalCase(
            encoding: 0xDB01,  // BLT .+6
            assembly: "BLT", left: 0xFFFF_FFFF, right: 1, isTaken: true),
        ConditionalCase(
            encoding: 0xDC01,  // BGT .+6
            assembly: "BGT", left: 2, right: 1, isTaken: true),
        ConditionalCase(
            encoding: 0xDD01,  // BLE .+6
            assembly: "BLE", left: 2, right: 1, isTaken: false),
    ]

    /// CMP 1 + B<cond> + the MOVS that run. Taken: B<cond> 3 (M0) / 2 (M0+), then only
    /// MOVS r4: M0 1+3+1 = 5, M0+ 1+2+1 = 4. Not taken: B<cond> 1, then MOVS r2, r3,
    /// r4: 1+1+3 = 5 on both.
    @Test(
        "B<cond> takes 3 on M0, 2 on M0+ when taken and 1 when not taken (DDI0432C Table 3-1 'Conditional branch'; DDI0484C Table 3.1)",
        arguments: M0Timing.cores, conditionalCases)
    func conditionalBranchCostsRefillOnlyWhenTaken(kind: CoreKind, testCase: ConditionalCase) {
        let code: [UInt16] = [
            0x4288,  // 0x100: CMP r0, r1
            testCase.encoding,  // 0x102: B<cond> .+6 ; to 0x108
            0x2201,  // 0x104: MOVS r2, #1
            0x2301,  // 0x106: MOVS r3, #1
            0x2401,  // 0x108: MOVS r4, #1
        ]
        let machine = TestMachine(kind, code: code)
        machine.setRegister(0, testCase.left)
        machine.setRegister(1, testCase.right)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        let skipped: UInt32 = testCase.isTaken ? 0 : 1
        #expect(machine.register(2) == skipped)
        #expect(machine.register(3) == skipped)
        #expect(machine.register(4) == 1)
        let expected: UInt64 = testCase.isTaken ? (kind == .m0 ? 5 : 4) : 5
        #expect(machine.cycles == expected)
    }

    /// B 3 (M0) / 2 (M0+), then the landing MOVS 1: 4 / 3.
    @Test(
        "B takes 3 on M0, 2 on M0+ (DDI0432C Table 3-1 'Unconditional branch'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 4), (CoreKind.m0plus, 3)] as [(CoreKind, UInt64)])
    func unconditionalBranchTakesThreeOrTwo(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0xE001,  // 0x100: B .+6 ; to 0x106
            0x2201,  // 0x102: MOVS r2, #1 ; skipped
            0x2201,  // 0x104: MOVS r2, #1 ; skipped
            0x2401,  // 0x106: MOVS r4, #1
        ]
        let machine = TestMachine(kind, code: code)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(2) == 0)
        #expect(machine.register(4) == 1)
        #expect(machine.cycles == expectedCycles)
    }

    /// BL to 0x200, where a `BKPT #0` sits: the count is BL alone, 4 / 3.
    @Test(
        "BL takes 4 on M0, 3 on M0+ (DDI0432C Table 3-1 'Branch with link'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 4), (CoreKind.m0plus, 3)] as [(CoreKind, UInt64)])
    func branchWithLinkTakesFourOrThree(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] =
            TestMachine.wide(0xF000_F87E)  // 0x100: BL .+256 ; to 0x200
        let breakpointAt200 = M0Timing.bytes([
            0xBE00  // 0x200: BKPT #0
        ])
        let machine = TestMachine(kind, code: code, data: [(0x200, breakpointAt200)])
        M0Timing.run(machine, expectingBreakpointAt: 0x200)
        #expect(machine.register(14) == 0x105)
        #expect(machine.cycles == expectedCycles)
    }

    /// BX r0 (r0 = 0x107: 0x106 in Thumb state) 3 / 2, then the landing MOVS 1: 4 / 3.
    @Test(
        "BX takes 3 on M0, 2 on M0+ (DDI0432C Table 3-1 'Branch indirect'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 4), (CoreKind.m0plus, 3)] as [(CoreKind, UInt64)])
    func branchExchangeTakesThreeOrTwo(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x4700,  // 0x100: BX r0
            0x2201,  // 0x102: MOVS r2, #1 ; skipped
            0x2201,  // 0x104: MOVS r2, #1 ; skipped
            0x2401,  // 0x106: MOVS r4, #1
        ]
        let machine = TestMachine(kind, code: code)
        machine.setRegister(0, 0x107)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(2) == 0)
        #expect(machine.register(4) == 1)
        #expect(machine.cycles == expectedCycles)
    }

    /// BLX r0 (r0 = 0x201) to a `BKPT #0` at 0x200: BLX alone, 3 / 2.
    @Test(
        "BLX takes 3 on M0, 2 on M0+ (DDI0432C Table 3-1 'Branch indirect with link'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 3), (CoreKind.m0plus, 2)] as [(CoreKind, UInt64)])
    func branchLinkExchangeTakesThreeOrTwo(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0x4780  // 0x100: BLX r0
        ]
        let breakpointAt200 = M0Timing.bytes([
            0xBE00  // 0x200: BKPT #0
        ])
        let machine = TestMachine(kind, code: code, data: [(0x200, breakpointAt200)])
        machine.setRegister(0, 0x201)
        M0Timing.run(machine, expectingBreakpointAt: 0x200)
        #expect(machine.register(14) == 0x103)
        #expect(machine.cycles == expectedCycles)
    }

    // MARK: - Extend, reverse

    /// SXTH, SXTB, UXTH, UXTB: four one-cycle rows = 4.
    @Test(
        "SXTH, SXTB, UXTH and UXTB take 1 each on M0 and M0+ (DDI0432C Table 3-1 'Extend'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 4), (CoreKind.m0plus, 4)] as [(CoreKind, UInt64)])
    func extendTakesOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0xB208,  // 0x100: SXTH r0, r1
            0xB24A,  // 0x102: SXTB r2, r1
            0xB28B,  // 0x104: UXTH r3, r1
            0xB2CC,  // 0x106: UXTB r4, r1
        ]
        let machine = TestMachine(kind, code: code)
        machine.setRegister(1, 0x1234_80F0)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 0xFFFF_80F0)
        #expect(machine.register(2) == 0xFFFF_FFF0)
        #expect(machine.register(3) == 0x80F0)
        #expect(machine.register(4) == 0xF0)
        #expect(machine.cycles == expectedCycles)
    }

    /// REV, REV16, REVSH: three one-cycle rows = 3.
    @Test(
        "REV, REV16 and REVSH take 1 each on M0 and M0+ (DDI0432C Table 3-1 'Reverse'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 3), (CoreKind.m0plus, 3)] as [(CoreKind, UInt64)])
    func reverseTakesOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0xBA08,  // 0x100: REV r0, r1
            0xBA4A,  // 0x102: REV16 r2, r1
            0xBACB,  // 0x104: REVSH r3, r1
        ]
        let machine = TestMachine(kind, code: code)
        machine.setRegister(1, 0x1122_0083)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 0x8300_2211)
        #expect(machine.register(2) == 0x2211_8300)
        #expect(machine.register(3) == 0xFFFF_8300)
        #expect(machine.cycles == expectedCycles)
    }

    // MARK: - System

    /// CPSID i alone is 1; CPSID i then CPSIE i is 1 + 1 = 2.
    @Test(
        "CPSID and CPSIE take 1 each on M0 and M0+ (DDI0432C Table 3-1 'Change processor state'; DDI0484C Table 3.1)",
        arguments: M0Timing.cores)
    func changeProcessorStateTakesOneCycle(kind: CoreKind) {
        let disable: [UInt16] = [
            0xB672  // 0x100: CPSID i
        ]
        let disabling = TestMachine(kind, code: disable)
        M0Timing.run(disabling, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: disable.count))
        #expect(disabling.core.primask)
        #expect(disabling.cycles == 1)

        let disableThenEnable: [UInt16] = [
            0xB672,  // 0x100: CPSID i
            0xB662,  // 0x102: CPSIE i
        ]
        let enabling = TestMachine(kind, code: disableThenEnable)
        M0Timing.run(enabling, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: disableThenEnable.count))
        #expect(!enabling.core.primask)
        #expect(enabling.cycles == 2)
    }

    /// MRS r0, MSP: 4 / 3.
    @Test(
        "MRS takes 4 on M0, 3 on M0+ (DDI0432C Table 3-1 'Move to general register from special register'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 4), (CoreKind.m0plus, 3)] as [(CoreKind, UInt64)])
    func mrsTakesFourOrThree(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] =
            TestMachine.wide(0xF3EF_8008)  // 0x100: MRS r0, MSP
        let machine = TestMachine(kind, code: code)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == TestMachine.sramBase + TestMachine.sramSize)
        #expect(machine.cycles == expectedCycles)
    }

    /// MSR PRIMASK, r1 with r1 = 1: 4 / 3.
    @Test(
        "MSR takes 4 on M0, 3 on M0+ (DDI0432C Table 3-1 'Move to special register from general register'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 4), (CoreKind.m0plus, 3)] as [(CoreKind, UInt64)])
    func msrTakesFourOrThree(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] =
            TestMachine.wide(0xF381_8810)  // 0x100: MSR PRIMASK, r1
        let machine = TestMachine(kind, code: code)
        machine.setRegister(1, 1)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.core.primask)
        #expect(machine.cycles == expectedCycles)
    }

    /// A 32-bit barrier encoding and its name.
    struct BarrierCase: Sendable, CustomTestStringConvertible {
        let encoding: UInt32
        let assembly: String
        var testDescription: String { assembly }
    }

    static let barrierCases: [BarrierCase] = [
        BarrierCase(
            encoding: 0xF3BF_8F6F,  // ISB SY
            assembly: "ISB"),
        BarrierCase(
            encoding: 0xF3BF_8F5F,  // DMB SY
            assembly: "DMB"),
        BarrierCase(
            encoding: 0xF3BF_8F4F,  // DSB SY
            assembly: "DSB"),
    ]

    /// ISB, DMB, DSB: 4 (M0) / 3 (M0+) each. cycles-m0.md marks the M0+ value as from
    /// the TRM but not checked against an excerpt.
    @Test(
        "ISB, DMB and DSB take 4 on M0, 3 on M0+ (DDI0432C Table 3-1 'Barriers'; DDI0484C Table 3.1)",
        arguments: M0Timing.cores, barrierCases)
    func barriersTakeFourOrThree(kind: CoreKind, testCase: BarrierCase) {
        let code = [0x2001] + TestMachine.wide(testCase.encoding)  // 0x100: MOVS r0, #1 ; then the barrier at 0x102
        let machine = TestMachine(kind, code: code)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.register(0) == 1)
        #expect(machine.cycles == (kind == .m0 ? 1 + 4 : 1 + 3))
    }

    /// NOP, SEV, YIELD: 1 each = 3. YIELD executes as a NOP on ARMv6-M cores.
    /// 0xBF00 is the NOP hint (T1); `arm-none-eabi-as -mcpu=cortex-m0` assembles a plain
    /// `nop` as MOV r8,r8 (0x46C0), so 0xBF00 was checked by disassembling `.inst.n`.
    @Test(
        "NOP, SEV and YIELD take 1 each on M0 and M0+ (DDI0432C Table 3-1 'Hint'; DDI0484C Table 3.1)",
        arguments: [(CoreKind.m0, 3), (CoreKind.m0plus, 3)] as [(CoreKind, UInt64)])
    func hintsTakeOneCycle(kind: CoreKind, expectedCycles: UInt64) {
        let code: [UInt16] = [
            0xBF00,  // 0x100: NOP
            0xBF40,  // 0x102: SEV
            0xBF10,  // 0x104: YIELD
        ]
        let machine = TestMachine(kind, code: code)
        M0Timing.run(machine, expectingBreakpointAt: M0Timing.endAddress(afterHalfwords: code.count))
        #expect(machine.core.instructions == 4)  // three hints and the BKPT
        #expect(machine.cycles == expectedCycles)
    }
}
