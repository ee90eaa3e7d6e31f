extension Disassembler {
    /// Text of the Thumb-2 load/store, branch and control instructions (objdump's
    /// spelling: `.w` where a 16-bit form of the mnemonic exists), or nil for an op of
    /// another class. Literal forms end with `; <address>`, as the 16-bit LDR (literal).
    static func thumb2LoadStoreText(_ i: Instruction) -> String? {
        let t = reg(i.d), n = reg(i.n), m = reg(i.m)
        switch i.op {
        case .ldrImmediateWide: return single("ldr", i)
        case .ldrbImmediateWide: return single("ldrb", i)
        case .ldrhImmediateWide: return single("ldrh", i)
        case .ldrsbImmediateWide: return single("ldrsb", i)
        case .ldrshImmediateWide: return single("ldrsh", i)
        case .strImmediateWide: return single("str", i)
        case .strbImmediateWide: return single("strb", i)
        case .strhImmediateWide: return single("strh", i)
        case .ldrRegisterWide: return "ldr.w \(t), \(registerOffset(i))"
        case .ldrbRegisterWide: return "ldrb.w \(t), \(registerOffset(i))"
        case .ldrhRegisterWide: return "ldrh.w \(t), \(registerOffset(i))"
        case .ldrsbRegisterWide: return "ldrsb.w \(t), \(registerOffset(i))"
        case .ldrshRegisterWide: return "ldrsh.w \(t), \(registerOffset(i))"
        case .strRegisterWide: return "str.w \(t), \(registerOffset(i))"
        case .strbRegisterWide: return "strb.w \(t), \(registerOffset(i))"
        case .strhRegisterWide: return "strh.w \(t), \(registerOffset(i))"
        case .ldrLiteralWide: return "ldr.w \(t), \(literal(i))"
        case .ldrbLiteral: return "ldrb.w \(t), \(literal(i))"
        case .ldrhLiteral: return "ldrh.w \(t), \(literal(i))"
        case .ldrsbLiteral: return "ldrsb.w \(t), \(literal(i))"
        case .ldrshLiteral: return "ldrsh.w \(t), \(literal(i))"
        case .ldrToPC:
            if i.options & (1 << 6) != 0 { return "ldr.w pc, \(literal(i))" }
            if i.options & (1 << 5) != 0 { return "ldr.w pc, \(registerOffset(i))" }
            return single("ldr", i)
        case .preload:
            let name = i.options & 1 != 0 ? "pli" : "pld"
            if i.options & 2 != 0 { return "nop.w ; unallocated memory hint" }
            if i.n == 15 { return "\(name) \(literal(i))" }
            if i.options & 4 != 0 { return "\(name) \(registerOffset(i))" }
            let offset = Int32(bitPattern: i.imm)
            return offset == 0 ? "\(name) [\(n)]" : "\(name) [\(n), #\(offset)]"
        case .ldrdImmediate, .strdImmediate:
            let name = i.op == .ldrdImmediate ? "ldrd" : "strd"
            return "\(name) \(t), \(reg(i.a)), \(offsetAddressing(i, offset: Int32(bitPattern: i.imm)))"
        case .ldrdLiteral:
            let offset = Int32(bitPattern: i.raw & 0xFF) << 2
            return "ldrd \(t), \(reg(i.a)), [pc, #\(i.options & 2 != 0 ? offset : -offset)] ; \(hexImmediate(i.imm))"
        case .ldrex: return i.imm == 0 ? "ldrex \(t), [\(n)]" : "ldrex \(t), [\(n), #\(i.imm)]"
        case .ldrexb: return "ldrexb \(t), [\(n)]"
        case .ldrexh: return "ldrexh \(t), [\(n)]"
        case .strex: return i.imm == 0 ? "strex \(t), \(m), [\(n)]" : "strex \(t), \(m), [\(n), #\(i.imm)]"
        case .strexb: return "strexb \(t), \(m), [\(n)]"
        case .strexh: return "strexh \(t), \(m), [\(n)]"
        case .tbb: return "tbb [\(n), \(m)]"
        case .tbh: return "tbh [\(n), \(m), lsl #1]"
        case .ldmWide, .ldmdb, .stmWide, .stmdb:
            let name = [Op.ldmWide: "ldmia.w", .ldmdb: "ldmdb", .stmWide: "stmia.w", .stmdb: "stmdb"][i.op] ?? ""
            return "\(name) \(n)\(i.options & 4 != 0 ? "!" : ""), \(registerList(i.imm))"
        case .clrex: return "clrex"
        case .nop:
            switch i.imm {
            case 0: return "nop.w"
            case 1: return "yield.w"
            case 0xF0...0xFF: return "dbg #\(i.imm & 0xF)"
            default: return "nop.w {\(i.imm)}"
            }
        default: return nil
        }
    }

    /// `ldr.w r1, [r2, #-4]!`, `ldrt r1, [r2, #8]`, `ldr.w r1, [r2], #4`.
    static func single(_ name: String, _ i: Instruction) -> String {
        let mnemonic = i.options & 8 != 0 ? name + "t" : name + ".w"
        return "\(mnemonic) \(reg(i.d)), \(offsetAddressing(i, offset: Int32(bitPattern: i.imm)))"
    }

    /// `[Rn, #off]`, `[Rn, #off]!` or `[Rn], #off` from options P (bit 0) and W (bit 2);
    /// a zero offset of an offset form prints as `[Rn]`, a subtracted zero as `#-0`.
    static func offsetAddressing(_ i: Instruction, offset: Int32) -> String {
        let n = reg(i.n)
        let text = offset == 0 && i.options & 2 == 0 ? "#-0" : "#\(offset)"
        if i.options & 1 == 0 { return "[\(n)], \(text)" }
        if i.options & 4 != 0 { return "[\(n), \(text)]!" }
        return offset == 0 && i.options & 2 != 0 ? "[\(n)]" : "[\(n), \(text)]"
    }

    /// `[Rn, Rm]` or `[Rn, Rm, lsl #k]`.
    static func registerOffset(_ i: Instruction) -> String {
        i.imm == 0 ? "[\(reg(i.n)), \(reg(i.m))]" : "[\(reg(i.n)), \(reg(i.m)), lsl #\(i.imm)]"
    }

    /// `[pc, #±imm12] ; <address>` from the raw imm12 and U bit of a literal form.
    static func literal(_ i: Instruction) -> String {
        let offset = Int32(bitPattern: i.raw & 0xFFF)
        return "[pc, #\(i.raw & (1 << 23) != 0 ? offset : -offset)] ; \(hexImmediate(i.imm))"
    }
}
