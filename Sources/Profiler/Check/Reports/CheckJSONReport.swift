import Foundation

/// The machine-readable result of `armsim check` (`--json OUT`), with sorted keys so the
/// same results give the same bytes. Format in docs/ci.md.
public enum CheckJSONReport {
    /// Bumped when a field changes meaning or disappears; adding fields keeps it.
    public static let schemaVersion = 1

    public static func render(_ outcomes: [CheckOutcome], version: String) -> String {
        let summary = CheckSummary(outcomes)
        let object: [String: Any] = [
            "schema_version": schemaVersion,
            "armsim_version": version,
            "exit_code": Int(ExitStatus.forCheck(outcomes)),
            "summary": [
                "entries": summary.entries, "passed": summary.passed, "improved": summary.improved,
                "regressed": summary.regressed, "run_failed": summary.runFailed, "error": summary.errors,
                "baselines_written": summary.baselinesWritten,
            ],
            "entries": outcomes.map(entryObject),
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "{}\n"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func entryObject(_ outcome: CheckOutcome) -> [String: Any] {
        let entry = outcome.entry
        var object: [String: Any] = [
            "name": entry.name, "board": entry.board, "file": entry.file, "baseline": entry.baselinePath,
            "verdict": outcome.verdict.rawValue, "expected_exit_status": Int(entry.expectedExitStatus),
            "behaviour_failures": outcome.behaviourFailures, "baseline_written": outcome.baselineWritten,
            "stdout": String(decoding: outcome.standardOutput, as: UTF8.self),
        ]
        object["error"] = outcome.error?.message ?? NSNull()
        object["exit_status"] = outcome.runStatus.map { Int($0) } ?? NSNull()
        object["stop_detail"] = outcome.stopDescription ?? NSNull()
        object["metrics"] = outcome.comparisons.map { row -> [String: Any] in
            [
                "metric": row.metric.key, "baseline": row.baseline.map { NSNumber(value: $0) } ?? NSNull(),
                "now": row.now.map { NSNumber(value: $0) } ?? NSNull(), "delta": row.delta.map { NSNumber(value: $0) } ?? NSNull(),
                "percent_change": row.percentChange.map { NSNumber(value: $0) } ?? NSNull(),
                "tolerance": row.tolerance.description, "verdict": row.verdict.rawValue, "note": row.note ?? NSNull(),
            ]
        }
        return object
    }
}
