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
}
