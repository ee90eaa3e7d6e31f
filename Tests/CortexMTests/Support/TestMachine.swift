@testable import CortexM
import MemoryBus
import ThumbDecoder

/// A core on ideal memory (flash at 0, SRAM at 0x20000000) running hand-encoded Thumb
/// code, for instruction and cycle tests.
///
/// The vector table at 0 gives SP = top of SRAM and PC = `codeAddress`; the code ends
/// with `BKPT #0` (0xBE00), which stops the run. `cycles` excludes that BKPT's own
/// modeled cycle, so a test's expected count is the sum of the TRM rows it names.
final class TestMachine {
    static let flashBase: UInt32 = 0x0000_0000
    static let sramBase: UInt32 = 0x2000_0000
    static let sramSize: UInt32 = 0x0001_0000
    /// Where test code starts (after a 48-entry vector table).
    static let codeAddress: UInt32 = 0x0000_0100
    /// `BKPT #0`: ends every test program.
    static let breakpoint: UInt16 = 0xBE00

    let core: CortexMCore
    let bus: Bus
    /// What the firmware wrote through semihosting, when the test gave no sink of its own.
    let captured: CapturedStreams
    /// Bytes the firmware wrote to semihosting stdout (SYS_WRITE to `:tt` w, SYS_WRITEC, SYS_WRITE0).
    var output: [UInt8] {
        get { captured.standardOutput }
        set { captured.standardOutput = newValue }
    }
    /// Bytes the firmware wrote to semihosting stderr (SYS_WRITE to `:tt` opened with mode a).
    var errorOutput: [UInt8] { captured.standardError }

    /// The semihosting streams of one machine; a class so the sinks can append to it.
    final class CapturedStreams {
        var standardOutput: [UInt8] = []
        var standardError: [UInt8] = []
    }

    /// - Parameters:
    ///   - kind: the core.
    ///   - code: halfwords placed at `codeAddress`; a `BKPT #0` is appended.
    ///   - flashWaitStates: wait states of the flash region (0 = TRM conditions).
    ///   - multiplierCycles: 1 or 32.
    ///   - vectors: extra vector-table entries, exception number → handler address (Thumb bit added).
    ///   - data: bytes to place in memory before reset.
    ///   - semihostingOptions: what semihosting allows (host files, command line).
    ///   - clockHz: the clock semihosting time calls count in.
    ///   - standardOutput, standardError: sinks for the firmware's output; by default it is
    ///     kept in `output` and `errorOutput`.
    ///   - standardInput: the firmware's stdin (default: empty).
    init(
        _ kind: CoreKind, code: [UInt16], flashWaitStates: Int = 0, flashAccelerator: FlashAccelerator? = nil,
        multiplierCycles: Int = 1,
        codeInSRAM: Bool = false, vectors: [Int: UInt32] = [:], data: [(UInt32, [UInt8])] = [],
        semihostingOptions: Semihosting.Options = .init(), clockHz: UInt64 = 1_000_000,
        standardOutput: Semihosting.Sink? = nil, standardError: Semihosting.Sink? = nil,
        standardInput: @escaping (Int) -> [UInt8] = { _ in [] }
    ) {
        bus = Bus(regions: [
            MemoryRegionSpec(
                name: "FLASH", baseAddress: TestMachine.flashBase, byteCount: 0x0001_0000, kind: .flash,
                waitStates: flashWaitStates, accelerator: flashAccelerator),
            MemoryRegionSpec(name: "SRAM", baseAddress: TestMachine.sramBase, byteCount: TestMachine.sramSize, kind: .ram),
        ])
        let start = codeInSRAM ? TestMachine.sramBase + 0x100 : TestMachine.codeAddress
        var table = [UInt32](repeating: 0, count: 48)
        table[0] = TestMachine.sramBase + TestMachine.sramSize
        table[1] = start | 1
        for (number, handler) in vectors { table[number] = handler | 1 }
        bus.program(table.flatMap(TestMachine.bytes), at: 0)
        let program = (code + [TestMachine.breakpoint]).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        if codeInSRAM {
            _ = bus.hostWrite(program, at: start)
        } else {
            bus.program(program, at: start)
        }
        for (address, bytes) in data { bus.program(bytes, at: address) }
        let captured = CapturedStreams()
        self.captured = captured
        let semihosting = Semihosting(
            options: semihostingOptions, clockHz: clockHz,
            standardOutput: standardOutput ?? { captured.standardOutput += $0 },
            standardError: standardError ?? { captured.standardError += $0 },
            standardInput: standardInput)
        core = CortexMCore(
            configuration: CoreConfiguration(kind: kind, multiplierCycles: multiplierCycles, bootAddress: 0, hasFPU: kind == .m4),
            bus: bus, semihosting: semihosting)
        core.reset(entryPoint: nil)
    }

    static func bytes(_ word: UInt32) -> [UInt8] {
        [UInt8(word & 0xFF), UInt8((word >> 8) & 0xFF), UInt8((word >> 16) & 0xFF), UInt8(word >> 24)]
    }

    /// Splits a 32-bit Thumb encoding written as one number (first halfword high).
    static func wide(_ encoding: UInt32) -> [UInt16] {
        [UInt16(encoding >> 16), UInt16(encoding & 0xFFFF)]
    }

    /// Runs to the final BKPT (or `cycleLimit`) and returns why it stopped.
    @discardableResult
    func run(cycleLimit: UInt64 = 1_000_000) -> StopReason {
        core.run(cycleLimit: cycleLimit)
    }

    /// Cycles up to, not including, the final `BKPT #0`.
    var cycles: UInt64 { core.cycles - 1 }

    func register(_ index: Int) -> UInt32 { core.register(index) }
    func setRegister(_ index: Int, _ value: UInt32) { core.setRegister(index, value) }

    /// The flags as a string "NZCV" with '-' for clear bits, e.g. "-ZC-".
    var flags: String {
        let xpsr = core.xpsr
        return zip("NZCV", [31, 30, 29, 28]).map { xpsr & (1 << UInt32($0.1)) != 0 ? String($0.0) : "-" }.joined()
    }

    func word(at address: UInt32) -> UInt32? { bus.hostRead32(address) }
}
