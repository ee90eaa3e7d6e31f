import ArgumentParser
import Boards
import CortexM
import ELFLoader
import Foundation
import Profiler

/// `armsim run FILE --board KEY`: simulate a firmware image and report.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a firmware ELF on a board and report cycles and time.",
        discussion: """
            stdout carries only what the firmware writes (semihosting), byte for byte; \
            the report goes to stderr.

            Example:
              armsim run hello.elf --board microbit-v1 --json report.json
            """
    )

    @Argument(help: ArgumentHelp("The firmware ELF (32-bit Arm executable).", valueName: "file"))
    var file: String

    @OptionGroup var target: TargetOptions

    @Option(name: .long, help: ArgumentHelp("Stop after this many cycles (exit status 124).", valueName: "n"))
    var maxCycles: UInt64 = RunOptions.defaultMaxCycles

    @Option(name: .long, help: ArgumentHelp("Write the report as JSON to this file ('-' for stdout is not allowed: stdout is the firmware's).", valueName: "out"))
    var json: String?

    @Flag(name: .long, help: "Do not print the report on stderr.")
    var quiet = false

    @Flag(name: .long, help: "Let the firmware open host files through semihosting (default: only the console ':tt').")
    var allowHostFiles = false

    @Option(name: .long, help: ArgumentHelp("Command line the firmware reads with SYS_GET_CMDLINE.", valueName: "text"))
    var args: String?

    @Option(name: .long, help: ArgumentHelp("Leave the first N inferences (warm-up) out of the latency statistics.", valueName: "n"))
    var skip: Int = 0

    @Option(name: .long, help: ArgumentHelp("List the N largest symbols in the memory report.", valueName: "n"))
    var top: Int = 10

    func validate() throws {
        if json == "-" { throw ValidationError("--json needs a file name: stdout carries only the firmware's output") }
        if maxCycles == 0 { throw ValidationError("--max-cycles must be at least 1") }
        if skip < 0 { throw ValidationError("--skip must not be negative") }
        if top < 0 { throw ValidationError("--top must not be negative") }
    }

    func run() throws {
        let board: Board
        do { board = try target.resolve() } catch { throw Terminal.fail(error.description, status: ExitStatus.inputRejected) }
        let image: FirmwareImage
        do {
            image = try ELFLoader.load(path: file)
        } catch {
            switch error {
            case .fileNotFound, .unreadable: throw Terminal.fail(error.description, status: ExitStatus.noInput)
            default: throw Terminal.fail(error.description, status: ExitStatus.inputRejected)
            }
        }
        var options = RunOptions(maxCycles: maxCycles)
        options.semihosting.allowHostFiles = allowHostFiles
        options.semihosting.commandLine = args ?? (file as NSString).lastPathComponent
        options.skipInferences = skip
        options.topSymbolCount = top
        let session: Session
        do {
            session = try Session(
                image: image, board: board, options: options, standardOutput: Terminal.standardOutput,
                standardError: Terminal.standardError, standardInput: Terminal.readInput)
        } catch {
            throw Terminal.fail(error.description, status: ExitStatus.inputRejected)
        }
        let result = session.run()
        if !quiet { Terminal.error(TextReport.render(result)) }
        if let json {
            do {
                try JSONReport.render(result, version: ArmsimCommand.version).write(toFile: json, atomically: true, encoding: .utf8)
            } catch {
                throw Terminal.fail("cannot write \(json): \(error.localizedDescription)", status: ExitStatus.noInput)
            }
        }
        let status = ExitStatus.forStop(result.stopReason)
        if status != 0 { throw ExitCode(status) }
    }
}
