extension Encodings32 {
    /// Thumb-2 load and store encodings (DDI 0403 A5.3.5-A5.3.10).
    public static let thumb2LoadStoreRows: [EncodingRow] = [
    ]
}
