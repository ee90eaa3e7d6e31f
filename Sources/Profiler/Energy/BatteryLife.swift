import Boards

/// Battery life of a duty-cycled inference workload (docs/energy-model.md, "Battery life"):
///
///     t_idle = 1 s − rate × t_inference                 (per second, must be ≥ 0)
///     P_avg  = E_inference × rate + V × I_sleep × t_idle (W, with E in J, rate in 1/s)
///     I_avg  = P_avg / V_battery
///     life   = capacity / I_avg
///
/// `V_battery` is the battery's voltage when given (`--battery 220@3.0`), else the
/// board's supply voltage; a regulator's losses are not modelled.
public struct BatteryLife: Sendable, Equatable {
    /// Inferences per second.
    public var ratePerSecond: Double
    public var capacityMilliampHours: Double
    public var batteryVolts: Double
    /// Fraction of time spent inferring.
    public var dutyFraction: Double
    public var averageMilliwatts: Double
    public var averageMilliamps: Double
    public var hours: Double

    /// Nil when the rate cannot be sustained (an inference takes longer than its period).
    public init?(board: Board, inferenceMicrojoules: Double, inferenceSeconds: Double, ratePerSecond: Double,
                 capacityMilliampHours: Double, batteryVolts: Double?) {
        let volts = batteryVolts ?? board.power.supplyVolts
        let duty = ratePerSecond * inferenceSeconds
        guard volts > 0, ratePerSecond > 0, duty <= 1 else { return nil }
        let sleepWatts = board.power.supplyVolts * board.power.sleepCurrentMicroamps * 1e-6
        let watts = inferenceMicrojoules * 1e-6 * ratePerSecond + sleepWatts * (1 - duty)
        self.ratePerSecond = ratePerSecond
        self.capacityMilliampHours = capacityMilliampHours
        self.batteryVolts = volts
        dutyFraction = duty
        averageMilliwatts = watts * 1e3
        averageMilliamps = watts / volts * 1e3
        hours = averageMilliamps > 0 ? capacityMilliampHours / averageMilliamps : .infinity
    }

    /// Parses `1/s`, `10/min`, `2/h` (also `/d`) into inferences per second.
    public static func parseRate(_ text: String) -> Double? {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let count = Double(parts[0]), count > 0 else { return nil }
        let seconds: Double
        switch parts[1] {
        case "s", "sec": seconds = 1
        case "min", "m": seconds = 60
        case "h", "hr": seconds = 3600
        case "d", "day": seconds = 86400
        default: return nil
        }
        return count / seconds
    }

    /// Parses `MAH[@V]`, e.g. `220` or `220@3.0`.
    public static func parseBattery(_ text: String) -> (milliampHours: Double, volts: Double?)? {
        let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
        guard let capacity = Double(parts[0]), capacity > 0 else { return nil }
        if parts.count == 2 {
            guard let volts = Double(parts[1]), volts > 0 else { return nil }
            return (capacity, volts)
        }
        return (capacity, nil)
    }
}
