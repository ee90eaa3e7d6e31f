extension Encodings32 {
    /// Thumb-2 branches and miscellaneous control encodings (DDI 0403 A5.3.4), after the ARMv6-M rows of that space.
    public static let thumb2ControlRows: [EncodingRow] = [
    ]
}
