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

    // MARK: Thumb-2 multiply, multiply-accumulate and divide (A5.3.16, A5.3.17)

    // MARK: Thumb-2 loads and stores (A5.3.7-A5.3.10, A5.3.5, A5.3.6)

    // MARK: Thumb-2 branches and miscellaneous control (A5.3.4)

    // MARK: DSP extension (ARMv7E-M, A5.3.13-A5.3.17 "E" rows)

    // MARK: FPv4-SP floating point (A5.3.18, A6)
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
