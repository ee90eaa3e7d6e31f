import ArgumentParser
import Boards
import Foundation
import Profiler

/// `armsim compare a.elf b.elf --board KEY` or `armsim compare a.elf --boards k1,k2`:
/// the headline metrics side by side, with ratios to the first column.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare firmware images on one board, or one image on several boards.",
        discussion: """
            Runs each (image, board) pair (firmware output discarded) and prints cycles per \
            inference, latency, energy per inference, flash, SRAM and peak stack side by side, \
            with each column's ratio to the first.

            Example:
              armsim compare kws.elf kws_dsp.elf --board nano33
              armsim compare kws.elf --boards nano33,pico
            """
    )

    @Argument(help: ArgumentHelp("Firmware ELF files.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("The board all images run on.", valueName: "key"))
    var board: String?

    @Option(name: .long, help: ArgumentHelp("Comma-separated boards for one image.", valueName: "k1,k2"))
    var boards: String?

    @Option(name: .long, help: ArgumentHelp("Leave the first N inferences out of the latency statistics.", valueName: "n"))
    var skip: Int = 0

    @Option(name: .long, help: ArgumentHelp("Stop each run after this many cycles.", valueName: "n"))
    var maxCycles: UInt64 = RunOptions.defaultMaxCycles

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one ELF") }
        if (board == nil) == (boards == nil) { throw ValidationError("give either --board KEY or --boards K1,K2") }
        if boards != nil && files.count != 1 { throw ValidationError("--boards compares one ELF on several boards") }
        if board != nil && files.count < 2 { throw ValidationError("--board compares at least two ELFs") }
    }

    func run() throws {
        var pairs: [(String, Board)] = []
        do {
            if let board {
                let target = try BoardCatalog.board(key: board)
                pairs = files.map { ($0, target) }
            } else {
                pairs = try (boards ?? "").split(separator: ",").map { (files[0], try BoardCatalog.board(key: String($0))) }
            }
        } catch {
            throw Terminal.fail("\(error)", status: ExitStatus.inputRejected)
        }
        var results: [RunResult] = []
        for (file, target) in pairs {
            let image = try CLIInput.loadImage(file)
            var options = RunOptions(maxCycles: maxCycles)
            options.profilesFunctions = true
            options.skipInferences = skip
            options.semihosting.commandLine = (file as NSString).lastPathComponent
            do {
                let session = try Session(image: image, board: target, options: options, standardOutput: { _ in }, standardError: { _ in })
                results.append(session.run())
            } catch {
                throw Terminal.fail(error.description, status: ExitStatus.inputRejected)
            }
        }
        print(CompareCommand.table(results))
        let worst = results.map { ExitStatus.forStop($0.stopReason) }.first { $0 != 0 }
        if let worst { throw ExitCode(worst) }
    }

    /// Metrics as rows, one column per run, then one ratio column per run after the first.
    static func table(_ results: [RunResult]) -> String {
        typealias Metric = (name: String, value: (RunResult) -> Double?, format: (Double) -> String)
        let metrics: [Metric] = [
            ("cycles/inference", { Double($0.inferences?.medianCycles ?? $0.cycles) }, { String(format: "%.0f", $0) }),
            ("latency ms", { Double($0.inferences?.medianCycles ?? $0.cycles) / Double(max($0.board.clockHz, 1)) * 1e3 }, { String(format: "%.3f", $0) }),
            ("energy µJ", { ($0.energyPerInference ?? $0.energy)?.microjoules }, { String(format: "%.1f", $0) }),
            ("flash B", { Double($0.memory.flashBytes) }, { String(format: "%.0f", $0) }),
            ("SRAM static B", { Double($0.memory.ramBytes) }, { String(format: "%.0f", $0) }),
            ("peak stack B", { Double($0.dynamicMemory.peakStackBytes) }, { String(format: "%.0f", $0) }),
        ]
        var header = ["metric"] + results.map { "\(($0.file as NSString).lastPathComponent)@\($0.board.key)" }
        header += results.dropFirst().indices.map { "ratio \($0 + 1)/1" }
        var rows = [header]
        for metric in metrics {
            let values = results.map(metric.value)
            var row = [metric.name] + values.map { $0.map(metric.format) ?? "-" }
            for value in values.dropFirst() {
                if let base = values[0], let value, base != 0 { row.append(String(format: "%.3f×", value / base)) } else { row.append("-") }
            }
            rows.append(row)
        }
        let widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
