/// What the run loop tells a profiler, at control-flow instructions only.
///
/// The loop is generic over its probe (`run(cycleLimit:probe:)`), so each probe type
/// gets its own specialized copy of the loop: with `NoProbe` every hook is an empty
/// inlined function and the plain loop is unchanged; with `CallStackProbe` the hooks
/// run only on calls (BL, BLX), indirect branches (BX, POP/LDM/LDR into PC, MOV/ADD PC)
/// and direct branches (B, B<cond>), never on other instructions
/// (docs/profiling.md, conventions "Profiling at zero cost when off").
///
/// Exception entry and return are reported by the core itself to
/// `CortexMCore.callStackProbe`, because they happen out of line (`takeException`,
/// `exceptionReturn`), not in the loop's switch.
public protocol ExecutionProbe {
    /// A call: BL or BLX to `target`, which returns to `returnAddress` (Thumb bit clear).
    func call(_ core: CortexMCore, target: UInt32, returnAddress: UInt32)
    /// A branch to a register or loaded value: BX, POP {pc}, LDM {pc}, LDR pc, MOV/ADD pc.
    /// Usually a return; sometimes a tail call or a jump table.
    func indirectBranch(_ core: CortexMCore, target: UInt32)
    /// A taken B or B<cond> to `target`: a loop edge, or a tail call when it leaves the function.
    func directBranch(_ core: CortexMCore, target: UInt32)
}

/// The probe of a plain run: every hook is empty, so the specialized loop is the
/// unprofiled loop.
public struct NoProbe: ExecutionProbe {
    public init() {}
    @inline(__always) public func call(_ core: CortexMCore, target: UInt32, returnAddress: UInt32) {}
    @inline(__always) public func indirectBranch(_ core: CortexMCore, target: UInt32) {}
    @inline(__always) public func directBranch(_ core: CortexMCore, target: UInt32) {}
}
