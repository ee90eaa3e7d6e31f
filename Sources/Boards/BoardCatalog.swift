import CortexM
import MemoryBus

/// The board presets armsim knows, and idealised generic boards.
///
/// Figures follow /work/shared/reference/boards.md and are tabulated with their
/// sources in docs/boards.md. Where a source string says "unverified", the number
/// is the datasheet value as recalled, not re-read from the document.
public enum BoardCatalog {
    /// Every preset, in the order `armsim boards` lists them.
    public static let all: [Board] = [
        nano33, nano33iot, pico, microbitV1, microbitV2, sparkfunEdge,
        nucleoL4R5ZI, nucleoF411RE, discoF407, nucleoF072RB, nucleoL476RG, nucleoG0B1RE, mps2AN386,
    ]

    /// The keys of the generic boards, accepted by ``board(key:)`` as well.
    static let genericKeys: [String] = CoreKind.allCases.map { generic(core: $0).key }

    /// The preset or generic board called `key`.
    /// - Parameter key: a board key such as `nano33` or `generic-m0plus`.
    /// - Returns: the board.
    /// - Throws: ``BoardError/unknownBoard(_:known:)`` listing every valid key.
    public static func board(key: String) throws(BoardError) -> Board {
        if let board = all.first(where: { $0.key == key }) { return board }
        if let core = CoreKind.allCases.first(where: { generic(core: $0).key == key }) {
            return generic(core: core)
        }
        throw .unknownBoard(key, known: all.map(\.key) + genericKeys)
    }

    /// An idealised board for `core`: 1 MiB flash at 0, 256 KiB SRAM at 0x20000000,
    /// zero wait states everywhere, 100 MHz, fast multiplier.
    ///
    /// Zero wait states reproduce the conditions of the Cortex-M TRM timing tables,
    /// so cycle counts on a generic board are the TRM numbers and nothing else.
    /// - Parameter core: the core to model.
    /// - Returns: the board, keyed `generic-m0`, `generic-m0plus` or `generic-m4`.
    public static func generic(core: CoreKind) -> Board {
        let isM4 = core == .m4
        return Board(
            key: "generic-\(core.rawValue)", name: "Generic \(core.displayName)", mcu: "none (ideal)", core: core,
            hasFPU: isM4, clockHz: 100_000_000,
            regions: [flash(0x0000_0000, 1024 * kiB, waitStates: 0), sram("SRAM", 0x2000_0000, 256 * kiB)],
            bootAddress: 0x0000_0000, multiplierCycles: 1, priorityBits: isM4 ? 3 : 2,
            externalInterruptCount: isM4 ? 64 : 32,
            power: PowerFigures(
                supplyVolts: 0, runCurrentMilliamps: 0, sleepCurrentMicroamps: 0,
                source: "none: a generic board has no datasheet, so no energy is estimated"),
            sources: [
                "ideal memory (TRM conditions): Cortex-M0 TRM DDI 0432C §3.3, Cortex-M0+ TRM DDI 0484C §3.3, Cortex-M4 TRM DDI 0439 §3.3 assume zero-wait-state memory"
            ],
            isGeneric: true,
            notes: "ideal memory (TRM conditions): zero wait states, fast multiplier, 100 MHz; the M4 variant has the FPU")
    }

    /// 1024 bytes.
    static let kiB: UInt32 = 1024

    /// The `FLASH` region: executable, read-only to the core.
    static func flash(_ base: UInt32, _ byteCount: UInt32, waitStates: Int, accelerator: FlashAccelerator? = nil) -> MemoryRegionSpec {
        MemoryRegionSpec(
            name: "FLASH", baseAddress: base, byteCount: byteCount, kind: .flash, waitStates: waitStates,
            accelerator: accelerator)
    }

    /// STM32F4 ART accelerator: 128-bit flash reads, 64 instruction-cache lines and 8
    /// data-cache lines of 128 bits, prefetch (RM0090 §3.5.2, RM0383 §3.4).
    static let stm32F4ART = FlashAccelerator(lineBytes: 16, instructionCacheLines: 64, dataCacheLines: 8)
    /// STM32L4 ART accelerator: 64-bit flash reads, 1 KiB instruction cache and 256 B data
    /// cache (RM0351 §3.3.4 "32 lines of 4 × 64 bits" and "8 lines of 4 × 64 bits"), counted
    /// here in 64-bit lines; prefetch.
    static let stm32L4ART = FlashAccelerator(lineBytes: 8, instructionCacheLines: 128, dataCacheLines: 32)
    /// STM32G0 prefetch and instruction cache (RM0444 §3.3.4): 64-bit reads; the cache size
    /// is taken as two 64-bit lines (unverified), no data cache.
    static let stm32G0Prefetch = FlashAccelerator(lineBytes: 8, instructionCacheLines: 2, dataCacheLines: 0)
    /// STM32F0 prefetch buffer only (RM0091 §3.2.1, FLASH_ACR.PRFTBE): sequential fetches
    /// are hidden; every taken branch and data read pays the wait state.
    static let stm32F0Prefetch = FlashAccelerator(lineBytes: 8, instructionCacheLines: 0, dataCacheLines: 0)

    /// An SRAM region with zero wait states (on-chip SRAM runs at core speed on every part here).
    static func sram(_ name: String, _ base: UInt32, _ byteCount: UInt32, isExecutable: Bool = true) -> MemoryRegionSpec {
        MemoryRegionSpec(
            name: name, baseAddress: base, byteCount: byteCount, kind: .ram, waitStates: 0, isExecutable: isExecutable)
    }
}
