import Boards
import CortexM
import ELFLoader
import MemoryBus

/// Options of one simulation run.
public struct RunOptions: Sendable {
    /// Stop after this many cycles (the runaway-loop guard).
    public var maxCycles: UInt64
    /// Stop after this many seconds of host time, if set (`--timeout`).
    public var timeoutSeconds: Double?
    /// What semihosting may do.
    public var semihosting: Semihosting.Options
    /// Warm-up inferences left out of the latency statistics.
    public var skipInferences: Int = 0
    /// How many of the largest symbols the memory report lists.
    public var topSymbolCount: Int = 10
    /// Keep the call stack: per-function cycles, `_sbrk` heap tracking, SP sampling
    /// (the loop specialized for `CallStackProbe`, docs/profiling.md).
    public var profilesFunctions = false
    /// Each call of this function is an inference (implies `profilesFunctions`).
    public var measuredFunction: String?
    /// Record function spans for a trace (implies `profilesFunctions`).
    public var recordsTrace = false
    /// The trace keeps at most this many spans, each at least `traceMinimumCycles` long.
    public var traceSpanLimit = 100_000
    public var traceMinimumCycles: UInt64 = 0
    /// Inferences per second for the battery estimate (`--duty`), and the battery.
    public var dutyRatePerSecond: Double?
    public var batteryMilliampHours: Double?
    public var batteryVolts: Double?
    /// The shadow call stack's depth cap.
    public var maximumCallDepth = 1024
    /// Refuse an image whose build attributes or float ABI need more than the board's
    /// core (``CoreRequirement``); off (`run --ignore-build-attributes`) to run it anyway
    /// and see where it faults.
    public var checksCoreRequirement = true

    /// Whether the run needs the call-stack probe.
    public var needsCallStack: Bool { profilesFunctions || measuredFunction != nil || recordsTrace }

    /// Ten billion cycles: minutes of simulated time at 16–168 MHz, well past any
    /// inference we ship, yet bounded.
    public static let defaultMaxCycles: UInt64 = 10_000_000_000

    public init(maxCycles: UInt64 = RunOptions.defaultMaxCycles, semihosting: Semihosting.Options = .init()) {
        self.maxCycles = maxCycles
        self.semihosting = semihosting
    }
}

/// A firmware image placed on a board, ready to run: checks that the image fits the
/// board's memory map, programs it, and runs the core.
public final class Session {
    public let image: FirmwareImage
    public let board: Board
    public let options: RunOptions
    public let bus: Bus
    public let core: CortexMCore
    /// Where SP and PC came from at reset.
    public let resetSource: CortexMCore.ResetSource
    /// SP right after reset.
    public let initialStackPointer: UInt32
    /// RAM before the run, for the dynamic memory figures.
    let ramBefore: DynamicMemory.Snapshot
    /// The function names the call-stack probe's indices refer to.
    let functionNames: [String]
    /// The probe of a profiled run.
    public let callStack: CallStackProbe?
    /// The per-inference peak stack, fed by the semihosting markers.
    let inferenceStack: InferenceStackTracker

    /// Places `image` on `board`.
    /// - Parameters:
    ///   - standardOutput: receives the firmware's stdout bytes as they are written.
    ///   - standardError: receives the firmware's stderr bytes.
    /// - Throws: `ProfilerError` when the image cannot run on the board.
    public init(
        image: FirmwareImage, board: Board, options: RunOptions = .init(),
        standardOutput: @escaping Semihosting.Sink, standardError: @escaping Semihosting.Sink,
        standardInput: @escaping (Int) -> [UInt8] = { _ in [] }
    ) throws(ProfilerError) {
        let requirement = CoreRequirement(image: image)
        if options.checksCoreRequirement && !requirement.isMet(by: board) {
            throw .coreCannotRunImage(file: image.path, image: requirement.summary, board: board.key, core: CoreRequirement.describe(board))
        }
        for segment in image.segments {
            let byteCount = UInt64(max(segment.memoryByteCount, UInt32(clamping: segment.fileBytes.count)))
            guard byteCount > 0 else { continue }
            let fits = board.regions.contains { region in
                segment.physicalAddress >= region.baseAddress
                    && UInt64(segment.physicalAddress - region.baseAddress) + byteCount <= UInt64(region.byteCount)
            }
            guard fits else {
                throw .segmentOutsideMemory(
                    file: image.path, segment: segment.name.isEmpty ? "#\(segment.index)" : segment.name,
                    start: segment.physicalAddress, byteCount: byteCount, board: board.key, regions: board.regions)
            }
        }
        self.image = image
        self.board = board
        self.options = options
        let bus = Bus(regions: board.regions)
        for segment in image.segments where !segment.fileBytes.isEmpty {
            bus.program(segment.fileBytes, at: segment.physicalAddress)
        }
        let configuration = CoreConfiguration(
            kind: board.core, multiplierCycles: board.multiplierCycles, priorityBits: board.priorityBits,
            externalInterruptCount: board.externalInterruptCount, bootAddress: board.bootAddress, hasFPU: board.hasFPU)
        let semihosting = Semihosting(
            options: options.semihosting, clockHz: board.clockHz, standardOutput: standardOutput,
            standardError: standardError, standardInput: standardInput)
        let core = CortexMCore(configuration: configuration, bus: bus, semihosting: semihosting)
        let source = core.reset(entryPoint: image.entryAddress)
        if case .entryPoint(let entry) = source, entry & 1 == 0 {
            throw .entryNotThumb(file: image.path, entry: entry)
        }
        self.bus = bus
        self.core = core
        self.resetSource = source
        initialStackPointer = core.register(13)
        ramBefore = DynamicMemory.snapshot(bus: bus, board: board)
        if options.needsCallStack {
            let functions = image.symbols.functionAddressRanges
            functionNames = functions.map(\.name)
            var measured: Int32 = -1
            if let name = options.measuredFunction {
                guard let index = functionNames.firstIndex(of: name) else {
                    throw .unknownFunction(file: image.path, name: name)
                }
                measured = Int32(index)
            }
            let probe = CallStackProbe(
                functions: functions.map { (start: $0.start, end: $0.end) }, maximumDepth: options.maximumCallDepth,
                measuredFunction: measured, sbrkFunction: functionNames.firstIndex(of: "_sbrk").map(Int32.init) ?? -1,
                spanLimit: options.recordsTrace ? options.traceSpanLimit : nil, minimumSpanCycles: options.traceMinimumCycles)
            callStack = probe
            let watch = MemoryWatch(bus: bus)
            for segment in image.segments where !segment.fileBytes.isEmpty {
                watch.markWritten(address: segment.physicalAddress, length: segment.fileBytes.count)
            }
            core.watchMemory(watch)
        } else {
            functionNames = []
            callStack = nil
        }
        let tracker = InferenceStackTracker(
            bus: bus, image: image, regions: board.regions, initialStackPointer: initialStackPointer, probe: callStack)
        inferenceStack = tracker
        core.semihosting.markerObserver = { marker, index in tracker.observe(marker, index: index) }
    }

    /// Runs the firmware to its end, a fault, or the cycle limit.
    public func run() -> RunResult {
        if let timeout = options.timeoutSeconds {
            core.wallClockDeadline = CortexMCore.monotonicNanoseconds() &+ UInt64(max(timeout, 0) * 1e9)
        }
        let stop = callStack.map { core.run(cycleLimit: options.maxCycles, profiler: $0) } ?? core.run(cycleLimit: options.maxCycles)
        return RunResult(session: self, stopReason: stop)
    }
}
