import MemoryBus
import ThumbDecoder

/// The interpreter's run loop: one predecoded-slot fetch and one `switch` per
/// instruction. See docs/hot-loop.md for why it has this shape.
extension CortexMCore {
    /// Runs until the firmware stops or `cycleLimit` cycles have elapsed in total.
    /// - Returns: why the run ended.
    public func run(cycleLimit: UInt64) -> StopReason {
        self.cycleLimit = cycleLimit
        requestEventCheck()
        while true {
            if cycles >= nextEventCycle {
                if let reason = handleEvents() { return reason }
                continue
            }
            let pc = self.pc
            var offset = pc &- currentCacheBase
            if offset >= currentCacheSize {
                guard selectCache(for: pc) else {
                    raiseFault(.instructionFetch(address: pc))
                    continue
                }
                offset = pc &- currentCacheBase
            }
            let slotPointer = currentSlots.unsafelyUnwrapped + Int(offset >> 1)
            if slotPointer.pointee.op == .undecoded { decodeSlot(at: pc, into: slotPointer) }
            let slot = slotPointer.pointee
            instructions &+= 1
            var next = pc &+ UInt32(slot.byteCount)
            if slot.condition != .al && !conditionPassed(slot.condition) {
                // A failed B<cond>, or an IT-block instruction whose condition fails.
                cycles &+= UInt64(slot.skippedCycles)
                self.pc = next
                continue
            }
            cycles &+= UInt64(slot.cycles)
            let d = Int(slot.d)
            let n = Int(slot.n)
            let m = Int(slot.m)

            switch slot.op {
            // MARK: Shifts, add, subtract, move, compare (A5.2.1)
            // `setsFlags` is false for the 16-bit forms inside an IT block (DDI 0403 A6.7:
            // "setflags = !InITBlock()"); always true on ARMv6-M.
            case .lslImmediate:
                let (result, carry) = shiftC(r[m], type: 0, amount: slot.imm)
                r[d] = result
                setNZC(result, carry: carry, when: slot.setsFlags)
            case .lsrImmediate:
                let (result, carry) = shiftC(r[m], type: 1, amount: slot.imm)
                r[d] = result
                setNZC(result, carry: carry, when: slot.setsFlags)
            case .asrImmediate:
                let (result, carry) = shiftC(r[m], type: 2, amount: slot.imm)
                r[d] = result
                setNZC(result, carry: carry, when: slot.setsFlags)
            case .addsRegister:
                r[d] = addWithCarry(r[n], r[m], carryIn: false, setFlags: slot.setsFlags)
            case .subsRegister:
                r[d] = addWithCarry(r[n], ~r[m], carryIn: true, setFlags: slot.setsFlags)
            case .addsImmediate:
                r[d] = addWithCarry(r[n], slot.imm, carryIn: false, setFlags: slot.setsFlags)
            case .subsImmediate:
                r[d] = addWithCarry(r[n], ~slot.imm, carryIn: true, setFlags: slot.setsFlags)
            case .movsImmediate:
                r[d] = slot.imm
                if slot.setsFlags { setNZ(slot.imm) }
            case .cmpImmediate:
                _ = addWithCarry(r[n], ~slot.imm, carryIn: true)

            // MARK: Data processing (register) (A5.2.2)
            case .andsRegister:
                let result = r[n] & r[m]
                r[d] = result
                if slot.setsFlags { setNZ(result) }
            case .eorsRegister:
                let result = r[n] ^ r[m]
                r[d] = result
                if slot.setsFlags { setNZ(result) }
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
            case .lslsRegister:
                let (result, carry) = shiftC(r[n], type: 0, amount: r[m] & 0xFF)
                r[d] = result
                setNZC(result, carry: carry, when: slot.setsFlags)
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
            case .adcsRegister:
                r[d] = addWithCarry(r[n], r[m], carryIn: c, setFlags: slot.setsFlags)
            case .sbcsRegister:
                r[d] = addWithCarry(r[n], ~r[m], carryIn: c, setFlags: slot.setsFlags)
            case .rsbsImmediate:
                r[d] = addWithCarry(~r[n], 0, carryIn: true, setFlags: slot.setsFlags)
            case .cmpRegister:
                _ = addWithCarry(operand(n, pc), ~operand(m, pc), carryIn: true)
            case .cmnRegister:
                _ = addWithCarry(r[n], r[m], carryIn: false)
            case .mulsRegister:
                let result = r[n] &* r[m]
                r[d] = result
                if slot.setsFlags { setNZ(result) }

            // MARK: Special data and branch-exchange (A5.2.3)
            case .addRegisterHigh:
                let result = operand(n, pc) &+ operand(m, pc)
                if d == 15 {
                    next = branchTarget(result & ~1)
                } else if d == 13 {
                    r[13] = result & ~3
                } else {
                    r[d] = result
                }
            case .movRegister:
                let value = operand(m, pc)
                if d == 15 {
                    next = branchTarget(value & ~1)
                } else if d == 13 {
                    r[13] = value & ~3
                } else {
                    r[d] = value
                }
            case .bx:
                let target = operand(m, pc)
                cycles &+= branchFetchWait(target)
                if writePCInterworking(target) { continue }
                next = self.pc
            case .blxRegister:
                let target = operand(m, pc)
                r[14] = next | 1
                cycles &+= branchFetchWait(target)
                if writePCInterworking(target) { continue }
                next = self.pc

            // MARK: Loads and stores (A5.2.4)
            case .ldrLiteral:
                guard let value = load(slot.imm, size: 4) else { continue }
                r[d] = value
            case .ldrImmediate:
                guard let value = load(r[n] &+ slot.imm, size: 4) else { continue }
                r[d] = value
            case .ldrhImmediate:
                guard let value = load(r[n] &+ slot.imm, size: 2) else { continue }
                r[d] = value
            case .ldrbImmediate:
                guard let value = load(r[n] &+ slot.imm, size: 1) else { continue }
                r[d] = value
            case .ldrRegister:
                guard let value = load(r[n] &+ r[m], size: 4) else { continue }
                r[d] = value
            case .ldrhRegister:
                guard let value = load(r[n] &+ r[m], size: 2) else { continue }
                r[d] = value
            case .ldrbRegister:
                guard let value = load(r[n] &+ r[m], size: 1) else { continue }
                r[d] = value
            case .ldrshRegister:
                guard let value = load(r[n] &+ r[m], size: 2) else { continue }
                r[d] = UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: value)))
            case .ldrsbRegister:
                guard let value = load(r[n] &+ r[m], size: 1) else { continue }
                r[d] = UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: value)))
            case .strImmediate:
                guard store(r[n] &+ slot.imm, r[d], size: 4) else { continue }
            case .strhImmediate:
                guard store(r[n] &+ slot.imm, r[d], size: 2) else { continue }
            case .strbImmediate:
                guard store(r[n] &+ slot.imm, r[d], size: 1) else { continue }
            case .strRegister:
                guard store(r[n] &+ r[m], r[d], size: 4) else { continue }
            case .strhRegister:
                guard store(r[n] &+ r[m], r[d], size: 2) else { continue }
            case .strbRegister:
                guard store(r[n] &+ r[m], r[d], size: 1) else { continue }

            // MARK: Miscellaneous (A5.2.5)
            case .adr:
                r[d] = slot.imm
            case .addSPImmediate:
                r[d] = r[13] &+ slot.imm
            case .subSPImmediate:
                r[13] = r[13] &- slot.imm
            case .sxth:
                r[d] = UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: r[m])))
            case .sxtb:
                r[d] = UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: r[m])))
            case .uxth:
                r[d] = r[m] & 0xFFFF
            case .uxtb:
                r[d] = r[m] & 0xFF
            case .rev:
                r[d] = r[m].byteSwapped
            case .rev16:
                let value = r[m]
                r[d] = ((value & 0x00FF_00FF) << 8) | ((value >> 8) & 0x00FF_00FF)
            case .revsh:
                let value = r[m]
                r[d] = UInt32(bitPattern: Int32(Int16(bitPattern: UInt16(truncatingIfNeeded: value).byteSwapped)))
            case .push:
                guard pushRegisters(slot.imm) else { continue }
            case .pop:
                switch popRegisters(slot.imm) {
                case .faulted:
                    continue
                case .done:
                    break
                case .branch(let target):
                    cycles &+= branchFetchWait(target)
                    if writePCInterworking(target) { continue }
                    next = self.pc
                }
            case .stm:
                guard storeMultiple(base: n, list: slot.imm) else { continue }
            case .ldm:
                guard loadMultiple(base: n, list: slot.imm) else { continue }
            case .cps:
                changeProcessorState(disable: slot.imm == 1)
            case .nop, .barrier, .it:
                break
            case .compareAndBranch:
                if (r[n] == 0) != (slot.options & 1 != 0) {
                    cycles &+= UInt64(timing.branchRefillCycles) &+ branchFetchWait(slot.imm)
                    next = slot.imm
                }
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
                    continue
                }

            // MARK: Branches (A5.2.6, A5.3)
            case .bConditional:
                // Reached only when the condition passed (checked above for every slot).
                let target = slot.imm
                if target == pc { handleSelfLoop(costPerIteration: Int(slot.cycles)) }
                cycles &+= branchFetchWait(target)
                next = target
            case .b:
                let target = slot.imm
                if target == pc { handleSelfLoop(costPerIteration: Int(slot.cycles)) }
                cycles &+= branchFetchWait(target)
                next = target
            case .bl:
                r[14] = next | 1
                cycles &+= branchFetchWait(slot.imm)
                next = slot.imm
            case .svc:
                supervisorCall(returnAddress: next)
                continue
            case .mrs:
                r[d] = readSpecialRegister(slot.imm)
            case .msr:
                writeSpecialRegister(slot.imm, r[n], mask: slot.options)
            case .undefined, .udf:
                raiseFault(.undefinedInstruction(raw: rawEncoding(at: pc)))
                continue
            case .undecoded:
                continue

            // MARK: Thumb-2 data processing, multiply and divide (CortexMCore+DataProcessing32.swift)

            // MARK: Thumb-2 loads, stores, branches and control (CortexMCore+LoadStore32.swift)

            // MARK: DSP extension (CortexMCore+DSP.swift)

            // MARK: FPv4-SP (CortexMCore+FloatingPoint.swift)

            default:
                // TODO(issue 4): removed when every ARMv7E-M op has its case above, so the
                // compiler checks that the switch is exhaustive.
                raiseFault(.undefinedInstruction(raw: rawEncoding(at: pc)))
                continue
            }
            self.pc = next
        }
    }

    /// Reads register `index` as an operand: PC reads as the instruction's address + 4.
    @inline(__always) func operand(_ index: Int, _ pc: UInt32) -> UInt32 {
        index == 15 ? pc &+ 4 : r[index]
    }

    /// A PC write by ADD/MOV (BranchWritePC, DDI 0419 A2.3.1): the target's fetch wait is charged.
    @inline(__always) func branchTarget(_ target: UInt32) -> UInt32 {
        cycles &+= branchFetchWait(target)
        return target
    }

    /// Wait states for fetching the word that holds an unaligned (halfword) branch
    /// target: its first halfword is fetched but not executed.
    ///
    /// The wait is that of the region the target is fetched from, which is not the
    /// current one when a branch crosses regions (a flash caller and a RAM function):
    /// `fetchWaitStates` belongs to the region of the branch itself, so a target
    /// outside the current predecode cache is looked up out of line.
    @inline(__always) func branchFetchWait(_ target: UInt32) -> UInt64 {
        guard target & 2 != 0 else { return 0 }
        if target &- currentCacheBase < currentCacheSize { return UInt64(fetchWaitStates) }
        return fetchWaitOfRegion(containing: target)
    }

    /// Fetch wait states of the region holding `target`; 0 where no region is (the
    /// fetch then faults when the target is executed).
    @inline(never)
    func fetchWaitOfRegion(containing target: UInt32) -> UInt64 {
        guard let index = bus.regionIndex(containing: target, length: 2) else { return 0 }
        return UInt64(bus.regions[index].waitStates)
    }

    /// Finds the predecode cache holding `pc` and makes it current.
    @inline(never)
    func selectCache(for pc: UInt32) -> Bool {
        guard let index = bus.regionIndex(containing: pc, length: 2), let cache = caches[index] else { return false }
        currentCache = cache
        currentCacheBase = cache.baseAddress
        currentCacheSize = cache.byteCount & ~1
        currentSlots = cache.slots.baseAddress
        fetchWaitStates = bus.regions[index].waitStates
        return true
    }

    /// Decodes the instruction at `pc` into its slot, with its static cost on this core.
    @inline(never)
    func decodeSlot(at pc: UInt32, into slot: UnsafeMutablePointer<Slot>) {
        let first = UInt16(truncatingIfNeeded: bus.hostRead(address: pc, length: 2).map { UInt32($0[0]) | UInt32($0[1]) << 8 } ?? 0)
        var second: UInt16 = 0
        if ThumbDecoder.isThumb32(first), let bytes = bus.hostRead(address: pc &+ 2, length: 2) {
            second = UInt16(bytes[0]) | UInt16(bytes[1]) << 8
        }
        let instruction = decoder.decode(first: first, second: second, address: pc)
        slot.pointee = lower(instruction, at: pc)
        currentCache?.hasDecodedSlots = true
        if instruction.op == .it { decodeITBlock(instruction, at: pc, slot: slot) }
    }

    /// The slot for `instruction` at `address`: its TRM cost plus the wait states of
    /// the 32-bit fetch words it starts (one for a 32-bit instruction; one for a 16-bit
    /// instruction at a word-aligned address).
    func lower(_ instruction: Instruction, at address: UInt32) -> Slot {
        let fetchWords = instruction.byteCount == 4 ? 1 : (address & 2 == 0 ? 1 : 0)
        let fetchWait = fetchWords * Int(fetchWaitStates)
        return Slot(instruction, cycles: timing.baseCycles(instruction) + fetchWait, skippedCycles: 1 + fetchWait)
    }

    /// Decodes the instructions of the IT block opened by the IT at `address` with their
    /// conditions, so that each executes conditionally wherever it is entered from
    /// (including an exception return into the block). Decoding them again replaces any
    /// slot decoded without the block's context.
    func decodeITBlock(_ it: Instruction, at address: UInt32, slot: UnsafeMutablePointer<Slot>) {
        var instructionAddress = address &+ 2
        var slotPointer = slot + 1
        for condition in ThumbDecoder.itBlockConditions(it) {
            guard let firstBytes = bus.hostRead(address: instructionAddress, length: 2),
                instructionAddress &- currentCacheBase < currentCacheSize
            else { return }
            let first = UInt16(firstBytes[0]) | UInt16(firstBytes[1]) << 8
            var second: UInt16 = 0
            if ThumbDecoder.isThumb32(first), let bytes = bus.hostRead(address: instructionAddress &+ 2, length: 2) {
                second = UInt16(bytes[0]) | UInt16(bytes[1]) << 8
            }
            let instruction = decoder.decode(first: first, second: second, address: instructionAddress, itCondition: condition)
            slotPointer.pointee = lower(instruction, at: instructionAddress)
            let halfwords = Int(instruction.byteCount / 2)
            instructionAddress &+= UInt32(instruction.byteCount)
            slotPointer += halfwords
        }
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
