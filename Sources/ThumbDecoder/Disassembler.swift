/// Renders decoded instructions in Arm's unified assembler syntax (close to what
/// `arm-none-eabi-objdump -d` prints), for fault reports and `armsim disasm`.
public enum Disassembler {
    static func reg(_ index: UInt8) -> String {
        switch index {
        case 13: return "sp"
        case 14: return "lr"
        case 15: return "pc"
        default: return "r\(index)"
        }
    }

    static func hexImmediate(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }

    static func registerList(_ list: UInt32) -> String {
        "{" + (0..<16).filter { list & (1 << UInt32($0)) != 0 }.map { reg(UInt8($0)) }.joined(separator: ", ") + "}"
    }

    /// The instruction as text, e.g. `adds r0, r1, #3` or `bl 0x1f4`.
    public static func text(_ i: Instruction) -> String {
        let d = reg(i.d), n = reg(i.n), m = reg(i.m)
        switch i.op {
        case .undecoded, .undefined, .conditionCheck, .eventStop, .addRegisterHighWithPCOrSP, .movRegisterWithPCOrSP,
            .cmpRegisterWithPC, .bEQ, .bNE, .bCS, .bCC, .bMI, .bPL, .bVS, .bVC, .bHI, .bLS,
            .bGE, .bLT, .bGT, .bLE: return "udf (undefined encoding)"
        case .lslImmediate: return i.imm == 0 ? "movs \(d), \(m)" : "lsls \(d), \(m), #\(i.imm)"
        case .lsrImmediate: return "lsrs \(d), \(m), #\(i.imm)"
        case .asrImmediate: return "asrs \(d), \(m), #\(i.imm)"
        case .addsRegister: return "adds \(d), \(n), \(m)"
        case .subsRegister: return "subs \(d), \(n), \(m)"
        case .addsImmediate: return i.d == i.n && i.raw & 0xF800 == 0x3000 ? "adds \(d), #\(i.imm)" : "adds \(d), \(n), #\(i.imm)"
        case .subsImmediate: return i.d == i.n && i.raw & 0xF800 == 0x3800 ? "subs \(d), #\(i.imm)" : "subs \(d), \(n), #\(i.imm)"
        case .movsImmediate: return "movs \(d), #\(i.imm)"
        case .cmpImmediate: return "cmp \(n), #\(i.imm)"
        case .andsRegister: return "ands \(d), \(m)"
        case .eorsRegister: return "eors \(d), \(m)"
        case .lslsRegister: return "lsls \(d), \(m)"
        case .lsrsRegister: return "lsrs \(d), \(m)"
        case .asrsRegister: return "asrs \(d), \(m)"
        case .adcsRegister: return "adcs \(d), \(m)"
        case .sbcsRegister: return "sbcs \(d), \(m)"
        case .rorsRegister: return "rors \(d), \(m)"
        case .tstRegister: return "tst \(n), \(m)"
        case .rsbsImmediate: return "negs \(d), \(n)"
        case .cmpRegister: return "cmp \(n), \(m)"
        case .cmnRegister: return "cmn \(n), \(m)"
        case .orrsRegister: return "orrs \(d), \(m)"
        case .mulsRegister: return "muls \(d), \(n), \(d)"
        case .bicsRegister: return "bics \(d), \(m)"
        case .mvnsRegister: return "mvns \(d), \(m)"
        case .addRegisterHigh: return "add \(d), \(m)"
        case .movRegister: return "mov \(d), \(m)"
        case .bx: return "bx \(m)"
        case .blxRegister: return "blx \(m)"
        case .ldrLiteral: return "ldr \(d), [pc, #\((i.raw & 0xFF) << 2)] ; \(hexImmediate(i.imm))"
        case .strRegister: return "str \(d), [\(n), \(m)]"
        case .strhRegister: return "strh \(d), [\(n), \(m)]"
        case .strbRegister: return "strb \(d), [\(n), \(m)]"
        case .ldrsbRegister: return "ldrsb \(d), [\(n), \(m)]"
        case .ldrRegister: return "ldr \(d), [\(n), \(m)]"
        case .ldrhRegister: return "ldrh \(d), [\(n), \(m)]"
        case .ldrbRegister: return "ldrb \(d), [\(n), \(m)]"
        case .ldrshRegister: return "ldrsh \(d), [\(n), \(m)]"
        case .strImmediate: return "str \(d), [\(n), #\(i.imm)]"
        case .ldrImmediate: return "ldr \(d), [\(n), #\(i.imm)]"
        case .strbImmediate: return "strb \(d), [\(n), #\(i.imm)]"
        case .ldrbImmediate: return "ldrb \(d), [\(n), #\(i.imm)]"
        case .strhImmediate: return "strh \(d), [\(n), #\(i.imm)]"
        case .ldrhImmediate: return "ldrh \(d), [\(n), #\(i.imm)]"
        case .adr: return "adr \(d), \(hexImmediate(i.imm))"
        case .addSPImmediate: return i.d == 13 ? "add sp, #\(i.imm)" : "add \(d), sp, #\(i.imm)"
        case .subSPImmediate: return "sub sp, #\(i.imm)"
        case .sxth: return "sxth \(d), \(m)"
        case .sxtb: return "sxtb \(d), \(m)"
        case .uxth: return "uxth \(d), \(m)"
        case .uxtb: return "uxtb \(d), \(m)"
        case .push: return "push \(registerList(i.imm))"
        case .pop: return "pop \(registerList(i.imm))"
        case .rev: return "rev \(d), \(m)"
        case .rev16: return "rev16 \(d), \(m)"
        case .revsh: return "revsh \(d), \(m)"
        case .cps:
            let flags = (i.options & 2 != 0 ? "i" : "") + (i.options & 1 != 0 ? "f" : "")
            return (i.imm == 1 ? "cpsid " : "cpsie ") + (flags.isEmpty ? "i" : flags)
        case .bkpt: return "bkpt \(hexImmediate(i.imm))"
        case .nop:
            // The 32-bit hints (NOP.W, YIELD.W, DBG, unallocated hints) render with the Thumb-2 class.
            if i.isThumb32 { return thumb2LoadStoreText(i) ?? "nop.w" }
            switch i.raw & 0xFFFF {
            case 0xBF10: return "yield"
            default: return "nop"
            }
        case .sev: return i.isThumb32 ? "sev.w" : "sev"
        case .wfe: return i.isThumb32 ? "wfe.w" : "wfe"
        case .wfi: return i.isThumb32 ? "wfi.w" : "wfi"
        case .stm: return "stmia \(n)!, \(registerList(i.imm))"
        case .ldm: return "ldmia \(n)\(i.imm & (1 << UInt32(i.n)) == 0 ? "!" : ""), \(registerList(i.imm))"
        case .bConditional: return "b\(i.condition.suffix) \(hexImmediate(i.imm))"
        case .b: return "b \(hexImmediate(i.imm))"
        case .svc: return "svc \(i.imm)"
        case .udf: return "udf #\(i.imm)"
        case .bl: return "bl \(hexImmediate(i.imm))"
        case .msr: return "msr \(specialRegisterName(i.imm)), \(n)"
        case .mrs: return "mrs \(d), \(specialRegisterName(i.imm))"
        case .barrier: return ["dmb sy", "dsb sy", "isb sy"][Int(min(i.imm, 2))]
        case .it: return itText(i)
        case .compareAndBranch: return "\(i.options & 1 != 0 ? "cbnz" : "cbz") \(n), \(hexImmediate(i.imm))"
        default:
            // Thumb-2, DSP and FPU instructions: each class renders its own ops
            // (Disassembler+<Class>.swift).
            return thumb2DataProcessingText(i) ?? thumb2LoadStoreText(i) ?? dspText(i) ?? floatingPointText(i) ?? "<\(i.op)>"
        }
    }

    /// `itte eq`: the T/E pattern from the mask (DDI 0403 A7.7.38).
    static func itText(_ i: Instruction) -> String {
        let firstCondition = UInt8(truncatingIfNeeded: i.imm >> 4) & 0xF
        let mask = UInt8(truncatingIfNeeded: i.imm) & 0xF
        let count = 4 - mask.trailingZeroBitCount
        var letters = ""
        for index in 1..<max(count, 1) {
            letters += (mask >> (4 - index)) & 1 == firstCondition & 1 ? "t" : "e"
        }
        let condition = Condition(rawValue: firstCondition)?.suffix ?? "nv"
        return "it\(letters) \(condition.isEmpty ? "al" : condition)"
    }

    /// The name of a special register by its SYSm value (DDI 0419 B4.2.2).
    public static func specialRegisterName(_ sysm: UInt32) -> String {
        switch sysm {
        case 0: return "APSR"
        case 1: return "IAPSR"
        case 2: return "EAPSR"
        case 3: return "xPSR"
        case 5: return "IPSR"
        case 6: return "EPSR"
        case 7: return "IEPSR"
        case 8: return "MSP"
        case 9: return "PSP"
        case 16: return "PRIMASK"
        case 17: return "BASEPRI"
        case 18: return "BASEPRI_MAX"
        case 19: return "FAULTMASK"
        case 20: return "CONTROL"
        default: return "SYSm\(sysm)"
        }
    }
}
