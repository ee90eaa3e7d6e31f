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
            fits, 69 when it does not (docs/exit-codes.md). When the ELF's build attributes \
            (.ARM.attributes) or float ABI need more than the board's core, the verdict is CORE \
            MISMATCH without a run. With --all-boards, prints a matrix of every board and exits 0 \
            when at least one board fits.

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
        let style = Terminal.style(for: 1)
        if allBoards {
            let reports = BoardCatalog.all.map { FitReport.evaluate(image: image, board: $0, maxCycles: maxCycles) }
            print(FitCommand.imageLine(CoreRequirement(image: image)))
            print(FitCommand.matrix(reports, style: style))
            if !reports.contains(where: \.fits) { throw ExitCode(ExitStatus.doesNotFit) }
            return
        }
        let target: Board
        do { target = try BoardCatalog.board(key: board ?? "") } catch { throw Terminal.fail(error.description, status: ExitStatus.inputRejected) }
        let report = FitReport.evaluate(image: image, board: target, maxCycles: maxCycles)
        print(FitCommand.verdict(report, style: style))
        if !report.fits { throw ExitCode(ExitStatus.doesNotFit) }
    }

    /// The colour of a verdict: green when it fits, red when it does not, yellow when the
    /// image is not for this board at all.
    static func color(of verdict: FitReport.Verdict) -> TextStyle.Color {
        switch verdict {
        case .fits: return .green
        case .doesNotFit: return .red
        case .coreMismatch, .notLoadable: return .yellow
        }
    }

    /// What the matrix's core column is judged against: the image's architecture and FPU
    /// from its build attributes, or a note that the runs decide.
    static func imageLine(_ requirement: CoreRequirement) -> String {
        if requirement.cores != nil || requirement.needsFPU {
            return "image: built for \(requirement.summary), from its ELF header and build attributes; CORE MISMATCH rows were not run"
        }
        return "image: no architecture in its build attributes; a core that cannot run it shows as CORE MISMATCH after a run"
    }

    /// The verdict of one board, with margins.
    static func verdict(_ report: FitReport, style: TextStyle = .plain) -> String {
        var lines = [style.paint(report.verdict.rawValue, color(of: report.verdict)) + ": \(report.file) on \(report.board.key)"]
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
    static func matrix(_ reports: [FitReport], style: TextStyle = .plain) -> String {
        var rows = [["board", "core", "verdict", "flash %", "RAM %", "latency", "energy/inf."]]
        for report in reports {
            var row = [report.board.key, report.board.core.displayName + (report.board.hasFPU ? "F" : ""), report.verdict.rawValue]
            // Figures of a run on a board the image is not built for would mislead: none.
            if let result = report.result, report.verdict != .coreMismatch && report.verdict != .notLoadable {
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
        return CLITable.render(rows) { row, column, cell in
            guard column == 2, row > 0 else { return cell }
            return style.paint(cell, color(of: reports[row - 1].verdict))
        }
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
    /// - Parameter decorate: rewrites a cell after it is padded (to colour it), given its
    ///   row and column; padding first keeps escape bytes out of the width.
    static func render(_ rows: [[String]], decorate: (_ row: Int, _ column: Int, _ cell: String) -> String = { $2 }) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.enumerated().map { rowIndex, row in
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return decorate(rowIndex, index, index < 3 ? cell + pad : pad + cell)
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
