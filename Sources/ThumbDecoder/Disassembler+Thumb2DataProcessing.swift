extension Disassembler {
    /// Text of the Thumb2DataProcessing instructions, or nil for an op of another class.
    static func thumb2DataProcessingText(_ i: Instruction) -> String? {
        switch i.op {
        default: return nil
        }
    }
}
