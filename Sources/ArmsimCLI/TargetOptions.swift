import ArgumentParser
import Boards
import CortexM

/// Where the firmware runs: a board preset, or a generic core with ideal memory.
struct TargetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Board to simulate (see `armsim boards`).", valueName: "key"))
    var board: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Run on a generic core with ideal memory instead of a board: flash 1 MiB at 0x0, SRAM 256 KiB at 0x20000000, zero wait states, 100 MHz.",
            valueName: "m0|m0plus|m4"))
    var core: CoreKind?

    func validate() throws {
        if board != nil && core != nil { throw ValidationError("give either --board or --core, not both") }
        if board == nil && core == nil { throw ValidationError("missing --board KEY (or --core m0|m0plus|m4); `armsim boards` lists the boards") }
    }

    /// The chosen board.
    func resolve() throws(BoardError) -> Board {
        if let core { return BoardCatalog.generic(core: core) }
        return try BoardCatalog.board(key: board ?? "")
    }
}

extension CoreKind: ExpressibleByArgument {}
