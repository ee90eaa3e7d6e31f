import Boards
import CortexM
import ELFLoader
import Foundation
import Testing
@testable import Profiler

/// The `mps2-an386` preset runs the ELFs that `make -C firmware check-qemu` runs under
/// `qemu-system-arm -M mps2-an386`, from their vector table as QEMU does.
@Suite("Session on mps2-an386")
struct MPS2AN386SessionTests {
    @Test("hello.elf of the QEMU build runs on mps2-an386 from its vector table at 0, SP 0x20400000")
    func helloRunsFromItsVectorTable() throws {
        let image = try loadFirmware(board: "mps2-an386", program: "hello")
        final class Sink: @unchecked Sendable { var bytes: [UInt8] = [] }
        let sink = Sink()
        let session = try Session(
            image: image, board: try BoardCatalog.board(key: "mps2-an386"), standardOutput: { sink.bytes += $0 },
            standardError: { _ in })
        #expect(session.resetSource == .vectorTable(address: 0))
        // Word 0 of the vector table: the top of SSRAM2&3 (firmware/ld/memory-mps2-an386.ld).
        #expect(session.core.register(13) == 0x2040_0000)
        let result = session.run()
        let output = String(decoding: sink.bytes, as: UTF8.self)
        #expect(result.stopReason == .exited(status: 0))
        #expect(result.resetSource == .vectorTable(address: 0))
        #expect(output.hasPrefix("hello from armsim firmware\n"))
        #expect(output.hasSuffix("bye\n"))
    }

    @Test("on the generic Cortex-M4 the same ELF falls back to its entry point: its SP is outside 256 KiB of SRAM")
    func genericM4FallsBackToTheEntryPoint() throws {
        let image = try loadFirmware(board: "mps2-an386", program: "hello")
        let session = try Session(
            image: image, board: BoardCatalog.generic(core: .m4), standardOutput: { _ in }, standardError: { _ in })
        #expect(session.resetSource == .entryPoint(image.entryAddress))
    }
}
