import CortexM
import MemoryBus
import Testing

@testable import Boards

/// Each preset's figures, pinned as docs/boards.md states them (with the datasheet
/// section there). A change here must change that table too, with its source.
@Suite("Board figures match docs/boards.md")
struct BoardFigureTests {
    struct Row: Sendable, CustomStringConvertible {
        var key: String
        var mcu: String
        var core: CoreKind
        var clockMHz: UInt64
        var flashBase: UInt32
        var flashKiB: UInt32
        var flashWaitStates: Int
        var sram: [String: (base: UInt32, kiB: UInt32)]
        var bootAddress: UInt32
        var description: String { key }
    }

    static let rows: [Row] = [
        Row(key: "nano33", mcu: "nRF52840", core: .m4, clockMHz: 64, flashBase: 0, flashKiB: 1024, flashWaitStates: 0,
            sram: ["SRAM": (0x2000_0000, 256)], bootAddress: 0),
        Row(key: "nano33iot", mcu: "ATSAMD21G18A", core: .m0plus, clockMHz: 48, flashBase: 0, flashKiB: 256,
            flashWaitStates: 1, sram: ["SRAM": (0x2000_0000, 32)], bootAddress: 0),
        Row(key: "pico", mcu: "RP2040", core: .m0plus, clockMHz: 125, flashBase: 0x1000_0000, flashKiB: 2048,
            flashWaitStates: 0, sram: ["SRAM": (0x2000_0000, 264)], bootAddress: 0x1000_0000),
        Row(key: "microbit-v1", mcu: "nRF51822-QFAA", core: .m0, clockMHz: 16, flashBase: 0, flashKiB: 256,
            flashWaitStates: 0, sram: ["SRAM": (0x2000_0000, 16)], bootAddress: 0),
        Row(key: "microbit-v2", mcu: "nRF52833", core: .m4, clockMHz: 64, flashBase: 0, flashKiB: 512,
            flashWaitStates: 0, sram: ["SRAM": (0x2000_0000, 128)], bootAddress: 0),
        Row(key: "sparkfun-edge", mcu: "Apollo3 Blue", core: .m4, clockMHz: 48, flashBase: 0, flashKiB: 1024,
            flashWaitStates: 0, sram: ["SRAM": (0x1000_0000, 384)], bootAddress: 0),
        Row(key: "nucleo-l4r5zi", mcu: "STM32L4R5ZI", core: .m4, clockMHz: 120, flashBase: 0x0800_0000,
            flashKiB: 2048, flashWaitStates: 5, sram: ["SRAM": (0x2000_0000, 640), "SRAM2": (0x1000_0000, 64)],
            bootAddress: 0x0800_0000),
        Row(key: "nucleo-f411re", mcu: "STM32F411RE", core: .m4, clockMHz: 100, flashBase: 0x0800_0000,
            flashKiB: 512, flashWaitStates: 3, sram: ["SRAM": (0x2000_0000, 128)], bootAddress: 0x0800_0000),
        Row(key: "disco-f407", mcu: "STM32F407VG", core: .m4, clockMHz: 168, flashBase: 0x0800_0000,
            flashKiB: 1024, flashWaitStates: 5, sram: ["SRAM": (0x2000_0000, 128), "CCM": (0x1000_0000, 64)],
            bootAddress: 0x0800_0000),
        Row(key: "nucleo-f072rb", mcu: "STM32F072RB", core: .m0, clockMHz: 48, flashBase: 0x0800_0000,
            flashKiB: 128, flashWaitStates: 1, sram: ["SRAM": (0x2000_0000, 16)], bootAddress: 0x0800_0000),
        Row(key: "nucleo-l476rg", mcu: "STM32L476RG", core: .m4, clockMHz: 80, flashBase: 0x0800_0000,
            flashKiB: 1024, flashWaitStates: 4, sram: ["SRAM": (0x2000_0000, 128), "SRAM2": (0x1000_0000, 32)],
            bootAddress: 0x0800_0000),
        Row(key: "nucleo-g0b1re", mcu: "STM32G0B1RE", core: .m0plus, clockMHz: 64, flashBase: 0x0800_0000,
            flashKiB: 512, flashWaitStates: 2, sram: ["SRAM": (0x2000_0000, 144)], bootAddress: 0x0800_0000),
        Row(key: "mps2-an386", mcu: "AN386 FPGA image", core: .m4, clockMHz: 25, flashBase: 0, flashKiB: 4096,
            flashWaitStates: 0, sram: ["SRAM": (0x2000_0000, 4096)], bootAddress: 0),
    ]

    @Test(arguments: rows)
    func presetFiguresMatchTheDocumentedTable(row: Row) throws {
        let board = try BoardCatalog.board(key: row.key)
        #expect(board.mcu == row.mcu)
        #expect(board.core == row.core)
        #expect(board.hasFPU == (row.core == .m4))
        #expect(board.clockHz == row.clockMHz * 1_000_000)
        let flash = try #require(board.region(named: "FLASH"))
        #expect(flash.baseAddress == row.flashBase && flash.byteCount == row.flashKiB * 1024)
        #expect(board.flashWaitStates == row.flashWaitStates)
        #expect(board.bootAddress == row.bootAddress)
        let ram = board.regions.filter { $0.kind == .ram }
        #expect(ram.count == row.sram.count)
        for (name, expected) in row.sram {
            let region = try #require(board.region(named: name), "\(row.key) has no \(name)")
            #expect(region.baseAddress == expected.base && region.byteCount == expected.kiB * 1024)
        }
    }

    @Test func ccmOnTheF407IsNotExecutable() throws {
        #expect(try BoardCatalog.board(key: "disco-f407").region(named: "CCM")?.isExecutable == false)
    }

    @Test func stm32CortexM4PartsImplementFourPriorityBitsAndNordicAndAmbiqThree() throws {
        for key in ["nucleo-l4r5zi", "nucleo-f411re", "disco-f407", "nucleo-l476rg"] {
            #expect(try BoardCatalog.board(key: key).priorityBits == 4)
        }
        for key in ["nano33", "microbit-v2", "sparkfun-edge"] {
            #expect(try BoardCatalog.board(key: key).priorityBits == 3)
        }
    }

    /// AN386: Arm's CMSIS header for the image (CMSDK_CM4.h) gives 3 priority bits and
    /// IRQ 0–31; QEMU 7.2 implements 8 bits, which the firmware's QEMU build assumes.
    @Test func mps2AN386MatchesArmsCMSISHeaderAndQEMUsMemoryMap() throws {
        let board = try BoardCatalog.board(key: "mps2-an386")
        #expect(board.priorityBits == 3)
        #expect(board.externalInterruptCount == 32)
        #expect(board.hasFPU && board.multiplierCycles == 1)
        #expect(board.sources.contains { $0.contains("__NVIC_PRIO_BITS 3") && $0.contains("QEMU 7.2 implements all 8 bits") })
        // The firmware's QEMU link map (firmware/ld/memory-mps2-an386.ld): FLASH 4096K at 0, RAM 4096K
        // at 0x20000000, so an image's initial SP (the top of RAM, 0x20400000) is a valid stack top here.
        let ram = try #require(board.region(named: "SRAM"))
        #expect(ram.baseAddress + ram.byteCount == 0x2040_0000)
        #expect(board.regions.allSatisfy { $0.waitStates == 0 && $0.accelerator == nil })
    }

    @Test func assumedMultipliersSayTheyAreAssumed() throws {
        for key in ["microbit-v1", "nucleo-f072rb", "nucleo-g0b1re"] {
            let board = try BoardCatalog.board(key: key)
            #expect(board.multiplierCycles == 1)
            #expect(board.sources.contains { $0.contains("multiplier") && $0.contains("assumed") })
        }
    }
}
