/// One quantity `armsim check` compares with a baseline. Lower is better for every one
/// of them, so "regressed" always means "grew by more than the tolerance".
///
/// Every value is a whole number in the unit its key names, so a baseline file holds
/// integers only and a comparison is exact: the simulator is deterministic, and a
/// rounded floating-point energy would make a tolerance of 0 flicker.
public enum CheckMetric: String, CaseIterable, Sendable, Comparable {
    /// Median cycles of one inference (between `armsim_inference_begin`/`_end`), after
    /// the warm-up inferences the entry skips.
    case inferenceCycles = "inference_cycles"
    /// Cycles of the whole run, reset to exit.
    case cycles
    /// Flash the image needs (static, from its sections: `MemoryBudget.flashBytes`).
    case flashBytes = "flash_bytes"
    /// SRAM the image reserves (static: `.data`, `.bss`, reserved heap/stack sections).
    case sramBytes = "sram_bytes"
    /// Deepest stack the run reached (dynamic).
    case peakStackBytes = "peak_stack_bytes"
    /// Largest heap the run used (dynamic).
    case heapBytes = "heap_bytes"
    /// Estimated energy of the whole run, in nanojoules (µJ × 1000, rounded).
    case energyNanojoules = "energy_nanojoules"

    /// The key used on the command line (`--tolerance cycles=2%`), in manifests and in
    /// baseline files.
    public var key: String { rawValue }

    /// Short keys also accepted by `--tolerance` (`flash=0`, `stack=64`).
    public static let aliases: [String: CheckMetric] = [
        "inference": .inferenceCycles, "latency": .inferenceCycles, "flash": .flashBytes, "sram": .sramBytes,
        "ram": .sramBytes, "stack": .peakStackBytes, "heap": .heapBytes, "energy": .energyNanojoules,
    ]

    /// The metric named `key` (its key or an alias), or nil.
    public init?(key: String) {
        if let metric = CheckMetric(rawValue: key) ?? CheckMetric.aliases[key] { self = metric } else { return nil }
    }

    /// How the reports name it.
    public var title: String {
        switch self {
        case .inferenceCycles: return "inference cycles (median)"
        case .cycles: return "total cycles"
        case .flashBytes: return "flash"
        case .sramBytes: return "SRAM (static)"
        case .peakStackBytes: return "peak stack"
        case .heapBytes: return "heap"
        case .energyNanojoules: return "energy"
        }
    }

    /// The value as the reports print it, with its unit: `1,234,567`, `11.7 KiB`, `272.5 µJ`.
    public func format(_ value: UInt64) -> String {
        switch self {
        case .inferenceCycles, .cycles:
            return CheckMetric.grouped(value)
        case .flashBytes, .sramBytes, .peakStackBytes, .heapBytes:
            return "\(CheckMetric.grouped(value)) B"
        case .energyNanojoules:
            return CheckMetric.microjoules(Int64(clamping: value)) + " µJ"
        }
    }

    /// A signed difference in the metric's unit: `+1,234`, `-12 B`, `+0.250 µJ`.
    public func formatDelta(_ delta: Int64) -> String {
        let sign = delta > 0 ? "+" : delta < 0 ? "-" : "±"
        let magnitude = delta.magnitude
        switch self {
        case .energyNanojoules: return sign + CheckMetric.microjoules(Int64(clamping: magnitude)) + " µJ"
        default: return sign + format(magnitude)
        }
    }

    /// Declaration order: latency first, then size, then energy.
    public static func < (lhs: CheckMetric, rhs: CheckMetric) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    /// Nanojoules as microjoules with three decimals: `272512` → `272.512`.
    static func microjoules(_ nanojoules: Int64) -> String {
        let whole = nanojoules / 1000
        let fraction = nanojoules % 1000
        let padded = String(fraction)
        return "\(grouped(UInt64(whole))).\(String(repeating: "0", count: 3 - padded.count))\(padded)"
    }
}
