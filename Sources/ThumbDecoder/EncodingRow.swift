/// One row of an encoding table: the manual's name for an encoding, where it is
/// described, which architecture introduced it, its bit pattern and its decoder.
///
/// The pattern is written MSB first as drawn in the manual: `0`/`1` fixed bits,
/// `x` or a named field such as `Rm:3` for variable bits, and `(0)`/`(1)` for
/// should-be bits. Should-be bits are matched as variable: the Arm ARM calls a
/// mismatch UNPREDICTABLE and armsim chooses to execute the instruction as if the
/// bits were correct (what Cortex-M0/M0+/M4 silicon is generally observed to do).
public struct EncodingRow: Sendable {
    /// Decodes raw bits at `address` into an `Instruction`.
    public typealias Decode = @Sendable (_ raw: UInt32, _ address: UInt32) -> Instruction

    /// The instruction's name as the manual spells it, e.g. `ADD (immediate)`.
    public let name: String
    /// The encoding label, e.g. `T1`.
    public let form: String
    /// Section of the Arm ARM that defines it, e.g. `DDI0419 A6.7.2`.
    public let section: String
    /// The architecture that introduced the encoding.
    public let level: ArchitectureLevel
    /// Bit pattern as drawn in the manual.
    public let pattern: String
    /// Fixed-bit mask and value parsed from `pattern`.
    public let mask: UInt32
    public let value: UInt32
    /// Number of bits in the pattern: 16 or 32.
    public let bitCount: Int
    public let decode: Decode

    public init(
        _ name: String, _ form: String, _ section: String, _ level: ArchitectureLevel,
        _ pattern: String, _ decode: @escaping Decode
    ) {
        self.name = name
        self.form = form
        self.section = section
        self.level = level
        self.pattern = pattern
        self.decode = decode
        let parsed = EncodingRow.parse(pattern)
        self.mask = parsed.mask
        self.value = parsed.value
        self.bitCount = parsed.bitCount
    }

    /// Whether `raw` has this row's fixed bits.
    @inlinable public func matches(_ raw: UInt32) -> Bool { raw & mask == value }

    /// Turns a pattern such as `0001110 imm3:3 Rn:3 Rd:3` into a mask/value pair.
    static func parse(_ pattern: String) -> (mask: UInt32, value: UInt32, bitCount: Int) {
        var bits: [Character] = []
        // Should-be bits "(0)"/"(1)" become a token "x" of their own, so that one written
        // against a field ("Rm:4(0)") or fixed bits ("1(0)1") does not join that token;
        // the characters inside parentheses are dropped.
        var normalized = ""
        var insideParentheses = false
        for character in pattern {
            switch character {
            case "(": insideParentheses = true; normalized.append(" x ")
            case ")": insideParentheses = false
            default: if !insideParentheses { normalized.append(character) }
            }
        }
        for token in normalized.split(whereSeparator: { $0 == " " || $0 == "|" }) {
            if let colon = token.firstIndex(of: ":"), let width = Int(token[token.index(after: colon)...]) {
                bits.append(contentsOf: repeatElement("x", count: width))
            } else {
                for character in token {
                    switch character {
                    case "0", "1": bits.append(character)
                    default: bits.append("x")
                    }
                }
            }
        }
        var mask: UInt32 = 0
        var value: UInt32 = 0
        for bit in bits {
            mask <<= 1
            value <<= 1
            if bit != "x" {
                mask |= 1
                if bit == "1" { value |= 1 }
            }
        }
        return (mask, value, bits.count)
    }
}

/// Extracts `count` bits of `raw` starting at bit `low`.
@inline(__always) func bits(_ raw: UInt32, _ low: Int, _ count: Int) -> UInt32 {
    (raw >> UInt32(low)) & ((1 << UInt32(count)) - 1)
}

/// Extracts a register field of `raw` starting at bit `low`, `count` bits wide.
@inline(__always) func register(_ raw: UInt32, _ low: Int, _ count: Int = 3) -> UInt8 {
    UInt8(truncatingIfNeeded: bits(raw, low, count))
}

/// Sign-extends the low `width` bits of `value` to 32 bits.
@inline(__always) func signExtend(_ value: UInt32, width: Int) -> UInt32 {
    let shift = UInt32(32 - width)
    return UInt32(bitPattern: Int32(bitPattern: value << shift) >> shift)
}
