import CortexM
import MemoryBus
import Testing

@testable import Boards

/// Structural rules every preset must keep. Figures themselves are pinned in
/// `BoardFigureTests` against docs/boards.md.
@Suite("Board catalog structure")
struct BoardCatalogTests {
    static let keys = [
        "nano33", "nano33iot", "pico", "microbit-v1", "microbit-v2", "sparkfun-edge",
        "nucleo-l4r5zi", "nucleo-f411re", "disco-f407", "nucleo-f072rb", "nucleo-l476rg", "nucleo-g0b1re",
        "mps2-an386",
    ]

    /// Presets without power figures: an FPGA prototype has no silicon datasheet
    /// current, so, as on the generic boards, no energy is estimated (docs/boards.md).
    static let keysWithoutPowerFigures: Set<String> = ["mps2-an386"]

    @Test func theCatalogListsTheThirteenBoardsInOrder() {
        #expect(BoardCatalog.all.map(\.key) == Self.keys)
    }

    @Test(arguments: keys)
    func everyKeyResolvesToItsBoard(key: String) throws {
        #expect(try BoardCatalog.board(key: key).key == key)
    }

    @Test func unknownBoardIsRejectedWithItsNameAndTheKnownKeys() {
        #expect(throws: BoardError.self) { try BoardCatalog.board(key: "foo") }
        do {
            _ = try BoardCatalog.board(key: "foo")
        } catch {
            guard case .unknownBoard(let key, let known) = error else { return }
            #expect(key == "foo")
            #expect(Array(known.prefix(Self.keys.count)) == Self.keys)
            #expect(known.suffix(3) == ["generic-m0", "generic-m0plus", "generic-m4"])
            #expect(
                error.description
                    == "unknown board 'foo'; known boards: " + (Self.keys + ["generic-m0", "generic-m0plus", "generic-m4"])
                    .joined(separator: ", "))
        }
    }

    @Test(arguments: BoardCatalog.all)
    func regionsDoNotOverlap(board: Board) {
        let sorted = board.regions.sorted { $0.baseAddress < $1.baseAddress }
        for (lower, upper) in zip(sorted, sorted.dropFirst()) {
            #expect(
                UInt64(lower.baseAddress) + UInt64(lower.byteCount) <= UInt64(upper.baseAddress),
                "\(board.key): \(lower.name) overlaps \(upper.name)")
        }
    }

    @Test(arguments: BoardCatalog.all)
    func regionsAreNonEmptyAndInsideFourGiB(board: Board) {
        for region in board.regions {
            #expect(region.byteCount > 0)
            #expect(UInt64(region.baseAddress) + UInt64(region.byteCount) <= 1 << 32)
        }
    }

    @Test(arguments: BoardCatalog.all + CoreKind.allCases.map(BoardCatalog.generic(core:)))
    func bootAddressLiesInAnExecutableRegion(board: Board) throws {
        let region = try #require(board.region(containing: board.bootAddress), "\(board.key)")
        #expect(region.isExecutable)
        // The vector table needs at least the initial SP and the reset vector.
        #expect(region.contains(address: board.bootAddress, length: 8))
    }

    @Test(arguments: BoardCatalog.all)
    func everyBoardHasOneFlashAndAnSRAMRegion(board: Board) {
        let flash = board.regions.filter { $0.kind == .flash }
        #expect(flash.count == 1 && flash.first?.name == "FLASH")
        #expect(board.region(named: "SRAM")?.kind == .ram)
        #expect(board.regions.filter { $0.kind == .ram }.allSatisfy { $0.waitStates == 0 })
    }

    @Test(arguments: BoardCatalog.all)
    func coreFeaturesMatchTheArchitecture(board: Board) {
        switch board.core {
        case .m0, .m0plus:
            #expect(board.priorityBits == 2, "ARMv6-M implements 2 priority bits (DDI 0419 B3.4)")
            #expect(!board.hasFPU)
            #expect(board.externalInterruptCount <= 32)
            #expect([1, 32].contains(board.multiplierCycles))
        case .m4:
            #expect((3...8).contains(board.priorityBits))
            #expect(board.multiplierCycles == 1)
            #expect(board.externalInterruptCount <= 240)
        }
    }

    @Test(arguments: BoardCatalog.all)
    func presetsHaveSourcesAndPowerFigures(board: Board) {
        #expect(!board.isGeneric)
        #expect(!board.sources.isEmpty && !board.notes.isEmpty)
        #expect(!board.power.source.isEmpty)
        if Self.keysWithoutPowerFigures.contains(board.key) {
            #expect(!board.power.isKnown, "\(board.key): documented as having no power figures")
            #expect(board.power.supplyVolts == 0 && board.power.runCurrentMilliamps == 0 && board.power.sleepCurrentMicroamps == 0)
            #expect(board.power.source.hasPrefix("none: "))
            #expect(board.notes.contains("no power figures"))
        } else {
            #expect(board.power.isKnown)
            #expect(board.power.sleepCurrentMicroamps > 0)
            #expect((1.7...3.6).contains(board.power.supplyVolts))
        }
    }

    @Test func keysAreUnique() {
        #expect(Set(BoardCatalog.all.map(\.key)).count == BoardCatalog.all.count)
    }
}

@Suite("Generic boards")
struct GenericBoardTests {
    @Test(arguments: [
        (CoreKind.m0, "generic-m0", 2, 32), (.m0plus, "generic-m0plus", 2, 32), (.m4, "generic-m4", 3, 64),
    ])
    func genericBoardsAreIdealMemoryAtOneHundredMegahertz(
        core: CoreKind, key: String, priorityBits: Int, interrupts: Int
    ) throws {
        let board = BoardCatalog.generic(core: core)
        #expect(board.key == key && board.core == core && board.isGeneric)
        #expect(board.clockHz == 100_000_000)
        #expect(board.multiplierCycles == 1)
        #expect(board.priorityBits == priorityBits)
        #expect(board.externalInterruptCount == interrupts)
        #expect(
            board.regions == [
                MemoryRegionSpec(name: "FLASH", baseAddress: 0, byteCount: 1 << 20, kind: .flash, waitStates: 0),
                MemoryRegionSpec(name: "SRAM", baseAddress: 0x2000_0000, byteCount: 256 << 10, kind: .ram, waitStates: 0),
            ])
        #expect(board.bootAddress == 0)
        #expect(board.notes.contains("ideal memory (TRM conditions)"))
        #expect(!board.power.isKnown)
        #expect(try BoardCatalog.board(key: key) == board)
    }
}
