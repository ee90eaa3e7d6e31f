import Testing
@testable import CortexM

/// Cycle costs of the ARMv7E-M DSP instructions on the Cortex-M4 with zero wait
/// states: Cortex-M4 TRM r0p1 (DDI 0439) §3.3.1 Table 3-1, as collected in
/// shared/reference/cycles-m4.md ("DSP extension — all single cycle on M4"). Every
/// DSP row of the table is 1 cycle, so a sequence of N of them costs N.
///
/// The numbers are pinned on purpose: each is the sum of the rows named in the test,
/// worked out by hand from the table, never read back from armsim.
///
/// `TestMachine.cycles` excludes the final `BKPT #0`. Each program also checks that
/// it stopped at that BKPT, so an instruction that faulted cannot pass on its count.
@Suite("CortexM4Timing: DSP rows of Table 3-1")
struct CortexM4DSPTimingTests {
    /// One row group of Table 3-1 and one instruction of it (encoded with
    /// `arm-none-eabi-as -mcpu=cortex-m4 -mthumb`, checked with objdump).
    struct Row: CustomTestStringConvertible, Sendable {
        var row: String
        var assembly: String
        var encoding: UInt32
        var testDescription: String { "\(row): \(assembly)" }
    }

    static let rows: [Row] = [
        Row(row: "Parallel add/subtract: 1", assembly: "sadd16 r0, r1, r2", encoding: 0xFA91_F002),
        Row(row: "Parallel add/subtract: 1", assembly: "uqsub8 r0, r1, r2", encoding: 0xFAC1_F052),
        Row(row: "Parallel add/subtract: 1", assembly: "shasx r0, r1, r2", encoding: 0xFAA1_F022),
        Row(row: "Select: SEL 1", assembly: "sel r0, r1, r2", encoding: 0xFAA1_F082),
        Row(row: "Saturate: QADD, QDSUB 1", assembly: "qdsub r0, r1, r2", encoding: 0xFA82_F0B1),
        Row(row: "Saturate: SSAT16 1", assembly: "ssat16 r0, #16, r1", encoding: 0xF321_000F),
        Row(row: "Saturate: USAT16 1", assembly: "usat16 r0, #15, r1", encoding: 0xF3A1_000F),
        Row(row: "Extend: SXTAB, UXTAH 1", assembly: "sxtab r0, r1, r2, ror #8", encoding: 0xFA41_F092),
        Row(row: "Extend: SXTB16, UXTAB16 1", assembly: "sxtb16 r0, r2", encoding: 0xFA2F_F082),
        Row(row: "Pack: PKHBT, PKHTB 1", assembly: "pkhtb r0, r1, r2, asr #32", encoding: 0xEAC1_0022),
        Row(row: "Sum of absolute differences: USADA8 1", assembly: "usada8 r0, r1, r2, r3", encoding: 0xFB71_3002),
        Row(row: "16 x 16 multiply: SMULBB 1", assembly: "smultb r0, r1, r2", encoding: 0xFB11_F022),
        Row(row: "16 x 16 multiply-accumulate: SMLABB 1", assembly: "smlabt r0, r1, r2, r3", encoding: 0xFB11_3012),
        Row(row: "32 x 16 multiply(-accumulate): SMULWB, SMLAWB 1", assembly: "smlawt r0, r1, r2, r3", encoding: 0xFB31_3012),
        Row(row: "Dual 16 x 16 MAC: SMLAD 1", assembly: "smlad r0, r1, r2, r3", encoding: 0xFB21_3002),
        Row(row: "Dual 16 x 16 multiply: SMUSDX 1", assembly: "smusdx r0, r1, r2", encoding: 0xFB41_F012),
        Row(row: "Most significant word: SMMLAR 1", assembly: "smmlar r0, r1, r2, r3", encoding: 0xFB51_3012),
        Row(row: "Long 16 x 16 MAC: SMLALBB 1", assembly: "smlalbb r0, r1, r2, r3", encoding: 0xFBC2_0183),
        Row(row: "Long dual MAC: SMLSLDX 1", assembly: "smlsldx r0, r1, r2, r3", encoding: 0xFBD2_01D3),
        Row(row: "Long multiply: UMAAL 1", assembly: "umaal r0, r1, r2, r3", encoding: 0xFBE2_0163),
    ]

    @Test("Each DSP row of DDI 0439 Table 3-1 takes 1 cycle", arguments: rows)
    func dspRowTakesOneCycle(_ row: Row) {
        let machine = TestMachine(.m4, code: TestMachine.wide(row.encoding))
        machine.setRegister(1, 0x1234_5678)
        machine.setRegister(2, 0x8765_4321)
        let stop = machine.run(cycleLimit: 10_000)
        #expect(stop == .breakpoint(pc: TestMachine.codeAddress + 4, immediate: 0))
        #expect(machine.cycles == 1)
    }

    /// Four SMLADs accumulating into the same register, each 1 cycle ("Dual 16 x 16
    /// MAC: 1"; Table 3-1 lists no extra cycle for a dependent accumulator):
    /// 1 + 1 + 1 + 1 = 4. Accumulator: 4 × (3×5 + 2×7) = 116.
    @Test("Four back-to-back SMLADs take 4 cycles (DDI 0439 Table 3-1 'SMLAD: 1')")
    func fourSmladsTakeFourCycles() {
        let smlad = TestMachine.wide(0xFB21_0002)  // smlad r0, r1, r2, r0
        let machine = TestMachine(.m4, code: smlad + smlad + smlad + smlad)
        machine.setRegister(0, 0)
        machine.setRegister(1, 0x0002_0003)
        machine.setRegister(2, 0x0007_0005)
        let stop = machine.run(cycleLimit: 10_000)
        #expect(stop == .breakpoint(pc: TestMachine.codeAddress + 16, immediate: 0))
        #expect(machine.register(0) == 116)
        #expect(machine.cycles == 4)
    }

    /// The CMSIS-NN inner step on registers: SXTB16, SXTB16 ROR #8, SMLAD, SMLAD:
    /// "Extend: 1" + "Extend: 1" + "SMLAD: 1" + "SMLAD: 1" = 4.
    @Test("SXTB16, SXTB16 ROR #8 and two SMLADs take 4 cycles (DDI 0439 Table 3-1 'SXTB16: 1', 'SMLAD: 1')")
    func sxtb16SmladStepTakesFourCycles() {
        let code =
            TestMachine.wide(0xFA2F_F684)  // sxtb16 r6, r4
            + TestMachine.wide(0xFA2F_F494)  // sxtb16 r4, r4, ror #8
            + TestMachine.wide(0xFB26_3305)  // smlad r3, r6, r5, r3
            + TestMachine.wide(0xFB24_3305)  // smlad r3, r4, r5, r3
        let machine = TestMachine(.m4, code: code)
        machine.setRegister(4, 0x02FF_0301)  // bytes 1, 3, -1, 2
        machine.setRegister(5, 0x0001_0001)
        let stop = machine.run(cycleLimit: 10_000)
        #expect(stop == .breakpoint(pc: TestMachine.codeAddress + 16, immediate: 0))
        // (1 + (-1)) + (3 + 2) = 5
        #expect(machine.register(3) == 5)
        #expect(machine.cycles == 4)
    }
}
