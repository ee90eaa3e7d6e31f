import ThumbDecoder

/// Arithmetic helpers named after the Arm pseudocode (DDI 0419 A2.2): all modulo 2^32.
extension CortexMCore {
    /// AddWithCarry(x, y, carry_in) (DDI 0419 A2.2.1). With `setFlags` it writes APSR.NZCV,
    /// as flag-setting adds, subtracts and compares do (subtraction passes `~y` and carry 1).
    ///
    /// C and V are written as compares and overflow tests rather than the pseudocode's
    /// sums: when the caller's `carryIn` is a constant and `y` is `~y0`, the compiler folds
    /// them into the add or subtract itself (one host instruction each instead of five).
    /// With carry in, x + y + 1 = x − ~y both unsigned and signed, since ~y = −y − 1.
    @inline(__always) func addWithCarry(_ x: UInt32, _ y: UInt32, carryIn: Bool, setFlags: Bool = true) -> UInt32 {
        let result = x &+ y &+ (carryIn ? 1 : 0)
        if setFlags {
            setNZ(result)
            c = carryIn ? x >= ~y : x > ~y
            v = carryIn
                ? Int32(bitPattern: x).subtractingReportingOverflow(Int32(bitPattern: ~y)).overflow
                : Int32(bitPattern: x).addingReportingOverflow(Int32(bitPattern: y)).overflow
        }
        return result
    }

    /// Writes N and Z of `result` (`negativeZeroSource`).
    @inline(__always) func setNZ(_ result: UInt32) {
        negativeZeroSource = UInt64(bitPattern: Int64(Int32(bitPattern: result)))
    }

    /// Writes N, Z and C of a logical or shift result, when the instruction sets flags.
    @inline(__always) func setNZC(_ result: UInt32, carry: Bool, when setFlags: Bool = true) {
        if setFlags {
            setNZ(result)
            c = carry
        }
    }

    /// Shift_C (DDI 0419 A2.2.1, DDI 0403 A2.2.2): the shifted value and the carry out.
    /// An amount of 0 returns the value and the current C. `type` is the SRType encoding:
    /// 0 LSL, 1 LSR, 2 ASR, 3 ROR; RRX is `rotateRightWithExtend`.
    ///
    /// `@_transparent`: with `@inline(__always)` the run loop still called it for LSLS
    /// (register), and the register-shift ops of `executeOther` did too.
    @_transparent func shiftC(_ value: UInt32, type: UInt8, amount: UInt32) -> (UInt32, Bool) {
        if amount == 0 { return (value, c) }
        switch type & 3 {
        case 0:
            if amount < 32 { return (value << amount, (value >> (32 - amount)) & 1 != 0) }
            return (0, amount == 32 ? value & 1 != 0 : false)
        case 1:
            if amount < 32 { return (value >> amount, (value >> (amount - 1)) & 1 != 0) }
            return (0, amount == 32 ? value & 0x8000_0000 != 0 : false)
        case 2:
            let signed = Int32(bitPattern: value)
            if amount < 32 { return (UInt32(bitPattern: signed >> Int32(amount)), (value >> (amount - 1)) & 1 != 0) }
            return (signed < 0 ? 0xFFFF_FFFF : 0, value & 0x8000_0000 != 0)
        default:
            let rotation = amount & 31
            let result = rotation == 0 ? value : (value >> rotation) | (value << (32 - rotation))
            return (result, result & 0x8000_0000 != 0)
        }
    }

    /// RRX: rotate right by one through the carry flag (DDI 0403 A2.2.2).
    @inline(__always) func rotateRightWithExtend(_ value: UInt32) -> (UInt32, Bool) {
        ((value >> 1) | (c ? 0x8000_0000 : 0), value & 1 != 0)
    }

    /// ConditionPassed() for `condition` (DDI 0419 A6.3, Table A6-1).
    @inline(__always) func conditionPassed(_ condition: Condition) -> Bool {
        switch condition {
        case .eq: return z
        case .ne: return !z
        case .cs: return c
        case .cc: return !c
        case .mi: return n
        case .pl: return !n
        case .vs: return v
        case .vc: return !v
        case .hi: return c && !z
        case .ls: return !c || z
        case .ge: return n == v
        case .lt: return n != v
        case .gt: return !z && n == v
        case .le: return z || n != v
        case .al: return true
        }
    }
}
