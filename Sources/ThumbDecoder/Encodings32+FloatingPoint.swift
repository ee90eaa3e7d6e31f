extension Encodings32 {
    /// FPv4-SP floating-point encodings, DDI 0403 A5.3.18 and A6.
    public static let floatingPointRows: [EncodingRow] = [
    ]
}
