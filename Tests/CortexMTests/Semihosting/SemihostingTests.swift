import Foundation
import Testing
@testable import CortexM

/// Semihosting on a `TestMachine` ("Semihosting for AArch32 and AArch64", 2020Q4; table in
/// /work/shared/reference/semihosting-and-debug.md).
///
/// Each call is a 12-byte block of code, checked with arm-none-eabi-as/objdump:
///
///     MOVS r0, #op        ; 0x20xx
///     LDR  r1, [pc, #4]   ; 0x4901: the word after the BKPT #0
///     BKPT #0xAB          ; 0xBEAB: the semihosting trap
///     BKPT #0             ; 0xBE00: stops, so the test can read R0 and fill the next block
///     .word r1
///
/// Parameter blocks and strings are placed in SRAM with `data:`. Between calls the test may
/// write into SRAM (e.g. a handle that an earlier call returned) and resumes after the word.
@Suite("Semihosting")
struct SemihostingTests {
    /// One semihosting call: operation number and the value of R1.
    struct Call {
        var operation: UInt8
        var parameter: UInt32
    }

    /// A machine that runs `calls` one at a time.
    final class Script {
        let machine: TestMachine
        private var callIndex = 0

        init(
            _ calls: [Call], data: [(UInt32, [UInt8])] = [], options: Semihosting.Options = .init(),
            clockHz: UInt64 = 1_000_000, standardInput: @escaping (Int) -> [UInt8] = { _ in [] }
        ) {
            let code = calls.flatMap { call -> [UInt16] in
                [0x2000 | UInt16(call.operation), 0x4901, 0xBEAB, 0xBE00,
                 UInt16(call.parameter & 0xFFFF), UInt16(call.parameter >> 16)]
            }
            machine = TestMachine(
                .m0, code: code, data: data, semihostingOptions: options, clockHz: clockHz, standardInput: standardInput)
        }

        /// Runs the next call. Returns R0, or nil when the run stopped another way (`stop`).
        @discardableResult
        func next() -> UInt32? {
            let expectedStop = TestMachine.codeAddress + UInt32(callIndex) * 12 + 6
            stop = machine.run()
            guard stop == .breakpoint(pc: expectedStop, immediate: 0) else { return nil }
            callIndex += 1
            // Resume after the stop's BKPT and the literal word (a debugger's "continue").
            machine.core.stopReason = nil
            machine.core.setRegister(15, expectedStop + 6)
            return machine.register(0)
        }

        var stop: StopReason?
        var bus: MemoryBusAccess { MemoryBusAccess(machine: machine) }
    }

    /// Host access to SRAM for filling blocks between calls.
    struct MemoryBusAccess {
        let machine: TestMachine
        func write(_ words: [UInt32], at address: UInt32) {
            _ = machine.bus.hostWrite(words.flatMap(TestMachine.bytes), at: address)
        }
        func bytes(at address: UInt32, count: Int) -> [UInt8] { machine.bus.hostRead(address: address, length: count) ?? [] }
    }

    static let failed: UInt32 = 0xFFFF_FFFF
    static let blocks: UInt32 = 0x2000_0000
    static let strings: UInt32 = 0x2000_0400
    static let buffer: UInt32 = 0x2000_0800

    /// Words as bytes for `data:`.
    static func words(_ values: [UInt32]) -> [UInt8] { values.flatMap(TestMachine.bytes) }
    /// A SYS_OPEN block {path, mode, strlen(path)} at `blocks + 16·index` and its NUL-terminated path.
    static func openBlock(_ index: UInt32, path: String, mode: UInt32) -> [(UInt32, [UInt8])] {
        let pathAddress = strings + index * 0x80
        return [
            (blocks + index * 16, words([pathAddress, mode, UInt32(path.utf8.count)])),
            (pathAddress, Array(path.utf8) + [0]),
        ]
    }

    // MARK: - Console

    @Test("SYS_OPEN \":tt\" with modes 0 (r), 4 (w) and 8 (a) gives three non-zero handles, all interactive (SYS_ISTTY = 1)")
    func openConsoleGivesHandles() {
        let data = Self.openBlock(0, path: ":tt", mode: 0) + Self.openBlock(1, path: ":tt", mode: 4)
            + Self.openBlock(2, path: ":tt", mode: 8)
        let script = Script(
            [Call(operation: 0x01, parameter: Self.blocks), Call(operation: 0x01, parameter: Self.blocks + 16),
             Call(operation: 0x01, parameter: Self.blocks + 32),
             Call(operation: 0x09, parameter: Self.blocks + 0x100), Call(operation: 0x09, parameter: Self.blocks + 0x104),
             Call(operation: 0x09, parameter: Self.blocks + 0x108)],
            data: data)
        let handles = (0..<3).compactMap { _ in script.next() }
        #expect(handles.count == 3)
        #expect(handles.allSatisfy { $0 != 0 && $0 != Self.failed })
        #expect(Set(handles).count == 3)
        script.bus.write(handles, at: Self.blocks + 0x100)
        #expect((0..<3).map { _ in script.next() } == [1, 1, 1])
    }

    @Test("SYS_WRITE to the :tt handles of mode w and mode a goes to stdout and stderr and returns 0")
    func writeGoesToStdoutAndStderr() {
        let data = Self.openBlock(0, path: ":tt", mode: 4) + Self.openBlock(1, path: ":tt", mode: 8)
            + [(Self.buffer, Array("hello\n".utf8)), (Self.buffer + 0x10, Array("oops".utf8))]
        let script = Script(
            [Call(operation: 0x01, parameter: Self.blocks), Call(operation: 0x01, parameter: Self.blocks + 16),
             Call(operation: 0x05, parameter: Self.blocks + 0x100), Call(operation: 0x05, parameter: Self.blocks + 0x110)],
            data: data)
        let stdoutHandle = script.next()!
        let stderrHandle = script.next()!
        script.bus.write([stdoutHandle, Self.buffer, 6], at: Self.blocks + 0x100)
        script.bus.write([stderrHandle, Self.buffer + 0x10, 4], at: Self.blocks + 0x110)
        #expect(script.next() == 0)
        #expect(script.next() == 0)
        #expect(script.machine.output == Array("hello\n".utf8))
        #expect(script.machine.errorOutput == Array("oops".utf8))
    }

    @Test("SYS_WRITEC writes the byte R1 points at; SYS_WRITE0 the NUL-terminated string")
    func writeCharacterAndString() {
        let script = Script(
            [Call(operation: 0x03, parameter: Self.strings), Call(operation: 0x04, parameter: Self.strings + 4)],
            data: [(Self.strings, Array("A".utf8)), (Self.strings + 4, Array("hi there\n".utf8) + [0, 0x58])])
        script.next()
        script.next()
        #expect(script.machine.output == Array("Ahi there\n".utf8))
    }

    @Test("SYS_READ from the :tt read handle fills the buffer from stdin and returns the bytes not filled")
    func readFromStandardInput() {
        var input = Array("abc".utf8)
        let data = Self.openBlock(0, path: ":tt", mode: 0)
        let script = Script(
            [Call(operation: 0x01, parameter: Self.blocks), Call(operation: 0x06, parameter: Self.blocks + 0x100),
             Call(operation: 0x06, parameter: Self.blocks + 0x100)],
            data: data,
            standardInput: { count in
                let bytes = Array(input.prefix(count))
                input.removeFirst(bytes.count)
                return bytes
            })
        let handle = script.next()!
        script.bus.write([handle, Self.buffer, 8], at: Self.blocks + 0x100)
        #expect(script.next() == 5, "3 of 8 bytes read")
        #expect(script.bus.bytes(at: Self.buffer, count: 3) == Array("abc".utf8))
        #expect(script.next() == 8, "end of input: nothing read")
    }

    // MARK: - Features file

    @Test(":semihosting-features: FLEN 5, READ gives SHFB and 0x03, SEEK repositions, ISTTY 0, CLOSE 0; mode w is refused")
    func featuresFile() {
        let data = Self.openBlock(0, path: ":semihosting-features", mode: 0)
            + Self.openBlock(1, path: ":semihosting-features", mode: 4)
        let script = Script(
            [Call(operation: 0x01, parameter: Self.blocks),
             Call(operation: 0x0C, parameter: Self.blocks + 0x100),  // FLEN {h}
             Call(operation: 0x06, parameter: Self.blocks + 0x110),  // READ {h, buf, 5}
             Call(operation: 0x0A, parameter: Self.blocks + 0x120),  // SEEK {h, 4}
             Call(operation: 0x06, parameter: Self.blocks + 0x130),  // READ {h, buf+8, 1}
             Call(operation: 0x09, parameter: Self.blocks + 0x100),  // ISTTY {h}
             Call(operation: 0x02, parameter: Self.blocks + 0x100),  // CLOSE {h}
             Call(operation: 0x01, parameter: Self.blocks + 16)],
            data: data)
        let handle = script.next()!
        #expect(handle != Self.failed && handle != 0)
        script.bus.write([handle], at: Self.blocks + 0x100)
        script.bus.write([handle, Self.buffer, 5], at: Self.blocks + 0x110)
        script.bus.write([handle, 4], at: Self.blocks + 0x120)
        script.bus.write([handle, Self.buffer + 8, 1], at: Self.blocks + 0x130)
        #expect(script.next() == 5)
        #expect(script.next() == 0)
        #expect(script.bus.bytes(at: Self.buffer, count: 5) == [0x53, 0x48, 0x46, 0x42, 0x03], "SHFB, EXIT_EXTENDED | STDOUT_STDERR")
        #expect(script.next() == 0)
        #expect(script.next() == 0)
        #expect(script.bus.bytes(at: Self.buffer + 8, count: 1) == [0x03])
        #expect(script.next() == 0, "not interactive")
        #expect(script.next() == 0)
        #expect(script.next() == Self.failed, "only modes 0 and 1 may open it")
    }

    // MARK: - Time

    /// SYS_CLOCK, SYS_ELAPSED, SYS_TICKFREQ of a fresh 100 Hz machine (1 cycle = 1 centisecond).
    static func timeCalls() -> (clock: UInt32, clockCycles: UInt64, elapsed: UInt64, elapsedCycles: UInt64, frequency: UInt32) {
        let script = Script(
            [Call(operation: 0x10, parameter: 0), Call(operation: 0x30, parameter: buffer), Call(operation: 0x31, parameter: 0)],
            clockHz: 100)
        let clock = script.next()!
        let clockCycles = script.machine.cycles
        #expect(script.next() == 0)
        let elapsedCycles = script.machine.cycles
        let low = script.machine.word(at: buffer)!, high = script.machine.word(at: buffer + 4)!
        let frequency = script.next()!
        return (clock, clockCycles, UInt64(high) << 32 | UInt64(low), elapsedCycles, frequency)
    }

    @Test("SYS_CLOCK, SYS_ELAPSED and SYS_TICKFREQ count simulated cycles, so two runs agree exactly")
    func timeFollowsSimulatedCycles() {
        let first = Self.timeCalls()
        #expect(first.frequency == 100)
        #expect(UInt64(first.clock) == first.clockCycles, "centiseconds at 100 Hz")
        #expect(first.elapsed == first.elapsedCycles, "ticks at TICKFREQ")
        #expect(first.elapsed > 0)
        let second = Self.timeCalls()
        #expect(second.clock == first.clock && second.elapsed == first.elapsed)
    }

    // MARK: - Start-up calls

    @Test("SYS_HEAPINFO writes four zero words to the block R1 points at, leaving R1 unchanged")
    func heapInfoWritesZeros() {
        let script = Script(
            [Call(operation: 0x16, parameter: Self.blocks)],
            data: [(Self.blocks, Self.words([Self.buffer])), (Self.buffer, [UInt8](repeating: 0xFF, count: 20))])
        script.next()
        #expect(script.bus.bytes(at: Self.buffer, count: 20) == [UInt8](repeating: 0, count: 16) + [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(script.machine.register(1) == Self.blocks)
    }

    @Test("SYS_GET_CMDLINE copies the command line with its NUL and stores its length; a too small buffer fails")
    func getCommandLine() {
        let script = Script(
            [Call(operation: 0x15, parameter: Self.blocks), Call(operation: 0x15, parameter: Self.blocks + 16)],
            data: [(Self.blocks, Self.words([Self.buffer, 80])), (Self.blocks + 16, Self.words([Self.buffer + 0x100, 4]))],
            options: .init(commandLine: "fw --n 3"))
        #expect(script.next() == 0)
        #expect(script.bus.bytes(at: Self.buffer, count: 9) == Array("fw --n 3".utf8) + [0])
        #expect(script.machine.word(at: Self.blocks + 4) == 8)
        #expect(script.next() == Self.failed)
    }

    // MARK: - Exit

    @Test("SYS_EXIT with ADP_Stopped_ApplicationExit (0x20026) exits with status 0")
    func exitApplicationExit() {
        let script = Script([Call(operation: 0x18, parameter: 0x20026)])
        #expect(script.next() == nil)
        #expect(script.stop == .exited(status: 0))
    }

    @Test("SYS_EXIT with any other reason is an abnormal exit", arguments: [UInt32(0x20023), 0x20000, 0x20024])
    func exitOtherReason(reason: UInt32) {
        let script = Script([Call(operation: 0x18, parameter: reason)])
        #expect(script.next() == nil)
        #expect(script.stop == .abnormalExit(reason: reason, subcode: 0))
    }

    @Test("SYS_EXIT_EXTENDED {ApplicationExit, 7} exits with status 7; another reason keeps its subcode")
    func exitExtended() {
        let script = Script([Call(operation: 0x20, parameter: Self.blocks)], data: [(Self.blocks, Self.words([0x20026, 7]))])
        #expect(script.next() == nil)
        #expect(script.stop == .exited(status: 7))
        let other = Script([Call(operation: 0x20, parameter: Self.blocks)], data: [(Self.blocks, Self.words([0x20023, 9]))])
        #expect(other.next() == nil)
        #expect(other.stop == .abnormalExit(reason: 0x20023, subcode: 9))
    }

    // MARK: - Host access

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("armsim-\(name)-\(UUID().uuidString)").path
    }

    @Test("SYS_OPEN of a host file is refused (-1, SYS_ERRNO set) unless allowHostFiles")
    func hostFilesRefusedByDefault() {
        let path = Self.temporaryPath("refused")
        let script = Script(
            [Call(operation: 0x01, parameter: Self.blocks), Call(operation: 0x13, parameter: 0)],
            data: Self.openBlock(0, path: path, mode: 4))
        #expect(script.next() == Self.failed)
        #expect(script.next() != 0)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("with allowHostFiles a temporary file round-trips: open w, write, close, open r, FLEN, READ, close")
    func hostFileRoundTrip() throws {
        let path = Self.temporaryPath("roundtrip")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = Array("round trip\n".utf8)
        let script = Script(
            [Call(operation: 0x01, parameter: Self.blocks),  // open w
             Call(operation: 0x05, parameter: Self.blocks + 0x100),  // write
             Call(operation: 0x02, parameter: Self.blocks + 0x110),  // close
             Call(operation: 0x01, parameter: Self.blocks + 16),  // open r
             Call(operation: 0x0C, parameter: Self.blocks + 0x120),  // flen
             Call(operation: 0x09, parameter: Self.blocks + 0x120),  // istty
             Call(operation: 0x06, parameter: Self.blocks + 0x130),  // read
             Call(operation: 0x02, parameter: Self.blocks + 0x120)],  // close
            data: Self.openBlock(0, path: path, mode: 4) + Self.openBlock(1, path: path, mode: 0) + [(Self.buffer, text)],
            options: .init(allowHostFiles: true))
        let writeHandle = try #require(script.next())
        #expect(writeHandle != Self.failed)
        script.bus.write([writeHandle, Self.buffer, UInt32(text.count)], at: Self.blocks + 0x100)
        script.bus.write([writeHandle], at: Self.blocks + 0x110)
        #expect(script.next() == 0)
        #expect(script.next() == 0)
        #expect(FileManager.default.contents(atPath: path) == Data(text))
        let readHandle = try #require(script.next())
        #expect(readHandle != Self.failed)
        script.bus.write([readHandle], at: Self.blocks + 0x120)
        script.bus.write([readHandle, Self.buffer + 0x100, 32], at: Self.blocks + 0x130)
        #expect(script.next() == UInt32(text.count))
        #expect(script.next() == 0, "a host file is not interactive")
        #expect(script.next() == UInt32(32 - text.count))
        #expect(script.bus.bytes(at: Self.buffer + 0x100, count: text.count) == text)
        #expect(script.next() == 0)
    }

    @Test("SYS_SYSTEM and SYS_REMOVE are refused even with allowHostFiles", arguments: [false, true])
    func systemAndRemoveRefused(allowHostFiles: Bool) throws {
        let victim = Self.temporaryPath("victim")
        let marker = Self.temporaryPath("marker")
        try Data("keep".utf8).write(to: URL(fileURLWithPath: victim))
        defer { try? FileManager.default.removeItem(atPath: victim) }
        let command = "touch \(marker)"
        let script = Script(
            [Call(operation: 0x12, parameter: Self.blocks), Call(operation: 0x0E, parameter: Self.blocks + 16)],
            data: [
                (Self.blocks, Self.words([Self.strings, UInt32(command.utf8.count)])), (Self.strings, Array(command.utf8) + [0]),
                (Self.blocks + 16, Self.words([Self.strings + 0x100, UInt32(victim.utf8.count)])),
                (Self.strings + 0x100, Array(victim.utf8) + [0]),
            ],
            options: .init(allowHostFiles: allowHostFiles))
        #expect(script.next() == Self.failed)
        #expect(script.next() == Self.failed)
        #expect(!FileManager.default.fileExists(atPath: marker), "no host command ran")
        #expect(FileManager.default.fileExists(atPath: victim), "no host file was removed")
    }

    @Test("an unknown operation returns -1", arguments: [UInt8(0x50), 0x17, 0xFF])
    func unknownOperationFails(operation: UInt8) {
        let script = Script([Call(operation: operation, parameter: Self.blocks)])
        #expect(script.next() == Self.failed)
    }
}
