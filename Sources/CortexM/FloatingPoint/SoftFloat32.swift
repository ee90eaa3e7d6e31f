/// Single-precision IEEE 754 arithmetic of the FPv4-SP extension, on bit patterns and
/// with integer arithmetic only, written from the ARMv7-M ARM (DDI 0403E) A2.5
/// "Floating-point support" pseudocode: FPUnpack, FPProcessNaN(s), FPRound, FPAdd,
/// FPSub, FPMul, FPDiv, FPSqrt, FPMulAdd, FPCompare, FPToFixed, FixedToFP,
/// FPHalfToSingle and FPSingleToHalf.
///
/// Why not Swift's `Float`: the host computes in round-to-nearest only, never flushes
/// denormals (FPSCR.FZ), does not produce Arm's default NaN (FPSCR.DN) and does not
/// report Arm's cumulative exception flags, and its NaN propagation is not Arm's. Every
/// function here takes the FPSCR value (`fpscr`): it reads the mode bits (AHP 26,
/// DN 25, FZ 24, RMode 23:22) and ORs the cumulative flags it raises into it (IDC 7,
/// IXC 4, UFC 3, OFC 2, DZC 1, IOC 0; A2.5.3). Exceptions are never trapped on the M4.
///
/// Exact values are carried as `sign`, an integer `mantissa` and a binary `exponent`
/// (value = mantissa × 2^exponent). Where bits must be dropped before the final
/// rounding (alignment of addends, quotients, square roots) they are "jammed" into
/// bit 0 (a sticky bit) at least two places below the rounding position, which leaves
/// the round-to-nearest, directed rounding and inexact decisions of FPRound unchanged.
public enum SoftFloat32 {
    // MARK: FPSCR bits (DDI 0403E A2.5.3)

    /// Invalid Operation cumulative flag, FPSCR[0].
    public static let invalidOperation: UInt32 = 1 << 0
    /// Division by Zero cumulative flag, FPSCR[1].
    public static let divideByZero: UInt32 = 1 << 1
    /// Overflow cumulative flag, FPSCR[2].
    public static let overflow: UInt32 = 1 << 2
    /// Underflow cumulative flag, FPSCR[3].
    public static let underflow: UInt32 = 1 << 3
    /// Inexact cumulative flag, FPSCR[4].
    public static let inexact: UInt32 = 1 << 4
    /// Input Denormal cumulative flag, FPSCR[7].
    public static let inputDenormal: UInt32 = 1 << 7
    /// Flush-to-zero mode, FPSCR[24].
    public static let flushToZero: UInt32 = 1 << 24
    /// Default NaN mode, FPSCR[25].
    public static let defaultNaNMode: UInt32 = 1 << 25
    /// Alternative half-precision, FPSCR[26].
    public static let alternativeHalf: UInt32 = 1 << 26

    /// FPDefaultNaN (A2.5): positive quiet NaN with an all-zero payload.
    public static let defaultNaN: UInt32 = 0x7FC0_0000

    /// RMode values, FPSCR[23:22].
    public enum RoundingMode: UInt32, Sendable, CaseIterable {
        case nearest = 0, towardPlusInfinity = 1, towardMinusInfinity = 2, towardZero = 3
    }

    /// FPSCR's rounding mode.
    @inline(__always) static func roundingMode(_ fpscr: UInt32) -> UInt32 { (fpscr >> 22) & 3 }

    // MARK: Unpacking (FPUnpack, FPProcessNaN, FPProcessNaNs)

    /// FPType of the pseudocode.
    enum Kind { case zero, finite, infinity, quietNaN, signallingNaN }

    /// An unpacked operand: `value = mantissa × 2^exponent` for `.finite`, with the
    /// mantissa normalized to [2^23, 2^24).
    struct Unpacked {
        var kind: Kind
        var sign: UInt32
        var mantissa: UInt64
        var exponent: Int
        var isNaN: Bool { kind == .quietNaN || kind == .signallingNaN }
    }

    /// FPUnpack for single precision: FZ turns a denormal input into a zero and sets IDC.
    @inline(__always)
    static func unpack(_ bits: UInt32, _ fpscr: inout UInt32) -> Unpacked {
        let sign = bits >> 31
        let biased = Int((bits >> 23) & 0xFF)
        let fraction = bits & 0x7F_FFFF
        if biased == 0 {
            if fraction == 0 { return Unpacked(kind: .zero, sign: sign, mantissa: 0, exponent: 0) }
            if fpscr & flushToZero != 0 {
                fpscr |= inputDenormal
                return Unpacked(kind: .zero, sign: sign, mantissa: 0, exponent: 0)
            }
            let shift = fraction.leadingZeroBitCount - 8
            return Unpacked(kind: .finite, sign: sign, mantissa: UInt64(fraction) << shift, exponent: -149 - shift)
        }
        if biased == 0xFF {
            if fraction == 0 { return Unpacked(kind: .infinity, sign: sign, mantissa: 0, exponent: 0) }
            let kind: Kind = fraction & 0x40_0000 != 0 ? .quietNaN : .signallingNaN
            return Unpacked(kind: kind, sign: sign, mantissa: 0, exponent: 0)
        }
        return Unpacked(kind: .finite, sign: sign, mantissa: UInt64(fraction | 0x80_0000), exponent: biased - 150)
    }

    /// FPProcessNaN: a signalling NaN is quietened and raises IOC; DN replaces any NaN
    /// by the default NaN.
    @inline(__always)
    static func processNaN(_ kind: Kind, _ bits: UInt32, _ fpscr: inout UInt32) -> UInt32 {
        var result = bits
        if kind == .signallingNaN {
            result |= 0x40_0000
            fpscr |= invalidOperation
        }
        if fpscr & defaultNaNMode != 0 { result = defaultNaN }
        return result
    }

    /// FPProcessNaNs: the first signalling NaN in operand order, else the first quiet NaN.
    @inline(__always)
    static func processNaNs(
        _ a: Unpacked, _ aBits: UInt32, _ b: Unpacked, _ bBits: UInt32, _ fpscr: inout UInt32
    ) -> UInt32? {
        if a.kind == .signallingNaN { return processNaN(a.kind, aBits, &fpscr) }
        if b.kind == .signallingNaN { return processNaN(b.kind, bBits, &fpscr) }
        if a.kind == .quietNaN { return processNaN(a.kind, aBits, &fpscr) }
        if b.kind == .quietNaN { return processNaN(b.kind, bBits, &fpscr) }
        return nil
    }

    /// FPProcessNaNs3: signalling NaNs first (operands 1, 2, 3), then quiet NaNs.
    static func processNaNs3(
        _ a: Unpacked, _ aBits: UInt32, _ b: Unpacked, _ bBits: UInt32, _ c: Unpacked, _ cBits: UInt32,
        _ fpscr: inout UInt32
    ) -> UInt32? {
        if a.kind == .signallingNaN { return processNaN(a.kind, aBits, &fpscr) }
        if b.kind == .signallingNaN { return processNaN(b.kind, bBits, &fpscr) }
        if c.kind == .signallingNaN { return processNaN(c.kind, cBits, &fpscr) }
        if a.kind == .quietNaN { return processNaN(a.kind, aBits, &fpscr) }
        if b.kind == .quietNaN { return processNaN(b.kind, bBits, &fpscr) }
        if c.kind == .quietNaN { return processNaN(c.kind, cBits, &fpscr) }
        return nil
    }

    @inline(__always) static func zero(_ sign: UInt32) -> UInt32 { sign << 31 }
    @inline(__always) static func infinity(_ sign: UInt32) -> UInt32 { sign << 31 | 0x7F80_0000 }

    /// The zero an exact cancellation produces: −0 only when rounding toward −∞ (FPAdd).
    @inline(__always) static func exactZero(_ fpscr: UInt32) -> UInt32 {
        roundingMode(fpscr) == RoundingMode.towardMinusInfinity.rawValue ? 0x8000_0000 : 0
    }

    // MARK: Rounding (FPRound)

    /// The parameters of a destination format in FPRound.
    struct Format {
        /// Fraction bits F.
        let fractionBits: Int
        /// Exponent bits E.
        let exponentBits: Int
        /// Smallest normal exponent.
        let minimumExponent: Int
        /// Whether this is half precision with FPSCR.AHP set (no infinities or NaNs).
        let isAlternative: Bool
        /// Whether FPSCR.FZ applies (single precision; not half precision).
        let flushes: Bool

        static let single = Format(fractionBits: 23, exponentBits: 8, minimumExponent: -126, isAlternative: false, flushes: true)
        static let half = Format(fractionBits: 10, exponentBits: 5, minimumExponent: -14, isAlternative: false, flushes: false)
        static let alternativeHalf = Format(fractionBits: 10, exponentBits: 5, minimumExponent: -14, isAlternative: true, flushes: false)
    }

    /// FPRound (DDI 0403E A2.5) of the non-zero real `mantissa × 2^exponent` (bit 0
    /// of `mantissa` may be a sticky bit, see the type's comment).
    ///
    /// As in the pseudocode: FZ flushes a result whose unrounded exponent is below the
    /// normal range to zero and sets UFC (not IXC); otherwise tininess is detected
    /// BEFORE rounding (`biased_exp == 0` is computed from the unrounded value) and UFC
    /// is set only when such a tiny result is also inexact; overflow gives infinity or
    /// the largest normal number depending on the rounding mode and sets OFC and IXC.
    /// For alternative half precision, overflow gives the largest magnitude with IOC
    /// and no IXC.
    @inline(__always)
    static func round(
        sign: UInt32, mantissa: UInt64, exponent: Int, format: Format = .single, _ fpscr: inout UInt32
    ) -> UInt32 {
        let leadingZeros = mantissa.leadingZeroBitCount
        // Leading one at bit 62, which leaves at least 39 bits below the rounding position.
        let normalized = leadingZeros == 0 ? shiftRightJamming(mantissa, 1) : mantissa << UInt64(leadingZeros - 1)
        let unbiased = exponent + 63 - leadingZeros  // value = 1.xxx × 2^unbiased
        let minimum = format.minimumExponent
        let fractionBits = format.fractionBits
        if format.flushes && fpscr & flushToZero != 0 && unbiased < minimum {
            fpscr |= underflow
            return zero(sign)
        }
        var biasedExponent = max(unbiased - minimum + 1, 0)
        var shift = 62 - fractionBits
        if biasedExponent == 0 { shift += minimum - unbiased }
        var integerMantissa: UInt64
        var remainder: UInt64
        var half: UInt64
        if shift >= 64 {
            integerMantissa = 0
            remainder = normalized  // non-zero and below one half (normalized < 2^63)
            half = UInt64(1) << 63
        } else {
            integerMantissa = normalized >> UInt64(shift)
            remainder = normalized & ((UInt64(1) << UInt64(shift)) - 1)
            half = UInt64(1) << UInt64(shift - 1)
        }
        let isInexact = remainder != 0
        if biasedExponent == 0 && isInexact { fpscr |= underflow }
        let roundUp: Bool
        let overflowToInfinity: Bool
        switch roundingMode(fpscr) {
        case 0:
            roundUp = remainder > half || (remainder == half && integerMantissa & 1 == 1)
            overflowToInfinity = true
        case 1:
            roundUp = isInexact && sign == 0
            overflowToInfinity = sign == 0
        case 2:
            roundUp = isInexact && sign == 1
            overflowToInfinity = sign == 1
        default:
            roundUp = false
            overflowToInfinity = false
        }
        if roundUp {
            integerMantissa += 1
            if integerMantissa == UInt64(1) << UInt64(fractionBits) { biasedExponent = 1 }
            if integerMantissa == UInt64(1) << UInt64(fractionBits + 1) {
                biasedExponent += 1
                integerMantissa >>= 1
            }
        }
        let width = 1 + format.exponentBits + fractionBits
        let signBit = sign << UInt32(width - 1)
        let fractionMask = (UInt64(1) << UInt64(fractionBits)) - 1
        let maximumBiased = (1 << format.exponentBits) - 1
        if format.isAlternative {
            if biasedExponent > maximumBiased {
                fpscr |= invalidOperation
                return signBit | UInt32((1 << (width - 1)) - 1)
            }
        } else if biasedExponent >= maximumBiased {
            fpscr |= overflow | inexact
            if overflowToInfinity { return signBit | UInt32(maximumBiased) << UInt32(fractionBits) }
            return signBit | UInt32(maximumBiased - 1) << UInt32(fractionBits) | UInt32(fractionMask)
        }
        if isInexact { fpscr |= inexact }
        return signBit | UInt32(biasedExponent) << UInt32(fractionBits) | UInt32(integerMantissa & fractionMask)
    }

    /// Shifts `value` right by `amount`, ORing any bit shifted out into bit 0.
    @inline(__always) static func shiftRightJamming(_ value: UInt64, _ amount: Int) -> UInt64 {
        if amount <= 0 { return value }
        if amount >= 64 { return value != 0 ? 1 : 0 }
        let lost = value & ((UInt64(1) << UInt64(amount)) - 1)
        return value >> UInt64(amount) | (lost != 0 ? 1 : 0)
    }

    // MARK: Arithmetic

    /// The exact sum of two finite non-zero or zero operands, rounded (the numeric tail
    /// of FPAdd and FPSub).
    @inline(__always)
    static func addFinite(_ a: Unpacked, _ b: Unpacked, _ fpscr: inout UInt32) -> UInt32 {
        if a.kind == .zero { return round(sign: b.sign, mantissa: b.mantissa, exponent: b.exponent, &fpscr) }
        if b.kind == .zero { return round(sign: a.sign, mantissa: a.mantissa, exponent: a.exponent, &fpscr) }
        // Both mantissas in [2^23, 2^24); put the larger exponent's at bit 61.
        let (big, small) = a.exponent >= b.exponent ? (a, b) : (b, a)
        let bigMantissa = big.mantissa << 38
        let smallMantissa = shiftRightJamming(small.mantissa << 38, big.exponent - small.exponent)
        let exponent = big.exponent - 38
        if big.sign == small.sign {
            return round(sign: big.sign, mantissa: bigMantissa + smallMantissa, exponent: exponent, &fpscr)
        }
        if bigMantissa == smallMantissa { return exactZero(fpscr) }
        if bigMantissa > smallMantissa {
            return round(sign: big.sign, mantissa: bigMantissa - smallMantissa, exponent: exponent, &fpscr)
        }
        return round(sign: small.sign, mantissa: smallMantissa - bigMantissa, exponent: exponent, &fpscr)
    }

    /// FPAdd (A2.5).
    public static func add(_ op1: UInt32, _ op2: UInt32, _ fpscr: inout UInt32) -> UInt32 {
        let a = unpack(op1, &fpscr)
        let b = unpack(op2, &fpscr)
        return addUnpacked(a, op1, b, op2, &fpscr)
    }

    /// FPSub (A2.5): FPAdd with the second operand's sign inverted, except that a NaN
    /// second operand propagates unchanged.
    public static func subtract(_ op1: UInt32, _ op2: UInt32, _ fpscr: inout UInt32) -> UInt32 {
        let a = unpack(op1, &fpscr)
        var b = unpack(op2, &fpscr)
        if let nan = processNaNs(a, op1, b, op2, &fpscr) { return nan }
        b.sign ^= 1
        return addUnpacked(a, op1, b, op2, &fpscr)
    }

    @inline(__always)
    static func addUnpacked(_ a: Unpacked, _ op1: UInt32, _ b: Unpacked, _ op2: UInt32, _ fpscr: inout UInt32) -> UInt32 {
        if let nan = processNaNs(a, op1, b, op2, &fpscr) { return nan }
        let infinity1 = a.kind == .infinity, infinity2 = b.kind == .infinity
        if infinity1 && infinity2 && a.sign != b.sign {
            fpscr |= invalidOperation
            return defaultNaN
        }
        if infinity1 { return infinity(a.sign) }
        if infinity2 { return infinity(b.sign) }
        if a.kind == .zero && b.kind == .zero {
            return a.sign == b.sign ? zero(a.sign) : exactZero(fpscr)
        }
        return addFinite(a, b, &fpscr)
    }

    /// FPMul (A2.5).
    public static func multiply(_ op1: UInt32, _ op2: UInt32, _ fpscr: inout UInt32) -> UInt32 {
        let a = unpack(op1, &fpscr)
        let b = unpack(op2, &fpscr)
        if let nan = processNaNs(a, op1, b, op2, &fpscr) { return nan }
        let sign = a.sign ^ b.sign
        if (a.kind == .infinity && b.kind == .zero) || (a.kind == .zero && b.kind == .infinity) {
            fpscr |= invalidOperation
            return defaultNaN
        }
        if a.kind == .infinity || b.kind == .infinity { return infinity(sign) }
        if a.kind == .zero || b.kind == .zero { return zero(sign) }
        return round(sign: sign, mantissa: a.mantissa * b.mantissa, exponent: a.exponent + b.exponent, &fpscr)
    }

    /// FPDiv (A2.5). The quotient of the 24-bit mantissas is computed to 39+ bits
    /// with the remainder as sticky bit.
    public static func divide(_ op1: UInt32, _ op2: UInt32, _ fpscr: inout UInt32) -> UInt32 {
        let a = unpack(op1, &fpscr)
        let b = unpack(op2, &fpscr)
        if let nan = processNaNs(a, op1, b, op2, &fpscr) { return nan }
        let sign = a.sign ^ b.sign
        if (a.kind == .infinity && b.kind == .infinity) || (a.kind == .zero && b.kind == .zero) {
            fpscr |= invalidOperation
            return defaultNaN
        }
        if a.kind == .infinity || b.kind == .zero {
            if a.kind != .infinity { fpscr |= divideByZero }
            return infinity(sign)
        }
        if a.kind == .zero || b.kind == .infinity { return zero(sign) }
        let dividend = a.mantissa << 40
        let quotient = dividend / b.mantissa
        let sticky: UInt64 = quotient * b.mantissa != dividend ? 1 : 0
        return round(sign: sign, mantissa: quotient << 1 | sticky, exponent: a.exponent - b.exponent - 41, &fpscr)
    }

    /// FPSqrt (A2.5). The integer square root of the mantissa scaled by 2^36 has
    /// 30+ bits; a non-zero remainder is the sticky bit.
    public static func squareRoot(_ op: UInt32, _ fpscr: inout UInt32) -> UInt32 {
        let a = unpack(op, &fpscr)
        switch a.kind {
        case .quietNaN, .signallingNaN: return processNaN(a.kind, op, &fpscr)
        case .zero: return zero(a.sign)
        case .infinity where a.sign == 0: return infinity(0)
        default: break
        }
        if a.sign == 1 {
            fpscr |= invalidOperation
            return defaultNaN
        }
        var mantissa = a.mantissa
        var exponent = a.exponent
        if exponent & 1 != 0 {
            mantissa <<= 1
            exponent -= 1
        }
        let radicand = mantissa << 36
        let root = integerSquareRoot(radicand)
        let sticky: UInt64 = root * root != radicand ? 1 : 0
        return round(sign: 0, mantissa: root << 1 | sticky, exponent: (exponent - 36) / 2 - 1, &fpscr)
    }

    /// floor(√value), bit by bit.
    static func integerSquareRoot(_ value: UInt64) -> UInt64 {
        var remainder = value
        var root: UInt64 = 0
        var bit: UInt64 = 1 << 62
        while bit > value { bit >>= 2 }
        while bit != 0 {
            if remainder >= root + bit {
                remainder -= root + bit
                root = root >> 1 + bit
            } else {
                root >>= 1
            }
            bit >>= 2
        }
        return root
    }

    /// FPMulAdd (A2.5): `addend + op1 × op2` with a single rounding (VFMA family).
    public static func fusedMultiplyAdd(_ addend: UInt32, _ op1: UInt32, _ op2: UInt32, _ fpscr: inout UInt32) -> UInt32 {
        let c = unpack(addend, &fpscr)
        let a = unpack(op1, &fpscr)
        let b = unpack(op2, &fpscr)
        let infinityZero = (a.kind == .infinity && b.kind == .zero) || (a.kind == .zero && b.kind == .infinity)
        if let nan = processNaNs3(c, addend, a, op1, b, op2, &fpscr) {
            // A quiet-NaN addend does not hide the invalid product ∞ × 0.
            if c.kind == .quietNaN && infinityZero {
                fpscr |= invalidOperation
                return defaultNaN
            }
            return nan
        }
        let productSign = a.sign ^ b.sign
        let productInfinite = a.kind == .infinity || b.kind == .infinity
        let productZero = a.kind == .zero || b.kind == .zero
        if infinityZero || (c.kind == .infinity && productInfinite && c.sign != productSign) {
            fpscr |= invalidOperation
            return defaultNaN
        }
        if c.kind == .infinity { return infinity(c.sign) }
        if productInfinite { return infinity(productSign) }
        if c.kind == .zero && productZero {
            return c.sign == productSign ? zero(c.sign) : exactZero(fpscr)
        }
        if productZero { return round(sign: c.sign, mantissa: c.mantissa, exponent: c.exponent, &fpscr) }
        // Exact product (48 bits) and addend aligned in 128 bits, leading ones at bit 111.
        var product = UInt128(a.mantissa * b.mantissa)
        var productExponent = a.exponent + b.exponent
        let productShift = 111 - (127 - product.leadingZeroBitCount)
        product <<= UInt128(productShift)
        productExponent -= productShift
        if c.kind == .zero {
            return roundWide(sign: productSign, mantissa: product, exponent: productExponent, &fpscr)
        }
        let addendValue = UInt128(c.mantissa) << 88
        let addendExponent = c.exponent - 88
        let big: (sign: UInt32, mantissa: UInt128, exponent: Int)
        let small: (sign: UInt32, mantissa: UInt128, exponent: Int)
        if productExponent >= addendExponent {
            big = (productSign, product, productExponent)
            small = (c.sign, addendValue, addendExponent)
        } else {
            big = (c.sign, addendValue, addendExponent)
            small = (productSign, product, productExponent)
        }
        let aligned = shiftRightJamming128(small.mantissa, big.exponent - small.exponent)
        if big.sign == small.sign {
            return roundWide(sign: big.sign, mantissa: big.mantissa + aligned, exponent: big.exponent, &fpscr)
        }
        if big.mantissa == aligned { return exactZero(fpscr) }
        if big.mantissa > aligned {
            return roundWide(sign: big.sign, mantissa: big.mantissa - aligned, exponent: big.exponent, &fpscr)
        }
        return roundWide(sign: small.sign, mantissa: aligned - big.mantissa, exponent: big.exponent, &fpscr)
    }

    static func shiftRightJamming128(_ value: UInt128, _ amount: Int) -> UInt128 {
        if amount <= 0 { return value }
        if amount >= 128 { return value != 0 ? 1 : 0 }
        let lost = value & ((UInt128(1) << UInt128(amount)) - 1)
        return value >> UInt128(amount) | (lost != 0 ? 1 : 0)
    }

    /// Narrows a 128-bit exact value to 63 bits with a sticky bit, then rounds.
    static func roundWide(sign: UInt32, mantissa: UInt128, exponent: Int, _ fpscr: inout UInt32) -> UInt32 {
        let width = 128 - mantissa.leadingZeroBitCount
        let drop = max(width - 63, 0)
        let narrowed: UInt128 = shiftRightJamming128(mantissa, drop)
        return round(sign: sign, mantissa: UInt64(narrowed), exponent: exponent + drop, &fpscr)
    }

    /// FPNeg: inverts the sign bit, NaNs included; no flags.
    @inline(__always) public static func negate(_ op: UInt32) -> UInt32 { op ^ 0x8000_0000 }

    /// FPAbs: clears the sign bit; no flags.
    @inline(__always) public static func absolute(_ op: UInt32) -> UInt32 { op & 0x7FFF_FFFF }

    // MARK: Comparison (FPCompare)

    /// FPCompare (A2.5): the FPSCR N Z C V result (bits 31:28). Unordered gives
    /// 0011 and IOC for a signalling NaN, or for any NaN when `quietNaNRaises` (VCMPE).
    public static func compare(_ op1: UInt32, _ op2: UInt32, quietNaNRaises: Bool, _ fpscr: inout UInt32) -> UInt32 {
        let a = unpack(op1, &fpscr)
        let b = unpack(op2, &fpscr)
        if a.isNaN || b.isNaN {
            if a.kind == .signallingNaN || b.kind == .signallingNaN || quietNaNRaises { fpscr |= invalidOperation }
            return 0b0011
        }
        let x = orderKey(a, op1), y = orderKey(b, op2)
        if x == y { return 0b0110 }
        return x < y ? 0b1000 : 0b0010
    }

    /// A signed integer in the order of the real values (±0 equal; flushed denormals 0).
    @inline(__always) static func orderKey(_ u: Unpacked, _ bits: UInt32) -> Int64 {
        if u.kind == .zero { return 0 }
        let magnitude = Int64(bits & 0x7FFF_FFFF)
        return u.sign == 1 ? -magnitude : magnitude
    }

    // MARK: Conversions (FPToFixed, FixedToFP)

    /// FPToFixed (A2.5): converts to a `size`-bit (16 or 32) integer with
    /// `fractionBits` fraction bits, saturating with IOC; NaN gives 0 with IOC;
    /// otherwise IXC when inexact. `roundTowardZero` overrides FPSCR.RMode (VCVT).
    /// The result is the `size`-bit pattern, not extended.
    public static func toFixed(
        _ op: UInt32, size: Int, fractionBits: Int, isUnsigned: Bool, roundTowardZero: Bool, _ fpscr: inout UInt32
    ) -> UInt32 {
        var mode = fpscr
        if roundTowardZero { mode |= 3 << 22 }
        let a = unpack(op, &mode)
        fpscr |= mode & 0x9F
        let maximum: Int64 = isUnsigned ? (Int64(1) << size) - 1 : (Int64(1) << (size - 1)) - 1
        let minimum: Int64 = isUnsigned ? 0 : -(Int64(1) << (size - 1))
        let mask = size == 32 ? UInt32.max : (UInt32(1) << UInt32(size)) - 1
        var integer: Int64
        var remainder: UInt64 = 0
        var half: UInt64 = 0
        switch a.kind {
        case .quietNaN, .signallingNaN:
            fpscr |= invalidOperation
            return 0
        case .zero:
            return 0
        case .infinity:
            fpscr |= invalidOperation
            return UInt32(truncatingIfNeeded: a.sign == 1 ? minimum : maximum) & mask
        case .finite:
            let exponent = a.exponent + fractionBits
            var magnitude: UInt64
            if exponent >= 0 {
                if exponent > 38 {  // |value| ≥ 2^62: saturates whatever the rounding
                    fpscr |= invalidOperation
                    return UInt32(truncatingIfNeeded: a.sign == 1 ? minimum : maximum) & mask
                }
                magnitude = a.mantissa << UInt64(exponent)
            } else if -exponent >= 64 {
                magnitude = 0
                remainder = 1  // non-zero and far below one half; only its order matters
                half = UInt64(1) << 62
            } else {
                let shift = UInt64(-exponent)
                magnitude = a.mantissa >> shift
                remainder = a.mantissa & ((UInt64(1) << shift) - 1)
                half = UInt64(1) << (shift - 1)
            }
            // RoundDown of a negative value: floor, with the error measured upward.
            integer = a.sign == 1 ? -Int64(magnitude) : Int64(magnitude)
            if a.sign == 1 && remainder != 0 {
                integer -= 1
                remainder = (half << 1) - remainder  // error = value − floor(value)
            }
        }
        let isInexact = remainder != 0
        let roundUp: Bool
        switch roundingMode(mode) {
        case 0: roundUp = remainder > half || (remainder == half && isInexact && integer & 1 == 1)
        case 1: roundUp = isInexact
        case 2: roundUp = false
        default: roundUp = isInexact && integer < 0
        }
        if roundUp { integer += 1 }
        if integer > maximum || integer < minimum {
            fpscr |= invalidOperation
            return UInt32(truncatingIfNeeded: integer > maximum ? maximum : minimum) & mask
        }
        if isInexact { fpscr |= inexact }
        return UInt32(truncatingIfNeeded: integer) & mask
    }

    /// FixedToFP (A2.5): the `size`-bit (16 or 32) fixed-point value in the low bits
    /// of `op` with `fractionBits` fraction bits, rounded with FPSCR.RMode, or to
    /// nearest when `roundToNearest` (VCVT from fixed-point passes TRUE, A7.7.233;
    /// VCVT from integer passes FALSE, A7.7.230).
    public static func fromFixed(
        _ op: UInt32, size: Int, fractionBits: Int, isUnsigned: Bool, roundToNearest: Bool = false, _ fpscr: inout UInt32
    ) -> UInt32 {
        let bits = size == 32 ? op : op & 0xFFFF
        let value: Int64 = isUnsigned ? Int64(bits) : Int64(size == 32 ? Int64(Int32(bitPattern: bits)) : Int64(Int16(truncatingIfNeeded: bits)))
        if value == 0 { return 0 }
        guard roundToNearest else {
            return round(sign: value < 0 ? 1 : 0, mantissa: value.magnitude, exponent: -fractionBits, &fpscr)
        }
        let roundingMode: UInt32 = 3 << 22
        var status = fpscr & ~roundingMode
        let result = round(sign: value < 0 ? 1 : 0, mantissa: value.magnitude, exponent: -fractionBits, &status)
        fpscr = (status & ~roundingMode) | (fpscr & roundingMode)
        return result
    }

    // MARK: Half precision (FPHalfToSingle, FPSingleToHalf)

    /// FPHalfToSingle (A2.5): exact; AHP reads the all-ones exponent as a number;
    /// a NaN keeps its payload (or is the default NaN with DN), IOC for a signalling one.
    public static func halfToSingle(_ half: UInt16, _ fpscr: inout UInt32) -> UInt32 {
        let sign = UInt32(half >> 15)
        let biased = Int((half >> 10) & 0x1F)
        let fraction = UInt64(half & 0x3FF)
        if biased == 0 {
            if fraction == 0 { return zero(sign) }
            return round(sign: sign, mantissa: fraction, exponent: -24, &fpscr)
        }
        if biased == 0x1F && fpscr & alternativeHalf == 0 {
            if fraction == 0 { return infinity(sign) }
            let isSignalling = fraction & 0x200 == 0
            if isSignalling { fpscr |= invalidOperation }
            if fpscr & defaultNaNMode != 0 { return defaultNaN }
            return sign << 31 | 0x7FC0_0000 | UInt32(fraction & 0x1FF) << 13
        }
        return round(sign: sign, mantissa: fraction | 0x400, exponent: biased - 25, &fpscr)
    }

    /// FPSingleToHalf (A2.5): rounds with FPSCR.RMode to IEEE half precision, or with
    /// AHP to the alternative format (NaN → a zero of the NaN's sign with IOC, ∞ → the
    /// largest value of the infinity's sign with IOC). The sign of the NaN case was
    /// settled by two independent references that agree: QEMU's FPv4 model and the
    /// exact Python model of firmware/reference/torture_fpu.py.
    public static func singleToHalf(_ op: UInt32, _ fpscr: inout UInt32) -> UInt16 {
        let a = unpack(op, &fpscr)
        let isAlternative = fpscr & alternativeHalf != 0
        let signBit = UInt16(a.sign) << 15
        switch a.kind {
        case .quietNaN, .signallingNaN:
            if a.kind == .signallingNaN || isAlternative { fpscr |= invalidOperation }
            if isAlternative { return signBit }
            if fpscr & defaultNaNMode != 0 { return 0x7E00 }
            return signBit | 0x7E00 | UInt16((op >> 13) & 0x1FF)
        case .infinity:
            if isAlternative {
                fpscr |= invalidOperation
                return signBit | 0x7FFF
            }
            return signBit | 0x7C00
        case .zero:
            return signBit
        case .finite:
            let result = round(sign: a.sign, mantissa: a.mantissa, exponent: a.exponent, format: isAlternative ? .alternativeHalf : .half, &fpscr)
            return UInt16(truncatingIfNeeded: result)
        }
    }

    // MARK: Immediates (VFPExpandImm)

    /// VFPExpandImm (A6.4.1) for single precision: sign = imm8[7],
    /// exponent = NOT(imm8[6]) : imm8[6]×5 : imm8[5:4], fraction = imm8[3:0] : 0×19.
    public static func expandImmediate(_ imm8: UInt32) -> UInt32 {
        let sign = (imm8 >> 7) & 1
        let b = (imm8 >> 6) & 1
        let exponent = (b ^ 1) << 7 | (b == 1 ? 0b11111 : 0) << 2 | (imm8 >> 4) & 3
        return sign << 31 | exponent << 23 | (imm8 & 0xF) << 19
    }
}
