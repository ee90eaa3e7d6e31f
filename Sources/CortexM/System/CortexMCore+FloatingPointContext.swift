/// FP context handling of the FPv4-SP extension (DDI 0403 B1.5.7 "Context state
/// stacking on exception entry with the FP extension", B3.2.20–B3.2.23 CPACR, FPCCR,
/// FPCAR, FPDSCR): access control, lazy state preservation and the default FPSCR of a
/// new FP context.
extension CortexMCore {
    /// Words of FP state in an extended frame that are stored or loaded: S0–S15 and
    /// FPSCR (the 18th word is reserved). armsim charges one cycle per word moved.
    static let floatingPointContextWords = 17

    /// Stores S0–S15 and FPSCR at `address` (FPCAR layout). Returns false if unmapped.
    func storeFloatingPointContext(at address: UInt32) -> Bool {
        for index in 0..<16 where !hostStore32(address &+ UInt32(index * 4), s[index]) { return false }
        return hostStore32(address &+ 64, fpscr)
    }

    /// Loads S0–S15 and FPSCR from `address`. Returns false if unmapped.
    func loadFloatingPointContext(from address: UInt32) -> Bool {
        var values = [UInt32](repeating: 0, count: 17)
        for index in 0..<17 {
            guard let word = hostLoad32(address &+ UInt32(index * 4)) else { return false }
            values[index] = word
        }
        for index in 0..<16 { s[index] = values[index] }
        fpscr = values[16]
        return true
    }

    /// Whether CPACR grants the current mode access to CP10 (B3.2.20: 0b01 privileged
    /// only, 0b11 full; CP11 must match and is not checked separately).
    var isFloatingPointAccessible: Bool {
        guard configuration.hasFPU else { return false }
        switch (scs.cpacr >> 20) & 3 {
        case 0b11: return true
        case 0b01: return isPrivileged
        default: return false
        }
    }

    /// Recomputes `floatingPointReady` after CPACR, FPCCR, CONTROL or mode changes.
    func updateFloatingPointReady() {
        let automaticPreservation = scs.fpccr & (1 << 31) != 0
        floatingPointReady = isFloatingPointAccessible
            && (control & 4 != 0 || !automaticPreservation)
            && scs.fpccr & 1 == 0
    }

    /// Runs before an FP instruction when `floatingPointReady` is false: raises NOCP
    /// when the FPU is disabled, performs pending lazy state preservation (stores S0–S15
    /// and FPSCR at FPCAR), and starts a new FP context (CONTROL.FPCA = 1, FPSCR's
    /// AHP/DN/FZ/RMode from FPDSCR) when FPCCR.ASPEN is set.
    /// - Returns: false when a fault was raised; the instruction must be abandoned.
    @inline(never)
    func prepareFloatingPoint() -> Bool {
        guard isFloatingPointAccessible else {
            raiseFault(.noCoprocessor)
            return false
        }
        if scs.fpccr & 1 != 0 {
            _ = storeFloatingPointContext(at: scs.fpcar)
            scs.fpccr &= ~UInt32(1)
            cycles &+= UInt64(CortexMCore.floatingPointContextWords)
        }
        if control & 4 == 0 && scs.fpccr & (1 << 31) != 0 {
            control |= 4
            fpscr = (fpscr & ~UInt32(0x07C0_0000)) | (scs.fpdscr & 0x07C0_0000)
        }
        updateFloatingPointReady()
        return true
    }
}
