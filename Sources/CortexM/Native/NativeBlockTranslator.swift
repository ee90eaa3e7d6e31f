import MemoryBus
import ThumbDecoder

/// The memory windows translated code accesses memory through: the bus's direct-path
/// tables (`Bus.fastReads`, `fastWrites`), or, in a run that watches memory for
/// uninitialised reads, copies of them taken before `watchMemory` closed the bus's, each
/// window with its region's written-byte map (`WatchedWindow`).
struct TranslatedWindows {
    let reads: UnsafeRawPointer
    let writes: UnsafeRawPointer
    /// The size of an entry: a power of two.
    let stride: Int
    let watched: Bool

    init(reads: UnsafeMutablePointer<FastWindow>, writes: UnsafeMutablePointer<FastWindow>) {
        self.reads = UnsafeRawPointer(reads)
        self.writes = UnsafeRawPointer(writes)
        stride = MemoryLayout<FastWindow>.stride
        watched = false
    }

    init(watchedReads: UnsafeMutablePointer<WatchedWindow>, watchedWrites: UnsafeMutablePointer<WatchedWindow>) {
        reads = UnsafeRawPointer(watchedReads)
        writes = UnsafeRawPointer(watchedWrites)
        stride = MemoryLayout<WatchedWindow>.stride
        watched = true
    }
}

/// A direct-path window of a watched run: the window (first, so that its fields are where
/// they are in `FastWindow`) and the written-byte map of its region (`MemoryWatch`), at
/// the same offsets as the region's bytes; nil for a region without one.
struct WatchedWindow {
    var window: FastWindow
    var written: UnsafeMutablePointer<UInt8>?
    /// Makes the stride 32, a power of two, for the lookup's shift.
    var padding: UInt64 = 0
}

/// Where the fields that translated code reads and writes live in a `CortexMCore` object:
/// byte offsets from the object's address, found and checked at run time
/// (`CortexMCore.nativeLayout`).
struct NativeCoreLayout {
    var negativeZero: Int32
    var carry: Int32
    var overflow: Int32
    var baseCycles: Int32
    var baseInstructions: Int32
    var nextEventCycle: Int32
    var runningBlockCycles: Int32
    var translatedCallsAllowed: Int32
    var branchScopeStart: Int32
    var branchScopeSize: Int32
    var loadPipelineNextAddress: Int32
    var loadPipelineDestination: Int32
    var decodedRAMLow: Int32
    var decodedRAMHigh: Int32
}

/// Translates the straight-line start of a decoded block into x86-64 code that does
/// exactly what the run loop's handlers do for those slots, without dispatch: the
/// interpreter's data (register file, flags, counters, load pipelining state) stays where
/// it is, so the run loop and the translated code take turns on the same state.
///
/// The translated code is `(core, registers) -> slot`: it runs slots 0..<k of the block
/// and returns the address of slot k, the slot the run loop executes next (of another
/// block when it went on into that block's code through a taken branch). It stops (returns) before
/// any slot it does not translate, and before any instruction that needs more than the
/// common case: a load or store outside the direct memory windows, an unaligned one, a
/// store into decoded code, a taken branch it cannot follow (`emitBranch`). So everything that can fault, take a wait
/// state, change the flow, call a probe or fall due as an event runs in the interpreter,
/// and the cycle and instruction counts stay the block's static prefixes, exactly as the
/// interpreter keeps them. The only dynamic costs in translated code lower the count (a
/// B<cond> not taken, a pipelined load or store), so an event never falls due inside it:
/// the run loop calls it only when the whole block ends before the next event.
///
/// Registers: RDI holds the core, RSI the register file; EAX, ECX, EDX are scratch.
/// Nothing else is touched, so the code needs no frame.
struct NativeBlockTranslator {
    let layout: NativeCoreLayout
    let windows: TranslatedWindows
    /// The Cortex-M4's load/store pipelining of the 16-bit forms (the 32-bit forms exist
    /// only on ARMv7-M and always do it, as their handlers do).
    let pipelinesLoadStores: Bool

    /// The shortest run of translated instructions worth a call from the run loop.
    static let minimumInstructions = 2

    /// B<cond>'s executor forms (`CortexMCore.conditionalBranchForms`).
    private static let conditionalBranches = Set(CortexMCore.conditionalBranchForms.values)

    /// A translated block.
    struct Translation {
        var code: [UInt8]
        /// Where the run loop calls the code: after the entry that other blocks' code
        /// jumps to, which checks for an event first as `enterBlock` does.
        var runEntry: Int
        /// The rel32 fields of the jumps of taken branches to the start of other blocks,
        /// with their targets: until the target is translated they lead to a return of
        /// `leftBlock(for:)`, then to the target's code (`CortexMCore.translate`).
        var links: [(position: Int, target: UInt32)]
    }

    /// What translated code returns when it left the block by a taken branch to `target`
    /// whose block it cannot go on into (not translated yet, or an event due before it):
    /// an odd number, where the slots it otherwise returns are aligned addresses.
    static func leftBlock(for target: UInt32) -> UInt { UInt(target) << 1 | 1 }

    /// The target of a `leftBlock(for:)` return value.
    static func target(leftBlock value: UInt) -> UInt32 { UInt32(truncatingIfNeeded: value >> 1) }

    /// Translates the block at `block`; nil when fewer than `minimumInstructions` of its
    /// first slots translate. Taken branches go on into other blocks in
    /// `regionBase ..< regionBase + regionSize` (the block's own region), with
    /// `branchFetchWaitStates` for an unaligned target (`CortexMCore.fetchWaitStates`);
    /// nil when the region has an accelerator, whose branch wait is dynamic: branches
    /// there are taken by the interpreter only.
    func translate(
        _ block: UnsafePointer<Slot>, regionBase: UInt32, regionSize: UInt32, branchFetchWaitStates: UInt32?
    ) -> Translation? {
        var a = X86Assembler()
        let header = block[-1]
        var branches = BranchContext(
            blockStart: header.address, regionBase: regionBase, regionSize: regionSize,
            fetchWaitStates: branchFetchWaitStates)
        var leftAtStart = X86Assembler.Label()
        emitEventCheck(blockCycles: header.prefixCycles, leftBlock: &leftAtStart, into: &a)
        a.store64(.rdi, layout.runningBlockCycles, signExtending: UInt32(header.prefixCycles))
        let runEntry = a.count
        var exits: [X86Assembler.Label] = []
        var index = 0
        var instructions = 0
        func exitLabel(_ slotIndex: Int) -> Int {
            while exits.count <= slotIndex { exits.append(X86Assembler.Label()) }
            return slotIndex
        }
        translation: while true {
            let slot = block[index]
            switch emitBranch(slot, into: &a, exit: &exits[exitLabel(index)], branches: &branches) {
            case .fallsThrough:
                instructions += 1
                index += 1
                continue
            case .leaves:
                instructions += 1
                index += 1
                break translation
            case .notTranslated:
                break
            }
            if emit(slot, into: &a, exit: &exits[exitLabel(index)]) {
                instructions += 1
                index += 1
                continue
            }
            // An IT-block instruction: its condition, then the instruction or its skipped cost.
            guard slot.op == .conditionCheck else { break }
            let guarded = block[index + 1]
            var trial = a
            var trialExit = X86Assembler.Label()
            guard emit(guarded, into: &trial, exit: &trialExit) else { break }
            var passes = X86Assembler.Label()
            var skipped = X86Assembler.Label()
            jumpIfConditionPasses(slot.condition, to: &passes, into: &a)
            emitSkippedCost(of: guarded, into: &a)
            a.jump(to: &skipped)
            a.bind(passes)
            _ = emit(guarded, into: &a, exit: &exits[exitLabel(index + 1)])
            a.bind(skipped)
            instructions += 1
            index += 2
        }
        guard instructions >= Self.minimumInstructions else { return nil }
        a.move64(.rax, immediate: UInt64(UInt(bitPattern: block + index)))
        a.ret()
        for (slotIndex, label) in exits.enumerated() where !label.isUnused {
            a.bind(label)
            a.move64(.rax, immediate: UInt64(UInt(bitPattern: block + slotIndex)))
            a.ret()
        }
        a.bind(leftAtStart)
        a.move64(.rax, immediate: UInt64(Self.leftBlock(for: header.address)))
        a.ret()
        var links: [(position: Int, target: UInt32)] = []
        for (label, target) in branches.unlinked {
            a.bind(label)
            links.append((label.patchPositions[0], target))
            a.move64(.rax, immediate: UInt64(Self.leftBlock(for: target)))
            a.ret()
        }
        return Translation(code: a.bytes, runEntry: runEntry, links: links)
    }

    /// What the taken branches of a block being translated need.
    private struct BranchContext {
        let blockStart: UInt32
        let regionBase: UInt32
        let regionSize: UInt32
        let fetchWaitStates: UInt32?
        /// The jumps to other blocks, each to be linked.
        var unlinked: [(X86Assembler.Label, UInt32)] = []
    }

    private enum BranchTranslation {
        /// A B<cond>: translation goes on with the next slot.
        case fallsThrough
        /// B or BL: the block ends.
        case leaves
        case notTranslated
    }

    /// `enterBlock`'s check: to `leftBlock` when the next event falls due before the end
    /// of a block of `blockCycles` static cycles.
    private func emitEventCheck(blockCycles: UInt16, leftBlock: inout X86Assembler.Label, into a: inout X86Assembler) {
        a.load64(.rax, .rdi, layout.baseCycles)
        a.add64(.rax, immediate: Int32(blockCycles))
        a.compare64(.rax, .rdi, layout.nextEventCycle)
        a.jump(if: .aboveOrEqual, to: &leftBlock)
    }

    /// B, B<cond> and BL to a block start in the same region (not to themselves: that is
    /// an idle loop, `handleSelfLoop`): taken, what the run loop does (the branch's counts
    /// and its target's fetch wait to the base, BL's link register) and on into the
    /// target's code, which checks for an event as `enterBlock` does; B<cond> not taken,
    /// what the interpreter does. A profiled run's probe must see every call and every
    /// branch out of the current function, so those leave to the interpreter
    /// (`translatedCallsAllowed`, `branchScopeStart`).
    private func emitBranch(
        _ slot: Slot, into a: inout X86Assembler, exit: inout X86Assembler.Label, branches: inout BranchContext
    ) -> BranchTranslation {
        guard let fetchWaitStates = branches.fetchWaitStates else { return .notTranslated }
        let target = slot.imm
        guard target != slot.address, target &- branches.regionBase < branches.regionSize else { return .notTranslated }
        let conditional = Self.conditionalBranches.contains(slot.op)
        guard conditional || slot.op == .b || slot.op == .bl else { return .notTranslated }
        var taken = X86Assembler.Label()
        var notTaken = X86Assembler.Label()
        if conditional {
            jumpIfConditionPasses(slot.condition, to: &taken, into: &a)
            emitSkippedCost(of: slot, into: &a)
            a.jump(to: &notTaken)
        }
        a.bind(taken)
        if slot.op == .bl {
            a.compareByte(.rdi, layout.translatedCallsAllowed, immediate: 0)
            a.jump(if: .equal, to: &exit)
            a.store32(.rsi, Self.register(14), immediate: (slot.address &+ UInt32(slot.byteCount)) | 1)
        } else {
            // `CallStackProbe.directBranch`'s test: a branch out of the function is the probe's.
            a.move(.rax, immediate: target)
            a.operate(.sub, .rax, .rdi, layout.branchScopeStart)
            a.operate(.cmp, .rax, .rdi, layout.branchScopeSize)
            a.jump(if: .aboveOrEqual, to: &exit)
        }
        let fetchWait = target & 2 != 0 ? fetchWaitStates : 0
        a.operate64(.add, .rdi, layout.baseCycles, immediate: Int32(slot.prefixCycles) + Int32(fetchWait))
        a.operate64(.add, .rdi, layout.baseInstructions, immediate: Int32(slot.ordinal))
        if target == branches.blockStart {
            a.jump(back: X86Assembler.Label.start)
        } else {
            var link = X86Assembler.Label()
            a.jump(to: &link)
            branches.unlinked.append((link, target))
        }
        a.bind(notTaken)
        return conditional ? .fallsThrough : .leaves
    }

    /// A slot that does not execute (a B<cond> not taken, an IT-block instruction whose
    /// condition fails) costs its `skippedCycles` where the block's prefix counts `cycles`.
    private func emitSkippedCost(of slot: Slot, into a: inout X86Assembler) {
        let adjustment = Int32(slot.skippedCycles) - Int32(slot.cycles)
        if adjustment != 0 { a.operate64(.add, .rdi, layout.baseCycles, immediate: adjustment) }
    }

    /// Size and signedness of the load singles translated here.
    private static func loadAccess(_ op: Op) -> (size: Int, signed: Bool) {
        switch op {
        case .ldrImmediate, .ldrRegister, .ldrImmediateWide, .ldrRegisterWide: (4, false)
        case .ldrhImmediate, .ldrhRegister, .ldrhImmediateWide, .ldrhRegisterWide: (2, false)
        case .ldrshRegister, .ldrshImmediateWide, .ldrshRegisterWide: (2, true)
        case .ldrsbRegister, .ldrsbImmediateWide, .ldrsbRegisterWide: (1, true)
        default: (1, false)
        }
    }

    /// Size of the store singles translated here.
    private static func storeSize(_ op: Op) -> Int {
        switch op {
        case .strImmediate, .strRegister, .strImmediateWide, .strRegisterWide: 4
        case .strhImmediate, .strhRegister, .strhImmediateWide, .strhRegisterWide: 2
        default: 1
        }
    }

    // MARK: - One slot

    private static func register(_ index: UInt8) -> Int32 { Int32(index) * 4 }

    /// Emits the code of `slot`; false (emitting nothing) when it is not translated.
    /// `exit` is the label that returns `index` to the run loop.
    private func emit(_ slot: Slot, into a: inout X86Assembler, exit: inout X86Assembler.Label) -> Bool {
        let d = Self.register(slot.d), n = Self.register(slot.n), m = Self.register(slot.m)
        // Whether any of the registers the op uses is PC (never kept in the register
        // file); the decoder gives the forms translated here no PC, so this only guards.
        func usesPC(_ registers: UInt8...) -> Bool { registers.contains(15) }
        switch slot.op {
        case .nop, .barrier, .it:
            return true
        // 16-bit data processing: these always set the flags (`formWithoutFlags`).
        case .lslImmediate, .lsrImmediate, .asrImmediate:
            guard !usesPC(slot.d, slot.m) else { return false }
            let type: UInt8 = slot.op == .lslImmediate ? 0 : slot.op == .lsrImmediate ? 1 : 2
            emitShiftImmediateSettingFlags(type: type, amount: slot.imm, d: d, m: m, into: &a)
        case .addsRegister, .subsRegister, .cmpRegister:
            guard !usesPC(slot.op == .cmpRegister ? 0 : slot.d, slot.n, slot.m) else { return false }
            a.load32(.rax, .rsi, n)
            a.operate(slot.op == .addsRegister ? .add : .sub, .rax, .rsi, m)
            setArithmeticFlags(subtract: slot.op != .addsRegister, into: &a)
            if slot.op != .cmpRegister { a.store32(.rsi, d, .rax) }
            setNZ(into: &a)
        case .addsImmediate, .subsImmediate, .cmpImmediate:
            guard !usesPC(slot.op == .cmpImmediate ? 0 : slot.d, slot.n) else { return false }
            a.load32(.rax, .rsi, n)
            a.operate(slot.op == .addsImmediate ? .add : .sub, .rax, immediate: slot.imm)
            setArithmeticFlags(subtract: slot.op != .addsImmediate, into: &a)
            if slot.op != .cmpImmediate { a.store32(.rsi, d, .rax) }
            setNZ(into: &a)
        case .adcsRegister:
            guard !usesPC(slot.d, slot.n, slot.m) else { return false }
            a.loadByte(.rcx, .rdi, layout.carry)
            a.load32(.rax, .rsi, n)
            a.bitTest(.rcx, bit: 0)
            a.operate(.adc, .rax, .rsi, m)
            setArithmeticFlags(subtract: false, into: &a)
            a.store32(.rsi, d, .rax)
            setNZ(into: &a)
        case .movsImmediate:
            guard !usesPC(slot.d) else { return false }
            a.store32(.rsi, d, immediate: slot.imm)
            a.store64(.rdi, layout.negativeZero, signExtending: slot.imm)
        case .andsRegister, .eorsRegister, .mulsRegister:
            guard !usesPC(slot.d, slot.n, slot.m) else { return false }
            a.load32(.rax, .rsi, n)
            switch slot.op {
            case .andsRegister: a.operate(.and, .rax, .rsi, m)
            case .eorsRegister: a.operate(.xor, .rax, .rsi, m)
            default: a.multiply(.rax, .rsi, m)
            }
            a.store32(.rsi, d, .rax)
            setNZ(into: &a)
        // Without PC or SP (those are the `…WithPCOrSP` forms).
        case .addRegisterHigh:
            guard !usesPC(slot.d, slot.n, slot.m) else { return false }
            a.load32(.rax, .rsi, n)
            a.operate(.add, .rax, .rsi, m)
            a.store32(.rsi, d, .rax)
        case .movRegister:
            guard !usesPC(slot.d, slot.m) else { return false }
            a.load32(.rax, .rsi, m)
            a.store32(.rsi, d, .rax)
        case .addSPImmediate:
            guard slot.d != 15 else { return false }
            a.load32(.rax, .rsi, Self.register(13))
            a.operate(.add, .rax, immediate: slot.imm)
            a.store32(.rsi, d, .rax)
        case .uxtb:
            guard !usesPC(slot.d, slot.m) else { return false }
            a.load32(.rax, .rsi, m)
            a.operate(.and, .rax, immediate: 0xFF)
            a.store32(.rsi, d, .rax)

        // The 16-bit forms `executeOther` runs (their S is `setsFlags`: off inside an IT block).
        case .orrsRegister, .bicsRegister:
            guard !usesPC(slot.d, slot.n, slot.m) else { return false }
            a.load32(.rcx, .rsi, m)
            if slot.op == .bicsRegister { a.operate(.xor, .rcx, immediate: 0xFFFF_FFFF) }
            a.load32(.rax, .rsi, n)
            a.operate(slot.op == .orrsRegister ? .or : .and, .rax, .rcx)
            a.store32(.rsi, d, .rax)
            if slot.setsFlags { setNZ(into: &a) }
        case .mvnsRegister:
            guard !usesPC(slot.d, slot.m) else { return false }
            a.load32(.rax, .rsi, m)
            a.operate(.xor, .rax, immediate: 0xFFFF_FFFF)
            a.store32(.rsi, d, .rax)
            if slot.setsFlags { setNZ(into: &a) }
        case .tstRegister:
            guard !usesPC(slot.n, slot.m) else { return false }
            a.load32(.rax, .rsi, n)
            a.operate(.and, .rax, .rsi, m)
            setNZ(into: &a)
        case .cmnRegister:
            guard !usesPC(slot.n, slot.m) else { return false }
            a.load32(.rax, .rsi, n)
            a.operate(.add, .rax, .rsi, m)
            setArithmeticFlags(subtract: false, into: &a)
            setNZ(into: &a)
        case .rsbsImmediate:
            // 0 - Rn: AddWithCarry(NOT Rn, 0, 1).
            guard !usesPC(slot.d, slot.n) else { return false }
            a.move(.rax, immediate: 0)
            a.operate(.sub, .rax, .rsi, n)
            if slot.setsFlags { setArithmeticFlags(subtract: true, into: &a) }
            a.store32(.rsi, d, .rax)
            if slot.setsFlags { setNZ(into: &a) }
        case .sbcsRegister:
            // x86 SBB subtracts CF as a borrow: CF = NOT C.
            guard !usesPC(slot.d, slot.n, slot.m) else { return false }
            a.loadByte(.rcx, .rdi, layout.carry)
            a.operate(.xor, .rcx, immediate: 1)
            a.load32(.rax, .rsi, n)
            a.bitTest(.rcx, bit: 0)
            a.operate(.sbb, .rax, .rsi, m)
            if slot.setsFlags { setArithmeticFlags(subtract: true, into: &a) }
            a.store32(.rsi, d, .rax)
            if slot.setsFlags { setNZ(into: &a) }
        case .sxtb, .sxth, .uxth:
            guard !usesPC(slot.d, slot.m) else { return false }
            a.load32(.rax, .rsi, m)
            switch slot.op {
            case .sxtb: a.signExtend(.rax, .rax, size: 1)
            case .sxth: a.signExtend(.rax, .rax, size: 2)
            default: a.operate(.and, .rax, immediate: 0xFFFF)
            }
            a.store32(.rsi, d, .rax)
        case .adr:
            guard !usesPC(slot.d) else { return false }
            a.store32(.rsi, d, immediate: slot.imm)
        case .subSPImmediate:
            a.operate32(.sub, .rsi, Self.register(13), immediate: slot.imm)

        // PUSH, POP without PC, LDM, STM (16-bit): when every word is in one direct region.
        case .push:
            guard slot.imm & 0x8000 == 0, slot.imm != 0 else { return false }
            let byteCount = 4 * UInt32(slot.imm.nonzeroBitCount)
            a.load32(.rax, .rsi, Self.register(13))
            a.operate(.sub, .rax, immediate: byteCount)
            emitRegisterList(slot.imm, store: true, exit: &exit, into: &a)
            a.operate32(.sub, .rsi, Self.register(13), immediate: byteCount)
        case .pop:
            guard slot.imm & 0xA000 == 0, slot.imm != 0 else { return false }
            a.load32(.rax, .rsi, Self.register(13))
            emitRegisterList(slot.imm, store: false, exit: &exit, into: &a)
            a.operate32(.add, .rsi, Self.register(13), immediate: 4 * UInt32(slot.imm.nonzeroBitCount))
        case .ldm, .stm:
            guard !usesPC(slot.n), slot.imm & 0xE000 == 0, slot.imm != 0 else { return false }
            a.load32(.rax, .rsi, n)
            emitRegisterList(slot.imm, store: slot.op == .stm, exit: &exit, into: &a)
            if slot.op == .stm || slot.imm & (1 << UInt32(slot.n)) == 0 {
                a.operate32(.add, .rsi, n, immediate: 4 * UInt32(slot.imm.nonzeroBitCount))
            }

        // B<cond> inside the block: taken, it leaves through the interpreter (which takes the
        // branch); not taken, it costs `skippedCycles` where the prefix counts `cycles`.
        case let op where Self.conditionalBranches.contains(op):
            jumpIfConditionPasses(slot.condition, to: &exit, into: &a)
            emitSkippedCost(of: slot, into: &a)

        // 16-bit loads and stores.
        case .ldrLiteral:
            guard slot.d != 15 else { return false }
            a.move(.rax, immediate: slot.imm)
            emitLoad(slot, (4, false), exit: &exit, into: &a)
            if pipelinesLoadStores { emitPipelinedLoad(slot, base: 15, offset: 15, into: &a) }
        case .ldrImmediate, .ldrhImmediate, .ldrbImmediate:
            guard !usesPC(slot.d, slot.n) else { return false }
            a.load32(.rax, .rsi, n)
            if slot.imm != 0 { a.operate(.add, .rax, immediate: slot.imm) }
            emitLoad(slot, Self.loadAccess(slot.op), exit: &exit, into: &a)
            if pipelinesLoadStores { emitPipelinedLoad(slot, base: slot.n, offset: slot.n, into: &a) }
        case .ldrRegister, .ldrbRegister, .ldrsbRegister, .ldrhRegister, .ldrshRegister:
            guard !usesPC(slot.d, slot.n, slot.m) else { return false }
            a.load32(.rax, .rsi, n)
            a.operate(.add, .rax, .rsi, m)
            emitLoad(slot, Self.loadAccess(slot.op), exit: &exit, into: &a)
            if pipelinesLoadStores { emitPipelinedLoad(slot, base: slot.n, offset: slot.m, into: &a) }
        case .strImmediate, .strhImmediate, .strbImmediate:
            guard !usesPC(slot.d, slot.n) else { return false }
            a.load32(.rax, .rsi, n)
            if slot.imm != 0 { a.operate(.add, .rax, immediate: slot.imm) }
            emitStore(slot, size: Self.storeSize(slot.op), exit: &exit, into: &a)
            if pipelinesLoadStores { emitPipelinedStore(slot, base: slot.n, offset: slot.n, into: &a) }
        case .strRegister, .strhRegister, .strbRegister:
            guard !usesPC(slot.d, slot.n, slot.m) else { return false }
            a.load32(.rax, .rsi, n)
            a.operate(.add, .rax, .rsi, m)
            emitStore(slot, size: Self.storeSize(slot.op), exit: &exit, into: &a)
            if pipelinesLoadStores { emitPipelinedStore(slot, base: slot.n, offset: slot.m, into: &a) }

        // Thumb-2 data processing (CortexMCore+DataProcessing32.swift).
        case .movImmediateT2, .mvnImmediateT1:
            guard !usesPC(slot.d) else { return false }
            let value = slot.op == .movImmediateT2 ? slot.imm : ~slot.imm
            a.store32(.rsi, d, immediate: value)
            if slot.setsFlags {
                a.store64(.rdi, layout.negativeZero, signExtending: value)
                if slot.options & 1 != 0 { a.storeByte(.rdi, layout.carry, immediate: slot.imm & 0x8000_0000 != 0 ? 1 : 0) }
            }
        case .addImmediateT3, .subImmediateT3, .cmpImmediateT2:
            guard !usesPC(slot.op == .cmpImmediateT2 ? 0 : slot.d, slot.n) else { return false }
            a.load32(.rax, .rsi, n)
            a.operate(slot.op == .addImmediateT3 ? .add : .sub, .rax, immediate: slot.imm)
            finishArithmetic(slot, subtract: slot.op != .addImmediateT3, writes: slot.op != .cmpImmediateT2, into: &a)
        case .addRegisterT3, .subRegisterT2, .cmpRegisterT3:
            guard !usesPC(slot.op == .cmpRegisterT3 ? 0 : slot.d, slot.n, slot.m), emitShiftedOperand(slot, into: &a) else { return false }
            a.load32(.rax, .rsi, n)
            a.operate(slot.op == .addRegisterT3 ? .add : .sub, .rax, .rcx)
            finishArithmetic(slot, subtract: slot.op != .addRegisterT3, writes: slot.op != .cmpRegisterT3, into: &a)
        case .movRegisterT3:
            guard !usesPC(slot.d, slot.m), !slot.setsFlags, emitShiftedOperand(slot, into: &a) else { return false }
            if slot.d == 13 { a.operate(.and, .rcx, immediate: ~3) }
            a.store32(.rsi, d, .rcx)
        case .eorRegisterT2, .orrRegisterT2, .bicRegisterT2, .andRegisterT2:
            guard !usesPC(slot.d, slot.n, slot.m), !slot.setsFlags, emitShiftedOperand(slot, into: &a) else { return false }
            a.load32(.rax, .rsi, n)
            switch slot.op {
            case .eorRegisterT2: a.operate(.xor, .rax, .rcx)
            case .orrRegisterT2: a.operate(.or, .rax, .rcx)
            case .andRegisterT2: a.operate(.and, .rax, .rcx)
            default:
                a.operate(.xor, .rcx, immediate: 0xFFFF_FFFF)
                a.operate(.and, .rax, .rcx)
            }
            a.store32(.rsi, d, .rax)
        case .mlaT1, .mulT2:
            guard !usesPC(slot.d, slot.n, slot.m, slot.op == .mlaT1 ? slot.a : 0) else { return false }
            a.load32(.rax, .rsi, n)
            a.multiply(.rax, .rsi, m)
            if slot.op == .mlaT1 { a.operate(.add, .rax, .rsi, Self.register(slot.a)) }
            a.store32(.rsi, d, .rax)
        case .uxtbT2, .uxthT2, .sxtbT2, .sxthT2:
            guard !usesPC(slot.d, slot.m) else { return false }
            a.load32(.rax, .rsi, m)
            if slot.imm & 31 != 0 { a.shift(.ror, .rax, by: UInt8(slot.imm & 31)) }
            switch slot.op {
            case .uxtbT2: a.operate(.and, .rax, immediate: 0xFF)
            case .uxthT2: a.operate(.and, .rax, immediate: 0xFFFF)
            case .sxtbT2: a.signExtend(.rax, .rax, size: 1)
            default: a.signExtend(.rax, .rax, size: 2)
            }
            a.store32(.rsi, d, .rax)

        // Thumb-2 loads and stores (CortexMCore+LoadStore32.swift): always pipelined.
        case .ldrImmediateWide, .ldrhImmediateWide, .ldrbImmediateWide, .ldrshImmediateWide, .ldrsbImmediateWide:
            guard !usesPC(slot.d, slot.n) else { return false }
            a.load32(.rax, .rsi, n)
            if slot.options & 1 != 0 && slot.imm != 0 { a.operate(.add, .rax, immediate: slot.imm) }
            emitLoad(slot, Self.loadAccess(slot.op), writeback: slot.options & 4 != 0, exit: &exit, into: &a)
            emitPipelinedLoad(slot, base: slot.n, offset: slot.n, into: &a)
        case .strImmediateWide, .strhImmediateWide, .strbImmediateWide:
            guard !usesPC(slot.d, slot.n) else { return false }
            a.load32(.rax, .rsi, n)
            if slot.options & 1 != 0 && slot.imm != 0 { a.operate(.add, .rax, immediate: slot.imm) }
            emitStore(slot, size: Self.storeSize(slot.op), writeback: slot.options & 4 != 0, exit: &exit, into: &a)
            emitPipelinedStore(slot, base: slot.n, offset: slot.n, into: &a)
        case .ldrRegisterWide, .ldrhRegisterWide, .ldrbRegisterWide, .ldrshRegisterWide, .ldrsbRegisterWide:
            guard !usesPC(slot.d, slot.n, slot.m) else { return false }
            emitScaledRegisterAddress(slot, into: &a)
            emitLoad(slot, Self.loadAccess(slot.op), exit: &exit, into: &a)
            emitPipelinedLoad(slot, base: slot.n, offset: slot.m, into: &a)
        case .strRegisterWide, .strhRegisterWide, .strbRegisterWide:
            guard !usesPC(slot.d, slot.n, slot.m) else { return false }
            emitScaledRegisterAddress(slot, into: &a)
            emitStore(slot, size: Self.storeSize(slot.op), exit: &exit, into: &a)
            emitPipelinedStore(slot, base: slot.n, offset: slot.m, into: &a)
        default:
            return false
        }
        return true
    }

    // MARK: - Flags

    /// After an x86 ADD/ADC (C = carry out) or SUB (C = NOT borrow) of the result in EAX:
    /// APSR.C and APSR.V as `addWithCarry` computes them.
    private func setArithmeticFlags(subtract: Bool, into a: inout X86Assembler) {
        a.set(subtract ? .aboveOrEqual : .below, .rdi, layout.carry)
        a.set(.overflow, .rdi, layout.overflow)
    }

    /// N and Z of the result in EAX (`negativeZeroSource`: the result sign-extended).
    /// Clobbers RAX's upper half only.
    private func setNZ(into a: inout X86Assembler) {
        a.signExtend64(.rax, .rax)
        a.store64(.rdi, layout.negativeZero, .rax)
    }

    /// The end of `executeArithmetic` for the result of an x86 ADD or SUB in EAX: the
    /// flags when S, then Rd (SP keeps bits [1:0] clear: `writeRegisterOrSP`).
    private func finishArithmetic(_ slot: Slot, subtract: Bool, writes: Bool, into a: inout X86Assembler) {
        if slot.setsFlags {
            setArithmeticFlags(subtract: subtract, into: &a)
            setNZ(into: &a)
        }
        guard writes else { return }
        if slot.d == 13 { a.operate(.and, .rax, immediate: ~3) }
        a.store32(.rsi, Self.register(slot.d), .rax)
    }

    /// LSLS/LSRS/ASRS (immediate): `shiftC` with a constant amount, then N, Z and C.
    private func emitShiftImmediateSettingFlags(type: UInt8, amount: UInt32, d: Int32, m: Int32, into a: inout X86Assembler) {
        a.load32(.rax, .rsi, m)
        switch amount {
        case 0:
            // Shift_C by 0: the value, C unchanged.
            break
        case 1...31:
            a.shift(type == 0 ? .shl : type == 1 ? .shr : .sar, .rax, by: UInt8(amount))
            a.set(.below, .rdi, layout.carry)
        default:
            // LSR #32: 0, C = bit 31; ASR #32: every bit the sign, C = bit 31.
            a.shift(type == 1 ? .shr : .sar, .rax, by: 31)
            a.move(.rcx, .rax)
            a.operate(.and, .rcx, immediate: 1)
            a.storeByte(.rdi, layout.carry, .rcx)
            if type == 1 { a.move(.rax, immediate: 0) }
        }
        a.store32(.rsi, d, .rax)
        setNZ(into: &a)
    }

    /// `shiftedOperandWithoutCarry` into ECX; false (emitting nothing) for RRX.
    private func emitShiftedOperand(_ slot: Slot, into a: inout X86Assembler) -> Bool {
        let type = slot.options & 7
        guard type < 4 else { return false }
        let amount = slot.imm
        a.load32(.rcx, .rsi, Self.register(slot.m))
        switch (type, amount) {
        case (_, 0):
            break
        case (0, _):
            a.shift(.shl, .rcx, by: UInt8(amount & 31))
        case (1, 32):
            a.move(.rcx, immediate: 0)
        case (1, _):
            a.shift(.shr, .rcx, by: UInt8(amount & 31))
        case (2, 32):
            a.shift(.sar, .rcx, by: 31)
        case (2, _):
            a.shift(.sar, .rcx, by: UInt8(amount & 31))
        default:
            a.shift(.ror, .rcx, by: UInt8(amount & 31))
        }
        return true
    }

    /// Jumps to `label` when `condition` passes on APSR (`conditionPassed`).
    private func jumpIfConditionPasses(_ condition: Condition, to label: inout X86Assembler.Label, into a: inout X86Assembler) {
        let zeroTest: (inout X86Assembler) -> Void = { $0.operate32(.cmp, .rdi, self.layout.negativeZero, immediate: 0) }
        // N is bit 63: the sign of the top byte.
        let negativeTest: (inout X86Assembler) -> Void = { $0.compareByte(.rdi, self.layout.negativeZero + 7, immediate: 0) }
        // ECX = N, EAX = V; then EAX == ECX is N == V.
        let compareNegativeWithOverflow: (inout X86Assembler) -> Void = {
            $0.loadByte(.rcx, .rdi, self.layout.negativeZero + 7)
            $0.shift(.shr, .rcx, by: 7)
            $0.loadByte(.rax, .rdi, self.layout.overflow)
            $0.operate(.cmp, .rax, .rcx)
        }
        var notTaken = X86Assembler.Label()
        switch condition {
        case .eq:
            zeroTest(&a)
            a.jump(if: .equal, to: &label)
        case .ne:
            zeroTest(&a)
            a.jump(if: .notEqual, to: &label)
        case .cs, .cc:
            a.compareByte(.rdi, layout.carry, immediate: 0)
            a.jump(if: condition == .cs ? .notEqual : .equal, to: &label)
        case .mi, .pl:
            negativeTest(&a)
            a.jump(if: condition == .mi ? .sign : .notSign, to: &label)
        case .vs, .vc:
            a.compareByte(.rdi, layout.overflow, immediate: 0)
            a.jump(if: condition == .vs ? .notEqual : .equal, to: &label)
        case .hi:
            a.compareByte(.rdi, layout.carry, immediate: 0)
            a.jump(if: .equal, to: &notTaken)
            zeroTest(&a)
            a.jump(if: .notEqual, to: &label)
        case .ls:
            a.compareByte(.rdi, layout.carry, immediate: 0)
            a.jump(if: .equal, to: &label)
            zeroTest(&a)
            a.jump(if: .equal, to: &label)
        case .ge, .lt:
            compareNegativeWithOverflow(&a)
            a.jump(if: condition == .ge ? .equal : .notEqual, to: &label)
        case .gt:
            zeroTest(&a)
            a.jump(if: .equal, to: &notTaken)
            compareNegativeWithOverflow(&a)
            a.jump(if: .equal, to: &label)
        case .le:
            zeroTest(&a)
            a.jump(if: .equal, to: &label)
            compareNegativeWithOverflow(&a)
            a.jump(if: .notEqual, to: &label)
        case .al:
            a.jump(to: &label)
        }
        a.bind(notTaken)
    }

    // MARK: - Memory

    /// EAX = Rn + (Rm LSL imm), the register forms' address.
    private func emitScaledRegisterAddress(_ slot: Slot, into a: inout X86Assembler) {
        a.load32(.rcx, .rsi, Self.register(slot.m))
        if slot.imm & 31 != 0 { a.shift(.shl, .rcx, by: UInt8(slot.imm & 31)) }
        a.load32(.rax, .rsi, Self.register(slot.n))
        a.operate(.add, .rax, .rcx)
    }

    /// The direct path of `load`/`store` for the address in EAX: leaves to `exit` when it
    /// is unaligned (the interpreter decides whether that faults), outside its window's
    /// direct region or, in a watched run, a load of bytes never written (the interpreter
    /// reports it); otherwise RDX + RCX is the host address.
    private func emitDirectAddress(size: Int, store: Bool, exit: inout X86Assembler.Label, into a: inout X86Assembler) {
        if size > 1 {
            a.testLowByte(immediate: UInt8(size - 1))
            a.jump(if: .notEqual, to: &exit)
        }
        emitWindowLookup(store: store, exit: &exit, into: &a)
        emitWrittenMap(words: [(0, size)], store: store, exit: &exit, into: &a)
        a.load64(.rdx, .rdx, Int32(MemoryLayout<FastWindow>.offset(of: \.bytes)!))
    }

    /// In a watched run (`watchMemory`), with RDX the window and ECX the offset of an
    /// access of `words` (displacement, size) in its region: what `noteStore` does (the
    /// bytes are written from now on) or, for a load, `noteLoad`'s test, to `exit` when
    /// every byte of one of the words was never written. Nothing in other runs.
    private func emitWrittenMap(words: [(UInt8, Int)], store: Bool, exit: inout X86Assembler.Label, into a: inout X86Assembler) {
        guard windows.watched else { return }
        var noMap = X86Assembler.Label()
        a.load64(.rax, .rdx, Int32(MemoryLayout<WatchedWindow>.offset(of: \.written)!))
        a.test64(.rax)
        a.jump(if: .equal, to: &noMap)
        for (displacement, size) in words {
            if store {
                a.storeIndexedOnes(base: .rax, size: size, displacement: displacement)
            } else {
                a.compareIndexedWithZero(base: .rax, size: size, displacement: displacement)
                a.jump(if: .equal, to: &exit)
            }
        }
        a.bind(noMap)
    }

    /// RDX = the window of the address in EAX, ECX = the address's offset in its region;
    /// to `exit` when that is not below the window's `accessEnd` (no direct path).
    private func emitWindowLookup(store: Bool, exit: inout X86Assembler.Label, into a: inout X86Assembler) {
        a.move(.rcx, .rax)
        a.shift(.shr, .rcx, by: UInt8(Bus.windowShift))
        a.shift(.shl, .rcx, by: UInt8(windows.stride.trailingZeroBitCount))
        a.move64(.rdx, immediate: UInt64(UInt(bitPattern: store ? windows.writes : windows.reads)))
        a.add64(.rdx, .rcx)
        a.move(.rcx, .rax)
        a.operate(.sub, .rcx, .rdx, Int32(MemoryLayout<FastWindow>.offset(of: \.baseAddress)!))
        a.operate(.cmp, .rcx, .rdx, Int32(MemoryLayout<FastWindow>.offset(of: \.accessEnd)!))
        a.jump(if: .aboveOrEqual, to: &exit)
    }

    /// To `exit` when `size` bytes at the address in EAX overlap decoded code in RAM
    /// (`overlapsDecodedRAMCode`: address + size > low && address < high).
    private func emitDecodedCodeCheck(size: UInt32, exit: inout X86Assembler.Label, into a: inout X86Assembler) {
        var outsideCode = X86Assembler.Label()
        a.loadAddress32(.rcx, .rax, Int32(size))
        a.operate(.cmp, .rcx, .rdi, layout.decodedRAMLow)
        a.jump(if: .belowOrEqual, to: &outsideCode)
        a.operate(.cmp, .rax, .rdi, layout.decodedRAMHigh)
        a.jump(if: .below, to: &exit)
        a.bind(outsideCode)
    }

    /// A load single of `size` bytes from the address in EAX into Rt (`slot.d`), with the
    /// immediate forms' writeback of Rn + imm (before Rt, so that Rt wins when they are
    /// the same register, as in the handlers).
    private func emitLoad(
        _ slot: Slot, _ access: (size: Int, signed: Bool), writeback: Bool = false, exit: inout X86Assembler.Label,
        into a: inout X86Assembler
    ) {
        emitDirectAddress(size: access.size, store: false, exit: &exit, into: &a)
        a.loadIndexed(.rax, size: access.size, signed: access.signed)
        if writeback { emitWriteback(slot, into: &a) }
        a.store32(.rsi, Self.register(slot.d), .rax)
    }

    /// The immediate forms' writeback: Rn = Rn + imm.
    private func emitWriteback(_ slot: Slot, into a: inout X86Assembler) {
        a.operate32(.add, .rsi, Self.register(slot.n), immediate: slot.imm)
    }

    /// A store single of the low `size` bytes of Rt (`slot.d`) to the address in EAX,
    /// unless that address is in decoded code (then the interpreter stores and discards it).
    private func emitStore(
        _ slot: Slot, size: Int, writeback: Bool = false, exit: inout X86Assembler.Label, into a: inout X86Assembler
    ) {
        emitDecodedCodeCheck(size: UInt32(size), exit: &exit, into: &a)
        emitDirectAddress(size: size, store: true, exit: &exit, into: &a)
        a.load32(.rax, .rsi, Self.register(slot.d))
        a.storeIndexed(.rax, size: size)
        if writeback { emitWriteback(slot, into: &a) }
    }

    /// The words of a register list (`list`, lowest register at the lowest address) from
    /// the word-aligned address in EAX, all in one direct region (`Bus.directPointer(_:_:byteCount:)`)
    /// and, for stores, away from decoded code; leaves to `exit` otherwise, having done nothing.
    private func emitRegisterList(_ list: UInt32, store: Bool, exit: inout X86Assembler.Label, into a: inout X86Assembler) {
        let byteCount = 4 * UInt32(list.nonzeroBitCount)
        a.testLowByte(immediate: 3)
        a.jump(if: .notEqual, to: &exit)
        if store { emitDecodedCodeCheck(size: byteCount, exit: &exit, into: &a) }
        emitWindowLookup(store: store, exit: &exit, into: &a)
        a.operate(.add, .rcx, immediate: byteCount - 4)
        a.operate(.cmp, .rcx, .rdx, Int32(MemoryLayout<FastWindow>.offset(of: \.accessEnd)!))
        a.jump(if: .aboveOrEqual, to: &exit)
        a.operate(.sub, .rcx, immediate: byteCount - 4)
        let words = stride(from: 0, to: Int(byteCount), by: 4).map { (UInt8($0), 4) }
        emitWrittenMap(words: words, store: store, exit: &exit, into: &a)
        a.load64(.rdx, .rdx, Int32(MemoryLayout<FastWindow>.offset(of: \.bytes)!))
        var remaining = list
        var displacement: UInt8 = 0
        while remaining != 0 {
            let register = Self.register(UInt8(remaining.trailingZeroBitCount))
            if store {
                a.load32(.rax, .rsi, register)
                a.storeIndexed32(.rax, displacement: displacement)
            } else {
                a.loadIndexed32(.rax, displacement: displacement)
                a.store32(.rsi, register, .rax)
            }
            displacement += 4
            remaining &= remaining - 1
        }
    }

    /// `discountPipelinedAccess`: one cycle less when the previous instruction was a load
    /// single (at the address before this one) whose destination is not `base` or `offset`.
    private func emitPipelineDiscount(_ slot: Slot, base: UInt8, offset: UInt8, into a: inout X86Assembler) {
        var done = X86Assembler.Label()
        a.operate32(.cmp, .rdi, layout.loadPipelineNextAddress, immediate: slot.address)
        a.jump(if: .notEqual, to: &done)
        a.loadByte(.rcx, .rdi, layout.loadPipelineDestination)
        a.operate(.cmp, .rcx, immediate: UInt32(base))
        a.jump(if: .equal, to: &done)
        a.operate(.cmp, .rcx, immediate: UInt32(offset))
        a.jump(if: .equal, to: &done)
        a.operate64(.sub, .rdi, layout.baseCycles, immediate: 1)
        a.bind(done)
    }

    /// `pipelineLoad16` / the pipelining of the 32-bit load handlers.
    private func emitPipelinedLoad(_ slot: Slot, base: UInt8, offset: UInt8, into a: inout X86Assembler) {
        emitPipelineDiscount(slot, base: base, offset: offset, into: &a)
        a.store32(.rdi, layout.loadPipelineNextAddress, immediate: slot.address &+ UInt32(slot.byteCount))
        a.storeByte(.rdi, layout.loadPipelineDestination, immediate: slot.d)
    }

    /// `pipelineStore16` / the pipelining of the 32-bit store handlers.
    private func emitPipelinedStore(_ slot: Slot, base: UInt8, offset: UInt8, into a: inout X86Assembler) {
        emitPipelineDiscount(slot, base: base, offset: offset, into: &a)
        a.store32(.rdi, layout.loadPipelineNextAddress, immediate: 1)
    }
}
