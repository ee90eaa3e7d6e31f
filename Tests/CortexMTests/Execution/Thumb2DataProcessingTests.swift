import Testing
@testable import CortexM

/// The semantics of the Thumb-2 data processing, multiply and divide instructions on the
/// Cortex-M4, against a reference written in this file from the ARMv7-M pseudocode
/// (DDI 0403 A2.2.1 "Integer arithmetic", "Shift and rotate operations"; A5.3.2
/// ThumbExpandImm_C; A7.4.2 DecodeImmShift; A7.7 for each instruction), not from armsim's
/// helpers. Encodings are built here from the fields as DDI 0403 draws them; the samples in
/// `Thumb2DataProcessingEncodingTests` pin the layouts against objdump.
@Suite("Thumb-2 data processing semantics")
struct Thumb2DataProcessingTests {
    // MARK: - Reference pseudocode

    struct Flags: Equatable, CustomStringConvertible {
        var n = false, z = false, c = false, v = false
        var description: String { (n ? "N" : "-") + (z ? "Z" : "-") + (c ? "C" : "-") + (v ? "V" : "-") }
    }

    /// AddWithCarry (A2.2.1): sums in wide integers; carry and overflow are "the result differs".
    static func addWithCarry(_ x: UInt32, _ y: UInt32, _ carryIn: Bool) -> (UInt32, Bool, Bool) {
        let unsignedSum = UInt64(x) + UInt64(y) + (carryIn ? 1 : 0)
        let signedSum = Int64(Int32(bitPattern: x)) + Int64(Int32(bitPattern: y)) + (carryIn ? 1 : 0)
        let result = UInt32(truncatingIfNeeded: unsignedSum)
        return (result, UInt64(result) != unsignedSum, Int64(Int32(bitPattern: result)) != signedSum)
    }

    /// Shift_C (A2.2.2) one bit at a time; type 0 LSL, 1 LSR, 2 ASR, 3 ROR, 4 RRX.
    static func shiftC(_ value: UInt32, _ type: Int, _ amount: Int, _ carryIn: Bool) -> (UInt32, Bool) {
        if type == 4 { return (value >> 1 | (carryIn ? 0x8000_0000 : 0), value & 1 == 1) }
        if amount == 0 { return (value, carryIn) }
        var x = value, carry = carryIn
        for _ in 0..<amount {
            switch type {
            case 0: carry = x >> 31 == 1; x <<= 1
            case 1: carry = x & 1 == 1; x >>= 1
            case 2: carry = x & 1 == 1; x = x >> 1 | x & 0x8000_0000
            default: carry = x & 1 == 1; x = x >> 1 | (x & 1) << 31
            }
        }
        return (x, carry)
    }

    /// ThumbExpandImm_C (A5.3.2).
    static func thumbExpandImmC(_ imm12: UInt32, _ carryIn: Bool) -> (UInt32, Bool) {
        let imm8 = imm12 & 0xFF
        if imm12 >> 10 == 0 {
            switch (imm12 >> 8) & 3 {
            case 0: return (imm8, carryIn)
            case 1: return (imm8 << 16 | imm8, carryIn)
            case 2: return (imm8 << 24 | imm8 << 8, carryIn)
            default: return (imm8 << 24 | imm8 << 16 | imm8 << 8 | imm8, carryIn)
            }
        }
        return shiftC(0x80 | imm12 & 0x7F, 3, Int(imm12 >> 7), carryIn)
    }

    /// A5.3.1/A5.3.11 `op` applied to Rn and the (expanded or shifted) operand: the result and flags.
    static func dataProcessing(_ op: UInt32, _ rn: UInt32, _ operand: UInt32, shifterCarry: Bool, _ flags: Flags) -> (UInt32, Flags) {
        var out = flags
        func logical(_ result: UInt32) -> (UInt32, Flags) {
            out.n = result >> 31 == 1; out.z = result == 0; out.c = shifterCarry
            return (result, out)
        }
        func arithmetic(_ x: UInt32, _ y: UInt32, _ carry: Bool) -> (UInt32, Flags) {
            let (result, c, v) = addWithCarry(x, y, carry)
            out.n = result >> 31 == 1; out.z = result == 0; out.c = c; out.v = v
            return (result, out)
        }
        switch op {
        case 0b0000: return logical(rn & operand)
        case 0b0001: return logical(rn & ~operand)
        case 0b0010: return logical(rn | operand)
        case 0b0011: return logical(rn | ~operand)
        case 0b0100: return logical(rn ^ operand)
        case 0b1000: return arithmetic(rn, operand, false)
        case 0b1010: return arithmetic(rn, operand, flags.c)
        case 0b1011: return arithmetic(rn, ~operand, flags.c)
        case 0b1101: return arithmetic(rn, ~operand, true)
        default: return arithmetic(~rn, operand, true)  // 0b1110 RSB
        }
    }

    // MARK: - Encoders (DDI 0403 A5.3.1, A5.3.11, A5.3.12)

    static func modifiedImmediate(op: UInt32, s: Bool, rn: UInt32, rd: UInt32, imm12: UInt32) -> UInt32 {
        0xF000_0000 | (imm12 >> 11) << 26 | op << 21 | (s ? 1 << 20 : 0) | rn << 16 | ((imm12 >> 8) & 7) << 12 | rd << 8 | imm12 & 0xFF
    }

    static func shiftedRegister(op: UInt32, s: Bool, rn: UInt32, rd: UInt32, imm5: UInt32, type: UInt32, rm: UInt32) -> UInt32 {
        0xEA00_0000 | op << 21 | (s ? 1 << 20 : 0) | rn << 16 | (imm5 >> 2) << 12 | rd << 8 | (imm5 & 3) << 6 | type << 4 | rm
    }

    // MARK: - Harness

    static let code = TestMachine.codeAddress

    static func flags(of machine: TestMachine) -> Flags {
        Flags(n: machine.core.n, z: machine.core.z, c: machine.core.c, v: machine.core.v)
    }

    /// Runs 32-bit `encodings` on a Cortex-M4 with registers and flags preset; expects the final BKPT.
    static func run(_ encodings: [UInt32], registers: [Int: UInt32] = [:], flags: Flags = Flags(), q: Bool = false) -> TestMachine {
        let halfwords = encodings.flatMap(TestMachine.wide)
        let machine = TestMachine(.m4, code: halfwords)
        for (index, value) in registers { machine.setRegister(index, value) }
        machine.core.n = flags.n
        machine.core.z = flags.z
        machine.core.c = flags.c
        machine.core.v = flags.v
        machine.core.q = q
        let stop = machine.run()
        #expect(stop == .breakpoint(pc: code + UInt32(halfwords.count * 2), immediate: 0))
        return machine
    }

    static let edgeValues: [UInt32] = [
        0, 1, 2, 0x7FFF_FFFE, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFFE, 0xFFFF_FFFF, 0x1234_5678, 0x0000_FFFF,
    ]

    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// An edge value half the time, a random word otherwise.
        mutating func word() -> UInt32 {
            Bool.random(using: &self) ? edgeValues.randomElement(using: &self)! : UInt32.random(in: 0...UInt32.max, using: &self)
        }
    }

    /// The A5.3.1/A5.3.11 ops, with their compare forms (Rd = 1111, S = 1) and move forms (Rn = 1111).
    static let dataProcessingOps: [UInt32] = [0b0000, 0b0001, 0b0010, 0b0011, 0b0100, 0b1000, 0b1010, 0b1011, 0b1101, 0b1110]

    // MARK: - Modified immediate and shifted register, against the reference

    @Test("Every modified-immediate op matches the pseudocode for random operands, immediates and flags, carry from ThumbExpandImm_C")
    func modifiedImmediateMatchesPseudocode() {
        var generator = Generator(state: 0xA531)
        for index in 0..<600 {
            let op = Self.dataProcessingOps[index % Self.dataProcessingOps.count]
            var imm12 = UInt32.random(in: 0..<4096, using: &generator)
            if imm12 >> 10 == 0 && (imm12 >> 8) & 3 != 0 && imm12 & 0xFF == 0 { imm12 |= 1 }
            let flags = Flags(
                n: .random(using: &generator), z: .random(using: &generator), c: .random(using: &generator), v: .random(using: &generator))
            let rnValue = generator.word()
            var s = Bool.random(using: &generator)
            var rn: UInt32 = 1, rd: UInt32 = 2
            let form = index / Self.dataProcessingOps.count % 4
            if form == 0 && [0b0000, 0b0100, 0b1000, 0b1101].contains(op) { rd = 15; s = true }  // TST, TEQ, CMN, CMP
            if form == 1 && [0b0010, 0b0011].contains(op) { rn = 15 }  // MOV, MVN
            if form == 2 && [0b1000, 0b1101].contains(op) { rn = 13 }  // ADD/SUB (SP plus/minus immediate)
            let sp: UInt32 = 0x2000_8000
            let registers: [Int: UInt32] = rn == 13 ? [13: sp, 2: 0xCAFE] : [1: rnValue, 2: 0xCAFE]
            let encoding = Self.modifiedImmediate(op: op, s: s, rn: rn, rd: rd, imm12: imm12)
            let machine = Self.run([encoding], registers: registers, flags: flags)
            let (operand, carry) = Self.thumbExpandImmC(imm12, flags.c)
            let x = rn == 15 ? 0 : rn == 13 ? sp : rnValue
            var (result, expectedFlags) = Self.dataProcessing(op, x, operand, shifterCarry: carry, flags)
            if rn == 15 && op == 0b0011 { result = ~operand }
            if rn == 15 && op == 0b0010 { result = operand }
            if rn == 15 { expectedFlags.n = result >> 31 == 1; expectedFlags.z = result == 0 }
            let label = "0x\(String(encoding, radix: 16)) x=0x\(String(x, radix: 16)) flags \(flags)"
            #expect(Self.flags(of: machine) == (s ? expectedFlags : flags), "\(label)")
            #expect(machine.register(2) == (rd == 15 ? 0xCAFE : result), "\(label)")
        }
    }

    @Test("Every shifted-register op matches the pseudocode for every shift type, LSR/ASR #32 and RRX")
    func shiftedRegisterMatchesPseudocode() {
        var generator = Generator(state: 0xA5311)
        for index in 0..<700 {
            let op = Self.dataProcessingOps[index % Self.dataProcessingOps.count]
            let type = UInt32.random(in: 0...3, using: &generator)
            let imm5 = [0, 1, 31, UInt32.random(in: 0...31, using: &generator)][index / 10 % 4]
            let flags = Flags(
                n: .random(using: &generator), z: .random(using: &generator), c: .random(using: &generator), v: .random(using: &generator))
            let rnValue = generator.word(), rmValue = generator.word()
            var s = Bool.random(using: &generator)
            var rn: UInt32 = 1, rd: UInt32 = 2
            let form = index / Self.dataProcessingOps.count % 3
            if form == 0 && [0b0000, 0b0100, 0b1000, 0b1101].contains(op) { rd = 15; s = true }
            if form == 1 && [0b0010, 0b0011].contains(op) { rn = 15 }
            let encoding = Self.shiftedRegister(op: op, s: s, rn: rn, rd: rd, imm5: imm5, type: type, rm: 3)
            let machine = Self.run([encoding], registers: [1: rnValue, 2: 0xCAFE, 3: rmValue], flags: flags)
            // DecodeImmShift (A7.4.2).
            let (shiftType, amount): (Int, Int) =
                switch type {
                case 1, 2: (Int(type), imm5 == 0 ? 32 : Int(imm5))
                case 3: imm5 == 0 ? (4, 1) : (3, Int(imm5))
                default: (0, Int(imm5))
                }
            let (operand, carry) = Self.shiftC(rmValue, shiftType, amount, flags.c)
            var (result, expectedFlags) = Self.dataProcessing(op, rn == 15 ? 0 : rnValue, operand, shifterCarry: carry, flags)
            if rn == 15 && op == 0b0011 { result = ~operand }
            if rn == 15 { expectedFlags.n = result >> 31 == 1; expectedFlags.z = result == 0 }
            let label = "0x\(String(encoding, radix: 16)) n=0x\(String(rnValue, radix: 16)) m=0x\(String(rmValue, radix: 16)) flags \(flags)"
            #expect(Self.flags(of: machine) == (s ? expectedFlags : flags), "\(label)")
            #expect(machine.register(2) == (rd == 15 ? 0xCAFE : result), "\(label)")
        }
    }

    @Test(
        "A logical modified immediate sets C from the expansion only when it rotates (A5.3.2)",
        arguments: [
            // (imm12, carry in, expected C): unrotated patterns keep C; rotated ones take imm32[31].
            (UInt32(0x0FF), false, false), (0x0FF, true, true), (0x1AB, true, true), (0x3FF, false, false),
            (0x400, false, true), (0x400, true, true), (0x4FF, true, false), (0x800, true, false), (0x7FF, true, false), (0x47F, false, true),
            (0xFFF, true, false), (0xF80, true, false),
        ])
    func logicalImmediateCarry(imm12: UInt32, carryIn: Bool, carryOut: Bool) {
        // ANDS r2, r1, #const with r1 = 0xFFFFFFFF, and TST r1, #const.
        for (rd, label) in [(UInt32(2), "ANDS"), (15, "TST")] {
            let machine = Self.run(
                [Self.modifiedImmediate(op: 0, s: true, rn: 1, rd: rd, imm12: imm12)], registers: [1: 0xFFFF_FFFF],
                flags: Flags(c: carryIn))
            #expect(machine.core.c == carryOut, "\(label) imm12 0x\(String(imm12, radix: 16))")
        }
    }

    // MARK: - Register-controlled shifts

    @Test("LSL/LSR/ASR/ROR.W by register use Rm[7:0], with the carry of Shift_C, for amounts 0 to 255")
    func registerShifts() {
        var generator = Generator(state: 0x5117)
        for amount: UInt32 in [0, 1, 7, 31, 32, 33, 63, 255, 256, 0x1_0021] {
            for type: UInt32 in 0...3 {
                let value = generator.word()
                let carryIn = Bool.random(using: &generator)
                // LSLS.W r2, r1, r3 etc.: 11111010 0 type S Rn | 1111 Rd 0000 Rm.
                let encoding = 0xFA10_F203 | type << 21 | 1 << 16
                let machine = Self.run([encoding], registers: [1: value, 3: amount], flags: Flags(c: carryIn))
                let (result, carry) = Self.shiftC(value, Int(type), Int(amount & 0xFF), carryIn)
                #expect(machine.register(2) == result, "type \(type) amount \(amount) value 0x\(String(value, radix: 16))")
                #expect(machine.core.c == carry && machine.core.z == (result == 0) && machine.core.n == (result >> 31 == 1))
            }
        }
    }

    // MARK: - Plain binary immediates

    @Test("ADDW/SUBW, their SP forms, ADR.W, MOVW and MOVT")
    func plainBinaryImmediates() {
        // addw r0, r1, #4095; subw r3, r4, #1; addw r2, sp, #123 → bits [1:0] of r2 not cleared (not SP);
        // subw sp, sp, #0x400; movw r7, #0xabcd; movt r7, #0x1234.
        let machine = Self.run(
            [0xF601_70FF, 0xF2A4_0301, 0xF20D_027B, 0xF2AD_4D00, 0xF64A_37CD, 0xF2C1_2734],
            registers: [1: 0xFFFF_F001, 4: 0, 13: 0x2000_1000], flags: Flags(n: true, z: true, c: true, v: true))
        #expect(machine.register(0) == 0x0000_0000)
        #expect(machine.register(3) == 0xFFFF_FFFF)
        #expect(machine.register(2) == 0x2000_107B)
        #expect(machine.register(13) == 0x2000_0C00)
        #expect(machine.register(7) == 0x1234_ABCD)
        #expect(Self.flags(of: machine) == Flags(n: true, z: true, c: true, v: true), "no flags change")
        // adr.w r5, <code - 4> (subw r5, pc, #8 at code: Align(code+4, 4) − 8) and adr.w r6, +0x100.
        let adr = Self.run([0xF2AF_0508, 0xF20F_1600])
        #expect(adr.register(5) == Self.code + 4 - 8)
        #expect(adr.register(6) == ((Self.code + 4 + 4) & ~3) + 0x100)
    }

    @Test("ADD/SUB with SP: results written to SP keep bits [1:0] clear; MOV.W SP, Rm too")
    func stackPointerForms() {
        // add.w sp, sp, r3 (EB0D 0D03) with r3 = 6; sub.w r1, sp, #4 (F1AD 0104); mov.w r5, sp (EA4F 050D).
        let machine = Self.run([0xEB0D_0D03, 0xF1AD_0104, 0xEA4F_050D], registers: [3: 6, 13: 0x2000_0100])
        #expect(machine.register(13) == 0x2000_0104)
        #expect(machine.register(1) == 0x2000_0100)
        #expect(machine.register(5) == 0x2000_0104)
        let move = Self.run([0xEA4F_0D04], registers: [4: 0x2000_0203])  // mov.w sp, r4
        #expect(move.register(13) == 0x2000_0200)
    }

    // MARK: - Saturate, bit fields, extends, reverses

    /// SignedSatQ / UnsignedSatQ (A2.2.1) on wide integers.
    static func saturate(_ value: Int64, bits: Int, signed: Bool) -> (UInt32, Bool) {
        let (low, high) = signed ? (-(Int64(1) << (bits - 1)), (Int64(1) << (bits - 1)) - 1) : (0, (Int64(1) << bits) - 1)
        let clamped = min(max(value, low), high)
        return (UInt32(truncatingIfNeeded: clamped), clamped != value)
    }

    @Test("SSAT/USAT saturate the shifted operand to n bits and set Q only when they saturate")
    func saturation() {
        var generator = Generator(state: 0x5A7)
        for index in 0..<300 {
            let signed = index & 1 == 0
            let isArithmetic = index & 2 == 0
            let amount = isArithmetic ? UInt32.random(in: 1...31, using: &generator) : UInt32.random(in: 0...31, using: &generator)
            let satImm = UInt32.random(in: 0...31, using: &generator)
            let value = generator.word()
            // 11110 0 11 U 0 sh 0 Rn | 0 imm3 Rd imm2 0 sat_imm; Rn = r1, Rd = r2.
            let encoding = 0xF300_0000 | (signed ? 0 : 1 << 23) | (isArithmetic ? 1 << 21 : 0) | 1 << 16
                | (amount >> 2) << 12 | 2 << 8 | (amount & 3) << 6 | satImm
            let machine = Self.run([encoding], registers: [1: value])
            let shifted = isArithmetic ? Int64(Int32(bitPattern: value) >> Int32(amount)) : Int64(Int32(bitPattern: value << amount))
            let (result, saturated) = Self.saturate(shifted, bits: Int(signed ? satImm + 1 : satImm), signed: signed)
            let label = "0x\(String(encoding, radix: 16)) value 0x\(String(value, radix: 16))"
            #expect(machine.register(2) == result, "\(label)")
            #expect(machine.core.q == saturated, "\(label)")
        }
        // Q is sticky: a non-saturating SSAT leaves it set.
        let sticky = Self.run([0xF301_021F], registers: [1: 5], q: true)  // ssat r2, #32, r1
        #expect(sticky.core.q && sticky.register(2) == 5)
    }

    @Test("SBFX/UBFX extract, BFI inserts and BFC clears the bit field lsb…msb")
    func bitFields() {
        var generator = Generator(state: 0xB17)
        for _ in 0..<200 {
            let lsb = UInt32.random(in: 0...31, using: &generator)
            let width = UInt32.random(in: 1...(32 - lsb), using: &generator)
            let source = generator.word(), destination = generator.word()
            let fields = (lsb >> 2) << 12 | 2 << 8 | (lsb & 3) << 6
            let sbfx = 0xF341_0000 | fields | (width - 1)
            let ubfx = 0xF3C1_0000 | fields | (width - 1)
            let bfi = 0xF361_0000 | fields | (lsb + width - 1)
            let bfc = 0xF36F_0000 | fields | (lsb + width - 1)
            var field: UInt32 = 0
            for bit in 0..<width { field |= (source >> (lsb + bit) & 1) << bit }
            let signBit = field >> (width - 1) & 1
            var signExtended = field
            for bit in width..<32 { signExtended |= signBit << bit }
            var mask: UInt32 = 0
            for bit in lsb..<(lsb + width) { mask |= 1 << bit }
            let label = "lsb \(lsb) width \(width) source 0x\(String(source, radix: 16))"
            #expect(Self.run([sbfx], registers: [1: source]).register(2) == signExtended, "SBFX \(label)")
            #expect(Self.run([ubfx], registers: [1: source]).register(2) == field, "UBFX \(label)")
            #expect(Self.run([bfi], registers: [1: source, 2: destination]).register(2) == destination & ~mask | (source << lsb) & mask, "BFI \(label)")
            #expect(Self.run([bfc], registers: [2: destination]).register(2) == destination & ~mask, "BFC \(label)")
        }
    }

    @Test("SXTB/SXTH/UXTB/UXTH.W rotate Rm by 0, 8, 16 or 24 before extending")
    func extends() {
        let value: UInt32 = 0x89AB_CDEF
        for rotate: UInt32 in 0...3 {
            let rotated = rotate == 0 ? value : value >> (8 * rotate) | value << (32 - 8 * rotate)
            // 11111010 0 op 1111 | 1111 Rd 1 0 rotate Rm with Rd = r2, Rm = r1.
            let cases: [(UInt32, UInt32)] = [
                (0xFA4F_F280, UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: rotated)))),  // SXTB
                (0xFA0F_F280, UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: rotated)))),  // SXTH
                (0xFA5F_F280, rotated & 0xFF),  // UXTB
                (0xFA1F_F280, rotated & 0xFFFF),  // UXTH
            ]
            for (base, expected) in cases {
                let encoding = base | rotate << 4 | 1
                #expect(Self.run([encoding], registers: [1: value]).register(2) == expected, "0x\(String(encoding, radix: 16))")
            }
        }
    }

    @Test("CLZ, RBIT, REV, REV16, REVSH (32-bit forms)", arguments: edgeValues + [0x0000_0100, 0x00F0_0000, 0x0000_0080])
    func miscellaneous(value: UInt32) {
        // clz r2, r1; rbit r3, r1; rev.w r4, r1; rev16.w r5, r1; revsh.w r6, r1.
        let machine = Self.run([0xFAB1_F281, 0xFA91_F3A1, 0xFA91_F481, 0xFA91_F591, 0xFA91_F6B1], registers: [1: value])
        var leading: UInt32 = 0
        while leading < 32 && value >> (31 - leading) & 1 == 0 { leading += 1 }
        var reversed: UInt32 = 0
        for bit in 0..<32 { reversed |= (value >> UInt32(bit) & 1) << UInt32(31 - bit) }
        let bytes = (0..<4).map { value >> UInt32(8 * $0) & 0xFF }
        #expect(machine.register(2) == leading)
        #expect(machine.register(3) == reversed)
        #expect(machine.register(4) == bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3])
        #expect(machine.register(5) == bytes[2] << 24 | bytes[3] << 16 | bytes[0] << 8 | bytes[1])
        #expect(machine.register(6) == UInt32(bitPattern: Int32(Int16(bitPattern: UInt16(bytes[0] << 8 | bytes[1])))))
    }

    // MARK: - Multiply and divide

    @Test("MUL, MLA, MLS and the long multiplies match wide-integer arithmetic; flags never change")
    func multiplies() {
        var generator = Generator(state: 0x3017)
        for _ in 0..<150 {
            let n = generator.word(), m = generator.word(), a = generator.word(), hi = generator.word()
            let flags = Flags(n: .random(using: &generator), z: .random(using: &generator), c: .random(using: &generator), v: .random(using: &generator))
            // mul r0, r1, r2; mla r3, r1, r2, r4; mls r5, r1, r2, r4;
            // smull r6, r7, r1, r2; umull r8, r9, r1, r2; smlal r10, r11, r1, r2; umlal r12, r14, r1, r2.
            let machine = Self.run(
                [0xFB01_F002, 0xFB01_4302, 0xFB01_4512, 0xFB81_6702, 0xFBA1_8902, 0xFBC1_AB02, 0xFBE1_CE02],
                registers: [1: n, 2: m, 4: a, 10: a, 11: hi, 12: a, 14: hi], flags: flags)
            let label = "n 0x\(String(n, radix: 16)) m 0x\(String(m, radix: 16))"
            let product = UInt64(n) * UInt64(m)
            let signedProduct = Int64(Int32(bitPattern: n)) * Int64(Int32(bitPattern: m))
            let accumulator = UInt64(hi) << 32 | UInt64(a)
            #expect(machine.register(0) == UInt32(truncatingIfNeeded: product), "MUL \(label)")
            #expect(machine.register(3) == UInt32(truncatingIfNeeded: product &+ UInt64(a)), "MLA \(label)")
            #expect(machine.register(5) == UInt32(truncatingIfNeeded: UInt64(a) &- product), "MLS \(label)")
            #expect(UInt64(machine.register(7)) << 32 | UInt64(machine.register(6)) == UInt64(bitPattern: signedProduct), "SMULL \(label)")
            #expect(UInt64(machine.register(9)) << 32 | UInt64(machine.register(8)) == product, "UMULL \(label)")
            #expect(UInt64(machine.register(11)) << 32 | UInt64(machine.register(10)) == accumulator &+ UInt64(bitPattern: signedProduct), "SMLAL \(label)")
            #expect(UInt64(machine.register(14)) << 32 | UInt64(machine.register(12)) == accumulator &+ product, "UMLAL \(label)")
            #expect(Self.flags(of: machine) == flags)
        }
    }

    @Test(
        "SDIV and UDIV round towards zero; x / 0 = 0; INT_MIN / −1 = INT_MIN",
        arguments: [
            (UInt32(100), UInt32(7)), (0xFFFF_FF9C, 7), (100, 0xFFFF_FFF9), (0x8000_0000, 0xFFFF_FFFF), (0x8000_0000, 1),
            (0xFFFF_FFFF, 1), (5, 0), (0, 0), (0xFFFF_FFFF, 0xFFFF_FFFF), (7, 100), (0x7FFF_FFFF, 2),
        ])
    func division(dividend: UInt32, divisor: UInt32) {
        // sdiv r2, r0, r1; udiv r3, r0, r1.
        let machine = Self.run([0xFB90_F2F1, 0xFBB0_F3F1], registers: [0: dividend, 1: divisor])
        let n = Int64(Int32(bitPattern: dividend)), m = Int64(Int32(bitPattern: divisor))
        let signedQuotient: UInt32 = m == 0 ? 0 : UInt32(truncatingIfNeeded: n / m)  // Int64 division truncates towards zero
        #expect(machine.register(2) == signedQuotient)
        #expect(machine.register(3) == (divisor == 0 ? 0 : dividend / divisor))
    }

    @Test("With CCR.DIV_0_TRP a division by zero is a UsageFault DIVBYZERO and writes nothing")
    func divideByZeroTraps() {
        // udiv r3, r0, r1 then BKPT #0; the fault (escalated to HardFault, UsageFault being disabled)
        // enters the handler at code + 6: BKPT #1.
        let handler = Self.code + 6
        let machine = TestMachine(.m4, code: TestMachine.wide(0xFBB0_F3F1) + [0xBE00, 0xBE01], vectors: [3: handler])
        machine.core.scs.ccr |= 1 << 4
        machine.setRegister(0, 10)
        machine.setRegister(1, 0)
        machine.setRegister(3, 0xCAFE)
        let stop = machine.run()
        #expect(stop == .breakpoint(pc: handler, immediate: 1))
        #expect(machine.core.scs.cfsr & (1 << 25) != 0, "CFSR.DIVBYZERO")
        #expect(machine.register(3) == 0xCAFE)
    }

    // MARK: - IT blocks

    /// A 16-bit data-processing instruction with r0 and r1 preset, and the r0 it leaves.
    struct NarrowCase: Sendable, CustomTestStringConvertible {
        let name: String, encoding: UInt16, r0: UInt32, r1: UInt32, expected: UInt32
        var testDescription: String { name }
    }

    static let narrowForms: [NarrowCase] = [
        NarrowCase(name: "lsls r0, r1, #4", encoding: 0x0108, r0: 0, r1: 0x1234_5678, expected: 0x2345_6780),
        NarrowCase(name: "lsrs r0, r1, #4", encoding: 0x0908, r0: 0, r1: 0x1234_5678, expected: 0x0123_4567),
        NarrowCase(name: "asrs r0, r1, #4", encoding: 0x1108, r0: 0, r1: 0x8000_0010, expected: 0xF800_0001),
        NarrowCase(name: "adds r0, r1, r2 (r2 = 7)", encoding: 0x1888, r0: 0, r1: 5, expected: 12),
        NarrowCase(name: "subs r0, r1, r2 (r2 = 7)", encoding: 0x1A88, r0: 0, r1: 5, expected: 0xFFFF_FFFE),
        NarrowCase(name: "adds r0, #3", encoding: 0x3003, r0: 10, r1: 0, expected: 13),
        NarrowCase(name: "subs r0, #3", encoding: 0x3803, r0: 10, r1: 0, expected: 7),
        NarrowCase(name: "movs r0, #0x80", encoding: 0x2080, r0: 0, r1: 0, expected: 0x80),
        NarrowCase(name: "ands r0, r1", encoding: 0x4008, r0: 0xF0F0, r1: 0xFF00, expected: 0xF000),
        NarrowCase(name: "eors r0, r1", encoding: 0x4048, r0: 0xF0F0, r1: 0xFF00, expected: 0x0FF0),
        NarrowCase(name: "lsls r0, r1", encoding: 0x4088, r0: 1, r1: 4, expected: 16),
        NarrowCase(name: "adcs r0, r1 (C = 1)", encoding: 0x4148, r0: 1, r1: 2, expected: 4),
        NarrowCase(name: "muls r0, r1, r0", encoding: 0x4348, r0: 3, r1: 5, expected: 15),
    ]

    @Test("Inside an IT block the 16-bit data-processing forms compute as outside it and leave the flags alone", arguments: narrowForms)
    func narrowFormsInsideIT(_ form: NarrowCase) {
        // it eq (BF08) with Z set, and it al (BFE8): the instruction runs and must not write
        // NZCV (DDI 0403 A6.7, "setflags = !InITBlock()"); armsim runs it as the 32-bit form
        // without S (CortexMCore.formWithoutFlags).
        for it: UInt16 in [0xBF08, 0xBFE8] {
            let machine = TestMachine(.m4, code: [it, form.encoding])
            machine.setRegister(0, form.r0)
            machine.setRegister(1, form.r1)
            machine.setRegister(2, 7)
            machine.core.n = true; machine.core.z = true; machine.core.c = true; machine.core.v = true
            machine.run()
            #expect(machine.register(0) == form.expected, "\(form.name) after it 0x\(String(it, radix: 16))")
            #expect(Self.flags(of: machine) == Flags(n: true, z: true, c: true, v: true))
        }
    }

    @Test("Inside an IT block a 32-bit ADDS still sets the flags, and a failed condition skips it")
    func flagSettingFormsInsideIT() {
        // it eq (BF08); adds.w r0, r0, #1 (F110 0001).
        let code: [UInt16] = [0xBF08] + TestMachine.wide(0xF110_0001)
        for (z, expected) in [(true, UInt32(0)), (false, UInt32(0xFFFF_FFFF))] {
            let machine = TestMachine(.m4, code: code)
            machine.setRegister(0, 0xFFFF_FFFF)
            machine.core.z = z
            machine.run()
            #expect(machine.register(0) == expected)
            // Executed: 0xFFFFFFFF + 1 sets Z and C; skipped: flags as they were.
            #expect(Self.flags(of: machine) == (z ? Flags(z: true, c: true) : Flags()))
        }
        // For contrast the 16-bit adds r0, #1 (3001) inside the block does not set flags.
        let narrow = TestMachine(.m4, code: [0xBF08, 0x3001])
        narrow.setRegister(0, 0xFFFF_FFFF)
        narrow.core.z = true
        narrow.run()
        #expect(narrow.register(0) == 0 && Self.flags(of: narrow) == Flags(z: true))
    }
}
