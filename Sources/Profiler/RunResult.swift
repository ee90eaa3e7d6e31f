import Boards
import CortexM
import ELFLoader

/// What one run measured, and why it ended.
public struct RunResult: Sendable {
    public var file: String
    /// The PC when the run stopped.
    public var stopPC: UInt32
    public var board: Board
    public var instructions: UInt64
    public var cycles: UInt64
    public var sleepCycles: UInt64
    public var exceptionsTaken: UInt64
    public var stopReason: StopReason
    public var resetSource: CortexMCore.ResetSource
    /// Accesses to vendor peripherals armsim does not model (they read as zero).
    public var peripheralAccessCount: UInt64
    public var firstPeripheralAddress: UInt32?
    /// A fault that a firmware handler took before the run ended, if any.
    public var lastFault: FaultReport?
    /// Symbolizes addresses for the report.
    public var symbols: SymbolTable
    /// Flash and SRAM the image needs (static, from its sections).
    public var memory: MemoryBudget
    /// Energy of the whole run, when the board has power figures.
    public var energy: EnergyEstimate?
    /// Per-inference latency from the firmware's markers, when it has any.
    public var inferences: InferenceStatistics?
    /// Energy of the median inference, when both are known.
    public var energyPerInference: EnergyEstimate?
    /// Per-function cycles and calls (`--profile`).
    public var functions: FunctionProfile?
    /// Peak stack, heap and the RAM written while running.
    public var dynamicMemory: DynamicMemory
    /// The function whose calls are the inferences (`--measure-function`), if any.
    public var measuredFunction: String?
    /// Markers in execution order (for the trace).
    public var markers: [Semihosting.Marker]
    /// Loads of RAM never written before (profiled runs): PC, first address, count, by PC.
    public var uninitializedReads: [MemoryWatch.UninitializedRead]
    /// All such loads, including PCs past the report's limit.
    public var uninitializedReadCount: UInt64
    /// Rows of the function table in the text report (`--top`).
    public var topFunctionCount: Int
    /// Battery life at the `--duty` rate, when the energy per inference is known.
    public var battery: BatteryLife?

    init(session: Session, stopReason: StopReason) {
        let core = session.core
        file = session.image.path
        stopPC = core.pc
        board = session.board
        instructions = core.instructions
        cycles = core.cycles
        sleepCycles = core.sleepCycles
        exceptionsTaken = core.exceptionCount
        self.stopReason = stopReason
        resetSource = session.resetSource
        peripheralAccessCount = session.bus.peripheralAccessCount
        firstPeripheralAddress = session.bus.firstPeripheralAddress
        lastFault = core.lastFault
        symbols = session.image.symbols
        memory = MemoryBudget(image: session.image, board: session.board, topSymbolCount: session.options.topSymbolCount)
        energy = EnergyEstimate(board: session.board, cycles: core.cycles, sleepCycles: core.sleepCycles)
        markers = core.semihosting.markers
        measuredFunction = session.options.measuredFunction
        let lowestByEndMarker = session.inferenceStack.lowestStackAddressByEndMarker
        if let probe = session.callStack, let name = session.options.measuredFunction {
            let calls = probe.measuredCalls.map {
                Inference(
                    name: name, startCycle: $0.startCycle, cycles: $0.cycles, instructions: $0.instructions,
                    startStackPointer: $0.stackPointer, lowest: $0.stackPointer &- $0.stackBytes,
                    initialStackPointer: session.initialStackPointer)
            }
            inferences = InferenceStatistics(inferences: calls, skip: session.options.skipInferences)
        } else {
            inferences = InferenceStatistics(
                markers: core.semihosting.markers, skip: session.options.skipInferences, lowestStackAddresses: lowestByEndMarker,
                initialStackPointer: session.initialStackPointer)
        }
        energyPerInference = inferences.flatMap { EnergyEstimate(board: session.board, cycles: $0.medianCycles, sleepCycles: 0) }
        let options = session.options
        uninitializedReads = core.memoryWatch?.reads ?? []
        uninitializedReadCount = core.memoryWatch?.totalCount ?? 0
        topFunctionCount = options.topSymbolCount
        if let rate = options.dutyRatePerSecond, let energy = energyPerInference, let statistics = inferences {
            battery = BatteryLife(
                board: session.board, inferenceMicrojoules: energy.microjoules,
                inferenceSeconds: Double(statistics.medianCycles) / Double(max(session.board.clockHz, 1)),
                ratePerSecond: rate, capacityMilliampHours: options.batteryMilliampHours ?? 1000, batteryVolts: options.batteryVolts)
        }
        functions = session.callStack.map { FunctionProfile(probe: $0, names: session.functionNames) }
        dynamicMemory = DynamicMemory(
            before: session.ramBefore, bus: session.bus, image: session.image, initialStackPointer: session.initialStackPointer,
            sampledLowestStackPointer: session.callStack.map(\.lowestStackPointer),
            // What the probe saw `_sbrk` hand out; a plain run reads newlib's own record.
            heapBreak: session.callStack.flatMap { $0.heapBreakHighWater == 0 ? nil : $0.heapBreakHighWater }
                ?? DynamicMemory.newlibHeapBreak(image: session.image, bus: session.bus),
            inferenceLowestStackAddresses: Array(lowestByEndMarker.values))
    }

    /// Simulated seconds at the board clock.
    public var seconds: Double { Double(cycles) / Double(max(board.clockHz, 1)) }

    /// Cycles per instruction (sleep excluded).
    public var cyclesPerInstruction: Double {
        instructions == 0 ? 0 : Double(cycles - sleepCycles) / Double(instructions)
    }

    /// The firmware's exit status when it exited normally through semihosting.
    public var firmwareExitStatus: UInt32? {
        if case .exited(let status) = stopReason { return status }
        return nil
    }

    /// A short machine-readable name of the stop reason (JSON `stop_reason`).
    public var stopReasonKey: String {
        switch stopReason {
        case .exited: return "exit"
        case .abnormalExit: return "abnormal_exit"
        case .cycleLimit: return "cycle_limit"
        case .lockup: return "lockup"
        case .infiniteLoop: return "infinite_loop"
        case .sleepForever: return "sleep_forever"
        case .breakpoint: return "breakpoint"
        case .interrupted: return "interrupted"
        }
    }

    /// One line saying why the run stopped, with PC and symbol where it matters.
    public var stopDescription: String {
        switch stopReason {
        case .exited(let status):
            return "firmware exited with status \(status)"
        case .abnormalExit(let reason, let subcode):
            let name = Self.adpReasonNames[reason] ?? "reason \(hex(reason))"
            return "firmware stopped through semihosting: \(name)" + (subcode != 0 ? " (subcode \(subcode))" : "")
        case .cycleLimit:
            return "cycle limit of \(cycles) cycles reached (raise it with --max-cycles)" + faultSuffix(lastFault)
        case .lockup(let report):
            return "lockup: \(report.kind.description) at \(location(report.pc)) with no usable fault handler"
        case .infiniteLoop(let pc, let fault):
            return "firmware is stuck in an endless loop at \(location(pc)) that no interrupt can leave" + faultSuffix(fault)
        case .sleepForever(let pc):
            return "firmware sleeps (WFI/WFE) at \(location(pc)) with no interrupt enabled that could wake it"
        case .breakpoint(let pc, let immediate):
            return "breakpoint BKPT #\(immediate) at \(location(pc)) (no debugger attached)"
        case .interrupted:
            return "wall-clock limit reached at \(location(stopPC)) after \(cycles) cycles (--timeout)"
        }
    }

    /// The fault behind a stop, if there was one.
    public var fault: FaultReport? {
        if case .lockup(let report) = stopReason { return report }
        return lastFault
    }

    private func faultSuffix(_ fault: FaultReport?) -> String {
        guard let fault else { return "" }
        return "; earlier: \(fault.kind.description) at \(location(fault.pc))"
    }

    /// `0x00001234 (main+0x10)`.
    public func location(_ address: UInt32) -> String {
        let name = symbols.describe(address: address)
        return name.hasPrefix("0x") ? hex(address) : "\(hex(address)) (\(name))"
    }

    /// ADP_Stopped_* names (semihosting spec, reason codes table).
    static let adpReasonNames: [UInt32: String] = [
        0x20000: "ADP_Stopped_BranchThroughZero", 0x20001: "ADP_Stopped_UndefinedInstr",
        0x20002: "ADP_Stopped_SoftwareInterrupt", 0x20003: "ADP_Stopped_PrefetchAbort",
        0x20004: "ADP_Stopped_DataAbort", 0x20005: "ADP_Stopped_AddressException", 0x20006: "ADP_Stopped_IRQ",
        0x20007: "ADP_Stopped_FIQ", 0x20020: "ADP_Stopped_BreakPoint", 0x20021: "ADP_Stopped_WatchPoint",
        0x20022: "ADP_Stopped_StepComplete", 0x20023: "ADP_Stopped_RunTimeErrorUnknown",
        0x20024: "ADP_Stopped_InternalError", 0x20025: "ADP_Stopped_UserInterruption",
        0x20027: "ADP_Stopped_StackOverflow", 0x20028: "ADP_Stopped_DivisionByZero",
        0x20029: "ADP_Stopped_OSSpecific",
    ]
}
