import ThumbDecoder

/// Handlers of the ARMv7E-M DSP extension (DDI 0403E A5.3.12-A5.3.17, A7.7 pages).
///
/// Each follows its A7.7 pseudocode: operands are widened to `Int32`/`Int64` so sums
/// and products are exact, as the pseudocode's unbounded integers are, and only then
/// truncated, saturated or compared for overflow. Registers SP and PC never reach these
/// handlers (the decoder makes those encodings UNDEFINED), so `r[i]` is always valid.
/// Every instruction is one cycle on the Cortex-M4 (TRM r0p1 Table 3-1), charged by
/// the generic slot cost.
extension CortexMCore {
    // MARK: Parallel addition and subtraction (A5.3.13, A5.3.14)

    /// Which pairing of halfwords a 16-bit parallel instruction uses.
    enum HalfwordPairing {
        /// ADD16: lo + lo, hi + hi.
        case add
        /// ASX: lo = n.lo − m.hi, hi = n.hi + m.lo.
        case addSubtractExchange
        /// SAX: lo = n.lo + m.hi, hi = n.hi − m.lo.
        case subtractAddExchange
        /// SUB16: lo − lo, hi − hi.
        case subtract

        /// Whether the low lane is a sum (else a difference).
        @inline(__always) var lowLaneAdds: Bool { self == .add || self == .subtractAddExchange }
        /// Whether the high lane is a sum.
        @inline(__always) var highLaneAdds: Bool { self == .add || self == .addSubtractExchange }
    }

    /// The exact lane results (low, high) of a 16-bit parallel operation, with the
    /// halfwords read signed or unsigned.
    @inline(__always) func parallelLanes16(_ x: UInt32, _ y: UInt32, _ pairing: HalfwordPairing, signed: Bool)
        -> (Int32, Int32)
    {
        let xLow = dspHalf(x, high: false, signed: signed)
        let xHigh = dspHalf(x, high: true, signed: signed)
        let yLow = dspHalf(y, high: false, signed: signed)
        let yHigh = dspHalf(y, high: true, signed: signed)
        switch pairing {
        case .add: return (xLow + yLow, xHigh + yHigh)
        case .addSubtractExchange: return (xLow - yHigh, xHigh + yLow)
        case .subtractAddExchange: return (xLow + yHigh, xHigh - yLow)
        case .subtract: return (xLow - yLow, xHigh - yHigh)
        }
    }

    /// SADD16, SASX, SSAX, SSUB16: modulo 2^16 lanes; GE[1:0] and GE[3:2] are set
    /// where the low and high lane results are ≥ 0.
    @inline(__always) func signedParallel16(_ x: UInt32, _ y: UInt32, _ pairing: HalfwordPairing) -> UInt32 {
        let (low, high) = parallelLanes16(x, y, pairing, signed: true)
        ge = (low >= 0 ? 0b0011 : 0) | (high >= 0 ? 0b1100 : 0)
        return dspPack16(low, high)
    }

    /// UADD16, UASX, USAX, USUB16: modulo 2^16 lanes; GE is set for a sum lane that
    /// carries (≥ 0x10000) and for a difference lane that does not borrow (≥ 0).
    @inline(__always) func unsignedParallel16(_ x: UInt32, _ y: UInt32, _ pairing: HalfwordPairing) -> UInt32 {
        let (low, high) = parallelLanes16(x, y, pairing, signed: false)
        let lowGE = pairing.lowLaneAdds ? low >= 0x1_0000 : low >= 0
        let highGE = pairing.highLaneAdds ? high >= 0x1_0000 : high >= 0
        ge = (lowGE ? 0b0011 : 0) | (highGE ? 0b1100 : 0)
        return dspPack16(low, high)
    }

    /// QADD16, QASX, QSAX, QSUB16: each lane SignedSat(·, 16); APSR.Q is not touched.
    @inline(__always) func saturatingParallel16(_ x: UInt32, _ y: UInt32, _ pairing: HalfwordPairing) -> UInt32 {
        let (low, high) = parallelLanes16(x, y, pairing, signed: true)
        return dspPack16(dspClamp(low, -0x8000, 0x7FFF), dspClamp(high, -0x8000, 0x7FFF))
    }

    /// UQADD16, UQASX, UQSAX, UQSUB16: each lane UnsignedSat(·, 16); Q untouched.
    @inline(__always) func unsignedSaturatingParallel16(_ x: UInt32, _ y: UInt32, _ pairing: HalfwordPairing) -> UInt32 {
        let (low, high) = parallelLanes16(x, y, pairing, signed: false)
        return dspPack16(dspClamp(low, 0, 0xFFFF), dspClamp(high, 0, 0xFFFF))
    }

    /// SHADD16, SHASX, SHSAX, SHSUB16 and the UH forms: each lane's bits 16:1.
    @inline(__always) func halvingParallel16(_ x: UInt32, _ y: UInt32, _ pairing: HalfwordPairing, signed: Bool) -> UInt32 {
        let (low, high) = parallelLanes16(x, y, pairing, signed: signed)
        return dspPack16(low >> 1, high >> 1)
    }

    /// The exact byte-lane results of ADD8 (`subtract` false) or SUB8.
    @inline(__always) func parallelLanes8(_ x: UInt32, _ y: UInt32, subtract: Bool, signed: Bool) -> (Int32, Int32, Int32, Int32) {
        @inline(__always) func lane(_ index: UInt32) -> Int32 {
            let a = dspByte(x, index, signed: signed)
            let b = dspByte(y, index, signed: signed)
            return subtract ? a - b : a + b
        }
        return (lane(0), lane(1), lane(2), lane(3))
    }

    /// SADD8, SSUB8: modulo 2^8 lanes, GE[i] set where lane i is ≥ 0.
    @inline(__always) func signedParallel8(_ x: UInt32, _ y: UInt32, subtract: Bool) -> UInt32 {
        let lanes = parallelLanes8(x, y, subtract: subtract, signed: true)
        ge = (lanes.0 >= 0 ? 1 : 0) | (lanes.1 >= 0 ? 2 : 0) | (lanes.2 >= 0 ? 4 : 0) | (lanes.3 >= 0 ? 8 : 0)
        return dspPack8(lanes)
    }

    /// UADD8 (GE[i] on carry, lane ≥ 0x100) and USUB8 (GE[i] on no borrow, lane ≥ 0).
    @inline(__always) func unsignedParallel8(_ x: UInt32, _ y: UInt32, subtract: Bool) -> UInt32 {
        let lanes = parallelLanes8(x, y, subtract: subtract, signed: false)
        let limit: Int32 = subtract ? 0 : 0x100
        ge = (lanes.0 >= limit ? 1 : 0) | (lanes.1 >= limit ? 2 : 0) | (lanes.2 >= limit ? 4 : 0) | (lanes.3 >= limit ? 8 : 0)
        return dspPack8(lanes)
    }

    /// QADD8, QSUB8: SignedSat(·, 8) per lane; Q untouched.
    @inline(__always) func saturatingParallel8(_ x: UInt32, _ y: UInt32, subtract: Bool) -> UInt32 {
        let l = parallelLanes8(x, y, subtract: subtract, signed: true)
        return dspPack8((dspClamp(l.0, -0x80, 0x7F), dspClamp(l.1, -0x80, 0x7F), dspClamp(l.2, -0x80, 0x7F), dspClamp(l.3, -0x80, 0x7F)))
    }

    /// UQADD8, UQSUB8: UnsignedSat(·, 8) per lane; Q untouched.
    @inline(__always) func unsignedSaturatingParallel8(_ x: UInt32, _ y: UInt32, subtract: Bool) -> UInt32 {
        let l = parallelLanes8(x, y, subtract: subtract, signed: false)
        return dspPack8((dspClamp(l.0, 0, 0xFF), dspClamp(l.1, 0, 0xFF), dspClamp(l.2, 0, 0xFF), dspClamp(l.3, 0, 0xFF)))
    }

    /// SHADD8, SHSUB8, UHADD8, UHSUB8: each lane's bits 8:1.
    @inline(__always) func halvingParallel8(_ x: UInt32, _ y: UInt32, subtract: Bool, signed: Bool) -> UInt32 {
        let l = parallelLanes8(x, y, subtract: subtract, signed: signed)
        return dspPack8((l.0 >> 1, l.1 >> 1, l.2 >> 1, l.3 >> 1))
    }

    /// SEL (A7.7 SEL): byte i from `x` (Rn) where GE[i] is set, else from `y` (Rm).
    @inline(__always) func select(_ x: UInt32, _ y: UInt32) -> UInt32 {
        let g = ge
        let mask = (g & 1 != 0 ? 0xFF : 0) | (g & 2 != 0 ? 0xFF00 : 0) | (g & 4 != 0 ? 0xFF_0000 : 0) | (g & 8 != 0 ? 0xFF00_0000 : 0) as UInt32
        return (x & mask) | (y & ~mask)
    }

    // MARK: Saturating arithmetic (A5.3.15)

    /// SignedSatQ(value, 32): the saturated word; sets APSR.Q when it saturates.
    @inline(__always) func signedSaturateWordQ(_ value: Int64) -> UInt32 {
        if value > Int64(Int32.max) {
            q = true
            return UInt32(Int32.max)
        }
        if value < Int64(Int32.min) {
            q = true
            return 0x8000_0000
        }
        return UInt32(truncatingIfNeeded: value)
    }

    /// QADD (`add`) and QSUB: SignedSatQ(Rm ± Rn, 32).
    @inline(__always) func saturatingAddSubtract(_ mValue: UInt32, _ nValue: UInt32, subtract: Bool) -> UInt32 {
        let x = Int64(Int32(bitPattern: mValue))
        let y = Int64(Int32(bitPattern: nValue))
        return signedSaturateWordQ(subtract ? x - y : x + y)
    }

    /// QDADD and QDSUB: SignedSatQ(Rm ± SignedSatQ(2 × Rn, 32), 32); either saturation sets Q.
    @inline(__always) func saturatingDoubleAddSubtract(_ mValue: UInt32, _ nValue: UInt32, subtract: Bool) -> UInt32 {
        let doubled = Int64(Int32(bitPattern: signedSaturateWordQ(2 * Int64(Int32(bitPattern: nValue)))))
        let x = Int64(Int32(bitPattern: mValue))
        return signedSaturateWordQ(subtract ? x - doubled : x + doubled)
    }

    /// SSAT16 (A7.7 SSAT16): each signed halfword of `value` saturated to `width` (1-16)
    /// bits; Q set if either saturates.
    @inline(__always) func signedSaturate16(_ value: UInt32, width: UInt32) -> UInt32 {
        let maximum = Int32(1) << (width - 1) - 1
        let minimum = -maximum - 1
        let low = dspHalf(value, high: false, signed: true)
        let high = dspHalf(value, high: true, signed: true)
        let lowResult = dspClamp(low, minimum, maximum)
        let highResult = dspClamp(high, minimum, maximum)
        if lowResult != low || highResult != high { q = true }
        return dspPack16(lowResult, highResult)
    }

    /// USAT16 (A7.7 USAT16): each signed halfword saturated to 0...2^width − 1 (width
    /// 0-15); Q set if either saturates.
    @inline(__always) func unsignedSaturate16(_ value: UInt32, width: UInt32) -> UInt32 {
        let maximum = Int32(1) << width - 1
        let low = dspHalf(value, high: false, signed: true)
        let high = dspHalf(value, high: true, signed: true)
        let lowResult = dspClamp(low, 0, maximum)
        let highResult = dspClamp(high, 0, maximum)
        if lowResult != low || highResult != high { q = true }
        return dspPack16(lowResult, highResult)
    }

    // MARK: Extend and add, pack, sum of absolute differences (A5.3.12, A5.3.11, A5.3.16)

    /// SXTAB, SXTAH, UXTAB, UXTAH: Rn + the low byte (`isByte`) or halfword of
    /// ROR(Rm, rotation), sign- or zero-extended.
    @inline(__always) func extendAndAdd(_ nValue: UInt32, _ mValue: UInt32, rotation: UInt32, isByte: Bool, signed: Bool) -> UInt32 {
        let rotated = mValue.dspRotatedRight(rotation)
        let extended = isByte ? dspByte(rotated, 0, signed: signed) : dspHalf(rotated, high: false, signed: signed)
        return nValue &+ UInt32(bitPattern: extended)
    }

    /// SXTAB16/UXTAB16 (`add` = Rn) and SXTB16/UXTB16 (`add` = 0): bytes 0 and 2 of
    /// ROR(Rm, rotation), sign- or zero-extended to 16 bits, added to Rn's halfwords
    /// modulo 2^16.
    @inline(__always) func extendBytesToHalfwords(_ mValue: UInt32, rotation: UInt32, add: UInt32, signed: Bool) -> UInt32 {
        let rotated = mValue.dspRotatedRight(rotation)
        let low = dspByte(rotated, 0, signed: signed) &+ Int32(truncatingIfNeeded: add & 0xFFFF)
        let high = dspByte(rotated, 2, signed: signed) &+ Int32(truncatingIfNeeded: add >> 16)
        return dspPack16(low, high)
    }

    /// PKHBT: Rn's bottom halfword with the top halfword of LSL(Rm, shift).
    @inline(__always) func packBottomTop(_ nValue: UInt32, _ mValue: UInt32, shift: UInt32) -> UInt32 {
        (nValue & 0xFFFF) | ((mValue << (shift & 31)) & 0xFFFF_0000)
    }

    /// PKHTB: Rn's top halfword with the bottom halfword of ASR(Rm, shift), shift 1-32.
    @inline(__always) func packTopBottom(_ nValue: UInt32, _ mValue: UInt32, shift: UInt32) -> UInt32 {
        let shifted = UInt32(bitPattern: Int32(bitPattern: mValue) >> Int32(min(shift, 31)))
        return (nValue & 0xFFFF_0000) | (shifted & 0xFFFF)
    }

    /// USAD8 / USADA8: the sum of the absolute differences of the four unsigned bytes.
    @inline(__always) func sumOfAbsoluteDifferences(_ x: UInt32, _ y: UInt32) -> UInt32 {
        var sum: UInt32 = 0
        for index: UInt32 in 0..<4 {
            let a = Int32(dspByte(x, index, signed: false))
            let b = Int32(dspByte(y, index, signed: false))
            sum &+= UInt32(abs(a - b))
        }
        return sum
    }

    // MARK: Signed multiplies (A5.3.16, A5.3.17)

    /// SMUL<x><y> / SMLA<x><y>: `options` bit 1 takes Rn's top half, bit 0 Rm's top half.
    @inline(__always) func halfwordProduct(_ nValue: UInt32, _ mValue: UInt32, options: UInt8) -> Int32 {
        dspHalf(nValue, high: options & 2 != 0, signed: true) * dspHalf(mValue, high: options & 1 != 0, signed: true)
    }

    /// SMLA<x><y>: product + Ra; Q set if the sum overflows 32 bits (never cleared).
    @inline(__always) func multiplyAccumulateHalfwords(_ slot: SlotPointer) -> UInt32 {
        let product = halfwordProduct(r[Int(slot.n)], r[Int(slot.m)], options: slot.options)
        return accumulateQ(Int64(product), r[Int(slot.a)])
    }

    /// `value` + SInt(accumulator) as a word; Q set if the exact sum does not fit.
    @inline(__always) func accumulateQ(_ value: Int64, _ accumulator: UInt32) -> UInt32 {
        let result = value + Int64(Int32(bitPattern: accumulator))
        if result != Int64(Int32(truncatingIfNeeded: result)) { q = true }
        return UInt32(truncatingIfNeeded: result)
    }

    /// SMULW<y>: bits 47:16 of Rn × the chosen halfword of Rm.
    @inline(__always) func multiplyWordHalfword(_ nValue: UInt32, _ mValue: UInt32, top: Bool) -> UInt32 {
        let product = Int64(Int32(bitPattern: nValue)) * Int64(dspHalf(mValue, high: top, signed: true))
        return UInt32(truncatingIfNeeded: product >> 16)
    }

    /// SMLAW<y>: bits 47:16 of Rn × halfword + (Ra << 16); Q set when that 32-bit
    /// result differs from the exact (result >> 16).
    @inline(__always) func multiplyAccumulateWordHalfword(_ slot: SlotPointer) -> UInt32 {
        let product = Int64(Int32(bitPattern: r[Int(slot.n)])) * Int64(dspHalf(r[Int(slot.m)], high: slot.options & 1 != 0, signed: true))
        let result = (product + (Int64(Int32(bitPattern: r[Int(slot.a)])) << 16)) >> 16
        if result != Int64(Int32(truncatingIfNeeded: result)) { q = true }
        return UInt32(truncatingIfNeeded: result)
    }

    /// The two products of the dual 16-bit multiplies: n.lo × m.lo and n.hi × m.hi,
    /// with Rm's halves swapped when `options` bit 0 (X) is set.
    @inline(__always) func dualProducts(_ nValue: UInt32, _ mValue: UInt32, options: UInt8) -> (Int64, Int64) {
        let operand = options & 1 != 0 ? mValue.dspRotatedRight(16) : mValue
        let first = dspHalf(nValue, high: false, signed: true) * dspHalf(operand, high: false, signed: true)
        let second = dspHalf(nValue, high: true, signed: true) * dspHalf(operand, high: true, signed: true)
        return (Int64(first), Int64(second))
    }

    /// SMUAD{X}: product1 + product2; Q set on overflow (only 0x8000 × 0x8000 twice).
    @inline(__always) func dualMultiplyAdd(_ slot: SlotPointer) -> UInt32 {
        let (first, second) = dualProducts(r[Int(slot.n)], r[Int(slot.m)], options: slot.options)
        return accumulateQ(first + second, 0)
    }

    /// SMUSD{X}: product1 − product2 (cannot overflow, Q untouched).
    @inline(__always) func dualMultiplySubtract(_ slot: SlotPointer) -> UInt32 {
        let (first, second) = dualProducts(r[Int(slot.n)], r[Int(slot.m)], options: slot.options)
        return UInt32(truncatingIfNeeded: first - second)
    }

    /// SMLAD{X} (`subtract` false) and SMLSD{X}: product1 ± product2 + Ra; Q set if the
    /// exact result does not fit 32 bits.
    @inline(__always) func dualMultiplyAccumulate(_ slot: SlotPointer, subtract: Bool) -> UInt32 {
        let (first, second) = dualProducts(r[Int(slot.n)], r[Int(slot.m)], options: slot.options)
        return accumulateQ(subtract ? first - second : first + second, r[Int(slot.a)])
    }

    /// SMMUL{R}, SMMLA{R}, SMMLS{R}: bits 63:32 of (Ra << 32) ± Rn × Rm, plus
    /// 0x80000000 first when rounding (`options` bit 0). The sum is taken modulo 2^64,
    /// which leaves bits 63:32 of the exact value unchanged.
    @inline(__always) func mostSignificantWordMultiply(_ slot: SlotPointer, accumulator: UInt32, subtract: Bool) -> UInt32 {
        let product = Int64(Int32(bitPattern: r[Int(slot.n)])) * Int64(Int32(bitPattern: r[Int(slot.m)]))
        var result = Int64(bitPattern: UInt64(accumulator) << 32)
        result = subtract ? result &- product : result &+ product
        if slot.options & 1 != 0 { result &+= 0x8000_0000 }
        return UInt32(truncatingIfNeeded: result >> 32)
    }

    /// SMLAL<x><y>, SMLALD{X}, SMLSLD{X}: adds `value` to RdHi:RdLo (modulo 2^64).
    @inline(__always) func accumulateLong(_ slot: SlotPointer, _ value: Int64) {
        let low = Int(slot.d)
        let high = Int(slot.a)
        let accumulator = UInt64(r[high]) << 32 | UInt64(r[low])
        let result = accumulator &+ UInt64(bitPattern: value)
        r[high] = UInt32(truncatingIfNeeded: result >> 32)
        r[low] = UInt32(truncatingIfNeeded: result)
    }

    /// SMLAL<x><y>: RdHi:RdLo + the halfword product.
    @inline(__always) func multiplyAccumulateLongHalfwords(_ slot: SlotPointer) {
        accumulateLong(slot, Int64(halfwordProduct(r[Int(slot.n)], r[Int(slot.m)], options: slot.options)))
    }

    /// SMLALD{X} (`subtract` false) and SMLSLD{X}: RdHi:RdLo + product1 ± product2.
    @inline(__always) func dualMultiplyAccumulateLong(_ slot: SlotPointer, subtract: Bool) {
        let (first, second) = dualProducts(r[Int(slot.n)], r[Int(slot.m)], options: slot.options)
        accumulateLong(slot, subtract ? first - second : first + second)
    }

    /// UMAAL: Rn × Rm + RdHi + RdLo, unsigned; it always fits 64 bits.
    @inline(__always) func multiplyAccumulateAccumulateLong(_ slot: SlotPointer) {
        let low = Int(slot.d)
        let high = Int(slot.a)
        let result = UInt64(r[Int(slot.n)]) * UInt64(r[Int(slot.m)]) + UInt64(r[high]) + UInt64(r[low])
        r[high] = UInt32(truncatingIfNeeded: result >> 32)
        r[low] = UInt32(truncatingIfNeeded: result)
    }
}

// MARK: Lane helpers

/// Halfword 0 (`high` false) or 1 of `value`, sign- or zero-extended.
@inline(__always) private func dspHalf(_ value: UInt32, high: Bool, signed: Bool) -> Int32 {
    let half = UInt16(truncatingIfNeeded: high ? value >> 16 : value)
    return signed ? Int32(Int16(bitPattern: half)) : Int32(half)
}

/// Byte `index` (0-3) of `value`, sign- or zero-extended.
@inline(__always) private func dspByte(_ value: UInt32, _ index: UInt32, signed: Bool) -> Int32 {
    let byte = UInt8(truncatingIfNeeded: value >> (index * 8))
    return signed ? Int32(Int8(bitPattern: byte)) : Int32(byte)
}

/// Two lane results, each truncated to 16 bits, as one word (low lane in bits 15:0).
@inline(__always) private func dspPack16(_ low: Int32, _ high: Int32) -> UInt32 {
    (UInt32(bitPattern: low) & 0xFFFF) | (UInt32(bitPattern: high) << 16)
}

/// Four lane results, each truncated to 8 bits, as one word (lane 0 in bits 7:0).
@inline(__always) private func dspPack8(_ lanes: (Int32, Int32, Int32, Int32)) -> UInt32 {
    (UInt32(bitPattern: lanes.0) & 0xFF) | (UInt32(bitPattern: lanes.1) & 0xFF) << 8
        | (UInt32(bitPattern: lanes.2) & 0xFF) << 16 | (UInt32(bitPattern: lanes.3) & 0xFF) << 24
}

/// `value` clamped to `minimum...maximum`.
@inline(__always) private func dspClamp(_ value: Int32, _ minimum: Int32, _ maximum: Int32) -> Int32 {
    value < minimum ? minimum : (value > maximum ? maximum : value)
}

extension UInt32 {
    /// ROR(value, amount) for amount 0-31.
    @inline(__always) fileprivate func dspRotatedRight(_ amount: UInt32) -> UInt32 {
        let rotation = amount & 31
        return rotation == 0 ? self : (self >> rotation) | (self << (32 - rotation))
    }
}
