import ArgumentParser
import Boards
import ELFLoader
import Profiler

/// `armsim fit FILE --board KEY`: does the model fit the board (flash, SRAM with the
/// measured stack and heap)?
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Say whether a firmware fits a board: flash, and SRAM with the measured peak stack and heap.",
        discussion: """
            Runs the firmware (its output is discarded) with the call-stack probe, then prints \
            FITS or DOES NOT FIT with the margin left in flash and SRAM. Exit status 0 when it \
            fits, 69 when it does not (docs/exit-codes.md). With --all-boards, prints a matrix of \
            every board and exits 0 when at least one board fits.

            Example:
              armsim fit kws.elf --board nano33
              armsim fit kws.elf --all-boards
            """
    )

    @Argument(help: ArgumentHelp("The firmware ELF.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("Board to check (see `armsim boards`).", valueName: "key"))
    var board: String?

    @Flag(name: .long, help: "Check every board preset and print a matrix.")
    var allBoards = false

    @Option(name: .long, help: ArgumentHelp("Stop each run after this many cycles.", valueName: "n"))
    var maxCycles: UInt64 = RunOptions.defaultMaxCycles

    func validate() throws {
        if (board == nil) == !allBoards { throw ValidationError("give either --board KEY or --all-boards") }
    }

    func run() throws {
        let image = try CLIInput.loadImage(file)
        if allBoards {
            let reports = BoardCatalog.all.map { FitReport.evaluate(image: image, board: $0, maxCycles: maxCycles) }
            print(FitCommand.matrix(reports))
            if !reports.contains(where: \.fits) { throw ExitCode(ExitStatus.doesNotFit) }
            return
        }
        let target: Board
        do { target = try BoardCatalog.board(key: board ?? "") } catch { throw Terminal.fail(error.description, status: ExitStatus.inputRejected) }
        let report = FitReport.evaluate(image: image, board: target, maxCycles: maxCycles)
        print(FitCommand.verdict(report))
        if !report.fits { throw ExitCode(ExitStatus.doesNotFit) }
    }

    /// The verdict of one board, with margins.
    static func verdict(_ report: FitReport) -> String {
        var lines = ["\(report.verdict.rawValue): \(report.result?.file ?? "") on \(report.board.key)"]
        if let result = report.result {
            let dynamic = result.dynamicMemory
            lines.append("  flash   \(report.flashBytes) B of \(report.flashCapacity) B (\(percent(report.flashBytes, report.flashCapacity))), margin \(report.flashMargin) B")
            lines.append("  SRAM    \(report.ramBytes) B of \(report.ramCapacity) B (\(percent(report.ramBytes, report.ramCapacity))), margin \(report.ramMargin) B"
                + " = static \(result.memory.ramBytes) + peak stack \(dynamic.peakStackBytes) + heap \(dynamic.heapBytes ?? 0)")
        }
        lines += report.reasons.map { "  reason  " + $0 }
        return lines.joined(separator: "\n")
    }

    /// One row per board: verdict, flash %, RAM %, latency and energy per inference.
    static func matrix(_ reports: [FitReport]) -> String {
        var rows = [["board", "core", "verdict", "flash %", "RAM %", "latency", "energy/inf."]]
        for report in reports {
            var row = [report.board.key, report.board.core.displayName + (report.board.hasFPU ? "F" : ""), report.verdict.rawValue]
            if let result = report.result, report.verdict != .coreMismatch {
                row.append(percent(report.flashBytes, report.flashCapacity))
                row.append(percent(report.ramBytes, report.ramCapacity))
                let cycles = result.inferences?.medianCycles ?? result.cycles
                row.append(String(format: "%.3f ms", Double(cycles) / Double(max(result.board.clockHz, 1)) * 1e3))
                let energy = result.energyPerInference ?? result.energy
                row.append(energy.map { String(format: "%.1f µJ", $0.microjoules) } ?? "-")
            } else {
                row += ["-", "-", "-", "-"]
            }
            rows.append(row)
        }
        return CLITable.render(rows)
    }

    static func percent(_ part: UInt64, _ whole: UInt64) -> String {
        whole == 0 ? "-" : String(format: "%.1f %%", Double(part) * 100 / Double(whole))
    }
}

/// Loading an ELF for the subcommands, with the exit statuses of docs/exit-codes.md.
enum CLIInput {
    static func loadImage(_ file: String) throws -> FirmwareImage {
        do {
            return try ELFLoader.load(path: file)
        } catch {
            switch error {
            case .fileNotFound, .unreadable: throw Terminal.fail(error.description, status: ExitStatus.noInput)
            default: throw Terminal.fail(error.description, status: ExitStatus.inputRejected)
            }
        }
    }
}

/// Left-aligned first columns, right-aligned numbers: a plain-text table.
enum CLITable {
    static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index < 3 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
