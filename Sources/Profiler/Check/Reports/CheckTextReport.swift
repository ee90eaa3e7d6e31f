/// The report `armsim check` prints on stdout: one block per entry, a table of metric /
/// baseline / now / change / tolerance / verdict, and a headline.
public enum CheckTextReport {
    /// Lines of firmware output shown for a failed run.
    static let outputTailLineCount = 12

    /// - Parameters:
    ///   - outcomes: the entries checked.
    ///   - showOutput: print each firmware's captured output under its table.
    ///   - style: `.ansi` colours the verdicts: regressions and failures red,
    ///     improvements and passes green, new and skipped rows yellow.
    public static func render(_ outcomes: [CheckOutcome], showOutput: Bool = false, style: TextStyle = .plain) -> String {
        var out = ""
        for outcome in outcomes {
            let entry = outcome.entry
            out += "\(entry.name) on \(entry.board) (\(entry.file)): " + style.paint(outcome.verdict.label, color(of: outcome.verdict))
            if outcome.baselineWritten { out += ", baseline written to \(entry.baselinePath)" }
            out += "\n"
            if let error = outcome.error {
                out += "  error: \(error.message)\n\n"
                continue
            }
            for failure in outcome.behaviourFailures { out += "  run failed: \(failure)\n" }
            var rows = [["metric", "baseline", "now", "change", "tolerance", "verdict"]]
            for row in outcome.comparisons {
                rows.append([
                    row.metric.title, row.baseline.map(row.metric.format) ?? "-", row.now.map(row.metric.format) ?? "-",
                    row.changeText.isEmpty ? "-" : row.changeText, row.toleranceText,
                    // The last column is never padded, so escape bytes in it cannot shift the others.
                    (color(of: row.verdict).map { style.paint(row.verdictLabel, $0) } ?? row.verdictLabel) + (row.note.map { ": \($0)" } ?? ""),
                ])
            }
            out += table(rows, rightAligned: [1, 2, 3, 4]).map { "  " + $0 }.joined(separator: "\n") + "\n"
            let output = String(decoding: outcome.standardOutput + outcome.standardError, as: UTF8.self)
            if showOutput || !outcome.behaviourFailures.isEmpty, !output.isEmpty {
                var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
                if lines.last == "" { lines.removeLast() }
                let shown = showOutput ? lines[...] : lines.suffix(outputTailLineCount)
                out += "  firmware output" + (shown.count < lines.count ? " (last \(shown.count) of \(lines.count) lines)" : "") + ":\n"
                out += shown.map { "    | \($0)" }.joined(separator: "\n") + "\n"
            }
            out += "\n"
        }
        out += "armsim check: \(CheckSummary(outcomes).headline)\n"
        return out
    }

    /// The colour of an entry's verdict.
    static func color(of verdict: CheckOutcome.Verdict) -> TextStyle.Color {
        switch verdict {
        case .error, .runFailed, .regressed: return .red
        case .improved, .passed: return .green
        }
    }

    /// The colour of a metric's verdict; nil for `ok`, the unremarkable case.
    static func color(of verdict: CheckComparison.Verdict) -> TextStyle.Color? {
        switch verdict {
        case .regressed: return .red
        case .improved: return .green
        case .new, .skipped: return .yellow
        case .ok: return nil
        }
    }

    /// Rows padded into columns two spaces apart; the columns in `rightAligned` are
    /// right-aligned (numbers), the last column is never padded.
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let columnCount = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columnCount)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                if index == row.count - 1 { return rightAligned.contains(index) ? padding + cell : cell }
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
    }
}
