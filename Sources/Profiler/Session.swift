import Boards
import CortexM
import ELFLoader
import MemoryBus

/// Options of one simulation run.
public struct RunOptions: Sendable {
    /// Stop after this many cycles (the runaway-loop guard).
    public var maxCycles: UInt64
    /// What semihosting may do.
    public var semihosting: Semihosting.Options
    /// Warm-up inferences left out of the latency statistics.
    public var skipInferences: Int = 0
    /// How many of the largest symbols the memory report lists.
    public var topSymbolCount: Int = 10

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
    }

    /// Runs the firmware to its end, a fault, or the cycle limit.
    public func run() -> RunResult {
        let stop = core.run(cycleLimit: options.maxCycles)
        return RunResult(session: self, stopReason: stop)
    }
}
