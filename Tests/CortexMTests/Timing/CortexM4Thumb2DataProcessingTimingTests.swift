import Testing
@testable import CortexM

/// Cycle costs of the Thumb-2 data processing, multiply and divide instructions on the
/// Cortex-M4 with zero wait states: Cortex-M4 TRM r0p1 (DDI 0439) §3.3.1 Table 3-1, as
/// collected in shared/reference/cycles-m4.md, and armsim's divide rule
/// (docs/cycle-model.md, "Cortex-M4 divide": 2 + ⌊q / 3⌋ with q the quotient bits).
///
/// The numbers are pinned on purpose: each is the row named in the test, worked out by
/// hand, never read back from armsim. `TestMachine.cycles` excludes the final BKPT, and
/// every program must stop at it, so a faulting instruction cannot pass on its count.
@Suite("CortexM4Timing: Thumb-2 data processing rows of Table 3-1")
struct CortexM4Thumb2DataProcessingTimingTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var row: String
        var assembly: String
        var encoding: UInt32
        var cycles: UInt64
        var testDescription: String { "\(row): \(assembly)" }
    }

    /// One instruction per row class (encodings from `arm-none-eabi-as -mcpu=cortex-m4`).
    static let rows: [Row] = [
        Row(row: "Add/sub: ADD 1", assembly: "adds.w r0, r1, r2, lsl #3", encoding: 0xEB11_00C2, cycles: 1),
        Row(row: "Logical: AND 1", assembly: "and.w r0, r1, #255", encoding: 0xF001_00FF, cycles: 1),
        Row(row: "Move: MOVW 1", assembly: "movw r7, #0xabcd", encoding: 0xF64A_37CD, cycles: 1),
        Row(row: "Shift: ASR 1", assembly: "asrs.w r9, r10, r11", encoding: 0xFA5A_F90B, cycles: 1),
        Row(row: "Bit-field: UBFX 1", assembly: "ubfx r9, r10, #0, #32", encoding: 0xF3CA_091F, cycles: 1),
        Row(row: "Saturate: SSAT 1", assembly: "ssat r1, #16, r2, asr #1", encoding: 0xF322_014F, cycles: 1),
        Row(row: "Count leading zeros: CLZ 1", assembly: "clz r0, r1", encoding: 0xFAB1_F081, cycles: 1),
        Row(row: "Multiply: MUL 1", assembly: "mul r0, r1, r2", encoding: 0xFB01_F002, cycles: 1),
        Row(row: "Multiply accumulate: MLA 1", assembly: "mla r3, r4, r5, r6", encoding: 0xFB04_6305, cycles: 1),
        Row(row: "Multiply subtract: MLS 1", assembly: "mls r7, r8, r9, r10", encoding: 0xFB08_A719, cycles: 1),
        Row(row: "Long multiply: SMULL 1", assembly: "smull r0, r1, r2, r3", encoding: 0xFB82_0103, cycles: 1),
        Row(row: "Long multiply accumulate: UMLAL 1", assembly: "umlal r12, r0, r1, r2", encoding: 0xFBE1_C002, cycles: 1),
    ]

    @Test("Each data-processing, multiply and long-multiply row costs 1 cycle", arguments: rows)
    func singleCycleRows(_ row: Row) {
        let machine = TestMachine(.m4, code: TestMachine.wide(row.encoding))
        for index in 0..<13 { machine.setRegister(index, UInt32(index) &* 0x0101_0101) }
        let stop = machine.run()
        #expect(stop == .breakpoint(pc: TestMachine.codeAddress + 4, immediate: 0))
        #expect(machine.cycles == row.cycles)
    }

    /// (dividend, divisor, cycles) with q = bits(|n|) − bits(|m|) + 1, or 0 when |n| < |m| or m = 0.
    @Test(
        "SDIV/UDIV: 2 to 12 cycles, 2 + ⌊q / 3⌋ (Table 3-1 \"2 to 12\", early termination)",
        arguments: [
            (UInt32(7), UInt32(100), UInt64(2)),  // |n| < |m|: q = 0, the minimum
            (5, 0, 2),  // division by zero (no trap): the minimum
            (100, 7, 3),  // q = 7 − 3 + 1 = 5
            (0x0000_FFFF, 0x100, 4),  // q = 16 − 9 + 1 = 8
            (0xFFFF_FFFF, 1, 12),  // UDIV q = 32: the maximum
        ])
    func unsignedDivide(dividend: UInt32, divisor: UInt32, cycles: UInt64) {
        // udiv r2, r0, r1
        let machine = TestMachine(.m4, code: TestMachine.wide(0xFBB0_F2F1))
        machine.setRegister(0, dividend)
        machine.setRegister(1, divisor)
        #expect(machine.run() == .breakpoint(pc: TestMachine.codeAddress + 4, immediate: 0))
        #expect(machine.cycles == cycles)
    }

    @Test(
        "SDIV counts the magnitudes' quotient bits: 2 to 12 cycles",
        arguments: [
            (UInt32(0xFFFF_FFF9), UInt32(100), UInt64(2)),  // |−7| < 100: q = 0
            (0x8000_0000, 1, 12),  // |INT_MIN| = 2^31 over 1: q = 32, the maximum
            (0x8000_0000, 0xFFFF_FFFF, 12),  // INT_MIN / −1: q = 32
            (0xFFFF_FF9C, 7, 3),  // |−100| / 7: q = 5
        ])
    func signedDivide(dividend: UInt32, divisor: UInt32, cycles: UInt64) {
        // sdiv r2, r0, r1
        let machine = TestMachine(.m4, code: TestMachine.wide(0xFB90_F2F1))
        machine.setRegister(0, dividend)
        machine.setRegister(1, divisor)
        #expect(machine.run() == .breakpoint(pc: TestMachine.codeAddress + 4, immediate: 0))
        #expect(machine.cycles == cycles)
    }
}
