extension Disassembler {
    /// Text of the Thumb-2 data processing, multiply and divide instructions, or nil for an op
    /// of another class. Follows `arm-none-eabi-objdump -d` without its `.w` width suffixes,
    /// with decimal immediates, shifted-register operands as `Rm, lsl #n` / `Rm, rrx`, the
    /// immediate shifts as `mov Rd, Rm, <shift>`, and the condition of an IT block instruction
    /// after the `s` (`addseq`). ADR.W prints as `adr Rd, <address>` like the 16-bit ADR, where
    /// objdump prints `addw/subw Rd, pc, #imm`.
    static func thumb2DataProcessingText(_ i: Instruction) -> String? {
        let d = reg(i.d), n = reg(i.n), m = reg(i.m)
        /// The mnemonic with its `s` and condition suffixes.
        func name(_ base: String) -> String { base + (i.setsFlags ? "s" : "") + i.condition.suffix }
        /// Compares and tests: S is implied, not printed.
        func compare(_ base: String) -> String { base + i.condition.suffix }
        let immediate = "#\(i.imm)"
        let shifted = m + shiftSuffix(i)
        switch i.op {
        case .andImmediateT1: return "\(name("and")) \(d), \(n), \(immediate)"
        case .tstImmediateT1: return "\(compare("tst")) \(n), \(immediate)"
        case .bicImmediateT1: return "\(name("bic")) \(d), \(n), \(immediate)"
        case .orrImmediateT1: return "\(name("orr")) \(d), \(n), \(immediate)"
        case .movImmediateT2: return "\(name("mov")) \(d), \(immediate)"
        case .ornImmediateT1: return "\(name("orn")) \(d), \(n), \(immediate)"
        case .mvnImmediateT1: return "\(name("mvn")) \(d), \(immediate)"
        case .eorImmediateT1: return "\(name("eor")) \(d), \(n), \(immediate)"
        case .teqImmediateT1: return "\(compare("teq")) \(n), \(immediate)"
        case .addImmediateT3:
            // Bit 25 set: the plain binary immediate ADDW (T4).
            return "\(i.raw & (1 << 25) != 0 ? compare("addw") : name("add")) \(d), \(n), \(immediate)"
        case .cmnImmediateT1: return "\(compare("cmn")) \(n), \(immediate)"
        case .adcImmediateT1: return "\(name("adc")) \(d), \(n), \(immediate)"
        case .sbcImmediateT1: return "\(name("sbc")) \(d), \(n), \(immediate)"
        case .subImmediateT3:
            return "\(i.raw & (1 << 25) != 0 ? compare("subw") : name("sub")) \(d), \(n), \(immediate)"
        case .cmpImmediateT2: return "\(compare("cmp")) \(n), \(immediate)"
        case .rsbImmediateT2: return "\(name("rsb")) \(d), \(n), \(immediate)"
        case .adrT2: return "\(compare("adr")) \(d), \(hexImmediate(i.imm))"
        case .movImmediateT3: return "\(compare("movw")) \(d), \(immediate)"
        case .movtT1: return "\(compare("movt")) \(d), \(immediate)"
        case .ssatT1, .usatT1: return "\(compare(i.op == .ssatT1 ? "ssat" : "usat")) \(d), \(immediate), \(n)\(saturateShiftSuffix(i))"
        case .sbfxT1: return "\(compare("sbfx")) \(d), \(n), #\(i.options), #\(i.imm)"
        case .ubfxT1: return "\(compare("ubfx")) \(d), \(n), #\(i.options), #\(i.imm)"
        case .bfiT1: return "\(compare("bfi")) \(d), \(n), #\(i.options), #\(i.imm.nonzeroBitCount)"
        case .bfcT1: return "\(compare("bfc")) \(d), #\(i.options), #\(i.imm.nonzeroBitCount)"
        case .andRegisterT2: return "\(name("and")) \(d), \(n), \(shifted)"
        case .tstRegisterT2: return "\(compare("tst")) \(n), \(shifted)"
        case .bicRegisterT2: return "\(name("bic")) \(d), \(n), \(shifted)"
        case .orrRegisterT2: return "\(name("orr")) \(d), \(n), \(shifted)"
        case .movRegisterT3: return "\(name("mov")) \(d), \(shifted)"
        case .ornRegisterT1: return "\(name("orn")) \(d), \(n), \(shifted)"
        case .mvnRegisterT2: return "\(name("mvn")) \(d), \(shifted)"
        case .eorRegisterT2: return "\(name("eor")) \(d), \(n), \(shifted)"
        case .teqRegisterT1: return "\(compare("teq")) \(n), \(shifted)"
        case .addRegisterT3: return "\(name("add")) \(d), \(n), \(shifted)"
        case .cmnRegisterT2: return "\(compare("cmn")) \(n), \(shifted)"
        case .adcRegisterT2: return "\(name("adc")) \(d), \(n), \(shifted)"
        case .sbcRegisterT2: return "\(name("sbc")) \(d), \(n), \(shifted)"
        case .subRegisterT2: return "\(name("sub")) \(d), \(n), \(shifted)"
        case .cmpRegisterT3: return "\(compare("cmp")) \(n), \(shifted)"
        case .rsbRegisterT1: return "\(name("rsb")) \(d), \(n), \(shifted)"
        case .lslRegisterT2: return "\(name("lsl")) \(d), \(n), \(m)"
        case .lsrRegisterT2: return "\(name("lsr")) \(d), \(n), \(m)"
        case .asrRegisterT2: return "\(name("asr")) \(d), \(n), \(m)"
        case .rorRegisterT2: return "\(name("ror")) \(d), \(n), \(m)"
        case .sxtbT2, .sxthT2, .uxtbT2, .uxthT2:
            let base = [Op.sxtbT2: "sxtb", .sxthT2: "sxth", .uxtbT2: "uxtb", .uxthT2: "uxth"][i.op] ?? ""
            return "\(compare(base)) \(d), \(m)" + (i.imm == 0 ? "" : ", ror #\(i.imm)")
        case .clzT1: return "\(compare("clz")) \(d), \(m)"
        case .rbitT1: return "\(compare("rbit")) \(d), \(m)"
        case .revT2: return "\(compare("rev")) \(d), \(m)"
        case .rev16T2: return "\(compare("rev16")) \(d), \(m)"
        case .revshT2: return "\(compare("revsh")) \(d), \(m)"
        case .mulT2: return "\(compare("mul")) \(d), \(n), \(m)"
        case .mlaT1: return "\(compare("mla")) \(d), \(n), \(m), \(reg(i.a))"
        case .mlsT1: return "\(compare("mls")) \(d), \(n), \(m), \(reg(i.a))"
        case .smullT1, .umullT1, .smlalT1, .umlalT1:
            let base = [Op.smullT1: "smull", .umullT1: "umull", .smlalT1: "smlal", .umlalT1: "umlal"][i.op] ?? ""
            return "\(compare(base)) \(d), \(reg(i.a)), \(n), \(m)"
        case .sdivT1: return "\(compare("sdiv")) \(d), \(n), \(m)"
        case .udivT1: return "\(compare("udiv")) \(d), \(n), \(m)"
        default: return nil
        }
    }

    /// `, lsl #n` … `, rrx` for a shifted-register operand; empty for LSL #0.
    static func shiftSuffix(_ i: Instruction) -> String {
        if i.options & 4 != 0 { return ", rrx" }
        let type = i.options & 3
        if type == 0 && i.imm == 0 { return "" }
        return ", \(["lsl", "lsr", "asr", "ror"][Int(type)]) #\(i.imm)"
    }

    /// `, lsl #n` / `, asr #n` of SSAT/USAT; empty for LSL #0.
    static func saturateShiftSuffix(_ i: Instruction) -> String {
        let amount = i.options & 0x1F
        if i.options & 0x20 != 0 { return ", asr #\(amount)" }
        return amount == 0 ? "" : ", lsl #\(amount)"
    }
}
