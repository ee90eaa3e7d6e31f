import Testing
@testable import ThumbDecoder

/// The FPv4-SP rows of the 32-bit table (DDI 0403E A5.3.18 and A6.4-A6.7): disjoint from
/// every other row, one objdump-checked sample per row, double-precision data
/// processing and the rest of the coprocessor 10/11 space UNDEFINED, and a core without
/// the FPU (Cortex-M3, M4 without F) refusing all of them.
///
/// Reference encodings and texts: GNU binutils 2.40, `arm-none-eabi-as -mcpu=cortex-m4
/// -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard`, then `arm-none-eabi-objdump -d`; the
/// three `vmov.32` scalar forms were assembled with `-mfpu=vfpv4-d16`, because binutils
/// refuses them for fpv4-sp-d16 although DDI 0403E A6.6 lists them (VMOV (ARM core
/// register to scalar), VMOV (scalar to ARM core register)). Pinned on purpose. Where
/// armsim's text differs (`armsim:`): VMOV (immediate) prints the value instead of
/// objdump's imm8 and comment, and literal VLDR prints the resolved address as `; 0x..`.
@Suite("FPv4-SP encodings")
struct FloatingPointEncodingTests {
    static let decoder = ThumbDecoder(instructionSet: [.v6M, .v7M, .v7EMDSP, .fpv4SP])
    static let decoderWithoutFPU = ThumbDecoder(instructionSet: [.v6M, .v7M, .v7EMDSP])

    static func decode(_ raw: UInt32, address: UInt32 = 0x100, with decoder: ThumbDecoder = decoder) -> Instruction {
        decoder.decode(first: UInt16(raw >> 16), second: UInt16(raw & 0xFFFF), address: address)
    }

    static func label(_ row: EncodingRow) -> String { "\(row.name) \(row.form) [\(row.pattern)]" }

    static let floatingPointOps: Set<Op> = Set(samples.map(\.op))

    // MARK: - Disjointness

    @Test("Every FPv4-SP row is disjoint from every other 32-bit row, so match order does not matter")
    func rowsAreDisjoint() {
        let rows = Encodings32.rows
        let indices = rows.indices.filter { rows[$0].level == .fpv4SP }
        #expect(indices.count == Encodings32.floatingPointRows.count)
        for i in indices {
            for j in rows.indices where j != i {
                let overlaps = (rows[i].value ^ rows[j].value) & rows[i].mask & rows[j].mask == 0
                #expect(!overlaps, "\(Self.label(rows[i])) overlaps \(Self.label(rows[j]))")
            }
        }
    }

    @Test("Every FPv4-SP row is a 32-bit pattern at level fpv4SP in the coprocessor space (bits 27:25 of the second halfword = 101)")
    func rowsAreCoprocessorRows() {
        for row in Encodings32.floatingPointRows {
            #expect(row.bitCount == 32, "\(Self.label(row))")
            #expect(row.level == .fpv4SP, "\(Self.label(row))")
            #expect(row.mask & 0xEC00_0E00 == 0xEC00_0E00 && row.value & 0xEC00_0E00 == 0xEC00_0A00, "\(Self.label(row))")
        }
    }

    // MARK: - One objdump-checked sample per row

    struct Sample: CustomTestStringConvertible, Sendable {
        var raw: UInt32
        var address: UInt32
        var objdump: String
        var op: Op
        var d: UInt8? = nil
        var n: UInt8? = nil
        var m: UInt8? = nil
        var armsim: String? = nil
        var testDescription: String { objdump }
    }

    // swift-format-ignore
    static let samples: [Sample] = [
        Sample(raw: 0xEE00_0A81, address: 0x00, objdump: "vmla.f32 s0, s1, s2", op: .vmlaF32, d: 0, n: 1, m: 2),
        Sample(raw: 0xEE42_1A6F, address: 0x04, objdump: "vmls.f32 s3, s4, s31", op: .vmlaF32, d: 3, n: 4, m: 31),
        Sample(raw: 0xEE53_2A63, address: 0x08, objdump: "vnmla.f32 s5, s6, s7", op: .vnmlaF32, d: 5, n: 6, m: 7),
        Sample(raw: 0xEE14_4A85, address: 0x0C, objdump: "vnmls.f32 s8, s9, s10", op: .vnmlaF32, d: 8, n: 9, m: 10),
        Sample(raw: 0xEE66_5A66, address: 0x10, objdump: "vnmul.f32 s11, s12, s13", op: .vnmulF32, d: 11, n: 12, m: 13),
        Sample(raw: 0xEE27_7A88, address: 0x14, objdump: "vmul.f32 s14, s15, s16", op: .vmulF32, d: 14, n: 15, m: 16),
        Sample(raw: 0xEE79_8A29, address: 0x18, objdump: "vadd.f32 s17, s18, s19", op: .vaddF32, d: 17, n: 18, m: 19),
        Sample(raw: 0xEE3A_AACB, address: 0x1C, objdump: "vsub.f32 s20, s21, s22", op: .vsubF32, d: 20, n: 21, m: 22),
        Sample(raw: 0xEECC_BA2C, address: 0x20, objdump: "vdiv.f32 s23, s24, s25", op: .vdivF32, d: 23, n: 24, m: 25),
        Sample(raw: 0xEEAD_DA8E, address: 0x24, objdump: "vfma.f32 s26, s27, s28", op: .vfmaF32, d: 26, n: 27, m: 28),
        Sample(raw: 0xEEEF_EA6F, address: 0x28, objdump: "vfms.f32 s29, s30, s31", op: .vfmaF32, d: 29, n: 30, m: 31),
        Sample(raw: 0xEE90_0AC1, address: 0x2C, objdump: "vfnma.f32 s0, s1, s2", op: .vfnmaF32, d: 0, n: 1, m: 2),
        Sample(raw: 0xEED2_1A22, address: 0x30, objdump: "vfnms.f32 s3, s4, s5", op: .vfnmaF32, d: 3, n: 4, m: 5),
        Sample(raw: 0xEEB7_3A00, address: 0x34, objdump: "vmov.f32 s6, #112 @ 0x3f800000 1.0", op: .vmovImmediateF32, d: 6, armsim: "vmov.f32 s6, #1.0"),
        Sample(raw: 0xEEFC_3A00, address: 0x38, objdump: "vmov.f32 s7, #192 @ 0xbe000000 -0.125", op: .vmovImmediateF32, d: 7, armsim: "vmov.f32 s7, #-0.125"),
        Sample(raw: 0xEEB0_4A64, address: 0x3C, objdump: "vmov.f32 s8, s9", op: .vmovRegisterF32, d: 8, m: 9),
        Sample(raw: 0xEEB0_5AE5, address: 0x40, objdump: "vabs.f32 s10, s11", op: .vabsF32, d: 10, m: 11),
        Sample(raw: 0xEEB1_6A66, address: 0x44, objdump: "vneg.f32 s12, s13", op: .vnegF32, d: 12, m: 13),
        Sample(raw: 0xEEB1_7AE7, address: 0x48, objdump: "vsqrt.f32 s14, s15", op: .vsqrtF32, d: 14, m: 15),
        Sample(raw: 0xEEB2_8A68, address: 0x4C, objdump: "vcvtb.f32.f16 s16, s17", op: .vcvtHalfToSingle, d: 16, m: 17),
        Sample(raw: 0xEEB2_9AE9, address: 0x50, objdump: "vcvtt.f32.f16 s18, s19", op: .vcvtHalfToSingle, d: 18, m: 19),
        Sample(raw: 0xEEB3_AA6A, address: 0x54, objdump: "vcvtb.f16.f32 s20, s21", op: .vcvtSingleToHalf, d: 20, m: 21),
        Sample(raw: 0xEEB3_BAEB, address: 0x58, objdump: "vcvtt.f16.f32 s22, s23", op: .vcvtSingleToHalf, d: 22, m: 23),
        Sample(raw: 0xEEB4_CA6C, address: 0x5C, objdump: "vcmp.f32 s24, s25", op: .vcmpF32, d: 24, m: 25),
        Sample(raw: 0xEEB4_DAED, address: 0x60, objdump: "vcmpe.f32 s26, s27", op: .vcmpF32, d: 26, m: 27),
        Sample(raw: 0xEEB5_EA40, address: 0x64, objdump: "vcmp.f32 s28, #0.0", op: .vcmpF32, d: 28),
        Sample(raw: 0xEEF5_EAC0, address: 0x68, objdump: "vcmpe.f32 s29, #0.0", op: .vcmpF32, d: 29),
        Sample(raw: 0xEEB8_FA6F, address: 0x6C, objdump: "vcvt.f32.u32 s30, s31", op: .vcvtIntegerToFloat, d: 30, m: 31),
        Sample(raw: 0xEEB8_0AE0, address: 0x70, objdump: "vcvt.f32.s32 s0, s1", op: .vcvtIntegerToFloat, d: 0, m: 1),
        Sample(raw: 0xEEBC_1A61, address: 0x74, objdump: "vcvtr.u32.f32 s2, s3", op: .vcvtFloatToInteger, d: 2, m: 3),
        Sample(raw: 0xEEBC_2AE2, address: 0x78, objdump: "vcvt.u32.f32 s4, s5", op: .vcvtFloatToInteger, d: 4, m: 5),
        Sample(raw: 0xEEBD_3A63, address: 0x7C, objdump: "vcvtr.s32.f32 s6, s7", op: .vcvtFloatToInteger, d: 6, m: 7),
        Sample(raw: 0xEEBD_4AE4, address: 0x80, objdump: "vcvt.s32.f32 s8, s9", op: .vcvtFloatToInteger, d: 8, m: 9),
        Sample(raw: 0xEEBA_5A66, address: 0x84, objdump: "vcvt.f32.s16 s10, s10, #3", op: .vcvtFixedToFloat, d: 10, m: 10),
        Sample(raw: 0xEEFB_5A40, address: 0x88, objdump: "vcvt.f32.u16 s11, s11, #16", op: .vcvtFixedToFloat, d: 11, m: 11),
        Sample(raw: 0xEEBA_6AEF, address: 0x8C, objdump: "vcvt.f32.s32 s12, s12, #1", op: .vcvtFixedToFloat, d: 12, m: 12),
        Sample(raw: 0xEEFB_6AC0, address: 0x90, objdump: "vcvt.f32.u32 s13, s13, #32", op: .vcvtFixedToFloat, d: 13, m: 13),
        Sample(raw: 0xEEBE_7A65, address: 0x94, objdump: "vcvt.s16.f32 s14, s14, #5", op: .vcvtFloatToFixed, d: 14, m: 14),
        Sample(raw: 0xEEFF_7A64, address: 0x98, objdump: "vcvt.u16.f32 s15, s15, #7", op: .vcvtFloatToFixed, d: 15, m: 15),
        Sample(raw: 0xEEBE_8AC6, address: 0x9C, objdump: "vcvt.s32.f32 s16, s16, #20", op: .vcvtFloatToFixed, d: 16, m: 16),
        Sample(raw: 0xEEFF_8AE0, address: 0xA0, objdump: "vcvt.u32.f32 s17, s17, #31", op: .vcvtFloatToFixed, d: 17, m: 17),
        Sample(raw: 0xEE00_2A90, address: 0xA4, objdump: "vmov s1, r2", op: .vmovCoreToSingle, d: 1, n: 2),
        Sample(raw: 0xEE12_3A10, address: 0xA8, objdump: "vmov r3, s4", op: .vmovSingleToCore, d: 3, n: 4),
        Sample(raw: 0xEEE1_7A10, address: 0xAC, objdump: "vmsr fpscr, r7", op: .vmsr, n: 7),
        Sample(raw: 0xEEF1_8A10, address: 0xB0, objdump: "vmrs r8, fpscr", op: .vmrs, d: 8),
        Sample(raw: 0xEEF1_FA10, address: 0xB4, objdump: "vmrs APSR_nzcv, fpscr", op: .vmrs, d: 15),
        Sample(raw: 0xEC41_0A11, address: 0xB8, objdump: "vmov s2, s3, r0, r1", op: .vmovCoresToSingles, d: 0, m: 2),
        Sample(raw: 0xEC53_2A1F, address: 0xBC, objdump: "vmov r2, r3, s30, s31", op: .vmovSinglesToCores, d: 2, m: 30),
        Sample(raw: 0xEC45_4B14, address: 0xC0, objdump: "vmov d4, r4, r5", op: .vmovCoresToSingles, d: 4, m: 8),
        Sample(raw: 0xEC57_6B1F, address: 0xC4, objdump: "vmov r6, r7, d15", op: .vmovSinglesToCores, d: 6, m: 30),
        Sample(raw: 0xED81_0A02, address: 0xC8, objdump: "vstr s0, [r1, #8]", op: .vstr, d: 0, n: 1),
        Sample(raw: 0xED02_1B04, address: 0xCC, objdump: "vstr d1, [r2, #-16]", op: .vstr, d: 2, n: 2),
        Sample(raw: 0xEDD4_1AFF, address: 0xD0, objdump: "vldr s3, [r4, #1020] @ 0x3fc", op: .vldr, d: 3, n: 4, armsim: "vldr s3, [r4, #1020]"),
        Sample(raw: 0xED96_5B00, address: 0xD4, objdump: "vldr d5, [r6]", op: .vldr, d: 10, n: 6),
        Sample(raw: 0xEDDF_3A0C, address: 0xD8, objdump: "vldr s7, [pc, #48] @ 10c <lit>", op: .vldr, d: 7, n: 15, armsim: "vldr s7, [pc, #48] ; 0x10c"),
        Sample(raw: 0xED9F_8B0B, address: 0xDC, objdump: "vldr d8, [pc, #44] @ 10c <lit>", op: .vldr, d: 16, n: 15, armsim: "vldr d8, [pc, #44] ; 0x10c"),
        Sample(raw: 0xEC80_0A04, address: 0xE0, objdump: "vstmia r0, {s0-s3}", op: .vstm, d: 0, n: 0),
        Sample(raw: 0xECA1_2B06, address: 0xE4, objdump: "vstmia r1!, {d2-d4}", op: .vstm, d: 4, n: 1),
        Sample(raw: 0xED62_2A01, address: 0xE8, objdump: "vstmdb r2!, {s5}", op: .vstm, d: 5, n: 2),
        Sample(raw: 0xED2D_8A10, address: 0xEC, objdump: "vpush {s16-s31}", op: .vstm, d: 16, n: 13),
        Sample(raw: 0xED2D_8B04, address: 0xF0, objdump: "vpush {d8-d9}", op: .vstm, d: 16, n: 13),
        Sample(raw: 0xEC93_2A04, address: 0xF4, objdump: "vldmia r3, {s4-s7}", op: .vldm, d: 4, n: 3),
        Sample(raw: 0xECB4_0B20, address: 0xF8, objdump: "vldmia r4!, {d0-d15}", op: .vldm, d: 0, n: 4),
        Sample(raw: 0xED75_FA01, address: 0xFC, objdump: "vldmdb r5!, {s31}", op: .vldm, d: 31, n: 5),
        Sample(raw: 0xECBD_8A10, address: 0x100, objdump: "vpop {s16-s31}", op: .vldm, d: 16, n: 13),
        Sample(raw: 0xECBD_8B02, address: 0x104, objdump: "vpop {d8}", op: .vldm, d: 16, n: 13),
        Sample(raw: 0xEE01_4B10, address: 0x00, objdump: "vmov.32 d1[0], r4", op: .vmovCoreToSingle, d: 2, n: 4),
        Sample(raw: 0xEE22_5B10, address: 0x04, objdump: "vmov.32 d2[1], r5", op: .vmovCoreToSingle, d: 5, n: 5),
        Sample(raw: 0xEE33_6B10, address: 0x08, objdump: "vmov.32 r6, d3[1]", op: .vmovSingleToCore, d: 6, n: 7),
    ]

    @Test("Each sample decodes to its op and fields and prints as objdump does", arguments: samples)
    func sample(_ sample: Sample) {
        let instruction = Self.decode(sample.raw, address: sample.address)
        #expect(instruction.op == sample.op)
        #expect(instruction.byteCount == 4)
        if let d = sample.d { #expect(instruction.d == d) }
        if let n = sample.n { #expect(instruction.n == n) }
        if let m = sample.m { #expect(instruction.m == m) }
        #expect(Disassembler.text(instruction) == (sample.armsim ?? sample.objdump))
    }

    @Test("Every FPv4-SP row has at least one sample that decodes through it")
    func everyRowHasASample() {
        for row in Encodings32.floatingPointRows {
            #expect(Self.samples.contains { row.matches($0.raw) }, "\(Self.label(row))")
        }
    }

    @Test("Decoded fields: immediates, offsets, literal addresses, fbits and option bits")
    func decodedFields() {
        #expect(Self.decode(0xEEB7_3A00).imm == 0x3F80_0000)  // VFPExpandImm(0x70) = 1.0
        #expect(Self.decode(0xED02_1B04).imm == 0 &- 16)  // vstr d1, [r2, #-16]
        #expect(Self.decode(0xED02_1B04).options & 1 == 1)
        #expect(Self.decode(0xEDDF_3A0C, address: 0xD8).imm == 0x10C)
        #expect(Self.decode(0xEEBA_5A66).imm == 3)  // s16 fbits 3
        #expect(Self.decode(0xEEFB_6AC0).imm == 32)  // u32 fbits 32
        #expect(Self.decode(0xEEFB_6AC0).options == 0b11)  // unsigned, 32-bit
        #expect(Self.decode(0xEEBD_4AE4).options == 0b10)  // vcvt.s32.f32: signed, round toward zero
        #expect(Self.decode(0xEEBC_1A61).options == 0b01)  // vcvtr.u32.f32
        #expect(Self.decode(0xEC80_0A04).imm == 4 && Self.decode(0xEC80_0A04).options == 0)
        #expect(Self.decode(0xECA1_2B06).imm == 6 && Self.decode(0xECA1_2B06).options == 0b0101)
        #expect(Self.decode(0xED2D_8A10).options == 0b1011)  // vpush: writeback, DB, alias
        #expect(Self.decode(0xECBD_8B02).options == 0b1101)  // vpop {d8}: writeback, D, alias
        #expect(Self.decode(0xEC45_4B14).a == 5)
        // VLDMIA SP without writeback and VSTMIA SP! are not the aliases.
        #expect(Disassembler.text(Self.decode(0xEC9D_0A02)) == "vldmia sp, {s0-s1}")
        #expect(Disassembler.text(Self.decode(0xECAD_0A02)) == "vstmia sp!, {s0-s1}")
    }

    // MARK: - Undefined space

    /// Double-precision data processing (sz = 1) of the same samples, the unallocated
    /// opc2 values of "other" data processing (A6.4 Table A6-2: 0110, 0111, 1001), and
    /// the UNPREDICTABLE choices listed on `floatingPointRows`.
    static let undefinedEncodings: [UInt32] = [
        0xEE30_0B01,  // vadd.f64 d0, d0, d1
        0xEE20_0B01,  // vmul.f64
        0xEE80_0B01,  // vdiv.f64
        0xEEB1_0BC1,  // vsqrt.f64
        0xEEB0_0B41,  // vmov.f64 d0, d1
        0xEEB7_0AC0,  // vcvt.f64.f32 (A6.4 opc2 = 0111)
        0xEEB7_0BC0,  // vcvt.f32.f64
        0xEEB6_0A40,  // opc2 = 0110
        0xEEB9_0A40,  // opc2 = 1001
        0xEEB4_0B40,  // vcmp.f64
        0xEEBB_0BC0,  // vcvt.f64 fixed
        0xEE00_DA10,  // vmov s0, sp
        0xEE10_FA10,  // vmov pc, s0
        0xEEF1_DA10,  // vmrs sp, fpscr
        0xEEE1_FA10,  // vmsr fpscr, pc
        0xEC51_1A10,  // vmov r1, r1, s0, s1 (Rt == Rt2)
        0xEC41_0A3F,  // vmov s31, s32, r0, r1 (Sm = 31)
        0xEC41_DA10,  // vmov s0, s1, sp, r1
        0xED0F_0A01,  // vstr s0, [pc, #-4]
        0xEC9F_0A02,  // vldmia pc, {s0-s1}
        0xEC90_0A00,  // vldmia r0, {} (empty list)
        0xEC90_FA03,  // vldmia r0, {s30-s32} (past S31)
        0xEC90_0B03,  // fldmiax (odd imm8)
        0xECD0_0B02,  // vldmia r0, {d16} (D16 does not exist)
        0xEDD0_0B00,  // vldr d16, [r0]
        0xEEFA_0A4F,  // vcvt.f32.s16 with imm4:i = 31 > 16 (fbits < 0)
        0xEC30_0A01,  // P = U = 0, W = 1: unallocated (A6.5)
        0xEDB0_0A01,  // P = U = 1, W = 1: unallocated (A6.5)
        0xEE20_0B90,  // vmov.32 d16[1], r0 (D = 1, bit 7): D16 does not exist
    ]

    @Test("Double precision, unallocated opcodes and the UNPREDICTABLE choices decode as UNDEFINED", arguments: undefinedEncodings)
    func undefined(_ raw: UInt32) {
        #expect(Self.decode(raw).op == .undefined, "0x\(String(raw, radix: 16))")
    }

    @Test("Without the FPU every sample decodes as UNDEFINED")
    func noFPU() {
        for sample in Self.samples {
            #expect(Self.decode(sample.raw, with: Self.decoderWithoutFPU).op == .undefined, "\(sample.objdump)")
        }
    }

    /// Every encoding of the coprocessor space with coproc = 101x (first halfword
    /// 0xEC00-0xEFFF, second halfword bits 11:9 = 101) decodes without a crash to an
    /// FPv4-SP op or UNDEFINED, never to another class's op. The space has 2^23 values
    /// per first-halfword quarter; a fixed-seed sample of 400,000 covers every row.
    @Test("The coprocessor 10/11 space decodes only to FPv4-SP ops or UNDEFINED")
    func coprocessorSpace() {
        var state: UInt64 = 0xC0C0
        var seen: Set<Op> = []
        for _ in 0..<400_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let random = UInt32(truncatingIfNeeded: state >> 17)
            let raw = 0xEC00_0000 | (random & 0x03FF_F1FF) | 0x0000_0A00
            let instruction = Self.decode(raw)
            #expect(instruction.op == .undefined || Self.floatingPointOps.contains(instruction.op), "0x\(String(raw, radix: 16)) → \(instruction.op)")
            if instruction.op != .undefined {
                seen.insert(instruction.op)
                _ = Disassembler.text(instruction)
            }
        }
        #expect(seen == Self.floatingPointOps)
    }
}
