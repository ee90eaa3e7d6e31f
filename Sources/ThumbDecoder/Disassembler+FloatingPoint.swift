extension Disassembler {
    /// Text of the FloatingPoint instructions, or nil for an op of another class.
    static func floatingPointText(_ i: Instruction) -> String? {
        switch i.op {
        default: return nil
        }
    }
}
