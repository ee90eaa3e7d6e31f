import ArgumentParser
import Boards
import MemoryBus

/// `armsim boards`: the board presets as a table.
struct BoardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boards",
        abstract: "List the boards armsim can simulate.",
        discussion: "Sources for every figure are in docs/boards.md."
    )

    func run() {
        print(BoardsCommand.table())
    }

    /// The table: key, MCU, core, MHz, flash, RAM, flash wait states.
    static func table() -> String {
        let header = ["key", "MCU", "core", "MHz", "flash", "RAM", "flash WS"]
        var rows = [header]
        for board in BoardCatalog.all + [BoardCatalog.generic(core: .m0), BoardCatalog.generic(core: .m0plus), BoardCatalog.generic(core: .m4)] {
            let flash = board.regions.filter { $0.kind == .flash }.reduce(0) { $0 + UInt64($1.byteCount) }
            let ram = board.regions.filter { $0.kind == .ram }.reduce(0) { $0 + UInt64($1.byteCount) }
            rows.append([
                board.key, board.mcu, board.core.displayName + (board.hasFPU ? "F" : ""),
                megahertz(board.clockHz), kibibytes(flash), kibibytes(ram), String(board.flashWaitStates),
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    private static func megahertz(_ hz: UInt64) -> String {
        hz % 1_000_000 == 0 ? String(hz / 1_000_000) : String(Double(hz) / 1e6)
    }

    private static func kibibytes(_ bytes: UInt64) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
    }
}
