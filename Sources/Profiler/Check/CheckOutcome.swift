/// What `armsim check` found for one entry.
public struct CheckOutcome: Sendable {
    /// The entry's verdict, most severe first.
    public enum Verdict: String, Sendable, Comparable {
        /// The entry could not be checked: a missing or unreadable ELF, baseline or
        /// expected-stdout file, an unknown board, an image that does not fit.
        case error
        /// The run failed: a fault, a wrong exit status, different stdout, the cycle limit.
        case runFailed = "run_failed"
        /// At least one metric grew past its tolerance.
        case regressed
        /// No regression, and at least one metric shrank past its tolerance.
        case improved
        /// Every compared metric within its tolerance.
        case passed

        /// Severity: `error` is the most severe.
        public static func < (lhs: Verdict, rhs: Verdict) -> Bool {
            let order: [Verdict] = [.error, .runFailed, .regressed, .improved, .passed]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    public var entry: CheckEntry
    /// The error that kept the entry from being checked, and the exit status it maps to
    /// (65 input rejected, 66 missing file).
    public var error: (message: String, status: Int32)?
    /// The status `armsim run` would have exited with, when the firmware ran.
    public var runStatus: Int32?
    /// Why the run stopped (`RunResult.stopDescription`).
    public var stopDescription: String?
    /// Behaviour that did not match: the exit status, the stdout. Empty when it matched.
    public var behaviourFailures: [String] = []
    /// One row per metric, in `CheckMetric` order.
    public var comparisons: [CheckComparison] = []
    /// What the firmware wrote to stdout and stderr, captured.
    public var standardOutput: [UInt8] = []
    public var standardError: [UInt8] = []
    /// Set when `--update` wrote this entry's baseline.
    public var baselineWritten = false
    /// Simulated instructions (for the reports' footers).
    public var instructions: UInt64 = 0

    public init(entry: CheckEntry) {
        self.entry = entry
    }

    /// The verdict of the entry.
    public var verdict: Verdict {
        if error != nil { return .error }
        if !behaviourFailures.isEmpty { return .runFailed }
        if baselineWritten { return .passed }
        if comparisons.contains(where: { $0.verdict == .regressed }) { return .regressed }
        if comparisons.contains(where: { $0.verdict == .improved }) { return .improved }
        return .passed
    }

    /// The comparisons that regressed.
    public var regressions: [CheckComparison] { comparisons.filter { $0.verdict == .regressed } }
}

/// The exit statuses of `armsim check`, added to the table of `ExitStatus`
/// (docs/exit-codes.md, docs/ci.md).
///
/// `check` never passes the firmware's own status through (it compares it with the
/// expected one instead), so it can use the small codes the conventions propose without
/// colliding with a firmware status: 1 when a run failed, 2 when the gate found a
/// regression. Input errors keep the codes of `armsim run` (65, 66), and usage errors 64.
extension ExitStatus {
    /// `armsim check`: a firmware run failed (fault, wrong exit status, different stdout,
    /// cycle limit); its metrics were not compared.
    public static let checkRunFailed: Int32 = 1
    /// `armsim check`: every run behaved, and at least one metric regressed past its tolerance.
    public static let checkRegressed: Int32 = 2

    /// The exit status of `armsim check` over `outcomes`: the most severe entry decides.
    /// An entry that could not be checked gives its own status (65 or 66; the first such
    /// entry's), then a failed run 1, then a regression 2, else 0. Improvements pass.
    public static func forCheck(_ outcomes: [CheckOutcome]) -> Int32 {
        if let failed = outcomes.first(where: { $0.error != nil }) { return failed.error!.status }
        if outcomes.contains(where: { $0.verdict == .runFailed }) { return checkRunFailed }
        if outcomes.contains(where: { $0.verdict == .regressed }) { return checkRegressed }
        return success
    }
}
