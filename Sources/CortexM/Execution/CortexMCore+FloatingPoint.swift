import ThumbDecoder

/// Handlers of the FPv4-SP instructions (DDI 0403E A6, A7.7 V*). The arithmetic is
/// SoftFloat32 (FloatingPoint/SoftFloat32.swift), the Arm pseudocode on bit patterns.
///
/// Every handler starts with the FP access check of the lead's
/// `prepareFloatingPoint()` (NOCP, lazy state preservation, a new FP context) and
/// returns false when it raised a fault: the instruction is then abandoned with nothing
/// written. FPSCR is read once into a local, updated by the operation (cumulative flags)
/// and written back once.
extension CortexMCore {
    /// FPSCR bits that exist on FPv4-SP (A2.5.3): N Z C V, AHP, DN, FZ, RMode, IDC, IXC,
    /// UFC, OFC, DZC, IOC. The others read as zero and ignore writes.
    static let floatingPointStatusWritableMask: UInt32 = 0xF7C0_009F

    // MARK: Data processing (A6.4)

    /// S[d] = operation(S[n], S[m]) with FPSCR's modes in and its cumulative flags out:
    /// the shape of every two-operand FP instruction.
    @inline(__always) func executeBinaryFloatingPoint(
        _ slot: SlotPointer, _ operation: (UInt32, UInt32, inout UInt32) -> UInt32
    ) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        var status = fpscr
        s[Int(slot.d)] = operation(s[Int(slot.n)], s[Int(slot.m)], &status)
        fpscr = status
        return true
    }

    /// VADD.F32 (A7.7 VADD): S[d] = FPAdd(S[n], S[m]).
    @inline(__always) func executeVAdd(_ slot: SlotPointer) -> Bool {
        executeBinaryFloatingPoint(slot, SoftFloat32.add)
    }

    /// VSUB.F32 (A7.7 VSUB): S[d] = FPSub(S[n], S[m]).
    @inline(__always) func executeVSub(_ slot: SlotPointer) -> Bool {
        executeBinaryFloatingPoint(slot, SoftFloat32.subtract)
    }

    /// VMUL.F32 (A7.7 VMUL) and VNMUL.F32 (FPNeg of the rounded product).
    @inline(__always) func executeVMul(_ slot: SlotPointer, negate: Bool) -> Bool {
        executeBinaryFloatingPoint(slot) { operand1, operand2, status in
            let product = SoftFloat32.multiply(operand1, operand2, &status)
            return negate ? SoftFloat32.negate(product) : product
        }
    }

    /// VDIV.F32 (A7.7 VDIV): S[d] = FPDiv(S[n], S[m]).
    @inline(__always) func executeVDiv(_ slot: SlotPointer) -> Bool {
        executeBinaryFloatingPoint(slot, SoftFloat32.divide)
    }

    /// VMLA/VMLS.F32 (A7.7 VMLA, VMLS), chained: the product is rounded (FPMul), negated
    /// for VMLS, then added to S[d] and rounded again (FPAdd); flags of both.
    @inline(__always) func executeVMla(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        var status = fpscr
        let d = Int(slot.d)
        let product = SoftFloat32.multiply(s[Int(slot.n)], s[Int(slot.m)], &status)
        let addend = slot.options & 1 != 0 ? SoftFloat32.negate(product) : product
        s[d] = SoftFloat32.add(s[d], addend, &status)
        fpscr = status
        return true
    }

    /// VNMLA/VNMLS.F32 (A7.7 VNMLA, VNMLS, VNMUL), chained: VNMLA is
    /// FPAdd(FPNeg(S[d]), FPNeg(product)), VNMLS is FPAdd(FPNeg(S[d]), product).
    @inline(__always) func executeVNmla(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        var status = fpscr
        let d = Int(slot.d)
        let product = SoftFloat32.multiply(s[Int(slot.n)], s[Int(slot.m)], &status)
        let addend = slot.options & 1 != 0 ? SoftFloat32.negate(product) : product
        s[d] = SoftFloat32.add(SoftFloat32.negate(s[d]), addend, &status)
        fpscr = status
        return true
    }

    /// VFMA/VFMS.F32 (A7.7 VFMA, VFMS), fused: FPMulAdd(S[d], ±S[n], S[m]), one rounding.
    @inline(__always) func executeVFma(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        var status = fpscr
        let d = Int(slot.d)
        let n = s[Int(slot.n)]
        let op1 = slot.options & 1 != 0 ? SoftFloat32.negate(n) : n
        s[d] = SoftFloat32.fusedMultiplyAdd(s[d], op1, s[Int(slot.m)], &status)
        fpscr = status
        return true
    }

    /// VFNMA/VFNMS.F32 (A7.7 VFNMA, VFNMS), fused: FPMulAdd(FPNeg(S[d]), ±S[n], S[m]);
    /// S[n] is negated for VFNMA.
    @inline(__always) func executeVFnma(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        var status = fpscr
        let d = Int(slot.d)
        let n = s[Int(slot.n)]
        let op1 = slot.options & 1 != 0 ? SoftFloat32.negate(n) : n
        s[d] = SoftFloat32.fusedMultiplyAdd(SoftFloat32.negate(s[d]), op1, s[Int(slot.m)], &status)
        fpscr = status
        return true
    }

    /// VSQRT.F32 (A7.7 VSQRT).
    @inline(__always) func executeVSqrt(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        var status = fpscr
        s[Int(slot.d)] = SoftFloat32.squareRoot(s[Int(slot.m)], &status)
        fpscr = status
        return true
    }

    /// VABS, VNEG, VMOV (register) (A7.7): sign-bit operations, no flags, NaNs unchanged
    /// apart from the sign. `xor`/`and` are the bits applied to S[m].
    @inline(__always) func executeVSignOperation(_ slot: SlotPointer, and mask: UInt32, xor flip: UInt32) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        s[Int(slot.d)] = (s[Int(slot.m)] & mask) ^ flip
        return true
    }

    /// VMOV.F32 Sd, #imm (A7.7 VMOV (immediate)): `imm` is already expanded.
    @inline(__always) func executeVMovImmediate(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        s[Int(slot.d)] = slot.imm
        return true
    }

    /// VCMP{E}.F32 (A7.7 VCMP, VCMPE): FPSCR.NZCV = FPCompare(S[d], S[m] or +0.0).
    @inline(__always) func executeVCmp(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        var status = fpscr
        let operand = slot.options & 2 != 0 ? 0 : s[Int(slot.m)]
        let flags = SoftFloat32.compare(s[Int(slot.d)], operand, quietNaNRaises: slot.options & 1 != 0, &status)
        fpscr = (status & 0x0FFF_FFFF) | flags << 28
        return true
    }

    /// VCVT{R}.S32/U32.F32 (A7.7 VCVT, VCVTR (between floating-point and integer)):
    /// FPToFixed(S[m], 32, 0, unsigned, round_zero).
    @inline(__always) func executeVCvtFloatToInteger(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        var status = fpscr
        s[Int(slot.d)] = SoftFloat32.toFixed(
            s[Int(slot.m)], size: 32, fractionBits: 0, isUnsigned: slot.options & 1 != 0,
            roundTowardZero: slot.options & 2 != 0, &status)
        fpscr = status
        return true
    }

    /// VCVT.F32.S32/U32 (same section): FixedToFP(S[m], 32, 0, unsigned) with FPSCR rounding.
    @inline(__always) func executeVCvtIntegerToFloat(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        var status = fpscr
        s[Int(slot.d)] = SoftFloat32.fromFixed(s[Int(slot.m)], size: 32, fractionBits: 0, isUnsigned: slot.options & 1 != 0, &status)
        fpscr = status
        return true
    }

    /// VCVT between F32 and fixed point (A7.7 VCVT (between floating-point and
    /// fixed-point)): to fixed rounds toward zero and extends the 16-bit result (sign or
    /// zero); from fixed reads the low `size` bits and rounds with FPSCR.RMode.
    @inline(__always) func executeVCvtFixed(_ slot: SlotPointer, toFixed: Bool) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        var status = fpscr
        let d = Int(slot.d)
        let isUnsigned = slot.options & 1 != 0
        let size = slot.options & 2 != 0 ? 32 : 16
        let fractionBits = Int(slot.imm)
        if toFixed {
            let result = SoftFloat32.toFixed(s[d], size: size, fractionBits: fractionBits, isUnsigned: isUnsigned, roundTowardZero: true, &status)
            s[d] = size == 32 || isUnsigned ? result : UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: result)))
        } else {
            s[d] = SoftFloat32.fromFixed(s[d], size: size, fractionBits: fractionBits, isUnsigned: isUnsigned, roundToNearest: true, &status)
        }
        fpscr = status
        return true
    }

    /// VCVTB/VCVTT (A7.7 VCVTB, VCVTT): half precision in the bottom (B) or top (T) half of
    /// S[m] to single, or single to the bottom or top half of S[d] (other half kept).
    @inline(__always) func executeVCvtHalf(_ slot: SlotPointer, toSingle: Bool) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        var status = fpscr
        let d = Int(slot.d)
        let shift: UInt32 = slot.options & 1 != 0 ? 16 : 0
        if toSingle {
            s[d] = SoftFloat32.halfToSingle(UInt16(truncatingIfNeeded: s[Int(slot.m)] >> shift), &status)
        } else {
            let half = UInt32(SoftFloat32.singleToHalf(s[Int(slot.m)], &status))
            s[d] = (s[d] & ~(0xFFFF << shift)) | half << shift
        }
        fpscr = status
        return true
    }

    // MARK: Transfers (A6.6, A6.7)

    /// VMOV Sn, Rt / VMOV.32 Dd[x], Rt.
    @inline(__always) func executeVMovCoreToSingle(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        s[Int(slot.d)] = r[Int(slot.n)]
        return true
    }

    /// VMOV Rt, Sn / VMOV.32 Rt, Dn[x].
    @inline(__always) func executeVMovSingleToCore(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        r[Int(slot.d)] = s[Int(slot.n)]
        return true
    }

    /// VMOV Sm, Sm1, Rt, Rt2 / VMOV Dm, Rt, Rt2 (the low word is Rt).
    @inline(__always) func executeVMovCoresToSingles(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        let m = Int(slot.m)
        s[m] = r[Int(slot.d)]
        s[m + 1] = r[Int(slot.a)]
        return true
    }

    /// VMOV Rt, Rt2, Sm, Sm1 / VMOV Rt, Rt2, Dm.
    @inline(__always) func executeVMovSinglesToCores(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        let m = Int(slot.m)
        r[Int(slot.d)] = s[m]
        r[Int(slot.a)] = s[m + 1]
        return true
    }

    /// VMRS Rt, FPSCR (A7.7 VMRS); Rt = 15 copies FPSCR.NZCV into APSR.NZCV.
    @inline(__always) func executeVMrs(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        let status = fpscr
        if slot.d == 15 {
            self.n = status & (1 << 31) != 0
            self.z = status & (1 << 30) != 0
            self.c = status & (1 << 29) != 0
            self.v = status & (1 << 28) != 0
        } else {
            r[Int(slot.d)] = status
        }
        return true
    }

    /// VMSR FPSCR, Rt (A7.7 VMSR).
    @inline(__always) func executeVMsr(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        fpscr = r[Int(slot.n)] & CortexMCore.floatingPointStatusWritableMask
        return true
    }

    // MARK: Extension register loads and stores (A6.5)

    /// VLDR (A7.7 VLDR): one or two word-aligned words (MemA: an unaligned address is a
    /// UsageFault UNALIGNED). The literal form's address was resolved at decode.
    @inline(__always) func executeVLdr(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        let address = slot.n == 15 ? slot.imm : r[Int(slot.n)] &+ slot.imm
        let d = Int(slot.d)
        guard let low = loadAlignedWord(address) else { return false }
        if slot.options & 1 != 0 {
            guard let high = loadAlignedWord(address &+ 4) else { return false }
            s[d + 1] = high
        }
        s[d] = low
        return true
    }

    /// VSTR (A7.7 VSTR).
    @inline(__always) func executeVStr(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        let address = r[Int(slot.n)] &+ slot.imm
        let d = Int(slot.d)
        guard storeAlignedWord(address, s[d]) else { return false }
        if slot.options & 1 != 0 {
            guard storeAlignedWord(address &+ 4, s[d + 1]) else { return false }
        }
        return true
    }

    /// VLDM/VPOP (A7.7 VLDM, VPOP): `imm` words from Rn (IA) or Rn − 4·imm (DB); the base
    /// is written back only when every load succeeded.
    @inline(__always) func executeVLdm(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        let n = Int(slot.n)
        let byteCount = slot.imm << 2
        let isDecrement = slot.options & 2 != 0
        var address = isDecrement ? r[n] &- byteCount : r[n]
        for index in Int(slot.d)..<Int(slot.d) + Int(slot.imm) {
            guard let word = loadAlignedWord(address) else { return false }
            s[index] = word
            address &+= 4
        }
        if slot.options & 1 != 0 { r[n] = isDecrement ? r[n] &- byteCount : r[n] &+ byteCount }
        return true
    }

    /// VSTM/VPUSH (A7.7 VSTM, VPUSH).
    @inline(__always) func executeVStm(_ slot: SlotPointer) -> Bool {
        if !floatingPointReady { guard prepareFloatingPoint() else { return false } }
        let n = Int(slot.n)
        let byteCount = slot.imm << 2
        let isDecrement = slot.options & 2 != 0
        var address = isDecrement ? r[n] &- byteCount : r[n]
        for index in Int(slot.d)..<Int(slot.d) + Int(slot.imm) {
            guard storeAlignedWord(address, s[index]) else { return false }
            address &+= 4
        }
        if slot.options & 1 != 0 { r[n] = isDecrement ? r[n] &- byteCount : r[n] &+ byteCount }
        return true
    }
}
