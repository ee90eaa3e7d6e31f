import Testing
@testable import CortexM

/// Semantics of the ARMv7E-M DSP instructions, checked against a reference written in
/// this file from the pseudocode of the ARMv7-M ARM (DDI 0403E, A7.7 page of each
/// instruction; SignedSat/UnsignedSat from A2.2.1), not from armsim's helpers.
///
/// Every case runs one instruction (encoded with `arm-none-eabi-as -mcpu=cortex-m4
/// -mthumb`, checked with objdump) on edge operands (0x7FFF, 0x8000, 0x7F, 0x80,
/// 0xFFFF..., 0x80008000, ...) and seeded random ones, with APSR.Q and APSR.GE set to
/// random values beforehand: so the tests also check that Q is sticky (never
/// cleared) and that GE changes only where the pseudocode writes it.
@Suite("DSP semantics")
struct DSPTests {
    // MARK: - Reference pseudocode

    /// The state an instruction reads and writes: R0-R3, APSR.Q and APSR.GE.
    /// Register use in every case: Rd = r0, Rn = r1, Rm = r2, Ra = r3 (QADD and friends:
    /// Rm = r1, Rn = r2); for the long multiplies RdLo = r0, RdHi = r1, Rn = r2, Rm = r3.
    struct State: Equatable, CustomStringConvertible {
        var r: [UInt32]
        var q: Bool
        var ge: UInt32
        var description: String {
            r.map { "0x" + String($0, radix: 16) }.joined(separator: " ") + " Q\(q ? 1 : 0) GE\(String(ge, radix: 2))"
        }
    }

    /// SInt(x<lo+width-1:lo>).
    static func sint(_ x: UInt32, _ lo: Int, _ width: Int) -> Int {
        let value = Int((x >> UInt32(lo)) & UInt32((1 << width) - 1))
        return value >= 1 << (width - 1) ? value - (1 << width) : value
    }

    /// UInt(x<lo+width-1:lo>).
    static func uint(_ x: UInt32, _ lo: Int, _ width: Int) -> Int {
        Int((x >> UInt32(lo)) & UInt32((1 << width) - 1))
    }

    /// x<width-1:0> of an integer, as the low bits of a word.
    static func low(_ x: Int, _ width: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: x) & (width == 32 ? 0xFFFF_FFFF : UInt32((1 << width) - 1))
    }

    /// SignedSatQ(i, n) (A2.2.1): the saturated value and whether it saturated.
    static func signedSat(_ i: Int, _ n: Int) -> (Int, Bool) {
        let maximum = (1 << (n - 1)) - 1
        let minimum = -(1 << (n - 1))
        if i > maximum { return (maximum, true) }
        if i < minimum { return (minimum, true) }
        return (i, false)
    }

    /// UnsignedSatQ(i, n) (A2.2.1).
    static func unsignedSat(_ i: Int, _ n: Int) -> (Int, Bool) {
        let maximum = (1 << n) - 1
        if i > maximum { return (maximum, true) }
        if i < 0 { return (0, true) }
        return (i, false)
    }

    /// ROR(x, n).
    static func ror(_ x: UInt32, _ n: Int) -> UInt32 {
        n % 32 == 0 ? x : (x >> UInt32(n % 32)) | (x << UInt32(32 - n % 32))
    }

    /// One lane of a parallel instruction: Rn<lo+w-1:lo> combined with Rm<mLo+w-1:mLo>,
    /// the result going to Rd<lo+w-1:lo> and GE<(lo+w)/8-1:lo/8>.
    struct Lane {
        var lo: Int
        var mLo: Int
        var subtract: Bool
    }

    /// The lanes of each parallel operation, as the A7.7 pages write them: ASX is
    /// "diff = Rn<15:0> − Rm<31:16>; sum = Rn<31:16> + Rm<15:0>; Rd = sum:diff", SAX the
    /// opposite.
    static func lanes(_ operation: String) -> (width: Int, lanes: [Lane]) {
        switch operation {
        case "add16": return (16, [Lane(lo: 0, mLo: 0, subtract: false), Lane(lo: 16, mLo: 16, subtract: false)])
        case "sub16": return (16, [Lane(lo: 0, mLo: 0, subtract: true), Lane(lo: 16, mLo: 16, subtract: true)])
        case "asx": return (16, [Lane(lo: 0, mLo: 16, subtract: true), Lane(lo: 16, mLo: 0, subtract: false)])
        case "sax": return (16, [Lane(lo: 0, mLo: 16, subtract: false), Lane(lo: 16, mLo: 0, subtract: true)])
        case "add8": return (8, (0..<4).map { Lane(lo: $0 * 8, mLo: $0 * 8, subtract: false) })
        case "sub8": return (8, (0..<4).map { Lane(lo: $0 * 8, mLo: $0 * 8, subtract: true) })
        default: fatalError("no parallel operation \(operation)")
        }
    }

    /// The parallel add/subtract family: prefix S (GE from sign), U (GE from carry /
    /// no borrow), Q/UQ (saturate, no flags), SH/UH (halve, no flags).
    static func parallel(prefix: String, operation: String, _ s: inout State) {
        let (width, laneList) = lanes(operation)
        let signed = !prefix.hasPrefix("u")
        var result: UInt32 = 0
        var ge: UInt32 = 0
        for lane in laneList {
            let x = signed ? sint(s.r[1], lane.lo, width) : uint(s.r[1], lane.lo, width)
            let y = signed ? sint(s.r[2], lane.mLo, width) : uint(s.r[2], lane.mLo, width)
            let value = lane.subtract ? x - y : x + y
            let laneResult: Int
            switch prefix {
            case "q": laneResult = signedSat(value, width).0
            case "uq": laneResult = unsignedSat(value, width).0
            case "sh", "uh": laneResult = value >> 1
            default: laneResult = value
            }
            result |= low(laneResult, width) << UInt32(lane.lo)
            let setsGE: Bool
            if prefix == "s" {
                setsGE = value >= 0
            } else {
                setsGE = lane.subtract ? value >= 0 : value >= 1 << width
            }
            if setsGE { ge |= UInt32((1 << (width / 8)) - 1) << UInt32(lane.lo / 8) }
        }
        s.r[0] = result
        if prefix == "s" || prefix == "u" { s.ge = ge }
    }

    /// The reference of instruction `name` (objdump's mnemonic) with immediate `imm`
    /// (rotation, saturation width or shift amount).
    static func reference(_ name: String, imm: Int, _ s: inout State) {
        let n = s.r[1], m = s.r[2], a = s.r[3]
        for prefix in ["uq", "uh", "sh", "q", "s", "u"] where name.hasPrefix(prefix) {
            let operation = String(name.dropFirst(prefix.count))
            if ["add16", "sub16", "asx", "sax", "add8", "sub8"].contains(operation) {
                parallel(prefix: prefix, operation: operation, &s)
                return
            }
        }
        /// Operand halves of the 16 × 16 multiplies: "b" bottom, "t" top.
        func half(_ x: UInt32, _ letter: Character) -> Int { letter == "t" ? sint(x, 16, 16) : sint(x, 0, 16) }
        func setQIfOverflow(_ result: Int) { if result != sint(low(result, 32), 0, 32) { s.q = true } }
        // <x><y> of SMUL<x><y> and friends: the last two letters of the mnemonic.
        let letters = Array(name)
        let last = letters[letters.count - 1]
        let beforeLast = letters[letters.count - 2]
        switch name {
        case "sel":
            var result: UInt32 = 0
            for byte in 0..<4 {
                let source = s.ge & (1 << UInt32(byte)) != 0 ? n : m
                result |= source & (0xFF << UInt32(byte * 8))
            }
            s.r[0] = result
        // QADD/QSUB/QDADD/QDSUB are written `Rd, Rm, Rn`: in `qadd r0, r1, r2` Rm is r1
        // and Rn is r2.
        case "qadd", "qsub":
            let (m, n) = (s.r[1], s.r[2])
            let (value, saturated) = signedSat(name == "qadd" ? sint(m, 0, 32) + sint(n, 0, 32) : sint(m, 0, 32) - sint(n, 0, 32), 32)
            s.r[0] = low(value, 32)
            if saturated { s.q = true }
        case "qdadd", "qdsub":
            let (m, n) = (s.r[1], s.r[2])
            let (doubled, saturated1) = signedSat(2 * sint(n, 0, 32), 32)
            let (value, saturated2) = signedSat(name == "qdadd" ? sint(m, 0, 32) + doubled : sint(m, 0, 32) - doubled, 32)
            s.r[0] = low(value, 32)
            if saturated1 || saturated2 { s.q = true }
        case "sxtab": s.r[0] = low(Int(n) + sint(ror(m, imm), 0, 8), 32)
        case "sxtah": s.r[0] = low(Int(n) + sint(ror(m, imm), 0, 16), 32)
        case "uxtab": s.r[0] = low(Int(n) + uint(ror(m, imm), 0, 8), 32)
        case "uxtah": s.r[0] = low(Int(n) + uint(ror(m, imm), 0, 16), 32)
        case "sxtab16":
            let rotated = ror(m, imm)
            s.r[0] = low(uint(n, 0, 16) + sint(rotated, 0, 8), 16) | low(uint(n, 16, 16) + sint(rotated, 16, 8), 16) << 16
        case "uxtab16":
            let rotated = ror(m, imm)
            s.r[0] = low(uint(n, 0, 16) + uint(rotated, 0, 8), 16) | low(uint(n, 16, 16) + uint(rotated, 16, 8), 16) << 16
        case "sxtb16":
            let rotated = ror(m, imm)
            s.r[0] = low(sint(rotated, 0, 8), 16) | low(sint(rotated, 16, 8), 16) << 16
        case "uxtb16":
            let rotated = ror(m, imm)
            s.r[0] = low(uint(rotated, 0, 8), 16) | low(uint(rotated, 16, 8), 16) << 16
        case "usad8", "usada8":
            var sum = name == "usada8" ? Int(a) : 0
            for byte in 0..<4 { sum += abs(uint(n, byte * 8, 8) - uint(m, byte * 8, 8)) }
            s.r[0] = low(sum, 32)
        case "ssat16", "usat16":
            // SSAT16 saturates to `imm` bits (1-16), USAT16 to `imm` bits (0-15); the
            // operand is r1 (Rn).
            let sat = name == "ssat16" ? { signedSat($0, imm) } : { unsignedSat($0, imm) }
            let (result1, saturated1) = sat(sint(n, 0, 16))
            let (result2, saturated2) = sat(sint(n, 16, 16))
            s.r[0] = low(result1, 16) | low(result2, 16) << 16
            if saturated1 || saturated2 { s.q = true }
        case "pkhbt":
            let shifted = imm == 0 ? m : m << UInt32(imm)
            s.r[0] = (n & 0xFFFF) | (shifted & 0xFFFF_0000)
        case "pkhtb":
            let shifted = low(sint(m, 0, 32) >> imm, 32)
            s.r[0] = (n & 0xFFFF_0000) | (shifted & 0xFFFF)
        case "smulbb", "smulbt", "smultb", "smultt":
            s.r[0] = low(half(n, beforeLast) * half(m, last), 32)
        case "smlabb", "smlabt", "smlatb", "smlatt":
            let result = half(n, beforeLast) * half(m, last) + sint(a, 0, 32)
            s.r[0] = low(result, 32)
            setQIfOverflow(result)
        case "smulwb", "smulwt":
            s.r[0] = low((sint(n, 0, 32) * half(m, last)) >> 16, 32)
        case "smlawb", "smlawt":
            let result = sint(n, 0, 32) * half(m, last) + (sint(a, 0, 32) << 16)
            s.r[0] = low(result >> 16, 32)
            if (result >> 16) != sint(s.r[0], 0, 32) { s.q = true }
        case "smuad", "smuadx", "smusd", "smusdx", "smlad", "smladx", "smlsd", "smlsdx":
            let operand2 = name.hasSuffix("x") ? ror(m, 16) : m
            let product1 = sint(n, 0, 16) * sint(operand2, 0, 16)
            let product2 = sint(n, 16, 16) * sint(operand2, 16, 16)
            let accumulate = name.hasPrefix("smla") || name.hasPrefix("smls") ? sint(a, 0, 32) : 0
            let result = (name.contains("sd") ? product1 - product2 : product1 + product2) + accumulate
            s.r[0] = low(result, 32)
            // SMUSD cannot overflow; its page has no Q update.
            if !name.hasPrefix("smusd") { setQIfOverflow(result) }
        case "smmul", "smmulr", "smmla", "smmlar", "smmls", "smmlsr":
            // Exact in 128 bits: (Ra << 32) ± Rn × Rm (+ 0x80000000), bits 63:32.
            let product = Int64(sint(n, 0, 32)) * Int64(sint(m, 0, 32))
            let accumulator = name.hasPrefix("smmul") ? 0 : Int64(sint(a, 0, 32))
            var result = (Int128(accumulator) << 32) + (name.hasPrefix("smmls") ? -Int128(product) : Int128(product))
            if name.hasSuffix("r") { result += 0x8000_0000 }
            s.r[0] = UInt32(truncatingIfNeeded: result >> 32)
        case "smlalbb", "smlalbt", "smlaltb", "smlaltt", "smlald", "smlaldx", "smlsld", "smlsldx":
            // RdLo = r0, RdHi = r1, Rn = r2, Rm = r3.
            let rn = s.r[2], rm = s.r[3]
            let accumulator = Int128(Int64(bitPattern: UInt64(s.r[1]) << 32 | UInt64(s.r[0])))
            let value: Int
            if ["smlalbb", "smlalbt", "smlaltb", "smlaltt"].contains(name) {
                value = half(rn, beforeLast) * half(rm, last)
            } else {
                let operand2 = name.hasSuffix("x") ? ror(rm, 16) : rm
                let product1 = sint(rn, 0, 16) * sint(operand2, 0, 16)
                let product2 = sint(rn, 16, 16) * sint(operand2, 16, 16)
                value = name.hasPrefix("smlsld") ? product1 - product2 : product1 + product2
            }
            let result = accumulator + Int128(value)
            s.r[1] = UInt32(truncatingIfNeeded: result >> 32)
            s.r[0] = UInt32(truncatingIfNeeded: result)
        case "umaal":
            let result = UInt128(s.r[2]) * UInt128(s.r[3]) + UInt128(s.r[1]) + UInt128(s.r[0])
            s.r[1] = UInt32(truncatingIfNeeded: result >> 32)
            s.r[0] = UInt32(truncatingIfNeeded: result)
        default:
            Issue.record("no reference for \(name)")
        }
    }

    // MARK: - Cases and operands

    /// One instruction: objdump's text, its encoding, and its immediate (rotation,
    /// saturation width, shift) as the text gives it.
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var encoding: UInt32
        var imm: Int
        init(_ text: String, _ encoding: UInt32, imm: Int = 0) {
            self.text = text
            self.encoding = encoding
            self.imm = imm
        }
        var name: String { String(text.prefix { $0 != " " }) }
        var testDescription: String { text }
    }

    // swift-format-ignore
    static let cases: [Case] = [
        Case("sadd16 r0, r1, r2", 0xFA91_F002),
        Case("sasx r0, r1, r2", 0xFAA1_F002),
        Case("ssax r0, r1, r2", 0xFAE1_F002),
        Case("ssub16 r0, r1, r2", 0xFAD1_F002),
        Case("sadd8 r0, r1, r2", 0xFA81_F002),
        Case("ssub8 r0, r1, r2", 0xFAC1_F002),
        Case("qadd16 r0, r1, r2", 0xFA91_F012),
        Case("qasx r0, r1, r2", 0xFAA1_F012),
        Case("qsax r0, r1, r2", 0xFAE1_F012),
        Case("qsub16 r0, r1, r2", 0xFAD1_F012),
        Case("qadd8 r0, r1, r2", 0xFA81_F012),
        Case("qsub8 r0, r1, r2", 0xFAC1_F012),
        Case("shadd16 r0, r1, r2", 0xFA91_F022),
        Case("shasx r0, r1, r2", 0xFAA1_F022),
        Case("shsax r0, r1, r2", 0xFAE1_F022),
        Case("shsub16 r0, r1, r2", 0xFAD1_F022),
        Case("shadd8 r0, r1, r2", 0xFA81_F022),
        Case("shsub8 r0, r1, r2", 0xFAC1_F022),
        Case("uadd16 r0, r1, r2", 0xFA91_F042),
        Case("uasx r0, r1, r2", 0xFAA1_F042),
        Case("usax r0, r1, r2", 0xFAE1_F042),
        Case("usub16 r0, r1, r2", 0xFAD1_F042),
        Case("uadd8 r0, r1, r2", 0xFA81_F042),
        Case("usub8 r0, r1, r2", 0xFAC1_F042),
        Case("uqadd16 r0, r1, r2", 0xFA91_F052),
        Case("uqasx r0, r1, r2", 0xFAA1_F052),
        Case("uqsax r0, r1, r2", 0xFAE1_F052),
        Case("uqsub16 r0, r1, r2", 0xFAD1_F052),
        Case("uqadd8 r0, r1, r2", 0xFA81_F052),
        Case("uqsub8 r0, r1, r2", 0xFAC1_F052),
        Case("uhadd16 r0, r1, r2", 0xFA91_F062),
        Case("uhasx r0, r1, r2", 0xFAA1_F062),
        Case("uhsax r0, r1, r2", 0xFAE1_F062),
        Case("uhsub16 r0, r1, r2", 0xFAD1_F062),
        Case("uhadd8 r0, r1, r2", 0xFA81_F062),
        Case("uhsub8 r0, r1, r2", 0xFAC1_F062),
        Case("sel r0, r1, r2", 0xFAA1_F082),
        Case("qadd r0, r1, r2", 0xFA82_F081),
        Case("qdadd r0, r1, r2", 0xFA82_F091),
        Case("qsub r0, r1, r2", 0xFA82_F0A1),
        Case("qdsub r0, r1, r2", 0xFA82_F0B1),
        Case("sxtab r0, r1, r2", 0xFA41_F082, imm: 0),
        Case("sxtab r0, r1, r2, ror #8", 0xFA41_F092, imm: 8),
        Case("sxtah r0, r1, r2, ror #16", 0xFA01_F0A2, imm: 16),
        Case("sxtab16 r0, r1, r2, ror #24", 0xFA21_F0B2, imm: 24),
        Case("sxtb16 r0, r2", 0xFA2F_F082, imm: 0),
        Case("sxtb16 r0, r2, ror #8", 0xFA2F_F092, imm: 8),
        Case("uxtab r0, r1, r2", 0xFA51_F082, imm: 0),
        Case("uxtah r0, r1, r2, ror #16", 0xFA11_F0A2, imm: 16),
        Case("uxtab16 r0, r1, r2, ror #24", 0xFA31_F0B2, imm: 24),
        Case("uxtb16 r0, r2, ror #8", 0xFA3F_F092, imm: 8),
        Case("usad8 r0, r1, r2", 0xFB71_F002),
        Case("usada8 r0, r1, r2, r3", 0xFB71_3002),
        Case("ssat16 r0, #1, r1", 0xF321_0000, imm: 1),
        Case("ssat16 r0, #16, r1", 0xF321_000F, imm: 16),
        Case("usat16 r0, #0, r1", 0xF3A1_0000, imm: 0),
        Case("usat16 r0, #15, r1", 0xF3A1_000F, imm: 15),
        Case("pkhbt r0, r1, r2", 0xEAC1_0002, imm: 0),
        Case("pkhbt r0, r1, r2, lsl #5", 0xEAC1_1042, imm: 5),
        Case("pkhtb r0, r1, r2, asr #5", 0xEAC1_1062, imm: 5),
        Case("pkhtb r0, r1, r2, asr #32", 0xEAC1_0022, imm: 32),
        Case("smlabb r0, r1, r2, r3", 0xFB11_3002),
        Case("smlabt r0, r1, r2, r3", 0xFB11_3012),
        Case("smlatb r0, r1, r2, r3", 0xFB11_3022),
        Case("smlatt r0, r1, r2, r3", 0xFB11_3032),
        Case("smulbb r0, r1, r2", 0xFB11_F002),
        Case("smulbt r0, r1, r2", 0xFB11_F012),
        Case("smultb r0, r1, r2", 0xFB11_F022),
        Case("smultt r0, r1, r2", 0xFB11_F032),
        Case("smlawb r0, r1, r2, r3", 0xFB31_3002),
        Case("smlawt r0, r1, r2, r3", 0xFB31_3012),
        Case("smulwb r0, r1, r2", 0xFB31_F002),
        Case("smulwt r0, r1, r2", 0xFB31_F012),
        Case("smlad r0, r1, r2, r3", 0xFB21_3002),
        Case("smladx r0, r1, r2, r3", 0xFB21_3012),
        Case("smlsd r0, r1, r2, r3", 0xFB41_3002),
        Case("smlsdx r0, r1, r2, r3", 0xFB41_3012),
        Case("smuad r0, r1, r2", 0xFB21_F002),
        Case("smuadx r0, r1, r2", 0xFB21_F012),
        Case("smusd r0, r1, r2", 0xFB41_F002),
        Case("smusdx r0, r1, r2", 0xFB41_F012),
        Case("smmul r0, r1, r2", 0xFB51_F002),
        Case("smmulr r0, r1, r2", 0xFB51_F012),
        Case("smmla r0, r1, r2, r3", 0xFB51_3002),
        Case("smmlar r0, r1, r2, r3", 0xFB51_3012),
        Case("smmls r0, r1, r2, r3", 0xFB61_3002),
        Case("smmlsr r0, r1, r2, r3", 0xFB61_3012),
        Case("smlalbb r0, r1, r2, r3", 0xFBC2_0183),
        Case("smlalbt r0, r1, r2, r3", 0xFBC2_0193),
        Case("smlaltb r0, r1, r2, r3", 0xFBC2_01A3),
        Case("smlaltt r0, r1, r2, r3", 0xFBC2_01B3),
        Case("smlald r0, r1, r2, r3", 0xFBC2_01C3),
        Case("smlaldx r0, r1, r2, r3", 0xFBC2_01D3),
        Case("smlsld r0, r1, r2, r3", 0xFBD2_01C3),
        Case("smlsldx r0, r1, r2, r3", 0xFBD2_01D3),
        Case("umaal r0, r1, r2, r3", 0xFBE2_0163),
    ]

    /// Edge operands: halfword and byte limits in every lane, word limits, mixed signs.
    static let edgeValues: [UInt32] = [
        0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x0001_0000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
        0x7FFF_7FFF, 0x8000_8000, 0x7FFF_8000, 0x8000_7FFF, 0xFFFF_0000, 0x7F7F_7F7F, 0x8080_8080, 0xFF80_7F01,
        0x0100_00FF, 0x1234_5678, 0xFEDC_BA98,
    ]

    /// SplitMix64, so the random operands are the same on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// 48 starting states per case: operands drawn from the edge values (two thirds)
    /// or at random, Q and GE random.
    static func startingStates(seed: UInt64) -> [State] {
        var generator = SeededGenerator(state: seed)
        return (0..<48).map { _ in
            let registers = (0..<4).map { _ -> UInt32 in
                Int.random(in: 0..<3, using: &generator) < 2 ? edgeValues.randomElement(using: &generator)! : UInt32.random(in: .min ... .max, using: &generator)
            }
            return State(r: registers, q: Bool.random(using: &generator), ge: UInt32.random(in: 0...15, using: &generator))
        }
    }

    /// Runs `encoding` once from `state` on a Cortex-M4 and returns the state after it.
    static func execute(_ encoding: UInt32, from state: State) -> State {
        let machine = TestMachine(.m4, code: TestMachine.wide(encoding))
        for index in 0..<4 { machine.setRegister(index, state.r[index]) }
        machine.core.q = state.q
        machine.core.ge = state.ge
        machine.run()
        return State(r: (0..<4).map { machine.register($0) }, q: machine.core.q, ge: machine.core.ge)
    }

    // MARK: - Tests

    @Test("Each DSP instruction matches the A7.7 pseudocode on edge and random operands, Q and GE included", arguments: cases)
    func matchesPseudocode(_ testCase: Case) {
        var seed: UInt64 = 0xD5B
        for byte in testCase.text.utf8 { seed = seed &* 31 &+ UInt64(byte) }
        for start in Self.startingStates(seed: seed) {
            var expected = start
            Self.reference(testCase.name, imm: testCase.imm, &expected)
            let actual = Self.execute(testCase.encoding, from: start)
            #expect(actual == expected, "\(testCase.text) from \(start)")
        }
    }

    // MARK: Named edge cases

    /// SMUAD: 0x8000 × 0x8000 twice is 2^31, which does not fit: the result wraps to
    /// 0x80000000 and Q is set (the only SMUAD overflow, A7.7 SMUAD).
    @Test("SMUAD of 0x80008000 by itself wraps to 0x80000000 and sets Q")
    func smuadOverflowSetsQ() {
        let after = Self.execute(0xFB21_F002, from: State(r: [0, 0x8000_8000, 0x8000_8000, 0], q: false, ge: 0))
        #expect(after.r[0] == 0x8000_0000)
        #expect(after.q)
    }

    /// SMLAD: 0x7FFF × 0x7FFF twice plus Ra = 0x7FFFFFFF overflows (0x7FFE0002 +
    /// 0x7FFFFFFF): it wraps to 0xFFFE0001 and sets Q. The second SMLAD, 0x7FFE0002 +
    /// SInt(0xFFFE0001) = 0x7FFC0003, does not overflow and leaves Q set (sticky).
    @Test("SMLAD overflow sets Q and a following SMLAD without overflow does not clear it")
    func smladQIsSticky() {
        // smlad r0, r1, r2, r3; smlad r0, r1, r2, r0
        let machine = TestMachine(.m4, code: TestMachine.wide(0xFB21_3002) + TestMachine.wide(0xFB21_0002))
        machine.setRegister(1, 0x7FFF_7FFF)
        machine.setRegister(2, 0x7FFF_7FFF)
        machine.setRegister(3, 0x7FFF_FFFF)
        machine.run()
        #expect(machine.register(0) == 0x7FFC_0003)
        #expect(machine.core.q)
    }

    @Test("QADD saturates 0x7FFFFFFF + 1 to 0x7FFFFFFF and QSUB 0x80000000 − 1 to 0x80000000, setting Q")
    func qaddQsubSaturate() {
        // qadd r0, r1, r2 computes r1 + r2 (Rd, Rm, Rn).
        let add = Self.execute(0xFA82_F081, from: State(r: [0, 0x7FFF_FFFF, 1, 0], q: false, ge: 0))
        #expect(add.r[0] == 0x7FFF_FFFF && add.q)
        // qsub r0, r1, r2 computes r1 − r2.
        let sub = Self.execute(0xFA82_F0A1, from: State(r: [0, 0x8000_0000, 1, 0], q: false, ge: 0))
        #expect(sub.r[0] == 0x8000_0000 && sub.q)
        let plain = Self.execute(0xFA82_F081, from: State(r: [0, 100, 200, 0], q: false, ge: 0))
        #expect(plain.r[0] == 300 && !plain.q)
    }

    @Test("QDADD sets Q when only the doubling saturates")
    func qdaddDoublingSaturates() {
        // 2 × 0x40000000 saturates to 0x7FFFFFFF; + (−1) = 0x7FFFFFFE, no second saturation.
        let after = Self.execute(0xFA82_F091, from: State(r: [0, 0xFFFF_FFFF, 0x4000_0000, 0], q: false, ge: 0))
        #expect(after.r[0] == 0x7FFF_FFFE)
        #expect(after.q)
    }

    @Test("SADD16 and UADD16 set GE per halfword: sign for SADD16, carry for UADD16")
    func addSixteenGEFlags() {
        // The GE test uses the exact sum: 0x7FFF + 1 = +32768 ≥ 0 (GE[3:2] = 11) even though
        // its 16 bits read 0x8000; −32768 + −32768 = −65536 < 0 (GE[1:0] = 00) though they read 0.
        let signed = Self.execute(0xFA91_F002, from: State(r: [0, 0x7FFF_8000, 0x0001_8000, 0], q: false, ge: 0b0011))
        #expect(signed.r[0] == 0x8000_0000 && signed.ge == 0b1100)
        // Unsigned: 0x7FFF + 1 = 0x8000 (no carry), 0x8000 + 0x8000 = 0x10000 (carry: GE[1:0] = 11).
        let unsigned = Self.execute(0xFA91_F042, from: State(r: [0, 0x7FFF_8000, 0x0001_8000, 0], q: false, ge: 0))
        #expect(unsigned.r[0] == 0x8000_0000 && unsigned.ge == 0b0011)
    }

    @Test("QADD16 and SHADD16 leave GE and Q alone")
    func saturatingAndHalvingLeaveFlags() {
        let saturating = Self.execute(0xFA91_F012, from: State(r: [0, 0x7FFF_8000, 0x7FFF_8000, 0], q: false, ge: 0b1010))
        #expect(saturating.r[0] == 0x7FFF_8000 && saturating.ge == 0b1010 && !saturating.q)
        let halving = Self.execute(0xFA91_F022, from: State(r: [0, 0x7FFF_8000, 0x7FFF_8000, 0], q: true, ge: 0b0101))
        #expect(halving.r[0] == 0x7FFF_8000 && halving.ge == 0b0101 && halving.q)
    }

    @Test("SEL after USUB8 picks the larger unsigned byte of each lane")
    func selAfterUsub8IsByteMaximum() {
        // usub8 r3, r1, r2 (GE[i] = r1.byte >= r2.byte); sel r0, r1, r2.
        let machine = TestMachine(.m4, code: TestMachine.wide(0xFAC1_F342) + TestMachine.wide(0xFAA1_F082))
        machine.setRegister(1, 0x10FF_7F00)
        machine.setRegister(2, 0x2080_8001)
        machine.run()
        #expect(machine.register(0) == 0x20FF_8001)
        #expect(machine.core.ge == 0b0100)
    }

    @Test("PKHTB with ASR #32 fills the bottom halfword with Rm's sign")
    func pkhtbArithmeticShift32() {
        let negative = Self.execute(0xEAC1_0022, from: State(r: [0, 0x1234_5678, 0x8000_0000, 0], q: false, ge: 0))
        #expect(negative.r[0] == 0x1234_FFFF)
        let positive = Self.execute(0xEAC1_0022, from: State(r: [0, 0x1234_5678, 0x7FFF_FFFF, 0], q: false, ge: 0))
        #expect(positive.r[0] == 0x1234_0000)
    }

    @Test("SSAT16 #1 and USAT16 #0 saturate every halfword and set Q")
    func narrowHalfwordSaturation() {
        // ssat16 r0, #1, r1: range −1...0.
        let signed = Self.execute(0xF321_0000, from: State(r: [0, 0x7FFF_8000, 0, 0], q: false, ge: 0))
        #expect(signed.r[0] == 0x0000_FFFF && signed.q)
        // usat16 r0, #0, r1: range 0...0.
        let unsigned = Self.execute(0xF3A1_0000, from: State(r: [0, 0x0001_FFFF, 0, 0], q: false, ge: 0))
        #expect(unsigned.r[0] == 0 && unsigned.q)
        let inRange = Self.execute(0xF3A1_000F, from: State(r: [0, 0x7FFF_0000, 0, 0], q: false, ge: 0))
        #expect(inRange.r[0] == 0x7FFF_0000 && !inRange.q)
    }

    // MARK: - An int8 dot product, CMSIS-NN style

    /// The inner loop of CMSIS-NN's int8 kernels: four int8 of each vector per word,
    /// widened in pairs with SXTB16 (bytes 0 and 2; ROR #8 for bytes 1 and 3) and
    /// accumulated with two SMLADs. Compared with a plain Swift dot product.
    @Test("An SXTB16/SMLAD int8 dot-product loop equals the Swift dot product")
    func int8DotProduct() {
        var generator = SeededGenerator(state: 42)
        var a = (0..<64).map { _ in Int8.random(in: .min ... .max, using: &generator) }
        var b = (0..<64).map { _ in Int8.random(in: .min ... .max, using: &generator) }
        // Extremes too: −128 × −128 products, +127 × −128.
        a[0] = -128; b[0] = -128; a[1] = -128; b[1] = -128; a[2] = 127; b[2] = -128; a[3] = -1; b[3] = 127
        let expected = zip(a, b).reduce(Int32(0)) { $0 + Int32($1.0) * Int32($1.1) }
        let aAddress: UInt32 = 0x2000_0000
        let bAddress: UInt32 = 0x2000_0100
        let code: [UInt16] = [
            0x6804,  // loop: ldr r4, [r0, #0]
            0x680D,  //       ldr r5, [r1, #0]
            0x3004,  //       adds r0, #4
            0x3104,  //       adds r1, #4
            0xFA2F, 0xF684,  // sxtb16 r6, r4
            0xFA2F, 0xF494,  // sxtb16 r4, r4, ror #8
            0xFA2F, 0xF785,  // sxtb16 r7, r5
            0xFA2F, 0xF595,  // sxtb16 r5, r5, ror #8
            0xFB26, 0x3307,  // smlad r3, r6, r7, r3
            0xFB24, 0x3305,  // smlad r3, r4, r5, r3
            0x3A01,  //       subs r2, #1
            0xD1ED,  //       bne loop
        ]
        let machine = TestMachine(
            .m4, code: code,
            data: [(aAddress, a.map { UInt8(bitPattern: $0) }), (bAddress, b.map { UInt8(bitPattern: $0) })])
        machine.setRegister(0, aAddress)
        machine.setRegister(1, bAddress)
        machine.setRegister(2, UInt32(a.count / 4))
        machine.setRegister(3, 0)
        machine.run()
        #expect(Int32(bitPattern: machine.register(3)) == expected)
        #expect(machine.register(2) == 0)
        #expect(!machine.core.q)
    }
}
