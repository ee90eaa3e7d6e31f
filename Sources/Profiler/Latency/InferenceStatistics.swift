import CortexM

/// One inference: the cycles and instructions between an `armsim_inference_begin` and
/// its `armsim_inference_end` (firmware/include/armsim.h).
public struct Inference: Sendable, Equatable {
    public var name: String
    public var startCycle: UInt64
    public var cycles: UInt64
    public var instructions: UInt64
    /// Stack the inference used below its own start, when known: SP at the begin marker
    /// (or at the call, with `--measure-function`) minus ``lowestStackAddress``.
    public var stackBytes: UInt64? = nil
    /// The lowest stack address reached inside the inference, when known. Markers: the
    /// lowest changed byte of the stack copied at the begin marker, SP at the markers,
    /// and with `--profile` SP sampled at calls and exception entries
    /// (``InferenceStackTracker``); `--measure-function`: SP sampled inside the call.
    public var lowestStackAddress: UInt32? = nil
    /// How deep the stack was at the inference's deepest point: the initial SP minus
    /// ``lowestStackAddress``, comparable with the whole run's peak stack.
    public var peakStackBytes: UInt64? = nil

    public init(
        name: String, startCycle: UInt64, cycles: UInt64, instructions: UInt64, stackBytes: UInt64? = nil,
        lowestStackAddress: UInt32? = nil, peakStackBytes: UInt64? = nil
    ) {
        self.name = name
        self.startCycle = startCycle
        self.cycles = cycles
        self.instructions = instructions
        self.stackBytes = stackBytes
        self.lowestStackAddress = lowestStackAddress
        self.peakStackBytes = peakStackBytes
    }

    /// An inference that started with SP at `startStackPointer` and reached `lowest`,
    /// on a run whose SP started at `initialStackPointer`.
    init(
        name: String, startCycle: UInt64, cycles: UInt64, instructions: UInt64, startStackPointer: UInt32, lowest: UInt32,
        initialStackPointer: UInt32?
    ) {
        let lowest = min(lowest, startStackPointer)
        self.init(
            name: name, startCycle: startCycle, cycles: cycles, instructions: instructions,
            stackBytes: UInt64(startStackPointer &- lowest), lowestStackAddress: lowest,
            peakStackBytes: initialStackPointer.map { lowest <= $0 ? UInt64($0 &- lowest) : 0 })
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
    /// - Parameters:
    ///   - lowestStackAddresses: the lowest stack address of each inference, by the index
    ///     of its end marker in `markers` (``InferenceStackTracker``); inferences missing
    ///     from it have no stack figures.
    ///   - initialStackPointer: SP at reset, for ``Inference/peakStackBytes`` (nil: not given).
    public init?(
        markers: [Semihosting.Marker], skip: Int = 0, lowestStackAddresses: [Int: UInt32] = [:], initialStackPointer: UInt32? = nil
    ) {
        var open: [Semihosting.Marker] = []
        var all: [Inference] = []
        for (index, marker) in markers.enumerated() {
            switch marker.kind {
            case .inferenceBegin:
                open.append(marker)
            case .inferenceEnd:
                guard let begin = open.popLast() else { continue }
                let name = begin.name.isEmpty ? "inference" : begin.name
                let cycles = marker.cycle - begin.cycle, instructions = marker.instruction - begin.instruction
                if let lowest = lowestStackAddresses[index] {
                    all.append(Inference(
                        name: name, startCycle: begin.cycle, cycles: cycles, instructions: instructions,
                        startStackPointer: begin.stackPointer, lowest: lowest, initialStackPointer: initialStackPointer))
                } else {
                    all.append(Inference(name: name, startCycle: begin.cycle, cycles: cycles, instructions: instructions))
                }
            case .mark:
                continue
            }
        }
        self.init(inferences: all, skip: skip)
    }

    /// The most stack any inference used below its start (``Inference/stackBytes``), when known.
    public var maximumStackBytes: UInt64? { inferences.compactMap(\.stackBytes).max() }
    /// The deepest any inference took the stack (``Inference/peakStackBytes``), when known.
    public var maximumPeakStackBytes: UInt64? { inferences.compactMap(\.peakStackBytes).max() }

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
