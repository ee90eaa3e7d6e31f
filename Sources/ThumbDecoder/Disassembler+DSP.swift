extension Disassembler {
    /// Text of the DSP instructions, or nil for an op of another class. The mnemonics
    /// and operand order follow `arm-none-eabi-objdump -d` (GNU binutils), except that
    /// registers are written r10-r12 where objdump writes sl, fp, ip.
    static func dspText(_ i: Instruction) -> String? {
        let d = reg(i.d), n = reg(i.n), m = reg(i.m), a = reg(i.a)
        let condition = i.condition.suffix
        /// `name<cond> rd, rn, rm`.
        func threeRegister(_ name: String) -> String { "\(name)\(condition) \(d), \(n), \(m)" }
        /// `name<cond> rd, rn, rm, ra`.
        func fourRegister(_ name: String) -> String { "\(name)\(condition) \(d), \(n), \(m), \(a)" }
        /// `name<cond> rdlo, rdhi, rn, rm`.
        func long(_ name: String) -> String { "\(name)\(condition) \(d), \(a), \(n), \(m)" }
        /// `name<cond> rd, rm, rn` (QADD and friends).
        func saturating(_ name: String) -> String { "\(name)\(condition) \(d), \(m), \(n)" }
        /// `name<cond> rd, rn, rm{, ror #r}`.
        func extendAdd(_ name: String) -> String { threeRegister(name) + (i.imm == 0 ? "" : ", ror #\(i.imm)") }
        /// `name<cond> rd, rm{, ror #r}`.
        func extend(_ name: String) -> String { "\(name)\(condition) \(d), \(m)" + (i.imm == 0 ? "" : ", ror #\(i.imm)") }
        /// <x><y> of SMUL<x><y>, SMLA<x><y>, SMLAL<x><y> (options bit 1: Rn top, bit 0: Rm top).
        var halves: String { (i.options & 2 != 0 ? "t" : "b") + (i.options & 1 != 0 ? "t" : "b") }
        /// The X, R or <y> suffix carried by options bit 0.
        var x: String { i.options & 1 != 0 ? "x" : "" }
        var r: String { i.options & 1 != 0 ? "r" : "" }
        var w: String { i.options & 1 != 0 ? "t" : "b" }
        switch i.op {
        case .sadd16: return threeRegister("sadd16")
        case .sasx: return threeRegister("sasx")
        case .ssax: return threeRegister("ssax")
        case .ssub16: return threeRegister("ssub16")
        case .sadd8: return threeRegister("sadd8")
        case .ssub8: return threeRegister("ssub8")
        case .qadd16: return threeRegister("qadd16")
        case .qasx: return threeRegister("qasx")
        case .qsax: return threeRegister("qsax")
        case .qsub16: return threeRegister("qsub16")
        case .qadd8: return threeRegister("qadd8")
        case .qsub8: return threeRegister("qsub8")
        case .shadd16: return threeRegister("shadd16")
        case .shasx: return threeRegister("shasx")
        case .shsax: return threeRegister("shsax")
        case .shsub16: return threeRegister("shsub16")
        case .shadd8: return threeRegister("shadd8")
        case .shsub8: return threeRegister("shsub8")
        case .uadd16: return threeRegister("uadd16")
        case .uasx: return threeRegister("uasx")
        case .usax: return threeRegister("usax")
        case .usub16: return threeRegister("usub16")
        case .uadd8: return threeRegister("uadd8")
        case .usub8: return threeRegister("usub8")
        case .uqadd16: return threeRegister("uqadd16")
        case .uqasx: return threeRegister("uqasx")
        case .uqsax: return threeRegister("uqsax")
        case .uqsub16: return threeRegister("uqsub16")
        case .uqadd8: return threeRegister("uqadd8")
        case .uqsub8: return threeRegister("uqsub8")
        case .uhadd16: return threeRegister("uhadd16")
        case .uhasx: return threeRegister("uhasx")
        case .uhsax: return threeRegister("uhsax")
        case .uhsub16: return threeRegister("uhsub16")
        case .uhadd8: return threeRegister("uhadd8")
        case .uhsub8: return threeRegister("uhsub8")
        case .sel: return threeRegister("sel")
        case .qadd: return saturating("qadd")
        case .qdadd: return saturating("qdadd")
        case .qsub: return saturating("qsub")
        case .qdsub: return saturating("qdsub")
        case .sxtab: return extendAdd("sxtab")
        case .sxtah: return extendAdd("sxtah")
        case .sxtab16: return extendAdd("sxtab16")
        case .sxtb16: return extend("sxtb16")
        case .uxtab: return extendAdd("uxtab")
        case .uxtah: return extendAdd("uxtah")
        case .uxtab16: return extendAdd("uxtab16")
        case .uxtb16: return extend("uxtb16")
        case .usad8: return threeRegister("usad8")
        case .usada8: return fourRegister("usada8")
        case .ssat16: return "ssat16\(condition) \(d), #\(i.imm), \(n)"
        case .usat16: return "usat16\(condition) \(d), #\(i.imm), \(n)"
        case .pkhbt: return threeRegister("pkhbt") + (i.imm == 0 ? "" : ", lsl #\(i.imm)")
        case .pkhtb: return threeRegister("pkhtb") + ", asr #\(i.imm)"
        case .smlaxy: return fourRegister("smla" + halves)
        case .smulxy: return threeRegister("smul" + halves)
        case .smlawy: return fourRegister("smlaw" + w)
        case .smulwy: return threeRegister("smulw" + w)
        case .smlad: return fourRegister("smlad" + x)
        case .smlsd: return fourRegister("smlsd" + x)
        case .smuad: return threeRegister("smuad" + x)
        case .smusd: return threeRegister("smusd" + x)
        case .smmul: return threeRegister("smmul" + r)
        case .smmla: return fourRegister("smmla" + r)
        case .smmls: return fourRegister("smmls" + r)
        case .smlalxy: return long("smlal" + halves)
        case .smlald: return long("smlald" + x)
        case .smlsld: return long("smlsld" + x)
        case .umaal: return long("umaal")
        default: return nil
        }
    }
}
