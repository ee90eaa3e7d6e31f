import ThumbDecoder

/// The Cortex-M4 rows of the timing model: Cortex-M4 TRM r0p1 (DDI 0439) §3.3.1
/// Table 3-1 "Cortex-M4 instruction set summary" and §7.2 Table 7-1 (FPU). Notation:
/// P = pipeline refill (2 for a simple taken branch), N = registers in the list.
/// Rows not listed cost 1 cycle (all ALU, multiply, MAC and DSP rows of Table 3-1).
extension CoreTiming {
    func cortexM4BaseCycles(_ instruction: Instruction) -> Int {
        let refill = branchRefillCycles
        switch instruction.op {
        case .undecoded, .undefined, .conditionCheck, .eventStop, .addRegisterHighWithPCOrSP, .movRegisterWithPCOrSP,
            .cmpRegisterWithPC, .bEQ, .bNE, .bCS, .bCC, .bMI, .bPL, .bVS, .bVC, .bHI, .bLS,
            .bGE, .bLT, .bGT, .bLE, .udf, .svc:
            return 0  // the exception entry is charged when the exception is taken
        case .ldrLiteral, .strRegister, .strhRegister, .strbRegister, .ldrsbRegister, .ldrRegister,
            .ldrhRegister, .ldrbRegister, .ldrshRegister, .strImmediate, .ldrImmediate, .strbImmediate,
            .ldrbImmediate, .strhImmediate, .ldrhImmediate:
            return 2  // "Load/Store single: 2" (pipelining of neighbours is dynamic)
        case .stm, .ldm, .push:
            return 1 + CoreTiming.registerCount(instruction.imm)  // "1+N"
        case .pop:
            let count = CoreTiming.registerCount(instruction.imm)
            return instruction.imm & (1 << 15) != 0 ? 1 + count + refill : 1 + count  // "1+N(+P)"
        case .b, .bConditional, .bx, .blxRegister, .bl:
            return 1 + refill  // "1+P"; a failed B<cond> costs its skippedCycles (1)
        case .movRegister, .addRegisterHigh:
            return instruction.d == 15 ? 1 + refill : 1  // "MOV/ADD PC: 1+P"
        case .compareAndBranch:
            return 1  // "CBZ/CBNZ: 1 not taken, 1+P taken": the refill is added when taken
        case .mrs, .cps:
            return 1  // "MRS, CPS: 1 or 2": armsim uses 1
        case .msr:
            return 2  // "MSR: 1 or 2": armsim uses 2 (it may change priority or the stack)
        case .barrier:
            return instruction.imm == 2 ? 1 + refill : 1  // "ISB, DMB, DSB: 1+B"; ISB refills the pipeline
        case .it:
            return 1  // not folded: armsim does not model IT folding (a documented approximation)
        case .wfi, .wfe:
            return 1  // "1+W", W = time asleep, counted separately
        case .bkpt:
            return 1

        // MARK: Thumb-2 rows
        case .ldrImmediateWide, .ldrbImmediateWide, .ldrhImmediateWide, .ldrsbImmediateWide, .ldrshImmediateWide,
            .strImmediateWide, .strbImmediateWide, .strhImmediateWide, .ldrRegisterWide, .ldrbRegisterWide,
            .ldrhRegisterWide, .ldrsbRegisterWide, .ldrshRegisterWide, .strRegisterWide, .strbRegisterWide,
            .strhRegisterWide, .ldrLiteralWide, .ldrbLiteral, .ldrhLiteral, .ldrsbLiteral, .ldrshLiteral:
            return 2  // "Load/Store single, any addressing mode: 2"; pipelining of neighbours is dynamic (§3.3.2)
        case .ldrex, .ldrexb, .ldrexh, .strex, .strexb, .strexh:
            return 2  // "LDREX/STREX (B/H): 2"
        case .ldrToPC:
            return 2 + refill  // "Load to PC: 2+P"
        case .ldrdImmediate, .ldrdLiteral, .strdImmediate:
            return 3  // "Load/Store double: 1+N", N = 2
        case .ldmWide, .ldmdb:
            let count = CoreTiming.registerCount(instruction.imm)
            return instruction.imm & (1 << 15) != 0 ? 1 + count + refill : 1 + count  // "LDM: 1+N", "including PC: 1+N+P"
        case .stmWide, .stmdb:
            return 1 + CoreTiming.registerCount(instruction.imm)  // "STM, PUSH: 1+N"
        case .tbb, .tbh:
            return 2 + refill  // "Table branch TBB/TBH: 2+P"
        case .preload, .clrex:
            return 1  // "PLD: 1" (treated as a hint), "CLREX: 1"
        case .sdivT1, .udivT1:
            return 1  // "SDIV, UDIV: 2 to 12": the issue cycle; the handler adds the divider's 1…11 (docs/cycle-model.md)

        // MARK: DSP rows (all 1 cycle on the M4: Table 3-1)

        // MARK: FPU rows (Table 7-1)
        // Cortex-M4 TRM r0p1 (DDI 0439) §7.2.3 Table 7-1 "FPU instruction set": VADD, VSUB,
        // VMUL, VNMUL, VABS, VNEG, VCMP{E}, VCVT{R,B,T}, VMOV (immediate, register,
        // core <-> S), VMRS and VMSR are 1 cycle (the default below).
        case .vmlaF32, .vnmlaF32, .vfmaF32, .vfnmaF32:
            return 3  // "VMLA/VMLS/VNMLA/VNMLS 3", "VFMA/VFMS/VFNMA/VFNMS 3"
        case .vdivF32, .vsqrtF32:
            return 14  // "VDIV 14", "VSQRT 14"
        case .vldr, .vstr:
            return instruction.options & 1 != 0 ? 3 : 2  // "VLDR.F32 2, VLDR.F64 3", "VSTR 2 / 3"
        case .vldm, .vstm:
            return 1 + Int(instruction.imm)  // "VLDM/VSTM/VPUSH/VPOP 1+N", N = 32-bit registers
        case .vmovCoresToSingles, .vmovSinglesToCores:
            return 2  // "VMOV two core registers <-> two S registers or a D register: 2"

        default:
            return 1
        }
    }
}
