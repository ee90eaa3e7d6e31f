/// The architecture level that first defines an encoding, used to refuse
/// instructions a core does not implement (they decode to `.undefined`).
public enum ArchitectureLevel: UInt8, Sendable, Comparable {
    /// ARMv6-M (Cortex-M0/M0+), Arm DDI 0419.
    case v6M
    /// ARMv7-M base Thumb-2 (Cortex-M3 and up), Arm DDI 0403.
    case v7M
    /// ARMv7E-M DSP extension (Cortex-M4).
    case v7EMDSP
    /// FPv4-SP single-precision floating point (Cortex-M4F).
    case fpv4SP

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An Arm condition code (ARMv7-M ARM A7.3, Table A7-1), the `cond` field of
/// conditional branches and IT blocks.
public enum Condition: UInt8, Sendable, CaseIterable {
    case eq = 0, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al

    /// The assembler suffix (`eq`, `ne`, …; empty for `al`).
    public var suffix: String {
        switch self {
        case .eq: return "eq"
        case .ne: return "ne"
        case .cs: return "cs"
        case .cc: return "cc"
        case .mi: return "mi"
        case .pl: return "pl"
        case .vs: return "vs"
        case .vc: return "vc"
        case .hi: return "hi"
        case .ls: return "ls"
        case .ge: return "ge"
        case .lt: return "lt"
        case .gt: return "gt"
        case .le: return "le"
        case .al: return ""
        }
    }
}

/// One case per instruction handler. The raw value is what the executor's predecoded
/// slot stores, so the set can grow (Thumb-2, DSP, FPU) without changing the slot.
///
/// Names follow the Arm ARM's spelling in lowerCamelCase with the form appended;
/// each comment gives the manual's name and section (ARMv6-M ARM DDI 0419, A6.7).
public enum Op: UInt16, Sendable {
    /// A slot not decoded yet; the executor decodes it on first use.
    case undecoded = 0
    /// An unallocated or unsupported encoding: UsageFault/HardFault UNDEFINSTR when executed.
    case undefined
    /// Not an instruction: the executor's check of the condition of the IT-block
    /// instruction that follows it in a predecoded block (it skips that instruction when
    /// the condition fails), so that unconditional instructions carry no check at all.
    case conditionCheck
    /// Not an instruction: put in place of a predecoded slot's op by the executor so that
    /// it leaves the block before that slot, where an event falls due.
    case eventStop
    /// Not encodings: the executor's forms of `ADD Rdn, Rm` (T2) and `MOV Rd, Rm` when PC or
    /// SP is among their registers, and of `CMP Rn, Rm` when PC is, so that the common
    /// forms, with neither, read and write the register file without tests.
    case addRegisterHighWithPCOrSP
    case movRegisterWithPCOrSP
    case cmpRegisterWithPC
    /// Not encodings: B<cond> (T1, T3) with its condition fixed, the executor's forms of
    /// `bConditional`, so that the loop tests the flags without a second dispatch on the
    /// condition.
    case bEQ, bNE, bCS, bCC, bMI, bPL, bVS, bVC, bHI, bLS, bGE, bLT, bGT, bLE
    /// `LSLS Rd, Rm, #imm5` (LSL (immediate) T1, A6.7.35); `MOVS Rd, Rm` when imm5 = 0.
    case lslImmediate
    /// `LSRS Rd, Rm, #imm` (LSR (immediate) T1, A6.7.37); imm 0 encodes 32.
    case lsrImmediate
    /// `ASRS Rd, Rm, #imm` (ASR (immediate) T1, A6.7.10); imm 0 encodes 32.
    case asrImmediate
    /// `ADDS Rd, Rn, Rm` (ADD (register) T1, A6.7.3).
    case addsRegister
    /// `SUBS Rd, Rn, Rm` (SUB (register) T1, A6.7.66).
    case subsRegister
    /// `ADDS Rd, Rn, #imm` (ADD (immediate) T1/T2, A6.7.2).
    case addsImmediate
    /// `SUBS Rd, Rn, #imm` (SUB (immediate) T1/T2, A6.7.65).
    case subsImmediate
    /// `MOVS Rd, #imm8` (MOV (immediate) T1, A6.7.39).
    case movsImmediate
    /// `CMP Rn, #imm8` (CMP (immediate) T1, A6.7.17).
    case cmpImmediate
    /// `ANDS Rdn, Rm` (AND (register) T1, A6.7.9).
    case andsRegister
    /// `EORS Rdn, Rm` (EOR (register) T1, A6.7.24).
    case eorsRegister
    /// `LSLS Rdn, Rm` (LSL (register) T1, A6.7.36).
    case lslsRegister
    /// `LSRS Rdn, Rm` (LSR (register) T1, A6.7.38).
    case lsrsRegister
    /// `ASRS Rdn, Rm` (ASR (register) T1, A6.7.11).
    case asrsRegister
    /// `ADCS Rdn, Rm` (ADC (register) T1, A6.7.1).
    case adcsRegister
    /// `SBCS Rdn, Rm` (SBC (register) T1, A6.7.58).
    case sbcsRegister
    /// `RORS Rdn, Rm` (ROR (register) T1, A6.7.55).
    case rorsRegister
    /// `TST Rn, Rm` (TST (register) T1, A6.7.71).
    case tstRegister
    /// `RSBS Rd, Rn, #0` (RSB (immediate) T1, A6.7.56), alias NEGS.
    case rsbsImmediate
    /// `CMP Rn, Rm` (CMP (register) T1/T2, A6.7.18).
    case cmpRegister
    /// `CMN Rn, Rm` (CMN (register) T1, A6.7.16).
    case cmnRegister
    /// `ORRS Rdn, Rm` (ORR (register) T1, A6.7.48).
    case orrsRegister
    /// `MULS Rdm, Rn, Rdm` (MUL T1, A6.7.44).
    case mulsRegister
    /// `BICS Rdn, Rm` (BIC (register) T1, A6.7.13).
    case bicsRegister
    /// `MVNS Rd, Rm` (MVN (register) T1, A6.7.46).
    case mvnsRegister
    /// `ADD Rdn, Rm` with any registers, no flags (ADD (register) T2, A6.7.3); writes to PC branch.
    case addRegisterHigh
    /// `MOV Rd, Rm` with any registers, no flags (MOV (register) T1, A6.7.40); writes to PC branch.
    case movRegister
    /// `BX Rm` (A6.7.15).
    case bx
    /// `BLX Rm` (A6.7.14).
    case blxRegister
    /// `LDR Rt, [PC, #imm]` (LDR (literal) T1, A6.7.27); `imm` holds the resolved address.
    case ldrLiteral
    /// `STR Rt, [Rn, Rm]` (STR (register) T1, A6.7.62).
    case strRegister
    /// `STRH Rt, [Rn, Rm]` (STRH (register) T1, A6.7.64).
    case strhRegister
    /// `STRB Rt, [Rn, Rm]` (STRB (register) T1, A6.7.63... A6.7.61).
    case strbRegister
    /// `LDRSB Rt, [Rn, Rm]` (LDRSB (register) T1, A6.7.33).
    case ldrsbRegister
    /// `LDR Rt, [Rn, Rm]` (LDR (register) T1, A6.7.28).
    case ldrRegister
    /// `LDRH Rt, [Rn, Rm]` (LDRH (register) T1, A6.7.32).
    case ldrhRegister
    /// `LDRB Rt, [Rn, Rm]` (LDRB (register) T1, A6.7.30).
    case ldrbRegister
    /// `LDRSH Rt, [Rn, Rm]` (LDRSH (register) T1, A6.7.34).
    case ldrshRegister
    /// `STR Rt, [Rn, #imm]` and `STR Rt, [SP, #imm]` (STR (immediate) T1/T2, A6.7.61).
    case strImmediate
    /// `LDR Rt, [Rn, #imm]` and `LDR Rt, [SP, #imm]` (LDR (immediate) T1/T2, A6.7.26).
    case ldrImmediate
    /// `STRB Rt, [Rn, #imm]` (STRB (immediate) T1, A6.7.62).
    case strbImmediate
    /// `LDRB Rt, [Rn, #imm]` (LDRB (immediate) T1, A6.7.29).
    case ldrbImmediate
    /// `STRH Rt, [Rn, #imm]` (STRH (immediate) T1, A6.7.63).
    case strhImmediate
    /// `LDRH Rt, [Rn, #imm]` (LDRH (immediate) T1, A6.7.31).
    case ldrhImmediate
    /// `ADR Rd, label` (A6.7.7); `imm` holds the resolved address.
    case adr
    /// `ADD Rd, SP, #imm` and `ADD SP, SP, #imm` (ADD (SP plus immediate) T1/T2, A6.7.5).
    case addSPImmediate
    /// `SUB SP, SP, #imm` (SUB (SP minus immediate) T1, A6.7.67).
    case subSPImmediate
    /// `SXTH Rd, Rm` (A6.7.70).
    case sxth
    /// `SXTB Rd, Rm` (A6.7.69).
    case sxtb
    /// `UXTH Rd, Rm` (A6.7.75).
    case uxth
    /// `UXTB Rd, Rm` (A6.7.74).
    case uxtb
    /// `PUSH {registers}` (A6.7.50); `imm` is the register list (bit 14 = LR).
    case push
    /// `POP {registers}` (A6.7.49); `imm` is the register list (bit 15 = PC).
    case pop
    /// `REV Rd, Rm` (A6.7.52).
    case rev
    /// `REV16 Rd, Rm` (A6.7.53).
    case rev16
    /// `REVSH Rd, Rm` (A6.7.54).
    case revsh
    /// `CPSIE i` / `CPSID i` (CPS, B4.2.1); `imm` 1 = disable (CPSID).
    case cps
    /// `BKPT #imm8` (A6.7.12); 0xAB is the semihosting trap.
    case bkpt
    /// `NOP`, `YIELD` (hints executed as no-ops on a single core, A6.7.47/A6.7.76).
    case nop
    /// `SEV` (A6.7.60): signals an event to all processors, this one included, so it
    /// sets the local event register that the next WFE consumes (B1.5.18).
    case sev
    /// `WFE` (A6.7.77): sleeps until an event.
    case wfe
    /// `WFI` (A6.7.78): sleeps until an interrupt.
    case wfi
    /// `STM Rn!, {registers}` (A6.7.59).
    case stm
    /// `LDM Rn{!}, {registers}` (A6.7.25); writeback unless Rn is in the list.
    case ldm
    /// `B<cond> label` (B T1, A6.7.10); `imm` holds the target address.
    case bConditional
    /// `B label` (B T2, A6.7.10); `imm` holds the target address.
    case b
    /// `SVC #imm8` (A6.7.68).
    case svc
    /// `UDF #imm` (A6.7.73, T1 and T2): always UNDEFINED.
    case udf
    /// `BL label` (A6.7.13); `imm` holds the target address.
    case bl
    /// `MSR spec_reg, Rn` (B4.2.3); `imm` is SYSm.
    case msr
    /// `MRS Rd, spec_reg` (B4.2.2); `imm` is SYSm.
    case mrs
    /// `DMB`, `DSB`, `ISB` (A6.7.21, A6.7.22, A6.7.23); `imm` 0 DMB, 1 DSB, 2 ISB.
    case barrier

    // MARK: ARMv7-M 16-bit additions (DDI 0403 A5.2.5)
    /// `IT{x{y{z}}} firstcond` (A7.7.38); `imm` = firstcond << 4 | mask. Executes as a
    /// no-op: the predecoder gives each instruction of the block its condition.
    case it
    /// `CBZ Rn, label` / `CBNZ Rn, label` (A7.7.21); `imm` holds the target,
    /// `options` bit 0 set for CBNZ.
    case compareAndBranch

    // MARK: Thumb-2 data processing (DDI 0403 A5.3.1-A5.3.3, A5.3.11-A5.3.12)
    // Modified immediate (A5.3.1): `imm` = ThumbExpandImm(i:imm3:imm8); for the logical ops
    // `options` bit 0 set means the expansion rotated, so with S the carry becomes imm[31]
    // (ThumbExpandImm_C, A5.3.2); otherwise C is unchanged.
    /// `AND{S}.W Rd, Rn, #const` (AND (immediate) T1, A7.7.8).
    case andImmediateT1
    /// `TST.W Rn, #const` (TST (immediate) T1, A7.7.188).
    case tstImmediateT1
    /// `BIC{S} Rd, Rn, #const` (BIC (immediate) T1, A7.7.15).
    case bicImmediateT1
    /// `ORR{S} Rd, Rn, #const` (ORR (immediate) T1, A7.7.91).
    case orrImmediateT1
    /// `MOV{S}.W Rd, #const` (MOV (immediate) T2, A7.7.76).
    case movImmediateT2
    /// `ORN{S} Rd, Rn, #const` (ORN (immediate) T1, A7.7.89).
    case ornImmediateT1
    /// `MVN{S} Rd, #const` (MVN (immediate) T1, A7.7.85).
    case mvnImmediateT1
    /// `EOR{S} Rd, Rn, #const` (EOR (immediate) T1, A7.7.35).
    case eorImmediateT1
    /// `TEQ Rn, #const` (TEQ (immediate) T1, A7.7.186).
    case teqImmediateT1
    /// `ADD{S}.W Rd, Rn, #const` and `ADDW Rd, Rn, #imm12` (ADD (immediate) T3/T4, A7.7.3), with
    /// Rn = SP too (ADD (SP plus immediate) T3/T4, A7.7.5); a write to SP clears bits [1:0].
    case addImmediateT3
    /// `CMN.W Rn, #const` (CMN (immediate) T1, A7.7.25).
    case cmnImmediateT1
    /// `ADC{S} Rd, Rn, #const` (ADC (immediate) T1, A7.7.1).
    case adcImmediateT1
    /// `SBC{S} Rd, Rn, #const` (SBC (immediate) T1, A7.7.124).
    case sbcImmediateT1
    /// `SUB{S}.W Rd, Rn, #const` and `SUBW Rd, Rn, #imm12` (SUB (immediate) T3/T4, A7.7.174), with
    /// Rn = SP too (SUB (SP minus immediate) T2/T3, A7.7.176); a write to SP clears bits [1:0].
    case subImmediateT3
    /// `CMP.W Rn, #const` (CMP (immediate) T2, A7.7.27).
    case cmpImmediateT2
    /// `RSB{S}.W Rd, Rn, #const` (RSB (immediate) T2, A7.7.119).
    case rsbImmediateT2
    // Plain binary immediate (A5.3.3).
    /// `ADR.W Rd, label` (ADR T2 subtract / T3 add, A7.7.7); `imm` holds the resolved address
    /// Align(PC, 4) ± imm12, `options` bit 0 set for T2.
    case adrT2
    /// `MOVW Rd, #imm16` (MOV (immediate) T3, A7.7.76).
    case movImmediateT3
    /// `MOVT Rd, #imm16` (A7.7.79): writes the top halfword, keeps the bottom one.
    case movtT1
    /// `SSAT Rd, #n, Rn{, shift}` (A7.7.152): `imm` = n (1…32), `options` bits 0-4 the shift
    /// amount, bit 5 set for ASR. Sets Q when it saturates.
    case ssatT1
    /// `USAT Rd, #n, Rn{, shift}` (A7.7.213): `imm` = n (0…31), `options` as for `ssatT1`.
    case usatT1
    /// `SBFX Rd, Rn, #lsb, #width` (A7.7.126): `options` = lsb, `imm` = width.
    case sbfxT1
    /// `UBFX Rd, Rn, #lsb, #width` (A7.7.193): `options` = lsb, `imm` = width.
    case ubfxT1
    /// `BFI Rd, Rn, #lsb, #width` (A7.7.14): `imm` = mask of bits msb:lsb, `options` = lsb.
    case bfiT1
    /// `BFC Rd, #lsb, #width` (A7.7.13): `imm` = mask of bits msb:lsb, `options` = lsb.
    case bfcT1
    // Shifted register (A5.3.11): `options` bits 0-1 are the shift type (0 LSL, 1 LSR, 2 ASR,
    // 3 ROR), bit 2 set for RRX; `imm` is the amount after DecodeImmShift (LSR/ASR #0 = 32).
    /// `AND{S}.W Rd, Rn, Rm{, shift}` (AND (register) T2, A7.7.9).
    case andRegisterT2
    /// `TST.W Rn, Rm{, shift}` (TST (register) T2, A7.7.189).
    case tstRegisterT2
    /// `BIC{S}.W Rd, Rn, Rm{, shift}` (BIC (register) T2, A7.7.16).
    case bicRegisterT2
    /// `ORR{S}.W Rd, Rn, Rm{, shift}` (ORR (register) T2, A7.7.92).
    case orrRegisterT2
    /// `MOV{S}.W Rd, Rm` (MOV (register) T3, A7.7.77) and the shifts by an immediate,
    /// `LSL/LSR/ASR{S}.W Rd, Rm, #n`, `ROR{S} Rd, Rm, #n`, `RRX{S} Rd, Rm` (A7.7.68, A7.7.70,
    /// A7.7.10, A7.7.116, A7.7.118): all are MOV with a shifted register operand. A write to SP
    /// (MOV.W SP, Rm) clears bits [1:0].
    case movRegisterT3
    /// `ORN{S} Rd, Rn, Rm{, shift}` (ORN (register) T1, A7.7.90).
    case ornRegisterT1
    /// `MVN{S}.W Rd, Rm{, shift}` (MVN (register) T2, A7.7.86).
    case mvnRegisterT2
    /// `EOR{S}.W Rd, Rn, Rm{, shift}` (EOR (register) T2, A7.7.36).
    case eorRegisterT2
    /// `TEQ Rn, Rm{, shift}` (TEQ (register) T1, A7.7.187).
    case teqRegisterT1
    /// `ADD{S}.W Rd, Rn, Rm{, shift}` (ADD (register) T3, A7.7.4; ADD (SP plus register) T3,
    /// A7.7.6); a write to SP clears bits [1:0].
    case addRegisterT3
    /// `CMN.W Rn, Rm{, shift}` (CMN (register) T2, A7.7.26).
    case cmnRegisterT2
    /// `ADC{S}.W Rd, Rn, Rm{, shift}` (ADC (register) T2, A7.7.2).
    case adcRegisterT2
    /// `SBC{S}.W Rd, Rn, Rm{, shift}` (SBC (register) T2, A7.7.125).
    case sbcRegisterT2
    /// `SUB{S}.W Rd, Rn, Rm{, shift}` (SUB (register) T2, A7.7.175; SUB (SP minus register) T1,
    /// A7.7.177); a write to SP clears bits [1:0].
    case subRegisterT2
    /// `CMP.W Rn, Rm{, shift}` (CMP (register) T3, A7.7.28).
    case cmpRegisterT3
    /// `RSB{S} Rd, Rn, Rm{, shift}` (RSB (register) T1, A7.7.120).
    case rsbRegisterT1
    // Data processing (register) (A5.3.12) and miscellaneous operations (A5.3.15).
    /// `LSL{S}.W Rd, Rn, Rm` (LSL (register) T2, A7.7.69): amount = Rm[7:0].
    case lslRegisterT2
    /// `LSR{S}.W Rd, Rn, Rm` (LSR (register) T2, A7.7.71).
    case lsrRegisterT2
    /// `ASR{S}.W Rd, Rn, Rm` (ASR (register) T2, A7.7.11).
    case asrRegisterT2
    /// `ROR{S}.W Rd, Rn, Rm` (ROR (register) T2, A7.7.117).
    case rorRegisterT2
    /// `SXTB.W Rd, Rm{, ROR #n}` (SXTB T2, A7.7.182): `imm` is the rotation 0/8/16/24.
    case sxtbT2
    /// `SXTH.W Rd, Rm{, ROR #n}` (SXTH T2, A7.7.184).
    case sxthT2
    /// `UXTB.W Rd, Rm{, ROR #n}` (UXTB T2, A7.7.221).
    case uxtbT2
    /// `UXTH.W Rd, Rm{, ROR #n}` (UXTH T2, A7.7.223).
    case uxthT2
    /// `CLZ Rd, Rm` (A7.7.24).
    case clzT1
    /// `RBIT Rd, Rm` (A7.7.112).
    case rbitT1
    /// `REV.W Rd, Rm` (REV T2, A7.7.113).
    case revT2
    /// `REV16.W Rd, Rm` (REV16 T2, A7.7.114).
    case rev16T2
    /// `REVSH.W Rd, Rm` (REVSH T2, A7.7.115).
    case revshT2


    // MARK: Thumb-2 multiply, multiply-accumulate and divide (A5.3.16, A5.3.17)
    /// `MUL Rd, Rn, Rm` (MUL T2, A7.7.84): no flags.
    case mulT2
    /// `MLA Rd, Rn, Rm, Ra` (A7.7.74): Rd = Rn × Rm + Ra; `a` is Ra.
    case mlaT1
    /// `MLS Rd, Rn, Rm, Ra` (A7.7.75): Rd = Ra − Rn × Rm; `a` is Ra.
    case mlsT1
    /// `SMULL RdLo, RdHi, Rn, Rm` (A7.7.149): `d` is RdLo, `a` is RdHi.
    case smullT1
    /// `UMULL RdLo, RdHi, Rn, Rm` (A7.7.204): `d` is RdLo, `a` is RdHi.
    case umullT1
    /// `SMLAL RdLo, RdHi, Rn, Rm` (A7.7.138): `d` is RdLo, `a` is RdHi.
    case smlalT1
    /// `UMLAL RdLo, RdHi, Rn, Rm` (A7.7.203): `d` is RdLo, `a` is RdHi.
    case umlalT1
    /// `SDIV Rd, Rn, Rm` (A7.7.127): rounds towards zero; x/0 = 0 (or DIVBYZERO UsageFault
    /// with CCR.DIV_0_TRP); INT_MIN / −1 = INT_MIN. Early-terminating cost: docs/cycle-model.md.
    case sdivT1
    /// `UDIV Rd, Rn, Rm` (A7.7.195): as SDIV, unsigned.
    case udivT1


    // MARK: Thumb-2 loads and stores (A5.3.7-A5.3.10, A5.3.5, A5.3.6)
    // Single loads and stores, immediate forms (imm12 T2/T3, imm8 T3/T4, unprivileged T1):
    // d = Rt, n = Rn, imm = the offset as two's complement (negated when U = 0);
    // options bit 0 index (P), bit 1 add (U), bit 2 writeback (W), bit 3 unprivileged
    // (LDRT/STRT...: same behaviour, armsim has no MPU), bit 4 the imm12 encoding.
    /// `LDR{T} Rt, [Rn, #±imm]{!}` / `[Rn], #±imm` (LDR (immediate) T3/T4, LDRT T1, A7.7.43, A7.7.65).
    case ldrImmediateWide
    /// `LDRB{T}` immediate forms (LDRB (immediate) T2/T3, LDRBT T1, A7.7.46, A7.7.49).
    case ldrbImmediateWide
    /// `LDRH{T}` immediate forms (LDRH (immediate) T2/T3, LDRHT T1, A7.7.55, A7.7.58).
    case ldrhImmediateWide
    /// `LDRSB{T}` immediate forms (LDRSB (immediate) T1/T2, LDRSBT T1, A7.7.59, A7.7.62).
    case ldrsbImmediateWide
    /// `LDRSH{T}` immediate forms (LDRSH (immediate) T1/T2, LDRSHT T1, A7.7.63, A7.7.66).
    case ldrshImmediateWide
    /// `STR{T}` immediate forms, PUSH T3 (STR (immediate) T3/T4, STRT T1, A7.7.161, A7.7.170).
    case strImmediateWide
    /// `STRB{T}` immediate forms (STRB (immediate) T2/T3, STRBT T1, A7.7.163, A7.7.165).
    case strbImmediateWide
    /// `STRH{T}` immediate forms (STRH (immediate) T2/T3, STRHT T1, A7.7.171, A7.7.173).
    case strhImmediateWide
    // Register forms: address = Rn + (Rm << imm), imm = the LSL amount 0-3.
    /// `LDR.W Rt, [Rn, Rm, LSL #imm]` (LDR (register) T2, A7.7.45).
    case ldrRegisterWide
    /// `LDRB.W Rt, [Rn, Rm, LSL #imm]` (LDRB (register) T2, A7.7.48).
    case ldrbRegisterWide
    /// `LDRH.W Rt, [Rn, Rm, LSL #imm]` (LDRH (register) T2, A7.7.57).
    case ldrhRegisterWide
    /// `LDRSB.W Rt, [Rn, Rm, LSL #imm]` (LDRSB (register) T2, A7.7.61).
    case ldrsbRegisterWide
    /// `LDRSH.W Rt, [Rn, Rm, LSL #imm]` (LDRSH (register) T2, A7.7.65).
    case ldrshRegisterWide
    /// `STR.W Rt, [Rn, Rm, LSL #imm]` (STR (register) T2, A7.7.162).
    case strRegisterWide
    /// `STRB.W Rt, [Rn, Rm, LSL #imm]` (STRB (register) T2, A7.7.164).
    case strbRegisterWide
    /// `STRH.W Rt, [Rn, Rm, LSL #imm]` (STRH (register) T2, A7.7.172).
    case strhRegisterWide
    // Literal forms: imm = the resolved address Align(PC, 4) ± imm12; options bit 1 = U.
    /// `LDR.W Rt, [PC, #±imm12]` (LDR (literal) T2, A7.7.44).
    case ldrLiteralWide
    /// `LDRB.W Rt, [PC, #±imm12]` (LDRB (literal) T1, A7.7.47).
    case ldrbLiteral
    /// `LDRH.W Rt, [PC, #±imm12]` (LDRH (literal) T1, A7.7.56).
    case ldrhLiteral
    /// `LDRSB.W Rt, [PC, #±imm12]` (LDRSB (literal) T1, A7.7.60).
    case ldrsbLiteral
    /// `LDRSH.W Rt, [PC, #±imm12]` (LDRSH (literal) T1, A7.7.64).
    case ldrshLiteral
    /// `LDR.W PC, ...` from any LDR form, POP T3 with PC (LoadWritePC, A7.7.43-A7.7.45):
    /// an interworking branch. Options as the immediate forms, plus bit 5 register form
    /// (m = Rm, imm = shift) and bit 6 literal form (imm = address).
    case ldrToPC
    /// `PLD`/`PLI` (all forms, A7.7.94-A7.7.98) and the unallocated memory hints of the
    /// halfword space: no-ops. options bit 0 set for PLI, bit 1 for an unallocated hint.
    case preload
    // Dual: d = Rt, a = Rt2, n = Rn, imm = signed offset, options P/U/W as above.
    /// `LDRD Rt, Rt2, [Rn, #±imm]{!}` / `[Rn], #±imm` (LDRD (immediate) T1, A7.7.50).
    case ldrdImmediate
    /// `LDRD Rt, Rt2, [PC, #±imm]` (LDRD (literal) T1, A7.7.51); imm = the resolved address.
    case ldrdLiteral
    /// `STRD Rt, Rt2, [Rn, #±imm]{!}` / `[Rn], #±imm` (STRD (immediate) T1, A7.7.166).
    case strdImmediate
    // Exclusives: d = Rt for loads; for stores d = Rd (status), m = Rt; imm = offset.
    /// `LDREX Rt, [Rn, #imm]` (A7.7.52).
    case ldrex
    /// `LDREXB Rt, [Rn]` (A7.7.53).
    case ldrexb
    /// `LDREXH Rt, [Rn]` (A7.7.54).
    case ldrexh
    /// `STREX Rd, Rt, [Rn, #imm]` (A7.7.167).
    case strex
    /// `STREXB Rd, Rt, [Rn]` (A7.7.168).
    case strexb
    /// `STREXH Rd, Rt, [Rn]` (A7.7.169).
    case strexh
    /// `TBB [Rn, Rm]` (A7.7.185): Rn may be PC (reads as the instruction's address + 4).
    case tbb
    /// `TBH [Rn, Rm, LSL #1]` (A7.7.185).
    case tbh
    // Multiple: n = Rn, imm = register list, options bit 2 = writeback (W).
    /// `LDM.W Rn{!}, {list}` and POP T2 (LDM T2, A7.7.41; POP T2, A7.7.99).
    case ldmWide
    /// `LDMDB Rn{!}, {list}` (LDMDB T1, A7.7.42).
    case ldmdb
    /// `STM.W Rn{!}, {list}` (STM T2, A7.7.159).
    case stmWide
    /// `STMDB Rn{!}, {list}` and PUSH T2 (STMDB T1, A7.7.160; PUSH T2, A7.7.101).
    case stmdb

    // MARK: Thumb-2 branches and miscellaneous control (A5.3.4)
    // B T3/T4 reuse `bConditional`/`b`, the 32-bit hints reuse `nop`/`wfe`/`wfi`/`sev`.
    /// `CLREX` (A7.7.23): clears the local exclusive monitor.
    case clrex

    // MARK: DSP extension (ARMv7E-M, A5.3.13-A5.3.17 "E" rows)
    // Parallel addition and subtraction (A5.3.13, A5.3.14): `Rd, Rn, Rm`. Only the plain
    // S/U forms write APSR.GE; the Q/UQ forms saturate without touching Q, the SH/UH
    // forms halve.
    /// `SADD16 Rd, Rn, Rm` (A7.7 SADD16).
    case sadd16
    /// `SASX Rd, Rn, Rm` (A7.7 SASX).
    case sasx
    /// `SSAX Rd, Rn, Rm` (A7.7 SSAX).
    case ssax
    /// `SSUB16 Rd, Rn, Rm` (A7.7 SSUB16).
    case ssub16
    /// `SADD8 Rd, Rn, Rm` (A7.7 SADD8).
    case sadd8
    /// `SSUB8 Rd, Rn, Rm` (A7.7 SSUB8).
    case ssub8
    /// `QADD16 Rd, Rn, Rm` (A7.7 QADD16).
    case qadd16
    /// `QASX Rd, Rn, Rm` (A7.7 QASX).
    case qasx
    /// `QSAX Rd, Rn, Rm` (A7.7 QSAX).
    case qsax
    /// `QSUB16 Rd, Rn, Rm` (A7.7 QSUB16).
    case qsub16
    /// `QADD8 Rd, Rn, Rm` (A7.7 QADD8).
    case qadd8
    /// `QSUB8 Rd, Rn, Rm` (A7.7 QSUB8).
    case qsub8
    /// `SHADD16 Rd, Rn, Rm` (A7.7 SHADD16).
    case shadd16
    /// `SHASX Rd, Rn, Rm` (A7.7 SHASX).
    case shasx
    /// `SHSAX Rd, Rn, Rm` (A7.7 SHSAX).
    case shsax
    /// `SHSUB16 Rd, Rn, Rm` (A7.7 SHSUB16).
    case shsub16
    /// `SHADD8 Rd, Rn, Rm` (A7.7 SHADD8).
    case shadd8
    /// `SHSUB8 Rd, Rn, Rm` (A7.7 SHSUB8).
    case shsub8
    /// `UADD16 Rd, Rn, Rm` (A7.7 UADD16).
    case uadd16
    /// `UASX Rd, Rn, Rm` (A7.7 UASX).
    case uasx
    /// `USAX Rd, Rn, Rm` (A7.7 USAX).
    case usax
    /// `USUB16 Rd, Rn, Rm` (A7.7 USUB16).
    case usub16
    /// `UADD8 Rd, Rn, Rm` (A7.7 UADD8).
    case uadd8
    /// `USUB8 Rd, Rn, Rm` (A7.7 USUB8).
    case usub8
    /// `UQADD16 Rd, Rn, Rm` (A7.7 UQADD16).
    case uqadd16
    /// `UQASX Rd, Rn, Rm` (A7.7 UQASX).
    case uqasx
    /// `UQSAX Rd, Rn, Rm` (A7.7 UQSAX).
    case uqsax
    /// `UQSUB16 Rd, Rn, Rm` (A7.7 UQSUB16).
    case uqsub16
    /// `UQADD8 Rd, Rn, Rm` (A7.7 UQADD8).
    case uqadd8
    /// `UQSUB8 Rd, Rn, Rm` (A7.7 UQSUB8).
    case uqsub8
    /// `UHADD16 Rd, Rn, Rm` (A7.7 UHADD16).
    case uhadd16
    /// `UHASX Rd, Rn, Rm` (A7.7 UHASX).
    case uhasx
    /// `UHSAX Rd, Rn, Rm` (A7.7 UHSAX).
    case uhsax
    /// `UHSUB16 Rd, Rn, Rm` (A7.7 UHSUB16).
    case uhsub16
    /// `UHADD8 Rd, Rn, Rm` (A7.7 UHADD8).
    case uhadd8
    /// `UHSUB8 Rd, Rn, Rm` (A7.7 UHSUB8).
    case uhsub8
    /// `SEL Rd, Rn, Rm` (A7.7 SEL): bytes chosen by APSR.GE.
    case sel
    /// `QADD Rd, Rm, Rn` (A7.7 QADD): saturating Rm + Rn, sets Q on saturation.
    case qadd
    /// `QDADD Rd, Rm, Rn` (A7.7 QDADD): Rm + saturated 2×Rn.
    case qdadd
    /// `QSUB Rd, Rm, Rn` (A7.7 QSUB): saturating Rm − Rn.
    case qsub
    /// `QDSUB Rd, Rm, Rn` (A7.7 QDSUB): Rm − saturated 2×Rn.
    case qdsub
    // Extend and add (A5.3.12): `imm` is the rotation of Rm (0, 8, 16 or 24).
    /// `SXTAB Rd, Rn, Rm{, ROR #r}` (A7.7 SXTAB).
    case sxtab
    /// `SXTAH Rd, Rn, Rm{, ROR #r}` (A7.7 SXTAH).
    case sxtah
    /// `SXTAB16 Rd, Rn, Rm{, ROR #r}` (A7.7 SXTAB16).
    case sxtab16
    /// `SXTB16 Rd, Rm{, ROR #r}` (A7.7 SXTB16).
    case sxtb16
    /// `UXTAB Rd, Rn, Rm{, ROR #r}` (A7.7 UXTAB).
    case uxtab
    /// `UXTAH Rd, Rn, Rm{, ROR #r}` (A7.7 UXTAH).
    case uxtah
    /// `UXTAB16 Rd, Rn, Rm{, ROR #r}` (A7.7 UXTAB16).
    case uxtab16
    /// `UXTB16 Rd, Rm{, ROR #r}` (A7.7 UXTB16).
    case uxtb16
    /// `USAD8 Rd, Rn, Rm` (A7.7 USAD8): sum of absolute byte differences.
    case usad8
    /// `USADA8 Rd, Rn, Rm, Ra` (A7.7 USADA8): USAD8 plus Ra (`a`).
    case usada8
    /// `SSAT16 Rd, #sat, Rn` (A7.7 SSAT16); `imm` is the saturation width 1–16; sets Q.
    case ssat16
    /// `USAT16 Rd, #sat, Rn` (A7.7 USAT16); `imm` is the saturation width 0–15; sets Q.
    case usat16
    /// `PKHBT Rd, Rn, Rm{, LSL #imm}` (A7.7 PKHBT, PKHTB); `imm` is the shift amount.
    case pkhbt
    /// `PKHTB Rd, Rn, Rm, ASR #imm` (A7.7 PKHBT, PKHTB); `imm` is the shift amount, 1–32.
    case pkhtb
    // Signed multiplies (A5.3.16, A5.3.17). `a` is Ra, or RdHi of the long forms (`d` RdLo).
    /// `SMLA<x><y> Rd, Rn, Rm, Ra` (A7.7 SMLABB, SMLABT, SMLATB, SMLATT); `options` bit 1 = top
    /// half of Rn (x = T), bit 0 = top half of Rm (y = T). Sets Q on overflow.
    case smlaxy
    /// `SMUL<x><y> Rd, Rn, Rm` (A7.7 SMULBB, SMULBT, SMULTB, SMULTT); `options` as `smlaxy`.
    case smulxy
    /// `SMLAW<y> Rd, Rn, Rm, Ra` (A7.7 SMLAWB, SMLAWT); `options` bit 0 = top half of Rm. Sets Q.
    case smlawy
    /// `SMULW<y> Rd, Rn, Rm` (A7.7 SMULWB, SMULWT); `options` bit 0 = top half of Rm.
    case smulwy
    /// `SMLAD{X} Rd, Rn, Rm, Ra` (A7.7 SMLAD); `options` bit 0 = X (swap Rm's halves). Sets Q.
    case smlad
    /// `SMLSD{X} Rd, Rn, Rm, Ra` (A7.7 SMLSD); `options` bit 0 = X. Sets Q.
    case smlsd
    /// `SMUAD{X} Rd, Rn, Rm` (A7.7 SMUAD); `options` bit 0 = X. Sets Q.
    case smuad
    /// `SMUSD{X} Rd, Rn, Rm` (A7.7 SMUSD); `options` bit 0 = X.
    case smusd
    /// `SMMUL{R} Rd, Rn, Rm` (A7.7 SMMUL); `options` bit 0 = R (round).
    case smmul
    /// `SMMLA{R} Rd, Rn, Rm, Ra` (A7.7 SMMLA); `options` bit 0 = R.
    case smmla
    /// `SMMLS{R} Rd, Rn, Rm, Ra` (A7.7 SMMLS); `options` bit 0 = R.
    case smmls
    /// `SMLAL<x><y> RdLo, RdHi, Rn, Rm` (A7.7 SMLALBB, SMLALBT, SMLALTB, SMLALTT); `options` as `smlaxy`.
    case smlalxy
    /// `SMLALD{X} RdLo, RdHi, Rn, Rm` (A7.7 SMLALD); `options` bit 0 = X.
    case smlald
    /// `SMLSLD{X} RdLo, RdHi, Rn, Rm` (A7.7 SMLSLD); `options` bit 0 = X.
    case smlsld
    /// `UMAAL RdLo, RdHi, Rn, Rm` (A7.7 UMAAL).
    case umaal

    // MARK: FPv4-SP floating point (A5.3.18, A6)
    // S registers are numbered 0-31 in d/n/m (Vd:D, Vn:N, Vm:M); D register k is S[2k], S[2k+1].
    /// `VADD.F32 Sd, Sn, Sm` (A7.7 VADD).
    case vaddF32
    /// `VSUB.F32 Sd, Sn, Sm` (A7.7 VSUB).
    case vsubF32
    /// `VMUL.F32 Sd, Sn, Sm` (A7.7 VMUL).
    case vmulF32
    /// `VNMUL.F32 Sd, Sn, Sm` (A7.7 VNMLA, VNMLS, VNMUL, T2).
    case vnmulF32
    /// `VDIV.F32 Sd, Sn, Sm` (A7.7 VDIV).
    case vdivF32
    /// `VMLA.F32` / `VMLS.F32 Sd, Sn, Sm` (A7.7 VMLA, VMLS): chained, two roundings;
    /// `options` bit 0 = VMLS.
    case vmlaF32
    /// `VNMLA.F32` / `VNMLS.F32 Sd, Sn, Sm` (A7.7 VNMLA, VNMLS, VNMUL, T1): chained;
    /// `options` bit 0 = VNMLA.
    case vnmlaF32
    /// `VFMA.F32` / `VFMS.F32 Sd, Sn, Sm` (A7.7 VFMA, VFMS): fused; `options` bit 0 = VFMS.
    case vfmaF32
    /// `VFNMA.F32` / `VFNMS.F32 Sd, Sn, Sm` (A7.7 VFNMA, VFNMS): fused; `options` bit 0 = VFNMA.
    case vfnmaF32
    /// `VSQRT.F32 Sd, Sm` (A7.7 VSQRT).
    case vsqrtF32
    /// `VABS.F32 Sd, Sm` (A7.7 VABS).
    case vabsF32
    /// `VNEG.F32 Sd, Sm` (A7.7 VNEG).
    case vnegF32
    /// `VMOV.F32 Sd, Sm` (A7.7 VMOV (register)).
    case vmovRegisterF32
    /// `VMOV.F32 Sd, #imm` (A7.7 VMOV (immediate)); `imm` = VFPExpandImm(imm8).
    case vmovImmediateF32
    /// `VCMP{E}.F32 Sd, Sm` / `Sd, #0.0` (A7.7 VCMP, VCMPE); `options` bit 0 = E (IOC on
    /// quiet NaNs too), bit 1 = compare with zero.
    case vcmpF32
    /// `VCVT{R}.S32/U32.F32 Sd, Sm` (A7.7 VCVT, VCVTR (between floating-point and
    /// integer)); `options` bit 0 = unsigned, bit 1 = round toward zero (VCVT, not VCVTR).
    case vcvtFloatToInteger
    /// `VCVT.F32.S32/U32 Sd, Sm` (same section); `options` bit 0 = unsigned.
    case vcvtIntegerToFloat
    /// `VCVT.S16/U16/S32/U32.F32 Sd, Sd, #fbits` (A7.7 VCVT (between floating-point and
    /// fixed-point)); `imm` = fbits, `options` bit 0 = unsigned, bit 1 = 32-bit.
    case vcvtFloatToFixed
    /// `VCVT.F32.S16/U16/S32/U32 Sd, Sd, #fbits` (same section, other direction).
    case vcvtFixedToFloat
    /// `VCVTB/VCVTT.F32.F16 Sd, Sm` (A7.7 VCVTB, VCVTT); `options` bit 0 = T (top half).
    case vcvtHalfToSingle
    /// `VCVTB/VCVTT.F16.F32 Sd, Sm`; `options` bit 0 = T (top half).
    case vcvtSingleToHalf
    /// `VMOV Sn, Rt` and `VMOV.32 Dd[x], Rt` (A7.7 VMOV (between ARM core register and
    /// single-precision register), VMOV (ARM core register to scalar)); `d` = S index, `n` = Rt.
    case vmovCoreToSingle
    /// `VMOV Rt, Sn` and `VMOV.32 Rt, Dn[x]`; `d` = Rt, `n` = S index.
    case vmovSingleToCore
    /// `VMOV Sm, Sm1, Rt, Rt2` and `VMOV Dm, Rt, Rt2` (A7.7 VMOV (between two ARM core
    /// registers and two single-precision registers / a doubleword register)); `d` = Rt,
    /// `a` = Rt2, `m` = first S index.
    case vmovCoresToSingles
    /// `VMOV Rt, Rt2, Sm, Sm1` and `VMOV Rt, Rt2, Dm`; fields as `vmovCoresToSingles`.
    case vmovSinglesToCores
    /// `VMRS Rt, FPSCR` (A7.7 VMRS); Rt = 15 is `VMRS APSR_nzcv, FPSCR`.
    case vmrs
    /// `VMSR FPSCR, Rt` (A7.7 VMSR); `n` = Rt.
    case vmsr
    /// `VLDR Sd/Dd, [Rn, #±imm]` and `VLDR Sd/Dd, label` (A7.7 VLDR); `d` = first S index,
    /// `imm` = the signed offset (wrapping) or, with n = 15, the resolved address;
    /// `options` bit 0 = doubleword.
    case vldr
    /// `VSTR Sd/Dd, [Rn, #±imm]` (A7.7 VSTR); fields as `vldr` (no literal form).
    case vstr
    /// `VLDM{IA,DB} Rn{!}, list` and `VPOP list` (A7.7 VLDM, VPOP); `d` = first S index,
    /// `imm` = number of words, `options` bit 0 = writeback, bit 1 = decrement before,
    /// bit 2 = D registers, bit 3 = written as VPOP.
    case vldm
    /// `VSTM{IA,DB} Rn{!}, list` and `VPUSH list` (A7.7 VSTM, VPUSH); fields as `vldm`.
    case vstm
}

/// A decoded Thumb instruction in flat form: what the executor needs and what the
/// disassembler prints. Trivially copyable, so the predecode cache can hold it inline.
///
/// Field names follow the Arm pseudocode: `d`, `n`, `m`, `t` registers; `imm` is the
/// already-expanded immediate (scaled offsets, resolved PC-relative addresses and
/// branch targets, register lists, SYSm values).
public struct Instruction: Sendable, Equatable {
    /// Which handler runs it.
    public var op: Op
    /// Destination (or transfer) register number, 0–15.
    public var d: UInt8
    /// First operand / base register number.
    public var n: UInt8
    /// Second operand / offset register number.
    public var m: UInt8
    /// A fourth register where an encoding has one (accumulator `a` of MLA, `dHi` of
    /// long multiplies, `t2` of LDRD/STRD).
    public var a: UInt8
    /// Per-op option bits (shift type, index/add/writeback, rotation …); each op's doc
    /// comment says what they mean.
    public var options: UInt8
    /// Condition for conditional branches (`.al` otherwise).
    public var condition: Condition
    /// Whether the instruction updates APSR.NZCV (the `S` suffix).
    public var setsFlags: Bool
    /// Size in bytes: 2 or 4.
    public var byteCount: UInt8
    /// The expanded immediate; meaning depends on `op` (see its doc comment).
    public var imm: UInt32
    /// The raw encoding (halfword, or first halfword << 16 | second), for disassembly.
    public var raw: UInt32

    public init(
        op: Op, d: UInt8 = 0, n: UInt8 = 0, m: UInt8 = 0, a: UInt8 = 0, options: UInt8 = 0,
        condition: Condition = .al, setsFlags: Bool = false, byteCount: UInt8 = 2, imm: UInt32 = 0, raw: UInt32 = 0
    ) {
        self.op = op
        self.d = d
        self.n = n
        self.m = m
        self.a = a
        self.options = options
        self.condition = condition
        self.setsFlags = setsFlags
        self.byteCount = byteCount
        self.imm = imm
        self.raw = raw
    }

    /// Whether this is a 32-bit (two-halfword) encoding.
    public var isThumb32: Bool { byteCount == 4 }

    /// An undefined instruction with its raw bits.
    public static func undefined(raw: UInt32, byteCount: UInt8) -> Instruction {
        Instruction(op: .undefined, byteCount: byteCount, raw: raw)
    }
}
