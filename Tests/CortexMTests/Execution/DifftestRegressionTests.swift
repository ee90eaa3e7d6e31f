import Testing
@testable import CortexM

/// Regression tests from the differential testing against Unicorn
/// (firmware/tools/difftest/, docs/difftest.md), one per divergence found.
///
/// Each test is named after the rule the divergence was about and written by hand from
/// the Arm pseudocode, never from either simulator's output. Divergences where armsim was
/// right and the oracle wrong (firmware/tools/difftest/known_oracle_bugs.md, `OB-n`) are
/// pinned here too, so that armsim is never "fixed" to match the oracle.
@Suite("Differential-test regressions")
struct DifftestRegressionTests {
    static let code = TestMachine.codeAddress

    /// OB-1: YIELD is a NOP-compatible hint (DDI 0419 A6.7.76); Unicorn stops with
    /// UC_ERR_INSN_INVALID on it, QEMU and armsim run on.
    @Test("YIELD executes as a NOP on ARMv6-M (known oracle bug OB-1)")
    func yieldIsANop() {
        // MOVS r0, #1; YIELD; MOVS r1, #2; BKPT #0
        let machine = TestMachine(.m0, code: [0x2001, 0xBF10, 0x2102])
        let stop = machine.run()
        #expect(stop == .breakpoint(pc: Self.code + 6, immediate: 0))
        #expect(machine.register(0) == 1)
        #expect(machine.register(1) == 2)
    }

    /// OB-2: ARMv6-M has no Q flag. MSR writes `APSR<31:28> = R[n]<31:28>` (DDI 0419
    /// B4.2.3) and MRS reads `APSR<31:28>` with the other APSR bits zero (B4.2.2), so bit
    /// 27 of the source never comes back; Unicorn and QEMU keep it.
    @Test("MSR APSR ignores bit 27 on ARMv6-M, and MRS APSR reads it as zero (known oracle bug OB-2)")
    func msrAPSRIgnoresBit27OnARMv6M() {
        // MOVS r0, #1; LSLS r0, r0, #27; MSR APSR, r0; MRS r1, APSR; BKPT #0
        let machine = TestMachine(.m0, code: [0x2001, 0x06C0, 0xF380, 0x8800, 0xF3EF, 0x8100])
        machine.run()
        #expect(machine.register(1) == 0)
        #expect(machine.core.xpsr & 0xF800_0000 == 0)
    }

    /// OB-3: VCVT from fixed point to single precision rounds to nearest whatever
    /// FPSCR.RMode says (DDI 0403 A7.7.227 VCVT (between floating-point and fixed-point):
    /// `FixedToFP(S[d]<size-1:0>, 32, frac_bits, unsigned, TRUE, TRUE)`, round_to_nearest
    /// TRUE); only the conversion to fixed point has a fixed mode (toward zero). Unicorn
    /// (QEMU) rounds with FPSCR.RMode, as ARMv8 does.
    @Test("VCVT.F32.S32 Sd, Sd, #fbits rounds to nearest even with FPSCR.RMode = RZ (known oracle bug OB-3)")
    func fixedToSingleRoundsToNearest() {
        // str r7,[r6]; dsb; isb (CP10/CP11 on); vmsr fpscr, r0; vcvt.f32.s32 s0, s0, #1; vmrs r1, fpscr
        let machine = TestMachine(
            .m4, code: [0x6037, 0xF3BF, 0x8F4F, 0xF3BF, 0x8F6F, 0xEEE1, 0x0A10, 0xEEBA, 0x0AEF, 0xEEF1, 0x1A10])
        machine.setRegister(6, 0xE000_ED88)
        machine.setRegister(7, 0x00F0_0000)
        machine.setRegister(0, 0x00C0_0000)  // RMode = 0b11, round toward zero
        machine.core.s[0] = 0x7FFF_FFFF  // 1073741823.5 as s32 with one fraction bit: between 0x4E7FFFFF and 2^30
        #expect(machine.run() == .breakpoint(pc: Self.code + 22, immediate: 0))
        #expect(machine.core.s[0] == 0x4E80_0000, "nearest is 2^30; RZ would give 0x4E7FFFFF")
        #expect(machine.register(1) == 0x00C0_0010, "RMode kept, IXC set")
    }

    /// Found by the fuzz oracle (firmware/tools/fuzz/, random code at the reset handler) and
    /// cross-checked with `qemu-system-arm -M mps2-an386`: a generic coprocessor
    /// instruction (coproc not 10 or 11, DDI 0403 A5.3.18) on the M4, which has no
    /// coprocessor but the FPU, fails `Coproc_Accepted` and raises
    /// `GenerateCoprocessorException()`: a UsageFault with UFSR.NOCP (CFSR bit 19), not
    /// UNDEFINSTR (A7.7.19 CDP, A7.7.78 MCR, B1.5.14). Fixed in `raiseUndefined`.
    @Test("CDP p0 on the M4 raises UsageFault NOCP (CFSR bit 19), not UNDEFINSTR")
    func coprocessorInstructionRaisesNOCP() {
        // CDP p0, #0, c0, c0, c0, #0 (0xEE000000); HardFault handler at 0x400: BKPT #3
        let machine = TestMachine(.m4, code: [0xEE00, 0x0000], vectors: [3: 0x400], data: [(0x400, [0x03, 0xBE])])
        #expect(machine.run() == .breakpoint(pc: 0x400, immediate: 3))
        #expect(machine.core.scs.cfsr == 1 << 19)
    }

    /// Found while cross-checking the architectural faults with `qemu-system-arm -M
    /// mps2-an386`: the System region 0xE0000000-0xFFFFFFFF (like the Peripheral and Device
    /// regions) is Execute Never in the default memory map (DDI 0403 B3.1, Table B3-1), and
    /// an instruction fetch from an XN region is a MemManage fault, MMFSR.IACCVIOL (CFSR bit
    /// 0; B3.5.1, B1.5.14), escalated to HardFault here since SHCSR.MEMFAULTENA is clear.
    /// armsim raised BusFault IBUSERR (CFSR bit 8) for every fetch from a non-executable
    /// address; `CortexMCore.faultClass` now gives IACCVIOL for XN addresses, IBUSERR only
    /// for unmapped executable ones.
    @Test("A fetch from the XN System region raises MemManage IACCVIOL (CFSR bit 0), not IBUSERR")
    func fetchFromExecuteNeverRegionIsMemManage() {
        // BX r0 with r0 = 0xE0000001; HardFault handler at 0x400: BKPT #3
        let machine = TestMachine(.m4, code: [0x4700], vectors: [3: 0x400], data: [(0x400, [0x03, 0xBE])])
        machine.setRegister(0, 0xE000_0001)
        #expect(machine.run() == .breakpoint(pc: 0x400, immediate: 3))
        #expect(machine.core.scs.cfsr == 1 << 0)
    }
}
