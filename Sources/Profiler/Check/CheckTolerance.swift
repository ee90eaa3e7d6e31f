/// How much a metric may grow over its baseline before `armsim check` calls it a
/// regression: a share of the baseline (`2%`) or an absolute amount in the metric's unit
/// (`0`, `512`).
///
/// The default is 0 for every metric: armsim is deterministic, so the same ELF on the
/// same board gives the same numbers, and any change is one a reviewer should see (a
/// code change, a compiler change, or a change to armsim's cycle model).
public enum CheckTolerance: Sendable, Equatable, CustomStringConvertible {
    /// At most this many units more than the baseline.
    case absolute(UInt64)
    /// At most this percentage of the baseline more (`2.5` is 2.5 %).
    case percent(Double)

    /// Exact: no growth at all.
    public static let exact = CheckTolerance.absolute(0)

    /// Parses `2%`, `0.5%`, `0` or `4096`.
    /// - Throws: `CheckError.badTolerance` naming `text`.
    public init(parsing text: String) throws(CheckError) {
        let trimmed = text.trimmingWhitespace
        if trimmed.hasSuffix("%") {
            guard let value = Double(trimmed.dropLast()), value.isFinite, value >= 0 else {
                throw .badTolerance(text, reason: "a percentage must be a number of at least 0, as in 2%")
            }
            self = .percent(value)
        } else {
            guard let value = UInt64(trimmed) else {
                throw .badTolerance(text, reason: "give a whole amount in the metric's unit (0, 512) or a percentage (2%)")
            }
            self = .absolute(value)
        }
    }

    /// The growth allowed over `baseline`, in the metric's unit (a percentage rounds down).
    public func allowance(over baseline: UInt64) -> UInt64 {
        switch self {
        case .absolute(let amount): return amount
        case .percent(let percent): return UInt64((Double(baseline) * percent / 100).rounded(.down))
        }
    }

    /// `2%`, `0`, `512`: the form it is parsed from, so a baseline file round-trips.
    public var description: String {
        switch self {
        case .absolute(let amount): return String(amount)
        case .percent(let percent):
            return percent == percent.rounded() && percent < 1e15 ? "\(Int64(percent))%" : "\(percent)%"
        }
    }

    /// Parses a list such as `cycles=2%,flash=0` (keys or aliases of `CheckMetric`; `all=`
    /// sets every metric, and later items win).
    /// - Throws: `CheckError.badTolerance` for an unknown metric, a missing `=`, or a bad value.
    public static func parseList(_ text: String) throws(CheckError) -> [CheckMetric: CheckTolerance] {
        var tolerances: [CheckMetric: CheckTolerance] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw .badTolerance(String(item), reason: "expected METRIC=VALUE, as in cycles=2%")
            }
            let tolerance = try CheckTolerance(parsing: parts[1])
            if parts[0] == "all" {
                for metric in CheckMetric.allCases { tolerances[metric] = tolerance }
            } else if let metric = CheckMetric(key: parts[0]) {
                tolerances[metric] = tolerance
            } else {
                throw .unknownMetric(parts[0])
            }
        }
        return tolerances
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(self.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
