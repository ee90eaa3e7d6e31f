extension Disassembler {
    /// Text of the FPv4-SP instructions (as `arm-none-eabi-objdump -d` prints them, with
    /// the immediate of VMOV as its value, e.g. `#1.0`), or nil for an op of another class.
    static func floatingPointText(_ i: Instruction) -> String? {
        let sd = "s\(i.d)", sn = "s\(i.n)", sm = "s\(i.m)"
        switch i.op {
        case .vaddF32: return "vadd.f32 \(sd), \(sn), \(sm)"
        case .vsubF32: return "vsub.f32 \(sd), \(sn), \(sm)"
        case .vmulF32: return "vmul.f32 \(sd), \(sn), \(sm)"
        case .vnmulF32: return "vnmul.f32 \(sd), \(sn), \(sm)"
        case .vdivF32: return "vdiv.f32 \(sd), \(sn), \(sm)"
        case .vmlaF32: return "\(i.options & 1 != 0 ? "vmls" : "vmla").f32 \(sd), \(sn), \(sm)"
        case .vnmlaF32: return "\(i.options & 1 != 0 ? "vnmla" : "vnmls").f32 \(sd), \(sn), \(sm)"
        case .vfmaF32: return "\(i.options & 1 != 0 ? "vfms" : "vfma").f32 \(sd), \(sn), \(sm)"
        case .vfnmaF32: return "\(i.options & 1 != 0 ? "vfnma" : "vfnms").f32 \(sd), \(sn), \(sm)"
        case .vsqrtF32: return "vsqrt.f32 \(sd), \(sm)"
        case .vabsF32: return "vabs.f32 \(sd), \(sm)"
        case .vnegF32: return "vneg.f32 \(sd), \(sm)"
        case .vmovRegisterF32: return "vmov.f32 \(sd), \(sm)"
        case .vmovImmediateF32: return "vmov.f32 \(sd), #\(Float(bitPattern: i.imm))"
        case .vcmpF32:
            let mnemonic = i.options & 1 != 0 ? "vcmpe" : "vcmp"
            return "\(mnemonic).f32 \(sd), \(i.options & 2 != 0 ? "#0.0" : sm)"
        case .vcvtFloatToInteger:
            return "\(i.options & 2 != 0 ? "vcvt" : "vcvtr").\(i.options & 1 != 0 ? "u32" : "s32").f32 \(sd), \(sm)"
        case .vcvtIntegerToFloat:
            return "vcvt.f32.\(i.options & 1 != 0 ? "u32" : "s32") \(sd), \(sm)"
        case .vcvtFloatToFixed, .vcvtFixedToFloat:
            let type = (i.options & 1 != 0 ? "u" : "s") + (i.options & 2 != 0 ? "32" : "16")
            let types = i.op == .vcvtFloatToFixed ? "\(type).f32" : "f32.\(type)"
            return "vcvt.\(types) \(sd), \(sd), #\(i.imm)"
        case .vcvtHalfToSingle: return "vcvt\(i.options & 1 != 0 ? "t" : "b").f32.f16 \(sd), \(sm)"
        case .vcvtSingleToHalf: return "vcvt\(i.options & 1 != 0 ? "t" : "b").f16.f32 \(sd), \(sm)"
        case .vmovCoreToSingle:
            if i.raw & 0x100 != 0 { return "vmov.32 d\(i.d >> 1)[\(i.d & 1)], \(reg(i.n))" }
            return "vmov \(sd), \(reg(i.n))"
        case .vmovSingleToCore:
            if i.raw & 0x100 != 0 { return "vmov.32 \(reg(i.d)), d\(i.n >> 1)[\(i.n & 1)]" }
            return "vmov \(reg(i.d)), \(sn)"
        case .vmovCoresToSingles, .vmovSinglesToCores:
            let fp = i.raw & 0x100 != 0 ? "d\(i.m >> 1)" : "\(sm), s\(i.m + 1)"
            let core = "\(reg(i.d)), \(reg(i.a))"
            return i.op == .vmovCoresToSingles ? "vmov \(fp), \(core)" : "vmov \(core), \(fp)"
        case .vmrs: return i.d == 15 ? "vmrs APSR_nzcv, fpscr" : "vmrs \(reg(i.d)), fpscr"
        case .vmsr: return "vmsr fpscr, \(reg(i.n))"
        case .vldr, .vstr:
            let name = i.op == .vldr ? "vldr" : "vstr"
            let register = i.options & 1 != 0 ? "d\(i.d >> 1)" : sd
            let offset = (i.raw & 0xFF) << 2
            let isAdd = i.raw & (1 << 23) != 0
            if i.n == 15 {
                return "\(name) \(register), [pc, #\(isAdd ? "" : "-")\(offset)] ; \(hexImmediate(i.imm))"
            }
            if offset == 0 { return "\(name) \(register), [\(reg(i.n))]" }
            return "\(name) \(register), [\(reg(i.n)), #\(isAdd ? "" : "-")\(offset)]"
        case .vldm, .vstm:
            let isDouble = i.options & 4 != 0
            let first = isDouble ? Int(i.d >> 1) : Int(i.d)
            let last = isDouble ? first + Int(i.imm / 2) - 1 : first + Int(i.imm) - 1
            let prefix = isDouble ? "d" : "s"
            let list = first == last ? "{\(prefix)\(first)}" : "{\(prefix)\(first)-\(prefix)\(last)}"
            if i.options & 8 != 0 { return "\(i.op == .vldm ? "vpop" : "vpush") \(list)" }
            let name = (i.op == .vldm ? "vldm" : "vstm") + (i.options & 2 != 0 ? "db" : "ia")
            return "\(name) \(reg(i.n))\(i.options & 1 != 0 ? "!" : ""), \(list)"
        default: return nil
        }
    }
}
