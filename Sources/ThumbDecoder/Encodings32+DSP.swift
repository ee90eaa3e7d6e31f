extension Encodings32 {
    /// DSP extension (ARMv7E-M) encodings, DDI 0403 A5.3.
    public static let dspRows: [EncodingRow] = [
    ]
}
