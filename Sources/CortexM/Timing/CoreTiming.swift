import ThumbDecoder

/// The cycle costs of one core for a zero-wait-state memory system, from the TRM
/// instruction timing tables.
///
/// Sources: Cortex-M0 TRM (DDI 0432C) Table 3-1, Cortex-M0+ TRM (DDI 0484C) Table 3.1,
/// and for the M4 (CortexM4Timing.swift) Cortex-M4 TRM (DDI 0439) Table 3-1 and
/// Table 7-1; docs/cycle-model.md lists every row and what is approximated.
public struct CoreTiming: Sendable {
    /// Extra cycles a taken branch costs over a not-taken one: the pipeline refill
    /// (B<cond> taken 3 vs 1 on M0, 2 vs 1 on M0+).
    public let branchRefillCycles: Int
    /// BL: 4 (M0) / 3 (M0+).
    public let branchWithLinkCycles: Int
    /// MRS, MSR, ISB, DMB, DSB: 4 (M0) / 3 (M0+).
    public let systemCycles: Int
    /// MULS: 1 or 32, the multiplier implementation option.
    public let multiplyCycles: Int
    /// Cycles from an exception becoming pending and taken to the first handler
    /// instruction: 16 (M0) / 15 (M0+) interrupt latency with zero wait states.
    public let exceptionEntryCycles: Int
    /// Cycles of an exception return. The TRMs give no figure; armsim uses the entry
    /// latency (unstacking mirrors stacking), documented as an approximation.
    public let exceptionReturnCycles: Int
    /// Cycles from one handler's return to the next pending handler (tail-chaining):
    /// the entry latency minus the eight stacking cycles, an approximation.
    public let tailChainCycles: Int

    /// The table for `kind` with the board's multiplier option.
    public init(kind: CoreKind, multiplierCycles: Int) {
        switch kind {
        case .m0:
            branchRefillCycles = 2
            branchWithLinkCycles = 4
            systemCycles = 4
            exceptionEntryCycles = 16
        case .m0plus:
            branchRefillCycles = 1
            branchWithLinkCycles = 3
            systemCycles = 3
            exceptionEntryCycles = 15
        case .m4:
            // M4 TRM Table 3-1: branches "1+P"; P = 2 for a simple taken branch.
            branchRefillCycles = 2
            branchWithLinkCycles = 3
            systemCycles = 1
            exceptionEntryCycles = 12
        }
        multiplyCycles = kind == .m4 ? 1 : (multiplierCycles == 32 ? 32 : 1)
        self.kind = kind
        if kind == .m4 {
            // M4 TRM §3.3 / Arm product data: return 10, tail-chain 6.
            exceptionReturnCycles = 10
            tailChainCycles = 6
        } else {
            exceptionReturnCycles = exceptionEntryCycles
            tailChainCycles = exceptionEntryCycles - 8
        }
    }

    /// The core the table is for.
    public let kind: CoreKind

    /// Population count of a register list.
    @inline(__always) static func registerCount(_ list: UInt32) -> Int { list.nonzeroBitCount }

    /// The static cost of `instruction`, before wait states (TRM Table 3-1 / 3.1 rows).
    public func baseCycles(_ instruction: Instruction) -> Int {
        if kind == .m4 { return cortexM4BaseCycles(instruction) }
        switch instruction.op {
        case .undecoded, .undefined, .conditionCheck, .eventStop, .addRegisterHighWithPCOrSP, .movRegisterWithPCOrSP,
            .cmpRegisterWithPC, .bEQ, .bNE, .bCS, .bCC, .bMI, .bPL, .bVS, .bVC, .bHI, .bLS,
            .bGE, .bLT, .bGT, .bLE, .udf, .svc:
            // No instruction cost: the exception entry latency is charged when the
            // exception is taken.
            return 0
        case .ldrLiteral, .strRegister, .strhRegister, .strbRegister, .ldrsbRegister, .ldrRegister,
            .ldrhRegister, .ldrbRegister, .ldrshRegister, .strImmediate, .ldrImmediate, .strbImmediate,
            .ldrbImmediate, .strhImmediate, .ldrhImmediate:
            return 2  // "Load/Store single: 2"
        case .stm, .ldm, .push:
            return 1 + CoreTiming.registerCount(instruction.imm)  // "1+N"
        case .pop:
            let count = CoreTiming.registerCount(instruction.imm)
            // "POP and return: 4+N (M0) / 3+N (M0+)" = 1+N plus the refill and one cycle.
            return instruction.imm & (1 << 15) != 0 ? 1 + count + branchRefillCycles + 1 : 1 + count
        case .b:
            return 1 + branchRefillCycles  // "B: 3 / 2"
        case .bConditional:
            return 1 + branchRefillCycles  // taken; a failed condition costs the slot's skippedCycles (1)
        case .bl:
            return branchWithLinkCycles
        case .bx, .blxRegister:
            return 1 + branchRefillCycles  // "BX, BLX: 3 / 2"
        case .movRegister, .addRegisterHigh:
            return instruction.d == 15 ? 1 + branchRefillCycles : 1  // "MOV/ADD PC: 3 / 2"
        case .mrs, .msr, .barrier:
            return systemCycles
        case .wfi, .wfe:
            return 2  // excludes the time asleep
        case .mulsRegister:
            return multiplyCycles
        case .bkpt:
            return 1
        default:
            return 1
        }
    }
}
