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

            Examples:
              armsim run hello.elf --board microbit-v1 --json report.json
              armsim run kws.elf --board nano33 --profile --flamegraph kws.folded --trace kws.json
              armsim run kws.elf --board nano33 --measure-function kws_invoke --duty 1/s --battery 220@3.0
            """
    )

    @Argument(help: ArgumentHelp("The firmware ELF (32-bit Arm executable).", valueName: "file"))
    var file: String

    @OptionGroup var target: TargetOptions

    @Option(name: .long, help: ArgumentHelp("Stop after this many cycles (exit status 124).", valueName: "n"))
    var maxCycles: UInt64 = RunOptions.defaultMaxCycles

    @Option(name: .long, help: ArgumentHelp("Stop after this many seconds of host time (exit status 124).", valueName: "seconds"))
    var timeout: Double?

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

    @Option(name: .long, help: ArgumentHelp("List the N largest symbols in the memory report (and the N hottest functions with --profile).", valueName: "n"))
    var top: Int = 10

    @Flag(name: .long, help: "Profile functions: inclusive/exclusive cycles and calls per function through the ELF symbols (docs/profiling.md).")
    var profile = false

    @Option(name: .long, help: ArgumentHelp("Treat each call of this function as one inference (latency statistics; implies --profile).", valueName: "symbol"))
    var measureFunction: String?

    @Option(name: .long, help: ArgumentHelp("Write collapsed stacks (flamegraph.pl, speedscope) to this file (implies --profile).", valueName: "out"))
    var flamegraph: String?

    @Option(name: .long, help: ArgumentHelp("Write a Chrome/Perfetto JSON trace of function calls and markers to this file (implies --profile; at most 100,000 calls).", valueName: "out"))
    var trace: String?

    @Option(name: .long, help: ArgumentHelp("Write the report as Markdown to this file.", valueName: "out"))
    var markdown: String?

    @Option(name: .long, help: ArgumentHelp("Inference rate for the battery estimate: 1/s, 10/min, 2/h.", valueName: "rate"))
    var duty: String?

    @Option(name: .long, help: ArgumentHelp("Battery capacity in mAh, optionally @ volts (e.g. 220@3.0); default 1000 mAh at the board supply.", valueName: "mah[@v]"))
    var battery: String?

    @Flag(name: .long, help: "Run even when the ELF's build attributes (.ARM.attributes) or float ABI need more than the board's core; the firmware then faults where it meets such an instruction.")
    var ignoreBuildAttributes = false

    func validate() throws {
        if json == "-" { throw ValidationError("--json needs a file name: stdout carries only the firmware's output") }
        if maxCycles == 0 { throw ValidationError("--max-cycles must be at least 1") }
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        if skip < 0 { throw ValidationError("--skip must not be negative") }
        if top < 0 { throw ValidationError("--top must not be negative") }
        for (name, value) in [("--flamegraph", flamegraph), ("--trace", trace), ("--markdown", markdown)] where value == "-" {
            throw ValidationError("\(name) needs a file name: stdout carries only the firmware's output")
        }
        if let duty, BatteryLife.parseRate(duty) == nil { throw ValidationError("--duty must look like 1/s, 10/min or 2/h, not '\(duty)'") }
        if let battery, BatteryLife.parseBattery(battery) == nil { throw ValidationError("--battery must look like 220 or 220@3.0, not '\(battery)'") }
        if battery != nil && duty == nil { throw ValidationError("--battery needs --duty RATE") }
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
        options.timeoutSeconds = timeout
        options.profilesFunctions = profile || flamegraph != nil
        options.measuredFunction = measureFunction
        options.recordsTrace = trace != nil
        options.checksCoreRequirement = !ignoreBuildAttributes
        options.dutyRatePerSecond = duty.flatMap(BatteryLife.parseRate)
        if let parsed = battery.flatMap(BatteryLife.parseBattery) {
            options.batteryMilliampHours = parsed.milliampHours
            options.batteryVolts = parsed.volts
        }
        let session: Session
        do {
            session = try Session(
                image: image, board: board, options: options, standardOutput: Terminal.standardOutput,
                standardError: Terminal.standardError, standardInput: Terminal.readInput)
        } catch {
            throw Terminal.fail(error.description, status: ExitStatus.inputRejected)
        }
        let progress = Terminal.Progress(core: session.core, clockHz: board.clockHz)
        let result = session.run()
        progress.finish()
        if !quiet { Terminal.error(TextReport.render(result, style: Terminal.style(for: 2))) }
        var outputs: [(String, () -> String)] = []
        if let json { outputs.append((json, { JSONReport.render(result, version: ArmsimCommand.version) })) }
        if let markdown { outputs.append((markdown, { MarkdownReport.render(result) })) }
        if let flamegraph, let profile = result.functions { outputs.append((flamegraph, { FoldedStacks.render(profile) })) }
        if let trace { outputs.append((trace, { TraceReport.render(result) })) }
        for (path, render) in outputs {
            do {
                try render().write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw Terminal.fail("cannot write \(path): \(error.localizedDescription)", status: ExitStatus.noInput)
            }
        }
        let status = ExitStatus.forStop(result.stopReason)
        if status != 0 { throw ExitCode(status) }
    }
}
