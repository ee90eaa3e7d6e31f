extension Encodings32 {
    /// DSP extension (ARMv7E-M) encodings, DDI 0403E A5.3: the rows of A5.3.12-A5.3.17
    /// (and SSAT16/USAT16 of A5.3.3, PKHBT/PKHTB of A5.3.11) that exist only with the DSP
    /// extension. On a core without it (Cortex-M3) they decode as undefined.
    ///
    /// Every row is disjoint from every other 32-bit row, so match order does not
    /// matter (checked by `DSPEncodingTests`). Where the manual separates two
    /// instructions by "Ra (or Rn) == '1111'", the form with the register is written as
    /// the four patterns that together match every value except 1111 (`notAll1s`):
    /// 0xxx, 10xx, 110x and 1110. That keeps SXTAB/SXTAH/UXTAB/UXTAH apart from the
    /// plain SXTB/SXTH/UXTB/UXTH.W rows of the Thumb-2 table.
    ///
    /// UNPREDICTABLE register choices (DDI 0403E A7.7, each page's decode: d, n, m (and
    /// RdLo, RdHi) in {SP, PC}, Ra == SP, RdHi == RdLo) decode as UNDEFINED, which the
    /// manual permits for UNPREDICTABLE; so no handler ever reads R15.
    public static let dspRows: [EncodingRow] =
        dspParallelRows + dspMiscellaneousRows + dspExtendRows + dspSaturatePackRows + dspMultiplyRows
            + dspLongMultiplyRows

    /// Parallel addition and subtraction, signed (A5.3.13) and unsigned (A5.3.14):
    /// `11111010 1 op1:3 Rn:4 | 1111 Rd:4 0 U op2:2 Rm:4`; op1 picks the operation
    /// (000 ADD8, 001 ADD16, 010 ASX, 100 SUB8, 101 SUB16, 110 SAX), U the signedness
    /// and op2 the kind (00 plain, 01 saturating, 10 halving). op1 011/111 and op2 11
    /// are unallocated.
    static let dspParallelRows: [EncodingRow] = [
        parallel("SADD16", "A7.7 SADD16", .sadd16, op1: "001", u: "0", op2: "00"),
        parallel("SASX", "A7.7 SASX", .sasx, op1: "010", u: "0", op2: "00"),
        parallel("SSAX", "A7.7 SSAX", .ssax, op1: "110", u: "0", op2: "00"),
        parallel("SSUB16", "A7.7 SSUB16", .ssub16, op1: "101", u: "0", op2: "00"),
        parallel("SADD8", "A7.7 SADD8", .sadd8, op1: "000", u: "0", op2: "00"),
        parallel("SSUB8", "A7.7 SSUB8", .ssub8, op1: "100", u: "0", op2: "00"),
        parallel("QADD16", "A7.7 QADD16", .qadd16, op1: "001", u: "0", op2: "01"),
        parallel("QASX", "A7.7 QASX", .qasx, op1: "010", u: "0", op2: "01"),
        parallel("QSAX", "A7.7 QSAX", .qsax, op1: "110", u: "0", op2: "01"),
        parallel("QSUB16", "A7.7 QSUB16", .qsub16, op1: "101", u: "0", op2: "01"),
        parallel("QADD8", "A7.7 QADD8", .qadd8, op1: "000", u: "0", op2: "01"),
        parallel("QSUB8", "A7.7 QSUB8", .qsub8, op1: "100", u: "0", op2: "01"),
        parallel("SHADD16", "A7.7 SHADD16", .shadd16, op1: "001", u: "0", op2: "10"),
        parallel("SHASX", "A7.7 SHASX", .shasx, op1: "010", u: "0", op2: "10"),
        parallel("SHSAX", "A7.7 SHSAX", .shsax, op1: "110", u: "0", op2: "10"),
        parallel("SHSUB16", "A7.7 SHSUB16", .shsub16, op1: "101", u: "0", op2: "10"),
        parallel("SHADD8", "A7.7 SHADD8", .shadd8, op1: "000", u: "0", op2: "10"),
        parallel("SHSUB8", "A7.7 SHSUB8", .shsub8, op1: "100", u: "0", op2: "10"),
        parallel("UADD16", "A7.7 UADD16", .uadd16, op1: "001", u: "1", op2: "00"),
        parallel("UASX", "A7.7 UASX", .uasx, op1: "010", u: "1", op2: "00"),
        parallel("USAX", "A7.7 USAX", .usax, op1: "110", u: "1", op2: "00"),
        parallel("USUB16", "A7.7 USUB16", .usub16, op1: "101", u: "1", op2: "00"),
        parallel("UADD8", "A7.7 UADD8", .uadd8, op1: "000", u: "1", op2: "00"),
        parallel("USUB8", "A7.7 USUB8", .usub8, op1: "100", u: "1", op2: "00"),
        parallel("UQADD16", "A7.7 UQADD16", .uqadd16, op1: "001", u: "1", op2: "01"),
        parallel("UQASX", "A7.7 UQASX", .uqasx, op1: "010", u: "1", op2: "01"),
        parallel("UQSAX", "A7.7 UQSAX", .uqsax, op1: "110", u: "1", op2: "01"),
        parallel("UQSUB16", "A7.7 UQSUB16", .uqsub16, op1: "101", u: "1", op2: "01"),
        parallel("UQADD8", "A7.7 UQADD8", .uqadd8, op1: "000", u: "1", op2: "01"),
        parallel("UQSUB8", "A7.7 UQSUB8", .uqsub8, op1: "100", u: "1", op2: "01"),
        parallel("UHADD16", "A7.7 UHADD16", .uhadd16, op1: "001", u: "1", op2: "10"),
        parallel("UHASX", "A7.7 UHASX", .uhasx, op1: "010", u: "1", op2: "10"),
        parallel("UHSAX", "A7.7 UHSAX", .uhsax, op1: "110", u: "1", op2: "10"),
        parallel("UHSUB16", "A7.7 UHSUB16", .uhsub16, op1: "101", u: "1", op2: "10"),
        parallel("UHADD8", "A7.7 UHADD8", .uhadd8, op1: "000", u: "1", op2: "10"),
        parallel("UHSUB8", "A7.7 UHSUB8", .uhsub8, op1: "100", u: "1", op2: "10"),
    ]

    /// Miscellaneous operations (A5.3.15) of the DSP extension:
    /// `11111010 10 op1:2 Rn:4 | 1111 Rd:4 10 op2:2 Rm:4`. op1 01 (REV, REV16, RBIT,
    /// REVSH) and 11 (CLZ) are base ARMv7-M rows of the Thumb-2 table.
    static let dspMiscellaneousRows: [EncodingRow] = [
        // The saturating adds take their operands as `Rd, Rm, Rn` (Rm is the first).
        EncodingRow("QADD", "T1", "DDI0403 A7.7 QADD", .v7EMDSP, "11111010 1000 Rn:4 | 1111 Rd:4 1000 Rm:4", dnm(.qadd)),
        EncodingRow("QDADD", "T1", "DDI0403 A7.7 QDADD", .v7EMDSP, "11111010 1000 Rn:4 | 1111 Rd:4 1001 Rm:4", dnm(.qdadd)),
        EncodingRow("QSUB", "T1", "DDI0403 A7.7 QSUB", .v7EMDSP, "11111010 1000 Rn:4 | 1111 Rd:4 1010 Rm:4", dnm(.qsub)),
        EncodingRow("QDSUB", "T1", "DDI0403 A7.7 QDSUB", .v7EMDSP, "11111010 1000 Rn:4 | 1111 Rd:4 1011 Rm:4", dnm(.qdsub)),
        EncodingRow("SEL", "T1", "DDI0403 A7.7 SEL", .v7EMDSP, "11111010 1010 Rn:4 | 1111 Rd:4 1000 Rm:4", dnm(.sel)),
    ]

    /// Sign/zero extend and add (A5.3.12, op1 0000-0101 with op2 1xxx):
    /// `11111010 0 op:3 Rn:4 | 1111 Rd:4 1 (0) rotate:2 Rm:4`; `imm` = rotate × 8.
    /// Rn = 1111 is the plain extend: SXTB16/UXTB16 here, SXTH/UXTH/SXTB/UXTB in the
    /// Thumb-2 table; hence the accumulate forms use `notAll1s` for Rn.
    static let dspExtendRows: [EncodingRow] =
        notAll1s(
            "SXTAH", "T1", "DDI0403 A7.7 SXTAH", "11111010 0000 {Rn} | 1111 Rd:4 1 (0) rotate:2 Rm:4", extend(.sxtah))
        + notAll1s(
            "UXTAH", "T1", "DDI0403 A7.7 UXTAH", "11111010 0001 {Rn} | 1111 Rd:4 1 (0) rotate:2 Rm:4", extend(.uxtah))
        + notAll1s(
            "SXTAB16", "T1", "DDI0403 A7.7 SXTAB16", "11111010 0010 {Rn} | 1111 Rd:4 1 (0) rotate:2 Rm:4",
            extend(.sxtab16))
        + notAll1s(
            "UXTAB16", "T1", "DDI0403 A7.7 UXTAB16", "11111010 0011 {Rn} | 1111 Rd:4 1 (0) rotate:2 Rm:4",
            extend(.uxtab16))
        + notAll1s(
            "SXTAB", "T1", "DDI0403 A7.7 SXTAB", "11111010 0100 {Rn} | 1111 Rd:4 1 (0) rotate:2 Rm:4", extend(.sxtab))
        + notAll1s(
            "UXTAB", "T1", "DDI0403 A7.7 UXTAB", "11111010 0101 {Rn} | 1111 Rd:4 1 (0) rotate:2 Rm:4", extend(.uxtab))
        + [
            EncodingRow(
                "SXTB16", "T1", "DDI0403 A7.7 SXTB16", .v7EMDSP, "11111010 0010 1111 | 1111 Rd:4 1 (0) rotate:2 Rm:4",
                extend(.sxtb16)),
            EncodingRow(
                "UXTB16", "T1", "DDI0403 A7.7 UXTB16", .v7EMDSP, "11111010 0011 1111 | 1111 Rd:4 1 (0) rotate:2 Rm:4",
                extend(.uxtb16)),
        ]

    /// SSAT16/USAT16 (A5.3.3, the SSAT/USAT rows with sh = 1 and a zero shift) and
    /// PKHBT/PKHTB (A5.3.11, data processing (shifted register) op = 0110).
    static let dspSaturatePackRows: [EncodingRow] = [
        // saturate_to = sat_imm + 1 for SSAT16 (1-16), sat_imm for USAT16 (0-15).
        EncodingRow(
            "SSAT16", "T1", "DDI0403 A7.7 SSAT16", .v7EMDSP, "11110 (0) 11 001 0 Rn:4 | 0 000 Rd:4 00 (0)(0) sat_imm:4",
            { raw, _ in
                checked(Instruction(op: .ssat16, d: register(raw, 8, 4), n: register(raw, 16, 4), byteCount: 4, imm: bits(raw, 0, 4) + 1, raw: raw), [8, 16])
            }),
        EncodingRow(
            "USAT16", "T1", "DDI0403 A7.7 USAT16", .v7EMDSP, "11110 (0) 11 101 0 Rn:4 | 0 000 Rd:4 00 (0)(0) sat_imm:4",
            { raw, _ in
                checked(Instruction(op: .usat16, d: register(raw, 8, 4), n: register(raw, 16, 4), byteCount: 4, imm: bits(raw, 0, 4), raw: raw), [8, 16])
            }),
        // S = 1 or T = 1 is UNDEFINED (no row). PKHTB's ASR #32 is encoded as imm 0
        // (DecodeImmShift), so `imm` holds 32 for it.
        EncodingRow(
            "PKHBT, PKHTB", "T1", "DDI0403 A7.7 PKHBT, PKHTB", .v7EMDSP,
            "11101 01 0110 0 Rn:4 | (0) imm3:3 Rd:4 imm2:2 tb:1 0 Rm:4",
            { raw, _ in
                let isTopBottom = bits(raw, 5, 1) == 1
                var amount = bits(raw, 12, 3) << 2 | bits(raw, 6, 2)
                if isTopBottom && amount == 0 { amount = 32 }
                return checked(
                    Instruction(
                        op: isTopBottom ? .pkhtb : .pkhbt, d: register(raw, 8, 4), n: register(raw, 16, 4),
                        m: register(raw, 0, 4), byteCount: 4, imm: amount, raw: raw), [8, 16, 0])
            }),
    ]

    /// Multiply, multiply accumulate and absolute difference (A5.3.16), the DSP rows:
    /// `11111 0110 op1:3 Rn:4 | Ra:4 Rd:4 00 op2:2 Rm:4`. op1 000 (MUL, MLA, MLS) is
    /// base ARMv7-M. The accumulating forms use `notAll1s` for Ra, since Ra = 1111 selects
    /// the non-accumulating instruction.
    static let dspMultiplyRows: [EncodingRow] =
        [
            EncodingRow(
                "SMULBB, SMULBT, SMULTB, SMULTT", "T1", "DDI0403 A7.7 SMULBB", .v7EMDSP,
                "11111 0110 001 Rn:4 | 1111 Rd:4 00 N:1 M:1 Rm:4", multiply(.smulxy, optionBits: 2)),
            EncodingRow(
                "SMUAD", "T1", "DDI0403 A7.7 SMUAD", .v7EMDSP, "11111 0110 010 Rn:4 | 1111 Rd:4 000 M:1 Rm:4",
                multiply(.smuad, optionBits: 1)),
            EncodingRow(
                "SMULWB, SMULWT", "T1", "DDI0403 A7.7 SMULWB, SMULWT", .v7EMDSP,
                "11111 0110 011 Rn:4 | 1111 Rd:4 000 M:1 Rm:4", multiply(.smulwy, optionBits: 1)),
            EncodingRow(
                "SMUSD", "T1", "DDI0403 A7.7 SMUSD", .v7EMDSP, "11111 0110 100 Rn:4 | 1111 Rd:4 000 M:1 Rm:4",
                multiply(.smusd, optionBits: 1)),
            EncodingRow(
                "SMMUL", "T1", "DDI0403 A7.7 SMMUL", .v7EMDSP, "11111 0110 101 Rn:4 | 1111 Rd:4 000 R:1 Rm:4",
                multiply(.smmul, optionBits: 1)),
            // SMMLS has no non-accumulating twin: Ra = 1111 is UNPREDICTABLE (undefined here).
            EncodingRow(
                "SMMLS", "T1", "DDI0403 A7.7 SMMLS", .v7EMDSP, "11111 0110 110 Rn:4 | Ra:4 Rd:4 000 R:1 Rm:4",
                multiplyAccumulate(.smmls, optionBits: 1)),
            EncodingRow(
                "USAD8", "T1", "DDI0403 A7.7 USAD8", .v7EMDSP, "11111 0110 111 Rn:4 | 1111 Rd:4 0000 Rm:4",
                multiply(.usad8, optionBits: 0)),
        ]
        + notAll1s(
            "SMLABB, SMLABT, SMLATB, SMLATT", "T1", "DDI0403 A7.7 SMLABB", "11111 0110 001 Rn:4 | {Ra} Rd:4 00 N:1 M:1 Rm:4",
            multiplyAccumulate(.smlaxy, optionBits: 2))
        + notAll1s(
            "SMLAD", "T1", "DDI0403 A7.7 SMLAD", "11111 0110 010 Rn:4 | {Ra} Rd:4 000 M:1 Rm:4",
            multiplyAccumulate(.smlad, optionBits: 1))
        + notAll1s(
            "SMLAWB, SMLAWT", "T1", "DDI0403 A7.7 SMLAWB, SMLAWT", "11111 0110 011 Rn:4 | {Ra} Rd:4 000 M:1 Rm:4",
            multiplyAccumulate(.smlawy, optionBits: 1))
        + notAll1s(
            "SMLSD", "T1", "DDI0403 A7.7 SMLSD", "11111 0110 100 Rn:4 | {Ra} Rd:4 000 M:1 Rm:4",
            multiplyAccumulate(.smlsd, optionBits: 1))
        + notAll1s(
            "SMMLA", "T1", "DDI0403 A7.7 SMMLA", "11111 0110 101 Rn:4 | {Ra} Rd:4 000 R:1 Rm:4",
            multiplyAccumulate(.smmla, optionBits: 1))
        + notAll1s(
            "USADA8", "T1", "DDI0403 A7.7 USADA8", "11111 0110 111 Rn:4 | {Ra} Rd:4 0000 Rm:4",
            multiplyAccumulate(.usada8, optionBits: 0))

    /// Long multiply and accumulate (A5.3.17), the DSP rows:
    /// `11111 0111 op1:3 Rn:4 | RdLo:4 RdHi:4 op2:4 Rm:4` with op1 100 op2 10xx
    /// (SMLAL<x><y>), 100 110x (SMLALD), 101 110x (SMLSLD), 110 0110 (UMAAL). `d` is
    /// RdLo and `a` is RdHi.
    static let dspLongMultiplyRows: [EncodingRow] = [
        EncodingRow(
            "SMLALBB, SMLALBT, SMLALTB, SMLALTT", "T1", "DDI0403 A7.7 SMLALBB", .v7EMDSP,
            "11111 0111 100 Rn:4 | RdLo:4 RdHi:4 10 N:1 M:1 Rm:4", longMultiply(.smlalxy, optionBits: 2)),
        EncodingRow(
            "SMLALD", "T1", "DDI0403 A7.7 SMLALD", .v7EMDSP, "11111 0111 100 Rn:4 | RdLo:4 RdHi:4 110 M:1 Rm:4",
            longMultiply(.smlald, optionBits: 1)),
        EncodingRow(
            "SMLSLD", "T1", "DDI0403 A7.7 SMLSLD", .v7EMDSP, "11111 0111 101 Rn:4 | RdLo:4 RdHi:4 110 M:1 Rm:4",
            longMultiply(.smlsld, optionBits: 1)),
        EncodingRow(
            "UMAAL", "T1", "DDI0403 A7.7 UMAAL", .v7EMDSP, "11111 0111 110 Rn:4 | RdLo:4 RdHi:4 0110 Rm:4",
            longMultiply(.umaal, optionBits: 0)),
    ]

    // MARK: Row builders

    /// One parallel add/subtract row (A5.3.13/A5.3.14).
    private static func parallel(_ name: String, _ section: String, _ op: Op, op1: String, u: String, op2: String) -> EncodingRow {
        EncodingRow(name, "T1", "DDI0403 " + section, .v7EMDSP, "11111010 1 \(op1) Rn:4 | 1111 Rd:4 0 \(u) \(op2) Rm:4", dnm(op))
    }

    /// The rows of an encoding whose 4-bit field `{Rn}` or `{Ra}` may take any value but
    /// 1111: four patterns with the field's top bits fixed to 0, 10, 110 and 1110.
    private static func notAll1s(
        _ name: String, _ form: String, _ section: String, _ pattern: String, _ decode: @escaping EncodingRow.Decode
    ) -> [EncodingRow] {
        let placeholder = pattern.contains("{Rn}") ? "{Rn}" : "{Ra}"
        let field = placeholder.dropFirst().dropLast()
        return ["0 \(field):3", "10 \(field):2", "110 \(field):1", "1110"].map {
            EncodingRow(name, form, section, .v7EMDSP, pattern.replacing(placeholder, with: $0), decode)
        }
    }

    /// `instruction`, or UNDEFINED if a register field at one of `registerFields` (bit
    /// positions of 4-bit fields) is SP or PC: BadReg() is UNPREDICTABLE on these pages.
    private static func checked(_ instruction: Instruction, _ registerFields: [Int]) -> Instruction {
        for low in registerFields where isBadRegister(register(instruction.raw, low, 4)) {
            return .undefined(raw: instruction.raw, byteCount: 4)
        }
        return instruction
    }

    /// `Rd` at 11:8, `Rn` at 19:16, `Rm` at 3:0 (A5.3.12-A5.3.15 layout).
    private static func dnm(_ op: Op) -> EncodingRow.Decode {
        { raw, _ in
            checked(
                Instruction(op: op, d: register(raw, 8, 4), n: register(raw, 16, 4), m: register(raw, 0, 4), byteCount: 4, raw: raw),
                [8, 16, 0])
        }
    }

    /// An extend row: `imm` is the rotation in bits; Rn = 1111 (SXTB16/UXTB16) is not checked.
    private static func extend(_ op: Op) -> EncodingRow.Decode {
        { raw, _ in
            let n = register(raw, 16, 4)
            return checked(
                Instruction(op: op, d: register(raw, 8, 4), n: n, m: register(raw, 0, 4), byteCount: 4, imm: bits(raw, 4, 2) * 8, raw: raw),
                n == 15 ? [8, 0] : [8, 16, 0])
        }
    }

    /// A non-accumulating A5.3.16 row; `options` takes the low `optionBits` of bits 5:4
    /// (N:M, X or R).
    private static func multiply(_ op: Op, optionBits: Int) -> EncodingRow.Decode {
        { raw, _ in
            checked(
                Instruction(
                    op: op, d: register(raw, 8, 4), n: register(raw, 16, 4), m: register(raw, 0, 4),
                    options: UInt8(bits(raw, 4, optionBits)), byteCount: 4, raw: raw),
                [8, 16, 0])
        }
    }

    /// An accumulating A5.3.16 row: `a` is Ra (bits 15:12); Ra = SP is UNPREDICTABLE.
    private static func multiplyAccumulate(_ op: Op, optionBits: Int) -> EncodingRow.Decode {
        { raw, _ in
            checked(
                Instruction(
                    op: op, d: register(raw, 8, 4), n: register(raw, 16, 4), m: register(raw, 0, 4),
                    a: register(raw, 12, 4), options: UInt8(bits(raw, 4, optionBits)), byteCount: 4, raw: raw),
                [8, 16, 0, 12])
        }
    }

    /// An A5.3.17 row: `d` is RdLo (bits 15:12), `a` is RdHi (bits 11:8). RdHi == RdLo
    /// is UNPREDICTABLE (undefined here).
    private static func longMultiply(_ op: Op, optionBits: Int) -> EncodingRow.Decode {
        { raw, _ in
            let low = register(raw, 12, 4)
            let high = register(raw, 8, 4)
            guard low != high else { return .undefined(raw: raw, byteCount: 4) }
            return checked(
                Instruction(
                    op: op, d: low, n: register(raw, 16, 4), m: register(raw, 0, 4), a: high,
                    options: UInt8(bits(raw, 4, optionBits)), byteCount: 4, raw: raw),
                [12, 8, 16, 0])
        }
    }
}
