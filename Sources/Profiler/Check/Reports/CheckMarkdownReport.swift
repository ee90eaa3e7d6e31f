/// A Markdown summary for a pull-request comment (`--markdown OUT`): a headline, then a
/// table of what needs attention (regressions first, then failed runs, errors and
/// improvements), then every row folded in a `<details>` block.
public enum CheckMarkdownReport {
    public static func render(_ outcomes: [CheckOutcome]) -> String {
        let summary = CheckSummary(outcomes)
        let failing = summary.errors + summary.runFailed + summary.regressed > 0
        var out = "### armsim check: \(failing ? "❌" : "✅") \(summary.headline)\n\n"

        // Rows that need attention, most severe first: regressions lead.
        var attention: [(rank: Int, cells: [String])] = []
        for outcome in outcomes {
            let entry = outcome.entry
            if let error = outcome.error {
                attention.append((1, ["⛔ error", code(entry.name), entry.board, "setup", "", "", escape(error.message), ""]))
                continue
            }
            for failure in outcome.behaviourFailures {
                attention.append((2, ["⛔ run failed", code(entry.name), entry.board, "behaviour", "", "", escape(failure), ""]))
            }
            for row in outcome.comparisons where row.verdict == .regressed || row.verdict == .improved {
                let isRegression = row.verdict == .regressed
                attention.append((isRegression ? 0 : 3, [isRegression ? "❌ regressed" : "🟢 improved"] + cells(row, entry: entry)))
            }
        }
        let header = "| verdict | entry | board | metric | baseline | now | change | tolerance |\n|---|---|---|---|--:|--:|--:|--:|\n"
        if attention.isEmpty {
            out += "Every metric is within its tolerance.\n\n"
        } else {
            out += header
            for row in attention.enumerated().sorted(by: { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }) {
                out += "| " + row.element.cells.joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        if summary.improved > 0 && !failing {
            out += "Improvements pass; run `armsim check --update` to record them in the baseline.\n\n"
        }
        out += "<details><summary>All metrics</summary>\n\n"
        out += "| verdict | entry | board | metric | baseline | now | change | tolerance | note |\n|---|---|---|---|--:|--:|--:|--:|---|\n"
        for outcome in outcomes where outcome.error == nil {
            for row in outcome.comparisons {
                let cells = [row.verdictLabel] + cells(row, entry: outcome.entry) + [escape(row.note ?? "")]
                out += "| " + cells.joined(separator: " | ") + " |\n"
            }
        }
        out += "\n</details>\n"
        return out
    }

    /// entry, board, metric, baseline, now, change, tolerance.
    static func cells(_ row: CheckComparison, entry: CheckEntry) -> [String] {
        [
            code(entry.name), escape(entry.board), row.metric.title, row.baseline.map(row.metric.format) ?? "–",
            row.now.map(row.metric.format) ?? "–", escape(row.changeText.isEmpty ? "–" : row.changeText), escape(row.toleranceText),
        ]
    }

    /// Text safe in a table cell: `|` escaped, HTML's `<`, `>` and `&` as entities, no line breaks.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\r\n": out += " "
            case "`": out += "\\`"
            default: out.append(character)
            }
        }
        return out
    }

    /// `name` as inline code; plain escaped text when it holds a character a code span
    /// would show literally (entities) or that would break the table (`|`).
    static func code(_ name: String) -> String {
        name.contains(where: { "`|<>&\n\r".contains($0) }) ? escape(name) : "`" + name + "`"
    }
}
