import CortexM

/// One inference: the cycles and instructions between an `armsim_inference_begin` and
/// its `armsim_inference_end` (firmware/include/armsim.h).
public struct Inference: Sendable, Equatable {
    public var name: String
    public var startCycle: UInt64
    public var cycles: UInt64
    public var instructions: UInt64
    /// Stack used during the inference, when known: SP at its start minus the lowest SP
    /// sampled inside it (markers: SP at the begin marker minus SP sampled at calls is
    /// not tracked; `--measure-function` calls: sampled at calls and exception entries).
    public var stackBytes: UInt64? = nil

    public init(name: String, startCycle: UInt64, cycles: UInt64, instructions: UInt64, stackBytes: UInt64? = nil) {
        self.name = name
        self.startCycle = startCycle
        self.cycles = cycles
        self.instructions = instructions
        self.stackBytes = stackBytes
    }
}

/// Latency statistics over the inferences of a run.
public struct InferenceStatistics: Sendable, Equatable {
    /// Inferences measured (after `skipped` warm-up ones).
    public var inferences: [Inference]
    /// Warm-up inferences excluded (`--skip N`).
    public var skipped: Int
    public var minimumCycles: UInt64
    public var medianCycles: UInt64
    public var maximumCycles: UInt64
    public var meanCycles: Double

    /// Pairs the markers into inferences (an end closes the latest open begin) and
    /// drops the first `skip`. Returns nil when no complete inference remains.
    public init?(markers: [Semihosting.Marker], skip: Int = 0) {
        var open: [Semihosting.Marker] = []
        var all: [Inference] = []
        for marker in markers {
            switch marker.kind {
            case .inferenceBegin:
                open.append(marker)
            case .inferenceEnd:
                guard let begin = open.popLast() else { continue }
                all.append(Inference(
                    name: begin.name.isEmpty ? "inference" : begin.name, startCycle: begin.cycle,
                    cycles: marker.cycle - begin.cycle, instructions: marker.instruction - begin.instruction))
            case .mark:
                continue
            }
        }
        self.init(inferences: all, skip: skip)
    }

    /// Statistics over already paired inferences (e.g. the calls of a measured function),
    /// dropping the first `skip`. Returns nil when none remains.
    public init?(inferences measured: [Inference], skip: Int = 0) {
        var all = measured
        all.sort { $0.startCycle < $1.startCycle }
        let kept = Array(all.dropFirst(max(skip, 0)))
        guard !kept.isEmpty else { return nil }
        inferences = kept
        skipped = min(max(skip, 0), all.count)
        let sorted = kept.map(\.cycles).sorted()
        minimumCycles = sorted.first!
        maximumCycles = sorted.last!
        // The lower median for an even count keeps the value an observed cycle count.
        medianCycles = sorted[(sorted.count - 1) / 2]
        meanCycles = Double(sorted.reduce(0, +)) / Double(sorted.count)
    }
}
