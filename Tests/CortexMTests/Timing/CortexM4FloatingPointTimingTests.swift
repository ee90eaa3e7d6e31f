import Testing
@testable import CortexM

/// FPU cycle counts on the Cortex-M4F: Cortex-M4 TRM r0p1 (DDI 0439) §7.2.3 Table 7-1
/// "FPU instruction set" (summarised in /work/shared/reference/cycles-m4.md, "FPv4-SP FPU
/// timing"), with zero-wait-state memory.
///
/// Each expected count is the Table 7-1 row, derived by hand, never copied from armsim.
/// CP10/CP11 are enabled through CPACR before the run (what `str` to 0xE000ED88 does), so
/// the count holds only the instructions under test; the first FP instruction's FPCA
/// update costs nothing (no lazy state is pending).
@Suite("Cortex-M4 FPU timing (TRM Table 7-1)")
struct CortexM4FloatingPointTimingTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var row: String
        var code: [UInt16]
        var cycles: UInt64
        var testDescription: String { "\(row): \(cycles)" }
    }

    // Encodings: arm-none-eabi-as -mcpu=cortex-m4 -mfpu=fpv4-sp-d16 (binutils 2.40).
    static let rows: [Row] = [
        Row(row: "VADD.F32 s2, s0, s1", code: [0xEE30, 0x1A20], cycles: 1),
        Row(row: "VSUB.F32 s2, s0, s1", code: [0xEE30, 0x1A60], cycles: 1),
        Row(row: "VMUL.F32 s2, s0, s1", code: [0xEE20, 0x1A20], cycles: 1),
        Row(row: "VNMUL.F32 s2, s0, s1", code: [0xEE20, 0x1A60], cycles: 1),
        Row(row: "VABS.F32 s2, s0", code: [0xEEB0, 0x1AC0], cycles: 1),
        Row(row: "VNEG.F32 s2, s0", code: [0xEEB1, 0x1A40], cycles: 1),
        Row(row: "VCMP.F32 s0, s1", code: [0xEEB4, 0x0A60], cycles: 1),
        Row(row: "VCMPE.F32 s0, #0.0", code: [0xEEB5, 0x0AC0], cycles: 1),
        Row(row: "VCVT.S32.F32 s2, s0", code: [0xEEBD, 0x1AC0], cycles: 1),
        Row(row: "VCVTR.S32.F32 s2, s0", code: [0xEEBD, 0x1A40], cycles: 1),
        Row(row: "VCVT.F32.U32 s2, s0", code: [0xEEB8, 0x1A40], cycles: 1),
        Row(row: "VCVT.S16.F32 s0, s0, #8", code: [0xEEBE, 0x0A44], cycles: 1),
        Row(row: "VCVTB.F16.F32 s2, s0", code: [0xEEB3, 0x1A40], cycles: 1),
        Row(row: "VCVTT.F32.F16 s2, s0", code: [0xEEB2, 0x1AC0], cycles: 1),
        Row(row: "VMOV.F32 s2, #-2.5", code: [0xEEB8, 0x1A04], cycles: 1),
        Row(row: "VMOV.F32 s2, s0", code: [0xEEB0, 0x1A40], cycles: 1),
        Row(row: "VMOV s0, r0", code: [0xEE00, 0x0A10], cycles: 1),
        Row(row: "VMOV r1, s0", code: [0xEE10, 0x1A10], cycles: 1),
        Row(row: "VMRS r0, FPSCR", code: [0xEEF1, 0x0A10], cycles: 1),
        Row(row: "VMRS APSR_nzcv, FPSCR", code: [0xEEF1, 0xFA10], cycles: 1),
        Row(row: "VMSR FPSCR, r0", code: [0xEEE1, 0x0A10], cycles: 1),
        Row(row: "VMLA.F32 s2, s0, s1", code: [0xEE00, 0x1A20], cycles: 3),
        Row(row: "VMLS.F32 s2, s0, s1", code: [0xEE00, 0x1A60], cycles: 3),
        Row(row: "VNMLA.F32 s2, s0, s1", code: [0xEE10, 0x1A60], cycles: 3),
        Row(row: "VNMLS.F32 s2, s0, s1", code: [0xEE10, 0x1A20], cycles: 3),
        Row(row: "VFMA.F32 s2, s0, s1", code: [0xEEA0, 0x1A20], cycles: 3),
        Row(row: "VFMS.F32 s2, s0, s1", code: [0xEEA0, 0x1A60], cycles: 3),
        Row(row: "VFNMA.F32 s2, s0, s1", code: [0xEE90, 0x1A60], cycles: 3),
        Row(row: "VFNMS.F32 s2, s0, s1", code: [0xEE90, 0x1A20], cycles: 3),
        Row(row: "VDIV.F32 s2, s0, s1", code: [0xEE80, 0x1A20], cycles: 14),
        Row(row: "VSQRT.F32 s2, s0", code: [0xEEB1, 0x1AC0], cycles: 14),
        Row(row: "VLDR.F32 s0, [r2, #4]", code: [0xED92, 0x0A01], cycles: 2),
        Row(row: "VLDR.F64 d1, [r2, #-8]", code: [0xED12, 0x1B02], cycles: 3),
        Row(row: "VSTR.F32 s0, [r2, #4]", code: [0xED82, 0x0A01], cycles: 2),
        Row(row: "VSTR.F64 d1, [r2, #8]", code: [0xED82, 0x1B02], cycles: 3),
        // 1+N, N = number of 32-bit registers moved.
        Row(row: "VLDMIA r2!, {s0-s3} (1+4)", code: [0xECB2, 0x0A04], cycles: 5),
        Row(row: "VSTMDB r2!, {d0-d1} (1+4)", code: [0xED22, 0x0B04], cycles: 5),
        Row(row: "VLDMIA r2, {s4} (1+1)", code: [0xEC92, 0x2A01], cycles: 2),
        Row(row: "VPUSH {s16-s31} (1+16)", code: [0xED2D, 0x8A10], cycles: 17),
        Row(row: "VPOP {d8} (1+2)", code: [0xECBD, 0x8B02], cycles: 3),
        // Two core registers <-> two S registers or a D register: 2.
        Row(row: "VMOV s0, s1, r0, r1", code: [0xEC41, 0x0A10], cycles: 2),
        Row(row: "VMOV r2, r3, s0, s1", code: [0xEC53, 0x2A10], cycles: 2),
        Row(row: "VMOV d1, r0, r1", code: [0xEC41, 0x0B11], cycles: 2),
        Row(row: "VMOV r2, r3, d1", code: [0xEC53, 0x2B11], cycles: 2),
    ]

    static func run(_ code: [UInt16]) -> TestMachine {
        let machine = TestMachine(.m4, code: code)
        machine.core.scs.cpacr = 0x00F0_0000
        machine.core.updateFloatingPointReady()
        machine.setRegister(2, 0x2000_1000)
        machine.setRegister(13, 0x2000_8000)  // VPOP reads above SP
        machine.core.s[0] = Float(2.25).bitPattern
        machine.core.s[1] = Float(1.5).bitPattern
        return machine
    }

    @Test("Each FPU instruction costs its Table 7-1 row", arguments: rows)
    func row(_ row: Row) {
        let machine = Self.run(row.code)
        #expect(machine.run() == .breakpoint(pc: TestMachine.codeAddress + UInt32(row.code.count * 2), immediate: 0))
        #expect(machine.cycles == row.cycles)
    }

    @Test("A sequence adds its rows: VLDR.F32 2 + VMLA 3 + VDIV 14 + VSTR.F32 2 + VMOV r0, s2 1 = 22")
    func sequence() {
        // vldr s0, [r2]; vmla.f32 s2, s0, s1; vdiv.f32 s3, s2, s0 (eec1 1a00); vstr s3, [r2] (edc2 1a00); vmov r0, s2 (ee11 0a10)
        let machine = Self.run([0xED92, 0x0A00, 0xEE00, 0x1A20, 0xEEC1, 0x1A00, 0xEDC2, 0x1A00, 0xEE11, 0x0A10])
        machine.run()
        #expect(machine.cycles == 2 + 3 + 14 + 2 + 1)
    }

    @Test("An FP instruction whose IT condition fails costs 1 cycle, not its row")
    func skippedInITBlock() {
        // cmp r0, #1 (1); it eq (1); vdiveq.f32 s2, s0, s1 skipped (1)
        let machine = Self.run([0x2801, 0xBF08, 0xEE80, 0x1A20])
        machine.run()
        #expect(machine.cycles == 3)
    }
}
