import ArgumentParser
import Foundation
import Profiler

/// `armsim check FILE --board KEY --baseline B.json` or `armsim check --manifest M.json`:
/// the CI gate. Runs firmware, asserts its behaviour, and compares its cycles, memory and
/// energy with committed baselines (docs/ci.md).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run firmware and fail when cycles, memory or energy regress against a baseline.",
        discussion: """
            Compares the median inference cycles, total cycles, flash, static SRAM, peak stack, \
            heap and energy of a run with a baseline file; a metric regresses when it grows by \
            more than its tolerance (default 0: armsim is deterministic). Also checks the exit \
            status (--expect-exit, default 0) and, optionally, stdout. The table goes to stdout; \
            the firmware's own output is captured and shown only when its run fails. Several \
            firmware images and boards go in a manifest and run in parallel. Format of both \
            files: docs/ci.md.

            Examples:
              armsim check app.elf --board nano33 --baseline armsim-baseline.json --tolerance cycles=2%,flash=0
              armsim check app.elf --board nano33 --baseline armsim-baseline.json --update
              armsim check --manifest ci/armsim.json --junit junit.xml --markdown summary.md

            Exit status: 0 every entry passed (improvements pass too); 1 a run failed (fault, \
            wrong exit status, different stdout, cycle limit); 2 a metric regressed; 64 usage \
            error; 65 input rejected (not an ELF, unknown board, malformed baseline or manifest); \
            66 a file is missing or unreadable (the ELF, a baseline: create it with --update). \
            The most severe outcome of all entries decides.
            """
    )

    @Argument(help: ArgumentHelp("The firmware ELF (without --manifest).", valueName: "file"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("Board to run on (see `armsim boards`).", valueName: "key"))
    var board: String?

    @Option(name: .long, help: ArgumentHelp("The baseline file to compare with (written by --update).", valueName: "file"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("Check every entry of this JSON manifest instead of one ELF.", valueName: "file"))
    var manifest: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Allowed growth per metric, e.g. cycles=2%,flash=0 (metrics: \(CheckMetric.allCases.map(\.key).joined(separator: ", ")); aliases flash, sram, stack, heap, energy, inference; all=). Overrides the baseline's and the manifest's.",
            valueName: "list"))
    var tolerance: [String] = []

    @Flag(name: .long, help: "Write the measured metrics as the new baseline (for runs that behave as expected).")
    var update = false

    @Option(name: .long, help: ArgumentHelp("Expected exit status, as `armsim run` would exit (default 0).", valueName: "n"))
    var expectExit: Int32?

    @Option(name: .long, help: ArgumentHelp("A file with the exact stdout the firmware must print.", valueName: "file"))
    var expectStdout: String?

    @Option(name: .long, help: ArgumentHelp("Stop a run after this many cycles (it then fails).", valueName: "n"))
    var maxCycles: UInt64?

    @Option(name: .long, help: ArgumentHelp("Leave the first N inferences (warm-up) out of the median.", valueName: "n"))
    var skip: Int?

    @Option(name: .long, help: ArgumentHelp("Command line the firmware reads with SYS_GET_CMDLINE.", valueName: "text"))
    var args: String?

    @Option(name: .long, help: ArgumentHelp("Name of the entry in the reports (default: the ELF's base name).", valueName: "name"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp("Write JUnit XML (one testcase per metric per entry) to this file.", valueName: "out"))
    var junit: String?

    @Option(name: .long, help: ArgumentHelp("Write a Markdown summary for a pull-request comment to this file.", valueName: "out"))
    var markdown: String?

    @Option(name: .long, help: ArgumentHelp("Write the results as JSON to this file.", valueName: "out"))
    var json: String?

    @Option(name: .long, help: ArgumentHelp("Run at most N entries at once (default: the number of cores).", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Print each firmware's captured output under its table.")
    var showOutput = false

    @Flag(name: .long, help: "Do not print the table (reports and exit status only).")
    var quiet = false

    func validate() throws {
        if let manifest {
            if file != nil { throw ValidationError("give either a firmware file or --manifest, not both") }
            let perEntry: [(String, Bool)] = [
                ("--board", board != nil), ("--baseline", baseline != nil), ("--expect-exit", expectExit != nil),
                ("--expect-stdout", expectStdout != nil), ("--max-cycles", maxCycles != nil), ("--skip", skip != nil),
                ("--args", args != nil), ("--name", name != nil),
            ]
            if let option = perEntry.first(where: \.1)?.0 {
                throw ValidationError("\(option) is set per entry in the manifest (\(manifest)), not on the command line")
            }
        } else {
            if file == nil { throw ValidationError("missing the firmware file (or --manifest FILE)") }
            if board == nil { throw ValidationError("missing --board KEY; `armsim boards` lists the boards") }
            if baseline == nil { throw ValidationError("missing --baseline FILE (create it with --update)") }
        }
        if let expectExit, !(0...255).contains(expectExit) { throw ValidationError("--expect-exit must be 0-255") }
        if maxCycles == 0 { throw ValidationError("--max-cycles must be at least 1") }
        if let skip, skip < 0 { throw ValidationError("--skip must not be negative") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        for (option, path) in [("--junit", junit), ("--markdown", markdown), ("--json", json)] where path == "-" {
            throw ValidationError("\(option) needs a file name: stdout carries the table")
        }
        _ = try toleranceOverrides()
    }

    /// `--tolerance` items, parsed; later ones win.
    func toleranceOverrides() throws -> [CheckMetric: CheckTolerance] {
        var overrides: [CheckMetric: CheckTolerance] = [:]
        for item in tolerance {
            do { overrides.merge(try CheckTolerance.parseList(item)) { $1 } } catch { throw ValidationError("--tolerance: \(error.description)") }
        }
        return overrides
    }

    /// The entries to check: the manifest's, or one from the command line.
    func entries() throws -> [CheckEntry] {
        var entries: [CheckEntry]
        if let manifest {
            do { entries = try CheckManifest.load(path: manifest).entries } catch {
                if case .fileUnreadable = error { throw Terminal.fail(error.description, status: ExitStatus.noInput) }
                throw Terminal.fail(error.description, status: ExitStatus.inputRejected)
            }
        } else {
            let file = self.file ?? ""
            var entry = CheckEntry(
                name: name ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension, file: file,
                board: board ?? "", baselinePath: baseline ?? "")
            entry.expectedExitStatus = expectExit ?? ExitStatus.success
            entry.expectedStdoutPath = expectStdout
            entry.maxCycles = maxCycles ?? RunOptions.defaultMaxCycles
            entry.skipInferences = skip ?? 0
            entry.commandLine = args
            entries = [entry]
        }
        let overrides = try toleranceOverrides()
        for index in entries.indices { entries[index].tolerances.merge(overrides) { $1 } }
        return entries
    }

    func run() throws {
        let entries = try entries()
        let outcomes = CheckRunner.run(
            entries, options: CheckRunner.Options(update: update, jobs: jobs, armsimVersion: ArmsimCommand.version))
        if !quiet {
            Terminal.write(Array(CheckTextReport.render(outcomes, showOutput: showOutput, style: Terminal.style(for: 1)).utf8), to: 1)
        }
        for outcome in outcomes { if let error = outcome.error { Terminal.error("armsim: error: \(outcome.entry.name): \(error.message)\n") } }
        let reports: [(String?, String)] = [
            (junit, CheckJUnitReport.render(outcomes)), (markdown, CheckMarkdownReport.render(outcomes)),
            (json, CheckJSONReport.render(outcomes, version: ArmsimCommand.version)),
        ]
        for case let (path?, text) in reports {
            do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                throw Terminal.fail("cannot write \(path): \(error.localizedDescription)", status: ExitStatus.noInput)
            }
        }
        let status = ExitStatus.forCheck(outcomes)
        if status != ExitStatus.success { throw ExitCode(status) }
    }
}
