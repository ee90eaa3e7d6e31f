import ThumbDecoder

/// Thumb-2 data processing, multiply and divide (DDI 0403 A5.3.1-A5.3.3, A5.3.11, A5.3.12,
/// A5.3.15-A5.3.17): the handlers the run loop calls for the ops of
/// `Encodings32.thumb2DataProcessingRows`.
///
/// The decoder has already applied every static rule: immediates are expanded
/// (ThumbExpandImm, DecodeImmShift, bit-field masks, ADR addresses) and every UNPREDICTABLE
/// register choice decoded as undefined, so no operand here is PC and only the ADD/SUB/MOV
/// forms that the manual allows can write SP. The run loop has checked the condition (IT
/// blocks); the 32-bit forms keep their S bit inside an IT block, so `slot.setsFlags` is the
/// encoding's S.
extension CortexMCore {
    // MARK: - Operand helpers

    /// Writes `value` to Rd where Rd may be SP: SP keeps bits [1:0] clear (DDI 0403 B1.4.1, as
    /// the ARMv6-M handlers do).
    @inline(__always) func writeRegisterOrSP(_ d: Int, _ value: UInt32) {
        r[d] = d == 13 ? value & ~3 : value
    }

    /// Shift_C of the shifted-register operand (A7.4.2 DecodeImmShift applied at decode): the
    /// shift type in `options` bits 0-1, RRX in bit 2, the amount in `imm`.
    @inline(__always) func shiftedOperand(_ value: UInt32, _ slot: SlotPointer) -> (UInt32, Bool) {
        if slot.options & 4 != 0 { return rotateRightWithExtend(value) }
        return shiftC(value, type: slot.options & 3, amount: slot.imm)
    }

    /// N and Z of a logical result and, with a modified immediate, C from ThumbExpandImm_C
    /// (A5.3.2): imm[31] when the expansion rotated (`options` bit 0), else unchanged.
    @inline(__always) func setLogicalImmediateFlags(_ result: UInt32, _ slot: SlotPointer) {
        setNZ(result)
        if slot.options & 1 != 0 { c = slot.imm & 0x8000_0000 != 0 }
    }

    // MARK: - Modified and plain binary immediates (A5.3.1, A5.3.3)

    /// AND, BIC, ORR, ORN, EOR, MOV, MVN, TST, TEQ with a modified immediate (A7.7.8 …).
    @inline(__always) func executeLogicalImmediate(_ slot: SlotPointer, _ result: UInt32, writes: Bool) {
        if writes { r[Int(slot.d)] = result }
        if slot.setsFlags { setLogicalImmediateFlags(result, slot) }
    }

    /// ADD/SUB/ADC/SBC/RSB/CMN/CMP (immediate): AddWithCarry(x, y, carry) into Rd (or only the
    /// flags for the compares, `writes` false).
    @inline(__always) func executeArithmetic(_ slot: SlotPointer, _ x: UInt32, _ y: UInt32, carryIn: Bool, writes: Bool) {
        let result = addWithCarry(x, y, carryIn: carryIn, setFlags: slot.setsFlags)
        if writes { writeRegisterOrSP(Int(slot.d), result) }
    }

    /// SSAT (A7.7.152): SignedSatQ(shifted, n); sets Q when it saturates.
    @inline(__always) func executeSignedSaturate(_ slot: SlotPointer) {
        let operand = r[Int(slot.n)]
        let amount = UInt32(slot.options & 0x1F)
        let shifted = slot.options & 0x20 != 0
            ? UInt32(bitPattern: Int32(bitPattern: operand) >> Int32(amount)) : operand << amount
        let value = Int64(Int32(bitPattern: shifted))
        let maximum = (Int64(1) << (Int64(slot.imm) - 1)) - 1
        let minimum = -(Int64(1) << (Int64(slot.imm) - 1))
        if value > maximum {
            r[Int(slot.d)] = UInt32(truncatingIfNeeded: maximum)
            q = true
        } else if value < minimum {
            r[Int(slot.d)] = UInt32(truncatingIfNeeded: minimum)
            q = true
        } else {
            r[Int(slot.d)] = shifted
        }
    }

    /// USAT (A7.7.213): UnsignedSatQ(shifted as signed, n); sets Q when it saturates.
    @inline(__always) func executeUnsignedSaturate(_ slot: SlotPointer) {
        let operand = r[Int(slot.n)]
        let amount = UInt32(slot.options & 0x1F)
        let shifted = slot.options & 0x20 != 0
            ? UInt32(bitPattern: Int32(bitPattern: operand) >> Int32(amount)) : operand << amount
        let value = Int64(Int32(bitPattern: shifted))
        let maximum = (Int64(1) << Int64(slot.imm)) - 1
        if value > maximum {
            r[Int(slot.d)] = UInt32(truncatingIfNeeded: maximum)
            q = true
        } else if value < 0 {
            r[Int(slot.d)] = 0
            q = true
        } else {
            r[Int(slot.d)] = shifted
        }
    }

    /// SBFX (A7.7.126): the `imm`-bit field at bit `options`, sign-extended (lsb + width ≤ 32
    /// was checked at decode).
    @inline(__always) func executeSignedBitFieldExtract(_ slot: SlotPointer) {
        let top = 32 - Int32(slot.options) - Int32(slot.imm)
        let field = Int32(bitPattern: r[Int(slot.n)] << UInt32(top)) >> (Int32(32) - Int32(slot.imm))
        r[Int(slot.d)] = UInt32(bitPattern: field)
    }

    /// UBFX (A7.7.193): the `imm`-bit field at bit `options`, zero-extended.
    @inline(__always) func executeUnsignedBitFieldExtract(_ slot: SlotPointer) {
        let mask = UInt32.max >> (32 - slot.imm)
        r[Int(slot.d)] = (r[Int(slot.n)] >> UInt32(slot.options)) & mask
    }

    // MARK: - Shifted register (A5.3.11)

    /// Writes a logical result with the shifter's carry: Rd unless `writes` is false (TST, TEQ);
    /// N, Z, C when S.
    @inline(__always) func writeLogical(_ slot: SlotPointer, _ result: UInt32, carry: Bool, writes: Bool = true) {
        if writes { r[Int(slot.d)] = result }
        setNZC(result, carry: carry, when: slot.setsFlags)
    }

    /// AND (register) T2 (A7.7.9).
    @inline(__always) func executeAndRegister(_ slot: SlotPointer) {
        let (operand, carry) = shiftedOperand(r[Int(slot.m)], slot)
        writeLogical(slot, r[Int(slot.n)] & operand, carry: carry)
    }

    /// TST (register) T2 (A7.7.189): flags only (S is always 1).
    @inline(__always) func executeTestRegister(_ slot: SlotPointer) {
        let (operand, carry) = shiftedOperand(r[Int(slot.m)], slot)
        writeLogical(slot, r[Int(slot.n)] & operand, carry: carry, writes: false)
    }

    /// BIC (register) T2 (A7.7.16).
    @inline(__always) func executeBitClearRegister(_ slot: SlotPointer) {
        let (operand, carry) = shiftedOperand(r[Int(slot.m)], slot)
        writeLogical(slot, r[Int(slot.n)] & ~operand, carry: carry)
    }

    /// ORR (register) T2 (A7.7.92).
    @inline(__always) func executeOrRegister(_ slot: SlotPointer) {
        let (operand, carry) = shiftedOperand(r[Int(slot.m)], slot)
        writeLogical(slot, r[Int(slot.n)] | operand, carry: carry)
    }

    /// ORN (register) T1 (A7.7.90).
    @inline(__always) func executeOrNotRegister(_ slot: SlotPointer) {
        let (operand, carry) = shiftedOperand(r[Int(slot.m)], slot)
        writeLogical(slot, r[Int(slot.n)] | ~operand, carry: carry)
    }

    /// EOR (register) T2 (A7.7.36).
    @inline(__always) func executeExclusiveOrRegister(_ slot: SlotPointer) {
        let (operand, carry) = shiftedOperand(r[Int(slot.m)], slot)
        writeLogical(slot, r[Int(slot.n)] ^ operand, carry: carry)
    }

    /// TEQ (register) T1 (A7.7.187): flags only.
    @inline(__always) func executeTestEquivalenceRegister(_ slot: SlotPointer) {
        let (operand, carry) = shiftedOperand(r[Int(slot.m)], slot)
        writeLogical(slot, r[Int(slot.n)] ^ operand, carry: carry, writes: false)
    }

    /// MOV (register) T3 and LSL/LSR/ASR/ROR (immediate), RRX (A7.7.77, A7.7.68, …): Rd may be SP
    /// (MOV.W SP, Rm without S).
    @inline(__always) func executeMoveShiftedRegister(_ slot: SlotPointer) {
        let (result, carry) = shiftedOperand(r[Int(slot.m)], slot)
        writeRegisterOrSP(Int(slot.d), result)
        setNZC(result, carry: carry, when: slot.setsFlags)
    }

    /// MVN (register) T2 (A7.7.86).
    @inline(__always) func executeMoveNotRegister(_ slot: SlotPointer) {
        let (operand, carry) = shiftedOperand(r[Int(slot.m)], slot)
        writeLogical(slot, ~operand, carry: carry)
    }

    /// The shifted Rm of a shifted-register op whose shifter carry is unused (arithmetic,
    /// or logical without S), computed in place: `@_transparent`, since the run loop's
    /// `switch` would leave an `@inline(__always)` helper as a call. DecodeImmShift
    /// (A7.4.2) gave LSL 0–31, LSR and ASR 1–32, ROR 1–31, and RRX (`options` bit 2), so
    /// this needs none of `shiftC`'s range tests: written as `shiftC(...).0` it cost 0.15–0.2
    /// more host instructions per simulated one on the M4 loop and kws.
    @_transparent func shiftedOperandWithoutCarry(_ slot: SlotPointer) -> UInt32 {
        let value = r[Int(slot.m)]
        switch slot.options & 7 {
        case 0: return value &<< slot.imm
        case 1: return value >> slot.imm
        case 2: return UInt32(bitPattern: Int32(bitPattern: value) >> Int32(slot.imm))
        case 3: return value &>> slot.imm | value &<< (32 &- slot.imm)
        default: return rotateRightWithExtend(value).0
        }
    }

    // MARK: - Data processing (register), miscellaneous (A5.3.12, A5.3.15)

    /// LSL/LSR/ASR/ROR (register) T2 (A7.7.69, A7.7.71, A7.7.11, A7.7.117): Rn shifted by Rm[7:0].
    @inline(__always) func executeShiftRegister(_ slot: SlotPointer, type: UInt8) {
        let (result, carry) = shiftC(r[Int(slot.n)], type: type, amount: r[Int(slot.m)] & 0xFF)
        r[Int(slot.d)] = result
        setNZC(result, carry: carry, when: slot.setsFlags)
    }

    /// Rm rotated right by the extend's rotation (`imm` 0, 8, 16 or 24), A7.7.182 ….
    @inline(__always) func rotatedForExtend(_ slot: SlotPointer) -> UInt32 {
        let value = r[Int(slot.m)]
        return value &>> slot.imm | value &<< (32 &- slot.imm)  // imm 0: value | value
    }

    /// RBIT (A7.7.112): bit i of the result is bit 31 − i of Rm.
    @inline(__always) static func reverseBits(_ value: UInt32) -> UInt32 {
        var x = value
        x = (x & 0x5555_5555) << 1 | (x >> 1) & 0x5555_5555
        x = (x & 0x3333_3333) << 2 | (x >> 2) & 0x3333_3333
        x = (x & 0x0F0F_0F0F) << 4 | (x >> 4) & 0x0F0F_0F0F
        return x.byteSwapped
    }

    // MARK: - Multiply and divide (A5.3.16, A5.3.17)

    /// SMULL/SMLAL (A7.7.149, A7.7.138): the 64-bit signed product (plus RdHi:RdLo) into
    /// RdHi:RdLo; `d` is RdLo, `a` is RdHi.
    @inline(__always) func executeSignedLongMultiply(_ slot: SlotPointer, accumulate: Bool) {
        let lo = Int(slot.d), hi = Int(slot.a)
        var result = Int64(Int32(bitPattern: r[Int(slot.n)])) &* Int64(Int32(bitPattern: r[Int(slot.m)]))
        if accumulate { result = result &+ Int64(bitPattern: UInt64(r[hi]) << 32 | UInt64(r[lo])) }
        r[hi] = UInt32(truncatingIfNeeded: result >> 32)
        r[lo] = UInt32(truncatingIfNeeded: result)
    }

    /// UMULL/UMLAL (A7.7.204, A7.7.203): as the signed forms, unsigned.
    @inline(__always) func executeUnsignedLongMultiply(_ slot: SlotPointer, accumulate: Bool) {
        let lo = Int(slot.d), hi = Int(slot.a)
        var result = UInt64(r[Int(slot.n)]) &* UInt64(r[Int(slot.m)])
        if accumulate { result = result &+ (UInt64(r[hi]) << 32 | UInt64(r[lo])) }
        r[hi] = UInt32(truncatingIfNeeded: result >> 32)
        r[lo] = UInt32(truncatingIfNeeded: result)
    }

    /// The early-terminating divider's cycles beyond the one issue cycle that
    /// `CortexM4Timing` charges statically (the SDIV/UDIV total is 2 to 12, Cortex-M4 TRM
    /// Table 3-1 and its footnote "Division operations use early termination to minimize the
    /// number of cycles required based on the number of leading ones and zeroes in the input
    /// operands").
    ///
    /// armsim's rule (docs/cycle-model.md, "Cortex-M4 divide"): with q the number of quotient
    /// bits the operands' magnitudes imply, q = max(0, (32 − clz(|n|)) − (32 − clz(|m|)) + 1),
    /// in 0…32, the instruction takes 2 + ⌊q / 3⌋ cycles in total: 2 when the dividend is
    /// smaller than the divisor (and for division by zero), 12 for a full 32-bit quotient.
    /// The TRM does not publish the divider's algorithm; three quotient bits per cycle is the
    /// rate that spans exactly the published range, and the rule depends only on the operands,
    /// so a run is deterministic.
    @inline(__always) static func divideExtraCycles(dividendMagnitude: UInt32, divisorMagnitude: UInt32) -> UInt64 {
        guard divisorMagnitude != 0, dividendMagnitude >= divisorMagnitude else { return 1 }
        let quotientBits = divisorMagnitude.leadingZeroBitCount - dividendMagnitude.leadingZeroBitCount + 1
        return UInt64(1 + quotientBits / 3)
    }

    /// Adds a divide's early-termination cycles, in the middle of its block (an event may
    /// now fall due in the rest of it).
    @inline(__always) func chargeDivide(dividendMagnitude: UInt32, divisorMagnitude: UInt32) {
        baseCycles &+= CortexMCore.divideExtraCycles(dividendMagnitude: dividendMagnitude, divisorMagnitude: divisorMagnitude)
        checkEventWithinRunningBlock()
    }

    /// Whether a division by zero must fault: CCR.DIV_0_TRP (DDI 0403 B3.2.8, bit 4).
    @inline(__always) var divideByZeroTraps: Bool { scs.ccr & (1 << 4) != 0 }

    /// SDIV (A7.7.127): rounds towards zero; x / 0 = 0 unless CCR.DIV_0_TRP (then UsageFault
    /// DIVBYZERO, nothing written, returns false); INT_MIN / −1 = INT_MIN (the pseudocode's
    /// RoundTowardsZero(2^31) truncated to 32 bits).
    @inline(__always) func executeSignedDivide(_ slot: SlotPointer) -> Bool {
        let dividend = Int32(bitPattern: r[Int(slot.n)])
        let divisor = Int32(bitPattern: r[Int(slot.m)])
        if divisor == 0 {
            if divideByZeroTraps {
                raiseFault(.divideByZero)
                return false
            }
            r[Int(slot.d)] = 0
        } else {
            r[Int(slot.d)] = UInt32(bitPattern: dividend.dividedReportingOverflow(by: divisor).partialValue)
        }
        chargeDivide(dividendMagnitude: dividend.magnitude, divisorMagnitude: divisor.magnitude)
        return true
    }

    /// UDIV (A7.7.195): as SDIV, unsigned.
    @inline(__always) func executeUnsignedDivide(_ slot: SlotPointer) -> Bool {
        let dividend = r[Int(slot.n)]
        let divisor = r[Int(slot.m)]
        if divisor == 0 {
            if divideByZeroTraps {
                raiseFault(.divideByZero)
                return false
            }
            r[Int(slot.d)] = 0
        } else {
            r[Int(slot.d)] = dividend / divisor
        }
        chargeDivide(dividendMagnitude: dividend, divisorMagnitude: divisor)
        return true
    }
}
