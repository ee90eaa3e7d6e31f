import ThumbDecoder

/// Decoding blocks of straight-line code into the predecode cache (PredecodeCache.swift).
extension CortexMCore {
    /// Decodes the block starting at `start` in the current region's cache and returns
    /// its first slot. Each slot carries its static cost on this core (`lower`) and the
    /// block's counts up to it, which the run loop's counters are built on. An IT-block
    /// instruction is preceded by a `conditionCheck` slot (no cost, not counted); a
    /// B<cond> checks its own condition. A header slot before the first holds the block's
    /// static cycle total, which the loop compares with the next event as it enters the
    /// block (CortexMCore+EventStop.swift).
    @inline(never)
    func decodeBlock(at start: UInt32) -> UnsafeMutablePointer<Slot> {
        let cache = currentCache.unsafelyUnwrapped
        // The header (never executed) first: its prefix becomes the block's total below.
        var decoded: [Slot] = [.endOfBlock]
        var address = start
        var instructionCount = 0
        var prefixCycles = 0
        while instructionCount < PredecodeCache.maximumInstructions,
            address &- currentCacheBase < currentCacheSize,
            let instruction = decodeInstruction(at: address)
        {
            if instruction.condition != .al && instruction.op != .bConditional {
                var check = Slot.conditionCheck(instruction.condition)
                check.address = address
                check.prefixCycles = UInt16(prefixCycles)
                check.ordinal = UInt8(instructionCount)
                decoded.append(check)
            }
            var slot = lower(instruction, at: address)
            slot.address = address
            switch instruction.op {
            case .b, .bConditional, .compareAndBranch:
                if instruction.imm == start && decoded.count > 1 { slot.loopBack = UInt8(decoded.count - 1) }
            default:
                break
            }
            instructionCount += 1
            prefixCycles += Int(slot.cycles)
            slot.prefixCycles = UInt16(prefixCycles)
            slot.ordinal = UInt8(instructionCount)
            decoded.append(slot)
            if instruction.op == .it { recordITBlock(instruction, at: address) }
            address &+= UInt32(instruction.byteCount)
            if alwaysLeavesBlock(instruction) { break }
        }
        var endSlot = Slot.endOfBlock
        endSlot.address = address
        endSlot.prefixCycles = UInt16(prefixCycles)
        endSlot.ordinal = UInt8(instructionCount)
        decoded.append(endSlot)
        decoded[0].prefixCycles = UInt16(prefixCycles)
        decoded[0].address = start
        let header = blockArena.reserve(decoded.count)
        header.initialize(from: decoded, count: decoded.count)
        let block = header + 1
        translate(block)
        let end = max(address, start &+ 2)
        cache.add(block, start: start, end: end)
        if cache.isWritable {
            decodedRAMLow = min(decodedRAMLow, start)
            decodedRAMHigh = max(decodedRAMHigh, end)
        }
        return block
    }

    /// The instruction at `address`, with the condition of the IT block it is in (so it
    /// executes conditionally wherever it is entered from, including an exception
    /// return into the block); nil when its first halfword cannot be read.
    func decodeInstruction(at address: UInt32) -> Instruction? {
        guard let (first, second) = instructionHalfwords(at: address) else { return nil }
        if let condition = itBlockConditions[address] {
            return decoder.decode(first: first, second: second, address: address, itCondition: condition)
        }
        return decoder.decode(first: first, second: second, address: address)
    }

    /// The halfwords of the instruction at `address` (`second` is 0 for a 16-bit one, or
    /// when it cannot be read); nil when the first cannot be read.
    func instructionHalfwords(at address: UInt32) -> (first: UInt16, second: UInt16)? {
        guard let firstBytes = bus.hostRead(address: address, length: 2) else { return nil }
        let first = UInt16(firstBytes[0]) | UInt16(firstBytes[1]) << 8
        guard ThumbDecoder.isThumb32(first), let bytes = bus.hostRead(address: address &+ 2, length: 2) else {
            return (first, 0)
        }
        return (first, UInt16(bytes[0]) | UInt16(bytes[1]) << 8)
    }

    /// Notes the condition of each instruction in the IT block opened at `address`.
    func recordITBlock(_ it: Instruction, at address: UInt32) {
        var instructionAddress = address &+ 2
        for condition in ThumbDecoder.itBlockConditions(it) {
            guard let (first, _) = instructionHalfwords(at: instructionAddress) else { return }
            itBlockConditions[instructionAddress] = condition
            instructionAddress &+= ThumbDecoder.isThumb32(first) ? 4 : 2
        }
    }

    /// Whether `instruction` always transfers control (or stops the core), so decoding
    /// past it would only decode code reached some other way.
    func alwaysLeavesBlock(_ instruction: Instruction) -> Bool {
        switch instruction.op {
        case .b, .bl, .bx, .blxRegister, .ldrToPC, .tbb, .tbh, .svc, .bkpt, .udf, .undefined:
            return true
        case .pop, .ldmWide, .ldmdb:
            return instruction.imm & 0x8000 != 0
        case .movRegister, .addRegisterHigh:
            return instruction.d == 15
        default:
            return false
        }
    }

    /// The slot for `instruction` at `address`: its TRM cost plus the wait states of
    /// the 32-bit fetch words it starts (one for a 32-bit instruction; one for a 16-bit
    /// instruction at a word-aligned address).
    func lower(_ instruction: Instruction, at address: UInt32) -> Slot {
        let fetchWords = instruction.byteCount == 4 ? 1 : (address & 2 == 0 ? 1 : 0)
        let fetchWait = fetchWords * Int(fetchWaitStates)
        var slot = Slot(instruction, cycles: timing.baseCycles(instruction) + fetchWait, skippedCycles: 1 + fetchWait)
        if !instruction.setsFlags, let (op, shiftType) = Self.formWithoutFlags(instruction.op) {
            slot.op = op
            slot.options = shiftType
        }
        if let op = Self.formWithPCOrSP(instruction) { slot.op = op }
        if instruction.op == .bConditional, let op = Self.conditionalBranchForms[instruction.condition] { slot.op = op }
        return slot
    }

    /// B<cond>'s executor form for each condition (AL, which B<cond> cannot encode, keeps
    /// `bConditional`).
    static let conditionalBranchForms: [Condition: Op] = [
        .eq: .bEQ, .ne: .bNE, .cs: .bCS, .cc: .bCC, .mi: .bMI, .pl: .bPL, .vs: .bVS, .vc: .bVC,
        .hi: .bHI, .ls: .bLS, .ge: .bGE, .lt: .bLT, .gt: .bGT, .le: .bLE,
    ]

    /// The executor's form of `ADD Rdn, Rm`, `MOV Rd, Rm` and `CMP Rn, Rm` (16-bit, any
    /// registers) when one of their registers is PC (read as its address + 4, written as a
    /// branch) or their destination is SP (bits [1:0] cleared): the run loop's cases for
    /// the plain forms then use the register file directly.
    static func formWithPCOrSP(_ instruction: Instruction) -> Op? {
        let d = instruction.d, n = instruction.n, m = instruction.m
        switch instruction.op {
        case .addRegisterHigh where d == 15 || d == 13 || n == 15 || m == 15: return .addRegisterHighWithPCOrSP
        case .movRegister where d == 15 || d == 13 || m == 15: return .movRegisterWithPCOrSP
        case .cmpRegister where n == 15 || m == 15: return .cmpRegisterWithPC
        default: return nil
        }
    }

    /// The 32-bit form without S, and its shift type, that executes a 16-bit
    /// data-processing instruction inside an IT block, where it does not set the flags
    /// (DDI 0403 A6.7: "setflags = !InITBlock()"). The run loop's cases for the 16-bit
    /// forms then always write the flags, without testing `setsFlags`; the cost stays the
    /// 16-bit instruction's. The operands carry over: a shift's amount is the shifted
    /// form's, and the register forms' `imm`, 0, is a shift of none.
    static func formWithoutFlags(_ op: Op) -> (Op, UInt8)? {
        switch op {
        case .lslImmediate: return (.movRegisterT3, 0)
        case .lsrImmediate: return (.movRegisterT3, 1)
        case .asrImmediate: return (.movRegisterT3, 2)
        case .addsRegister: return (.addRegisterT3, 0)
        case .subsRegister: return (.subRegisterT2, 0)
        case .addsImmediate: return (.addImmediateT3, 0)
        case .subsImmediate: return (.subImmediateT3, 0)
        case .movsImmediate: return (.movImmediateT2, 0)
        case .andsRegister: return (.andRegisterT2, 0)
        case .eorsRegister: return (.eorRegisterT2, 0)
        case .lslsRegister: return (.lslRegisterT2, 0)
        case .adcsRegister: return (.adcRegisterT2, 0)
        case .mulsRegister: return (.mulT2, 0)
        default: return nil
        }
    }

    /// Forgets all decoded code after a store into it (self-modifying code, code copied
    /// over code): the run loop leaves the current block at the next instruction
    /// boundary and decodes afresh.
    @inline(never)
    func discardDecodedCode() {
        for cache in caches { cache?.removeAll() }
        itBlockConditions.removeAll()
        decodedRAMLow = .max
        decodedRAMHigh = 0
        blockArena.reset()
        discardTranslations()
        requestEventCheck()
    }
}
