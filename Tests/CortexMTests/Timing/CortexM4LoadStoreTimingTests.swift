import Testing
@testable import CortexM

/// Cortex-M4 cycle counts of the Thumb-2 loads, stores, branches and control
/// instructions, and of the load/store pipelining rule, on zero-wait-state memory.
///
/// Each expected count is derived by hand from the Cortex-M4 TRM r0p1 (DDI 0439)
/// Table 3-1 row named in the test (P = 2 for a taken branch to a word-aligned
/// target, N = registers in the list) and from §3.3.2 "Load/store timings" for the
/// pipelining rule, whose own examples are used verbatim. The numbers are pinned on
/// purpose: when one moves, explain why rather than re-bless it.
@Suite("Cortex-M4 Thumb-2 load/store and branch timing")
struct CortexM4LoadStoreTimingTests {
    static let base: UInt32 = 0x2000_0800

    /// A machine with r1-r7 pointing at SRAM words (r5 = 8 as an offset register where a
    /// test uses it) and SP in SRAM.
    static func cycles(_ code: [UInt16], _ kind: CoreKind = .m4, registers: [Int: UInt32] = [:], data: [(UInt32, [UInt8])] = []) -> UInt64 {
        let machine = TestMachine(kind, code: code, data: data)
        for index in 0...7 { machine.setRegister(index, base + UInt32(index) * 0x40) }
        machine.setRegister(5, 8)
        for (index, value) in registers { machine.setRegister(index, value) }
        machine.run()
        return machine.cycles
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    // MARK: - Single loads and stores (Table 3-1 "Load/Store single")

    @Test("Table 3-1: LDR.W/LDRB.W/LDRSH/LDR literal/LDRT, any addressing mode, 2 cycles each when not neighbours",
          arguments: [
            ([
                0xF8D1, 0x0FFF,  // 0: ldr.w r0, [r1, #4095]
            ], 2),
            ([
                0xF931, 0x0902,  // 0: ldrsh.w r0, [r1], #-2
            ], 2),
            ([
                0xF811, 0x0025,  // 0: ldrb.w r0, [r1, r5, lsl #2]
            ], 2),
            ([
                0xF8DF, 0x0008,  // 0: ldr.w r0, [pc, #8]
            ], 2),
            ([
                0xF851, 0x0E04,  // 0: ldrt r0, [r1, #4]
            ], 2),
            ([
                0xF841, 0x0D04,  // 0: str.w r0, [r1, #-4]!
            ], 2),
            ([
                0xF821, 0x0005,  // 0: strh.w r0, [r1, r5]
            ], 2),
          ] as [([UInt16], UInt64)])
    func singleAccess(code: [UInt16], expected: UInt64) {
        #expect(Self.cycles(code) == expected)
    }

    // MARK: - Pipelining (§3.3.2), the TRM's own examples

    @Test("§3.3.2: LDR R0,[R1]; LDR R1,[R2] takes 3 cycles (2 + 1 pipelined)")
    func trmExampleLoadLoad() {
        #expect(Self.cycles([
            0x6808,  // 0: ldr r0, [r1, #0]
            0x6811,  // 2: ldr r1, [r2, #0]
        ]) == 3)
    }

    @Test("§3.3.2: LDR R0,[R1,R2]; STR R0,[R3,#20] takes 3 cycles (the stored data may be the loaded register)")
    func trmExampleLoadStoreData() {
        #expect(Self.cycles([
            0x5888,  // 0: ldr r0, [r1, r2]
            0x6158,  // 2: str r0, [r3, #20]
        ], registers: [2: 8]) == 3)
    }

    @Test("§3.3.2: LDR R0,[R1,R2]; STR R1,[R3,R2] takes 3 cycles")
    func trmExampleLoadStoreRegister() {
        #expect(Self.cycles([
            0x5888,  // 0: ldr r0, [r1, r2]
            0x5099,  // 2: str r1, [r3, r2]
        ], registers: [2: 8]) == 3)
    }

    @Test("§3.3.2: LDR R0,[R1,R5]; LDR R1,[R2]; LDR R2,[R3,#4] takes 4 cycles (2 + 1 + 1)")
    func trmExampleThreeLoads() {
        #expect(Self.cycles([
            0x5948,  // 0: ldr r0, [r1, r5]
            0x6811,  // 2: ldr r1, [r2, #0]
            0x685A,  // 4: ldr r2, [r3, #4]
        ]) == 4)
    }

    @Test("§3.3.2 with 32-bit forms: LDR.W; LDRSH.W; STR.W pipeline the same way (2 + 1 + 1)")
    func wideFormsPipeline() {
        #expect(Self.cycles([
            0xF8D1, 0x0100,  // 0: ldr.w r0, [r1, #256]
            0xF932, 0x6C02,  // 4: ldrsh.w r6, [r2, #-2]
            0xF843, 0x0B04,  // 8: str.w r0, [r3], #4
        ]) == 4)
    }

    @Test("§3.3.2: no pipelining when the first load's destination is the next base register: 2 + 2")
    func dependentBaseDoesNotPipeline() {
        #expect(Self.cycles([
            0x6808,  // 0: ldr r0, [r1, #0]
            0x6802,  // 2: ldr r2, [r0, #0]
        ], registers: [1: 0x2000_0100], data: [(0x2000_0100, Self.littleEndian(0x2000_0200))]) == 4)
    }

    @Test("§3.3.2: no pipelining when the first load's destination is the next offset register: 2 + 2")
    func dependentOffsetDoesNotPipeline() {
        #expect(Self.cycles([
            0xF8D1, 0x0000,  // 0: ldr.w r0, [r1]
            0xF853, 0x2020,  // 4: ldr.w r2, [r3, r0, lsl #2]
        ]) == 4)
    }

    @Test("§3.3.2: nothing pipelines after a store: STR; LDR and STR; STR take 2 + 2")
    func nothingPipelinesAfterAStore() {
        #expect(Self.cycles([
            0x6008,  // 0: str r0, [r1, #0]
            0x681A,  // 2: ldr r2, [r3, #0]
        ]) == 4)
        #expect(Self.cycles([
            0xF8C1, 0x0000,  // 0: str.w r0, [r1]
            0xF8C3, 0x2000,  // 4: str.w r2, [r3]
        ]) == 4)
    }

    @Test("§3.3.2 needs neighbours: LDR; ADDS; LDR takes 2 + 1 + 2")
    func interveningInstructionStopsPipelining() {
        #expect(Self.cycles([
            0x6808,  // 0: ldr r0, [r1, #0]
            0x3601,  // 2: adds r6, #1
            0x681A,  // 4: ldr r2, [r3, #0]
        ]) == 5)
    }

    @Test("§3.3.2 is sequential: LDR; B to the next instruction; LDR takes 2 + (1+P) + 2")
    func branchStopsPipelining() {
        #expect(Self.cycles([
            0x6808,  // 0: ldr r0, [r1, #0]
            0xE7FF,  // 2: b.n 4 <.text+0x4>
            0x681A,  // 4: ldr r2, [r3, #0]
        ]) == 7)
    }

    @Test("§3.3.2: LDRD/STRD never pipeline: LDR; LDRD and LDRD; LDR take 2 + 3 and 3 + 2")
    func dualNeverPipelines() {
        #expect(Self.cycles([
            0x6808,  // 0: ldr r0, [r1, #0]
            0xE9D3, 0x2400,  // 2: ldrd r2, r4, [r3]
        ]) == 5)
        #expect(Self.cycles([
            0xE9D3, 0x2400,  // 0: ldrd r2, r4, [r3]
            0x6808,  // 4: ldr r0, [r1, #0]
        ]) == 5)
    }

    @Test("§3.3.2: LDREX pipelines like LDR: LDR; LDREX takes 2 + 1")
    func exclusivePipelinesLikeLoad() {
        #expect(Self.cycles([
            0x6808,  // 0: ldr r0, [r1, #0]
            0xE853, 0x2F00,  // 2: ldrex r2, [r3]
        ]) == 3)
    }

    @Test("The rule is the M4's: on the Cortex-M0 LDR; LDR stays 2 + 2 (M0 TRM Table 3-1)")
    func cortexM0DoesNotPipeline() {
        #expect(Self.cycles([
            0x6808,  // 0: ldr r0, [r1, #0]
            0x6811,  // 2: ldr r1, [r2, #0]
        ], .m0) == 4)
    }

    // MARK: - Other rows of Table 3-1

    @Test("Table 3-1 \"Load double\": LDRD and STRD 1+N = 3")
    func dual() {
        #expect(Self.cycles([
            0xE9F1, 0x2402,  // 0: ldrd r2, r4, [r1, #8]!
        ]) == 3)
        #expect(Self.cycles([
            0xE861, 0x2402,  // 0: strd r2, r4, [r1], #-8
        ]) == 3)
    }

    @Test("Table 3-1 \"Load multiple\" and \"Store multiple\": LDM.W/STMDB/PUSH.W 1+N")
    func multiple() {
        #expect(Self.cycles([
            0xE891, 0x011C,  // 0: ldmia.w r1, {r2, r3, r4, r8}
        ]) == 5)
        #expect(Self.cycles([
            0xE921, 0x001C,  // 0: stmdb r1!, {r2, r3, r4}
        ]) == 4)
        #expect(Self.cycles([
            0xE92D, 0x41F0,  // 0: stmdb sp!, {r4, r5, r6, r7, r8, lr}
        ]) == 7)
    }

    @Test("Table 3-1 \"Load multiple including PC\" / \"Pop and return\": 1+N+P")
    func multipleWithPC() {
        // POP.W {r4, r5, pc} returns to the BKPT at 0x104: 1 + 3 + 2.
        #expect(Self.cycles([
            0xE8BD, 0x8030,  // 0: ldmia.w sp!, {r4, r5, pc}
        ], registers: [13: 0x2000_1000], data: [(0x2000_1008, Self.littleEndian(0x105))]) == 6)
    }

    @Test("Table 3-1 \"Load to PC\": LDR PC, [Rn] 2+P")
    func loadToPC() {
        #expect(Self.cycles([
            0xF8D0, 0xF000,  // 0: ldr.w pc, [r0]
        ], registers: [0: 0x2000_1000], data: [(0x2000_1000, Self.littleEndian(0x105))]) == 4)
    }

    @Test("Table 3-1 \"Table branch\": TBB and TBH 2+P")
    func tableBranch() {
        // tbb [pc, r0] at 0x100, table at 0x104 = {2, 0} → target 0x108 (word-aligned).
        #expect(Self.cycles([
            0xE8DF, 0xF000,  // 0: tbb [pc, r0]
            0x0002,  // 4: .short 0x0002
            0xBF00,  // 6: nop
        ], registers: [0: 0]) == 4)
        #expect(Self.cycles([
            0xE8D1, 0xF010,  // 0: tbh [r1, r0, lsl #1]
        ], registers: [0: 0, 1: 0x2000_1000], data: [(0x2000_1000, [0, 0])]) == 4)
    }

    @Test("Table 3-1 \"Exclusive\": LDREX 2, STREX 2, CLREX 1")
    func exclusive() {
        #expect(Self.cycles([
            0xE851, 0x2F00,  // 0: ldrex r2, [r1]
        ]) == 2)
        #expect(Self.cycles([
            0xE841, 0x3200,  // 0: strex r2, r3, [r1]
        ]) == 2)
        #expect(Self.cycles([
            0xF3BF, 0x8F2F,  // 0: clrex
        ]) == 1)
    }

    @Test("Table 3-1 \"Branch\": B.W 1+P; \"Conditional branch\": B<cond>.W 1 not taken, 1+P taken")
    func branches() {
        #expect(Self.cycles([
            0xF000, 0xB800,  // 0: b.w 4 <.text+0x4>
            0xBF00,  // 4: nop
        ]) - 1 == 3)
        // cmp (1) + beq.w taken (3) + nop (1); cmp (1) + bne.w not taken (1) + nop (1).
        #expect(Self.cycles([
            0x4280,  // 0: cmp r0, r0
            0xF000, 0x8000,  // 2: beq.w 6 <.text+0x6>
            0xBF00,  // 6: nop
        ]) == 5)
        #expect(Self.cycles([
            0x4280,  // 0: cmp r0, r0
            0xF040, 0x8000,  // 2: bne.w 6 <.text+0x6>
            0xBF00,  // 6: nop
        ]) == 3)
    }

    @Test("Table 3-1 hints: NOP.W, YIELD.W, SEV.W 1 each; PLD/PLI 1")
    func hints() {
        #expect(Self.cycles([
            0xF3AF, 0x8000,  // 0: nop.w
            0xF3AF, 0x8001,  // 4: yield.w
            0xF3AF, 0x8004,  // 8: sev.w
            0xF891, 0xF004,  // c: pld [r1, #4]
            0xF91F, 0xF008,  // 10: pli [pc, #-8]
        ]) == 5)
    }
}
