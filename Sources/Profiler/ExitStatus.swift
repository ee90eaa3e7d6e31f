import CortexM

/// The exit statuses of `armsim`, in one table (docs/exit-codes.md).
///
/// A firmware that exits through semihosting passes its own status through (0–255,
/// low 8 bits). armsim's own outcomes use codes from BSD `sysexits.h` and `timeout(1)`
/// so that they are unlikely to collide with a firmware's small status values.
public enum ExitStatus {
    /// The run finished and the firmware exited with status 0.
    public static let success: Int32 = 0
    /// Command-line usage error (EX_USAGE).
    public static let usage: Int32 = 64
    /// The input was rejected: not an ELF, wrong architecture, corrupt, does not fit the
    /// board, a core that cannot run it by its build attributes, unknown board (EX_DATAERR).
    public static let inputRejected: Int32 = 65
    /// The ELF file does not exist or cannot be read (EX_NOINPUT).
    public static let noInput: Int32 = 66
    /// The firmware crashed: lockup, unhandled fault, endless loop after a fault, a stray
    /// breakpoint, sleep with no wake-up source, or a semihosting stop other than
    /// ApplicationExit (EX_SOFTWARE).
    public static let firmwareFailed: Int32 = 70
    /// `armsim fit`: the firmware does not fit the board (flash, SRAM with the measured
    /// stack and heap, a stack overflow, a failed run, or a core that cannot run it);
    /// with `--all-boards`, no board fits (EX_UNAVAILABLE).
    public static let doesNotFit: Int32 = 69
    /// The cycle limit (or wall-clock timeout) was reached, as `timeout(1)` reports.
    public static let limitReached: Int32 = 124

    /// The exit status for a finished run.
    public static func forStop(_ reason: StopReason) -> Int32 {
        switch reason {
        case .exited(let status): return Int32(status & 0xFF)
        case .cycleLimit, .interrupted: return limitReached
        case .abnormalExit, .lockup, .infiniteLoop, .sleepForever, .breakpoint: return firmwareFailed
        }
    }
}
