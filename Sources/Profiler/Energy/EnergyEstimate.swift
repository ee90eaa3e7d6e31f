import Boards

/// Estimated energy of a stretch of simulated time on a board, from its datasheet
/// figures (docs/energy-model.md):
///
///     E_active = V × I_run × t_active      E_sleep = V × I_sleep × t_sleep
///
/// I_run is the datasheet's run current at the board clock, executing from flash, which
/// already includes flash wait states and memory traffic; the breakdown splits the
/// active energy by the share of cycles spent waiting on flash, for information.
/// It is an estimate: the report says so and names the figures that feed it.
public struct EnergyEstimate: Sendable, Equatable {
    /// Total energy, µJ.
    public var microjoules: Double
    /// Average power over the interval, mW.
    public var averageMilliwatts: Double
    /// Energy while executing, µJ, and the part of it spent in flash wait states.
    public var activeMicrojoules: Double
    public var flashWaitMicrojoules: Double
    /// Energy asleep (WFI/WFE), µJ.
    public var sleepMicrojoules: Double
    /// The figures used, for the report.
    public var source: String

    /// The estimate for `cycles` core cycles of which `sleepCycles` asleep and
    /// `flashWaitCycles` stalled on flash, or nil when the board has no power figures.
    public init?(board: Board, cycles: UInt64, sleepCycles: UInt64, flashWaitCycles: UInt64 = 0) {
        guard board.power.isKnown, board.clockHz > 0 else { return nil }
        let clock = Double(board.clockHz)
        let activeSeconds = Double(cycles &- min(sleepCycles, cycles)) / clock
        let sleepSeconds = Double(sleepCycles) / clock
        let volts = board.power.supplyVolts
        activeMicrojoules = volts * board.power.runCurrentMilliamps * 1e-3 * activeSeconds * 1e6
        sleepMicrojoules = volts * board.power.sleepCurrentMicroamps * 1e-6 * sleepSeconds * 1e6
        let activeCycles = cycles &- min(sleepCycles, cycles)
        flashWaitMicrojoules = activeCycles == 0 ? 0 : activeMicrojoules * Double(min(flashWaitCycles, activeCycles)) / Double(activeCycles)
        microjoules = activeMicrojoules + sleepMicrojoules
        let seconds = activeSeconds + sleepSeconds
        averageMilliwatts = seconds > 0 ? microjoules / seconds * 1e-3 : 0
        source = board.power.source
    }
}
