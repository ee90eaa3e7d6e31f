import Boards
import ELFLoader
import MemoryBus

/// What an image needs of the board's flash and SRAM, from its section headers: the
/// static half of "does my model fit this board?".
///
/// Flash holds every allocated section with file contents whose load address (LMA) is
/// in a flash region: vector table, `.text`, `.rodata`, and the `.data` load image.
/// SRAM holds every allocated section whose run address (VMA) is in a RAM region:
/// `.data`, `.bss`, and heap or stack sections the linker script reserves.
public struct MemoryBudget: Sendable, Equatable {
    /// One section's share of a memory.
    public struct SectionUsage: Sendable, Equatable {
        public var name: String
        public var byteCount: UInt64
    }

    /// One symbol and its size, for the "largest symbols" table.
    public struct SymbolUsage: Sendable, Equatable {
        public var name: String
        public var byteCount: UInt64
        /// `flash` or `ram`.
        public var memory: String
    }

    public var flashSections: [SectionUsage]
    public var ramSections: [SectionUsage]
    /// Writable sections (`.data`, `.bss`, …) whose run-time address lies in none of the
    /// board's RAM regions, nor in its flash: the image is linked for another memory map.
    /// (Linker scripts put `.init_array`, `.fini_array` and `.preinit_array`, writable
    /// by their ELF flags and never written, in flash; that is not a foreign map.)
    public var ramSectionsOutsideRAM: [String]
    public var flashBytes: UInt64
    public var ramBytes: UInt64
    /// Capacities of the board's flash and RAM regions (all regions of each kind summed).
    public var flashCapacity: UInt64
    public var ramCapacity: UInt64
    /// The largest objects and functions, largest first.
    public var largestSymbols: [SymbolUsage]

    /// The budget of `image` on `board`, with the `topSymbolCount` largest symbols.
    public init(image: FirmwareImage, board: Board, topSymbolCount: Int = 10) {
        let flashRegions = board.regions.filter { $0.kind != .ram }
        let ramRegions = board.regions.filter { $0.kind == .ram }
        func isIn(_ regions: [MemoryRegionSpec], _ address: UInt32, _ byteCount: UInt32) -> Bool {
            regions.contains { $0.contains(address: address, length: max(byteCount, 1)) }
        }
        var flash: [SectionUsage] = []
        var ram: [SectionUsage] = []
        var outside: [String] = []
        for section in image.sections where section.isAllocated && section.byteCount > 0 {
            if section.isWritable && !section.isExecutable && !isIn(ramRegions, section.address, section.byteCount)
                && !isIn(flashRegions, section.address, section.byteCount)
            {
                outside.append(section.name)
            }
            if section.occupiesFile && isIn(flashRegions, section.loadAddress, section.byteCount) {
                flash.append(SectionUsage(name: section.name, byteCount: UInt64(section.byteCount)))
            }
            if isIn(ramRegions, section.address, section.byteCount) {
                ram.append(SectionUsage(name: section.name, byteCount: UInt64(section.byteCount)))
            }
        }
        flashSections = flash
        ramSections = ram
        ramSectionsOutsideRAM = outside
        flashBytes = flash.reduce(0) { $0 + $1.byteCount }
        ramBytes = ram.reduce(0) { $0 + $1.byteCount }
        flashCapacity = flashRegions.filter { $0.kind == .flash }.reduce(0) { $0 + UInt64($1.byteCount) }
        ramCapacity = ramRegions.reduce(0) { $0 + UInt64($1.byteCount) }
        largestSymbols = image.symbols.all
            .filter { ($0.kind == .object || $0.kind == .function) && $0.byteCount > 0 }
            .sorted { ($0.byteCount, $1.name) > ($1.byteCount, $0.name) }
            .prefix(topSymbolCount)
            .map { symbol in
                SymbolUsage(
                    name: symbol.name, byteCount: UInt64(symbol.byteCount),
                    memory: isIn(ramRegions, symbol.address, symbol.byteCount) ? "ram" : "flash")
            }
    }
}
