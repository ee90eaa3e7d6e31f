import Testing
@testable import CortexM

/// FPv4-SP instructions executed on the Cortex-M4F test machine (DDI 0403E A6, A7.7 V*).
///
/// Every program first enables CP10/CP11 as firmware does: `str r7, [r6]` with r6 =
/// CPACR (0xE000ED88) and r7 = 0x00F00000, then `dsb; isb` (so r6 and r7 are not used as
/// inputs). The expected values are derived by hand from the pseudocode (each test says
/// how) or are exact in IEEE arithmetic; SoftFloat32Tests checks the arithmetic itself
/// against independent oracles, so these tests check the instruction plumbing: operand
/// order, negations, chaining versus fusing, FPSCR, APSR transfer, memory and faults.
/// Encodings: arm-none-eabi-as -mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard
/// (binutils 2.40), checked with objdump.
@Suite("FPv4-SP execution")
struct FloatingPointTests {
    static let enableFPU: [UInt16] = [0x6037, 0xF3BF, 0x8F4F, 0xF3BF, 0x8F6F]  // str r7,[r6]; dsb sy; isb sy
    static let hardFaultHandler: UInt32 = 0x400  // BKPT #3

    static func machine(
        _ code: [UInt16], enable: Bool = true, s: [Int: Float] = [:], bits: [Int: UInt32] = [:],
        registers: [Int: UInt32] = [:], data: [(UInt32, [UInt8])] = [], vectors: [Int: UInt32] = [:]
    ) -> TestMachine {
        let machine = TestMachine(
            .m4, code: (enable ? enableFPU : []) + code, vectors: [3: hardFaultHandler].merging(vectors) { $1 },
            data: [(hardFaultHandler, [0x03, 0xBE])] + data)
        machine.setRegister(6, 0xE000_ED88)
        machine.setRegister(7, 0x00F0_0000)
        for (index, value) in registers { machine.setRegister(index, value) }
        for (index, value) in s { machine.core.s[index] = value.bitPattern }
        for (index, value) in bits { machine.core.s[index] = value }
        return machine
    }

    static func float(_ machine: TestMachine, _ index: Int) -> Float { Float(bitPattern: machine.core.s[index]) }

    // MARK: Access control

    @Test("Without CPACR access the first VADD raises UsageFault NOCP, escalated to HardFault (CFSR bit 19, HFSR.FORCED)")
    func noCoprocessorFault() {
        let machine = Self.machine([0xEE30, 0x1A20], enable: false, s: [0: 1, 1: 2])  // vadd.f32 s2, s0, s1
        #expect(machine.run() == .breakpoint(pc: Self.hardFaultHandler, immediate: 3))
        #expect(machine.core.scs.cfsr == 1 << 19)
        #expect(machine.core.scs.hfsr == 1 << 30)
        #expect(machine.core.s[2] == 0, "the destination is not written")
    }

    @Test("The first FP instruction sets CONTROL.FPCA (FPCCR.ASPEN is set at reset)")
    func firstInstructionSetsFPCA() {
        let machine = Self.machine([0xEE30, 0x1A20], s: [0: 1, 1: 2])
        machine.run()
        #expect(machine.core.control & 4 == 4)
        #expect(Self.float(machine, 2) == 3)
    }

    // MARK: Arithmetic

    struct Arithmetic: CustomTestStringConvertible, Sendable {
        var text: String
        var code: [UInt16]
        var s0: Float, s1: Float, s2: Float
        var expected: Float
        var testDescription: String { "\(text) with s0 = \(s0), s1 = \(s1), s2 = \(s2) gives \(expected)" }
    }

    /// Operand order and negations: s0 = 2, s1 = 3, s2 = 10 (all results exact).
    static let arithmetic: [Arithmetic] = [
        Arithmetic(text: "vadd.f32 s2, s0, s1", code: [0xEE30, 0x1A20], s0: 2, s1: 3, s2: 10, expected: 5),
        Arithmetic(text: "vsub.f32 s2, s0, s1", code: [0xEE30, 0x1A60], s0: 2, s1: 3, s2: 10, expected: -1),
        Arithmetic(text: "vmul.f32 s2, s0, s1", code: [0xEE20, 0x1A20], s0: 2, s1: 3, s2: 10, expected: 6),
        Arithmetic(text: "vnmul.f32 s2, s0, s1", code: [0xEE20, 0x1A60], s0: 2, s1: 3, s2: 10, expected: -6),
        Arithmetic(text: "vdiv.f32 s2, s0, s1", code: [0xEE80, 0x1A20], s0: 3, s1: 2, s2: 10, expected: 1.5),
        Arithmetic(text: "vsqrt.f32 s2, s0", code: [0xEEB1, 0x1AC0], s0: 2.25, s1: 3, s2: 10, expected: 1.5),
        Arithmetic(text: "vmla.f32 s2, s0, s1 (s2 + s0·s1)", code: [0xEE00, 0x1A20], s0: 2, s1: 3, s2: 10, expected: 16),
        Arithmetic(text: "vmls.f32 s2, s0, s1 (s2 − s0·s1)", code: [0xEE00, 0x1A60], s0: 2, s1: 3, s2: 10, expected: 4),
        Arithmetic(text: "vnmla.f32 s2, s0, s1 (−s2 − s0·s1)", code: [0xEE10, 0x1A60], s0: 2, s1: 3, s2: 10, expected: -16),
        Arithmetic(text: "vnmls.f32 s2, s0, s1 (−s2 + s0·s1)", code: [0xEE10, 0x1A20], s0: 2, s1: 3, s2: 10, expected: -4),
        Arithmetic(text: "vfma.f32 s2, s0, s1 (s2 + s0·s1)", code: [0xEEA0, 0x1A20], s0: 2, s1: 3, s2: 10, expected: 16),
        Arithmetic(text: "vfms.f32 s2, s0, s1 (s2 − s0·s1)", code: [0xEEA0, 0x1A60], s0: 2, s1: 3, s2: 10, expected: 4),
        Arithmetic(text: "vfnma.f32 s2, s0, s1 (−s2 − s0·s1)", code: [0xEE90, 0x1A60], s0: 2, s1: 3, s2: 10, expected: -16),
        Arithmetic(text: "vfnms.f32 s2, s0, s1 (−s2 + s0·s1)", code: [0xEE90, 0x1A20], s0: 2, s1: 3, s2: 10, expected: -4),
        Arithmetic(text: "vabs.f32 s2, s0", code: [0xEEB0, 0x1AC0], s0: -2, s1: 3, s2: 10, expected: 2),
        Arithmetic(text: "vneg.f32 s2, s0", code: [0xEEB1, 0x1A40], s0: 2, s1: 3, s2: 10, expected: -2),
        Arithmetic(text: "vmov.f32 s2, s0", code: [0xEEB0, 0x1A40], s0: -7, s1: 3, s2: 10, expected: -7),
        Arithmetic(text: "vmov.f32 s2, #-2.5", code: [0xEEB8, 0x1A04], s0: 2, s1: 3, s2: 10, expected: -2.5),
        Arithmetic(text: "vcvt.s32.f32 s2, s0 (−2.75 truncates to −2)", code: [0xEEBD, 0x1AC0], s0: -2.75, s1: 0, s2: 0, expected: Float(bitPattern: UInt32(bitPattern: -2))),
        Arithmetic(text: "vcvtr.s32.f32 s2, s0 (−2.75 rounds to −3)", code: [0xEEBD, 0x1A40], s0: -2.75, s1: 0, s2: 0, expected: Float(bitPattern: UInt32(bitPattern: -3))),
        Arithmetic(text: "vcvt.u32.f32 s2, s0 (3e9)", code: [0xEEBC, 0x1AC0], s0: 3e9, s1: 0, s2: 0, expected: Float(bitPattern: 3_000_000_000)),
        Arithmetic(text: "vcvt.f32.s32 s2, s0 (−5)", code: [0xEEB8, 0x1AC0], s0: Float(bitPattern: UInt32(bitPattern: -5)), s1: 0, s2: 0, expected: -5),
        Arithmetic(text: "vcvt.f32.u32 s2, s0 (0xFFFFFFFB)", code: [0xEEB8, 0x1A40], s0: Float(bitPattern: UInt32(bitPattern: -5)), s1: 0, s2: 0, expected: 4_294_967_296),
    ]

    @Test("Data-processing instructions read their operands in order and apply the manual's negations", arguments: arithmetic)
    func dataProcessing(_ t: Arithmetic) {
        let machine = Self.machine(t.code, s: [0: t.s0, 1: t.s1, 2: t.s2])
        machine.run()
        #expect(machine.core.s[2] == t.expected.bitPattern, "0x\(String(machine.core.s[2], radix: 16))")
    }

    /// a = b = 1 + 2^-12, s2 = −1. The product 1 + 2^-11 + 2^-24 lies halfway between
    /// two singles; round to nearest even gives 1 + 2^-11 (IXC). VMLA adds −1 to that:
    /// 2^-11 (0x3A000000). VFMA adds −1 to the exact product: 2^-11 + 2^-24
    /// (0x3A000400), exact, no IXC.
    @Test("VMLA rounds the product then the sum (two roundings); VFMA rounds once")
    func chainedVersusFused() {
        let a: UInt32 = 0x3F80_0800
        let chained = Self.machine([0xEE00, 0x1A20], bits: [0: a, 1: a, 2: 0xBF80_0000])
        chained.run()
        #expect(chained.core.s[2] == 0x3A00_0000)
        #expect(chained.core.fpscr & 0x9F == 0x10, "IXC from the rounded product")
        let fused = Self.machine([0xEEA0, 0x1A20], bits: [0: a, 1: a, 2: 0xBF80_0000])
        fused.run()
        #expect(fused.core.s[2] == 0x3A00_0400)
        #expect(fused.core.fpscr & 0x9F == 0)
    }

    @Test("VNEG and VABS change only the sign of a NaN and raise no flag; VADD quietens a signalling NaN with IOC")
    func signOperationsOnNaN() {
        // vneg.f32 s2, s0; vabs.f32 s3, s0 (eef0 1ac0); vadd.f32 s4, s0, s0 (ee30 2a00)
        let machine = Self.machine([0xEEB1, 0x1A40, 0xEEF0, 0x1AC0, 0xEE30, 0x2A00], bits: [0: 0xFF80_0001])
        machine.run()
        #expect(machine.core.s[2] == 0x7F80_0001)
        #expect(machine.core.s[3] == 0x7F80_0001)
        #expect(machine.core.s[4] == 0xFFC0_0001)
        #expect(machine.core.fpscr & 0x9F == 0x01)
    }

    // MARK: FPSCR

    @Test("VMSR writes only the FPv4-SP FPSCR bits and VMRS reads them back")
    func fpscrTransfer() {
        // vmsr fpscr, r0; vmrs r1, fpscr (eef1 1a10)
        let machine = Self.machine([0xEEE1, 0x0A10, 0xEEF1, 0x1A10], registers: [0: 0xFFFF_FFFF])
        machine.run()
        #expect(machine.register(1) == 0xF7C0_009F)
    }

    @Test("Cumulative flags: 1/0 sets DZC, max×2 adds OFC and IXC, and VMRS reads them")
    func cumulativeFlags() {
        // vdiv.f32 s2, s0, s1; vmul.f32 s3, s4, s5 (ee62 1a22); vmrs r0, fpscr
        let machine = Self.machine([0xEE80, 0x1A20, 0xEE62, 0x1A22, 0xEEF1, 0x0A10], s: [0: 1, 1: 0, 4: .greatestFiniteMagnitude, 5: 2])
        machine.run()
        #expect(machine.core.s[2] == Float.infinity.bitPattern)
        #expect(machine.core.s[3] == Float.infinity.bitPattern)
        #expect(machine.register(0) == 0x02 | 0x04 | 0x10)
    }

    @Test("VMSR selects the rounding mode: VCVTR follows it, VCVT always truncates; FZ flushes a denormal input with IDC")
    func roundingModeAndFlushToZero() {
        // vmsr fpscr, r0; vcvtr.s32.f32 s2, s0; vcvt.s32.f32 s3, s0 (eefd 1ac0); vadd.f32 s4, s5, s1 (ee32 2aa0)
        let code: [UInt16] = [0xEEE1, 0x0A10, 0xEEBD, 0x1A40, 0xEEFD, 0x1AC0, 0xEE32, 0x2AA0]
        let machine = Self.machine(code, s: [0: 2.5, 1: 1], bits: [5: 0x0000_0001], registers: [0: (1 << 24) | (1 << 22)])  // FZ, RP
        machine.run()
        #expect(machine.core.s[2] == 3, "2.5 rounded toward +∞")
        #expect(machine.core.s[3] == 2, "2.5 truncated")
        #expect(Self.float(machine, 4) == 1, "the denormal s5 is read as zero")
        #expect(machine.core.fpscr & 0x9F == 0x80 | 0x10, "IDC from the flushed input, IXC from the conversions")
    }

    @Test("The default NaN mode replaces a propagated NaN with 0x7FC00000")
    func defaultNaN() {
        // vmsr fpscr, r0; vadd.f32 s2, s0, s1
        let machine = Self.machine([0xEEE1, 0x0A10, 0xEE30, 0x1A20], bits: [0: 0xFFC1_2345, 1: 0x3F80_0000], registers: [0: 1 << 25])
        machine.run()
        #expect(machine.core.s[2] == 0x7FC0_0000)
    }

    struct Comparison: CustomTestStringConvertible, Sendable {
        var s0: UInt32, s1: UInt32
        var isSignalling: Bool
        var nzcv: String
        var r3: UInt32, r4: UInt32
        var ioc: Bool
        var testDescription: String { "\(isSignalling ? "vcmpe" : "vcmp") 0x\(String(s0, radix: 16)), 0x\(String(s1, radix: 16)) → \(nzcv)" }
    }

    /// `vcmp{e}.f32 s0, s1; vmrs APSR_nzcv, fpscr; bmi 1f; mov r3, r8; 1: mov r4, r9`
    /// with r8 = 1, r9 = 2 (MOV of high registers leaves the flags alone).
    /// Less than: N (the branch skips r3). Equal: ZC. Greater: C. Unordered: CV.
    static let comparisons: [Comparison] = [
        Comparison(s0: 0x3F80_0000, s1: 0x4000_0000, isSignalling: false, nzcv: "N---", r3: 0, r4: 2, ioc: false),
        Comparison(s0: 0x4000_0000, s1: 0x3F80_0000, isSignalling: false, nzcv: "--C-", r3: 1, r4: 2, ioc: false),
        Comparison(s0: 0x8000_0000, s1: 0x0000_0000, isSignalling: false, nzcv: "-ZC-", r3: 1, r4: 2, ioc: false),
        Comparison(s0: 0x7FC0_0000, s1: 0x0000_0000, isSignalling: false, nzcv: "--CV", r3: 1, r4: 2, ioc: false),
        Comparison(s0: 0x7FC0_0000, s1: 0x0000_0000, isSignalling: true, nzcv: "--CV", r3: 1, r4: 2, ioc: true),
        Comparison(s0: 0x7F80_0001, s1: 0x0000_0000, isSignalling: false, nzcv: "--CV", r3: 1, r4: 2, ioc: true),
        Comparison(s0: 0xFF80_0000, s1: 0xFF7F_FFFF, isSignalling: true, nzcv: "N---", r3: 0, r4: 2, ioc: false),
    ]

    @Test("VCMP/VCMPE set FPSCR.NZCV; VMRS APSR_nzcv copies them for a conditional branch", arguments: comparisons)
    func compareAndBranch(_ t: Comparison) {
        let compare: [UInt16] = t.isSignalling ? [0xEEB4, 0x0AE0] : [0xEEB4, 0x0A60]
        let machine = Self.machine(compare + [0xEEF1, 0xFA10, 0xD400, 0x4643, 0x464C], bits: [0: t.s0, 1: t.s1], registers: [8: 1, 9: 2])
        machine.run()
        #expect(machine.flags == t.nzcv)
        #expect(machine.core.fpscr >> 28 == machine.core.xpsr >> 28)
        #expect(machine.register(3) == t.r3)
        #expect(machine.register(4) == t.r4)
        #expect((machine.core.fpscr & 1 != 0) == t.ioc)
    }

    @Test("VCMP with #0.0 compares against +0")
    func compareWithZero() {
        // vcmp.f32 s0, #0.0; vmrs APSR_nzcv, fpscr
        let machine = Self.machine([0xEEB5, 0x0A40, 0xEEF1, 0xFA10], s: [0: -1])
        machine.run()
        #expect(machine.flags == "N---")
    }

    @Test("An FP instruction inside an IT block whose condition fails is skipped")
    func conditionalInITBlock() {
        // cmp r0, #1 (2801); it eq; vaddeq.f32 s0, s0, s0
        let machine = Self.machine([0x2801, 0xBF08, 0xEE30, 0x0A00], s: [0: 1], registers: [0: 0])
        machine.run()
        #expect(Self.float(machine, 0) == 1)
        let taken = Self.machine([0x2801, 0xBF08, 0xEE30, 0x0A00], s: [0: 1], registers: [0: 1])
        taken.run()
        #expect(Self.float(taken, 0) == 2)
    }

    // MARK: Conversions

    @Test("Fixed-point VCVT converts in place: S16 with 8 fraction bits is sign-extended, U16 with 4 fraction bits reads the low half")
    func fixedPoint() {
        // vcvt.s16.f32 s0, s0, #8
        let toFixed = Self.machine([0xEEBE, 0x0A44], s: [0: -1.5])
        toFixed.run()
        #expect(toFixed.core.s[0] == 0xFFFF_FE80)
        // vcvt.f32.u16 s0, s0, #4: 0xABCD0018 → 0x0018 / 16 = 1.5
        let fromFixed = Self.machine([0xEEBB, 0x0A46], bits: [0: 0xABCD_0018])
        fromFixed.run()
        #expect(Self.float(fromFixed, 0) == 1.5)
    }

    @Test("VCVTB/VCVTT write one half of the destination and keep the other; AHP selects the alternative format")
    func halfPrecision() {
        // vcvtb.f16.f32 s2, s0; vcvtt.f16.f32 s3, s0 (eef3 1ac0); vcvtt.f32.f16 s4, s5 (eeb2 2ae2)
        let machine = Self.machine([0xEEB3, 0x1A40, 0xEEF3, 0x1AC0, 0xEEB2, 0x2AE2], s: [0: 1.5], bits: [2: 0x1234_5678, 3: 0x1234_5678, 5: 0xC000_0000])
        machine.run()
        #expect(machine.core.s[2] == 0x1234_3E00)
        #expect(machine.core.s[3] == 0x3E00_5678)
        #expect(Self.float(machine, 4) == -2)
        // vmsr fpscr, r0 (AHP); vcvtb.f16.f32 s2, s0: +∞ → 0x7FFF with IOC
        let alternative = Self.machine([0xEEE1, 0x0A10, 0xEEB3, 0x1A40], bits: [0: 0x7F80_0000, 2: 0], registers: [0: 1 << 26])
        alternative.run()
        #expect(alternative.core.s[2] == 0x7FFF)
        #expect(alternative.core.fpscr & 1 == 1)
    }

    // MARK: Transfers

    @Test("VMOV between core registers and S/D registers, single and paired")
    func coreTransfers() {
        // vmov s0, r0; vmov r1, s0; vmov d1, r0, r1 (s2, s3); vmov r2, r3, d1; vmov s0, s1, r4, r5 (ec45 4a10); vmov r2, r3 ...
        let code: [UInt16] = [0xEE00, 0x0A10, 0xEE10, 0x1A10, 0xEC41, 0x0B11, 0xEC45, 0x4A10, 0xEC53, 0x2A10]
        let machine = Self.machine(code, registers: [0: 0x1111_1111, 4: 0x4444_4444, 5: 0x5555_5555])
        machine.run()
        #expect(machine.register(1) == 0x1111_1111)
        #expect(machine.core.s[2] == 0x1111_1111 && machine.core.s[3] == 0x1111_1111)
        #expect(machine.core.s[0] == 0x4444_4444 && machine.core.s[1] == 0x5555_5555)
        #expect(machine.register(2) == 0x4444_4444 && machine.register(3) == 0x5555_5555)
        // vmov d1, r0, r1; vmov r2, r3, d1: D1 = S3:S2, Rt is the low word.
        let pair = Self.machine([0xEC41, 0x0B11, 0xEC53, 0x2B11], registers: [0: 0xAAAA_0000, 1: 0xBBBB_0000])
        pair.run()
        #expect(pair.core.s[2] == 0xAAAA_0000 && pair.core.s[3] == 0xBBBB_0000)
        #expect(pair.register(2) == 0xAAAA_0000 && pair.register(3) == 0xBBBB_0000)
    }

    // MARK: Loads and stores

    static let buffer: UInt32 = 0x2000_1000
    static let bufferData: [(UInt32, [UInt8])] = [(buffer - 8, (0..<32).map { UInt8($0) })]

    static func word(_ first: UInt8) -> UInt32 {
        UInt32(first) | UInt32(first + 1) << 8 | UInt32(first + 2) << 16 | UInt32(first + 3) << 24
    }

    @Test("VLDR/VSTR of S and D registers with positive and negative offsets")
    func loadAndStoreSingle() {
        // vldr s0, [r0, #4]; vldr d1, [r0, #-8]; vstr s0, [r0, #4]... use vstr d1, [r0, #8]
        let machine = Self.machine([0xED90, 0x0A01, 0xED10, 0x1B02, 0xED80, 0x1B02], registers: [0: Self.buffer], data: Self.bufferData)
        machine.run()
        #expect(machine.core.s[0] == Self.word(12))
        #expect(machine.core.s[2] == Self.word(0) && machine.core.s[3] == Self.word(4))
        #expect(machine.word(at: Self.buffer + 8) == Self.word(0))
        #expect(machine.word(at: Self.buffer + 12) == Self.word(4))
    }

    @Test("VLDR (literal) reads from Align(PC, 4) + imm")
    func loadLiteral() {
        // at 0x10A (after the 10-byte prologue at 0x100): vldr s0, [pc, #4] → Align(0x10E, 4) + 4 = 0x110
        // vldr s0, [pc, #4]; b.n 0x114 (e001) over the literal word 0x12345678 at 0x110.
        let code: [UInt16] = [0xED9F, 0x0A01, 0xE001, 0x5678, 0x1234]
        let machine = Self.machine(code)
        machine.run()
        #expect(machine.core.s[0] == 0x1234_5678)
    }

    @Test("An unaligned VLDR raises UsageFault UNALIGNED (MemA, CFSR bit 24)")
    func unalignedLoadFaults() {
        let machine = Self.machine([0xED90, 0x0A01], registers: [0: Self.buffer + 2], data: Self.bufferData)
        #expect(machine.run() == .breakpoint(pc: Self.hardFaultHandler, immediate: 3))
        #expect(machine.core.scs.cfsr == 1 << 24)
    }

    @Test("VLDMIA with writeback, VSTMDB with writeback, VPUSH and VPOP")
    func loadAndStoreMultiple() {
        // vldmia r0!, {s0-s3}; vstmdb r1!, {d0-d1} (ed21 0b04); vpush {s16-s31}; vpop {d8}
        let code: [UInt16] = [0xECB0, 0x0A04, 0xED21, 0x0B04, 0xED2D, 0x8A10, 0xECBD, 0x8B02]
        var bits: [Int: UInt32] = [:]
        for index in 16..<32 { bits[index] = UInt32(index) * 0x0101_0101 }
        let machine = Self.machine(code, bits: bits, registers: [0: Self.buffer, 1: Self.buffer + 0x100], data: Self.bufferData)
        let stackTop = machine.register(13)
        machine.run()
        #expect(machine.register(0) == Self.buffer + 16)
        for index in 0..<4 { #expect(machine.core.s[index] == Self.word(UInt8(8 + 4 * index))) }
        #expect(machine.register(1) == Self.buffer + 0x100 - 16)
        for index in 0..<4 { #expect(machine.word(at: Self.buffer + 0x100 - 16 + UInt32(4 * index)) == Self.word(UInt8(8 + 4 * index))) }
        // VPUSH stored S16..S31 below SP; VPOP {d8} reloaded S16, S17 and raised SP by 8.
        #expect(machine.register(13) == stackTop - 64 + 8)
        #expect(machine.word(at: stackTop - 64) == 0x1010_1010)
        #expect(machine.word(at: stackTop - 4) == 0x1F1F_1F1F)
        #expect(machine.core.s[16] == 16 * 0x0101_0101 && machine.core.s[17] == 17 * 0x0101_0101)
    }

    // MARK: Lazy state preservation

    /// Thread code uses the FPU (FPCA = 1) then calls SVC: the entry reserves the FP
    /// frame (FPCCR.LSPACT, FPCAR) without storing it. The handler's first FP
    /// instruction stores S0–S15 and FPSCR at FPCAR, clears LSPACT and then executes
    /// (DDI 0403E B1.5.7, B3.2.21).
    @Test("An FP instruction in a handler entered from FP-using thread code stores S0-S15 and FPSCR at FPCAR first")
    func lazyStackingOnFirstHandlerInstruction() {
        // thread: vmov.f32 s4, #1.0; svc #0 — handler at 0x440: vadd.f32 s0, s0, s0; bkpt #11
        var bits: [Int: UInt32] = [:]
        for index in 0..<16 { bits[index] = 0x4000_0000 + UInt32(index) }
        let handler: [UInt8] = [0x30, 0xEE, 0x00, 0x0A, 0x0B, 0xBE]
        let machine = Self.machine([0xEEB7, 0x2A00, 0xDF00], bits: bits, data: [(0x440, handler)], vectors: [11: 0x440])
        #expect(machine.run() == .breakpoint(pc: 0x444, immediate: 11))
        let frame = TestMachine.sramBase + TestMachine.sramSize - 0x68
        #expect(machine.core.scs.fpcar == frame + 0x20)
        #expect(machine.core.scs.fpccr & 1 == 0, "LSPACT cleared by the preservation")
        #expect(machine.word(at: frame + 0x20) == 0x4000_0000, "S0 before the handler's VADD")
        #expect(machine.word(at: frame + 0x20 + 4 * 4) == 0x3F80_0000, "S4 as the thread left it")
        #expect(machine.word(at: frame + 0x20 + 15 * 4) == 0x4000_000F, "S15")
        #expect(machine.core.s[0] != 0x4000_0000, "the handler's VADD ran after the store")
        #expect(machine.core.control & 4 == 4, "the handler now has its own FP context")
    }
}
