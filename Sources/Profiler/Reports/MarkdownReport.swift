/// The report as Markdown (`--markdown OUT`), for pull-request comments and wikis: the
/// same figures as the text report, as tables.
public enum MarkdownReport {
    public static func render(_ result: RunResult) -> String {
        let board = result.board
        let clock = Double(max(board.clockHz, 1))
        var lines = ["# armsim: \(result.file) on \(board.key)", "",
                     "\(board.mcu), \(board.core.displayName) @ \(TextReport.megahertz(board.clockHz)) MHz. Stop: \(result.stopDescription).", "",
                     "| metric | value |", "|---|---|"]
        lines.append("| instructions | \(TextReport.grouped(result.instructions)) |")
        lines.append("| cycles | \(TextReport.grouped(result.cycles)) (\(TextReport.duration(result.seconds))) |")
        lines.append("| CPI | \(TextReport.fixed(result.cyclesPerInstruction, decimals: 3)) |")
        if let statistics = result.inferences {
            lines.append("| inferences | \(statistics.inferences.count) |")
            lines.append("| latency (median) | \(TextReport.grouped(statistics.medianCycles)) cycles = \(TextReport.duration(Double(statistics.medianCycles) / clock)) |")
        }
        if let energy = result.energyPerInference {
            lines.append("| energy / inference | \(TextReport.fixed(energy.microjoules, decimals: 1)) µJ (estimate) |")
        }
        let memory = result.memory
        let dynamic = result.dynamicMemory
        lines.append("| flash | \(TextReport.bytes(memory.flashBytes)) of \(TextReport.bytes(memory.flashCapacity)) (\(TextReport.percent(memory.flashBytes, memory.flashCapacity))) |")
        lines.append("| SRAM static | \(TextReport.bytes(memory.ramBytes)) of \(TextReport.bytes(memory.ramCapacity)) |")
        lines.append("| peak stack | \(TextReport.bytes(dynamic.peakStackBytes)) |")
        if let statistics = result.inferences, let used = statistics.maximumStackBytes {
            let deepest = statistics.maximumPeakStackBytes.map { ", \(TextReport.bytes($0)) deep" } ?? ""
            lines.append("| stack / inference (max) | \(TextReport.bytes(used)) below SP at its start\(deepest) |")
        }
        if let heap = dynamic.heapBytes { lines.append("| heap | \(TextReport.bytes(heap)) |") }
        if let battery = result.battery {
            lines.append("| battery life | \(TextReport.fixed(battery.hours / 24, decimals: 1)) days (estimate) |")
        }
        if let profile = result.functions {
            let total = Double(max(profile.totalCycles, 1))
            lines += ["", "## Functions (top \(min(result.topFunctionCount, profile.rows.count)) by exclusive cycles)", "",
                      "| function | calls | exclusive | % | inclusive | % |", "|---|---:|---:|---:|---:|---:|"]
            for row in profile.rows.prefix(result.topFunctionCount) {
                lines.append("| `\(row.name)` | \(TextReport.grouped(row.calls)) | \(TextReport.grouped(row.exclusiveCycles)) | "
                    + "\(TextReport.fixed(Double(row.exclusiveCycles) * 100 / total, decimals: 1)) | \(TextReport.grouped(row.inclusiveCycles)) | "
                    + "\(TextReport.fixed(Double(row.inclusiveCycles) * 100 / total, decimals: 1)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
