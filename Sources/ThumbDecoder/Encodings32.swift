/// The 32-bit Thumb encodings, one row each, matched in order (first match wins).
///
/// ARMv6-M has six 32-bit instructions (DDI 0419 A5.3): BL, MSR, MRS, DMB, DSB, ISB,
/// plus the permanently undefined UDF.W. ARMv7-M adds the rest of Thumb-2.
public enum Encodings32 {
    /// Every 32-bit row in match order. The ARMv6-M rows come first: on ARMv7-M they are
    /// the same encodings (MSR, MRS, barriers, BL, UDF) and they sit in the "branches and
    /// miscellaneous control" space ahead of the conditional branch B T3.
    public static let rows: [EncodingRow] =
        v6MRows + thumb2ControlRows + thumb2LoadStoreRows + thumb2DataProcessingRows + dspRows + floatingPointRows

    /// BadReg() of the pseudocode (DDI 0403 A7.3): SP or PC where an encoding forbids
    /// them. LR (R14) is an ordinary register there.
    @inline(__always) static func isBadRegister(_ register: UInt8) -> Bool { register == 13 || register == 15 }

    /// ARMv6-M 32-bit encodings (DDI 0419 A5.3.1 "Branch and miscellaneous control").
    public static let v6MRows: [EncodingRow] = [
        // MSR/MRS/barriers sit inside the BL-shaped space (op1 = 0x); they come first.
        // ARMv7-M gives bits [11:10] of the second halfword a meaning (mask: 0b10 writes
        // APSR.NZCVQ, 0b01 APSR.GE; DDI 0403 B5.2.3); `options` carries them.
        EncodingRow("MSR", "T1", "DDI0419 B4.2.3", .v6M, "11110 0 1110 0 (0) Rn:4 | 10 (0) 0 (1)(0)(0)(0) SYSm:8", { raw, _ in
            Instruction(op: .msr, n: register(raw, 16, 4), options: UInt8(bits(raw, 10, 2)), byteCount: 4, imm: bits(raw, 0, 8), raw: raw)
        }),
        EncodingRow("MRS", "T1", "DDI0419 B4.2.2", .v6M, "11110 0 1111 1 (0)(1)(1)(1)(1) | 10 (0) 0 Rd:4 SYSm:8", { raw, _ in
            Instruction(op: .mrs, d: register(raw, 8, 4), byteCount: 4, imm: bits(raw, 0, 8), raw: raw)
        }),
        EncodingRow("DSB", "T1", "DDI0419 A6.7.22", .v6M, "11110 0 111 01 1 (1)(1)(1)(1) | 10 (0) 0 (1)(1)(1)(1) 0100 option:4", { raw, _ in
            Instruction(op: .barrier, byteCount: 4, imm: 1, raw: raw)
        }),
        EncodingRow("DMB", "T1", "DDI0419 A6.7.21", .v6M, "11110 0 111 01 1 (1)(1)(1)(1) | 10 (0) 0 (1)(1)(1)(1) 0101 option:4", { raw, _ in
            Instruction(op: .barrier, byteCount: 4, imm: 0, raw: raw)
        }),
        EncodingRow("ISB", "T1", "DDI0419 A6.7.23", .v6M, "11110 0 111 01 1 (1)(1)(1)(1) | 10 (0) 0 (1)(1)(1)(1) 0110 option:4", { raw, _ in
            Instruction(op: .barrier, byteCount: 4, imm: 2, raw: raw)
        }),
        EncodingRow("UDF", "T2", "DDI0419 A6.7.73", .v6M, "111 10 1111111 imm4:4 | 1010 imm12:12", { raw, _ in
            Instruction(op: .udf, byteCount: 4, imm: bits(raw, 16, 4) << 12 | bits(raw, 0, 12), raw: raw)
        }),
        EncodingRow("BL", "T1", "DDI0419 A6.7.13", .v6M, "11110 S:1 imm10:10 | 11 J1:1 1 J2:1 imm11:11", { raw, address in
            let s = bits(raw, 26, 1)
            let i1 = ~(bits(raw, 13, 1) ^ s) & 1
            let i2 = ~(bits(raw, 11, 1) ^ s) & 1
            let offset = (s << 24) | (i1 << 23) | (i2 << 22) | (bits(raw, 16, 10) << 12) | (bits(raw, 0, 11) << 1)
            return Instruction(op: .bl, d: 14, byteCount: 4, imm: address &+ 4 &+ signExtend(offset, width: 25), raw: raw)
        }),
    ]
}
