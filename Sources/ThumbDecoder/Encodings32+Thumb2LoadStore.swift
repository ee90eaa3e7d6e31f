extension Encodings32 {
    /// Thumb-2 load and store encodings (DDI 0403 A5.3.5-A5.3.10), matched in order.
    ///
    /// Groups, each with its overlaps resolved by order (checked by
    /// `Thumb2LoadStoreEncodingTests`):
    /// - load/store multiple (A5.3.5): PUSH T2 / POP T2 are the SP-with-writeback forms
    ///   of STMDB / LDM and come before them;
    /// - exclusives and table branch (A5.3.6, P = 0 and W = 0) come before LDRD/STRD,
    ///   whose rows decode P = 0, W = 0 as UNDEFINED; LDRD (literal) (Rn = 1111) before LDRD;
    /// - single loads (A5.3.7-A5.3.9): the literal rows (Rn = 1111) come first, then the
    ///   memory hints (Rt = 1111 of the byte and halfword spaces), then PUSH/POP T3,
    ///   then the immediate and register forms.
    ///
    /// UNPREDICTABLE choices (DDI 0403 allows any behaviour; armsim's is written here and
    /// in each decoder): registers the manual calls BadReg that would make no sense (PC
    /// as Rt of a store, byte/halfword load, LDRD/STRD/LDREX/STREX, or as Rm) decode as
    /// UNDEFINED; SP in those places executes normally. Writeback with Rn = Rt executes
    /// the pseudocode in order (a load's data wins, a store stores the original Rt).
    /// Should-be bits are ignored (EncodingRow).
    public static let thumb2LoadStoreRows: [EncodingRow] = [
        // MARK: Load/store multiple (A5.3.5)
        // Register list bit 13 (and bit 15 for stores) are should-be-zero: ignored.
        EncodingRow("PUSH", "T2", "DDI0403 A7.7.101", .v7M, "1110100100 1 0 1101 | (0) M:1 (0) register_list:13", { raw, _ in
            multiple(.stmdb, raw, list: bits(raw, 0, 13) | bits(raw, 14, 1) << 14)
        }),
        EncodingRow("POP", "T2", "DDI0403 A7.7.99", .v7M, "1110100010 1 1 1101 | P:1 M:1 (0) register_list:13", { raw, _ in
            multiple(.ldmWide, raw, list: bits(raw, 0, 13) | bits(raw, 14, 2) << 14)
        }),
        EncodingRow("STM", "T2", "DDI0403 A7.7.159", .v7M, "1110100010 W:1 0 Rn:4 | (0) M:1 (0) register_list:13", { raw, _ in
            multiple(.stmWide, raw, list: bits(raw, 0, 13) | bits(raw, 14, 1) << 14)
        }),
        EncodingRow("LDM", "T2", "DDI0403 A7.7.41", .v7M, "1110100010 W:1 1 Rn:4 | P:1 M:1 (0) register_list:13", { raw, _ in
            multiple(.ldmWide, raw, list: bits(raw, 0, 13) | bits(raw, 14, 2) << 14)
        }),
        EncodingRow("STMDB", "T1", "DDI0403 A7.7.160", .v7M, "1110100100 W:1 0 Rn:4 | (0) M:1 (0) register_list:13", { raw, _ in
            multiple(.stmdb, raw, list: bits(raw, 0, 13) | bits(raw, 14, 1) << 14)
        }),
        EncodingRow("LDMDB", "T1", "DDI0403 A7.7.42", .v7M, "1110100100 W:1 1 Rn:4 | P:1 M:1 (0) register_list:13", { raw, _ in
            multiple(.ldmdb, raw, list: bits(raw, 0, 13) | bits(raw, 14, 2) << 14)
        }),

        // MARK: Load/store dual or exclusive, table branch (A5.3.6)
        EncodingRow("STREX", "T1", "DDI0403 A7.7.167", .v7M, "111010000100 Rn:4 | Rt:4 Rd:4 imm8:8", { raw, _ in
            exclusive(.strex, raw, d: register(raw, 8, 4), t: register(raw, 12, 4), imm: bits(raw, 0, 8) << 2)
        }),
        EncodingRow("LDREX", "T1", "DDI0403 A7.7.52", .v7M, "111010000101 Rn:4 | Rt:4 (1)(1)(1)(1) imm8:8", { raw, _ in
            exclusive(.ldrex, raw, d: register(raw, 12, 4), t: 0, imm: bits(raw, 0, 8) << 2)
        }),
        EncodingRow("STREXB", "T1", "DDI0403 A7.7.168", .v7M, "111010001100 Rn:4 | Rt:4 (1)(1)(1)(1) 0100 Rd:4", { raw, _ in
            exclusive(.strexb, raw, d: register(raw, 0, 4), t: register(raw, 12, 4), imm: 0)
        }),
        EncodingRow("STREXH", "T1", "DDI0403 A7.7.169", .v7M, "111010001100 Rn:4 | Rt:4 (1)(1)(1)(1) 0101 Rd:4", { raw, _ in
            exclusive(.strexh, raw, d: register(raw, 0, 4), t: register(raw, 12, 4), imm: 0)
        }),
        // TBB/TBH: Rn may be PC (the table follows the instruction); Rm = SP or PC is
        // UNPREDICTABLE: UNDEFINED. Not the last instruction of an IT block: executes.
        EncodingRow("TBB", "T1", "DDI0403 A7.7.185", .v7M, "111010001101 Rn:4 | (1)(1)(1)(1)(0)(0)(0)(0) 0000 Rm:4", { raw, _ in
            tableBranch(.tbb, raw)
        }),
        EncodingRow("TBH", "T1", "DDI0403 A7.7.185", .v7M, "111010001101 Rn:4 | (1)(1)(1)(1)(0)(0)(0)(0) 0001 Rm:4", { raw, _ in
            tableBranch(.tbh, raw)
        }),
        EncodingRow("LDREXB", "T1", "DDI0403 A7.7.53", .v7M, "111010001101 Rn:4 | Rt:4 (1)(1)(1)(1) 0100 (1)(1)(1)(1)", { raw, _ in
            exclusive(.ldrexb, raw, d: register(raw, 12, 4), t: 0, imm: 0)
        }),
        EncodingRow("LDREXH", "T1", "DDI0403 A7.7.54", .v7M, "111010001101 Rn:4 | Rt:4 (1)(1)(1)(1) 0101 (1)(1)(1)(1)", { raw, _ in
            exclusive(.ldrexh, raw, d: register(raw, 12, 4), t: 0, imm: 0)
        }),
        EncodingRow("LDRD (literal)", "T1", "DDI0403 A7.7.51", .v7M, "1110100 P:1 U:1 1 W:1 1 1111 | Rt:4 Rt2:4 imm8:8", { raw, address in
            dual(.ldrdLiteral, raw, address: address)
        }),
        EncodingRow("LDRD (immediate)", "T1", "DDI0403 A7.7.50", .v7M, "1110100 P:1 U:1 1 W:1 1 Rn:4 | Rt:4 Rt2:4 imm8:8", { raw, address in
            dual(.ldrdImmediate, raw, address: address)
        }),
        EncodingRow("STRD (immediate)", "T1", "DDI0403 A7.7.166", .v7M, "1110100 P:1 U:1 1 W:1 0 Rn:4 | Rt:4 Rt2:4 imm8:8", { raw, address in
            dual(.strdImmediate, raw, address: address)
        }),

        // MARK: Literal loads (Rn = 1111; A5.3.7-A5.3.9)
        EncodingRow("PLD (literal)", "T1", "DDI0403 A7.7.96", .v7M, "11111000 U:1 0011111 | 1111 imm12:12", { raw, address in
            Instruction(op: .preload, n: 15, byteCount: 4, imm: literalAddress(raw, address), raw: raw)
        }),
        EncodingRow("PLI (literal)", "T3", "DDI0403 A7.7.98", .v7M, "11111001 U:1 0011111 | 1111 imm12:12", { raw, address in
            Instruction(op: .preload, n: 15, options: 1, byteCount: 4, imm: literalAddress(raw, address), raw: raw)
        }),
        // Rt = 1111 in the halfword space: "unallocated memory hints (treat as NOP)" (A5.3.8).
        EncodingRow("Unallocated memory hint (literal)", "-", "DDI0403 A5.3.8", .v7M, "1111100 S:1 U:1 0111111 | 1111 imm12:12", { raw, _ in
            Instruction(op: .preload, n: 15, options: 2, byteCount: 4, raw: raw)
        }),
        EncodingRow("LDRB (literal)", "T1", "DDI0403 A7.7.47", .v7M, "11111000 U:1 0011111 | Rt:4 imm12:12", { raw, address in
            literal(.ldrbLiteral, raw, address: address)
        }),
        EncodingRow("LDRSB (literal)", "T1", "DDI0403 A7.7.60", .v7M, "11111001 U:1 0011111 | Rt:4 imm12:12", { raw, address in
            literal(.ldrsbLiteral, raw, address: address)
        }),
        EncodingRow("LDRH (literal)", "T1", "DDI0403 A7.7.56", .v7M, "11111000 U:1 0111111 | Rt:4 imm12:12", { raw, address in
            literal(.ldrhLiteral, raw, address: address)
        }),
        EncodingRow("LDRSH (literal)", "T1", "DDI0403 A7.7.64", .v7M, "11111001 U:1 0111111 | Rt:4 imm12:12", { raw, address in
            literal(.ldrshLiteral, raw, address: address)
        }),
        // Rt = PC: a load to PC (interworking branch); the address must be word-aligned
        // (UNPREDICTABLE otherwise: armsim raises UNALIGNED).
        EncodingRow("LDR (literal)", "T2", "DDI0403 A7.7.44", .v7M, "11111000 U:1 1011111 | Rt:4 imm12:12", { raw, address in
            literal(.ldrLiteralWide, raw, address: address)
        }),

        // MARK: Memory hints (Rt = 1111; A5.3.8, A5.3.9)
        // Register forms with Rm = SP/PC are UNPREDICTABLE: the hint executes as a NOP.
        EncodingRow("PLD (immediate)", "T1", "DDI0403 A7.7.95", .v7M, "111110001001 Rn:4 | 1111 imm12:12", { raw, _ in
            Instruction(op: .preload, n: register(raw, 16, 4), byteCount: 4, imm: bits(raw, 0, 12), raw: raw)
        }),
        EncodingRow("PLD (immediate)", "T2", "DDI0403 A7.7.95", .v7M, "111110000001 Rn:4 | 1111 1100 imm8:8", { raw, _ in
            Instruction(op: .preload, n: register(raw, 16, 4), byteCount: 4, imm: 0 &- bits(raw, 0, 8), raw: raw)
        }),
        EncodingRow("PLD (register)", "T1", "DDI0403 A7.7.97", .v7M, "111110000001 Rn:4 | 1111 000000 imm2:2 Rm:4", { raw, _ in
            Instruction(op: .preload, n: register(raw, 16, 4), m: register(raw, 0, 4), options: 4, byteCount: 4, imm: bits(raw, 4, 2), raw: raw)
        }),
        EncodingRow("PLI (immediate)", "T1", "DDI0403 A7.7.98", .v7M, "111110011001 Rn:4 | 1111 imm12:12", { raw, _ in
            Instruction(op: .preload, n: register(raw, 16, 4), options: 1, byteCount: 4, imm: bits(raw, 0, 12), raw: raw)
        }),
        EncodingRow("PLI (immediate)", "T2", "DDI0403 A7.7.98", .v7M, "111110010001 Rn:4 | 1111 1100 imm8:8", { raw, _ in
            Instruction(op: .preload, n: register(raw, 16, 4), options: 1, byteCount: 4, imm: 0 &- bits(raw, 0, 8), raw: raw)
        }),
        EncodingRow("PLI (register)", "T1", "DDI0403 A7.7.99", .v7M, "111110010001 Rn:4 | 1111 000000 imm2:2 Rm:4", { raw, _ in
            Instruction(op: .preload, n: register(raw, 16, 4), m: register(raw, 0, 4), options: 5, byteCount: 4, imm: bits(raw, 4, 2), raw: raw)
        }),
        EncodingRow("Unallocated memory hint (immediate)", "-", "DDI0403 A5.3.8", .v7M, "1111100 S:1 1011 Rn:4 | 1111 imm12:12", { raw, _ in
            Instruction(op: .preload, n: register(raw, 16, 4), options: 2, byteCount: 4, raw: raw)
        }),
        EncodingRow("Unallocated memory hint (negative immediate)", "-", "DDI0403 A5.3.8", .v7M, "1111100 S:1 0011 Rn:4 | 1111 1100 imm8:8", { raw, _ in
            Instruction(op: .preload, n: register(raw, 16, 4), options: 2, byteCount: 4, raw: raw)
        }),
        EncodingRow("Unallocated memory hint (register)", "-", "DDI0403 A5.3.8", .v7M, "1111100 S:1 0011 Rn:4 | 1111 000000 imm2:2 Rm:4", { raw, _ in
            Instruction(op: .preload, n: register(raw, 16, 4), options: 2, byteCount: 4, raw: raw)
        }),

        // MARK: PUSH/POP of one register (A7.7.99 T3, A7.7.101 T3): STR/LDR forms on SP
        EncodingRow("PUSH", "T3", "DDI0403 A7.7.101", .v7M, "1111100001001101 | Rt:4 110100000100", { raw, _ in
            single(.strImmediateWide, raw, size: 4, isLoad: false)
        }),
        EncodingRow("POP", "T3", "DDI0403 A7.7.99", .v7M, "1111100001011101 | Rt:4 101100000100", { raw, _ in
            single(.ldrImmediateWide, raw, size: 4, isLoad: true)
        }),

        // MARK: Single loads and stores, immediate and register forms (A5.3.7-A5.3.10)
        // imm12 rows (T2/T3) have hw1[7] = 1; imm8 rows are "1 P U W imm8", register rows
        // "000000 imm2 Rm"; hw2[11:6] other than these is UNDEFINED (no row).
        EncodingRow("LDR (immediate)", "T3", "DDI0403 A7.7.43", .v7M, "111110001101 Rn:4 | Rt:4 imm12:12", { raw, _ in
            single(.ldrImmediateWide, raw, size: 4, isLoad: true)
        }),
        EncodingRow("LDR (immediate)", "T4", "DDI0403 A7.7.43", .v7M, "111110000101 Rn:4 | Rt:4 1 P:1 U:1 W:1 imm8:8", { raw, _ in
            single(.ldrImmediateWide, raw, size: 4, isLoad: true)
        }),
        EncodingRow("LDR (register)", "T2", "DDI0403 A7.7.45", .v7M, "111110000101 Rn:4 | Rt:4 000000 imm2:2 Rm:4", { raw, _ in
            registerOffset(.ldrRegisterWide, raw, isLoad: true)
        }),
        EncodingRow("LDRB (immediate)", "T2", "DDI0403 A7.7.46", .v7M, "111110001001 Rn:4 | Rt:4 imm12:12", { raw, _ in
            single(.ldrbImmediateWide, raw, size: 1, isLoad: true)
        }),
        EncodingRow("LDRB (immediate)", "T3", "DDI0403 A7.7.46", .v7M, "111110000001 Rn:4 | Rt:4 1 P:1 U:1 W:1 imm8:8", { raw, _ in
            single(.ldrbImmediateWide, raw, size: 1, isLoad: true)
        }),
        EncodingRow("LDRB (register)", "T2", "DDI0403 A7.7.48", .v7M, "111110000001 Rn:4 | Rt:4 000000 imm2:2 Rm:4", { raw, _ in
            registerOffset(.ldrbRegisterWide, raw, isLoad: true)
        }),
        EncodingRow("LDRSB (immediate)", "T1", "DDI0403 A7.7.59", .v7M, "111110011001 Rn:4 | Rt:4 imm12:12", { raw, _ in
            single(.ldrsbImmediateWide, raw, size: 1, isLoad: true)
        }),
        EncodingRow("LDRSB (immediate)", "T2", "DDI0403 A7.7.59", .v7M, "111110010001 Rn:4 | Rt:4 1 P:1 U:1 W:1 imm8:8", { raw, _ in
            single(.ldrsbImmediateWide, raw, size: 1, isLoad: true)
        }),
        EncodingRow("LDRSB (register)", "T2", "DDI0403 A7.7.61", .v7M, "111110010001 Rn:4 | Rt:4 000000 imm2:2 Rm:4", { raw, _ in
            registerOffset(.ldrsbRegisterWide, raw, isLoad: true)
        }),
        EncodingRow("LDRH (immediate)", "T2", "DDI0403 A7.7.55", .v7M, "111110001011 Rn:4 | Rt:4 imm12:12", { raw, _ in
            single(.ldrhImmediateWide, raw, size: 2, isLoad: true)
        }),
        EncodingRow("LDRH (immediate)", "T3", "DDI0403 A7.7.55", .v7M, "111110000011 Rn:4 | Rt:4 1 P:1 U:1 W:1 imm8:8", { raw, _ in
            single(.ldrhImmediateWide, raw, size: 2, isLoad: true)
        }),
        EncodingRow("LDRH (register)", "T2", "DDI0403 A7.7.57", .v7M, "111110000011 Rn:4 | Rt:4 000000 imm2:2 Rm:4", { raw, _ in
            registerOffset(.ldrhRegisterWide, raw, isLoad: true)
        }),
        EncodingRow("LDRSH (immediate)", "T1", "DDI0403 A7.7.63", .v7M, "111110011011 Rn:4 | Rt:4 imm12:12", { raw, _ in
            single(.ldrshImmediateWide, raw, size: 2, isLoad: true)
        }),
        EncodingRow("LDRSH (immediate)", "T2", "DDI0403 A7.7.63", .v7M, "111110010011 Rn:4 | Rt:4 1 P:1 U:1 W:1 imm8:8", { raw, _ in
            single(.ldrshImmediateWide, raw, size: 2, isLoad: true)
        }),
        EncodingRow("LDRSH (register)", "T2", "DDI0403 A7.7.65", .v7M, "111110010011 Rn:4 | Rt:4 000000 imm2:2 Rm:4", { raw, _ in
            registerOffset(.ldrshRegisterWide, raw, isLoad: true)
        }),
        EncodingRow("STR (immediate)", "T3", "DDI0403 A7.7.161", .v7M, "111110001100 Rn:4 | Rt:4 imm12:12", { raw, _ in
            single(.strImmediateWide, raw, size: 4, isLoad: false)
        }),
        EncodingRow("STR (immediate)", "T4", "DDI0403 A7.7.161", .v7M, "111110000100 Rn:4 | Rt:4 1 P:1 U:1 W:1 imm8:8", { raw, _ in
            single(.strImmediateWide, raw, size: 4, isLoad: false)
        }),
        EncodingRow("STR (register)", "T2", "DDI0403 A7.7.162", .v7M, "111110000100 Rn:4 | Rt:4 000000 imm2:2 Rm:4", { raw, _ in
            registerOffset(.strRegisterWide, raw, isLoad: false)
        }),
        EncodingRow("STRB (immediate)", "T2", "DDI0403 A7.7.163", .v7M, "111110001000 Rn:4 | Rt:4 imm12:12", { raw, _ in
            single(.strbImmediateWide, raw, size: 1, isLoad: false)
        }),
        EncodingRow("STRB (immediate)", "T3", "DDI0403 A7.7.163", .v7M, "111110000000 Rn:4 | Rt:4 1 P:1 U:1 W:1 imm8:8", { raw, _ in
            single(.strbImmediateWide, raw, size: 1, isLoad: false)
        }),
        EncodingRow("STRB (register)", "T2", "DDI0403 A7.7.164", .v7M, "111110000000 Rn:4 | Rt:4 000000 imm2:2 Rm:4", { raw, _ in
            registerOffset(.strbRegisterWide, raw, isLoad: false)
        }),
        EncodingRow("STRH (immediate)", "T2", "DDI0403 A7.7.171", .v7M, "111110001010 Rn:4 | Rt:4 imm12:12", { raw, _ in
            single(.strhImmediateWide, raw, size: 2, isLoad: false)
        }),
        EncodingRow("STRH (immediate)", "T3", "DDI0403 A7.7.171", .v7M, "111110000010 Rn:4 | Rt:4 1 P:1 U:1 W:1 imm8:8", { raw, _ in
            single(.strhImmediateWide, raw, size: 2, isLoad: false)
        }),
        EncodingRow("STRH (register)", "T2", "DDI0403 A7.7.172", .v7M, "111110000010 Rn:4 | Rt:4 000000 imm2:2 Rm:4", { raw, _ in
            registerOffset(.strhRegisterWide, raw, isLoad: false)
        }),
    ]

    /// LDM/STM forms: n = Rn, imm = the register list, options bit 2 = W.
    /// Rn = PC is UNPREDICTABLE: UNDEFINED. A store list with PC, fewer than two
    /// registers, both PC and LR in a load list, or writeback with Rn in the list are
    /// UNPREDICTABLE and execute: a load's loaded value of Rn wins over the writeback,
    /// a store stores Rn's original value.
    static func multiple(_ op: Op, _ raw: UInt32, list: UInt32) -> Instruction {
        let n = register(raw, 16, 4)
        guard n != 15 else { return .undefined(raw: raw, byteCount: 4) }
        return Instruction(op: op, n: n, options: UInt8(bits(raw, 21, 1) << 2), byteCount: 4, imm: list, raw: raw)
    }

    /// LDREX/STREX family. Rn = PC, Rt or Rd = SP/PC are UNPREDICTABLE: UNDEFINED.
    /// STREX with Rd = Rn or Rd = Rt is UNPREDICTABLE: it executes, the status is written last.
    static func exclusive(_ op: Op, _ raw: UInt32, d: UInt8, t: UInt8, imm: UInt32) -> Instruction {
        let n = register(raw, 16, 4)
        let isStore = op == .strex || op == .strexb || op == .strexh
        if n == 15 || isBadRegister(d) || (isStore && isBadRegister(t)) { return .undefined(raw: raw, byteCount: 4) }
        return Instruction(op: op, d: d, n: n, m: t, byteCount: 4, imm: imm, raw: raw)
    }

    /// TBB/TBH: n = Rn (PC allowed), m = Rm; Rm = SP/PC is UNDEFINED (UNPREDICTABLE).
    static func tableBranch(_ op: Op, _ raw: UInt32) -> Instruction {
        let m = register(raw, 0, 4)
        guard !isBadRegister(m) else { return .undefined(raw: raw, byteCount: 4) }
        return Instruction(op: op, n: register(raw, 16, 4), m: m, byteCount: 4, raw: raw)
    }

    /// LDRD/STRD: d = Rt, a = Rt2, imm = offset negated when U = 0 (or the resolved
    /// address of the literal form), options P/U/W. P = 0 with W = 0 is the exclusive
    /// space (rows above): an encoding reaching here is unallocated. Rt or Rt2 = SP/PC,
    /// STRD with Rn = PC, writeback with Rn = PC, and LDRD (literal) with writeback are
    /// UNPREDICTABLE: UNDEFINED. Rt = Rt2 for LDRD and writeback with Rn = Rt or Rt2 execute
    /// in pseudocode order (the writeback is last, so it wins for LDRD).
    static func dual(_ op: Op, _ raw: UInt32, address: UInt32) -> Instruction {
        let index = bits(raw, 24, 1), add = bits(raw, 23, 1), wback = bits(raw, 21, 1)
        let n = register(raw, 16, 4), t = register(raw, 12, 4), t2 = register(raw, 8, 4)
        let offset = bits(raw, 0, 8) << 2
        guard index == 1 || wback == 1, !isBadRegister(t), !isBadRegister(t2), !(n == 15 && (wback == 1 || op == .strdImmediate)) else {
            return .undefined(raw: raw, byteCount: 4)
        }
        let options = UInt8(index | add << 1 | wback << 2)
        if op == .ldrdLiteral {
            let base = (address &+ 4) & ~3
            return Instruction(op: op, d: t, n: 15, a: t2, options: options, byteCount: 4,
                               imm: add == 1 ? base &+ offset : base &- offset, raw: raw)
        }
        return Instruction(op: op, d: t, n: n, a: t2, options: options, byteCount: 4,
                           imm: add == 1 ? offset : 0 &- offset, raw: raw)
    }

    /// Align(PC, 4) ± imm12 of a literal form at `address`.
    static func literalAddress(_ raw: UInt32, _ address: UInt32) -> UInt32 {
        let base = (address &+ 4) & ~3
        let offset = bits(raw, 0, 12)
        return bits(raw, 23, 1) == 1 ? base &+ offset : base &- offset
    }

    /// A literal load: imm = the resolved address, options bit 1 = U. LDR with Rt = PC
    /// becomes `ldrToPC` (options bit 6 literal); Rt = PC for the other sizes is a memory
    /// hint (rows above).
    static func literal(_ op: Op, _ raw: UInt32, address: UInt32) -> Instruction {
        let t = register(raw, 12, 4)
        let options = UInt8(bits(raw, 23, 1) << 1)
        if t == 15 {
            return Instruction(op: .ldrToPC, d: 15, n: 15, options: options | 1 | 1 << 6, byteCount: 4,
                               imm: literalAddress(raw, address), raw: raw)
        }
        return Instruction(op: op, d: t, n: 15, options: options, byteCount: 4, imm: literalAddress(raw, address), raw: raw)
    }

    /// An immediate-offset single load or store: the imm12 form (hw1[7] = 1: P = 1, U = 1,
    /// W = 0) or the imm8 form "1 P U W imm8" (P = 0, W = 0 is UNDEFINED; P = 1, U = 1,
    /// W = 0 is the unprivileged LDRT/STRT... form). Rt = PC: loads of a word become
    /// `ldrToPC` (LoadWritePC), anything else is UNDEFINED (the byte/halfword loads with
    /// Rt = 1111 that are hints are matched by earlier rows; the rest, and stores of PC,
    /// are UNPREDICTABLE). Rn = PC for a store is UNDEFINED.
    static func single(_ op: Op, _ raw: UInt32, size: Int, isLoad: Bool) -> Instruction {
        let n = register(raw, 16, 4), t = register(raw, 12, 4)
        var index: UInt32 = 1, add: UInt32 = 1, wback: UInt32 = 0, unprivileged: UInt32 = 0, imm12: UInt32 = 0
        let offset: UInt32
        if bits(raw, 23, 1) == 1 {
            offset = bits(raw, 0, 12)
            imm12 = 1
        } else {
            index = bits(raw, 10, 1)
            add = bits(raw, 9, 1)
            wback = bits(raw, 8, 1)
            offset = bits(raw, 0, 8)
            guard index == 1 || wback == 1 else { return .undefined(raw: raw, byteCount: 4) }
            if index == 1 && add == 1 && wback == 0 { unprivileged = 1 }
        }
        guard n != 15 || isLoad else { return .undefined(raw: raw, byteCount: 4) }
        let options = UInt8(index | add << 1 | wback << 2 | unprivileged << 3 | imm12 << 4)
        let imm = add == 1 ? offset : 0 &- offset
        if t == 15 {
            // LDRT to PC is UNPREDICTABLE: UNDEFINED.
            guard op == .ldrImmediateWide, unprivileged == 0 else { return .undefined(raw: raw, byteCount: 4) }
            return Instruction(op: .ldrToPC, d: 15, n: n, options: options, byteCount: 4, imm: imm, raw: raw)
        }
        return Instruction(op: op, d: t, n: n, options: options, byteCount: 4, imm: imm, raw: raw)
    }

    /// A register-offset single load or store: m = Rm, imm = the LSL amount. Rm = SP/PC
    /// and Rt = PC (other than LDR, which becomes `ldrToPC` with options bit 5) are
    /// UNPREDICTABLE: UNDEFINED. Rn = PC for a store is UNDEFINED.
    static func registerOffset(_ op: Op, _ raw: UInt32, isLoad: Bool) -> Instruction {
        let n = register(raw, 16, 4), t = register(raw, 12, 4), m = register(raw, 0, 4)
        guard !isBadRegister(m), n != 15 || isLoad else { return .undefined(raw: raw, byteCount: 4) }
        if t == 15 {
            guard op == .ldrRegisterWide else { return .undefined(raw: raw, byteCount: 4) }
            return Instruction(op: .ldrToPC, d: 15, n: n, m: m, options: 1 | 2 | 1 << 5, byteCount: 4, imm: bits(raw, 4, 2), raw: raw)
        }
        return Instruction(op: op, d: t, n: n, m: m, options: 1 | 2, byteCount: 4, imm: bits(raw, 4, 2), raw: raw)
    }
}
