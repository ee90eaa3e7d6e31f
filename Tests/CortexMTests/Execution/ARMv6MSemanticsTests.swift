import Testing
@testable import CortexM

/// The architectural semantics of ARMv6-M data-processing, load/store and system
/// instructions, checked against a reference written in this file from the Arm
/// pseudocode of the ARMv6-M ARM (DDI 0419, A2.2.1 "Integer arithmetic" and
/// "Shift and rotate operations"; A6.7 for each instruction; B4.2 for MRS/MSR), not
/// from armsim's own helpers.
@Suite("ARMv6-M semantics")
struct ARMv6MSemanticsTests {
    // MARK: - Reference pseudocode (DDI 0419 A2.2.1)

    /// The APSR condition flags.
    struct Flags: Equatable, CustomStringConvertible {
        var n = false, z = false, c = false, v = false
        var description: String { (n ? "N" : "-") + (z ? "Z" : "-") + (c ? "C" : "-") + (v ? "V" : "-") }
    }

    /// AddWithCarry(x, y, carry_in): unsigned_sum and signed_sum are computed in wider
    /// integers; carry_out is "result as unsigned differs from unsigned_sum" and
    /// overflow is "result as signed differs from signed_sum".
    static func addWithCarry(_ x: UInt32, _ y: UInt32, _ carryIn: Bool) -> (result: UInt32, carry: Bool, overflow: Bool) {
        let unsignedSum = UInt64(x) + UInt64(y) + (carryIn ? 1 : 0)
        let signedSum = Int64(Int32(bitPattern: x)) + Int64(Int32(bitPattern: y)) + (carryIn ? 1 : 0)
        let result = UInt32(truncatingIfNeeded: unsignedSum)
        return (result, UInt64(result) != unsignedSum, Int64(Int32(bitPattern: result)) != signedSum)
    }

    enum ShiftType: String, Sendable, CaseIterable { case lsl, lsr, asr, ror }

    /// Shift_C(value, type, amount, carry_in): amount 0 returns the value and carry_in.
    /// LSL_C/LSR_C/ASR_C are modelled bit by bit (each step shifts one bit out into
    /// the carry), which is what `x:Zeros(shift)` and friends mean for any amount;
    /// ROR_C rotates by amount MOD 32 and takes the carry from bit 31 of the result.
    static func shiftC(_ value: UInt32, _ type: ShiftType, _ amount: Int, _ carryIn: Bool) -> (result: UInt32, carry: Bool) {
        if amount == 0 { return (value, carryIn) }
        var x = value
        var carry = carryIn
        switch type {
        case .lsl:
            for _ in 0..<amount { carry = x & 0x8000_0000 != 0; x <<= 1 }
        case .lsr:
            for _ in 0..<amount { carry = x & 1 != 0; x >>= 1 }
        case .asr:
            for _ in 0..<amount { carry = x & 1 != 0; x = (x >> 1) | (x & 0x8000_0000) }
        case .ror:
            for _ in 0..<(amount % 32) { x = (x >> 1) | (x << 31) }
            carry = x & 0x8000_0000 != 0
        }
        return (x, carry)
    }

    // MARK: - Harness helpers

    static let code = TestMachine.codeAddress
    static let sram = TestMachine.sramBase

    static func flags(of machine: TestMachine) -> Flags {
        let xpsr = machine.core.xpsr
        return Flags(n: xpsr >> 31 & 1 == 1, z: xpsr >> 30 & 1 == 1, c: xpsr >> 29 & 1 == 1, v: xpsr >> 28 & 1 == 1)
    }

    static func setFlags(_ machine: TestMachine, _ flags: Flags) {
        machine.core.n = flags.n
        machine.core.z = flags.z
        machine.core.c = flags.c
        machine.core.v = flags.v
    }

    /// Runs `code` on a Cortex-M0 with `registers` preset and the flags preset, and
    /// expects it to reach the final BKPT.
    static func run(
        _ code: [UInt16], registers: [Int: UInt32] = [:], flags: Flags = Flags(), kind: CoreKind = .m0,
        vectors: [Int: UInt32] = [:], data: [(UInt32, [UInt8])] = []
    ) -> TestMachine {
        let machine = TestMachine(kind, code: code, vectors: vectors, data: data)
        for (index, value) in registers { machine.setRegister(index, value) }
        setFlags(machine, flags)
        let stop = machine.run()
        #expect(stop == .breakpoint(pc: Self.code + UInt32(code.count * 2), immediate: 0))
        return machine
    }

    static let edgeValues: [UInt32] = [
        0, 1, 2, 0x7FFF_FFFE, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFFE, 0xFFFF_FFFF,
        0x1234_5678, 0xDEAD_BEEF, 0x0000_FFFF, 0x5555_5555,
    ]

    // MARK: - Add, subtract, compare

    /// A flag-setting arithmetic instruction: its encoding with x in r0 and y in r1,
    /// the register it writes (nil for compares), and its AddWithCarry operands.
    struct ArithmeticCase: Sendable, CustomTestStringConvertible {
        var name: String
        var encoding: UInt16
        var destination: Int?
        /// nil: y comes from r1; otherwise the encoded immediate.
        var immediate: UInt32?
        var operands: @Sendable (_ x: UInt32, _ y: UInt32, _ carry: Bool) -> (UInt32, UInt32, Bool)
        var testDescription: String { name }
    }

    static let arithmetic: [ArithmeticCase] = [
        ArithmeticCase(name: "ADDS r2, r0, r1 (A6.7.3)", encoding: 0x1842, destination: 2) { x, y, _ in (x, y, false) },
        ArithmeticCase(name: "ADCS r0, r1 (A6.7.1)", encoding: 0x4148, destination: 0) { x, y, c in (x, y, c) },
        ArithmeticCase(name: "SUBS r2, r0, r1 (A6.7.66)", encoding: 0x1A42, destination: 2) { x, y, _ in (x, ~y, true) },
        ArithmeticCase(name: "SBCS r0, r1 (A6.7.58)", encoding: 0x4188, destination: 0) { x, y, c in (x, ~y, c) },
        ArithmeticCase(name: "RSBS r2, r0, #0 (A6.7.56)", encoding: 0x4242, destination: 2) { x, _, _ in (~x, 0, true) },
        ArithmeticCase(name: "CMP r0, r1 (A6.7.18)", encoding: 0x4288, destination: nil) { x, y, _ in (x, ~y, true) },
        ArithmeticCase(name: "CMN r0, r1 (A6.7.16)", encoding: 0x42C8, destination: nil) { x, y, _ in (x, y, false) },
        ArithmeticCase(name: "ADDS r2, r0, #7 (A6.7.2 T1)", encoding: 0x1DC2, destination: 2, immediate: 7) { x, y, _ in (x, y, false) },
        ArithmeticCase(name: "SUBS r2, r0, #7 (A6.7.65 T1)", encoding: 0x1FC2, destination: 2, immediate: 7) { x, y, _ in (x, ~y, true) },
        ArithmeticCase(name: "CMP r0, #255 (A6.7.17)", encoding: 0x28FF, destination: nil, immediate: 255) { x, y, _ in (x, ~y, true) },
        ArithmeticCase(name: "ADDS r0, #200 (A6.7.2 T2)", encoding: 0x30C8, destination: 0, immediate: 200) { x, y, _ in (x, y, false) },
        ArithmeticCase(name: "SUBS r0, #1 (A6.7.65 T2)", encoding: 0x3801, destination: 0, immediate: 1) { x, y, _ in (x, ~y, true) },
    ]

    @Test("Add, subtract and compare set NZCV as AddWithCarry, for edge values and both carry-in states", arguments: arithmetic)
    func arithmeticFlags(_ instruction: ArithmeticCase) {
        for x in Self.edgeValues {
            for y in instruction.immediate.map({ [$0] }) ?? Self.edgeValues {
                for carryIn in [false, true] {
                    // The other flags start opposite to the carry so a flag left unwritten shows.
                    let before = Flags(n: !carryIn, z: !carryIn, c: carryIn, v: !carryIn)
                    let machine = Self.run([instruction.encoding], registers: [0: x, 1: y, 2: 0xCAFE_F00D], flags: before)
                    let (a, b, c) = instruction.operands(x, y, carryIn)
                    let expected = Self.addWithCarry(a, b, c)
                    let flags = Self.flags(of: machine)
                    let context = "\(instruction.name) x=0x\(String(x, radix: 16)) y=0x\(String(y, radix: 16)) C=\(carryIn)"
                    #expect(flags == Flags(n: expected.result >> 31 == 1, z: expected.result == 0, c: expected.carry, v: expected.overflow), "\(context)")
                    if let destination = instruction.destination {
                        #expect(machine.register(destination) == expected.result, "\(context)")
                    } else {
                        #expect(machine.register(0) == x && machine.register(1) == y && machine.register(2) == 0xCAFE_F00D, "\(context)")
                    }
                }
            }
        }
    }

    // MARK: - Shifts by register

    static let shiftEncodings: [ShiftType: UInt16] = [.lsl: 0x4088, .lsr: 0x40C8, .asr: 0x4108, .ror: 0x41C8]

    /// LSLS/LSRS/ASRS/RORS r0, r1 (A6.7.36, A6.7.38, A6.7.11, A6.7.55): the amount is
    /// R[m]<7:0>, so 256 shifts by 0 and leaves C unchanged; V is never written.
    @Test("Shifts by register follow Shift_C on the low byte of Rm, with C unchanged for amount 0", arguments: ShiftType.allCases)
    func shiftByRegister(_ type: ShiftType) {
        let amounts: [UInt32] = [0, 1, 2, 31, 32, 33, 255, 256, 257, 0xFFFF_FF20]
        let values: [UInt32] = [0x8000_0001, 0xFFFF_FFFF, 0x4000_0000, 1, 0x1234_5678, 0, 0x8000_0000, 0x7FFF_FFFF]
        for value in values {
            for amount in amounts {
                for carryIn in [false, true] {
                    let before = Flags(n: !carryIn, z: !carryIn, c: carryIn, v: carryIn)
                    let machine = Self.run([Self.shiftEncodings[type]!], registers: [0: value, 1: amount], flags: before)
                    let expected = Self.shiftC(value, type, Int(amount & 0xFF), carryIn)
                    let context = "\(type) 0x\(String(value, radix: 16)) by \(amount) C=\(carryIn)"
                    #expect(machine.register(0) == expected.result, "\(context)")
                    #expect(machine.register(1) == amount, "\(context)")
                    #expect(Self.flags(of: machine) == Flags(n: expected.result >> 31 == 1, z: expected.result == 0, c: expected.carry, v: carryIn), "\(context)")
                }
            }
        }
    }

    /// LSLS/LSRS/ASRS r0, r1, #imm (A6.7.35, A6.7.37, A6.7.10): imm5 = 0 means LSL #0
    /// (MOVS, C unchanged) but a shift by 32 for LSR and ASR (DecodeImmShift).
    @Test("Shifts by immediate follow Shift_C with DecodeImmShift's amounts")
    func shiftByImmediate() {
        let cases: [(ShiftType, UInt16, Int)] = [
            (.lsl, 0x0008, 0), (.lsl, 0x0048, 1), (.lsl, 0x07C8, 31),
            (.lsr, 0x0048 | 0x0800, 1), (.lsr, 0x07C8 | 0x0800, 31), (.lsr, 0x0008 | 0x0800, 32),
            (.asr, 0x0048 | 0x1000, 1), (.asr, 0x07C8 | 0x1000, 31), (.asr, 0x0008 | 0x1000, 32),
        ]
        for (type, encoding, amount) in cases {
            for value: UInt32 in [0x8000_0001, 0x7FFF_FFFF, 1, 0] {
                for carryIn in [false, true] {
                    let machine = Self.run([encoding], registers: [1: value], flags: Flags(c: carryIn, v: true))
                    let expected = Self.shiftC(value, type, amount, carryIn)
                    let context = "\(type) #\(amount) of 0x\(String(value, radix: 16)) C=\(carryIn)"
                    #expect(machine.register(0) == expected.result, "\(context)")
                    #expect(Self.flags(of: machine) == Flags(n: expected.result >> 31 == 1, z: expected.result == 0, c: expected.carry, v: true), "\(context)")
                }
            }
        }
    }

    // MARK: - Multiply, byte reverse, extend

    /// MULS r0, r1, r0 (A6.7.44): the low 32 bits of the product; N and Z set, C and V unchanged.
    @Test("MULS keeps the low 32 bits of the product and leaves C and V unchanged")
    func multiply() {
        for x in Self.edgeValues {
            for y in Self.edgeValues {
                for carryIn in [false, true] {
                    let machine = Self.run([0x4348], registers: [0: x, 1: y], flags: Flags(c: carryIn, v: !carryIn))
                    let product = UInt32(truncatingIfNeeded: UInt64(x) * UInt64(y))
                    #expect(machine.register(0) == product)
                    #expect(Self.flags(of: machine) == Flags(n: product >> 31 == 1, z: product == 0, c: carryIn, v: !carryIn))
                }
            }
        }
    }

    /// Byte reverse and extend r0 from r1 (A6.7.52–54, A6.7.69, A6.7.70, A6.7.74, A6.7.75); no flags change.
    @Test(
        "REV, REV16, REVSH and the extends compute their results without touching the flags",
        arguments: [
            ("REV", UInt16(0xBA08), UInt32(0x1234_5678), UInt32(0x7856_3412)),
            ("REV16", 0xBA48, 0x1234_5678, 0x3412_7856),
            ("REVSH positive", 0xBAC8, 0xFFFF_7F80, 0xFFFF_807F),
            ("REVSH negative", 0xBAC8, 0x0000_0080, 0xFFFF_8000),
            ("REVSH sign from byte 0", 0xBAC8, 0x1234_0180, 0xFFFF_8001),
            ("REVSH positive result", 0xBAC8, 0x8000_3412, 0x0000_1234),
            ("SXTB negative", 0xB248, 0x1234_5680, 0xFFFF_FF80),
            ("SXTB positive", 0xB248, 0xFFFF_FF7F, 0x0000_007F),
            ("SXTH negative", 0xB208, 0x1234_8000, 0xFFFF_8000),
            ("SXTH positive", 0xB208, 0xFFFF_7FFF, 0x0000_7FFF),
            ("UXTB", 0xB2C8, 0xFFFF_FF80, 0x0000_0080),
            ("UXTH", 0xB288, 0xFFFF_8000, 0x0000_8000),
        ])
    func reverseAndExtend(name: String, encoding: UInt16, input: UInt32, expected: UInt32) {
        for flags in [Flags(), Flags(n: true, z: true, c: true, v: true)] {
            let machine = Self.run([encoding], registers: [1: input], flags: flags)
            #expect(machine.register(0) == expected, "\(name)")
            #expect(Self.flags(of: machine) == flags, "\(name)")
        }
    }

    // MARK: - Loads and stores

    static let bytes: [UInt8] = [0x80, 0x7F, 0xFF, 0x01, 0x00, 0x80, 0xFF, 0x7F]

    /// LDRSB/LDRSH r0, [r1, r2] sign-extend (A6.7.33, A6.7.34); LDRB/LDRH zero-extend (A6.7.30, A6.7.32).
    @Test(
        "LDRSB and LDRSH sign-extend, LDRB and LDRH zero-extend",
        arguments: [
            ("LDRSB", UInt16(0x5688), UInt32(0), UInt32(0xFFFF_FF80)),
            ("LDRSB", 0x5688, 1, 0x0000_007F),
            ("LDRSB", 0x5688, 2, 0xFFFF_FFFF),
            ("LDRSH", 0x5E88, 0, 0x0000_7F80),
            ("LDRSH", 0x5E88, 4, 0xFFFF_8000),
            ("LDRSH", 0x5E88, 6, 0x0000_7FFF),
            ("LDRSH", 0x5E88, 2, 0x0000_01FF),
            ("LDRB", 0x5D88, 0, 0x0000_0080),
            ("LDRH", 0x5A88, 4, 0x0000_8000),
        ])
    func signExtendingLoads(name: String, encoding: UInt16, offset: UInt32, expected: UInt32) {
        let base = Self.sram + 0x100
        let machine = Self.run([encoding], registers: [0: 0xCAFE_F00D, 1: base, 2: offset], data: [(base, Self.bytes)])
        #expect(machine.register(0) == expected, "\(name) at +\(offset)")
    }

    static let words: [UInt8] = [0x11, 0, 0, 0, 0x22, 0, 0, 0, 0x33, 0, 0, 0, 0x44, 0, 0, 0]

    @Test("LDMIA without the base in the list loads ascending and writes back Rn + 4 * count")
    func loadMultipleWithWriteback() {
        let base = Self.sram + 0x100
        // LDMIA r0!, {r1, r2, r4} = 11001 000 00010110.
        let machine = Self.run([0xC816], registers: [0: base, 3: 0x3333], data: [(base, Self.words)])
        #expect(machine.register(1) == 0x11 && machine.register(2) == 0x22 && machine.register(4) == 0x33)
        #expect(machine.register(3) == 0x3333)
        #expect(machine.register(0) == base + 12)
    }

    /// LDM with Rn in the list: no writeback, Rn gets the loaded value (A6.7.25: wback = (registers<n> == '0')).
    @Test("LDMIA with the base in the list loads it and does not write back")
    func loadMultipleWithBaseInList() {
        let base = Self.sram + 0x100
        // LDMIA r1, {r0, r1, r2} = 11001 001 00000111.
        let machine = Self.run([0xC907], registers: [1: base], data: [(base, Self.words)])
        #expect(machine.register(0) == 0x11 && machine.register(1) == 0x22 && machine.register(2) == 0x33)
    }

    @Test("STMIA stores ascending from Rn and writes back Rn + 4 * count; a lowest-numbered base stores its original value")
    func storeMultiple() {
        let base = Self.sram + 0x200
        // STMIA r0!, {r1, r2, r3} = 11000 000 00001110.
        var machine = Self.run([0xC00E], registers: [0: base, 1: 0xA1, 2: 0xB2, 3: 0xC3])
        #expect(machine.word(at: base) == 0xA1 && machine.word(at: base + 4) == 0xB2 && machine.word(at: base + 8) == 0xC3)
        #expect(machine.word(at: base + 12) == 0)
        #expect(machine.register(0) == base + 12)
        // STMIA r0!, {r0, r1} = 11000 000 00000011.
        machine = Self.run([0xC003], registers: [0: base, 1: 0xA1])
        #expect(machine.word(at: base) == base && machine.word(at: base + 4) == 0xA1)
        #expect(machine.register(0) == base + 8)
    }

    /// PUSH stores the lowest register at the lowest address, SP - 4 * count (A6.7.50);
    /// POP loads upward from SP and adds 4 * count (A6.7.49).
    @Test("PUSH stores registers in ascending order below SP and POP reloads them in the same order")
    func pushPopOrder() {
        let top = Self.sram + TestMachine.sramSize
        // PUSH {r0, r1, r2, lr}; POP {r3, r4, r5, r6}.
        let machine = Self.run([0xB507, 0xBC78], registers: [0: 0x10, 1: 0x11, 2: 0x12, 14: 0x0000_0E0F])
        #expect(machine.word(at: top - 16) == 0x10)
        #expect(machine.word(at: top - 12) == 0x11)
        #expect(machine.word(at: top - 8) == 0x12)
        #expect(machine.word(at: top - 4) == 0x0E0F)
        #expect(machine.register(3) == 0x10 && machine.register(4) == 0x11 && machine.register(5) == 0x12)
        #expect(machine.register(6) == 0x0E0F)
        #expect(machine.register(13) == top)
    }

    // MARK: - Faults

    /// Code whose first instruction faults; the HardFault handler (exception 3) is the
    /// `BKPT #1` placed after the program's own `BKPT #0`.
    static func runToHardFault(_ instruction: UInt16, registers: [Int: UInt32]) -> TestMachine {
        let handler = Self.code + 4
        let machine = TestMachine(.m0, code: [instruction, TestMachine.breakpoint, 0xBE01], vectors: [3: handler])
        for (index, value) in registers { machine.setRegister(index, value) }
        let stop = machine.run()
        #expect(stop == .breakpoint(pc: handler, immediate: 1))
        #expect(machine.core.ipsr == 3)
        return machine
    }

    /// PUSH, POP, LDM and STM move all their words at once when one region's direct path
    /// serves them all; a list that runs past the end of SRAM must still fault at the word
    /// outside it, with the pseudocode's effects (A6.7.49, A6.7.59).
    @Test("POP and STM that run past the end of SRAM fault at the word outside it")
    func multipleTransfersPastTheEndOfSRAM() {
        let top = Self.sram + TestMachine.sramSize
        // POP {r0, r1} with SP = top - 4: no register written.
        var machine = Self.runToHardFault(0xBC03, registers: [0: 0xAAAA, 1: 0xBBBB, 13: top - 4])
        #expect(machine.register(0) == 0xAAAA && machine.register(1) == 0xBBBB)
        // STMIA r1!, {r0, r2} with r1 = top - 4: the first word is stored, no writeback.
        machine = Self.runToHardFault(0xC105, registers: [0: 0x1111, 1: top - 4, 2: 0x2222, 13: top - 64])
        #expect(machine.word(at: top - 4) == 0x1111)
        #expect(machine.register(1) == top - 4)
    }

    /// ARMv6-M has no unaligned support: LDR/STR of a word or halfword at an address
    /// that is not a multiple of the size is a HardFault (DDI 0419 A3.2.1).
    @Test(
        "Unaligned word and halfword accesses raise HardFault",
        arguments: [
            ("LDR r0, [r1]", UInt16(0x6808), UInt32(0x2000_0101)),
            ("LDR r0, [r1]", 0x6808, 0x2000_0102),
            ("LDRH r0, [r1]", 0x8808, 0x2000_0101),
            ("STR r0, [r1]", 0x6008, 0x2000_0102),
            ("STRH r0, [r1]", 0x8008, 0x2000_0103),
            ("LDR r0, [r1, r2]", 0x5888, 0x2000_0103),
        ])
    func unalignedAccessFaults(name: String, encoding: UInt16, address: UInt32) {
        let machine = Self.runToHardFault(encoding, registers: [0: 0xCAFE_F00D, 1: address, 2: 0])
        #expect(machine.core.lastFault?.kind == .unalignedAccess(address: address), "\(name)")
        #expect(machine.core.lastFault?.pc == Self.code, "\(name)")
        #expect(machine.register(0) == 0xCAFE_F00D, "\(name) must not write its destination")
        #expect(machine.word(at: address & ~3) == 0, "\(name) must not store")
    }

    @Test("Byte accesses at odd addresses do not fault")
    func byteAccessesMayBeUnaligned() {
        let base = Self.sram + 0x101
        let machine = Self.run([0x7008, 0x780A], registers: [0: 0x5A, 1: base])  // STRB r0, [r1]; LDRB r2, [r1]
        #expect(machine.register(2) == 0x5A)
    }

    @Test(
        "Loads from unmapped addresses and stores to flash raise HardFault (bus error)",
        arguments: [
            ("LDR r0, [r1]", UInt16(0x6808), UInt32(0x6000_0000), false),
            ("LDRB r0, [r1]", 0x7808, 0x6000_0000, false),
            ("LDRH r0, [r1]", 0x8808, 0x6000_0000, false),
            ("STR r0, [r1]", 0x6008, 0x0000_0200, true),
            ("STRB r0, [r1]", 0x7008, 0x0000_0201, true),
            ("STRH r0, [r1]", 0x8008, 0x0000_0202, true),
        ])
    func busErrorsFault(name: String, encoding: UInt16, address: UInt32, isWrite: Bool) {
        let machine = Self.runToHardFault(encoding, registers: [0: 0xCAFE_F00D, 1: address])
        #expect(machine.core.lastFault?.kind == .busError(address: address, isWrite: isWrite), "\(name)")
        if isWrite {
            #expect(machine.word(at: address & ~3) == 0, "\(name) must not change flash")
        } else {
            #expect(machine.register(0) == 0xCAFE_F00D, "\(name) must not write its destination")
        }
    }

    // MARK: - Special registers (B4.2.2 MRS, B4.2.3 MSR)

    static func mrs(_ d: UInt16, _ sysm: UInt16) -> [UInt16] { [0xF3EF, 0x8000 | d << 8 | sysm] }
    static func msr(_ sysm: UInt16, _ n: UInt16) -> [UInt16] { [0xF380 | n, 0x8800 | sysm] }
    static let apsr: UInt16 = 0, ipsr: UInt16 = 5, xpsrSYSm: UInt16 = 3, msp: UInt16 = 8, psp: UInt16 = 9
    static let primask: UInt16 = 16, control: UInt16 = 20

    @Test("MRS APSR reads the flags in bits 31:28; MSR APSR writes them from bits 31:28 only")
    func apsr() {
        // MOVS r1, #0; CMP r1, #0 (Z and C set); MRS r0, APSR; MSR APSR, r2.
        let machine = Self.run([0x2100, 0x2900] + Self.mrs(0, Self.apsr) + Self.msr(Self.apsr, 2), registers: [2: 0x9FFF_FFFF])
        #expect(machine.register(0) == 0x6000_0000)
        #expect(Self.flags(of: machine) == Flags(n: true, z: false, c: false, v: true))
        #expect(machine.core.ipsr == 0)
    }

    @Test("MSR APSR writes every combination of N, Z, C and V over a compare's flags, and MRS reads it back", arguments: 0..<16)
    func apsrCombinations(_ nzcv: Int) {
        // CMP r1, #0 with r1 = 5 (N, Z, V clear; C set); MSR APSR, r2; MRS r0, APSR. N and Z
        // share one stored value (CortexMCore.negativeZeroSource): both set must survive too.
        let value = UInt32(nzcv) << 28
        let machine = Self.run([0x2900] + Self.msr(Self.apsr, 2) + Self.mrs(0, Self.apsr), registers: [1: 5, 2: value])
        #expect(machine.register(0) == value)
        #expect(Self.flags(of: machine) == Flags(n: nzcv & 8 != 0, z: nzcv & 4 != 0, c: nzcv & 2 != 0, v: nzcv & 1 != 0))
    }

    @Test("B<cond> branches exactly when its condition holds, for every condition and every N, Z, C, V (A6.3.1 ConditionPassed, Table A6-1)", arguments: 0..<16)
    func conditionalBranchOverAllFlags(_ nzcv: Int) {
        let n = nzcv & 8 != 0, z = nzcv & 4 != 0, c = nzcv & 2 != 0, v = nzcv & 1 != 0
        // Table A6-1, in encoding order EQ … LE.
        let holds = [z, !z, c, !c, n, !n, v, !v, c && !z, !c || z, n == v, n != v, !z && n == v, z || n != v]
        for (condition, expected) in holds.enumerated() {
            // MSR APSR, r2; B<cond> over the next instruction; MOV r0, r1 (no flags); BKPT.
            let branch = 0xD000 | UInt16(condition) << 8
            let machine = Self.run(Self.msr(Self.apsr, 2) + [branch, 0x4608], registers: [0: 0, 1: 1, 2: UInt32(nzcv) << 28])
            #expect(machine.register(0) == (expected ? 0 : 1), "condition \(condition), NZCV \(String(nzcv, radix: 2))")
        }
    }

    @Test("MRS IPSR reads 0 in Thread mode and the exception number in a handler")
    func ipsr() {
        var machine = Self.run(Self.mrs(0, Self.ipsr) + Self.mrs(1, Self.xpsrSYSm), registers: [0: 0xFFFF])
        #expect(machine.register(0) == 0)
        // SVC #0 enters SVCall (11), whose handler reads IPSR and stops.
        let handler = Self.code + 4
        machine = TestMachine(.m0, code: [0xDF00, TestMachine.breakpoint] + Self.mrs(0, Self.ipsr) + [0xBE02], vectors: [11: handler])
        #expect(machine.run() == .breakpoint(pc: handler + 4, immediate: 2))
        #expect(machine.register(0) == 11)
        // UDF #0 enters HardFault (3).
        machine = TestMachine(.m0, code: [0xDE00, TestMachine.breakpoint] + Self.mrs(0, Self.ipsr) + [0xBE02], vectors: [3: handler])
        #expect(machine.run() == .breakpoint(pc: handler + 4, immediate: 2))
        #expect(machine.register(0) == 3)
    }

    @Test("MSR PRIMASK writes bit 0 only; MRS PRIMASK and CPSID/CPSIE agree")
    func primask() {
        // MSR PRIMASK, r0; MRS r1, PRIMASK; MSR PRIMASK, r2; MRS r3, PRIMASK; CPSID i; MRS r4, PRIMASK; CPSIE i; MRS r5, PRIMASK.
        let code = Self.msr(Self.primask, 0) + Self.mrs(1, Self.primask) + Self.msr(Self.primask, 2) + Self.mrs(3, Self.primask)
            + [0xB672] + Self.mrs(4, Self.primask) + [0xB662] + Self.mrs(5, Self.primask)
        let machine = Self.run(code, registers: [0: 0xFFFF_FFFF, 2: 0xFFFF_FFFE, 5: 7])
        #expect(machine.register(1) == 1)
        #expect(machine.register(3) == 0)
        #expect(machine.register(4) == 1)
        #expect(machine.register(5) == 0)
    }

    @Test("MRS/MSR reach MSP and PSP, and setting CONTROL.SPSEL in Thread mode switches SP to PSP and back")
    func stackPointerSelection() {
        let top = Self.sram + TestMachine.sramSize
        let processStack = Self.sram + 0x8000
        let code =
            Self.msr(Self.psp, 0)  // MSR PSP, r0
            + [0x2102] + Self.msr(Self.control, 1)  // MOVS r1, #2; MSR CONTROL, r1
            + [0x466A]  // MOV r2, sp
            + Self.mrs(3, Self.msp) + Self.mrs(4, Self.psp) + Self.mrs(7, Self.control)
            + [0xB401]  // PUSH {r0}: on the process stack
            + [0x2100] + Self.msr(Self.control, 1)  // MOVS r1, #0; MSR CONTROL, r1
            + [0x466D]  // MOV r5, sp
            + Self.mrs(6, Self.psp)
        let machine = Self.run(code, registers: [0: processStack | 3])
        #expect(machine.register(2) == processStack, "SP after SPSEL = 1 is PSP (bits 1:0 of the written value ignored)")
        #expect(machine.register(3) == top)
        #expect(machine.register(4) == processStack)
        #expect(machine.register(7) == 2)
        #expect(machine.word(at: processStack - 4) == processStack | 3)
        #expect(machine.register(5) == top, "SP after SPSEL = 0 is MSP again")
        #expect(machine.register(6) == processStack - 4)
        #expect(machine.register(13) == top)
    }

    /// On Cortex-M0 there is no unprivileged execution: CONTROL.nPRIV is RAZ/WI (M0 TRM
    /// DDI 0432C 2.1.3, "CONTROL register"), so only SPSEL reads back.
    @Test("MSR CONTROL on Cortex-M0 keeps SPSEL and reads nPRIV as zero")
    func controlOnM0() {
        let machine = Self.run(Self.msr(Self.control, 0) + Self.mrs(1, Self.control) + Self.msr(Self.control, 2) + Self.mrs(3, Self.control),
                               registers: [0: 3, 2: 0])
        #expect(machine.register(1) == 2)
        #expect(machine.register(3) == 0)
    }
}
