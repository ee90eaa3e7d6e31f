/// The metrics of one run, in the units of `CheckMetric`, and for each one the run could
/// not measure, the reason (shown in the reports as a skipped row, never as a number).
public struct CheckMeasurement: Sendable, Equatable {
    public var values: [CheckMetric: UInt64]
    /// Why a metric has no value.
    public var unavailable: [CheckMetric: String]

    public init(values: [CheckMetric: UInt64], unavailable: [CheckMetric: String] = [:]) {
        self.values = values
        self.unavailable = unavailable
    }

    /// The metrics of `result`.
    public init(result: RunResult) {
        var values: [CheckMetric: UInt64] = [
            .cycles: result.cycles,
            .flashBytes: result.memory.flashBytes,
            .sramBytes: result.memory.ramBytes,
        ]
        var unavailable: [CheckMetric: String] = [:]
        if let statistics = result.inferences {
            values[.inferenceCycles] = statistics.medianCycles
        } else {
            unavailable[.inferenceCycles] = "no complete inference (armsim_inference_begin/end markers) in this run"
        }
        if let energy = result.energy {
            values[.energyNanojoules] = UInt64((energy.microjoules * 1000).rounded())
        } else {
            unavailable[.energyNanojoules] = "board \(result.board.key) has no power figures"
        }
        let dynamic = Self.dynamicMemory(of: result)
        if let peak = dynamic.peakStackBytes { values[.peakStackBytes] = peak } else { unavailable[.peakStackBytes] = dynamic.reason }
        if let heap = dynamic.heapBytes { values[.heapBytes] = heap } else { unavailable[.heapBytes] = dynamic.reason }
        self.values = values
        self.unavailable = unavailable
    }

    /// HOOK (dynamic memory): the peak stack and heap of a run, from the profiler's
    /// `RunResult.dynamicMemory` (docs/profiling.md, "Dynamic memory"). The one place that
    /// reads those fields: if they move, only this changes. The heap is known only when
    /// the run kept the call stack (`_sbrk` tracking), which `CheckRunner` asks for; when
    /// it is still nil the metric is skipped with the reason, never given a number.
    static func dynamicMemory(of result: RunResult) -> (peakStackBytes: UInt64?, heapBytes: UInt64?, reason: String) {
        let memory = result.dynamicMemory
        return (memory.peakStackBytes, memory.heapBytes, "no heap use seen (the firmware never called _sbrk)")
    }
}

/// One metric of one entry: the baseline, the run, and the verdict.
public struct CheckComparison: Sendable, Equatable {
    /// What the comparison found.
    public enum Verdict: String, Sendable, Equatable {
        /// Within the tolerance (equal, or changed by no more than allowed).
        case ok
        /// Smaller than the baseline by more than the tolerance: the baseline can be tightened.
        case improved
        /// Larger than the baseline by more than the tolerance: the gate fails.
        case regressed
        /// Measured now, but the baseline has no value (a new baseline, or a new metric).
        case new
        /// Not compared: the run did not measure it, or the run failed.
        case skipped
    }

    public var metric: CheckMetric
    public var baseline: UInt64?
    public var now: UInt64?
    public var tolerance: CheckTolerance
    public var verdict: Verdict
    /// Why a row is skipped or new.
    public var note: String?

    /// Compares `now` with `baseline`; lower is better for every metric.
    public init(metric: CheckMetric, baseline: UInt64?, now: UInt64?, tolerance: CheckTolerance, unavailableReason: String? = nil) {
        self.metric = metric
        self.baseline = baseline
        self.now = now
        self.tolerance = tolerance
        switch (baseline, now) {
        case (let old?, let new?):
            let allowance = tolerance.allowance(over: old)
            if new > old && new - old > allowance {
                verdict = .regressed
            } else if new < old && old - new > allowance {
                verdict = .improved
            } else {
                verdict = .ok
            }
            note = nil
        case (nil, .some):
            verdict = .new
            note = "not in the baseline; record it with --update"
        case (.some, nil):
            verdict = .skipped
            note = "in the baseline, but " + (unavailableReason ?? "not measured")
        case (nil, nil):
            verdict = .skipped
            note = unavailableReason ?? "not measured"
        }
    }

    /// now − baseline, when both are known.
    public var delta: Int64? {
        guard let baseline, let now else { return nil }
        return Int64(clamping: now) - Int64(clamping: baseline)
    }

    /// The change as a percentage of the baseline, when both are known and the baseline is not 0.
    public var percentChange: Double? {
        guard let delta, let baseline, baseline > 0 else { return nil }
        return Double(delta) / Double(baseline) * 100
    }

    /// `+15.13%`, `-0.02%`, `±0`, or the absolute change when the baseline is 0.
    public var changeText: String {
        guard let delta else { return "" }
        if delta == 0 { return "±0" }
        guard let percent = percentChange else { return metric.formatDelta(delta) }
        return "\(metric.formatDelta(delta)) (\(CheckComparison.signedPercent(percent)))"
    }

    /// `+15.13%`; two decimals, and never rounds a non-zero change to `0.00%`.
    static func signedPercent(_ percent: Double) -> String {
        let sign = percent > 0 ? "+" : "-"
        let magnitude = abs(percent)
        if magnitude < 0.01 { return "\(sign)<0.01%" }
        let hundredths = Int64((magnitude * 100).rounded())
        let fraction = hundredths % 100
        return "\(sign)\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)%"
    }
}
