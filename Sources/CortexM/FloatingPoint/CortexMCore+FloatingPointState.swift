/// Read access to the FPv4-SP state for harnesses (the differential tester prints it):
/// FPSCR and S0–S31 as bit patterns, as `VMRS Rt, FPSCR` and `VMOV Rt, Sn` would read them.
extension CortexMCore {
    /// FPSCR (DDI 0403 A2.5.3): N Z C V, AHP, DN, FZ, RMode and the cumulative exception flags.
    public var floatingPointStatus: UInt32 { fpscr }

    /// The bit pattern of single-precision register S`index` (0–31).
    public func single(_ index: Int) -> UInt32 { s[index & 31] }
}
