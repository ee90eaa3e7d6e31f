extension Disassembler {
    /// Text of the DSP instructions, or nil for an op of another class.
    static func dspText(_ i: Instruction) -> String? {
        switch i.op {
        default: return nil
        }
    }
}
