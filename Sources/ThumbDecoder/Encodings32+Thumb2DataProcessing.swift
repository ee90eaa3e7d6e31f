extension Encodings32 {
    /// Thumb-2 data processing, multiply and divide encodings (DDI 0403 A5.3.1-A5.3.3, A5.3.11, A5.3.12, A5.3.16, A5.3.17).
    public static let thumb2DataProcessingRows: [EncodingRow] = [
    ]
}
