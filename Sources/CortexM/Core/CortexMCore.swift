import MemoryBus
import ThumbDecoder

/// A Cortex-M core attached to a bus: registers, exception state, the system control
/// space, semihosting, and the run loop (`run(cycleLimit:)` in Execution/).
///
/// A `final class` so that the run loop reaches its fields without reference counting
/// of copies; everything hot is a stored property or an unsafe buffer.
public final class CortexMCore {
    /// The core and its implementation options.
    public let configuration: CoreConfiguration
    /// The TRM timing table for this core.
    public let timing: CoreTiming
    /// The memory system.
    public let bus: Bus
    /// The bus's direct-path tables (`Bus.fastReads`, `fastWrites`), held here so that a
    /// load or store reaches its window with one load from the core.
    let fastReads: UnsafeMutablePointer<FastWindow>
    let fastWrites: UnsafeMutablePointer<FastWindow>
    /// Decodes instructions for `configuration.instructionSet`.
    let decoder: ThumbDecoder
    /// R0–R15; R13 is the active stack pointer. R15's entry is not kept: handlers read the
    /// PC through `operand` (the instruction's address + 4) or `pc`.
    let r: UnsafeMutablePointer<UInt32>
    /// Predecode caches, parallel to `bus.regions` (nil for regions that hold no code).
    let caches: [PredecodeCache?]

    /// Address of the instruction being executed (or to execute next): the running
    /// slot's address inside a block, `restingPC` outside one. The run loop does not
    /// store it per instruction. Writing it (a branch, an exception entry or return)
    /// leaves the running block.
    public internal(set) var pc: UInt32 {
        @inline(__always) get { runningSlot == idleSlot ? restingPC : runningSlot.pointee.address }
        set {
            leaveRunningBlock()
            restingPC = newValue
        }
    }
    /// The PC between blocks, where the run loop looks up the next block.
    var restingPC: UInt32 = 0
    /// APSR.N and APSR.Z as one value, so that a flag-setting instruction writes both with
    /// one store: its 32-bit result sign-extended to 64 bits. N is bit 63, and Z is set
    /// when the low 32 bits are zero (N and Z both set is 0x8000_0000_0000_0000).
    var negativeZeroSource: UInt64 = 1
    /// APSR.N.
    var n: Bool {
        @inline(__always) get { Int64(bitPattern: negativeZeroSource) < 0 }
        set { negativeZeroSource = newValue ? negativeZeroSource | 1 << 63 : negativeZeroSource & ~(1 << 63) }
    }
    /// APSR.Z.
    var z: Bool {
        @inline(__always) get { UInt32(truncatingIfNeeded: negativeZeroSource) == 0 }
        set { negativeZeroSource = newValue ? negativeZeroSource & 0xFFFF_FFFF_0000_0000 : negativeZeroSource | 1 }
    }
    /// APSR.C and APSR.V.
    var c = false, v = false
    /// EPSR.T: cleared by an interworking branch to an even address; the next
    /// instruction then faults (INVSTATE).
    var thumbBit = true
    /// IPSR: the exception number being handled, 0 in Thread mode.
    public internal(set) var ipsr: UInt32 = 0
    /// PRIMASK.PM: raises the execution priority to 0 (DDI 0419 B1.4.3).
    var primask = false
    /// CONTROL.nPRIV (bit 0) and CONTROL.SPSEL (bit 1).
    var control: UInt32 = 0
    /// The banked stack pointer not currently in R13.
    var otherStackPointer: UInt32 = 0
    /// The event register of WFE/SEV (DDI 0419 B1.5.18).
    var eventRegister = false

    // MARK: ARMv7-M and ARMv7E-M state (DDI 0403)
    /// APSR.Q: sticky saturation flag (A2.3.2); ARMv7-M.
    var q = false
    /// APSR.GE[3:0]: greater-than-or-equal flags of the SIMD instructions (DSP extension).
    var ge: UInt32 = 0
    /// BASEPRI (B1.4.3): when non-zero, masks exceptions of that priority and lower.
    var basepri: UInt32 = 0
    /// FAULTMASK (B1.4.3): raises the execution priority to −1.
    var faultmask = false
    /// The local exclusive monitor (A3.4): the address LDREX tagged, or nil (Open Access).
    var exclusiveAddress: UInt32?
    /// Whether unaligned LDR/STR/LDRH/STRH fault: always on ARMv6-M; on ARMv7-M only
    /// with CCR.UNALIGN_TRP (B3.2.8).
    var unalignedAccessTraps: Bool
    /// FP registers S0–S31 as bit patterns (D0–D15 are pairs of them), FPv4-SP.
    let s: UnsafeMutablePointer<UInt32>
    /// FPSCR (A2.5.3): N Z C V flags of VCMP, AHP, DN, FZ, RMode and the cumulative exception flags.
    var fpscr: UInt32 = 0
    /// True when an FP instruction can run without the checks of `prepareFloatingPoint`:
    /// CP10/CP11 enabled in CPACR, CONTROL.FPCA set and no lazy stacking pending.
    var floatingPointReady = false
    /// Cortex-M4 load/store pipelining (M4 TRM §3.3.2): the address of the instruction
    /// right after the last load single executed (1, never an instruction address, when
    /// the last load/store single was a store or an unpipelined access), and that load's
    /// destination register. A load or store single at this address whose address
    /// registers do not include the destination costs one cycle less. Only the load/store
    /// handlers read or write these, so other instructions pay nothing.
    var loadPipelineNextAddress: UInt32 = 1
    var loadPipelineDestination: UInt8 = 0xFF

    /// Cycles executed so far (modeled core clock cycles, including sleep). Setting it in
    /// the middle of a block (sleep, lazy FP stacking) checks the rest of the block for
    /// an event that is now due in it (CortexMCore+EventStop.swift).
    public internal(set) var cycles: UInt64 {
        @inline(__always) get { baseCycles &+ UInt64(runningSlot.pointee.prefixCycles) }
        set {
            baseCycles = newValue &- UInt64(runningSlot.pointee.prefixCycles)
            checkEventWithinRunningBlock()
        }
    }
    /// Instructions executed so far.
    public internal(set) var instructions: UInt64 {
        @inline(__always) get { baseInstructions &+ UInt64(runningSlot.pointee.ordinal) }
        set { baseInstructions = newValue &- UInt64(runningSlot.pointee.ordinal) }
    }
    /// The counters without the static part of the running block: the run loop does not
    /// count each instruction, it notes the slot it runs (`runningSlot`), whose prefix
    /// sums count the block up to it. Dynamic costs (wait states, branch refills,
    /// exception entry) are added here as they occur; a block's prefix is added when
    /// the loop leaves it. So the counters are exact at every instruction, for SysTick,
    /// DWT, faults, semihosting and the profiler alike.
    var baseCycles: UInt64 = 0
    var baseInstructions: UInt64 = 0
    /// The slot being executed, or `idleSlot` (all counts 0) outside a block.
    var runningSlot: UnsafeMutablePointer<Slot>
    let idleSlot: UnsafeMutablePointer<Slot>
    /// Cycles spent asleep in WFI/WFE.
    public internal(set) var sleepCycles: UInt64 = 0
    /// Exceptions taken so far (including tail-chained ones).
    public internal(set) var exceptionCount: UInt64 = 0

    /// The function profiler of a profiled run, told about exception entry and return
    /// (rare, out of line); nil otherwise.
    var callStackProbe: CallStackProbe?
    /// Whether loads and stores update and check `memoryWatch` (profiled runs only). The
    /// direct memory path never tests it: `watchMemory` closes the bus's direct paths,
    /// so every access of a watched run takes the region path, which does.
    var tracksMemory = false
    /// The written-byte map of a profiled run; see `watchMemory(_:)`.
    public var memoryWatch: MemoryWatch? { watch }
    var watch: MemoryWatch?

    /// Turns on the uninitialised-read check for the rest of the run.
    public func watchMemory(_ watch: MemoryWatch) {
        self.watch = watch
        tracksMemory = true
        watchTranslatedAccesses(watch)
        bus.closeDirectPaths()
        bus.hostWriteObserver = { [unowned watch] address, length in watch.markWritten(address: address, length: length) }
    }

    /// The loop handles events (SysTick, pending exceptions, stop requests) when
    /// `cycles` reaches this value; setting it to 0 forces a check before the next instruction.
    var nextEventCycle: UInt64 = 0
    /// The slot whose op is replaced by `.eventStop`, and that op (CortexMCore+EventStop.swift).
    var eventStopSlot: UnsafeMutablePointer<Slot>?
    var eventStopReplacedOp: Op = .undecoded
    /// The static cycles of the running block (the total in its header slot), set as the
    /// loop enters a block, against which a dynamic cost in its middle is checked.
    var runningBlockCycles: UInt64 = 0
    /// The run stops when `cycles` reaches this.
    var cycleLimit: UInt64 = .max
    /// A wall-clock limit for the run (monotonic nanoseconds), or nil. It is checked at
    /// event boundaries, which are scheduled at least every `wallClockCheckCycles` cycles
    /// while it is set, so a run without events still notices it.
    public var wallClockDeadline: UInt64?
    static let wallClockCheckCycles: UInt64 = 4_000_000
    /// Set when the run must end; checked at the next event boundary.
    var stopReason: StopReason?
    /// The most recent fault taken by a handler, kept for the report when the run
    /// later ends for another reason (e.g. a `B .` HardFault handler).
    public internal(set) var lastFault: FaultReport?

    /// Wait states of the region the current instruction is fetched from, for
    /// the fetch of an unaligned branch target.
    var fetchWaitStates: UInt32 = 0
    /// The accelerator of the region the PC is in, if it has one, and that region's wait
    /// states, paid by a taken branch whose target misses its instruction cache.
    var currentFlashCache: FlashCacheState?
    var currentFlashWaitStates: UInt64 = 0
    /// The cache the current PC is in, and its bounds, kept for the loop's lookup.
    var currentCache: PredecodeCache?
    var currentCacheBase: UInt32 = 1
    var currentCacheSize: UInt32 = 0
    var currentBlocks: UnsafeMutablePointer<UnsafeMutablePointer<Slot>?>?
    /// Where the slots of decoded blocks live.
    let blockArena = BlockArena()
    /// The host code of translated blocks and the translator (Native/); nil where blocks
    /// are not translated.
    var nativeCode: ExecutableMemory?
    var nativeTranslator: NativeBlockTranslator?
    /// The windows of translated code in a run that watches memory (`watchMemory`).
    var watchedWindows: (reads: UnsafeMutablePointer<WatchedWindow>, writes: UnsafeMutablePointer<WatchedWindow>)?
    /// The code offset of each translated block's entry for jumps from other blocks, by
    /// the block's address, and the jumps still waiting for a block to be translated.
    var translatedBlockEntries: [UInt32: UInt32] = [:]
    var unlinkedJumps: [UInt32: [UInt32]] = [:]
    /// Whether translated code may take BL itself: in plain runs only, since a profiled
    /// run's probe must see every call.
    var translatedCallsAllowed = false
    /// Translated code takes a B or B<cond> itself only when its target is in
    /// `branchScopeStart ..< branchScopeStart + branchScopeSize`: everywhere in a plain
    /// run; in a profiled run the current function, where the probe's `directBranch` does
    /// nothing (`CallStackProbe` keeps these up to date).
    var branchScopeStart: UInt32 = 0
    var branchScopeSize: UInt32 = 0
    /// The addresses of decoded code in RAM: a store outside them cannot change decoded
    /// code, so stores to data and stack cost two compares (empty while code runs from flash).
    var decodedRAMLow: UInt32 = .max
    var decodedRAMHigh: UInt32 = 0
    /// The condition of every instruction in an IT block decoded so far, by address.
    var itBlockConditions: [UInt32: Condition] = [:]

    /// NVIC, SCB, SysTick and the exception state.
    public let scs: SystemControlSpace
    /// Services BKPT 0xAB.
    public let semihosting: Semihosting

    /// Builds a core on `bus`. Call `reset()` before running.
    public init(configuration: CoreConfiguration, bus: Bus, semihosting: Semihosting) {
        self.configuration = configuration
        self.timing = CoreTiming(kind: configuration.kind, multiplierCycles: configuration.multiplierCycles)
        self.bus = bus
        self.fastReads = bus.fastReads
        self.fastWrites = bus.fastWrites
        self.decoder = ThumbDecoder(instructionSet: configuration.instructionSet)
        self.r = .allocate(capacity: 16)
        r.initialize(repeating: 0, count: 16)
        self.idleSlot = .allocate(capacity: 1)
        idleSlot.initialize(to: .endOfBlock)
        self.runningSlot = idleSlot
        self.s = .allocate(capacity: 32)
        s.initialize(repeating: 0, count: 32)
        self.unalignedAccessTraps = configuration.kind != .m4
        self.caches = bus.regions.map { region in
            region.isExecutable
                ? PredecodeCache(baseAddress: region.baseAddress, byteCount: region.byteCount, isWritable: region.isWritable) : nil
        }
        self.scs = SystemControlSpace(configuration: configuration)
        self.semihosting = semihosting
        prepareTranslation()
    }

    deinit {
        r.deallocate()
        s.deallocate()
        idleSlot.deallocate()
        watchedWindows?.reads.deallocate()
        watchedWindows?.writes.deallocate()
    }

    /// Where the reset values of SP and PC came from.
    public enum ResetSource: Sendable, Equatable {
        /// Words 0 and 1 of the vector table at the boot address, as the core does.
        case vectorTable(address: UInt32)
        /// The image has no usable vector table there; SP = top of the first RAM region,
        /// PC = the ELF entry point.
        case entryPoint(UInt32)
    }

    /// Resets the core (DDI 0419 B1.5.5 TakeReset): reads the initial SP and reset
    /// vector from the vector table at the boot address when one is there; otherwise
    /// falls back to `entryPoint` and the top of the first RAM region.
    @discardableResult
    public func reset(entryPoint: UInt32?) -> ResetSource {
        for index in 0..<16 { r[index] = 0 }
        n = false; z = false; c = false; v = false
        ipsr = 0; primask = false; control = 0; thumbBit = true
        cycles = 0; instructions = 0; sleepCycles = 0; exceptionCount = 0
        stopReason = nil; lastFault = nil; eventRegister = false
        q = false; ge = 0; basepri = 0; faultmask = false; exclusiveAddress = nil
        loadPipelineNextAddress = 1; loadPipelineDestination = 0xFF
        for index in 0..<32 { s[index] = 0 }
        fpscr = 0
        floatingPointReady = false
        scs.reset()
        for flashCache in bus.flashCaches { flashCache?.invalidate() }
        unalignedAccessTraps = configuration.kind != .m4
        r[14] = 0xFFFF_FFFF
        let boot = configuration.bootAddress
        if let stack = bus.hostRead32(boot), let resetVector = bus.hostRead32(boot &+ 4),
            resetVector & 1 == 1, isExecutable(resetVector & ~1), isRAMStackTop(stack)
        {
            setStackPointer(main: stack & ~3)
            pc = resetVector & ~1
            return .vectorTable(address: boot)
        }
        let ramTop = bus.regions.first(where: { $0.isWritable }).map { $0.baseAddress &+ $0.byteCount } ?? 0
        setStackPointer(main: ramTop & ~7)
        let entry = entryPoint ?? 0
        pc = entry & ~1
        return .entryPoint(entry)
    }

    private func setStackPointer(main: UInt32) {
        r[13] = main
        otherStackPointer = 0
    }

    /// Whether `address` lies in a region instructions can be fetched from.
    func isExecutable(_ address: UInt32) -> Bool {
        guard let index = bus.regionIndex(containing: address, length: 2) else { return false }
        return bus.regions[index].isExecutable
    }

    /// Whether `address` is a plausible initial SP: inside RAM or one past its end.
    func isRAMStackTop(_ address: UInt32) -> Bool {
        bus.regions.contains { region in
            region.isWritable && address &- region.baseAddress <= region.byteCount && address > region.baseAddress
        }
    }

    /// Reads a register as software sees it (R15 reads as the current instruction + 4).
    public func register(_ index: Int) -> UInt32 {
        index == 15 ? pc : r[index & 15]
    }

    /// Sets a register (for tests and the semihosting return value).
    public func setRegister(_ index: Int, _ value: UInt32) {
        if index == 15 { pc = value & ~1 } else { r[index & 15] = value }
    }

    /// The xPSR as MRS XPSR would read it: flags, T bit and exception number.
    public var xpsr: UInt32 {
        var value = ipsr
        if n { value |= 1 << 31 }
        if z { value |= 1 << 30 }
        if c { value |= 1 << 29 }
        if v { value |= 1 << 28 }
        if q { value |= 1 << 27 }
        value |= (ge & 0xF) << 16
        if thumbBit { value |= 1 << 24 }
        return value
    }

    /// Current main and process stack pointers.
    public var mainStackPointer: UInt32 { control & 2 != 0 && ipsr == 0 ? otherStackPointer : r[13] }
    public var processStackPointer: UInt32 { control & 2 != 0 && ipsr == 0 ? r[13] : otherStackPointer }

    /// A snapshot for fault reports.
    func faultReport(_ kind: FaultKind, pc: UInt32) -> FaultReport {
        var registers = (0..<16).map { r[$0] }
        registers[15] = pc
        return FaultReport(kind: kind, pc: pc, registers: registers, xpsr: xpsr, cycle: cycles)
    }

    /// Requests the run loop to stop at the next instruction boundary.
    public func requestStop(_ reason: StopReason) {
        if stopReason == nil { stopReason = reason }
        requestEventCheck()
    }
}
