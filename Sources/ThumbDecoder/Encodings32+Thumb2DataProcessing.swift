extension Encodings32 {
    /// Thumb-2 data processing, multiply and divide encodings (DDI 0403 A5.3.1-A5.3.3, A5.3.11, A5.3.12, A5.3.16, A5.3.17).
    ///
    /// The five groups live in disjoint parts of the 32-bit space (hw1[15:9] = 11110x0 with
    /// hw2[15] = 0 for modified immediates, 11110x1 for plain binary immediates, 1110101 for
    /// shifted registers, 11111010 with hw2[15:12] = 1111 for registers, 1111101 10/11 for
    /// multiplies), so only the order inside a group matters.
    ///
    /// Overlapping rows, most specific first (checked by `Thumb2DataProcessingEncodingTests`):
    /// - TST, TEQ, CMN, CMP are the Rd = 1111, S = 1 forms of AND, EOR, ADD, SUB (A5.3.1, A5.3.11):
    ///   they come before those rows and before the SP forms of ADD/SUB. CMN/CMP and the SP rows
    ///   fix different bits (Rd/S against Rn); the compare wins, as "SEE CMN/CMP" in A7.7.5 and
    ///   A7.7.174 says.
    /// - MOV, MVN are the Rn = 1111 forms of ORR, ORN; MOV (register) and RRX are the shift
    ///   amount 0 forms of LSL (immediate) and ROR (immediate).
    /// - ADR and the SP forms are the Rn = 1111 / Rn = 1101 forms of ADDW/SUBW (A5.3.3).
    /// - BFC is the Rn = 1111 form of BFI; MUL is the Ra = 1111 form of MLA.
    ///
    /// UNPREDICTABLE choices (DDI 0403 A7.7, each instruction's "if ... then UNPREDICTABLE"):
    /// armsim decodes every one of them as `.undefined` (UNDEFINSTR when executed), which the
    /// manual permits: BadReg (SP or PC) where an encoding forbids it, Rd = PC without S, a
    /// modified immediate whose imm8 is 0 in a replicated pattern (A5.3.2), inconsistent Rm copies
    /// (CLZ, RBIT, REV, REV16, REVSH), RdHi = RdLo in long multiplies, BFI/BFC with msb < lsb,
    /// SBFX/UBFX with lsb + width > 32, and ADD/SUB (SP plus/minus register) writing SP with a
    /// shift other than LSL #0-3. Should-be bits are matched as variable (EncodingRow).
    /// Register operands are therefore never PC: handlers read `r[i]` directly.
    public static let thumb2DataProcessingRows: [EncodingRow] =
        modifiedImmediateRows + plainBinaryImmediateRows + shiftedRegisterRows + dataProcessingRegisterRows
        + multiplyRows

    /// Data processing (modified immediate), DDI 0403 A5.3.1: `11110 i 0 op:4 S Rn | 0 imm3 Rd imm8`.
    static let modifiedImmediateRows: [EncodingRow] = [
        EncodingRow("TST (immediate)", "T1", "DDI0403 A7.7.188", .v7M, "11110 i:1 0 0000 1 Rn:4 | 0 imm3:3 1111 imm8:8", { raw, _ in
            modifiedImmediate(.tstImmediateT1, raw, forbidden: isBad(raw, 16))
        }),
        EncodingRow("AND (immediate)", "T1", "DDI0403 A7.7.8", .v7M, "11110 i:1 0 0000 S:1 Rn:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.andImmediateT1, raw, forbidden: isBad(raw, 8) || isBad(raw, 16))
        }),
        EncodingRow("BIC (immediate)", "T1", "DDI0403 A7.7.15", .v7M, "11110 i:1 0 0001 S:1 Rn:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.bicImmediateT1, raw, forbidden: isBad(raw, 8) || isBad(raw, 16))
        }),
        EncodingRow("MOV (immediate)", "T2", "DDI0403 A7.7.76", .v7M, "11110 i:1 0 0010 S:1 1111 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.movImmediateT2, raw, forbidden: isBad(raw, 8))
        }),
        EncodingRow("ORR (immediate)", "T1", "DDI0403 A7.7.91", .v7M, "11110 i:1 0 0010 S:1 Rn:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.orrImmediateT1, raw, forbidden: isBad(raw, 8) || isBad(raw, 16))
        }),
        EncodingRow("MVN (immediate)", "T1", "DDI0403 A7.7.85", .v7M, "11110 i:1 0 0011 S:1 1111 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.mvnImmediateT1, raw, forbidden: isBad(raw, 8))
        }),
        EncodingRow("ORN (immediate)", "T1", "DDI0403 A7.7.89", .v7M, "11110 i:1 0 0011 S:1 Rn:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.ornImmediateT1, raw, forbidden: isBad(raw, 8) || isBad(raw, 16))
        }),
        EncodingRow("TEQ (immediate)", "T1", "DDI0403 A7.7.186", .v7M, "11110 i:1 0 0100 1 Rn:4 | 0 imm3:3 1111 imm8:8", { raw, _ in
            modifiedImmediate(.teqImmediateT1, raw, forbidden: isBad(raw, 16))
        }),
        EncodingRow("EOR (immediate)", "T1", "DDI0403 A7.7.35", .v7M, "11110 i:1 0 0100 S:1 Rn:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.eorImmediateT1, raw, forbidden: isBad(raw, 8) || isBad(raw, 16))
        }),
        EncodingRow("CMN (immediate)", "T1", "DDI0403 A7.7.25", .v7M, "11110 i:1 0 1000 1 Rn:4 | 0 imm3:3 1111 imm8:8", { raw, _ in
            modifiedImmediate(.cmnImmediateT1, raw, forbidden: bits(raw, 16, 4) == 15)
        }),
        EncodingRow("ADD (SP plus immediate)", "T3", "DDI0403 A7.7.5", .v7M, "11110 i:1 0 1000 S:1 1101 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.addImmediateT3, raw, forbidden: bits(raw, 8, 4) == 15)
        }),
        EncodingRow("ADD (immediate)", "T3", "DDI0403 A7.7.3", .v7M, "11110 i:1 0 1000 S:1 Rn:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.addImmediateT3, raw, forbidden: isBad(raw, 8) || bits(raw, 16, 4) == 15)
        }),
        EncodingRow("ADC (immediate)", "T1", "DDI0403 A7.7.1", .v7M, "11110 i:1 0 1010 S:1 Rn:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.adcImmediateT1, raw, forbidden: isBad(raw, 8) || isBad(raw, 16))
        }),
        EncodingRow("SBC (immediate)", "T1", "DDI0403 A7.7.124", .v7M, "11110 i:1 0 1011 S:1 Rn:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.sbcImmediateT1, raw, forbidden: isBad(raw, 8) || isBad(raw, 16))
        }),
        EncodingRow("CMP (immediate)", "T2", "DDI0403 A7.7.27", .v7M, "11110 i:1 0 1101 1 Rn:4 | 0 imm3:3 1111 imm8:8", { raw, _ in
            modifiedImmediate(.cmpImmediateT2, raw, forbidden: bits(raw, 16, 4) == 15)
        }),
        EncodingRow("SUB (SP minus immediate)", "T2", "DDI0403 A7.7.176", .v7M, "11110 i:1 0 1101 S:1 1101 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.subImmediateT3, raw, forbidden: bits(raw, 8, 4) == 15)
        }),
        EncodingRow("SUB (immediate)", "T3", "DDI0403 A7.7.174", .v7M, "11110 i:1 0 1101 S:1 Rn:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.subImmediateT3, raw, forbidden: isBad(raw, 8) || bits(raw, 16, 4) == 15)
        }),
        EncodingRow("RSB (immediate)", "T2", "DDI0403 A7.7.119", .v7M, "11110 i:1 0 1110 S:1 Rn:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            modifiedImmediate(.rsbImmediateT2, raw, forbidden: isBad(raw, 8) || isBad(raw, 16))
        }),
    ]

    /// Data processing (plain binary immediate), DDI 0403 A5.3.3: `11110 i 1 op:5 Rn | 0 imm3 Rd imm8`.
    ///
    /// SSAT/USAT with sh = 1 (ASR) and imm3:imm2 = 00000 are SSAT16/USAT16 (DSP extension,
    /// `dspRows`), so the ASR rows are split into the five patterns that make imm3:imm2 non-zero.
    static let plainBinaryImmediateRows: [EncodingRow] = [
        EncodingRow("ADR", "T3", "DDI0403 A7.7.7", .v7M, "11110 i:1 1 0000 0 1111 | 0 imm3:3 Rd:4 imm8:8", { raw, address in
            adr(raw, address, subtract: false)
        }),
        EncodingRow("ADD (SP plus immediate)", "T4", "DDI0403 A7.7.5", .v7M, "11110 i:1 1 0000 0 1101 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            wideImmediate(.addImmediateT3, raw, forbidden: bits(raw, 8, 4) == 15)
        }),
        EncodingRow("ADD (immediate)", "T4", "DDI0403 A7.7.3", .v7M, "11110 i:1 1 0000 0 Rn:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            wideImmediate(.addImmediateT3, raw, forbidden: isBad(raw, 8))
        }),
        EncodingRow("ADR", "T2", "DDI0403 A7.7.7", .v7M, "11110 i:1 1 0101 0 1111 | 0 imm3:3 Rd:4 imm8:8", { raw, address in
            adr(raw, address, subtract: true)
        }),
        EncodingRow("SUB (SP minus immediate)", "T3", "DDI0403 A7.7.176", .v7M, "11110 i:1 1 0101 0 1101 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            wideImmediate(.subImmediateT3, raw, forbidden: bits(raw, 8, 4) == 15)
        }),
        EncodingRow("SUB (immediate)", "T4", "DDI0403 A7.7.174", .v7M, "11110 i:1 1 0101 0 Rn:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            wideImmediate(.subImmediateT3, raw, forbidden: isBad(raw, 8))
        }),
        EncodingRow("MOV (immediate)", "T3", "DDI0403 A7.7.76", .v7M, "11110 i:1 1 0010 0 imm4:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            moveWide(.movImmediateT3, raw)
        }),
        EncodingRow("MOVT", "T1", "DDI0403 A7.7.79", .v7M, "11110 i:1 1 0110 0 imm4:4 | 0 imm3:3 Rd:4 imm8:8", { raw, _ in
            moveWide(.movtT1, raw)
        }),
        EncodingRow("SSAT", "T1", "DDI0403 A7.7.152", .v7M, "11110 (0) 1 1 0 0 0 0 Rn:4 | 0 imm3:3 Rd:4 imm2:2 (0) sat_imm:5", { raw, _ in
            saturate(.ssatT1, raw)
        }),
    ] + nonZeroShiftPatterns.map { shift in
        EncodingRow("SSAT", "T1", "DDI0403 A7.7.152", .v7M, "11110 (0) 1 1 0 0 1 0 Rn:4 | 0 \(shift) (0) sat_imm:5", { raw, _ in
            saturate(.ssatT1, raw)
        })
    } + [
        EncodingRow("SBFX", "T1", "DDI0403 A7.7.126", .v7M, "11110 (0) 1 1 0 1 0 0 Rn:4 | 0 imm3:3 Rd:4 imm2:2 (0) widthm1:5", { raw, _ in
            bitFieldExtract(.sbfxT1, raw)
        }),
        EncodingRow("BFC", "T1", "DDI0403 A7.7.13", .v7M, "11110 (0) 1 1 0 1 1 0 1111 | 0 imm3:3 Rd:4 imm2:2 (0) msb:5", { raw, _ in
            bitFieldInsert(.bfcT1, raw)
        }),
        EncodingRow("BFI", "T1", "DDI0403 A7.7.14", .v7M, "11110 (0) 1 1 0 1 1 0 Rn:4 | 0 imm3:3 Rd:4 imm2:2 (0) msb:5", { raw, _ in
            bitFieldInsert(.bfiT1, raw)
        }),
        EncodingRow("USAT", "T1", "DDI0403 A7.7.213", .v7M, "11110 (0) 1 1 1 0 0 0 Rn:4 | 0 imm3:3 Rd:4 imm2:2 (0) sat_imm:5", { raw, _ in
            saturate(.usatT1, raw)
        }),
    ] + nonZeroShiftPatterns.map { shift in
        EncodingRow("USAT", "T1", "DDI0403 A7.7.213", .v7M, "11110 (0) 1 1 1 0 1 0 Rn:4 | 0 \(shift) (0) sat_imm:5", { raw, _ in
            saturate(.usatT1, raw)
        })
    } + [
        EncodingRow("UBFX", "T1", "DDI0403 A7.7.193", .v7M, "11110 (0) 1 1 1 1 0 0 Rn:4 | 0 imm3:3 Rd:4 imm2:2 (0) widthm1:5", { raw, _ in
            bitFieldExtract(.ubfxT1, raw)
        }),
    ]

    /// The `imm3 Rd imm2` part of SSAT/USAT with sh = 1 split so that imm3:imm2 ≠ 00000.
    static let nonZeroShiftPatterns = [
        "1 imm3:2 Rd:4 imm2:2", "01 imm3:1 Rd:4 imm2:2", "001 Rd:4 imm2:2", "000 Rd:4 1 imm2:1", "000 Rd:4 01",
    ]

    /// Data processing (shifted register), DDI 0403 A5.3.11:
    /// `11101 01 op:4 S Rn | (0) imm3 Rd imm2 type Rm`. op = 0110 (PKHBT/PKHTB) is the DSP
    /// extension's (`dspRows`).
    static let shiftedRegisterRows: [EncodingRow] = [
        EncodingRow("TST (register)", "T2", "DDI0403 A7.7.189", .v7M, "11101 01 0000 1 Rn:4 | (0) imm3:3 1111 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.tstRegisterT2, raw, forbidden: isBad(raw, 16) || isBad(raw, 0))
        }),
        EncodingRow("AND (register)", "T2", "DDI0403 A7.7.9", .v7M, "11101 01 0000 S:1 Rn:4 | (0) imm3:3 Rd:4 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.andRegisterT2, raw, forbidden: isBad(raw, 8) || isBad(raw, 16) || isBad(raw, 0))
        }),
        EncodingRow("BIC (register)", "T2", "DDI0403 A7.7.16", .v7M, "11101 01 0001 S:1 Rn:4 | (0) imm3:3 Rd:4 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.bicRegisterT2, raw, forbidden: isBad(raw, 8) || isBad(raw, 16) || isBad(raw, 0))
        }),
        EncodingRow("MOV (register)", "T3", "DDI0403 A7.7.77", .v7M, "11101 01 0010 S:1 1111 | (0) 000 Rd:4 00 00 Rm:4", { raw, _ in
            let d = bits(raw, 8, 4), m = bits(raw, 0, 4)
            let forbidden = bits(raw, 20, 1) == 1
                ? d == 13 || d == 15 || m == 13 || m == 15
                : d == 15 || m == 15 || (d == 13 && m == 13)
            return shiftedRegister(.movRegisterT3, raw, forbidden: forbidden)
        }),
        EncodingRow("LSL (immediate)", "T2", "DDI0403 A7.7.68", .v7M, "11101 01 0010 S:1 1111 | (0) imm3:3 Rd:4 imm2:2 00 Rm:4", { raw, _ in
            shiftedRegister(.movRegisterT3, raw, forbidden: isBad(raw, 8) || isBad(raw, 0))
        }),
        EncodingRow("LSR (immediate)", "T2", "DDI0403 A7.7.70", .v7M, "11101 01 0010 S:1 1111 | (0) imm3:3 Rd:4 imm2:2 01 Rm:4", { raw, _ in
            shiftedRegister(.movRegisterT3, raw, forbidden: isBad(raw, 8) || isBad(raw, 0))
        }),
        EncodingRow("ASR (immediate)", "T2", "DDI0403 A7.7.10", .v7M, "11101 01 0010 S:1 1111 | (0) imm3:3 Rd:4 imm2:2 10 Rm:4", { raw, _ in
            shiftedRegister(.movRegisterT3, raw, forbidden: isBad(raw, 8) || isBad(raw, 0))
        }),
        EncodingRow("RRX", "T1", "DDI0403 A7.7.118", .v7M, "11101 01 0010 S:1 1111 | (0) 000 Rd:4 00 11 Rm:4", { raw, _ in
            shiftedRegister(.movRegisterT3, raw, forbidden: isBad(raw, 8) || isBad(raw, 0))
        }),
        EncodingRow("ROR (immediate)", "T1", "DDI0403 A7.7.116", .v7M, "11101 01 0010 S:1 1111 | (0) imm3:3 Rd:4 imm2:2 11 Rm:4", { raw, _ in
            shiftedRegister(.movRegisterT3, raw, forbidden: isBad(raw, 8) || isBad(raw, 0))
        }),
        EncodingRow("ORR (register)", "T2", "DDI0403 A7.7.92", .v7M, "11101 01 0010 S:1 Rn:4 | (0) imm3:3 Rd:4 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.orrRegisterT2, raw, forbidden: isBad(raw, 8) || isBad(raw, 16) || isBad(raw, 0))
        }),
        EncodingRow("MVN (register)", "T2", "DDI0403 A7.7.86", .v7M, "11101 01 0011 S:1 1111 | (0) imm3:3 Rd:4 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.mvnRegisterT2, raw, forbidden: isBad(raw, 8) || isBad(raw, 0))
        }),
        EncodingRow("ORN (register)", "T1", "DDI0403 A7.7.90", .v7M, "11101 01 0011 S:1 Rn:4 | (0) imm3:3 Rd:4 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.ornRegisterT1, raw, forbidden: isBad(raw, 8) || isBad(raw, 16) || isBad(raw, 0))
        }),
        EncodingRow("TEQ (register)", "T1", "DDI0403 A7.7.187", .v7M, "11101 01 0100 1 Rn:4 | (0) imm3:3 1111 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.teqRegisterT1, raw, forbidden: isBad(raw, 16) || isBad(raw, 0))
        }),
        EncodingRow("EOR (register)", "T2", "DDI0403 A7.7.36", .v7M, "11101 01 0100 S:1 Rn:4 | (0) imm3:3 Rd:4 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.eorRegisterT2, raw, forbidden: isBad(raw, 8) || isBad(raw, 16) || isBad(raw, 0))
        }),
        EncodingRow("CMN (register)", "T2", "DDI0403 A7.7.26", .v7M, "11101 01 1000 1 Rn:4 | (0) imm3:3 1111 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.cmnRegisterT2, raw, forbidden: bits(raw, 16, 4) == 15 || isBad(raw, 0))
        }),
        EncodingRow("ADD (SP plus register)", "T3", "DDI0403 A7.7.6", .v7M, "11101 01 1000 S:1 1101 | (0) imm3:3 Rd:4 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.addRegisterT3, raw, forbidden: bits(raw, 8, 4) == 15 || isBad(raw, 0) || badStackShift(raw))
        }),
        EncodingRow("ADD (register)", "T3", "DDI0403 A7.7.4", .v7M, "11101 01 1000 S:1 Rn:4 | (0) imm3:3 Rd:4 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.addRegisterT3, raw, forbidden: isBad(raw, 8) || bits(raw, 16, 4) == 15 || isBad(raw, 0))
        }),
        EncodingRow("ADC (register)", "T2", "DDI0403 A7.7.2", .v7M, "11101 01 1010 S:1 Rn:4 | (0) imm3:3 Rd:4 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.adcRegisterT2, raw, forbidden: isBad(raw, 8) || isBad(raw, 16) || isBad(raw, 0))
        }),
        EncodingRow("SBC (register)", "T2", "DDI0403 A7.7.125", .v7M, "11101 01 1011 S:1 Rn:4 | (0) imm3:3 Rd:4 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.sbcRegisterT2, raw, forbidden: isBad(raw, 8) || isBad(raw, 16) || isBad(raw, 0))
        }),
        EncodingRow("CMP (register)", "T3", "DDI0403 A7.7.28", .v7M, "11101 01 1101 1 Rn:4 | (0) imm3:3 1111 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.cmpRegisterT3, raw, forbidden: bits(raw, 16, 4) == 15 || isBad(raw, 0))
        }),
        EncodingRow("SUB (SP minus register)", "T1", "DDI0403 A7.7.177", .v7M, "11101 01 1101 S:1 1101 | (0) imm3:3 Rd:4 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.subRegisterT2, raw, forbidden: bits(raw, 8, 4) == 15 || isBad(raw, 0) || badStackShift(raw))
        }),
        EncodingRow("SUB (register)", "T2", "DDI0403 A7.7.175", .v7M, "11101 01 1101 S:1 Rn:4 | (0) imm3:3 Rd:4 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.subRegisterT2, raw, forbidden: isBad(raw, 8) || bits(raw, 16, 4) == 15 || isBad(raw, 0))
        }),
        EncodingRow("RSB (register)", "T1", "DDI0403 A7.7.120", .v7M, "11101 01 1110 S:1 Rn:4 | (0) imm3:3 Rd:4 imm2:2 type:2 Rm:4", { raw, _ in
            shiftedRegister(.rsbRegisterT1, raw, forbidden: isBad(raw, 8) || isBad(raw, 16) || isBad(raw, 0))
        }),
    ]

    /// Data processing (register), DDI 0403 A5.3.12, and its "Miscellaneous operations"
    /// (A5.3.15) rows of base ARMv7-M: `11111010 op1:4 Rn | 1111 Rd op2:4 Rm`. The parallel
    /// add/subtract rows, SXTAB/SXTAH/UXTAB/UXTAH, the 16-bit-pair extends, QADD/QSUB…, and
    /// SEL belong to the DSP extension (`dspRows`).
    static let dataProcessingRegisterRows: [EncodingRow] = [
        EncodingRow("LSL (register)", "T2", "DDI0403 A7.7.69", .v7M, "11111010 0 00 S:1 Rn:4 | 1111 Rd:4 0 000 Rm:4", { raw, _ in
            threeRegister(.lslRegisterT2, raw)
        }),
        EncodingRow("LSR (register)", "T2", "DDI0403 A7.7.71", .v7M, "11111010 0 01 S:1 Rn:4 | 1111 Rd:4 0 000 Rm:4", { raw, _ in
            threeRegister(.lsrRegisterT2, raw)
        }),
        EncodingRow("ASR (register)", "T2", "DDI0403 A7.7.11", .v7M, "11111010 0 10 S:1 Rn:4 | 1111 Rd:4 0 000 Rm:4", { raw, _ in
            threeRegister(.asrRegisterT2, raw)
        }),
        EncodingRow("ROR (register)", "T2", "DDI0403 A7.7.117", .v7M, "11111010 0 11 S:1 Rn:4 | 1111 Rd:4 0 000 Rm:4", { raw, _ in
            threeRegister(.rorRegisterT2, raw)
        }),
        EncodingRow("SXTH", "T2", "DDI0403 A7.7.184", .v7M, "11111010 0000 1111 | 1111 Rd:4 1 (0) rotate:2 Rm:4", { raw, _ in
            extend(.sxthT2, raw)
        }),
        EncodingRow("UXTH", "T2", "DDI0403 A7.7.223", .v7M, "11111010 0001 1111 | 1111 Rd:4 1 (0) rotate:2 Rm:4", { raw, _ in
            extend(.uxthT2, raw)
        }),
        EncodingRow("SXTB", "T2", "DDI0403 A7.7.182", .v7M, "11111010 0100 1111 | 1111 Rd:4 1 (0) rotate:2 Rm:4", { raw, _ in
            extend(.sxtbT2, raw)
        }),
        EncodingRow("UXTB", "T2", "DDI0403 A7.7.221", .v7M, "11111010 0101 1111 | 1111 Rd:4 1 (0) rotate:2 Rm:4", { raw, _ in
            extend(.uxtbT2, raw)
        }),
        EncodingRow("REV", "T2", "DDI0403 A7.7.113", .v7M, "11111010 1001 Rm:4 | 1111 Rd:4 1000 Rm:4", { raw, _ in
            miscellaneous(.revT2, raw)
        }),
        EncodingRow("REV16", "T2", "DDI0403 A7.7.114", .v7M, "11111010 1001 Rm:4 | 1111 Rd:4 1001 Rm:4", { raw, _ in
            miscellaneous(.rev16T2, raw)
        }),
        EncodingRow("RBIT", "T1", "DDI0403 A7.7.112", .v7M, "11111010 1001 Rm:4 | 1111 Rd:4 1010 Rm:4", { raw, _ in
            miscellaneous(.rbitT1, raw)
        }),
        EncodingRow("REVSH", "T2", "DDI0403 A7.7.115", .v7M, "11111010 1001 Rm:4 | 1111 Rd:4 1011 Rm:4", { raw, _ in
            miscellaneous(.revshT2, raw)
        }),
        EncodingRow("CLZ", "T1", "DDI0403 A7.7.24", .v7M, "11111010 1011 Rm:4 | 1111 Rd:4 1000 Rm:4", { raw, _ in
            miscellaneous(.clzT1, raw)
        }),
    ]

    /// Multiply, multiply accumulate (A5.3.16: `111110110 op1:3 Rn | Ra Rd 00 op2:2 Rm`) and long
    /// multiply, long multiply accumulate, divide (A5.3.17: `111110111 op1:3 Rn | RdLo RdHi op2:4 Rm`);
    /// the SMLA<x><y>/SMUL…/SMLAD…/SMMUL…/USAD8, SMLAL<x><y>/SMLALD/SMLSLD/UMAAL rows are the DSP
    /// extension's (`dspRows`).
    static let multiplyRows: [EncodingRow] = [
        EncodingRow("MUL", "T2", "DDI0403 A7.7.84", .v7M, "11111011 0000 Rn:4 | 1111 Rd:4 0000 Rm:4", { raw, _ in
            multiply(.mulT2, raw, a: 0, forbidden: isBad(raw, 8) || isBad(raw, 16) || isBad(raw, 0))
        }),
        EncodingRow("MLA", "T1", "DDI0403 A7.7.74", .v7M, "11111011 0000 Rn:4 | Ra:4 Rd:4 0000 Rm:4", { raw, _ in
            multiply(.mlaT1, raw, a: register(raw, 12, 4), forbidden: isBad(raw, 8) || isBad(raw, 16) || isBad(raw, 0) || isBad(raw, 12))
        }),
        EncodingRow("MLS", "T1", "DDI0403 A7.7.75", .v7M, "11111011 0000 Rn:4 | Ra:4 Rd:4 0001 Rm:4", { raw, _ in
            multiply(.mlsT1, raw, a: register(raw, 12, 4), forbidden: isBad(raw, 8) || isBad(raw, 16) || isBad(raw, 0) || isBad(raw, 12))
        }),
        EncodingRow("SMULL", "T1", "DDI0403 A7.7.149", .v7M, "11111011 1000 Rn:4 | RdLo:4 RdHi:4 0000 Rm:4", { raw, _ in
            longMultiply(.smullT1, raw)
        }),
        EncodingRow("SDIV", "T1", "DDI0403 A7.7.127", .v7M, "11111011 1001 Rn:4 | (1)(1)(1)(1) Rd:4 1111 Rm:4", { raw, _ in
            multiply(.sdivT1, raw, a: 0, forbidden: isBad(raw, 8) || isBad(raw, 16) || isBad(raw, 0))
        }),
        EncodingRow("UMULL", "T1", "DDI0403 A7.7.204", .v7M, "11111011 1010 Rn:4 | RdLo:4 RdHi:4 0000 Rm:4", { raw, _ in
            longMultiply(.umullT1, raw)
        }),
        EncodingRow("UDIV", "T1", "DDI0403 A7.7.195", .v7M, "11111011 1011 Rn:4 | (1)(1)(1)(1) Rd:4 1111 Rm:4", { raw, _ in
            multiply(.udivT1, raw, a: 0, forbidden: isBad(raw, 8) || isBad(raw, 16) || isBad(raw, 0))
        }),
        EncodingRow("SMLAL", "T1", "DDI0403 A7.7.138", .v7M, "11111011 1100 Rn:4 | RdLo:4 RdHi:4 0000 Rm:4", { raw, _ in
            longMultiply(.smlalT1, raw)
        }),
        EncodingRow("UMLAL", "T1", "DDI0403 A7.7.203", .v7M, "11111011 1110 Rn:4 | RdLo:4 RdHi:4 0000 Rm:4", { raw, _ in
            longMultiply(.umlalT1, raw)
        }),
    ]
}

// MARK: - Field decoding shared by the rows above

extension Encodings32 {
    /// BadReg(n) of the 4-bit register field at bit `low`: SP or PC (DDI 0403 A7.7 "BadReg").
    @inline(__always) static func isBad(_ raw: UInt32, _ low: Int) -> Bool {
        isBadRegister(register(raw, low, 4))
    }

    /// ThumbExpandImm_C (DDI 0403 A5.3.2) of `imm12` = i:imm3:imm8: the 32-bit value, and
    /// whether the carry out is the value's bit 31 (a rotation applied, imm12[11:10] ≠ 00) rather
    /// than the carry in. nil for the UNPREDICTABLE replicated patterns with imm8 = 0.
    public static func thumbExpandImmediate(_ imm12: UInt32) -> (value: UInt32, carryFromBit31: Bool)? {
        let imm8 = imm12 & 0xFF
        if imm12 >> 10 == 0 {
            switch (imm12 >> 8) & 3 {
            case 0: return (imm8, false)
            case 1: return imm8 == 0 ? nil : (imm8 << 16 | imm8, false)
            case 2: return imm8 == 0 ? nil : (imm8 << 24 | imm8 << 8, false)
            default: return imm8 == 0 ? nil : (imm8 * 0x0101_0101, false)
            }
        }
        let unrotated = 0x80 | (imm12 & 0x7F)
        let rotation = imm12 >> 7  // 8...31: never 0, so the rotated value is well defined
        return ((unrotated >> rotation) | (unrotated << (32 - rotation)), true)
    }

    /// A modified-immediate row (A5.3.1): `imm` is ThumbExpandImm(i:imm3:imm8), `options` bit 0
    /// is set when the expansion rotated (C := imm[31] for the logical ops with S).
    static func modifiedImmediate(_ op: Op, _ raw: UInt32, forbidden: Bool) -> Instruction {
        let imm12 = bits(raw, 26, 1) << 11 | bits(raw, 12, 3) << 8 | bits(raw, 0, 8)
        guard !forbidden, let (value, carryFromBit31) = thumbExpandImmediate(imm12) else {
            return .undefined(raw: raw, byteCount: 4)
        }
        return Instruction(
            op: op, d: register(raw, 8, 4), n: register(raw, 16, 4), options: carryFromBit31 ? 1 : 0,
            setsFlags: bits(raw, 20, 1) == 1, byteCount: 4, imm: value, raw: raw)
    }

    /// ADDW/SUBW and their SP forms (A5.3.3): `imm` is ZeroExtend(i:imm3:imm8); no flags.
    static func wideImmediate(_ op: Op, _ raw: UInt32, forbidden: Bool) -> Instruction {
        guard !forbidden else { return .undefined(raw: raw, byteCount: 4) }
        let imm12 = bits(raw, 26, 1) << 11 | bits(raw, 12, 3) << 8 | bits(raw, 0, 8)
        return Instruction(op: op, d: register(raw, 8, 4), n: register(raw, 16, 4), byteCount: 4, imm: imm12, raw: raw)
    }

    /// ADR T2/T3 (A7.7.7): `imm` is Align(PC, 4) ∓ imm12, resolved here; `options` bit 0 set for T2 (subtract).
    static func adr(_ raw: UInt32, _ address: UInt32, subtract: Bool) -> Instruction {
        guard !isBad(raw, 8) else { return .undefined(raw: raw, byteCount: 4) }
        let imm12 = bits(raw, 26, 1) << 11 | bits(raw, 12, 3) << 8 | bits(raw, 0, 8)
        let base = (address &+ 4) & ~3
        return Instruction(
            op: .adrT2, d: register(raw, 8, 4), n: 15, options: subtract ? 1 : 0, byteCount: 4,
            imm: subtract ? base &- imm12 : base &+ imm12, raw: raw)
    }

    /// MOVW/MOVT (A7.7.76 T3, A7.7.79): `imm` is imm4:i:imm3:imm8.
    static func moveWide(_ op: Op, _ raw: UInt32) -> Instruction {
        guard !isBad(raw, 8) else { return .undefined(raw: raw, byteCount: 4) }
        let imm16 = bits(raw, 16, 4) << 12 | bits(raw, 26, 1) << 11 | bits(raw, 12, 3) << 8 | bits(raw, 0, 8)
        return Instruction(op: op, d: register(raw, 8, 4), byteCount: 4, imm: imm16, raw: raw)
    }

    /// SSAT/USAT (A7.7.152, A7.7.213): `imm` is the saturation width (SSAT sat_imm+1 in 1…32,
    /// USAT sat_imm in 0…31); `options` bits 0-4 the shift amount, bit 5 set for ASR.
    static func saturate(_ op: Op, _ raw: UInt32) -> Instruction {
        guard !isBad(raw, 8), !isBad(raw, 16) else { return .undefined(raw: raw, byteCount: 4) }
        let amount = bits(raw, 12, 3) << 2 | bits(raw, 6, 2)
        let isArithmetic = bits(raw, 21, 1) == 1
        let width = bits(raw, 0, 5) + (op == .ssatT1 ? 1 : 0)
        return Instruction(
            op: op, d: register(raw, 8, 4), n: register(raw, 16, 4),
            options: UInt8(amount) | (isArithmetic ? 0x20 : 0), byteCount: 4, imm: width, raw: raw)
    }

    /// SBFX/UBFX (A7.7.126, A7.7.193): `options` is lsb, `imm` the width (1…32).
    static func bitFieldExtract(_ op: Op, _ raw: UInt32) -> Instruction {
        let lsb = bits(raw, 12, 3) << 2 | bits(raw, 6, 2)
        let width = bits(raw, 0, 5) + 1
        guard !isBad(raw, 8), !isBad(raw, 16), lsb + width <= 32 else { return .undefined(raw: raw, byteCount: 4) }
        return Instruction(op: op, d: register(raw, 8, 4), n: register(raw, 16, 4), options: UInt8(lsb), byteCount: 4, imm: width, raw: raw)
    }

    /// BFI/BFC (A7.7.14, A7.7.13): `imm` is the mask of bits msb:lsb, `options` is lsb.
    static func bitFieldInsert(_ op: Op, _ raw: UInt32) -> Instruction {
        let lsb = bits(raw, 12, 3) << 2 | bits(raw, 6, 2)
        let msb = bits(raw, 0, 5)
        let badSource = op == .bfiT1 && bits(raw, 16, 4) == 13
        guard !isBad(raw, 8), !badSource, msb >= lsb else { return .undefined(raw: raw, byteCount: 4) }
        let mask = (UInt32.max >> (31 - msb)) & (UInt32.max << lsb)
        return Instruction(op: op, d: register(raw, 8, 4), n: register(raw, 16, 4), options: UInt8(lsb), byteCount: 4, imm: mask, raw: raw)
    }

    /// A shifted-register row (A5.3.11): DecodeImmShift(type, imm3:imm2) (A7.4.2) into `options`
    /// bits 0-1 (SRType 0 LSL, 1 LSR, 2 ASR, 3 ROR) and bit 2 (RRX), and `imm` = shift amount
    /// (LSR/ASR #0 encode 32; ROR #0 is RRX, amount 1).
    static func shiftedRegister(_ op: Op, _ raw: UInt32, forbidden: Bool) -> Instruction {
        guard !forbidden else { return .undefined(raw: raw, byteCount: 4) }
        let type = UInt8(bits(raw, 4, 2))
        var amount = bits(raw, 12, 3) << 2 | bits(raw, 6, 2)
        var options = type
        switch type {
        case 1, 2: if amount == 0 { amount = 32 }
        case 3: if amount == 0 { amount = 1; options |= 4 }
        default: break
        }
        return Instruction(
            op: op, d: register(raw, 8, 4), n: register(raw, 16, 4), m: register(raw, 0, 4), options: options,
            setsFlags: bits(raw, 20, 1) == 1, byteCount: 4, imm: amount, raw: raw)
    }

    /// ADD/SUB (SP plus/minus register) with Rd = SP: only LSL #0-3 is predictable (A7.7.6, A7.7.177).
    static func badStackShift(_ raw: UInt32) -> Bool {
        bits(raw, 8, 4) == 13 && (bits(raw, 4, 2) != 0 || (bits(raw, 12, 3) << 2 | bits(raw, 6, 2)) > 3)
    }

    /// LSL/LSR/ASR/ROR (register) T2 (A5.3.12): Rd, Rn (value), Rm (amount); S in bit 20.
    static func threeRegister(_ op: Op, _ raw: UInt32) -> Instruction {
        guard !isBad(raw, 8), !isBad(raw, 16), !isBad(raw, 0) else { return .undefined(raw: raw, byteCount: 4) }
        return Instruction(
            op: op, d: register(raw, 8, 4), n: register(raw, 16, 4), m: register(raw, 0, 4),
            setsFlags: bits(raw, 20, 1) == 1, byteCount: 4, raw: raw)
    }

    /// SXTB/SXTH/UXTB/UXTH T2: `imm` is the rotation, 8 × rotate.
    static func extend(_ op: Op, _ raw: UInt32) -> Instruction {
        guard !isBad(raw, 8), !isBad(raw, 0) else { return .undefined(raw: raw, byteCount: 4) }
        return Instruction(op: op, d: register(raw, 8, 4), m: register(raw, 0, 4), byteCount: 4, imm: bits(raw, 4, 2) * 8, raw: raw)
    }

    /// CLZ, RBIT, REV, REV16, REVSH: Rm is encoded twice and both copies must agree ("Consistent(m)").
    static func miscellaneous(_ op: Op, _ raw: UInt32) -> Instruction {
        guard !isBad(raw, 8), !isBad(raw, 0), bits(raw, 16, 4) == bits(raw, 0, 4) else {
            return .undefined(raw: raw, byteCount: 4)
        }
        return Instruction(op: op, d: register(raw, 8, 4), m: register(raw, 0, 4), byteCount: 4, raw: raw)
    }

    /// MUL/MLA/MLS/SDIV/UDIV: Rd in bits 11:8, Rn 19:16, Rm 3:0, the accumulator `a` 15:12.
    static func multiply(_ op: Op, _ raw: UInt32, a: UInt8, forbidden: Bool) -> Instruction {
        guard !forbidden else { return .undefined(raw: raw, byteCount: 4) }
        return Instruction(op: op, d: register(raw, 8, 4), n: register(raw, 16, 4), m: register(raw, 0, 4), a: a, byteCount: 4, raw: raw)
    }

    /// SMULL/UMULL/SMLAL/UMLAL: `d` is RdLo (bits 15:12), `a` is RdHi (bits 11:8); RdHi = RdLo is UNPREDICTABLE.
    static func longMultiply(_ op: Op, _ raw: UInt32) -> Instruction {
        guard !isBad(raw, 12), !isBad(raw, 8), !isBad(raw, 16), !isBad(raw, 0), bits(raw, 12, 4) != bits(raw, 8, 4) else {
            return .undefined(raw: raw, byteCount: 4)
        }
        return Instruction(
            op: op, d: register(raw, 12, 4), n: register(raw, 16, 4), m: register(raw, 0, 4), a: register(raw, 8, 4),
            byteCount: 4, raw: raw)
    }
}
