import ThumbDecoder

/// Arithmetic helpers named after the Arm pseudocode (DDI 0419 A2.2): all modulo 2^32.
extension CortexMCore {
    /// AddWithCarry(x, y, carry_in) that also writes APSR.NZCV, as every flag-setting
    /// add, subtract and compare does (subtraction passes `~y` and carry 1).
    @inline(__always) func addWithCarry(_ x: UInt32, _ y: UInt32, carryIn: Bool) -> UInt32 {
        let (partial, overflow1) = x.addingReportingOverflow(y)
        let (result, overflow2) = partial.addingReportingOverflow(carryIn ? 1 : 0)
        n = result & 0x8000_0000 != 0
        z = result == 0
        c = overflow1 || overflow2
        v = ((x ^ result) & (y ^ result)) & 0x8000_0000 != 0
        return result
    }

    @inline(__always) func setNZ(_ result: UInt32) {
        n = result & 0x8000_0000 != 0
        z = result == 0
    }

    /// LSL_C with APSR.C update (DDI 0419 A2.2.1); amount 0 leaves C unchanged.
    @inline(__always) func shiftLeft(_ value: UInt32, _ amount: UInt32) -> UInt32 {
        if amount == 0 { return value }
        if amount < 32 {
            c = (value >> (32 - amount)) & 1 != 0
            return value << amount
        }
        c = amount == 32 ? value & 1 != 0 : false
        return 0
    }

    /// LSR_C with APSR.C update.
    @inline(__always) func shiftRight(_ value: UInt32, _ amount: UInt32) -> UInt32 {
        if amount == 0 { return value }
        if amount < 32 {
            c = (value >> (amount - 1)) & 1 != 0
            return value >> amount
        }
        c = amount == 32 ? value & 0x8000_0000 != 0 : false
        return 0
    }

    /// ASR_C with APSR.C update: amounts of 32 or more fill with the sign bit.
    @inline(__always) func arithmeticShiftRight(_ value: UInt32, _ amount: UInt32) -> UInt32 {
        if amount == 0 { return value }
        let signed = Int32(bitPattern: value)
        if amount < 32 {
            c = (value >> (amount - 1)) & 1 != 0
            return UInt32(bitPattern: signed >> Int32(amount))
        }
        c = value & 0x8000_0000 != 0
        return signed < 0 ? 0xFFFF_FFFF : 0
    }

    /// ROR_C with APSR.C update: a multiple of 32 leaves the value and sets C to bit 31.
    @inline(__always) func rotateRight(_ value: UInt32, _ amount: UInt32) -> UInt32 {
        if amount == 0 { return value }
        let rotation = amount & 31
        let result = rotation == 0 ? value : (value >> rotation) | (value << (32 - rotation))
        c = result & 0x8000_0000 != 0
        return result
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
