import Boards
import CortexM
import ELFLoader
import Foundation
import MemoryBus
import Testing
@testable import Profiler

/// Runs `image` on `board`, collecting stdout.
private func run(_ image: FirmwareImage, on board: Board, options: RunOptions = .init()) throws -> (RunResult, String) {
    final class Sink: @unchecked Sendable { var bytes: [UInt8] = [] }
    let sink = Sink()
    let session = try Session(
        image: image, board: board, options: options, standardOutput: { sink.bytes += $0 }, standardError: { _ in })
    let result = session.run()
    return (result, String(decoding: sink.bytes, as: UTF8.self))
}

@Suite("Session")
struct SessionTests {
    @Test("hello.elf runs on microbit-v1 from its vector table and prints the reference text")
    func helloRunsOnItsBoard() throws {
        let image = try loadFirmware(board: "microbit-v1", program: "hello")
        let (result, output) = try run(image, on: try BoardCatalog.board(key: "microbit-v1"))
        #expect(result.stopReason == .exited(status: 0))
        #expect(result.resetSource == .vectorTable(address: 0))
        #expect(output.hasPrefix("hello from armsim firmware\n"))
        #expect(output.hasSuffix("bye\n"))
    }

    @Test("an image whose segment lies outside the board's memory is rejected, naming segment, range and regions")
    func segmentOutsideMemoryIsRejected() throws {
        let image = try loadFirmware(board: "microbit-v1", program: "hello")
        let board = try BoardCatalog.board(key: "nucleo-g0b1re")
        do {
            _ = try Session(image: image, board: board, standardOutput: { _ in }, standardError: { _ in })
            Issue.record("the microbit-v1 image (flash at 0) was accepted on nucleo-g0b1re (flash at 0x08000000)")
        } catch {
            guard case .segmentOutsideMemory(_, let segment, let start, _, let boardKey, let regions) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(segment == ".isr_vector .text .rodata")
            #expect(start == 0)
            #expect(boardKey == "nucleo-g0b1re")
            #expect(regions == board.regions)
            let message = error.description
            #expect(message.contains(".isr_vector .text .rodata"))
            #expect(message.contains("at 0x00000000-0x00002C03"))
            #expect(message.contains("lies outside nucleo-g0b1re memory"))
            #expect(message.contains("FLASH 0x08000000-0x0807FFFF"))
            #expect(message.contains("SRAM 0x20000000-0x20023FFF"))
            #expect(!message.contains("\n"))
        }
    }


    /// Code at 0x100 with no vector table at 0: `MOVS r0, #0x18; LDR r1, [pc, #4];
    /// BKPT #0xAB; NOP; .word 0x20026` — SYS_EXIT ApplicationExit (checked with arm-none-eabi-objdump).
    static func imageWithoutVectorTable(entry: UInt32) -> FirmwareImage {
        let halfwords: [UInt16] = [0x2018, 0x4901, 0xBEAB, 0xBF00, 0x0026, 0x0002]
        let bytes = halfwords.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let segment = LoadSegment(
            index: 0, physicalAddress: 0x100, virtualAddress: 0x100, fileBytes: bytes, memoryByteCount: UInt32(bytes.count),
            isExecutable: true, isWritable: false, name: ".text")
        return FirmwareImage(
            path: "no-vectors.elf", entryAddress: entry, machineFlags: 0, segments: [segment], sections: [],
            symbols: SymbolTable(symbols: []))
    }

    @Test("an image with no vector table at the boot address starts at its ELF entry point, SP at the top of RAM")
    func missingVectorTableFallsBackToEntryPoint() throws {
        let board = BoardCatalog.generic(core: .m0)
        let session = try Session(
            image: Self.imageWithoutVectorTable(entry: 0x101), board: board, standardOutput: { _ in }, standardError: { _ in })
        #expect(session.resetSource == .entryPoint(0x101))
        let ram = try #require(board.regions.first { $0.kind == .ram })
        #expect(session.core.register(13) == ram.baseAddress + ram.byteCount)
        let result = session.run()
        #expect(result.stopReason == .exited(status: 0))
        #expect(result.instructions == 3)
    }

    @Test("an entry point without the Thumb bit and no vector table is rejected")
    func entryPointWithoutThumbBitIsRejected() {
        #expect(throws: ProfilerError.entryNotThumb(file: "no-vectors.elf", entry: 0x100)) {
            _ = try Session(
                image: Self.imageWithoutVectorTable(entry: 0x100), board: BoardCatalog.generic(core: .m0),
                standardOutput: { _ in }, standardError: { _ in })
        }
    }
}
