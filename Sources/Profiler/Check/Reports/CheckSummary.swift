/// Counts of entry verdicts, and the one-line headline the reports open with.
public struct CheckSummary: Sendable, Equatable {
    public var entries = 0
    public var passed = 0
    public var improved = 0
    public var regressed = 0
    public var runFailed = 0
    public var errors = 0
    /// Baselines written by `--update`.
    public var baselinesWritten = 0

    public init(_ outcomes: [CheckOutcome]) {
        entries = outcomes.count
        for outcome in outcomes {
            if outcome.baselineWritten { baselinesWritten += 1 }
            switch outcome.verdict {
            case .passed: passed += 1
            case .improved: improved += 1
            case .regressed: regressed += 1
            case .runFailed: runFailed += 1
            case .error: errors += 1
            }
        }
    }

    /// `1 regressed, 3 passed (4 entries)`, most severe first, zero counts left out.
    public var headline: String {
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) could not be checked") }
        if runFailed > 0 { parts.append("\(runFailed) run\(runFailed == 1 ? "" : "s") failed") }
        if regressed > 0 { parts.append("\(regressed) regressed") }
        if improved > 0 { parts.append("\(improved) improved") }
        if passed > 0 { parts.append("\(passed) passed") }
        var line = parts.joined(separator: ", ") + " (\(entries) entr\(entries == 1 ? "y" : "ies"))"
        if baselinesWritten > 0 { line += "; \(baselinesWritten) baseline\(baselinesWritten == 1 ? "" : "s") written" }
        return line
    }
}

extension CheckOutcome.Verdict {
    /// How the reports print it.
    public var label: String {
        switch self {
        case .error: return "ERROR"
        case .runFailed: return "RUN FAILED"
        case .regressed: return "REGRESSED"
        case .improved: return "improved"
        case .passed: return "passed"
        }
    }
}

extension CheckComparison {
    /// The verdict column: `REGRESSED`, `improved`, `ok`, `new`, `skipped: <why>`.
    var verdictLabel: String {
        switch verdict {
        case .regressed: return "REGRESSED"
        case .improved: return "improved"
        case .ok: return "ok"
        case .new: return "new"
        case .skipped: return "skipped"
        }
    }

    /// `380,291 vs 330,306: +49,985 (+15.13%), tolerance 0`.
    var sentence: String {
        let now = self.now.map(metric.format) ?? "-"
        let baseline = self.baseline.map(metric.format) ?? "-"
        var text = "\(metric.title) \(now), baseline \(baseline)"
        if !changeText.isEmpty { text += ": \(changeText)" }
        text += ", tolerance \(toleranceText)"
        if let note { text += " (\(note))" }
        return text
    }

    /// The tolerance in the metric's unit or as a percentage.
    var toleranceText: String {
        switch tolerance {
        case .percent: return tolerance.description
        case .absolute(let amount): return amount == 0 ? "0" : metric.format(amount)
        }
    }
}
