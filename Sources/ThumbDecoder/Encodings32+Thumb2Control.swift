extension Encodings32 {
    /// Thumb-2 branches and miscellaneous control encodings (DDI 0403 A5.3.4), after the
    /// ARMv6-M rows of that space (MSR, MRS, DSB, DMB, ISB, UDF.W, BL).
    ///
    /// The hints and CLREX sit in B T3's space (cond = 111x, which is not a condition
    /// there) and come before it; B T3's decoder makes every other cond = 111x encoding
    /// UNDEFINED (the rest of the miscellaneous-control space: BXJ, SUBS PC, LR, the
    /// 32-bit CPS, unallocated barriers options). B T4 and B T3 are disjoint (hw2[12]).
    ///
    /// Inside an IT block the decoder gives every instruction the block's condition. A
    /// B T3 there is UNPREDICTABLE: armsim executes it with the IT condition in place of
    /// its own. B T4 not last in its block (also UNPREDICTABLE) simply executes.
    public static let thumb2ControlRows: [EncodingRow] = [
        EncodingRow("NOP", "T2", "DDI0403 A7.7.88", .v7M, "11110 0 111 01 0 (1)(1)(1)(1) | 10 (0) 0 (0) 000 00000000", { raw, _ in
            Instruction(op: .nop, byteCount: 4, raw: raw)
        }),
        EncodingRow("YIELD", "T2", "DDI0403 A7.7.263", .v7M, "11110 0 111 01 0 (1)(1)(1)(1) | 10 (0) 0 (0) 000 00000001", { raw, _ in
            Instruction(op: .nop, byteCount: 4, imm: 1, raw: raw)
        }),
        EncodingRow("WFE", "T2", "DDI0403 A7.7.261", .v7M, "11110 0 111 01 0 (1)(1)(1)(1) | 10 (0) 0 (0) 000 00000010", { raw, _ in
            Instruction(op: .wfe, byteCount: 4, raw: raw)
        }),
        EncodingRow("WFI", "T2", "DDI0403 A7.7.262", .v7M, "11110 0 111 01 0 (1)(1)(1)(1) | 10 (0) 0 (0) 000 00000011", { raw, _ in
            Instruction(op: .wfi, byteCount: 4, raw: raw)
        }),
        EncodingRow("SEV", "T2", "DDI0403 A7.7.129", .v7M, "11110 0 111 01 0 (1)(1)(1)(1) | 10 (0) 0 (0) 000 00000100", { raw, _ in
            Instruction(op: .sev, byteCount: 4, raw: raw)
        }),
        // DBG: a hint to the debug system, which armsim does not model: a NOP.
        EncodingRow("DBG", "T1", "DDI0403 A7.7.26", .v7M, "11110 0 111 01 0 (1)(1)(1)(1) | 10 (0) 0 (0) 000 1111 option:4", { raw, _ in
            Instruction(op: .nop, byteCount: 4, imm: 0xF0 | bits(raw, 0, 4), raw: raw)
        }),
        // "Other encodings in this space are unallocated hints. They execute as NOPs" (A5.3.4,
        // Hint instructions); hw2[10:8] != 000 (CPS on other profiles) is UNDEFINED.
        EncodingRow("Unallocated hint", "-", "DDI0403 A5.3.4", .v7M, "11110 0 111 01 0 (1)(1)(1)(1) | 10 (0) 0 (0) 000 hint:8", { raw, _ in
            Instruction(op: .nop, byteCount: 4, imm: bits(raw, 0, 8), raw: raw)
        }),
        EncodingRow("CLREX", "T1", "DDI0403 A7.7.23", .v7M, "11110 0 111 01 1 (1)(1)(1)(1) | 10 (0) 0 (1)(1)(1)(1) 0010 (1)(1)(1)(1)", { raw, _ in
            Instruction(op: .clrex, byteCount: 4, raw: raw)
        }),
        // B T4: I1 = NOT(J1 XOR S), I2 = NOT(J2 XOR S), imm32 = SignExtend(S:I1:I2:imm10:imm11:0).
        EncodingRow("B", "T4", "DDI0403 A7.7.12", .v7M, "11110 S:1 imm10:10 | 10 J1:1 1 J2:1 imm11:11", { raw, address in
            let s = bits(raw, 26, 1)
            let i1 = ~(bits(raw, 13, 1) ^ s) & 1
            let i2 = ~(bits(raw, 11, 1) ^ s) & 1
            let offset = (s << 24) | (i1 << 23) | (i2 << 22) | (bits(raw, 16, 10) << 12) | (bits(raw, 0, 11) << 1)
            return Instruction(op: .b, byteCount: 4, imm: address &+ 4 &+ signExtend(offset, width: 25), raw: raw)
        }),
        // B T3: imm32 = SignExtend(S:J2:J1:imm6:imm11:0), note J2 above J1.
        EncodingRow("B", "T3", "DDI0403 A7.7.12", .v7M, "11110 S:1 cond:4 imm6:6 | 10 J1:1 0 J2:1 imm11:11", { raw, address in
            guard let condition = Condition(rawValue: UInt8(bits(raw, 22, 4))) else { return .undefined(raw: raw, byteCount: 4) }
            guard condition != .al else { return .undefined(raw: raw, byteCount: 4) }
            let offset = (bits(raw, 26, 1) << 20) | (bits(raw, 11, 1) << 19) | (bits(raw, 13, 1) << 18)
                | (bits(raw, 16, 6) << 12) | (bits(raw, 0, 11) << 1)
            return Instruction(op: .bConditional, condition: condition, byteCount: 4, imm: address &+ 4 &+ signExtend(offset, width: 21), raw: raw)
        }),
    ]
}
