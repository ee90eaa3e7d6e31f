import ArgumentParser

/// The root command: `armsim <subcommand>`.
public struct ArmsimCommand: ParsableCommand {
    /// The version printed by `--version` and written into JSON reports.
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "armsim",
        abstract: "Cortex-M instruction-set simulator and profiler for TinyML firmware.",
        discussion: """
            Runs an ELF built with arm-none-eabi-gcc on a board's core, memory map and clock, \
            streams what the firmware prints (semihosting) and reports cycles and time.

            Example:
              armsim run firmware.elf --board microbit-v1

            Exit status: the firmware's own status (0-255) when it exits through semihosting; \
            64 usage error, 65 input rejected, 66 file missing or unreadable, \
            69 does not fit (armsim fit), 70 firmware failed (fault, lockup, endless loop), 124 cycle limit reached. See docs/exit-codes.md.
            """,
        version: version,
        subcommands: [RunCommand.self, FitCommand.self, CompareCommand.self, BoardsCommand.self, DisassembleCommand.self, DifftestExecCommand.self, CheckCommand.self]
    )

    public init() {}
}
