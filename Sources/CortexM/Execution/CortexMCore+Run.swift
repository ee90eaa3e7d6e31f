import MemoryBus
import ThumbDecoder

/// The interpreter's run loop: one predecoded-slot fetch and one `switch` per
/// instruction. See docs/hot-loop.md for why it has this shape.
extension CortexMCore {
    /// Runs until the firmware stops or `cycleLimit` cycles have elapsed in total.
    /// - Returns: why the run ended.
    public func run(cycleLimit: UInt64) -> StopReason {
        run(cycleLimit: cycleLimit, probe: NoProbe())
    }

    /// Runs like `run(cycleLimit:)` while `profiler` keeps the call stack: the loop
    /// specialized for `CallStackProbe`. The profiler's frames are closed at the end.
    public func run(cycleLimit: UInt64, profiler: CallStackProbe) -> StopReason {
        callStackProbe = profiler
        profiler.begin(self)
        let reason = run(cycleLimit: cycleLimit, probe: profiler)
        profiler.finish(self)
        callStackProbe = nil
        return reason
    }

    /// The loop, generic over its probe so that each probe gets its own specialized
    /// copy (`NoProbe`'s hooks are empty and vanish). The probe is called only in the
    /// cases that can change function: BL, BLX, BX, B, B<cond>, POP/LDM/LDR into PC,
    /// and MOV/ADD with Rd = PC.
    @inline(never)
    func run<P: ExecutionProbe>(cycleLimit: UInt64, probe: P) -> StopReason {
        self.cycleLimit = cycleLimit
        translatedCallsAllowed = P.self == NoProbe.self
        if P.self == NoProbe.self {
            branchScopeStart = 0
            branchScopeSize = .max
        }
        requestEventCheck()
        dispatch: while true {
            // Every way out of a block comes here. A handler that redirected the flow has
            // written `pc`, which left the block; any other exit (a stop, the end of the
            // block) stays at the address of the slot that ran last.
            if runningSlot != idleSlot { pc = runningSlot.pointee.address }
            removeEventStop()
            if baseCycles >= nextEventCycle {
                if let reason = handleEvents() { return reason }
                continue
            }
            let pc = restingPC
            var offset = pc &- currentCacheBase
            if offset >= currentCacheSize {
                guard selectCache(for: pc) else {
                    raiseFault(.instructionFetch(address: pc))
                    continue
                }
                offset = pc &- currentCacheBase
            }
            let block = currentBlocks.unsafelyUnwrapped[Int(offset >> 1)] ?? decodeBlock(at: pc)
            // No event is due before it (checked above).
            guard var slotPointer = enterBlock(block) else { continue }
            // The block's instructions run one after the other without the lookup above:
            // a handler that changes the flow (a taken branch, a fault, an exception)
            // leaves the block with `continue dispatch` or a `takenTarget`.
            while true {
                let slot = SlotPointer(slotPointer)
                runningSlot = slotPointer
                var takenTarget: UInt32?
                // Read where a case uses them, so no register is spent on them across the switch.
                var pc: UInt32 { slot.address }
                var sequential: UInt32 { slot.nextAddress }
                var d: Int { Int(slot.d) }
                var n: Int { Int(slot.n) }
                var m: Int { Int(slot.m) }

                switch slot.op {
                case .conditionCheck:
                    // Before an IT-block instruction (it has no size, cost or count). When the
                    // condition fails, that instruction is skipped: it costs its
                    // `skippedCycles`, where the prefix counts `cycles`.
                    if !conditionPassed(slot.condition) {
                        slotPointer += 1
                        runningSlot = slotPointer
                        let skipped = SlotPointer(slotPointer)
                        // Never more than executing it would cost, except for SVC and UDF (charged 0),
                        // which end their block: so no event can fall due earlier in the block.
                        baseCycles &+= UInt64(skipped.skippedCycles) &- UInt64(skipped.cycles)
                    }
                case .eventStop:
                    // Not an instruction: an event is due before this slot (CortexMCore+EventStop.swift).
                    // The loop arrived here from the slot before, which ran last.
                    runningSlot = slotPointer - 1
                    self.pc = slot.address
                    continue dispatch
                // These 16-bit forms always set the flags here: inside an IT block, where they
                // do not, their slots hold the 32-bit form without S (`formWithoutFlags`).
                case .lslImmediate:
                    let (result, carry) = shiftC(r[m], type: 0, amount: slot.imm)
                    r[d] = result
                    setNZC(result, carry: carry)
                case .lsrImmediate:
                    let (result, carry) = shiftC(r[m], type: 1, amount: slot.imm)
                    r[d] = result
                    setNZC(result, carry: carry)
                case .asrImmediate:
                    let (result, carry) = shiftC(r[m], type: 2, amount: slot.imm)
                    r[d] = result
                    setNZC(result, carry: carry)
                case .addsRegister:
                    r[d] = addWithCarry(r[n], r[m], carryIn: false)
                case .subsRegister:
                    r[d] = addWithCarry(r[n], ~r[m], carryIn: true)
                case .addsImmediate:
                    r[d] = addWithCarry(r[n], slot.imm, carryIn: false)
                case .subsImmediate:
                    r[d] = addWithCarry(r[n], ~slot.imm, carryIn: true)
                case .movsImmediate:
                    r[d] = slot.imm
                    setNZ(slot.imm)
                case .cmpImmediate:
                    _ = addWithCarry(r[n], ~slot.imm, carryIn: true)

                case .andsRegister:
                    let result = r[n] & r[m]
                    r[d] = result
                    setNZ(result)
                case .eorsRegister:
                    let result = r[n] ^ r[m]
                    r[d] = result
                    setNZ(result)
                case .lslsRegister:
                    let (result, carry) = shiftC(r[n], type: 0, amount: r[m] & 0xFF)
                    r[d] = result
                    setNZC(result, carry: carry)
                case .adcsRegister:
                    r[d] = addWithCarry(r[n], r[m], carryIn: c)
                // PC and SP take the `…WithPC…` forms of these three (`formWithPCOrSP`), in `executeOther`.
                case .cmpRegister:
                    _ = addWithCarry(r[n], ~r[m], carryIn: true)
                case .mulsRegister:
                    let result = r[n] &* r[m]
                    r[d] = result
                    setNZ(result)

                case .addRegisterHigh:
                    r[d] = r[n] &+ r[m]
                case .movRegister:
                    r[d] = r[m]
                case .bx:
                    guard let target = interworkingBranch(operand(m, pc), probe: probe) else { continue dispatch }
                    takenTarget = target

                // On the Cortex-M4 neighbouring load/store singles pipeline (M4 TRM §3.3.2,
                // CortexMCore+LoadStore32.swift); `pipelinesLoadStores` is false on M0/M0+.
                case .ldrLiteral:
                    guard let value = load(slot.imm, size: 4) else { continue dispatch }
                    r[d] = value
                    if pipelinesLoadStores { pipelineLoad16(pc, sequential, base: 15, offset: 15, destination: d) }
                case .ldrImmediate:
                    guard let value = load(r[n] &+ slot.imm, size: 4) else { continue dispatch }
                    r[d] = value
                    if pipelinesLoadStores { pipelineLoad16(pc, sequential, base: n, offset: n, destination: d) }
                case .ldrhImmediate:
                    guard let value = load(r[n] &+ slot.imm, size: 2) else { continue dispatch }
                    r[d] = value
                    if pipelinesLoadStores { pipelineLoad16(pc, sequential, base: n, offset: n, destination: d) }
                case .ldrbImmediate:
                    guard let value = load(r[n] &+ slot.imm, size: 1) else { continue dispatch }
                    r[d] = value
                    if pipelinesLoadStores { pipelineLoad16(pc, sequential, base: n, offset: n, destination: d) }
                case .ldrRegister:
                    guard let value = load(r[n] &+ r[m], size: 4) else { continue dispatch }
                    r[d] = value
                    if pipelinesLoadStores { pipelineLoad16(pc, sequential, base: n, offset: m, destination: d) }
                case .ldrbRegister:
                    guard let value = load(r[n] &+ r[m], size: 1) else { continue dispatch }
                    r[d] = value
                    if pipelinesLoadStores { pipelineLoad16(pc, sequential, base: n, offset: m, destination: d) }
                case .ldrsbRegister:
                    guard let value = load(r[n] &+ r[m], size: 1) else { continue dispatch }
                    r[d] = UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: value)))
                    if pipelinesLoadStores { pipelineLoad16(pc, sequential, base: n, offset: m, destination: d) }
                case .strImmediate:
                    guard store(r[n] &+ slot.imm, r[d], size: 4) else { continue dispatch }
                    if pipelinesLoadStores { pipelineStore16(pc, base: n, offset: n) }
                case .strhImmediate:
                    guard store(r[n] &+ slot.imm, r[d], size: 2) else { continue dispatch }
                    if pipelinesLoadStores { pipelineStore16(pc, base: n, offset: n) }
                case .strbImmediate:
                    guard store(r[n] &+ slot.imm, r[d], size: 1) else { continue dispatch }
                    if pipelinesLoadStores { pipelineStore16(pc, base: n, offset: n) }
                case .strRegister:
                    guard store(r[n] &+ r[m], r[d], size: 4) else { continue dispatch }
                    if pipelinesLoadStores { pipelineStore16(pc, base: n, offset: m) }
                case .addSPImmediate:
                    r[d] = r[13] &+ slot.imm
                case .uxtb:
                    r[d] = r[m] & 0xFF
                case .push:
                    guard pushRegisters(slot.imm) else { continue dispatch }
                case .pop:
                    switch popRegisters(slot.imm) {
                    case .faulted:
                        continue dispatch
                    case .done:
                        break
                    case .branch(let value):
                        guard let target = interworkingBranch(value, probe: probe) else { continue dispatch }
                        takenTarget = target
                    }
                case .ldm:
                    guard loadMultiple(base: n, list: slot.imm) else { continue dispatch }
                case .nop, .barrier, .it:
                    break
                case .compareAndBranch:
                    if (r[n] == 0) != (slot.options & 1 != 0) {
                        baseCycles &+= UInt64(timing.branchRefillCycles) &+ branchFetchWait(slot.imm)
                        takenTarget = slot.imm
                    }

                // B<cond>, one case per condition (`conditionalBranchForms`).
                case .bEQ: takenTarget = conditionalBranch(slot, taken: z, probe: probe)
                case .bNE: takenTarget = conditionalBranch(slot, taken: !z, probe: probe)
                case .bCS: takenTarget = conditionalBranch(slot, taken: c, probe: probe)
                case .bCC: takenTarget = conditionalBranch(slot, taken: !c, probe: probe)
                case .bMI: takenTarget = conditionalBranch(slot, taken: self.n, probe: probe)
                case .bPL: takenTarget = conditionalBranch(slot, taken: !self.n, probe: probe)
                case .bVS: takenTarget = conditionalBranch(slot, taken: v, probe: probe)
                case .bVC: takenTarget = conditionalBranch(slot, taken: !v, probe: probe)
                case .bHI: takenTarget = conditionalBranch(slot, taken: c && !z, probe: probe)
                case .bLS: takenTarget = conditionalBranch(slot, taken: !c || z, probe: probe)
                case .bGE: takenTarget = conditionalBranch(slot, taken: self.n == v, probe: probe)
                case .bLT: takenTarget = conditionalBranch(slot, taken: self.n != v, probe: probe)
                case .bGT: takenTarget = conditionalBranch(slot, taken: !z && self.n == v, probe: probe)
                case .bLE: takenTarget = conditionalBranch(slot, taken: z || self.n != v, probe: probe)
                case .bConditional: takenTarget = conditionalBranch(slot, taken: conditionPassed(slot.condition), probe: probe)
                case .b:
                    let target = slot.imm
                    if target == pc { handleSelfLoop(costPerIteration: Int(slot.cycles)) }
                    baseCycles &+= branchFetchWait(target)
                    probe.directBranch(self, target: target)
                    takenTarget = target
                case .bl:
                    r[14] = sequential | 1
                    baseCycles &+= branchFetchWait(slot.imm)
                    probe.call(self, target: slot.imm, returnAddress: sequential)
                    takenTarget = slot.imm
                case .movImmediateT2: executeLogicalImmediate(slot, slot.imm, writes: true)
                case .addImmediateT3: executeArithmetic(slot, r[n], slot.imm, carryIn: false, writes: true)
                case .subImmediateT3: executeArithmetic(slot, r[n], ~slot.imm, carryIn: true, writes: true)
                case .cmpImmediateT2: executeArithmetic(slot, r[n], ~slot.imm, carryIn: true, writes: false)
                // Without S the shifter's carry is not needed.
                case .movRegisterT3:
                    if slot.setsFlags { executeMoveShiftedRegister(slot) } else { writeRegisterOrSP(d, shiftedOperandWithoutCarry(slot)) }
                case .eorRegisterT2:
                    if slot.setsFlags { executeExclusiveOrRegister(slot) } else { r[d] = r[n] ^ shiftedOperandWithoutCarry(slot) }
                case .addRegisterT3: executeArithmetic(slot, r[n], shiftedOperandWithoutCarry(slot), carryIn: false, writes: true)
                case .mlaT1: r[d] = r[n] &* r[m] &+ r[Int(slot.a)]
                case .smullT1: executeSignedLongMultiply(slot, accumulate: false)
                case .orrRegisterT2:
                    if slot.setsFlags { executeOrRegister(slot) } else { r[d] = r[n] | shiftedOperandWithoutCarry(slot) }
                case .bicRegisterT2:
                    if slot.setsFlags { executeBitClearRegister(slot) } else { r[d] = r[n] & ~shiftedOperandWithoutCarry(slot) }
                case .mvnImmediateT1: executeLogicalImmediate(slot, ~slot.imm, writes: true)
                case .adcImmediateT1: executeArithmetic(slot, r[n], slot.imm, carryIn: c, writes: true)
                case .adcRegisterT2: executeArithmetic(slot, r[n], shiftedOperandWithoutCarry(slot), carryIn: c, writes: true)
                case .ldrshImmediateWide: guard executeLoadImmediate(slot, size: 2, signed: true) else { continue dispatch }
                case .ldrsbRegisterWide: guard executeLoadRegister(slot, size: 1, signed: true) else { continue dispatch }
                case .ldrdImmediate: guard executeLoadDual(slot, isLiteral: false) else { continue dispatch }
                case .strdImmediate: guard executeStoreDual(slot) else { continue dispatch }

                case .ldrImmediateWide: guard executeLoadImmediate(slot, size: 4, signed: false) else { continue dispatch }
                case .ldrbImmediateWide: guard executeLoadImmediate(slot, size: 1, signed: false) else { continue dispatch }
                case .ldrhImmediateWide: guard executeLoadImmediate(slot, size: 2, signed: false) else { continue dispatch }
                case .ldrsbImmediateWide: guard executeLoadImmediate(slot, size: 1, signed: true) else { continue dispatch }
                case .strImmediateWide: guard executeStoreImmediate(slot, size: 4) else { continue dispatch }
                case .strbImmediateWide: guard executeStoreImmediate(slot, size: 1) else { continue dispatch }
                case .strhImmediateWide: guard executeStoreImmediate(slot, size: 2) else { continue dispatch }
                case .ldrRegisterWide: guard executeLoadRegister(slot, size: 4, signed: false) else { continue dispatch }
                case .ldrbRegisterWide: guard executeLoadRegister(slot, size: 1, signed: false) else { continue dispatch }
                case .sxtab16: r[d] = extendBytesToHalfwords(r[m], rotation: slot.imm, add: r[n], signed: true)
                case .sxtb16: r[d] = extendBytesToHalfwords(r[m], rotation: slot.imm, add: 0, signed: true)
                case .smlad: r[d] = dualMultiplyAccumulate(slot, subtract: false)
                // Every other op, listed rather than `default` so that the jump table needs no range check.
                case .undecoded, .undefined, .addRegisterHighWithPCOrSP, .movRegisterWithPCOrSP, .cmpRegisterWithPC,
                    .lsrsRegister, .asrsRegister, .sbcsRegister, .rorsRegister,
                    .tstRegister, .rsbsImmediate, .cmnRegister, .orrsRegister, .bicsRegister, .mvnsRegister,
                    .blxRegister, .strhRegister, .strbRegister, .ldrhRegister, .ldrshRegister, .adr,
                    .subSPImmediate, .sxth, .sxtb, .uxth, .rev, .rev16, .revsh, .cps, .bkpt, .sev, .wfe, .wfi,
                    .stm, .svc, .udf, .msr, .mrs, .andImmediateT1, .tstImmediateT1, .bicImmediateT1,
                    .orrImmediateT1, .ornImmediateT1, .eorImmediateT1, .teqImmediateT1,
                    .cmnImmediateT1, .sbcImmediateT1, .rsbImmediateT2, .adrT2, .movImmediateT3,
                    .movtT1, .ssatT1, .usatT1, .sbfxT1, .ubfxT1, .bfiT1, .bfcT1, .andRegisterT2, .tstRegisterT2,
                    .ornRegisterT1, .mvnRegisterT2, .teqRegisterT1,
                    .cmnRegisterT2, .sbcRegisterT2, .subRegisterT2, .cmpRegisterT3,
                    .rsbRegisterT1, .lslRegisterT2, .lsrRegisterT2, .asrRegisterT2, .rorRegisterT2, .sxtbT2,
                    .sxthT2, .uxtbT2, .uxthT2, .clzT1, .rbitT1, .revT2, .rev16T2, .revshT2, .mulT2, .mlsT1,
                    .umullT1, .smlalT1, .umlalT1, .sdivT1, .udivT1,
                    .ldrhRegisterWide, .ldrshRegisterWide, .strRegisterWide,
                    .strbRegisterWide, .strhRegisterWide, .ldrLiteralWide, .ldrbLiteral, .ldrhLiteral,
                    .ldrsbLiteral, .ldrshLiteral, .ldrToPC, .preload, .ldrdLiteral,
                    .ldrex, .ldrexb, .ldrexh, .strex, .strexb, .strexh, .tbb, .tbh, .ldmWide,
                    .ldmdb, .stmWide, .stmdb, .clrex, .sadd16, .sasx, .ssax, .ssub16, .sadd8, .ssub8, .qadd16,
                    .qasx, .qsax, .qsub16, .qadd8, .qsub8, .shadd16, .shasx, .shsax, .shsub16, .shadd8, .shsub8,
                    .uadd16, .uasx, .usax, .usub16, .uadd8, .usub8, .uqadd16, .uqasx, .uqsax, .uqsub16, .uqadd8,
                    .uqsub8, .uhadd16, .uhasx, .uhsax, .uhsub16, .uhadd8, .uhsub8, .sel, .qadd, .qdadd, .qsub,
                    .qdsub, .sxtab, .sxtah, .uxtab, .uxtah, .uxtab16, .uxtb16, .usad8, .usada8, .ssat16, .usat16,
                    .pkhbt, .pkhtb, .smlaxy, .smulxy, .smlawy, .smulwy, .smlsd, .smuad, .smusd, .smmul, .smmla,
                    .smmls, .smlalxy, .smlald, .smlsld, .umaal, .vaddF32, .vsubF32, .vmulF32, .vnmulF32,
                    .vdivF32, .vmlaF32, .vnmlaF32, .vfmaF32, .vfnmaF32, .vsqrtF32, .vabsF32, .vnegF32,
                    .vmovRegisterF32, .vmovImmediateF32, .vcmpF32, .vcvtFloatToInteger, .vcvtIntegerToFloat,
                    .vcvtFloatToFixed, .vcvtFixedToFloat, .vcvtHalfToSingle, .vcvtSingleToHalf,
                    .vmovCoreToSingle, .vmovSingleToCore, .vmovCoresToSingles, .vmovSinglesToCores, .vmrs, .vmsr,
                    .vldr, .vstr, .vldm, .vstm:
                    guard let next = executeOther(slot, pc: pc, next: sequential, probe: probe) else { continue dispatch }
                    if next != sequential { takenTarget = next }
                }
                if let target = takenTarget {
                    // A taken branch: straight on into the target's block when it is decoded
                    // in the same region and no event is due before its first instruction,
                    // without the outer loop. A handler that left the block itself (wrote `pc`)
                    // went on with `continue dispatch`, so the branch's slot is the running one:
                    // its counts go to the base (`leaveRunningBlock`, with the slot at hand).
                    baseCycles &+= UInt64(slot.prefixCycles)
                    baseInstructions &+= UInt64(slot.ordinal)
                    let block: UnsafeMutablePointer<Slot>
                    let offset = target &- currentCacheBase
                    if slot.loopBack != 0 {
                        // A loop inside one block goes back to its first slot.
                        block = slotPointer - Int(slot.loopBack)
                    } else if offset < currentCacheSize, let decoded = currentBlocks.unsafelyUnwrapped[Int(offset >> 1)] {
                        block = decoded
                    } else {
                        runningSlot = idleSlot
                        restingPC = target
                        continue dispatch
                    }
                    guard let entered = enterBlock(block) else {
                        runningSlot = idleSlot
                        continue dispatch
                    }
                    slotPointer = entered
                    continue
                }
                // The next slot (a failed `conditionCheck` has already moved on to the slot it
                // skipped). An event due before it has replaced its op (`.eventStop`).
                slotPointer += 1
            }
        }
    }

    /// Notes the static cycles of the block the loop is about to enter at `block` (its first
    /// slot; the header before it holds the total), and places the event stop in it when
    /// the next event falls due inside it: one compare when it does not. Otherwise runs
    /// the block's translated code, if it has any (Native/).
    /// - Returns: the slot to execute next (`block`, or the one the translated code
    ///   stopped before), or nil when the loop must go on at `restingPC` through its
    ///   outer loop: the event is due before the block's first instruction, or the
    ///   translated code took a branch into a block it does not go on into.
    @inline(__always) func enterBlock(_ block: UnsafeMutablePointer<Slot>) -> UnsafeMutablePointer<Slot>? {
        let header = block - 1
        let blockCycles = UInt64(header.pointee.prefixCycles)
        runningBlockCycles = blockCycles
        if baseCycles &+ blockCycles >= nextEventCycle {
            if baseCycles >= nextEventCycle {
                restingPC = header.pointee.address
                return nil
            }
            placeEventStop(scanningFrom: block)
            return block
        }
        let code = header.pointee.imm
        if code == 0 { return block }
        let next = runNative(code)
        if next & 1 == 0 { return UnsafeMutablePointer(bitPattern: next).unsafelyUnwrapped }
        restingPC = NativeBlockTranslator.target(leftBlock: next)
        return nil
    }

    /// B<cond> once its condition is known: the target when taken, nil when not (then it
    /// costs `skippedCycles`, where the block's prefix counts `cycles`).
    @inline(__always) func conditionalBranch<P: ExecutionProbe>(_ slot: SlotPointer, taken: Bool, probe: P) -> UInt32? {
        guard taken else {
            baseCycles &+= UInt64(slot.skippedCycles) &- UInt64(slot.cycles)
            return nil
        }
        let target = slot.imm
        if target == slot.address { handleSelfLoop(costPerIteration: Int(slot.cycles)) }
        baseCycles &+= branchFetchWait(target)
        probe.directBranch(self, target: target)
        return target
    }

    /// Adds the running block's static counts up to the slot that ran last to the base
    /// (`CortexMCore.baseCycles`), as the loop leaves the block.
    @inline(__always) func leaveRunningBlock() {
        baseCycles &+= UInt64(runningSlot.pointee.prefixCycles)
        baseInstructions &+= UInt64(runningSlot.pointee.ordinal)
        runningSlot = idleSlot
    }

    /// The instructions the run loop's own `switch` does not handle: out of line, so
    /// that the loop's code stays small enough for its state to live in registers.
    /// - Returns: the address of the next instruction, or nil when the handler has
    ///   already redirected `pc` (a fault, an exception, an interworking branch).
    @inline(never)
    func executeOther<P: ExecutionProbe>(_ slot: SlotPointer, pc: UInt32, next sequential: UInt32, probe: P) -> UInt32? {
        var next = sequential
        var d: Int { Int(slot.d) }
        var n: Int { Int(slot.n) }
        var m: Int { Int(slot.m) }
        switch slot.op {
        case .cmpRegisterWithPC:
            _ = addWithCarry(operand(n, pc), ~operand(m, pc), carryIn: true)
        case .addRegisterHighWithPCOrSP:
            if let target = writeHighRegister(d, operand(n, pc) &+ operand(m, pc), probe: probe) { next = target }
        case .movRegisterWithPCOrSP:
            if let target = writeHighRegister(d, operand(m, pc), probe: probe) { next = target }
        case .orrsRegister:
            let result = r[n] | r[m]
            r[d] = result
            if slot.setsFlags { setNZ(result) }
        case .bicsRegister:
            let result = r[n] & ~r[m]
            r[d] = result
            if slot.setsFlags { setNZ(result) }
        case .mvnsRegister:
            let result = ~r[m]
            r[d] = result
            if slot.setsFlags { setNZ(result) }
        case .tstRegister:
            setNZ(r[n] & r[m])
        case .lsrsRegister:
            let (result, carry) = shiftC(r[n], type: 1, amount: r[m] & 0xFF)
            r[d] = result
            setNZC(result, carry: carry, when: slot.setsFlags)
        case .asrsRegister:
            let (result, carry) = shiftC(r[n], type: 2, amount: r[m] & 0xFF)
            r[d] = result
            setNZC(result, carry: carry, when: slot.setsFlags)
        case .rorsRegister:
            let (result, carry) = shiftC(r[n], type: 3, amount: r[m] & 0xFF)
            r[d] = result
            setNZC(result, carry: carry, when: slot.setsFlags)
        case .sbcsRegister:
            r[d] = addWithCarry(r[n], ~r[m], carryIn: c, setFlags: slot.setsFlags)
        case .rsbsImmediate:
            r[d] = addWithCarry(~r[n], 0, carryIn: true, setFlags: slot.setsFlags)
        case .cmnRegister:
            _ = addWithCarry(r[n], r[m], carryIn: false)
        case .blxRegister:
            let target = operand(m, pc)
            r[14] = next | 1
            baseCycles &+= branchFetchWait(target)
            if interworkingLeavesThumbCode(target) {
                if !writePCInterworking(target) { probe.call(self, target: self.pc, returnAddress: next) }
                return nil
            }
            probe.call(self, target: target & ~1, returnAddress: next)
            next = target & ~1
        case .ldrhRegister:
            guard let value = load(r[n] &+ r[m], size: 2) else { return nil }
            r[d] = value
            if pipelinesLoadStores { pipelineLoad16(pc, next, base: n, offset: m, destination: d) }
        case .ldrshRegister:
            guard let value = load(r[n] &+ r[m], size: 2) else { return nil }
            r[d] = UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: value)))
            if pipelinesLoadStores { pipelineLoad16(pc, next, base: n, offset: m, destination: d) }
        case .strhRegister:
            guard store(r[n] &+ r[m], r[d], size: 2) else { return nil }
            if pipelinesLoadStores { pipelineStore16(pc, base: n, offset: m) }
        case .strbRegister:
            guard store(r[n] &+ r[m], r[d], size: 1) else { return nil }
            if pipelinesLoadStores { pipelineStore16(pc, base: n, offset: m) }

        // MARK: Miscellaneous (A5.2.5)
        case .adr:
            r[d] = slot.imm
        case .subSPImmediate:
            r[13] = r[13] &- slot.imm
        case .sxth:
            r[d] = UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: r[m])))
        case .sxtb:
            r[d] = UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: r[m])))
        case .uxth:
            r[d] = r[m] & 0xFFFF
        case .rev:
            r[d] = r[m].byteSwapped
        case .rev16:
            let value = r[m]
            r[d] = ((value & 0x00FF_00FF) << 8) | ((value >> 8) & 0x00FF_00FF)
        case .revsh:
            let value = r[m]
            r[d] = UInt32(bitPattern: Int32(Int16(bitPattern: UInt16(truncatingIfNeeded: value).byteSwapped)))
        case .stm:
            guard storeMultiple(base: n, list: slot.imm) else { return nil }
        case .cps:
            changeProcessorState(disable: slot.imm == 1, masks: slot.options)
        case .sev:
            eventRegister = true
        case .wfi, .wfe:
            if !sleep(isWaitForEvent: slot.op == .wfe) {
                requestStop(.sleepForever(pc: pc))
            }
        case .bkpt:
            if slot.imm == 0xAB {
                semihosting.service(self)
            } else {
                requestStop(.breakpoint(pc: pc, immediate: slot.imm))
                return nil
            }
        case .svc:
            supervisorCall(returnAddress: next)
            return nil
        case .mrs:
            r[d] = readSpecialRegister(slot.imm)
        case .msr:
            writeSpecialRegister(slot.imm, r[n], mask: slot.options)
        case .undefined, .udf:
            raiseUndefined(raw: rawEncoding(at: pc))
            return nil
        case .undecoded:
            // The end of a block that falls through: not an instruction (its counts are
            // the block's). `pc` is the address after the block, where the run loop looks
            // up the next one.
            return nil

        // MARK: Thumb-2 data processing, multiply and divide (CortexMCore+DataProcessing32.swift)
        // Modified immediate (A5.3.1) and plain binary immediate (A5.3.3); no operand is PC.
        case .andImmediateT1: executeLogicalImmediate(slot, r[n] & slot.imm, writes: true)
        case .tstImmediateT1: executeLogicalImmediate(slot, r[n] & slot.imm, writes: false)
        case .bicImmediateT1: executeLogicalImmediate(slot, r[n] & ~slot.imm, writes: true)
        case .orrImmediateT1: executeLogicalImmediate(slot, r[n] | slot.imm, writes: true)
        case .ornImmediateT1: executeLogicalImmediate(slot, r[n] | ~slot.imm, writes: true)
        case .eorImmediateT1: executeLogicalImmediate(slot, r[n] ^ slot.imm, writes: true)
        case .teqImmediateT1: executeLogicalImmediate(slot, r[n] ^ slot.imm, writes: false)
        case .cmnImmediateT1: executeArithmetic(slot, r[n], slot.imm, carryIn: false, writes: false)
        case .sbcImmediateT1: executeArithmetic(slot, r[n], ~slot.imm, carryIn: c, writes: true)
        case .rsbImmediateT2: executeArithmetic(slot, ~r[n], slot.imm, carryIn: true, writes: true)
        case .adrT2, .movImmediateT3: r[d] = slot.imm
        case .movtT1: r[d] = (r[d] & 0xFFFF) | (slot.imm << 16)
        case .ssatT1: executeSignedSaturate(slot)
        case .usatT1: executeUnsignedSaturate(slot)
        case .sbfxT1: executeSignedBitFieldExtract(slot)
        case .ubfxT1: executeUnsignedBitFieldExtract(slot)
        case .bfiT1: r[d] = (r[d] & ~slot.imm) | ((r[n] << UInt32(slot.options)) & slot.imm)
        case .bfcT1: r[d] &= ~slot.imm
        // Shifted register (A5.3.11).
        case .andRegisterT2: executeAndRegister(slot)
        case .tstRegisterT2: executeTestRegister(slot)
        case .ornRegisterT1: executeOrNotRegister(slot)
        case .mvnRegisterT2: executeMoveNotRegister(slot)
        case .teqRegisterT1: executeTestEquivalenceRegister(slot)
        case .cmnRegisterT2: executeArithmetic(slot, r[n], shiftedOperandWithoutCarry(slot), carryIn: false, writes: false)
        case .sbcRegisterT2: executeArithmetic(slot, r[n], ~shiftedOperandWithoutCarry(slot), carryIn: c, writes: true)
        case .subRegisterT2: executeArithmetic(slot, r[n], ~shiftedOperandWithoutCarry(slot), carryIn: true, writes: true)
        case .cmpRegisterT3: executeArithmetic(slot, r[n], ~shiftedOperandWithoutCarry(slot), carryIn: true, writes: false)
        case .rsbRegisterT1: executeArithmetic(slot, ~r[n], shiftedOperandWithoutCarry(slot), carryIn: true, writes: true)
        // Data processing (register) (A5.3.12) and miscellaneous operations (A5.3.15).
        case .lslRegisterT2: executeShiftRegister(slot, type: 0)
        case .lsrRegisterT2: executeShiftRegister(slot, type: 1)
        case .asrRegisterT2: executeShiftRegister(slot, type: 2)
        case .rorRegisterT2: executeShiftRegister(slot, type: 3)
        case .sxtbT2: r[d] = UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: rotatedForExtend(slot))))
        case .sxthT2: r[d] = UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: rotatedForExtend(slot))))
        case .uxtbT2: r[d] = rotatedForExtend(slot) & 0xFF
        case .uxthT2: r[d] = rotatedForExtend(slot) & 0xFFFF
        case .clzT1: r[d] = UInt32(r[m].leadingZeroBitCount)
        case .rbitT1: r[d] = CortexMCore.reverseBits(r[m])
        case .revT2: r[d] = r[m].byteSwapped
        case .rev16T2: r[d] = ((r[m] & 0x00FF_00FF) << 8) | ((r[m] >> 8) & 0x00FF_00FF)
        case .revshT2: r[d] = UInt32(bitPattern: Int32(Int16(bitPattern: UInt16(truncatingIfNeeded: r[m]).byteSwapped)))
        // Multiply (A5.3.16), long multiply and divide (A5.3.17).
        case .mulT2: r[d] = r[n] &* r[m]
        case .mlsT1: r[d] = r[Int(slot.a)] &- r[n] &* r[m]
        case .umullT1: executeUnsignedLongMultiply(slot, accumulate: false)
        case .smlalT1: executeSignedLongMultiply(slot, accumulate: true)
        case .umlalT1: executeUnsignedLongMultiply(slot, accumulate: true)
        case .sdivT1: guard executeSignedDivide(slot) else { return nil }
        case .udivT1: guard executeUnsignedDivide(slot) else { return nil }
        case .ldrhRegisterWide: guard executeLoadRegister(slot, size: 2, signed: false) else { return nil }
        case .ldrshRegisterWide: guard executeLoadRegister(slot, size: 2, signed: true) else { return nil }
        case .strRegisterWide: guard executeStoreRegister(slot, size: 4) else { return nil }
        case .strbRegisterWide: guard executeStoreRegister(slot, size: 1) else { return nil }
        case .strhRegisterWide: guard executeStoreRegister(slot, size: 2) else { return nil }
        case .ldrLiteralWide: guard executeLoadLiteral(slot, size: 4, signed: false) else { return nil }
        case .ldrbLiteral: guard executeLoadLiteral(slot, size: 1, signed: false) else { return nil }
        case .ldrhLiteral: guard executeLoadLiteral(slot, size: 2, signed: false) else { return nil }
        case .ldrsbLiteral: guard executeLoadLiteral(slot, size: 1, signed: true) else { return nil }
        case .ldrshLiteral: guard executeLoadLiteral(slot, size: 2, signed: true) else { return nil }
        case .ldrToPC:
            _ = executeLoadToPC(slot)
            probe.indirectBranch(self, target: self.pc)
            return nil
        case .preload: break
        case .clrex: exclusiveAddress = nil
        case .ldrdLiteral: guard executeLoadDual(slot, isLiteral: true) else { return nil }
        case .ldrex: guard executeLoadExclusive(slot, pc, next, size: 4) else { return nil }
        case .ldrexb: guard executeLoadExclusive(slot, pc, next, size: 1) else { return nil }
        case .ldrexh: guard executeLoadExclusive(slot, pc, next, size: 2) else { return nil }
        case .strex: guard executeStoreExclusive(slot, pc, size: 4) else { return nil }
        case .strexb: guard executeStoreExclusive(slot, pc, size: 1) else { return nil }
        case .strexh: guard executeStoreExclusive(slot, pc, size: 2) else { return nil }
        case .tbb: guard executeTableBranch(slot, pc, isHalfword: false) else { return nil }
        case .tbh: guard executeTableBranch(slot, pc, isHalfword: true) else { return nil }
        case .ldmWide:
            guard executeLoadMultipleWide(slot, decrementBefore: false) else {
                probe.indirectBranch(self, target: self.pc)
                return nil
            }
        case .ldmdb:
            guard executeLoadMultipleWide(slot, decrementBefore: true) else {
                probe.indirectBranch(self, target: self.pc)
                return nil
            }
        case .stmWide: guard executeStoreMultipleWide(slot, decrementBefore: false) else { return nil }
        case .stmdb: guard executeStoreMultipleWide(slot, decrementBefore: true) else { return nil }

        // MARK: DSP extension (CortexMCore+DSP.swift)
        case .sadd16: r[d] = signedParallel16(r[n], r[m], .add)
        case .sasx: r[d] = signedParallel16(r[n], r[m], .addSubtractExchange)
        case .ssax: r[d] = signedParallel16(r[n], r[m], .subtractAddExchange)
        case .ssub16: r[d] = signedParallel16(r[n], r[m], .subtract)
        case .sadd8: r[d] = signedParallel8(r[n], r[m], subtract: false)
        case .ssub8: r[d] = signedParallel8(r[n], r[m], subtract: true)
        case .qadd16: r[d] = saturatingParallel16(r[n], r[m], .add)
        case .qasx: r[d] = saturatingParallel16(r[n], r[m], .addSubtractExchange)
        case .qsax: r[d] = saturatingParallel16(r[n], r[m], .subtractAddExchange)
        case .qsub16: r[d] = saturatingParallel16(r[n], r[m], .subtract)
        case .qadd8: r[d] = saturatingParallel8(r[n], r[m], subtract: false)
        case .qsub8: r[d] = saturatingParallel8(r[n], r[m], subtract: true)
        case .shadd16: r[d] = halvingParallel16(r[n], r[m], .add, signed: true)
        case .shasx: r[d] = halvingParallel16(r[n], r[m], .addSubtractExchange, signed: true)
        case .shsax: r[d] = halvingParallel16(r[n], r[m], .subtractAddExchange, signed: true)
        case .shsub16: r[d] = halvingParallel16(r[n], r[m], .subtract, signed: true)
        case .shadd8: r[d] = halvingParallel8(r[n], r[m], subtract: false, signed: true)
        case .shsub8: r[d] = halvingParallel8(r[n], r[m], subtract: true, signed: true)
        case .uadd16: r[d] = unsignedParallel16(r[n], r[m], .add)
        case .uasx: r[d] = unsignedParallel16(r[n], r[m], .addSubtractExchange)
        case .usax: r[d] = unsignedParallel16(r[n], r[m], .subtractAddExchange)
        case .usub16: r[d] = unsignedParallel16(r[n], r[m], .subtract)
        case .uadd8: r[d] = unsignedParallel8(r[n], r[m], subtract: false)
        case .usub8: r[d] = unsignedParallel8(r[n], r[m], subtract: true)
        case .uqadd16: r[d] = unsignedSaturatingParallel16(r[n], r[m], .add)
        case .uqasx: r[d] = unsignedSaturatingParallel16(r[n], r[m], .addSubtractExchange)
        case .uqsax: r[d] = unsignedSaturatingParallel16(r[n], r[m], .subtractAddExchange)
        case .uqsub16: r[d] = unsignedSaturatingParallel16(r[n], r[m], .subtract)
        case .uqadd8: r[d] = unsignedSaturatingParallel8(r[n], r[m], subtract: false)
        case .uqsub8: r[d] = unsignedSaturatingParallel8(r[n], r[m], subtract: true)
        case .uhadd16: r[d] = halvingParallel16(r[n], r[m], .add, signed: false)
        case .uhasx: r[d] = halvingParallel16(r[n], r[m], .addSubtractExchange, signed: false)
        case .uhsax: r[d] = halvingParallel16(r[n], r[m], .subtractAddExchange, signed: false)
        case .uhsub16: r[d] = halvingParallel16(r[n], r[m], .subtract, signed: false)
        case .uhadd8: r[d] = halvingParallel8(r[n], r[m], subtract: false, signed: false)
        case .uhsub8: r[d] = halvingParallel8(r[n], r[m], subtract: true, signed: false)
        case .sel: r[d] = select(r[n], r[m])
        case .qadd: r[d] = saturatingAddSubtract(r[m], r[n], subtract: false)
        case .qsub: r[d] = saturatingAddSubtract(r[m], r[n], subtract: true)
        case .qdadd: r[d] = saturatingDoubleAddSubtract(r[m], r[n], subtract: false)
        case .qdsub: r[d] = saturatingDoubleAddSubtract(r[m], r[n], subtract: true)
        case .sxtab: r[d] = extendAndAdd(r[n], r[m], rotation: slot.imm, isByte: true, signed: true)
        case .sxtah: r[d] = extendAndAdd(r[n], r[m], rotation: slot.imm, isByte: false, signed: true)
        case .uxtab: r[d] = extendAndAdd(r[n], r[m], rotation: slot.imm, isByte: true, signed: false)
        case .uxtah: r[d] = extendAndAdd(r[n], r[m], rotation: slot.imm, isByte: false, signed: false)
        case .uxtab16: r[d] = extendBytesToHalfwords(r[m], rotation: slot.imm, add: r[n], signed: false)
        case .uxtb16: r[d] = extendBytesToHalfwords(r[m], rotation: slot.imm, add: 0, signed: false)
        case .usad8: r[d] = sumOfAbsoluteDifferences(r[n], r[m])
        case .usada8: r[d] = sumOfAbsoluteDifferences(r[n], r[m]) &+ r[Int(slot.a)]
        case .ssat16: r[d] = signedSaturate16(r[n], width: slot.imm)
        case .usat16: r[d] = unsignedSaturate16(r[n], width: slot.imm)
        case .pkhbt: r[d] = packBottomTop(r[n], r[m], shift: slot.imm)
        case .pkhtb: r[d] = packTopBottom(r[n], r[m], shift: slot.imm)
        case .smulxy: r[d] = UInt32(bitPattern: halfwordProduct(r[n], r[m], options: slot.options))
        case .smlaxy: r[d] = multiplyAccumulateHalfwords(slot)
        case .smulwy: r[d] = multiplyWordHalfword(r[n], r[m], top: slot.options & 1 != 0)
        case .smlawy: r[d] = multiplyAccumulateWordHalfword(slot)
        case .smuad: r[d] = dualMultiplyAdd(slot)
        case .smusd: r[d] = dualMultiplySubtract(slot)
        case .smlsd: r[d] = dualMultiplyAccumulate(slot, subtract: true)
        case .smmul: r[d] = mostSignificantWordMultiply(slot, accumulator: 0, subtract: false)
        case .smmla: r[d] = mostSignificantWordMultiply(slot, accumulator: r[Int(slot.a)], subtract: false)
        case .smmls: r[d] = mostSignificantWordMultiply(slot, accumulator: r[Int(slot.a)], subtract: true)
        case .smlalxy: multiplyAccumulateLongHalfwords(slot)
        case .smlald: dualMultiplyAccumulateLong(slot, subtract: false)
        case .smlsld: dualMultiplyAccumulateLong(slot, subtract: true)
        case .umaal: multiplyAccumulateAccumulateLong(slot)

        // MARK: FPv4-SP (CortexMCore+FloatingPoint.swift)
        case .vaddF32: guard executeVAdd(slot) else { return nil }
        case .vsubF32: guard executeVSub(slot) else { return nil }
        case .vmulF32: guard executeVMul(slot, negate: false) else { return nil }
        case .vnmulF32: guard executeVMul(slot, negate: true) else { return nil }
        case .vdivF32: guard executeVDiv(slot) else { return nil }
        case .vmlaF32: guard executeVMla(slot) else { return nil }
        case .vnmlaF32: guard executeVNmla(slot) else { return nil }
        case .vfmaF32: guard executeVFma(slot) else { return nil }
        case .vfnmaF32: guard executeVFnma(slot) else { return nil }
        case .vsqrtF32: guard executeVSqrt(slot) else { return nil }
        case .vabsF32: guard executeVSignOperation(slot, and: 0x7FFF_FFFF, xor: 0) else { return nil }
        case .vnegF32: guard executeVSignOperation(slot, and: 0xFFFF_FFFF, xor: 0x8000_0000) else { return nil }
        case .vmovRegisterF32: guard executeVSignOperation(slot, and: 0xFFFF_FFFF, xor: 0) else { return nil }
        case .vmovImmediateF32: guard executeVMovImmediate(slot) else { return nil }
        case .vcmpF32: guard executeVCmp(slot) else { return nil }
        case .vcvtFloatToInteger: guard executeVCvtFloatToInteger(slot) else { return nil }
        case .vcvtIntegerToFloat: guard executeVCvtIntegerToFloat(slot) else { return nil }
        case .vcvtFloatToFixed: guard executeVCvtFixed(slot, toFixed: true) else { return nil }
        case .vcvtFixedToFloat: guard executeVCvtFixed(slot, toFixed: false) else { return nil }
        case .vcvtHalfToSingle: guard executeVCvtHalf(slot, toSingle: true) else { return nil }
        case .vcvtSingleToHalf: guard executeVCvtHalf(slot, toSingle: false) else { return nil }
        case .vmovCoreToSingle: guard executeVMovCoreToSingle(slot) else { return nil }
        case .vmovSingleToCore: guard executeVMovSingleToCore(slot) else { return nil }
        case .vmovCoresToSingles: guard executeVMovCoresToSingles(slot) else { return nil }
        case .vmovSinglesToCores: guard executeVMovSinglesToCores(slot) else { return nil }
        case .vmrs: guard executeVMrs(slot) else { return nil }
        case .vmsr: guard executeVMsr(slot) else { return nil }
        case .vldr: guard executeVLdr(slot) else { return nil }
        case .vstr: guard executeVStr(slot) else { return nil }
        case .vldm: guard executeVLdm(slot) else { return nil }
        case .vstm: guard executeVStm(slot) else { return nil }
        default:
            // Executed by the run loop's own switch.
            break
        }
        return next
    }

    /// Reads register `index` as an operand: PC reads as the instruction's address + 4.
    @inline(__always) func operand(_ index: Int, _ pc: UInt32) -> UInt32 {
        index == 15 ? pc &+ 4 : r[index]
    }

    /// BX and POP {…, pc} (BXWritePC) in the run loop: the Thumb target it goes on to, or
    /// nil when the branch left the block itself (an exception return, or a target without
    /// the Thumb bit, `interworkingLeavesThumbCode`), so the loop goes on at `pc`.
    @inline(__always) func interworkingBranch<P: ExecutionProbe>(_ value: UInt32, probe: P) -> UInt32? {
        baseCycles &+= branchFetchWait(value)
        if interworkingLeavesThumbCode(value) {
            if !writePCInterworking(value) { probe.indirectBranch(self, target: self.pc) }
            return nil
        }
        let target = value & ~1
        probe.indirectBranch(self, target: target)
        return target
    }

    /// The result of ADD/MOV (register, 16-bit) written to Rd: to PC a branch (bit 0
    /// dropped, `branchTarget`), to SP with bits [1:0] cleared.
    /// - Returns: the branch target when Rd is PC.
    @inline(__always) func writeHighRegister<P: ExecutionProbe>(_ d: Int, _ value: UInt32, probe: P) -> UInt32? {
        if d == 15 {
            let target = branchTarget(value & ~1)
            probe.indirectBranch(self, target: target)
            return target
        }
        r[d] = d == 13 ? value & ~3 : value
        return nil
    }

    /// A PC write by ADD/MOV (BranchWritePC, DDI 0419 A2.3.1): the target's fetch wait is charged.
    @inline(__always) func branchTarget(_ target: UInt32) -> UInt32 {
        baseCycles &+= branchFetchWait(target)
        return target
    }

    /// Wait states for fetching the word that holds an unaligned (halfword) branch
    /// target: its first halfword is fetched but not executed.
    ///
    /// The wait is that of the region the target is fetched from, which is not the
    /// current one when a branch crosses regions (a flash caller and a RAM function):
    /// `fetchWaitStates` belongs to the region of the branch itself, so a target
    /// outside the current predecode cache is looked up out of line.
    /// With a flash accelerator the rule is different: the target's line costs the wait
    /// states when it misses the accelerator's instruction cache, whatever its alignment.
    @inline(__always) func branchFetchWait(_ target: UInt32) -> UInt64 {
        guard target &- currentCacheBase < currentCacheSize else { return fetchWaitOfRegion(containing: target) }
        guard let flashCache = currentFlashCache else { return target & 2 != 0 ? UInt64(fetchWaitStates) : 0 }
        return flashCache.instructionFetchHits(target) ? 0 : currentFlashWaitStates
    }

    /// Fetch wait states for a branch target in another region;
    /// 0 where no region is (the fetch then faults when the target is executed).
    @inline(never)
    func fetchWaitOfRegion(containing target: UInt32) -> UInt64 {
        guard let index = bus.regionIndex(containing: target, length: 2) else { return 0 }
        let waitStates = UInt64(bus.regions[index].waitStates)
        if let flashCache = bus.flashCaches[index] {
            return flashCache.instructionFetchHits(target) ? 0 : waitStates
        }
        return target & 2 != 0 ? waitStates : 0
    }

    /// Finds the predecode cache holding `pc` and makes it current.
    @inline(never)
    func selectCache(for pc: UInt32) -> Bool {
        guard let index = bus.regionIndex(containing: pc, length: 2), let cache = caches[index] else { return false }
        currentCache = cache
        currentCacheBase = cache.baseAddress
        currentCacheSize = cache.byteCount & ~1
        currentBlocks = cache.blocks
        currentFlashCache = bus.flashCaches[index]
        currentFlashWaitStates = UInt64(bus.regions[index].waitStates)
        // Behind an accelerator the prefetch buffer hides sequential fetches: no static wait.
        fetchWaitStates = currentFlashCache == nil ? bus.regions[index].waitStates : 0
        return true
    }

    /// The raw encoding at `address`, for fault reports.
    func rawEncoding(at address: UInt32) -> UInt32 {
        guard let bytes = bus.hostRead(address: address, length: 2) else { return 0 }
        let first = UInt32(bytes[0]) | UInt32(bytes[1]) << 8
        if ThumbDecoder.isThumb32(UInt16(first)), let more = bus.hostRead(address: address &+ 2, length: 2) {
            return first << 16 | UInt32(more[0]) | UInt32(more[1]) << 8
        }
        return first
    }
}
