/// The 16-bit Thumb encodings of ARMv6-M (Arm DDI 0419 C, A5.2 and A6.7), one row
/// each. Rows are matched in order and the first match wins; overlapping rows sit
/// next to each other, most specific first, with a comment that says why.
public enum Encodings16 {
    /// The value of PC as an operand: the instruction's address plus 4 (A5.1.2).
    @inline(__always) static func pcValue(_ address: UInt32) -> UInt32 { address &+ 4 }

    private static func shiftImmediate(_ op: Op) -> EncodingRow.Decode {
        { raw, _ in
            var imm = bits(raw, 6, 5)
            if op != .lslImmediate && imm == 0 { imm = 32 }
            return Instruction(op: op, d: register(raw, 0), m: register(raw, 3), setsFlags: true, imm: imm, raw: raw)
        }
    }

    private static func threeRegister(_ op: Op) -> EncodingRow.Decode {
        { raw, _ in
            Instruction(op: op, d: register(raw, 0), n: register(raw, 3), m: register(raw, 6), setsFlags: true, raw: raw)
        }
    }

    private static func immediate3(_ op: Op) -> EncodingRow.Decode {
        { raw, _ in
            Instruction(op: op, d: register(raw, 0), n: register(raw, 3), setsFlags: true, imm: bits(raw, 6, 3), raw: raw)
        }
    }

    private static func immediate8(_ op: Op) -> EncodingRow.Decode {
        { raw, _ in
            let r = register(raw, 8)
            return Instruction(op: op, d: r, n: r, setsFlags: true, imm: bits(raw, 0, 8), raw: raw)
        }
    }

    /// Data-processing (register) rows `010000 opcode Rm Rdn`: Rd and Rn are the same register.
    private static func dataProcessing(_ op: Op) -> EncodingRow.Decode {
        { raw, _ in
            let rdn = register(raw, 0)
            return Instruction(op: op, d: rdn, n: rdn, m: register(raw, 3), setsFlags: true, raw: raw)
        }
    }

    private static func loadStoreRegister(_ op: Op) -> EncodingRow.Decode {
        { raw, _ in Instruction(op: op, d: register(raw, 0), n: register(raw, 3), m: register(raw, 6), raw: raw) }
    }

    private static func loadStoreImmediate(_ op: Op, scale: UInt32) -> EncodingRow.Decode {
        { raw, _ in Instruction(op: op, d: register(raw, 0), n: register(raw, 3), imm: bits(raw, 6, 5) * scale, raw: raw) }
    }

    private static func loadStoreSP(_ op: Op) -> EncodingRow.Decode {
        { raw, _ in Instruction(op: op, d: register(raw, 8), n: 13, imm: bits(raw, 0, 8) << 2, raw: raw) }
    }

    private static func extend(_ op: Op) -> EncodingRow.Decode {
        { raw, _ in Instruction(op: op, d: register(raw, 0), m: register(raw, 3), raw: raw) }
    }

    private static func hint(_ op: Op) -> EncodingRow.Decode {
        { raw, _ in Instruction(op: op, raw: raw) }
    }

    /// Every ARMv6-M 16-bit encoding.
    public static let rows: [EncodingRow] = [
        // Shift (immediate), add, subtract, move and compare: A5.2.1.
        EncodingRow("LSL (immediate)", "T1", "DDI0419 A6.7.35", .v6M, "00000 imm5:5 Rm:3 Rd:3", shiftImmediate(.lslImmediate)),
        EncodingRow("LSR (immediate)", "T1", "DDI0419 A6.7.37", .v6M, "00001 imm5:5 Rm:3 Rd:3", shiftImmediate(.lsrImmediate)),
        EncodingRow("ASR (immediate)", "T1", "DDI0419 A6.7.10", .v6M, "00010 imm5:5 Rm:3 Rd:3", shiftImmediate(.asrImmediate)),
        EncodingRow("ADD (register)", "T1", "DDI0419 A6.7.3", .v6M, "0001100 Rm:3 Rn:3 Rd:3", threeRegister(.addsRegister)),
        EncodingRow("SUB (register)", "T1", "DDI0419 A6.7.66", .v6M, "0001101 Rm:3 Rn:3 Rd:3", threeRegister(.subsRegister)),
        EncodingRow("ADD (immediate)", "T1", "DDI0419 A6.7.2", .v6M, "0001110 imm3:3 Rn:3 Rd:3", immediate3(.addsImmediate)),
        EncodingRow("SUB (immediate)", "T1", "DDI0419 A6.7.65", .v6M, "0001111 imm3:3 Rn:3 Rd:3", immediate3(.subsImmediate)),
        EncodingRow("MOV (immediate)", "T1", "DDI0419 A6.7.39", .v6M, "00100 Rd:3 imm8:8", immediate8(.movsImmediate)),
        EncodingRow("CMP (immediate)", "T1", "DDI0419 A6.7.17", .v6M, "00101 Rn:3 imm8:8", immediate8(.cmpImmediate)),
        EncodingRow("ADD (immediate)", "T2", "DDI0419 A6.7.2", .v6M, "00110 Rdn:3 imm8:8", immediate8(.addsImmediate)),
        EncodingRow("SUB (immediate)", "T2", "DDI0419 A6.7.65", .v6M, "00111 Rdn:3 imm8:8", immediate8(.subsImmediate)),

        // Data processing (register): A5.2.2.
        EncodingRow("AND (register)", "T1", "DDI0419 A6.7.9", .v6M, "010000 0000 Rm:3 Rdn:3", dataProcessing(.andsRegister)),
        EncodingRow("EOR (register)", "T1", "DDI0419 A6.7.24", .v6M, "010000 0001 Rm:3 Rdn:3", dataProcessing(.eorsRegister)),
        EncodingRow("LSL (register)", "T1", "DDI0419 A6.7.36", .v6M, "010000 0010 Rm:3 Rdn:3", dataProcessing(.lslsRegister)),
        EncodingRow("LSR (register)", "T1", "DDI0419 A6.7.38", .v6M, "010000 0011 Rm:3 Rdn:3", dataProcessing(.lsrsRegister)),
        EncodingRow("ASR (register)", "T1", "DDI0419 A6.7.11", .v6M, "010000 0100 Rm:3 Rdn:3", dataProcessing(.asrsRegister)),
        EncodingRow("ADC (register)", "T1", "DDI0419 A6.7.1", .v6M, "010000 0101 Rm:3 Rdn:3", dataProcessing(.adcsRegister)),
        EncodingRow("SBC (register)", "T1", "DDI0419 A6.7.58", .v6M, "010000 0110 Rm:3 Rdn:3", dataProcessing(.sbcsRegister)),
        EncodingRow("ROR (register)", "T1", "DDI0419 A6.7.55", .v6M, "010000 0111 Rm:3 Rdn:3", dataProcessing(.rorsRegister)),
        EncodingRow("TST (register)", "T1", "DDI0419 A6.7.71", .v6M, "010000 1000 Rm:3 Rn:3", dataProcessing(.tstRegister)),
        EncodingRow("RSB (immediate)", "T1", "DDI0419 A6.7.56", .v6M, "010000 1001 Rn:3 Rd:3", { raw, _ in
            Instruction(op: .rsbsImmediate, d: register(raw, 0), n: register(raw, 3), setsFlags: true, raw: raw)
        }),
        EncodingRow("CMP (register)", "T1", "DDI0419 A6.7.18", .v6M, "010000 1010 Rm:3 Rn:3", dataProcessing(.cmpRegister)),
        EncodingRow("CMN (register)", "T1", "DDI0419 A6.7.16", .v6M, "010000 1011 Rm:3 Rn:3", dataProcessing(.cmnRegister)),
        EncodingRow("ORR (register)", "T1", "DDI0419 A6.7.48", .v6M, "010000 1100 Rm:3 Rdn:3", dataProcessing(.orrsRegister)),
        EncodingRow("MUL", "T1", "DDI0419 A6.7.44", .v6M, "010000 1101 Rn:3 Rdm:3", { raw, _ in
            let rdm = register(raw, 0)
            return Instruction(op: .mulsRegister, d: rdm, n: register(raw, 3), m: rdm, setsFlags: true, raw: raw)
        }),
        EncodingRow("BIC (register)", "T1", "DDI0419 A6.7.13", .v6M, "010000 1110 Rm:3 Rdn:3", dataProcessing(.bicsRegister)),
        EncodingRow("MVN (register)", "T1", "DDI0419 A6.7.46", .v6M, "010000 1111 Rm:3 Rd:3", { raw, _ in
            Instruction(op: .mvnsRegister, d: register(raw, 0), m: register(raw, 3), setsFlags: true, raw: raw)
        }),

        // Special data instructions and branch and exchange: A5.2.3.
        // UNPREDICTABLE choice: ADD PC, PC executes as written (branch to PC+4+PC).
        EncodingRow("ADD (register)", "T2", "DDI0419 A6.7.3", .v6M, "01000100 DN:1 Rm:4 Rdn:3", { raw, _ in
            let rdn = register(raw, 0) | (register(raw, 7, 1) << 3)
            return Instruction(op: .addRegisterHigh, d: rdn, n: rdn, m: register(raw, 3, 4), raw: raw)
        }),
        // UNPREDICTABLE choice: CMP with two low registers or PC operands compares as written.
        EncodingRow("CMP (register)", "T2", "DDI0419 A6.7.18", .v6M, "01000101 N:1 Rm:4 Rn:3", { raw, _ in
            let rn = register(raw, 0) | (register(raw, 7, 1) << 3)
            return Instruction(op: .cmpRegister, n: rn, m: register(raw, 3, 4), setsFlags: true, raw: raw)
        }),
        EncodingRow("MOV (register)", "T1", "DDI0419 A6.7.40", .v6M, "01000110 D:1 Rm:4 Rd:3", { raw, _ in
            let rd = register(raw, 0) | (register(raw, 7, 1) << 3)
            return Instruction(op: .movRegister, d: rd, m: register(raw, 3, 4), raw: raw)
        }),
        EncodingRow("BX", "T1", "DDI0419 A6.7.15", .v6M, "010001110 Rm:4 (0)(0)(0)", { raw, _ in
            Instruction(op: .bx, m: register(raw, 3, 4), raw: raw)
        }),
        // UNPREDICTABLE choice: BLX PC branches to PC+4 in ARM state, which faults (INVSTATE).
        EncodingRow("BLX (register)", "T1", "DDI0419 A6.7.14", .v6M, "010001111 Rm:4 (0)(0)(0)", { raw, _ in
            Instruction(op: .blxRegister, m: register(raw, 3, 4), raw: raw)
        }),

        EncodingRow("LDR (literal)", "T1", "DDI0419 A6.7.27", .v6M, "01001 Rt:3 imm8:8", { raw, address in
            let base = pcValue(address) & ~3
            return Instruction(op: .ldrLiteral, d: register(raw, 8), n: 15, imm: base &+ (bits(raw, 0, 8) << 2), raw: raw)
        }),

        // Load/store single data item: A5.2.4.
        EncodingRow("STR (register)", "T1", "DDI0419 A6.7.62", .v6M, "0101000 Rm:3 Rn:3 Rt:3", loadStoreRegister(.strRegister)),
        EncodingRow("STRH (register)", "T1", "DDI0419 A6.7.64", .v6M, "0101001 Rm:3 Rn:3 Rt:3", loadStoreRegister(.strhRegister)),
        EncodingRow("STRB (register)", "T1", "DDI0419 A6.7.63", .v6M, "0101010 Rm:3 Rn:3 Rt:3", loadStoreRegister(.strbRegister)),
        EncodingRow("LDRSB (register)", "T1", "DDI0419 A6.7.33", .v6M, "0101011 Rm:3 Rn:3 Rt:3", loadStoreRegister(.ldrsbRegister)),
        EncodingRow("LDR (register)", "T1", "DDI0419 A6.7.28", .v6M, "0101100 Rm:3 Rn:3 Rt:3", loadStoreRegister(.ldrRegister)),
        EncodingRow("LDRH (register)", "T1", "DDI0419 A6.7.32", .v6M, "0101101 Rm:3 Rn:3 Rt:3", loadStoreRegister(.ldrhRegister)),
        EncodingRow("LDRB (register)", "T1", "DDI0419 A6.7.30", .v6M, "0101110 Rm:3 Rn:3 Rt:3", loadStoreRegister(.ldrbRegister)),
        EncodingRow("LDRSH (register)", "T1", "DDI0419 A6.7.34", .v6M, "0101111 Rm:3 Rn:3 Rt:3", loadStoreRegister(.ldrshRegister)),
        EncodingRow("STR (immediate)", "T1", "DDI0419 A6.7.61", .v6M, "01100 imm5:5 Rn:3 Rt:3", loadStoreImmediate(.strImmediate, scale: 4)),
        EncodingRow("LDR (immediate)", "T1", "DDI0419 A6.7.26", .v6M, "01101 imm5:5 Rn:3 Rt:3", loadStoreImmediate(.ldrImmediate, scale: 4)),
        EncodingRow("STRB (immediate)", "T1", "DDI0419 A6.7.62", .v6M, "01110 imm5:5 Rn:3 Rt:3", loadStoreImmediate(.strbImmediate, scale: 1)),
        EncodingRow("LDRB (immediate)", "T1", "DDI0419 A6.7.29", .v6M, "01111 imm5:5 Rn:3 Rt:3", loadStoreImmediate(.ldrbImmediate, scale: 1)),
        EncodingRow("STRH (immediate)", "T1", "DDI0419 A6.7.63", .v6M, "10000 imm5:5 Rn:3 Rt:3", loadStoreImmediate(.strhImmediate, scale: 2)),
        EncodingRow("LDRH (immediate)", "T1", "DDI0419 A6.7.31", .v6M, "10001 imm5:5 Rn:3 Rt:3", loadStoreImmediate(.ldrhImmediate, scale: 2)),
        EncodingRow("STR (immediate)", "T2", "DDI0419 A6.7.61", .v6M, "10010 Rt:3 imm8:8", loadStoreSP(.strImmediate)),
        EncodingRow("LDR (immediate)", "T2", "DDI0419 A6.7.26", .v6M, "10011 Rt:3 imm8:8", loadStoreSP(.ldrImmediate)),

        EncodingRow("ADR", "T1", "DDI0419 A6.7.7", .v6M, "10100 Rd:3 imm8:8", { raw, address in
            let base = pcValue(address) & ~3
            return Instruction(op: .adr, d: register(raw, 8), imm: base &+ (bits(raw, 0, 8) << 2), raw: raw)
        }),
        EncodingRow("ADD (SP plus immediate)", "T1", "DDI0419 A6.7.5", .v6M, "10101 Rd:3 imm8:8", { raw, _ in
            Instruction(op: .addSPImmediate, d: register(raw, 8), n: 13, imm: bits(raw, 0, 8) << 2, raw: raw)
        }),

        // Miscellaneous 16-bit instructions: A5.2.5.
        EncodingRow("ADD (SP plus immediate)", "T2", "DDI0419 A6.7.5", .v6M, "101100000 imm7:7", { raw, _ in
            Instruction(op: .addSPImmediate, d: 13, n: 13, imm: bits(raw, 0, 7) << 2, raw: raw)
        }),
        EncodingRow("SUB (SP minus immediate)", "T1", "DDI0419 A6.7.67", .v6M, "101100001 imm7:7", { raw, _ in
            Instruction(op: .subSPImmediate, d: 13, n: 13, imm: bits(raw, 0, 7) << 2, raw: raw)
        }),
        EncodingRow("SXTH", "T1", "DDI0419 A6.7.70", .v6M, "1011001000 Rm:3 Rd:3", extend(.sxth)),
        EncodingRow("SXTB", "T1", "DDI0419 A6.7.69", .v6M, "1011001001 Rm:3 Rd:3", extend(.sxtb)),
        EncodingRow("UXTH", "T1", "DDI0419 A6.7.75", .v6M, "1011001010 Rm:3 Rd:3", extend(.uxth)),
        EncodingRow("UXTB", "T1", "DDI0419 A6.7.74", .v6M, "1011001011 Rm:3 Rd:3", extend(.uxtb)),
        // UNPREDICTABLE choice: an empty register list (PUSH {}) executes as a no-op of 1 cycle.
        EncodingRow("PUSH", "T1", "DDI0419 A6.7.50", .v6M, "1011010 M:1 register_list:8", { raw, _ in
            Instruction(op: .push, n: 13, imm: bits(raw, 0, 8) | (bits(raw, 8, 1) << 14), raw: raw)
        }),
        // ARMv7-M gives bit 1 (I, PRIMASK) and bit 0 (F, FAULTMASK) a meaning (DDI 0403
        // B5.2.1); ARMv6-M draws them as (1)(0): `options` carries both.
        EncodingRow("CPS", "T1", "DDI0419 B4.2.1", .v6M, "10110110011 im:1 (0) (0) I:1 F:1", { raw, _ in
            Instruction(op: .cps, options: UInt8(bits(raw, 0, 2)), imm: bits(raw, 4, 1), raw: raw)
        }),
        EncodingRow("REV", "T1", "DDI0419 A6.7.52", .v6M, "1011101000 Rm:3 Rd:3", extend(.rev)),
        EncodingRow("REV16", "T1", "DDI0419 A6.7.53", .v6M, "1011101001 Rm:3 Rd:3", extend(.rev16)),
        EncodingRow("REVSH", "T1", "DDI0419 A6.7.54", .v6M, "1011101011 Rm:3 Rd:3", extend(.revsh)),
        EncodingRow("POP", "T1", "DDI0419 A6.7.49", .v6M, "1011110 P:1 register_list:8", { raw, _ in
            Instruction(op: .pop, n: 13, imm: bits(raw, 0, 8) | (bits(raw, 8, 1) << 15), raw: raw)
        }),
        EncodingRow("BKPT", "T1", "DDI0419 A6.7.12", .v6M, "10111110 imm8:8", { raw, _ in
            Instruction(op: .bkpt, imm: bits(raw, 0, 8), raw: raw)
        }),
        // Hints (A5.2.5, "If-Then, and hints"): opB must be 0000; other opB values are IT on v7-M.
        EncodingRow("NOP", "T1", "DDI0419 A6.7.47", .v6M, "1011111100000000", hint(.nop)),
        EncodingRow("YIELD", "T1", "DDI0419 A6.7.76", .v6M, "1011111100010000", hint(.nop)),
        EncodingRow("WFE", "T1", "DDI0419 A6.7.77", .v6M, "1011111100100000", hint(.wfe)),
        EncodingRow("WFI", "T1", "DDI0419 A6.7.78", .v6M, "1011111100110000", hint(.wfi)),
        EncodingRow("SEV", "T1", "DDI0419 A6.7.60", .v6M, "1011111101000000", hint(.sev)),

        // UNPREDICTABLE choice: an empty register list executes as a no-op that still writes back nothing.
        EncodingRow("STM", "T1", "DDI0419 A6.7.59", .v6M, "11000 Rn:3 register_list:8", { raw, _ in
            Instruction(op: .stm, n: register(raw, 8), imm: bits(raw, 0, 8), raw: raw)
        }),
        EncodingRow("LDM", "T1", "DDI0419 A6.7.25", .v6M, "11001 Rn:3 register_list:8", { raw, _ in
            Instruction(op: .ldm, n: register(raw, 8), imm: bits(raw, 0, 8), raw: raw)
        }),

        // Conditional branch and supervisor call: A5.2.6. cond 1110 and 1111 are UDF and SVC,
        // so those rows come before the general B<cond> row.
        EncodingRow("UDF", "T1", "DDI0419 A6.7.73", .v6M, "11011110 imm8:8", { raw, _ in
            Instruction(op: .udf, imm: bits(raw, 0, 8), raw: raw)
        }),
        EncodingRow("SVC", "T1", "DDI0419 A6.7.68", .v6M, "11011111 imm8:8", { raw, _ in
            Instruction(op: .svc, imm: bits(raw, 0, 8), raw: raw)
        }),
        EncodingRow("B", "T1", "DDI0419 A6.7.10", .v6M, "1101 cond:4 imm8:8", { raw, address in
            let offset = signExtend(bits(raw, 0, 8) << 1, width: 9)
            return Instruction(
                op: .bConditional, condition: Condition(rawValue: UInt8(bits(raw, 8, 4))) ?? .al,
                imm: pcValue(address) &+ offset, raw: raw)
        }),
        EncodingRow("B", "T2", "DDI0419 A6.7.10", .v6M, "11100 imm11:11", { raw, address in
            let offset = signExtend(bits(raw, 0, 11) << 1, width: 12)
            return Instruction(op: .b, imm: pcValue(address) &+ offset, raw: raw)
        }),

        // ARMv7-M additions to the 16-bit space (DDI 0403 A5.2.5). They do not overlap
        // any ARMv6-M row except IT, whose mask 0000 space holds the hints above.
        EncodingRow("CBZ", "T1", "DDI0403 A7.7.21", .v7M, "101100 i:1 1 imm5:5 Rn:3", compareAndBranch(nonZero: false)),
        EncodingRow("CBNZ", "T1", "DDI0403 A7.7.21", .v7M, "101110 i:1 1 imm5:5 Rn:3", compareAndBranch(nonZero: true)),
        // Unallocated hints execute as NOPs on ARMv7-M (DDI 0403 A5.2.5); mask 0000 is
        // not an IT, so this row comes before IT.
        EncodingRow("NOP (unallocated hint)", "T1", "DDI0403 A5.2.5", .v7M, "10111111 opA:4 0000", hint(.nop)),
        EncodingRow("IT", "T1", "DDI0403 A7.7.38", .v7M, "10111111 firstcond:4 mask:4", { raw, _ in
            Instruction(op: .it, imm: bits(raw, 0, 8), raw: raw)
        }),
    ]

    private static func compareAndBranch(nonZero: Bool) -> EncodingRow.Decode {
        { raw, address in
            let offset = (bits(raw, 9, 1) << 6) | (bits(raw, 3, 5) << 1)
            return Instruction(op: .compareAndBranch, n: register(raw, 0), options: nonZero ? 1 : 0, imm: pcValue(address) &+ offset, raw: raw)
        }
    }
}
