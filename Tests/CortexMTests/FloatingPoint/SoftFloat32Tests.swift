import Testing
@testable import CortexM

/// SoftFloat32 (armsim's own integer implementation of the FPv4-SP arithmetic, DDI 0403E
/// A2.5) against independent oracles.
///
/// - Round to nearest, FZ = 0, DN = 0: Swift's `Float` arithmetic is IEEE 754 and
///   correctly rounded (and `Float.addingProduct` is fused), so it is the oracle for
///   every non-NaN result, bit for bit.
/// - Directed rounding: the exact result is decided with `Double`, where the test
///   proves it exact (a product of two 24-bit mantissas has 48 bits; `q × b` and
///   `q × q` for a quotient or root candidate `q` are exact), and then rounded in the
///   test by stepping from the round-to-nearest value.
/// - Flags, FZ, DN, NaN propagation and half precision: hand-derived vectors from the
///   pseudocode, each with its reason.
///
/// Operands come from a fixed-seed generator, so every run checks the same values.
@Suite("SoftFloat32 against independent oracles")
struct SoftFloat32Tests {
    // MARK: Operand generation

    /// SplitMix64: a small deterministic generator.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func word() -> UInt32 { UInt32(truncatingIfNeeded: next()) }
    }

    /// Values at the edges: zeros, denormals, the normal boundary, one, the largest
    /// finite values and infinities.
    static let edges: [UInt32] = [
        0x0000_0000, 0x8000_0000, 0x0000_0001, 0x8000_0001, 0x007F_FFFF, 0x807F_FFFF, 0x0080_0000, 0x8080_0000,
        0x0040_0000, 0x3F80_0000, 0xBF80_0000, 0x3F80_0001, 0x3F7F_FFFF, 0x7F7F_FFFF, 0xFF7F_FFFF, 0x7F00_0000,
        0x7F80_0000, 0xFF80_0000, 0x4B80_0000, 0x3400_0000, 0x0080_0001, 0x00FF_FFFF, 0x5F80_0000, 0x2000_0000,
    ]

    /// A mix of edge values, uniformly random bit patterns, and random values with
    /// exponents near `partner`'s (cancellation, ties), or near the denormal range.
    static func operand(_ g: inout Generator, near partner: UInt32) -> UInt32 {
        let choice = g.next() % 8
        switch choice {
        case 0: return edges[Int(g.next() % UInt64(edges.count))]
        case 1, 2:
            let exponent = Int((partner >> 23) & 0xFF) + Int(g.next() % 7) - 3
            let clamped = UInt32(min(max(exponent, 0), 254))
            return (g.word() & 0x807F_FFFF) | clamped << 23
        case 3: return (g.word() & 0x80FF_FFFF)  // denormals and the smallest normals
        case 4: return (g.word() & 0x81FF_FFFF) | 0x3E00_0000  // moderate values
        default: return g.word()
        }
    }

    static func isNaN(_ bits: UInt32) -> Bool { bits & 0x7F80_0000 == 0x7F80_0000 && bits & 0x7F_FFFF != 0 }

    static func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }

    // MARK: Round to nearest against the host's IEEE arithmetic

    enum Binary: String, CaseIterable, CustomTestStringConvertible {
        case add, subtract, multiply, divide
        var testDescription: String { rawValue }
    }

    static func soft(_ op: Binary, _ a: UInt32, _ b: UInt32, _ fpscr: inout UInt32) -> UInt32 {
        switch op {
        case .add: return SoftFloat32.add(a, b, &fpscr)
        case .subtract: return SoftFloat32.subtract(a, b, &fpscr)
        case .multiply: return SoftFloat32.multiply(a, b, &fpscr)
        case .divide: return SoftFloat32.divide(a, b, &fpscr)
        }
    }

    static func host(_ op: Binary, _ a: Float, _ b: Float) -> Float {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        }
    }

    @Test("Round to nearest: add, subtract, multiply and divide match IEEE 754 bit for bit on 150,000 operand pairs each", arguments: Binary.allCases)
    func binaryRoundToNearest(op: Binary) {
        var g = Generator(state: 0x5EED_0000 + UInt64(op.rawValue.count))
        var failures = 0
        for _ in 0..<150_000 {
            let a = Self.operand(&g, near: g.word())
            let b = Self.operand(&g, near: a)
            var fpscr: UInt32 = 0
            let result = Self.soft(op, a, b, &fpscr)
            let expected = Self.host(op, Float(bitPattern: a), Float(bitPattern: b))
            if expected.isNaN {
                if !Self.isNaN(result) { failures += 1 }
            } else if result != expected.bitPattern {
                failures += 1
                if failures < 5 { Issue.record("\(op) \(Self.hex(a)) \(Self.hex(b)) = \(Self.hex(result)), IEEE \(Self.hex(expected.bitPattern))") }
            }
        }
        #expect(failures == 0)
    }

    @Test("Round to nearest: square root matches IEEE 754 on 200,000 operands")
    func squareRootRoundToNearest() {
        var g = Generator(state: 0x5157)
        for _ in 0..<200_000 {
            let a = Self.operand(&g, near: g.word())
            var fpscr: UInt32 = 0
            let result = SoftFloat32.squareRoot(a, &fpscr)
            let expected = Float(bitPattern: a).squareRoot()
            if expected.isNaN {
                #expect(Self.isNaN(result))
            } else if result != expected.bitPattern {
                Issue.record("sqrt \(Self.hex(a)) = \(Self.hex(result)), IEEE \(Self.hex(expected.bitPattern))")
                return
            }
        }
    }

    @Test("Round to nearest: fused multiply-add matches Float.addingProduct on 200,000 triples")
    func fusedRoundToNearest() {
        var g = Generator(state: 0xF3A)
        for _ in 0..<200_000 {
            let a = Self.operand(&g, near: g.word())
            let b = Self.operand(&g, near: g.word())
            // An addend near the product's magnitude, to exercise cancellation.
            let productExponent = ((a >> 23) & 0xFF) &+ ((b >> 23) & 0xFF) &- 127
            let c = Self.operand(&g, near: productExponent < 255 ? productExponent << 23 : g.word())
            var fpscr: UInt32 = 0
            let result = SoftFloat32.fusedMultiplyAdd(c, a, b, &fpscr)
            let expected = Float(bitPattern: c).addingProduct(Float(bitPattern: a), Float(bitPattern: b))
            if expected.isNaN {
                #expect(Self.isNaN(result))
            } else if result != expected.bitPattern {
                Issue.record("fma \(Self.hex(c)) + \(Self.hex(a)) × \(Self.hex(b)) = \(Self.hex(result)), IEEE \(Self.hex(expected.bitPattern))")
                return
            }
        }
    }

    // MARK: Directed rounding against exact arithmetic in Double

    /// Rounds an exact real held in `Double` to single precision in `mode`, by stepping
    /// from the correctly rounded nearest value.
    static func directed(_ exact: Double, _ mode: SoftFloat32.RoundingMode) -> Float {
        let nearest = Float(exact)
        switch mode {
        case .nearest: return nearest
        case .towardPlusInfinity: return Double(nearest) < exact ? nearest.nextUp : nearest
        case .towardMinusInfinity: return Double(nearest) > exact ? nearest.nextDown : nearest
        case .towardZero:
            if exact > 0 && Double(nearest) > exact { return nearest.nextDown }
            if exact < 0 && Double(nearest) < exact { return nearest.nextUp }
            return nearest
        }
    }

    static func fpscr(_ mode: SoftFloat32.RoundingMode) -> UInt32 { mode.rawValue << 22 }

    @Test("Directed rounding: products round as the exact Double product does, with IXC exactly when inexact", arguments: SoftFloat32.RoundingMode.allCases)
    func multiplyDirected(mode: SoftFloat32.RoundingMode) {
        var g = Generator(state: 0xD1 + UInt64(mode.rawValue))
        for _ in 0..<100_000 {
            let a = Self.operand(&g, near: g.word())
            let b = Self.operand(&g, near: g.word())
            let x = Float(bitPattern: a), y = Float(bitPattern: b)
            guard x.isFinite, y.isFinite else { continue }
            let exact = Double(x) * Double(y)  // 48-bit product: exact in Double
            var fpscr = Self.fpscr(mode)
            let result = SoftFloat32.multiply(a, b, &fpscr)
            let expected = exact == 0 ? Float(exact) : Self.directed(exact, mode)
            if result != expected.bitPattern {
                Issue.record("\(mode) \(Self.hex(a)) × \(Self.hex(b)) = \(Self.hex(result)), expected \(Self.hex(expected.bitPattern))")
                return
            }
            let isExact = Double(expected) == exact
            #expect((fpscr & SoftFloat32.inexact != 0) == !isExact)
        }
    }

    @Test("Directed rounding: sums whose exact value fits a Double round correctly; exact cancellation gives −0 only toward −∞", arguments: SoftFloat32.RoundingMode.allCases)
    func addDirected(mode: SoftFloat32.RoundingMode) {
        var g = Generator(state: 0xAD + UInt64(mode.rawValue))
        var checked = 0
        for _ in 0..<150_000 {
            let a = Self.operand(&g, near: g.word())
            let b = Self.operand(&g, near: a)
            let x = Float(bitPattern: a), y = Float(bitPattern: b)
            guard x.isFinite, y.isFinite, x != 0 || y != 0 else { continue }
            // 24 + 28 + 1 bits ≤ 53: the sum is exact in Double.
            guard x == 0 || y == 0 || abs(Int(x.exponent) - Int(y.exponent)) <= 28 else { continue }
            let exact = Double(x) + Double(y)
            var fpscr = Self.fpscr(mode)
            let result = SoftFloat32.add(a, b, &fpscr)
            let expected: Float
            if exact == 0 {
                expected = x.sign == y.sign ? x : (mode == .towardMinusInfinity ? -0.0 : 0.0)
            } else {
                expected = Self.directed(exact, mode)
            }
            checked += 1
            if result != expected.bitPattern {
                Issue.record("\(mode) \(Self.hex(a)) + \(Self.hex(b)) = \(Self.hex(result)), expected \(Self.hex(expected.bitPattern))")
                return
            }
        }
        #expect(checked > 50_000)
    }

    @Test("Directed rounding: quotients and roots are the neighbour of the nearest value that the exact residual says", arguments: SoftFloat32.RoundingMode.allCases)
    func divideAndRootDirected(mode: SoftFloat32.RoundingMode) {
        var g = Generator(state: 0xD0 + UInt64(mode.rawValue))
        for _ in 0..<100_000 {
            let a = Self.operand(&g, near: g.word()) & 0x7FFF_FFFF
            let b = Self.operand(&g, near: a)
            let x = Float(bitPattern: a), y = Float(bitPattern: b)
            guard x.isFinite, y.isFinite, x != 0, y != 0 else { continue }
            let nearest = x / y
            guard nearest.isFinite, nearest != 0 else { continue }
            // residual sign of q − x/y for q = nearest: q·y − x (exact in Double), divided by sign(y).
            let residual = (Double(nearest) * Double(y) - Double(x)) * (y < 0 ? -1 : 1)
            var expected = nearest
            switch mode {
            case .nearest: break
            case .towardPlusInfinity: if residual < 0 { expected = nearest.nextUp }
            case .towardMinusInfinity: if residual > 0 { expected = nearest.nextDown }
            case .towardZero:
                if nearest > 0 && residual > 0 { expected = nearest.nextDown }
                if nearest < 0 && residual < 0 { expected = nearest.nextUp }
            }
            var fpscr = Self.fpscr(mode)
            let result = SoftFloat32.divide(a, b, &fpscr)
            if result != expected.bitPattern {
                Issue.record("\(mode) \(Self.hex(a)) / \(Self.hex(b)) = \(Self.hex(result)), expected \(Self.hex(expected.bitPattern))")
                return
            }
            #expect((fpscr & SoftFloat32.inexact != 0) == (residual != 0 || expected != nearest))

            let root = x.squareRoot()
            let rootResidual = Double(root) * Double(root) - Double(x)
            var expectedRoot = root
            switch mode {
            case .nearest: break
            case .towardPlusInfinity: if rootResidual < 0 { expectedRoot = root.nextUp }
            case .towardMinusInfinity, .towardZero: if rootResidual > 0 { expectedRoot = root.nextDown }
            }
            var rootFPSCR = Self.fpscr(mode)
            #expect(SoftFloat32.squareRoot(a, &rootFPSCR) == expectedRoot.bitPattern, "\(mode) sqrt \(Self.hex(a))")
        }
    }

    @Test("Directed rounding: fused multiply-add of short mantissas, exact in Double, rounds once", arguments: SoftFloat32.RoundingMode.allCases)
    func fusedDirected(mode: SoftFloat32.RoundingMode) {
        var g = Generator(state: 0xFD + UInt64(mode.rawValue))
        for _ in 0..<100_000 {
            // 12-bit mantissas: a 24-bit product; an addend within 2^±8 of it keeps the
            // exact sum within 24 + 8 + 24 bits < 53.
            let a = (g.word() & 0x8FFF_F000) | 0x3000_0000
            let b = (g.word() & 0x8FFF_F000) | 0x3000_0000
            let x = Float(bitPattern: a), y = Float(bitPattern: b)
            let product = Double(x) * Double(y)
            let shift = Int(g.next() % 17) - 8
            let c = Float(product * Double(sign: .plus, exponent: shift, significand: 1)).bitPattern ^ (g.word() & 0x8000_0FFF)
            let exact = product + Double(Float(bitPattern: c))
            var fpscr = Self.fpscr(mode)
            let result = SoftFloat32.fusedMultiplyAdd(c, a, b, &fpscr)
            let expected: Float = exact == 0 ? (mode == .towardMinusInfinity ? -0.0 : 0.0) : Self.directed(exact, mode)
            if result != expected.bitPattern {
                Issue.record("\(mode) \(Self.hex(c)) + \(Self.hex(a)) × \(Self.hex(b)) = \(Self.hex(result)), expected \(Self.hex(expected.bitPattern))")
                return
            }
        }
    }

    // MARK: Exception flags, FZ, DN and NaNs (hand-derived from the pseudocode)

    struct Vector: CustomTestStringConvertible, Sendable {
        var name: String
        var fpscr: UInt32
        var compute: @Sendable (inout UInt32) -> UInt32
        var result: UInt32
        var flags: UInt32
        var testDescription: String { name }
    }

    static let ioc = SoftFloat32.invalidOperation, dzc = SoftFloat32.divideByZero, ofc = SoftFloat32.overflow
    static let ufc = SoftFloat32.underflow, ixc = SoftFloat32.inexact, idc = SoftFloat32.inputDenormal
    static let fz = SoftFloat32.flushToZero, dn = SoftFloat32.defaultNaNMode, ahp = SoftFloat32.alternativeHalf
    static let rp: UInt32 = 1 << 22, rm: UInt32 = 2 << 22, rz: UInt32 = 3 << 22

    static let vectors: [Vector] = [
        // FPProcessNaNs: the first signalling NaN wins over an earlier quiet NaN, quietened, IOC.
        Vector(name: "qNaN + sNaN returns the sNaN quietened with IOC", fpscr: 0, compute: { SoftFloat32.add(0x7FC0_0001, 0xFF80_0002, &$0) }, result: 0xFFC0_0002, flags: ioc),
        Vector(name: "qNaN + qNaN returns the first", fpscr: 0, compute: { SoftFloat32.add(0x7FC0_0001, 0xFFC0_0002, &$0) }, result: 0x7FC0_0001, flags: 0),
        Vector(name: "1 - qNaN returns the NaN unchanged (FPSub does not negate it)", fpscr: 0, compute: { SoftFloat32.subtract(0x3F80_0000, 0x7FC0_1234, &$0) }, result: 0x7FC0_1234, flags: 0),
        Vector(name: "DN: any NaN result is the default NaN", fpscr: dn, compute: { SoftFloat32.multiply(0xFFC0_1234, 0x3F80_0000, &$0) }, result: 0x7FC0_0000, flags: 0),
        Vector(name: "∞ − ∞ is the default NaN with IOC", fpscr: 0, compute: { SoftFloat32.add(0x7F80_0000, 0xFF80_0000, &$0) }, result: 0x7FC0_0000, flags: ioc),
        Vector(name: "0 × ∞ is the default NaN with IOC", fpscr: 0, compute: { SoftFloat32.multiply(0x8000_0000, 0x7F80_0000, &$0) }, result: 0x7FC0_0000, flags: ioc),
        Vector(name: "1 / −0 is −∞ with DZC", fpscr: 0, compute: { SoftFloat32.divide(0x3F80_0000, 0x8000_0000, &$0) }, result: 0xFF80_0000, flags: dzc),
        Vector(name: "∞ / 0 is ∞ without DZC", fpscr: 0, compute: { SoftFloat32.divide(0x7F80_0000, 0x0000_0000, &$0) }, result: 0x7F80_0000, flags: 0),
        Vector(name: "0 / 0 is the default NaN with IOC", fpscr: 0, compute: { SoftFloat32.divide(0, 0, &$0) }, result: 0x7FC0_0000, flags: ioc),
        Vector(name: "√−1 is the default NaN with IOC", fpscr: 0, compute: { SoftFloat32.squareRoot(0xBF80_0000, &$0) }, result: 0x7FC0_0000, flags: ioc),
        Vector(name: "√−0 is −0", fpscr: 0, compute: { SoftFloat32.squareRoot(0x8000_0000, &$0) }, result: 0x8000_0000, flags: 0),
        // Overflow: RN → ∞; RZ → max normal; RP of a negative → −max normal; OFC and IXC.
        Vector(name: "max × 2 overflows to ∞ (RN)", fpscr: 0, compute: { SoftFloat32.multiply(0x7F7F_FFFF, 0x4000_0000, &$0) }, result: 0x7F80_0000, flags: ofc | ixc),
        Vector(name: "max × 2 overflows to max normal (RZ)", fpscr: rz, compute: { SoftFloat32.multiply(0x7F7F_FFFF, 0x4000_0000, &$0) }, result: 0x7F7F_FFFF, flags: ofc | ixc),
        Vector(name: "−max × 2 overflows to −max normal (RP)", fpscr: rp, compute: { SoftFloat32.multiply(0xFF7F_FFFF, 0x4000_0000, &$0) }, result: 0xFF7F_FFFF, flags: ofc | ixc),
        Vector(name: "−max × 2 overflows to −∞ (RM)", fpscr: rm, compute: { SoftFloat32.multiply(0xFF7F_FFFF, 0x4000_0000, &$0) }, result: 0xFF80_0000, flags: ofc | ixc),
        // Underflow: tininess before rounding, flagged only when inexact.
        Vector(name: "an exact denormal result does not set UFC", fpscr: 0, compute: { SoftFloat32.multiply(0x0080_0000, 0x3F00_0000, &$0) }, result: 0x0040_0000, flags: 0),
        Vector(name: "an inexact denormal result sets UFC and IXC", fpscr: 0, compute: { SoftFloat32.multiply(0x0000_0003, 0x3F00_0000, &$0) }, result: 0x0000_0002, flags: ufc | ixc),
        // (2^-126 − 2^-150)·… : 0x007FFFFF × (1 + 2^-23) rounds up to 2^-126, the smallest
        // normal; tiny before rounding, so UFC is set although the result is normal.
        Vector(name: "a tiny value that rounds up to the smallest normal still sets UFC (tininess before rounding)", fpscr: 0, compute: { SoftFloat32.multiply(0x007F_FFFF, 0x3F80_0001, &$0) }, result: 0x0080_0000, flags: ufc | ixc),
        // FZ: denormal inputs are zeros (IDC); denormal results are zeros (UFC, no IXC).
        Vector(name: "FZ: a denormal input is flushed with IDC", fpscr: fz, compute: { SoftFloat32.add(0x0000_0001, 0x3F80_0000, &$0) }, result: 0x3F80_0000, flags: idc),
        Vector(name: "FZ: a denormal result is flushed to a signed zero with UFC only", fpscr: fz, compute: { SoftFloat32.multiply(0x8080_0000, 0x3F00_0000, &$0) }, result: 0x8000_0000, flags: ufc),
        Vector(name: "FZ: denormal − denormal is +0 from two flushed zeros", fpscr: fz, compute: { SoftFloat32.subtract(0x0000_0005, 0x0000_0005, &$0) }, result: 0x0000_0000, flags: idc),
        Vector(name: "x − x is −0 toward −∞", fpscr: rm, compute: { SoftFloat32.subtract(0x3F80_0000, 0x3F80_0000, &$0) }, result: 0x8000_0000, flags: 0),
        // Fused: the quiet-NaN addend does not hide ∞ × 0.
        Vector(name: "FMA: qNaN + ∞ × 0 is the default NaN with IOC", fpscr: 0, compute: { SoftFloat32.fusedMultiplyAdd(0x7FC0_0001, 0x7F80_0000, 0, &$0) }, result: 0x7FC0_0000, flags: ioc),
        Vector(name: "FMA: an sNaN multiplicand wins over a qNaN addend", fpscr: 0, compute: { SoftFloat32.fusedMultiplyAdd(0x7FC0_0001, 0x7F80_0003, 0, &$0) }, result: 0x7FC0_0003, flags: ioc),
        Vector(name: "FMA: ∞ + (−∞ × 1) is the default NaN with IOC", fpscr: 0, compute: { SoftFloat32.fusedMultiplyAdd(0x7F80_0000, 0xFF80_0000, 0x3F80_0000, &$0) }, result: 0x7FC0_0000, flags: ioc),
        // Conversions.
        Vector(name: "VCVT.S32: 2.5 truncates to 2 with IXC", fpscr: 0, compute: { SoftFloat32.toFixed(0x4020_0000, size: 32, fractionBits: 0, isUnsigned: false, roundTowardZero: true, &$0) }, result: 2, flags: ixc),
        Vector(name: "VCVTR.S32 (RN): 2.5 rounds to even 2, −3.5 to −4", fpscr: 0, compute: { f in
            SoftFloat32.toFixed(0x4020_0000, size: 32, fractionBits: 0, isUnsigned: false, roundTowardZero: false, &f)
                &+ SoftFloat32.toFixed(0xC060_0000, size: 32, fractionBits: 0, isUnsigned: false, roundTowardZero: false, &f) }, result: UInt32(bitPattern: -2), flags: ixc),
        Vector(name: "VCVTR.S32 (RM): −0.5 rounds to −1", fpscr: rm, compute: { SoftFloat32.toFixed(0xBF00_0000, size: 32, fractionBits: 0, isUnsigned: false, roundTowardZero: false, &$0) }, result: 0xFFFF_FFFF, flags: ixc),
        Vector(name: "VCVT.S32: 2^31 saturates to 0x7FFFFFFF with IOC", fpscr: 0, compute: { SoftFloat32.toFixed(0x4F00_0000, size: 32, fractionBits: 0, isUnsigned: false, roundTowardZero: true, &$0) }, result: 0x7FFF_FFFF, flags: ioc),
        Vector(name: "VCVT.S32: −2^31 is exact", fpscr: 0, compute: { SoftFloat32.toFixed(0xCF00_0000, size: 32, fractionBits: 0, isUnsigned: false, roundTowardZero: true, &$0) }, result: 0x8000_0000, flags: 0),
        Vector(name: "VCVT.U32: −1 saturates to 0 with IOC", fpscr: 0, compute: { SoftFloat32.toFixed(0xBF80_0000, size: 32, fractionBits: 0, isUnsigned: true, roundTowardZero: true, &$0) }, result: 0, flags: ioc),
        Vector(name: "VCVT.U32: −0.5 truncates to 0, inexact but not invalid", fpscr: 0, compute: { SoftFloat32.toFixed(0xBF00_0000, size: 32, fractionBits: 0, isUnsigned: true, roundTowardZero: true, &$0) }, result: 0, flags: ixc),
        Vector(name: "VCVT.S32: NaN gives 0 with IOC", fpscr: 0, compute: { SoftFloat32.toFixed(0x7FC0_0000, size: 32, fractionBits: 0, isUnsigned: false, roundTowardZero: true, &$0) }, result: 0, flags: ioc),
        Vector(name: "VCVT.S32: −∞ saturates to 0x80000000 with IOC", fpscr: 0, compute: { SoftFloat32.toFixed(0xFF80_0000, size: 32, fractionBits: 0, isUnsigned: false, roundTowardZero: true, &$0) }, result: 0x8000_0000, flags: ioc),
        Vector(name: "VCVT.S16.F32 #8: 1.5 is 0x0180", fpscr: 0, compute: { SoftFloat32.toFixed(0x3FC0_0000, size: 16, fractionBits: 8, isUnsigned: false, roundTowardZero: true, &$0) }, result: 0x0180, flags: 0),
        Vector(name: "VCVT.S16.F32 #8: −200 saturates to 0x8000 (16 bits) with IOC", fpscr: 0, compute: { SoftFloat32.toFixed(0xC348_0000, size: 16, fractionBits: 8, isUnsigned: false, roundTowardZero: true, &$0) }, result: 0x8000, flags: ioc),
        Vector(name: "VCVT.F32.S32: 2^24 + 1 rounds to even with IXC", fpscr: 0, compute: { SoftFloat32.fromFixed(0x0100_0001, size: 32, fractionBits: 0, isUnsigned: false, &$0) }, result: 0x4B80_0000, flags: ixc),
        Vector(name: "VCVT.F32.S32 (RP): 2^24 + 1 rounds up", fpscr: rp, compute: { SoftFloat32.fromFixed(0x0100_0001, size: 32, fractionBits: 0, isUnsigned: false, &$0) }, result: 0x4B80_0001, flags: ixc),
        Vector(name: "VCVT.F32.U32: 0xFFFFFFFF rounds to 2^32", fpscr: 0, compute: { SoftFloat32.fromFixed(0xFFFF_FFFF, size: 32, fractionBits: 0, isUnsigned: true, &$0) }, result: 0x4F80_0000, flags: ixc),
        Vector(name: "VCVT.F32.S16 #4: 0xFFF0 is −1.0 (sign from bit 15)", fpscr: 0, compute: { SoftFloat32.fromFixed(0x1234_FFF0, size: 16, fractionBits: 4, isUnsigned: false, &$0) }, result: 0xBF80_0000, flags: 0),
        // Half precision.
        Vector(name: "F16→F32: 1.0", fpscr: 0, compute: { SoftFloat32.halfToSingle(0x3C00, &$0) }, result: 0x3F80_0000, flags: 0),
        Vector(name: "F16→F32: the smallest denormal is 2^-24", fpscr: fz, compute: { SoftFloat32.halfToSingle(0x0001, &$0) }, result: 0x3380_0000, flags: 0),
        Vector(name: "F16→F32: an sNaN keeps its payload, quietened, IOC", fpscr: 0, compute: { SoftFloat32.halfToSingle(0xFD01, &$0) }, result: 0xFFE0_2000, flags: ioc),
        Vector(name: "F16→F32 with AHP: 0x7FFF is 131008", fpscr: ahp, compute: { SoftFloat32.halfToSingle(0x7FFF, &$0) }, result: 0x47FF_E000, flags: 0),
        Vector(name: "F32→F16: 65520 overflows to ∞ with OFC and IXC", fpscr: 0, compute: { UInt32(SoftFloat32.singleToHalf(0x477F_F000, &$0)) }, result: 0x7C00, flags: ofc | ixc),
        Vector(name: "F32→F16: 65519 rounds to 65504", fpscr: 0, compute: { UInt32(SoftFloat32.singleToHalf(0x477F_EF00, &$0)) }, result: 0x7BFF, flags: ixc),
        Vector(name: "F32→F16: 2^-25 + tiny rounds to the smallest denormal with UFC", fpscr: 0, compute: { UInt32(SoftFloat32.singleToHalf(0x3300_0001, &$0)) }, result: 0x0001, flags: ufc | ixc),
        Vector(name: "F32→F16 with AHP: −NaN is −0 with IOC", fpscr: ahp, compute: { UInt32(SoftFloat32.singleToHalf(0xFFC0_0000, &$0)) }, result: 0x8000, flags: ioc),
        // VCVT from fixed-point rounds to nearest whatever RMode says (FixedToFP(..., TRUE, ...),
        // DDI 0403 A7.7.233); from integer it uses RMode. 0x02000003 with 1 fraction bit is
        // 16777217.5: nearest 16777218 (0x4B800001), toward zero 16777216 (0x4B800000).
        Vector(name: "fixed→F32 rounds to nearest under RZ", fpscr: rz, compute: { SoftFloat32.fromFixed(0x0200_0003, size: 32, fractionBits: 1, isUnsigned: false, roundToNearest: true, &$0) }, result: 0x4B80_0001, flags: ixc),
        Vector(name: "S32→F32 honours RZ", fpscr: rz, compute: { SoftFloat32.fromFixed(0x0100_0001, size: 32, fractionBits: 0, isUnsigned: false, &$0) }, result: 0x4B80_0000, flags: ixc),
        Vector(name: "F32→F16 with AHP: +NaN is +0 with IOC", fpscr: ahp, compute: { UInt32(SoftFloat32.singleToHalf(0x7FC0_0000, &$0)) }, result: 0x0000, flags: ioc),
        Vector(name: "F32→F16 with AHP: −∞ is 0xFFFF with IOC", fpscr: ahp, compute: { UInt32(SoftFloat32.singleToHalf(0xFF80_0000, &$0)) }, result: 0xFFFF, flags: ioc),
        Vector(name: "F32→F16 with AHP: 2^17 is out of range: 0x7FFF with IOC, no IXC", fpscr: ahp, compute: { UInt32(SoftFloat32.singleToHalf(0x4800_0000, &$0)) }, result: 0x7FFF, flags: ioc),
        Vector(name: "F32→F16 with AHP: 65536 is representable (exponent 31)", fpscr: ahp, compute: { UInt32(SoftFloat32.singleToHalf(0x4780_0000, &$0)) }, result: 0x7C00, flags: 0),
        Vector(name: "F32→F16: an sNaN keeps the top payload bits, quietened, IOC", fpscr: 0, compute: { UInt32(SoftFloat32.singleToHalf(0x7F80_2000, &$0)) }, result: 0x7E01, flags: ioc),
        Vector(name: "F32→F16 with DN: a NaN is 0x7E00", fpscr: dn, compute: { UInt32(SoftFloat32.singleToHalf(0xFFC1_2000, &$0)) }, result: 0x7E00, flags: 0),
        Vector(name: "VFPExpandImm(0x70) is 1.0", fpscr: 0, compute: { _ in SoftFloat32.expandImmediate(0x70) }, result: 0x3F80_0000, flags: 0),
        Vector(name: "VFPExpandImm(0x80) is −2.0", fpscr: 0, compute: { _ in SoftFloat32.expandImmediate(0x80) }, result: 0xC000_0000, flags: 0),
        Vector(name: "VFPExpandImm(0xC0) is −0.125", fpscr: 0, compute: { _ in SoftFloat32.expandImmediate(0xC0) }, result: 0xBE00_0000, flags: 0),
    ]

    @Test("Hand-derived results and FPSCR flags", arguments: vectors)
    func vector(_ v: Vector) {
        var fpscr = v.fpscr
        let result = v.compute(&fpscr)
        #expect(Self.hex(result) == Self.hex(v.result))
        #expect(Self.hex(fpscr & 0x9F) == Self.hex(v.flags))
    }

    @Test("FPCompare: ordered results, ±0 equal, unordered 0011 with IOC for sNaN, or for qNaN when VCMPE")
    func compare() {
        var fpscr: UInt32 = 0
        #expect(SoftFloat32.compare(0x3F80_0000, 0x4000_0000, quietNaNRaises: false, &fpscr) == 0b1000)
        #expect(SoftFloat32.compare(0x4000_0000, 0x3F80_0000, quietNaNRaises: false, &fpscr) == 0b0010)
        #expect(SoftFloat32.compare(0x8000_0000, 0x0000_0000, quietNaNRaises: false, &fpscr) == 0b0110)
        #expect(SoftFloat32.compare(0xFF80_0000, 0xFF7F_FFFF, quietNaNRaises: false, &fpscr) == 0b1000)
        #expect(fpscr == 0)
        #expect(SoftFloat32.compare(0x7FC0_0000, 0x0000_0000, quietNaNRaises: false, &fpscr) == 0b0011)
        #expect(fpscr == 0)
        #expect(SoftFloat32.compare(0x7FC0_0000, 0x0000_0000, quietNaNRaises: true, &fpscr) == 0b0011)
        #expect(fpscr == SoftFloat32.invalidOperation)
        fpscr = 0
        #expect(SoftFloat32.compare(0x0000_0000, 0x7F80_0001, quietNaNRaises: false, &fpscr) == 0b0011)
        #expect(fpscr == SoftFloat32.invalidOperation)
        fpscr = SoftFloat32.flushToZero
        #expect(SoftFloat32.compare(0x0000_0001, 0x8000_0000, quietNaNRaises: false, &fpscr) == 0b0110)
        #expect(fpscr & 0x9F == SoftFloat32.inputDenormal)
        // Random ordered pairs agree with the host's comparison.
        var g = Generator(state: 0xC0)
        for _ in 0..<50_000 {
            let a = Self.operand(&g, near: g.word()), b = Self.operand(&g, near: a)
            let x = Float(bitPattern: a), y = Float(bitPattern: b)
            guard !x.isNaN, !y.isNaN else { continue }
            var flags: UInt32 = 0
            let expected: UInt32 = x == y ? 0b0110 : (x < y ? 0b1000 : 0b0010)
            #expect(SoftFloat32.compare(a, b, quietNaNRaises: true, &flags) == expected)
        }
    }

    @Test("FPToFixed and FixedToFP agree with exact integer conversions on random values")
    func conversions() {
        var g = Generator(state: 0xC7)
        for _ in 0..<100_000 {
            let integer = Int32(bitPattern: g.word()) >> Int32(g.next() % 32)
            var fpscr: UInt32 = 0
            let single = SoftFloat32.fromFixed(UInt32(bitPattern: integer), size: 32, fractionBits: 0, isUnsigned: false, &fpscr)
            #expect(single == Float(integer).bitPattern)  // Float(Int32) rounds to nearest even
            let a = Self.operand(&g, near: 0x4B00_0000)
            let x = Float(bitPattern: a)
            guard x.isFinite, x > -2_147_483_648, x < 2_147_483_648 else { continue }
            var flags: UInt32 = 0
            let truncated = SoftFloat32.toFixed(a, size: 32, fractionBits: 0, isUnsigned: false, roundTowardZero: true, &flags)
            #expect(Int32(bitPattern: truncated) == Int32(x.rounded(.towardZero)))
            #expect((flags & SoftFloat32.inexact != 0) == (x.rounded(.towardZero) != x))
            flags = 0
            let nearest = SoftFloat32.toFixed(a, size: 32, fractionBits: 0, isUnsigned: false, roundTowardZero: false, &flags)
            #expect(Int32(bitPattern: nearest) == Int32(x.rounded(.toNearestOrEven)))
            flags = 2 << 22
            let down = SoftFloat32.toFixed(a, size: 32, fractionBits: 0, isUnsigned: false, roundTowardZero: false, &flags)
            #expect(Int32(bitPattern: down) == Int32(x.rounded(.down)))
        }
    }

    @Test("Half precision: every one of the 65,536 half values converts to single and back unchanged")
    func halfRoundTrip() {
        for half in 0...0xFFFF {
            var fpscr: UInt32 = 0
            let single = SoftFloat32.halfToSingle(UInt16(half), &fpscr)
            let isSignalling = half & 0x7C00 == 0x7C00 && half & 0x3FF != 0 && half & 0x200 == 0
            let back = SoftFloat32.singleToHalf(single, &fpscr)
            #expect(back == (isSignalling ? UInt16(half) | 0x200 : UInt16(half)))
            #expect(fpscr & ~SoftFloat32.invalidOperation & 0x9F == 0)
            if half & 0x7C00 != 0x7C00 {
                #expect(single == Float(Float16(bitPattern: UInt16(half))).bitPattern)
            }
        }
    }
}
