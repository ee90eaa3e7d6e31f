/// Why `armsim check` could not compare a run with its baseline: bad tolerances, a
/// manifest or baseline file that cannot be read or parsed, or an entry that cannot run.
///
/// - Note: Kept apart from `ProfilerError` (the image does not fit the board), which
///   `CheckRunner` wraps in `.cannotRun`. Each description is one line in lower case.
public enum CheckError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A tolerance value that is neither `N` nor `N%`.
    case badTolerance(String, reason: String)
    /// A tolerance for a metric `armsim check` does not know.
    case unknownMetric(String)
    /// A manifest, baseline or expected-stdout file that does not exist or cannot be read.
    case fileUnreadable(path: String, reason: String)
    /// A manifest or baseline file whose content is not what `armsim check` expects.
    case malformed(path: String, detail: String)
    /// The baseline was recorded for another board.
    case boardMismatch(baseline: String, recorded: String, requested: String)
    /// The baseline or report file cannot be written.
    case cannotWrite(path: String, reason: String)

    /// One line, lower case, naming the offending value.
    public var description: String {
        switch self {
        case .badTolerance(let text, let reason):
            return "tolerance '\(text)' is not valid: \(reason)"
        case .unknownMetric(let key):
            let known = CheckMetric.allCases.map(\.key) + CheckMetric.aliases.keys.sorted() + ["all"]
            return "unknown metric '\(key)' (known: \(known.joined(separator: ", ")))"
        case .fileUnreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .malformed(let path, let detail):
            return "\(path): \(detail)"
        case .boardMismatch(let baseline, let recorded, let requested):
            return "baseline \(baseline) was recorded on board \(recorded), not \(requested) (record one with --update)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
