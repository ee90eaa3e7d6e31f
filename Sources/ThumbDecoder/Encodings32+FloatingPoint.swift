extension Encodings32 {
    /// FPv4-SP floating-point encodings, DDI 0403E A5.3.18 "Coprocessor instructions"
    /// (coproc 101x) and chapter A6: data processing (A6.4, Table A6-1 and A6-2), extension
    /// register load/store (A6.5, Table A6-3), 32-bit transfers (A6.6, Table A6-4) and
    /// 64-bit transfers (A6.7).
    ///
    /// FPv4-SP is single precision only: every data-processing row fixes sz (bit 8) to 0,
    /// so the double-precision forms match no row and decode as UNDEFINED, as on the M4.
    /// The loads, stores and moves of D registers exist (they move two S registers).
    ///
    /// Rows are disjoint from each other and from every other 32-bit row.
    ///
    /// UNPREDICTABLE choices (DDI 0403E A7.7, each instruction's decode), all decoded as
    /// UNDEFINED, which the manual permits: Rt (or Rt2) = SP or PC in VMOV/VMSR (except
    /// VMRS APSR_nzcv), Rt = SP in VMRS, Rt == Rt2 in a VMOV to core registers, Sm = S31
    /// in the two-register VMOV, Rn = PC in VSTR/VLDM/VSTM, an empty or out-of-range
    /// register list, D registers D16–D31 (absent on FPv4-SP-D16), odd imm8 in a
    /// doubleword VLDM/VSTM (FLDMX/FSTMX), fbits < 0 in a 16-bit fixed-point VCVT.
    /// Should-be bits (bit 8 of VCVTB/VCVTT, the zero bits of VMOV/VMRS/VMSR/VCMP #0)
    /// are ignored, as for every row.
    public static let floatingPointRows: [EncodingRow] =
        floatingPointDataProcessingRows + floatingPointLoadStoreRows + floatingPointTransferRows

    /// A6.4: `111011101 D opc1 ... | Vd 101 sz opc3 ... Vm`.
    static let floatingPointDataProcessingRows: [EncodingRow] = [
        fpThree("VMLA, VMLS", "A7.7 VMLA, VMLS", .vmlaF32, "111011100 D:1 00 Vn:4 | Vd:4 1010 N:1 op:1 M:1 0 Vm:4", optionBit: 6),
        fpThree("VNMLA, VNMLS", "A7.7 VNMLA, VNMLS, VNMUL", .vnmlaF32, "111011100 D:1 01 Vn:4 | Vd:4 1010 N:1 op:1 M:1 0 Vm:4", optionBit: 6),
        fpThree("VMUL", "A7.7 VMUL", .vmulF32, "111011100 D:1 10 Vn:4 | Vd:4 1010 N:1 0 M:1 0 Vm:4"),
        fpThree("VNMUL", "A7.7 VNMLA, VNMLS, VNMUL", .vnmulF32, "111011100 D:1 10 Vn:4 | Vd:4 1010 N:1 1 M:1 0 Vm:4", form: "T2"),
        fpThree("VADD", "A7.7 VADD", .vaddF32, "111011100 D:1 11 Vn:4 | Vd:4 1010 N:1 0 M:1 0 Vm:4"),
        fpThree("VSUB", "A7.7 VSUB", .vsubF32, "111011100 D:1 11 Vn:4 | Vd:4 1010 N:1 1 M:1 0 Vm:4"),
        fpThree("VDIV", "A7.7 VDIV", .vdivF32, "111011101 D:1 00 Vn:4 | Vd:4 1010 N:1 0 M:1 0 Vm:4"),
        fpThree("VFNMA, VFNMS", "A7.7 VFNMA, VFNMS", .vfnmaF32, "111011101 D:1 01 Vn:4 | Vd:4 1010 N:1 op:1 M:1 0 Vm:4", optionBit: 6),
        fpThree("VFMA, VFMS", "A7.7 VFMA, VFMS", .vfmaF32, "111011101 D:1 10 Vn:4 | Vd:4 1010 N:1 op:1 M:1 0 Vm:4", optionBit: 6),
        EncodingRow("VMOV (immediate)", "T1", "DDI0403 A7.7 VMOV (immediate)", .fpv4SP, "111011101 D:1 11 imm4H:4 | Vd:4 1010 (0) 0 (0) 0 imm4L:4", { raw, _ in
            let imm8 = bits(raw, 16, 4) << 4 | bits(raw, 0, 4)
            return Instruction(op: .vmovImmediateF32, d: fpVd(raw), byteCount: 4, imm: floatingPointExpandImmediate(imm8), raw: raw)
        }),
        fpTwo("VMOV (register)", "A7.7 VMOV (register)", .vmovRegisterF32, "111011101 D:1 11 0000 | Vd:4 1010 0 1 M:1 0 Vm:4"),
        fpTwo("VABS", "A7.7 VABS", .vabsF32, "111011101 D:1 11 0000 | Vd:4 1010 1 1 M:1 0 Vm:4"),
        fpTwo("VNEG", "A7.7 VNEG", .vnegF32, "111011101 D:1 11 0001 | Vd:4 1010 0 1 M:1 0 Vm:4"),
        fpTwo("VSQRT", "A7.7 VSQRT", .vsqrtF32, "111011101 D:1 11 0001 | Vd:4 1010 1 1 M:1 0 Vm:4"),
        fpTwo("VCVTB, VCVTT (half to single)", "A7.7 VCVTB, VCVTT", .vcvtHalfToSingle, "111011101 D:1 11 0010 | Vd:4 101 (0) T:1 1 M:1 0 Vm:4", optionBit: 7),
        fpTwo("VCVTB, VCVTT (single to half)", "A7.7 VCVTB, VCVTT", .vcvtSingleToHalf, "111011101 D:1 11 0011 | Vd:4 101 (0) T:1 1 M:1 0 Vm:4", optionBit: 7),
        fpTwo("VCMP, VCMPE", "A7.7 VCMP, VCMPE", .vcmpF32, "111011101 D:1 11 0100 | Vd:4 1010 E:1 1 M:1 0 Vm:4", optionBit: 7),
        EncodingRow("VCMP, VCMPE", "T2", "DDI0403 A7.7 VCMP, VCMPE", .fpv4SP, "111011101 D:1 11 0101 | Vd:4 1010 E:1 1 (0) 0 (0)(0)(0)(0)", { raw, _ in
            Instruction(op: .vcmpF32, d: fpVd(raw), options: UInt8(bits(raw, 7, 1)) | 2, byteCount: 4, raw: raw)
        }),
        // opc2 = 000: integer to floating point; op (bit 7) = 1 signed.
        EncodingRow("VCVT (integer to floating-point)", "T1", "DDI0403 A7.7 VCVT, VCVTR (between floating-point and integer)", .fpv4SP, "111011101 D:1 111 000 | Vd:4 1010 op:1 1 M:1 0 Vm:4", { raw, _ in
            Instruction(op: .vcvtIntegerToFloat, d: fpVd(raw), m: fpVm(raw), options: UInt8(bits(raw, 7, 1) ^ 1), byteCount: 4, raw: raw)
        }),
        // opc2 = 10x: floating point to integer, bit 16 = 1 signed; op (bit 7) = 1 VCVT
        // (round toward zero), 0 VCVTR (FPSCR rounding).
        EncodingRow("VCVT, VCVTR (floating-point to integer)", "T1", "DDI0403 A7.7 VCVT, VCVTR (between floating-point and integer)", .fpv4SP, "111011101 D:1 111 10 s:1 | Vd:4 1010 op:1 1 M:1 0 Vm:4", { raw, _ in
            let options = UInt8(bits(raw, 16, 1) ^ 1) | UInt8(bits(raw, 7, 1)) << 1
            return Instruction(op: .vcvtFloatToInteger, d: fpVd(raw), m: fpVm(raw), options: options, byteCount: 4, raw: raw)
        }),
        // `111011101 D 111 op 1 U | Vd 101 sf sx 1 i 0 imm4`: op = 1 to fixed; sx = 1
        // 32-bit; frac_bits = size − imm4:i.
        EncodingRow("VCVT (between floating-point and fixed-point)", "T1", "DDI0403 A7.7 VCVT (between floating-point and fixed-point)", .fpv4SP, "111011101 D:1 111 op:1 1 U:1 | Vd:4 1010 sx:1 1 i:1 0 imm4:4", { raw, _ in
            let size: UInt32 = bits(raw, 7, 1) == 1 ? 32 : 16
            let immediate = bits(raw, 0, 4) << 1 | bits(raw, 5, 1)
            guard immediate <= size else { return .undefined(raw: raw, byteCount: 4) }
            let options = UInt8(bits(raw, 16, 1)) | UInt8(bits(raw, 7, 1)) << 1
            let op: Op = bits(raw, 18, 1) == 1 ? .vcvtFloatToFixed : .vcvtFixedToFloat
            return Instruction(op: op, d: fpVd(raw), m: fpVd(raw), options: options, byteCount: 4, imm: size - immediate, raw: raw)
        }),
    ]

    /// A6.5: `1110110 P U D W L Rn | Vd 101 sz imm8`.
    static let floatingPointLoadStoreRows: [EncodingRow] = [
        // VPUSH is VSTMDB SP! and VPOP is VLDMIA SP! (A7.7 VPUSH, VPOP: the same
        // encodings with Rn = 13); the decode marks them so they print as the aliases.
        fpMultiple("VSTM (increment after)", "A7.7 VSTM", .vstm, "1110110 0 1 D:1 W:1 0 Rn:4 | Vd:4 101 sz:1 imm8:8", options: 0),
        fpMultiple("VSTM (decrement before)", "A7.7 VSTM", .vstm, "1110110 1 0 D:1 1 0 Rn:4 | Vd:4 101 sz:1 imm8:8", options: 0b0011),
        fpMultiple("VLDM (increment after)", "A7.7 VLDM", .vldm, "1110110 0 1 D:1 W:1 1 Rn:4 | Vd:4 101 sz:1 imm8:8", options: 0),
        fpMultiple("VLDM (decrement before)", "A7.7 VLDM", .vldm, "1110110 1 0 D:1 1 1 Rn:4 | Vd:4 101 sz:1 imm8:8", options: 0b0011),
        EncodingRow("VSTR", "T1/T2", "DDI0403 A7.7 VSTR", .fpv4SP, "1110110 1 U:1 D:1 0 0 Rn:4 | Vd:4 101 sz:1 imm8:8", { raw, address in
            fpSingle(raw, address, op: .vstr)
        }),
        EncodingRow("VLDR", "T1/T2", "DDI0403 A7.7 VLDR", .fpv4SP, "1110110 1 U:1 D:1 0 1 Rn:4 | Vd:4 101 sz:1 imm8:8", { raw, address in
            fpSingle(raw, address, op: .vldr)
        }),
    ]

    /// A6.6 and A6.7: transfers between core and extension registers.
    static let floatingPointTransferRows: [EncodingRow] = [
        EncodingRow("VMOV (ARM core register to single-precision register)", "T1", "DDI0403 A7.7 VMOV (between ARM core register and single-precision register)", .fpv4SP, "11101110 000 0 Vn:4 | Rt:4 1010 N:1 (0)(0) 1 (0)(0)(0)(0)", { raw, _ in
            let t = register(raw, 12, 4)
            guard t != 13 && t != 15 else { return .undefined(raw: raw, byteCount: 4) }
            return Instruction(op: .vmovCoreToSingle, d: fpVn(raw), n: t, byteCount: 4, raw: raw)
        }),
        EncodingRow("VMOV (single-precision register to ARM core register)", "T1", "DDI0403 A7.7 VMOV (between ARM core register and single-precision register)", .fpv4SP, "11101110 000 1 Vn:4 | Rt:4 1010 N:1 (0)(0) 1 (0)(0)(0)(0)", { raw, _ in
            let t = register(raw, 12, 4)
            guard t != 13 && t != 15 else { return .undefined(raw: raw, byteCount: 4) }
            return Instruction(op: .vmovSingleToCore, d: t, n: fpVn(raw), byteCount: 4, raw: raw)
        }),
        // 32-bit scalars only (opc1<1> = 0, opc2 = 00); x = bit 21 selects the half of Dd.
        EncodingRow("VMOV (ARM core register to scalar)", "T1", "DDI0403 A7.7 VMOV (ARM core register to scalar)", .fpv4SP, "11101110 0 0 x:1 0 Vd:4 | Rt:4 1011 D:1 0 0 1 (0)(0)(0)(0)", { raw, _ in
            let t = register(raw, 12, 4)
            guard t != 13 && t != 15, bits(raw, 7, 1) == 0 else { return .undefined(raw: raw, byteCount: 4) }
            return Instruction(op: .vmovCoreToSingle, d: UInt8(bits(raw, 16, 4) << 1 | bits(raw, 21, 1)), n: t, byteCount: 4, raw: raw)
        }),
        EncodingRow("VMOV (scalar to ARM core register)", "T1", "DDI0403 A7.7 VMOV (scalar to ARM core register)", .fpv4SP, "11101110 0 0 x:1 1 Vn:4 | Rt:4 1011 N:1 0 0 1 (0)(0)(0)(0)", { raw, _ in
            let t = register(raw, 12, 4)
            guard t != 13 && t != 15, bits(raw, 7, 1) == 0 else { return .undefined(raw: raw, byteCount: 4) }
            return Instruction(op: .vmovSingleToCore, d: t, n: UInt8(bits(raw, 16, 4) << 1 | bits(raw, 21, 1)), byteCount: 4, raw: raw)
        }),
        EncodingRow("VMSR", "T1", "DDI0403 A7.7 VMSR", .fpv4SP, "11101110 1110 0001 | Rt:4 1010 (0)(0)(0) 1 (0)(0)(0)(0)", { raw, _ in
            let t = register(raw, 12, 4)
            guard t != 13 && t != 15 else { return .undefined(raw: raw, byteCount: 4) }
            return Instruction(op: .vmsr, n: t, byteCount: 4, raw: raw)
        }),
        EncodingRow("VMRS", "T1", "DDI0403 A7.7 VMRS", .fpv4SP, "11101110 1111 0001 | Rt:4 1010 (0)(0)(0) 1 (0)(0)(0)(0)", { raw, _ in
            let t = register(raw, 12, 4)
            guard t != 13 else { return .undefined(raw: raw, byteCount: 4) }
            return Instruction(op: .vmrs, d: t, byteCount: 4, raw: raw)
        }),
        fpPair("VMOV (between two ARM core registers and two single-precision registers)", .vmovCoresToSingles, "11101100 010 0 Rt2:4 | Rt:4 1010 00 M:1 1 Vm:4"),
        fpPair("VMOV (between two ARM core registers and two single-precision registers)", .vmovSinglesToCores, "11101100 010 1 Rt2:4 | Rt:4 1010 00 M:1 1 Vm:4"),
        fpPair("VMOV (between two ARM core registers and a doubleword register)", .vmovCoresToSingles, "11101100 010 0 Rt2:4 | Rt:4 1011 00 M:1 1 Vm:4"),
        fpPair("VMOV (between two ARM core registers and a doubleword register)", .vmovSinglesToCores, "11101100 010 1 Rt2:4 | Rt:4 1011 00 M:1 1 Vm:4"),
    ]

    // MARK: Field extraction

    /// S register Vd:D (bits 15:12, 22).
    @inline(__always) static func fpVd(_ raw: UInt32) -> UInt8 { UInt8(bits(raw, 12, 4) << 1 | bits(raw, 22, 1)) }
    /// S register Vn:N (bits 19:16, 7).
    @inline(__always) static func fpVn(_ raw: UInt32) -> UInt8 { UInt8(bits(raw, 16, 4) << 1 | bits(raw, 7, 1)) }
    /// S register Vm:M (bits 3:0, 5).
    @inline(__always) static func fpVm(_ raw: UInt32) -> UInt8 { UInt8(bits(raw, 0, 4) << 1 | bits(raw, 5, 1)) }

    /// VFPExpandImm (DDI 0403E A6.4.1) for 32 bits: sign = imm8<7>,
    /// exponent = NOT(imm8<6>) : Replicate(imm8<6>, 5) : imm8<5:4>, fraction = imm8<3:0> : Zeros(19).
    static func floatingPointExpandImmediate(_ imm8: UInt32) -> UInt32 {
        let b = (imm8 >> 6) & 1
        let exponent = (b ^ 1) << 7 | (b == 1 ? 0b11111 : 0) << 2 | (imm8 >> 4) & 3
        return (imm8 >> 7) << 31 | exponent << 23 | (imm8 & 0xF) << 19
    }

    // MARK: Row builders

    /// A three-register single-precision row; `optionBit` is copied into options bit 0.
    static func fpThree(_ name: String, _ section: String, _ op: Op, _ pattern: String, optionBit: Int? = nil, form: String = "T1") -> EncodingRow {
        EncodingRow(name, form, "DDI0403 " + section, .fpv4SP, pattern) { raw, _ in
            let options = optionBit.map { UInt8(bits(raw, $0, 1)) } ?? 0
            return Instruction(op: op, d: fpVd(raw), n: fpVn(raw), m: fpVm(raw), options: options, byteCount: 4, raw: raw)
        }
    }

    /// A two-register (Sd, Sm) single-precision row.
    static func fpTwo(_ name: String, _ section: String, _ op: Op, _ pattern: String, optionBit: Int? = nil) -> EncodingRow {
        EncodingRow(name, "T1", "DDI0403 " + section, .fpv4SP, pattern) { raw, _ in
            let options = optionBit.map { UInt8(bits(raw, $0, 1)) } ?? 0
            return Instruction(op: op, d: fpVd(raw), m: fpVm(raw), options: options, byteCount: 4, raw: raw)
        }
    }

    /// VLDM/VSTM, and VPUSH/VPOP (VSTMDB SP!, VLDMIA SP!). `options` gives writeback
    /// (bit 0, or W from bit 21 when 0) and decrement before (bit 1); the decode adds
    /// bit 2 for D registers (sz = 1: T1 encodings; sz = 0: T2) and bit 3 for the
    /// VPUSH/VPOP spelling.
    static func fpMultiple(_ name: String, _ section: String, _ op: Op, _ pattern: String, options: UInt8) -> EncodingRow {
        EncodingRow(name, "T1/T2", "DDI0403 " + section, .fpv4SP, pattern) { raw, _ in
            let n = register(raw, 16, 4)
            let isDouble = bits(raw, 8, 1) == 1
            let imm8 = bits(raw, 0, 8)
            let first: UInt32
            if isDouble {
                first = (bits(raw, 22, 1) << 4 | bits(raw, 12, 4)) * 2
                guard imm8 & 1 == 0 else { return .undefined(raw: raw, byteCount: 4) }
            } else {
                first = UInt32(fpVd(raw))
            }
            guard n != 15, imm8 != 0, first + imm8 <= 32, !isDouble || imm8 <= 32 else {
                return .undefined(raw: raw, byteCount: 4)
            }
            var flags = options | (isDouble ? 4 : 0)
            if options == 0 { flags |= UInt8(bits(raw, 21, 1)) }
            let isAlias = n == 13 && flags & 1 != 0 && (flags & 2 != 0) == (op == .vstm)
            if isAlias { flags |= 8 }
            return Instruction(op: op, d: UInt8(first), n: n, options: flags, byteCount: 4, imm: imm8, raw: raw)
        }
    }

    /// VLDR/VSTR: the offset as a wrapping signed value, or for the literal VLDR the
    /// address Align(PC, 4) ± imm32.
    static func fpSingle(_ raw: UInt32, _ address: UInt32, op: Op) -> Instruction {
        let n = register(raw, 16, 4)
        let isDouble = bits(raw, 8, 1) == 1
        let d: UInt32
        if isDouble {
            let index = bits(raw, 22, 1) << 4 | bits(raw, 12, 4)
            guard index < 16 else { return .undefined(raw: raw, byteCount: 4) }
            d = index * 2
        } else {
            d = UInt32(fpVd(raw))
        }
        let offset = bits(raw, 0, 8) << 2
        let signedOffset = bits(raw, 23, 1) == 1 ? offset : 0 &- offset
        var imm = signedOffset
        if n == 15 {
            guard op == .vldr else { return .undefined(raw: raw, byteCount: 4) }
            imm = ((address &+ 4) & ~3) &+ signedOffset
        }
        return Instruction(op: op, d: UInt8(d), n: n, options: isDouble ? 1 : 0, byteCount: 4, imm: imm, raw: raw)
    }

    /// The two-core-register VMOVs: `d` = Rt, `a` = Rt2, `m` = the first S register
    /// (Vm:M for two S registers, 2 × M:Vm for a D register).
    static func fpPair(_ name: String, _ op: Op, _ pattern: String) -> EncodingRow {
        EncodingRow(name, "T1", "DDI0403 A7.7 " + name, .fpv4SP, pattern) { raw, _ in
            let t = register(raw, 12, 4), t2 = register(raw, 16, 4)
            let isDouble = bits(raw, 8, 1) == 1
            let m: UInt32 = isDouble ? (bits(raw, 5, 1) << 4 | bits(raw, 0, 4)) * 2 : UInt32(fpVm(raw))
            guard t != 13, t != 15, t2 != 13, t2 != 15, m <= 30, op == .vmovCoresToSingles || t != t2 else {
                return .undefined(raw: raw, byteCount: 4)
            }
            return Instruction(op: op, d: t, m: UInt8(m), a: t2, byteCount: 4, raw: raw)
        }
    }
}
