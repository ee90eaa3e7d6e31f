extension Disassembler {
    /// Text of the Thumb2LoadStore instructions, or nil for an op of another class.
    static func thumb2LoadStoreText(_ i: Instruction) -> String? {
        switch i.op {
        default: return nil
        }
    }
}
