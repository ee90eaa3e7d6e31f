import ThumbDecoder

/// Thumb-2 loads and stores (DDI 0403 A5.3.5-A5.3.10), table branches, exclusives and
/// the Cortex-M4 load/store pipelining rule (M4 TRM §3.3.2).
///
/// Handlers that can fault or branch return false when the run loop must not fall
/// through to the next instruction: after raising a fault (the instruction is abandoned,
/// nothing written back, as the Arm pseudocode does), after an exception return, or
/// after a branch, with `pc` already set to the target.
extension CortexMCore {
    // MARK: - Load/store pipelining (Cortex-M4 TRM r0p1 §3.3.2, docs/cycle-model.md)

    /// Whether this core pipelines neighbouring load/store singles: the Cortex-M4 only.
    /// Read by the 16-bit load/store cases, so on M0/M0+ they pay one predictable branch
    /// on a value fixed at init.
    @inline(__always) var pipelinesLoadStores: Bool { timing.kind == .m4 }

    /// "If the next instruction is a LDR or STR and the destination of the first LDR is
    /// not used to compute the address for the next instruction, then one cycle is
    /// removed from the cost of the next instruction": a load or store single at `pc`
    /// directly after a load single (no branch, no other instruction between) whose
    /// destination is neither `base` nor `offset` costs one cycle less.
    @inline(__always) func discountPipelinedAccess(_ pc: UInt32, base: Int, offset: Int) {
        if pc == loadPipelineNextAddress {
            let destination = Int(loadPipelineDestination)
            if destination != base && destination != offset { baseCycles &-= 1 }
        }
    }

    /// Records a load single that the instruction at `next` may pipeline with.
    @inline(__always) func noteLoadSingle(next: UInt32, destination: Int) {
        loadPipelineNextAddress = next
        loadPipelineDestination = UInt8(truncatingIfNeeded: destination)
    }

    /// Nothing pipelines after a store, an LDRD/STRD, or a load that branches.
    @inline(__always) func noteUnpipelinedAccess() {
        loadPipelineNextAddress = 1
    }

    /// The pipelining bookkeeping of a 16-bit load single on the M4 (after it succeeded).
    @inline(__always) func pipelineLoad16(_ pc: UInt32, _ next: UInt32, base: Int, offset: Int, destination: Int) {
        discountPipelinedAccess(pc, base: base, offset: offset)
        noteLoadSingle(next: next, destination: destination)
    }

    /// The pipelining bookkeeping of a 16-bit store single on the M4 (after it succeeded).
    @inline(__always) func pipelineStore16(_ pc: UInt32, base: Int, offset: Int) {
        discountPipelinedAccess(pc, base: base, offset: offset)
        noteUnpipelinedAccess()
    }

    // MARK: - Single loads and stores (A7.7.43-A7.7.66, A7.7.161-A7.7.173)

    /// Extends a loaded byte or halfword: `signed` selects SignExtend over ZeroExtend.
    @inline(__always) func extend(_ value: UInt32, size: UInt32, signed: Bool) -> UInt32 {
        guard signed else { return value }
        return size == 1
            ? UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: value)))
            : UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: value)))
    }

    /// LDR/LDRB/LDRH/LDRSB/LDRSH (immediate), offset, pre- or post-indexed, and the
    /// unprivileged forms (identical here: armsim has no MPU, so an unprivileged access
    /// is allowed wherever a privileged one is). `slot.imm` is the signed offset. With
    /// writeback and Rn = Rt (UNPREDICTABLE) the pseudocode order applies: the data wins.
    ///
    /// These single loads and stores read the slot's other fields only after the access,
    /// so that nothing read before it has to be kept across the access's slow path (a
    /// call): the compiler spilled up to seven values per access to the stack otherwise.
    @inline(__always) func executeLoadImmediate(_ slot: SlotPointer, size: UInt32, signed: Bool) -> Bool {
        let base = r[Int(slot.n)]
        let offsetAddress = base &+ slot.imm
        guard let value = load(slot.options & 1 != 0 ? offsetAddress : base, size: size) else { return false }
        let n = Int(slot.n)
        if slot.options & 4 != 0 { r[n] = r[n] &+ slot.imm }
        let t = Int(slot.d)
        r[t] = extend(value, size: size, signed: signed)
        discountPipelinedAccess(slot.address, base: n, offset: n)
        noteLoadSingle(next: slot.nextAddress, destination: t)
        return true
    }

    /// STR/STRB/STRH (immediate), all index modes, PUSH T3 and the unprivileged forms.
    /// Rt is read before the writeback (Rn = Rt with writeback stores the original value).
    @inline(__always) func executeStoreImmediate(_ slot: SlotPointer, size: UInt32) -> Bool {
        let base = r[Int(slot.n)]
        let offsetAddress = base &+ slot.imm
        guard store(slot.options & 1 != 0 ? offsetAddress : base, r[Int(slot.d)], size: size) else { return false }
        let n = Int(slot.n)
        if slot.options & 4 != 0 { r[n] = r[n] &+ slot.imm }
        discountPipelinedAccess(slot.address, base: n, offset: n)
        noteUnpipelinedAccess()
        return true
    }

    /// LDR/LDRB/LDRH/LDRSB/LDRSH (register): address = Rn + (Rm LSL imm).
    ///
    /// `@_transparent` rather than `@inline(__always)`: in the run loop's large `switch`
    /// the optimizer left the latter as a call for LDR.W/LDRB.W (register), the table
    /// lookups of CRC-style loops (docs/performance.md: 2.2 host instructions per simulated
    /// one on the M4 loop).
    @_transparent func executeLoadRegister(_ slot: SlotPointer, size: UInt32, signed: Bool) -> Bool {
        guard let value = load(r[Int(slot.n)] &+ (r[Int(slot.m)] << slot.imm), size: size) else { return false }
        let t = Int(slot.d)
        r[t] = extend(value, size: size, signed: signed)
        discountPipelinedAccess(slot.address, base: Int(slot.n), offset: Int(slot.m))
        noteLoadSingle(next: slot.nextAddress, destination: t)
        return true
    }

    /// STR/STRB/STRH (register): address = Rn + (Rm LSL imm).
    @inline(__always) func executeStoreRegister(_ slot: SlotPointer, size: UInt32) -> Bool {
        guard store(r[Int(slot.n)] &+ (r[Int(slot.m)] << slot.imm), r[Int(slot.d)], size: size) else { return false }
        discountPipelinedAccess(slot.address, base: Int(slot.n), offset: Int(slot.m))
        noteUnpipelinedAccess()
        return true
    }

    /// LDR/LDRB/LDRH/LDRSB/LDRSH (literal): `slot.imm` is the resolved address.
    @inline(__always) func executeLoadLiteral(_ slot: SlotPointer, size: UInt32, signed: Bool) -> Bool {
        guard let value = load(slot.imm, size: size) else { return false }
        let t = Int(slot.d)
        r[t] = extend(value, size: size, signed: signed)
        discountPipelinedAccess(slot.address, base: 15, offset: 15)
        noteLoadSingle(next: slot.nextAddress, destination: t)
        return true
    }

    /// LDR PC from any addressing form (LoadWritePC = BXWritePC on ARMv7-M, A2.3.1):
    /// an interworking branch, an exception return in Handler mode. The address must be
    /// word-aligned (UNPREDICTABLE otherwise; armsim raises UNALIGNED). The writeback
    /// happens before the branch, so `POP {pc}` (T3) returns with SP already raised.
    /// - Returns: false always; `pc` is the target unless a fault or exception return
    ///   took over.
    @inline(__always) func executeLoadToPC(_ slot: SlotPointer) -> Bool {
        let n = Int(slot.n), options = slot.options
        var address: UInt32
        var offsetAddress: UInt32 = 0
        if options & (1 << 6) != 0 {
            address = slot.imm
        } else if options & (1 << 5) != 0 {
            address = r[n] &+ (r[Int(slot.m)] << slot.imm)
        } else {
            offsetAddress = r[n] &+ slot.imm
            address = options & 1 != 0 ? offsetAddress : r[n]
        }
        guard let target = loadAlignedWord(address) else { return false }
        if options & 0x64 == 4 { r[n] = offsetAddress }
        noteUnpipelinedAccess()
        baseCycles &+= branchFetchWait(target)
        _ = writePCInterworking(target)
        return false
    }

    // MARK: - Dual, exclusive, table branch (A5.3.6)

    /// LDRD (immediate and literal): two aligned words (MemA: UNALIGNED fault otherwise);
    /// registers and the writeback change only after both loads succeed. LDRD never
    /// pipelines with its neighbours (M4 TRM §3.3.2).
    @inline(__always) func executeLoadDual(_ slot: SlotPointer, isLiteral: Bool) -> Bool {
        let n = Int(slot.n)
        let base = isLiteral ? slot.imm : r[n]
        let offsetAddress = isLiteral ? base : base &+ slot.imm
        let address = slot.options & 1 != 0 ? offsetAddress : base
        guard let first = loadAlignedWord(address), let second = loadAlignedWord(address &+ 4) else { return false }
        r[Int(slot.d)] = first
        r[Int(slot.a)] = second
        if slot.options & 4 != 0 { r[n] = offsetAddress }
        noteUnpipelinedAccess()
        return true
    }

    /// STRD (immediate): two aligned words; a fault on the second leaves the first
    /// stored and the registers unchanged.
    @inline(__always) func executeStoreDual(_ slot: SlotPointer) -> Bool {
        let n = Int(slot.n)
        let base = r[n]
        let offsetAddress = base &+ slot.imm
        let address = slot.options & 1 != 0 ? offsetAddress : base
        guard storeAlignedWord(address, r[Int(slot.d)]), storeAlignedWord(address &+ 4, r[Int(slot.a)]) else { return false }
        if slot.options & 4 != 0 { r[n] = offsetAddress }
        noteUnpipelinedAccess()
        return true
    }

    /// Raises UNALIGNED unless `address` is a multiple of `size` (MemA, A3.2.1).
    @inline(__always) func checkAligned(_ address: UInt32, size: UInt32) -> Bool {
        guard address & (size &- 1) == 0 else {
            raiseFault(.unalignedAccess(address: address))
            return false
        }
        return true
    }

    /// LDREX/LDREXB/LDREXH: an aligned load that tags `address` in the local monitor
    /// (SetExclusiveMonitors, A3.4). Pipelines like LDR (M4 TRM §3.3.2).
    @inline(__always) func executeLoadExclusive(_ slot: SlotPointer, _ pc: UInt32, _ next: UInt32, size: UInt32) -> Bool {
        let n = Int(slot.n), t = Int(slot.d)
        let address = r[n] &+ slot.imm
        guard checkAligned(address, size: size), let value = load(address, size: size) else { return false }
        exclusiveAddress = address
        r[t] = value
        discountPipelinedAccess(pc, base: n, offset: n)
        noteLoadSingle(next: next, destination: t)
        return true
    }

    /// STREX/STREXB/STREXH with armsim's local monitor (A3.4.1, one processor, no
    /// global monitor): the address must be aligned (checked first, pass or not). The
    /// store happens and Rd = 0 only when the monitor is in the Exclusive Access state
    /// with exactly this address tagged (the last LDREX{B,H} used it and no CLREX,
    /// STREX, exception entry or return came since); otherwise nothing is stored and
    /// Rd = 1. Either way the monitor returns to Open Access. Ordinary stores do not
    /// change the monitor. The access size is not compared.
    @inline(__always) func executeStoreExclusive(_ slot: SlotPointer, _ pc: UInt32, size: UInt32) -> Bool {
        let n = Int(slot.n)
        let address = r[n] &+ slot.imm
        guard checkAligned(address, size: size) else { return false }
        var status: UInt32 = 1
        if exclusiveAddress == address {
            guard store(address, r[Int(slot.m)], size: size) else { return false }
            status = 0
        }
        exclusiveAddress = nil
        r[Int(slot.d)] = status
        discountPipelinedAccess(pc, base: n, offset: n)
        noteUnpipelinedAccess()
        return true
    }

    /// TBB/TBH: branch forward by twice the byte/halfword at Rn + Rm (Rn + 2·Rm); Rn = PC
    /// reads as the instruction's address + 4. Costs 2+P (the refill is in the slot).
    /// - Returns: false always (`pc` set to the target, or a fault raised).
    @inline(__always) func executeTableBranch(_ slot: SlotPointer, _ pc: UInt32, isHalfword: Bool) -> Bool {
        let base = operand(Int(slot.n), pc)
        let index = r[Int(slot.m)]
        let entry: UInt32?
        if isHalfword {
            entry = load(base &+ (index << 1), size: 2)
        } else {
            entry = load(base &+ index, size: 1)
        }
        guard let entry else { return false }
        let target = pc &+ 4 &+ (entry << 1)
        noteUnpipelinedAccess()
        baseCycles &+= branchFetchWait(target)
        self.pc = target
        return false
    }

    // MARK: - Load/store multiple (A5.3.5)

    /// LDM.W / LDMDB / POP.W: registers change only when every load succeeded; writeback
    /// unless Rn is in the list (UNPREDICTABLE with W = 1: the loaded value wins); PC in
    /// the list is an interworking branch (exception return in Handler mode) after it.
    /// - Returns: false after a fault or when PC was loaded (`pc` is set).
    @inline(__always) func executeLoadMultipleWide(_ slot: SlotPointer, decrementBefore: Bool) -> Bool {
        let n = Int(slot.n), list = slot.imm
        let byteCount = UInt32(list.nonzeroBitCount) &* 4
        let start = decrementBefore ? r[n] &- byteCount : r[n]
        var pcValue: UInt32 = 0
        guard loadRegisterList(list, from: start, pcValue: &pcValue) else { return false }
        if slot.options & 4 != 0 && list & (1 << UInt32(n)) == 0 {
            r[n] = decrementBefore ? start : start &+ byteCount
        }
        guard list & (1 << 15) != 0 else { return true }
        baseCycles &+= branchFetchWait(pcValue)
        _ = writePCInterworking(pcValue)
        return false
    }

    /// STM.W / STMDB / PUSH.W: ascending stores from the lowest address, then writeback
    /// (Rn in the list with W = 1 is UNPREDICTABLE: its original value is stored).
    @inline(__always) func executeStoreMultipleWide(_ slot: SlotPointer, decrementBefore: Bool) -> Bool {
        let n = Int(slot.n), list = slot.imm
        let byteCount = UInt32(list.nonzeroBitCount) &* 4
        let start = decrementBefore ? r[n] &- byteCount : r[n]
        guard storeRegisterList(list, to: start) else { return false }
        if slot.options & 4 != 0 { r[n] = decrementBefore ? start : start &+ byteCount }
        return true
    }
}
