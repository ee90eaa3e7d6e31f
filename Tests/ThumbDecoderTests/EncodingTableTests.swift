import Foundation
import Testing
@testable import ThumbDecoder

/// Checks of the encoding tables themselves (conventions, "Keeping decode tables
/// readable"): overlaps are resolved by declared order, every row has a sample that
/// `arm-none-eabi-objdump` agrees with, and the whole 16-bit space decodes without
/// a crash, with exactly the ARMv6-M encodings defined.
///
/// Reference encodings and texts were produced with GNU binutils 2.40
/// (`arm-none-eabi-as -mcpu=cortex-m0 -mthumb`, then `arm-none-eabi-objdump -d`) and
/// are pinned here on purpose: when armsim disagrees, fix armsim or explain the
/// difference next to the sample, never re-bless from armsim's output.
@Suite("Encoding tables")
struct EncodingTableTests {
    // MARK: - (a) Overlaps are resolved by declared order

    /// Whether some raw value has the fixed bits of both rows.
    static func overlap(_ a: EncodingRow, _ b: EncodingRow) -> Bool {
        (a.value ^ b.value) & a.mask & b.mask == 0
    }

    /// Whether `earlier` is strictly more specific than `later`: it fixes every bit
    /// `later` fixes, to the same value, and at least one more.
    static func resolves(_ earlier: EncodingRow, _ later: EncodingRow) -> Bool {
        earlier.mask & later.mask == later.mask && earlier.mask != later.mask
            && earlier.value & later.mask == later.value
    }

    static func overlappingPairs(_ rows: [EncodingRow]) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for i in rows.indices {
            for j in rows.indices where j > i && overlap(rows[i], rows[j]) { pairs.append((i, j)) }
        }
        return pairs
    }

    static func label(_ row: EncodingRow) -> String { "\(row.name) \(row.form) [\(row.pattern)]" }

    /// The only overlaps in Encodings16.rows are the two rows carved out of the
    /// conditional-branch space (DDI 0419 A5.2.6, cond = 1110 and 1111):
    /// - `UDF T1` (11011110 imm8) before `B T1` (1101 cond imm8),
    /// - `SVC T1` (11011111 imm8) before `B T1`.
    @Test("The 16-bit lookup table holds, for every halfword, the first row that matches it")
    func table16IsTheFirstMatchingRow() {
        var mismatches = 0
        for halfword in 0..<65_536 {
            let expected = ThumbDecoder.isThumb32(UInt16(halfword))
                ? nil : Encodings16.rows.firstIndex { $0.matches(UInt32(halfword)) }
            let entry = ThumbDecoder.table16[halfword]
            if entry != (expected.map { UInt16($0) } ?? ThumbDecoder.noRow) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test("Every overlapping pair of 16-bit rows is resolved by putting the more specific row first")
    func sixteenBitOverlapsAreOrdered() {
        let rows = Encodings16.rows
        let pairs = Self.overlappingPairs(rows)
        for (i, j) in pairs {
            #expect(Self.resolves(rows[i], rows[j]), "\(Self.label(rows[i])) overlaps later \(Self.label(rows[j]))")
        }
        let names = pairs.map { "\(rows[$0.0].name) \(rows[$0.0].form) > \(rows[$0.1].name) \(rows[$0.1].form)" }
        // The hints (opB = 0000) come before the ARMv7-M unallocated-hint row, and all of
        // them before IT, whose mask 0000 space they are (DDI 0403 A5.2.5).
        let hints = ["NOP T1", "YIELD T1", "WFE T1", "WFI T1", "SEV T1"]
        let hintOverlaps = hints.flatMap { ["\($0) > NOP (unallocated hint) T1", "\($0) > IT T1"] }
        #expect(names == hintOverlaps + ["UDF T1 > B T1", "SVC T1 > B T1", "NOP (unallocated hint) T1 > IT T1"])
    }

    /// Overlaps in Encodings32.rows are resolved by order: either the earlier row is a
    /// strict sub-case of the later one, or the pair is one of the carve-outs declared
    /// here, where the manual takes a field value of a general encoding for another
    /// instruction (DDI 0403E A5.3.6–A5.3.10, A5.3.1, A5.3.11):
    /// - literal forms (Rn = 1111) before the immediate and register forms;
    /// - the preload and unallocated memory hints (Rt = 1111) before LDRB/LDRSB/LDRH/LDRSH;
    /// - LDREX/LDREXB/LDREXH and TBB/TBH (P:W = 00) before LDRD (literal);
    /// - CMN/CMP (Rd = 1111, S = 1) before the ADD/SUB SP forms.
    /// A new overlap must be added here with its reason.
    @Test("Every overlapping pair of 32-bit rows is resolved by order: a strict sub-case first, or a declared carve-out")
    func thirtyTwoBitOverlapsAreOrdered() {
        let rows = Encodings32.rows
        let unresolved = Self.overlappingPairs(rows).filter { !Self.resolves(rows[$0.0], rows[$0.1]) }
            .map { "\(rows[$0.0].name) \(rows[$0.0].form) > \(rows[$0.1].name) \(rows[$0.1].form)" }
        #expect(Set(unresolved) == Set(Self.declaredOverlaps32))
        #expect(unresolved.count == Self.declaredOverlaps32.count)
    }

    static let declaredOverlaps32: [String] = {
        let literalFirst: [(String, [String])] = [
            ("PLD (literal) T1", ["PLD (immediate) T1", "PLD (immediate) T2", "PLD (register) T1", "LDRB (immediate) T2", "LDRB (immediate) T3", "LDRB (register) T2"]),
            ("PLI (literal) T3", ["PLI (immediate) T1", "PLI (immediate) T2", "PLI (register) T1", "LDRSB (immediate) T1", "LDRSB (immediate) T2", "LDRSB (register) T2"]),
            ("Unallocated memory hint (literal) -", [
                "LDRH (literal) T1", "LDRSH (literal) T1", "Unallocated memory hint (immediate) -",
                "Unallocated memory hint (negative immediate) -", "Unallocated memory hint (register) -",
                "LDRH (immediate) T2", "LDRH (immediate) T3", "LDRH (register) T2", "LDRSH (immediate) T1",
                "LDRSH (immediate) T2", "LDRSH (register) T2",
            ]),
            ("LDRB (literal) T1", ["PLD (immediate) T1", "PLD (immediate) T2", "PLD (register) T1", "LDRB (immediate) T2", "LDRB (immediate) T3", "LDRB (register) T2"]),
            ("LDRSB (literal) T1", ["PLI (immediate) T1", "PLI (immediate) T2", "PLI (register) T1", "LDRSB (immediate) T1", "LDRSB (immediate) T2", "LDRSB (register) T2"]),
            ("LDRH (literal) T1", [
                "Unallocated memory hint (immediate) -", "Unallocated memory hint (negative immediate) -",
                "Unallocated memory hint (register) -", "LDRH (immediate) T2", "LDRH (immediate) T3", "LDRH (register) T2",
            ]),
            ("LDRSH (literal) T1", [
                "Unallocated memory hint (immediate) -", "Unallocated memory hint (negative immediate) -",
                "Unallocated memory hint (register) -", "LDRSH (immediate) T1", "LDRSH (immediate) T2", "LDRSH (register) T2",
            ]),
            ("LDR (literal) T2", ["LDR (immediate) T3", "LDR (immediate) T4", "LDR (register) T2"]),
            ("Unallocated memory hint (immediate) -", ["LDRH (immediate) T2", "LDRSH (immediate) T1"]),
            ("Unallocated memory hint (negative immediate) -", ["LDRH (immediate) T3", "LDRSH (immediate) T2"]),
            ("Unallocated memory hint (register) -", ["LDRH (register) T2", "LDRSH (register) T2"]),
        ]
        let exclusiveAndTableBranch = ["LDREX T1", "TBB T1", "TBH T1", "LDREXB T1", "LDREXH T1"].map { "\($0) > LDRD (literal) T1" }
        let compares = [
            "CMN (immediate) T1 > ADD (SP plus immediate) T3", "CMP (immediate) T2 > SUB (SP minus immediate) T2",
            "CMN (register) T2 > ADD (SP plus register) T3", "CMP (register) T3 > SUB (SP minus register) T1",
        ]
        return exclusiveAndTableBranch + literalFirst.flatMap { earlier, laters in laters.map { "\(earlier) > \($0)" } } + compares
    }()

    @Test("Every pattern is 16 or 32 bits long, as its table requires")
    func patternWidths() {
        for row in Encodings16.rows { #expect(row.bitCount == 16, "\(Self.label(row))") }
        for row in Encodings32.rows { #expect(row.bitCount == 32, "\(Self.label(row))") }
    }

    // MARK: - (b) One objdump-checked sample per row

    /// One reference encoding: where objdump placed it, what objdump printed (tabs
    /// turned into spaces), the fields armsim must decode, and armsim's exact text.
    /// `nil` fields are not meaningful for the instruction and are not checked.
    struct Sample: CustomTestStringConvertible, Sendable {
        var halfwords: [UInt16]
        var address: UInt32
        var objdump: String
        var op: Op
        var d: UInt8? = nil
        var n: UInt8? = nil
        var m: UInt8? = nil
        var imm: UInt32? = nil
        var condition: Condition = .al
        var armsim: String

        var testDescription: String { objdump }
    }

    // swift-format-ignore
    static let samples: [Sample] = [
        // Shift (immediate), add, subtract, move and compare (A5.2.1).
        Sample(halfwords: [0x00D1], address: 0x00, objdump: "lsls r1, r2, #3", op: .lslImmediate, d: 1, m: 2, imm: 3, armsim: "lsls r1, r2, #3"),
        Sample(halfwords: [0x0838], address: 0x02, objdump: "lsrs r0, r7, #32", op: .lsrImmediate, d: 0, m: 7, imm: 32, armsim: "lsrs r0, r7, #32"),
        Sample(halfwords: [0x11EA], address: 0x04, objdump: "asrs r2, r5, #7", op: .asrImmediate, d: 2, m: 5, imm: 7, armsim: "asrs r2, r5, #7"),
        Sample(halfwords: [0x1888], address: 0x06, objdump: "adds r0, r1, r2", op: .addsRegister, d: 0, n: 1, m: 2, armsim: "adds r0, r1, r2"),
        Sample(halfwords: [0x1B63], address: 0x08, objdump: "subs r3, r4, r5", op: .subsRegister, d: 3, n: 4, m: 5, armsim: "subs r3, r4, r5"),
        Sample(halfwords: [0x1DD1], address: 0x0A, objdump: "adds r1, r2, #7", op: .addsImmediate, d: 1, n: 2, imm: 7, armsim: "adds r1, r2, #7"),
        Sample(halfwords: [0x1E7E], address: 0x0C, objdump: "subs r6, r7, #1", op: .subsImmediate, d: 6, n: 7, imm: 1, armsim: "subs r6, r7, #1"),
        Sample(halfwords: [0x24C8], address: 0x0E, objdump: "movs r4, #200 @ 0xc8", op: .movsImmediate, d: 4, imm: 200, armsim: "movs r4, #200"),
        Sample(halfwords: [0x2DFF], address: 0x10, objdump: "cmp r5, #255 @ 0xff", op: .cmpImmediate, n: 5, imm: 255, armsim: "cmp r5, #255"),
        Sample(halfwords: [0x3364], address: 0x12, objdump: "adds r3, #100 @ 0x64", op: .addsImmediate, d: 3, n: 3, imm: 100, armsim: "adds r3, #100"),
        Sample(halfwords: [0x3F08], address: 0x14, objdump: "subs r7, #8", op: .subsImmediate, d: 7, n: 7, imm: 8, armsim: "subs r7, #8"),
        // LSLS #0 is the MOVS (register) alias.
        Sample(halfwords: [0x0023], address: 0x10, objdump: "movs r3, r4", op: .lslImmediate, d: 3, m: 4, imm: 0, armsim: "movs r3, r4"),
        // Data processing (register) (A5.2.2).
        Sample(halfwords: [0x4008], address: 0x16, objdump: "ands r0, r1", op: .andsRegister, d: 0, n: 0, m: 1, armsim: "ands r0, r1"),
        Sample(halfwords: [0x405A], address: 0x18, objdump: "eors r2, r3", op: .eorsRegister, d: 2, n: 2, m: 3, armsim: "eors r2, r3"),
        Sample(halfwords: [0x409A], address: 0x1A, objdump: "lsls r2, r3", op: .lslsRegister, d: 2, n: 2, m: 3, armsim: "lsls r2, r3"),
        Sample(halfwords: [0x40EC], address: 0x1C, objdump: "lsrs r4, r5", op: .lsrsRegister, d: 4, n: 4, m: 5, armsim: "lsrs r4, r5"),
        Sample(halfwords: [0x413E], address: 0x1E, objdump: "asrs r6, r7", op: .asrsRegister, d: 6, n: 6, m: 7, armsim: "asrs r6, r7"),
        Sample(halfwords: [0x4178], address: 0x20, objdump: "adcs r0, r7", op: .adcsRegister, d: 0, n: 0, m: 7, armsim: "adcs r0, r7"),
        Sample(halfwords: [0x41B1], address: 0x22, objdump: "sbcs r1, r6", op: .sbcsRegister, d: 1, n: 1, m: 6, armsim: "sbcs r1, r6"),
        Sample(halfwords: [0x41EA], address: 0x24, objdump: "rors r2, r5", op: .rorsRegister, d: 2, n: 2, m: 5, armsim: "rors r2, r5"),
        Sample(halfwords: [0x4223], address: 0x26, objdump: "tst r3, r4", op: .tstRegister, n: 3, m: 4, armsim: "tst r3, r4"),
        Sample(halfwords: [0x4251], address: 0x28, objdump: "negs r1, r2", op: .rsbsImmediate, d: 1, n: 2, armsim: "negs r1, r2"),
        Sample(halfwords: [0x4291], address: 0x2A, objdump: "cmp r1, r2", op: .cmpRegister, n: 1, m: 2, armsim: "cmp r1, r2"),
        Sample(halfwords: [0x42E3], address: 0x2C, objdump: "cmn r3, r4", op: .cmnRegister, n: 3, m: 4, armsim: "cmn r3, r4"),
        Sample(halfwords: [0x4335], address: 0x2E, objdump: "orrs r5, r6", op: .orrsRegister, d: 5, n: 5, m: 6, armsim: "orrs r5, r6"),
        // objdump omits the repeated Rdm; armsim prints the manual's MULS <Rdm>, <Rn>, <Rdm>.
        Sample(halfwords: [0x4351], address: 0x30, objdump: "muls r1, r2", op: .mulsRegister, d: 1, n: 2, m: 1, armsim: "muls r1, r2, r1"),
        Sample(halfwords: [0x4387], address: 0x32, objdump: "bics r7, r0", op: .bicsRegister, d: 7, n: 7, m: 0, armsim: "bics r7, r0"),
        Sample(halfwords: [0x43D9], address: 0x34, objdump: "mvns r1, r3", op: .mvnsRegister, d: 1, m: 3, armsim: "mvns r1, r3"),
        // Special data instructions and branch and exchange (A5.2.3).
        Sample(halfwords: [0x4488], address: 0x36, objdump: "add r8, r1", op: .addRegisterHigh, d: 8, n: 8, m: 1, armsim: "add r8, r1"),
        Sample(halfwords: [0x4591], address: 0x38, objdump: "cmp r9, r2", op: .cmpRegister, n: 9, m: 2, armsim: "cmp r9, r2"),
        Sample(halfwords: [0x46EA], address: 0x3A, objdump: "mov sl, sp", op: .movRegister, d: 10, m: 13, armsim: "mov r10, sp"),
        Sample(halfwords: [0x46F7], address: 0x12, objdump: "mov pc, lr", op: .movRegister, d: 15, m: 14, armsim: "mov pc, lr"),
        Sample(halfwords: [0x4770], address: 0x3C, objdump: "bx lr", op: .bx, m: 14, armsim: "bx lr"),
        Sample(halfwords: [0x4798], address: 0x3E, objdump: "blx r3", op: .blxRegister, m: 3, armsim: "blx r3"),
        // LDR (literal): PC = 0x44, Align(PC, 4) + 8 = 0x4C.
        Sample(halfwords: [0x4A02], address: 0x40, objdump: "ldr r2, [pc, #8] @ (4c <back+0x4c>)", op: .ldrLiteral, d: 2, imm: 0x4C, armsim: "ldr r2, [pc, #8] ; 0x4c"),
        // Load/store single data item (A5.2.4).
        Sample(halfwords: [0x50D1], address: 0x42, objdump: "str r1, [r2, r3]", op: .strRegister, d: 1, n: 2, m: 3, armsim: "str r1, [r2, r3]"),
        Sample(halfwords: [0x53AC], address: 0x44, objdump: "strh r4, [r5, r6]", op: .strhRegister, d: 4, n: 5, m: 6, armsim: "strh r4, [r5, r6]"),
        Sample(halfwords: [0x5447], address: 0x46, objdump: "strb r7, [r0, r1]", op: .strbRegister, d: 7, n: 0, m: 1, armsim: "strb r7, [r0, r1]"),
        Sample(halfwords: [0x571A], address: 0x48, objdump: "ldrsb r2, [r3, r4]", op: .ldrsbRegister, d: 2, n: 3, m: 4, armsim: "ldrsb r2, [r3, r4]"),
        Sample(halfwords: [0x59F5], address: 0x4A, objdump: "ldr r5, [r6, r7]", op: .ldrRegister, d: 5, n: 6, m: 7, armsim: "ldr r5, [r6, r7]"),
        Sample(halfwords: [0x5A88], address: 0x4C, objdump: "ldrh r0, [r1, r2]", op: .ldrhRegister, d: 0, n: 1, m: 2, armsim: "ldrh r0, [r1, r2]"),
        Sample(halfwords: [0x5D63], address: 0x4E, objdump: "ldrb r3, [r4, r5]", op: .ldrbRegister, d: 3, n: 4, m: 5, armsim: "ldrb r3, [r4, r5]"),
        Sample(halfwords: [0x5E3E], address: 0x50, objdump: "ldrsh r6, [r7, r0]", op: .ldrshRegister, d: 6, n: 7, m: 0, armsim: "ldrsh r6, [r7, r0]"),
        Sample(halfwords: [0x67D1], address: 0x52, objdump: "str r1, [r2, #124] @ 0x7c", op: .strImmediate, d: 1, n: 2, imm: 124, armsim: "str r1, [r2, #124]"),
        Sample(halfwords: [0x68A3], address: 0x54, objdump: "ldr r3, [r4, #8]", op: .ldrImmediate, d: 3, n: 4, imm: 8, armsim: "ldr r3, [r4, #8]"),
        Sample(halfwords: [0x77F5], address: 0x56, objdump: "strb r5, [r6, #31]", op: .strbImmediate, d: 5, n: 6, imm: 31, armsim: "strb r5, [r6, #31]"),
        Sample(halfwords: [0x7847], address: 0x58, objdump: "ldrb r7, [r0, #1]", op: .ldrbImmediate, d: 7, n: 0, imm: 1, armsim: "ldrb r7, [r0, #1]"),
        Sample(halfwords: [0x87D1], address: 0x5A, objdump: "strh r1, [r2, #62] @ 0x3e", op: .strhImmediate, d: 1, n: 2, imm: 62, armsim: "strh r1, [r2, #62]"),
        Sample(halfwords: [0x8863], address: 0x5C, objdump: "ldrh r3, [r4, #2]", op: .ldrhImmediate, d: 3, n: 4, imm: 2, armsim: "ldrh r3, [r4, #2]"),
        Sample(halfwords: [0x9104], address: 0x5E, objdump: "str r1, [sp, #16]", op: .strImmediate, d: 1, n: 13, imm: 16, armsim: "str r1, [sp, #16]"),
        Sample(halfwords: [0x9AFF], address: 0x60, objdump: "ldr r2, [sp, #1020] @ 0x3fc", op: .ldrImmediate, d: 2, n: 13, imm: 1020, armsim: "ldr r2, [sp, #1020]"),
        // ADR: Align(0x66, 4) + 52 = 0x98; objdump prints the ADD form and the ADR alias in its comment.
        Sample(halfwords: [0xA00D], address: 0x62, objdump: "add r0, pc, #52 @ (adr r0, 98 <lit>)", op: .adr, d: 0, imm: 0x98, armsim: "adr r0, 0x98"),
        Sample(halfwords: [0xAA02], address: 0x64, objdump: "add r2, sp, #8", op: .addSPImmediate, d: 2, n: 13, imm: 8, armsim: "add r2, sp, #8"),
        // Miscellaneous 16-bit instructions (A5.2.5).
        Sample(halfwords: [0xB004], address: 0x66, objdump: "add sp, #16", op: .addSPImmediate, d: 13, n: 13, imm: 16, armsim: "add sp, #16"),
        Sample(halfwords: [0xB082], address: 0x68, objdump: "sub sp, #8", op: .subSPImmediate, d: 13, n: 13, imm: 8, armsim: "sub sp, #8"),
        Sample(halfwords: [0xB208], address: 0x6A, objdump: "sxth r0, r1", op: .sxth, d: 0, m: 1, armsim: "sxth r0, r1"),
        Sample(halfwords: [0xB25A], address: 0x6C, objdump: "sxtb r2, r3", op: .sxtb, d: 2, m: 3, armsim: "sxtb r2, r3"),
        Sample(halfwords: [0xB2AC], address: 0x6E, objdump: "uxth r4, r5", op: .uxth, d: 4, m: 5, armsim: "uxth r4, r5"),
        Sample(halfwords: [0xB2FE], address: 0x70, objdump: "uxtb r6, r7", op: .uxtb, d: 6, m: 7, armsim: "uxtb r6, r7"),
        Sample(halfwords: [0xB530], address: 0x72, objdump: "push {r4, r5, lr}", op: .push, imm: 0x4030, armsim: "push {r4, r5, lr}"),
        Sample(halfwords: [0xB672], address: 0x74, objdump: "cpsid i", op: .cps, imm: 1, armsim: "cpsid i"),
        Sample(halfwords: [0xB662], address: 0x0A, objdump: "cpsie i", op: .cps, imm: 0, armsim: "cpsie i"),
        Sample(halfwords: [0xBA08], address: 0x76, objdump: "rev r0, r1", op: .rev, d: 0, m: 1, armsim: "rev r0, r1"),
        Sample(halfwords: [0xBA5A], address: 0x78, objdump: "rev16 r2, r3", op: .rev16, d: 2, m: 3, armsim: "rev16 r2, r3"),
        Sample(halfwords: [0xBAEC], address: 0x7A, objdump: "revsh r4, r5", op: .revsh, d: 4, m: 5, armsim: "revsh r4, r5"),
        Sample(halfwords: [0xBD10], address: 0x7C, objdump: "pop {r4, pc}", op: .pop, imm: 0x8010, armsim: "pop {r4, pc}"),
        Sample(halfwords: [0xBE12], address: 0x7E, objdump: "bkpt 0x0012", op: .bkpt, imm: 0x12, armsim: "bkpt 0x12"),
        Sample(halfwords: [0xBF00], address: 0x00, objdump: "nop", op: .nop, armsim: "nop"),
        Sample(halfwords: [0xBF10], address: 0x02, objdump: "yield", op: .nop, armsim: "yield"),
        Sample(halfwords: [0xBF20], address: 0x04, objdump: "wfe", op: .wfe, armsim: "wfe"),
        Sample(halfwords: [0xBF30], address: 0x06, objdump: "wfi", op: .wfi, armsim: "wfi"),
        Sample(halfwords: [0xBF40], address: 0x08, objdump: "sev", op: .sev, armsim: "sev"),
        // Load/store multiple (A6.7.25, A6.7.59): no writeback when Rn is in the list.
        Sample(halfwords: [0xC10C], address: 0x8A, objdump: "stmia r1!, {r2, r3}", op: .stm, n: 1, imm: 0x000C, armsim: "stmia r1!, {r2, r3}"),
        Sample(halfwords: [0xCA03], address: 0x8C, objdump: "ldmia r2!, {r0, r1}", op: .ldm, n: 2, imm: 0x0003, armsim: "ldmia r2!, {r0, r1}"),
        Sample(halfwords: [0xC906], address: 0x0C, objdump: "ldmia r1, {r1, r2}", op: .ldm, n: 1, imm: 0x0006, armsim: "ldmia r1, {r1, r2}"),
        // Conditional branch and supervisor call (A5.2.6): targets are address + 4 + offset.
        Sample(halfwords: [0xDE05], address: 0x8E, objdump: "udf #5", op: .udf, imm: 5, armsim: "udf #5"),
        Sample(halfwords: [0xDF03], address: 0x90, objdump: "svc 3", op: .svc, imm: 3, armsim: "svc 3"),
        Sample(halfwords: [0xD0B5], address: 0x92, objdump: "beq.n 0 <back>", op: .bConditional, imm: 0x00, condition: .eq, armsim: "beq 0x0"),
        Sample(halfwords: [0xD143], address: 0x0E, objdump: "bne.n 98 <near>", op: .bConditional, imm: 0x98, condition: .ne, armsim: "bne 0x98"),
        Sample(halfwords: [0xE002], address: 0x94, objdump: "b.n 9c <fwd>", op: .b, imm: 0x9C, armsim: "b 0x9c"),
        // 32-bit: branch and miscellaneous control (A5.3.1).
        Sample(halfwords: [0xF380, 0x8810], address: 0x00, objdump: "msr PRIMASK, r0", op: .msr, n: 0, imm: 16, armsim: "msr PRIMASK, r0"),
        Sample(halfwords: [0xF383, 0x8808], address: 0x04, objdump: "msr MSP, r3", op: .msr, n: 3, imm: 8, armsim: "msr MSP, r3"),
        Sample(halfwords: [0xF3EF, 0x8114], address: 0x08, objdump: "mrs r1, CONTROL", op: .mrs, d: 1, imm: 20, armsim: "mrs r1, CONTROL"),
        Sample(halfwords: [0xF3EF, 0x8405], address: 0x0C, objdump: "mrs r4, IPSR", op: .mrs, d: 4, imm: 5, armsim: "mrs r4, IPSR"),
        Sample(halfwords: [0xF3BF, 0x8F4F], address: 0x10, objdump: "dsb sy", op: .barrier, imm: 1, armsim: "dsb sy"),
        Sample(halfwords: [0xF3BF, 0x8F5F], address: 0x14, objdump: "dmb sy", op: .barrier, imm: 0, armsim: "dmb sy"),
        Sample(halfwords: [0xF3BF, 0x8F6F], address: 0x18, objdump: "isb sy", op: .barrier, imm: 2, armsim: "isb sy"),
        Sample(halfwords: [0xF7F4, 0xA4D2], address: 0x1C, objdump: "udf.w #17618 @ 0x44d2", op: .udf, imm: 0x44D2, armsim: "udf #17618"),
        // BL: backward (to 0) and forward (to 0x34, and across 1 KiB to 0x498).
        Sample(halfwords: [0xF7FF, 0xFFEE], address: 0x20, objdump: "bl 0 <back>", op: .bl, d: 14, imm: 0x00, armsim: "bl 0x0"),
        Sample(halfwords: [0xF000, 0xF806], address: 0x24, objdump: "bl 34 <fwd>", op: .bl, d: 14, imm: 0x34, armsim: "bl 0x34"),
        Sample(halfwords: [0xF000, 0xFA40], address: 0x14, objdump: "bl 498 <far>", op: .bl, d: 14, imm: 0x498, armsim: "bl 0x498"),
    ]

    static let v6M = ThumbDecoder(instructionSet: .armv6M)

    static func decode(_ sample: Sample) -> Instruction {
        v6M.decode(first: sample.halfwords[0], second: sample.halfwords.count > 1 ? sample.halfwords[1] : 0, address: sample.address)
    }

    /// Brings objdump's and armsim's texts to one form: spacing, `.n`/`.w` width
    /// suffixes, objdump's `@` comments and `<symbol>` labels, register aliases
    /// (sl/fp/ip), hexadecimal versus decimal numbers, and branch targets (objdump
    /// writes them as bare hex) all compared as plain decimal. The ADR alias and
    /// literal address that objdump puts in its comment are kept.
    static func normalize(_ text: String) -> String {
        var text = text
        var comment = ""
        if let at = text.firstIndex(of: "@") {
            comment = String(text[text.index(after: at)...]).trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
            text = String(text[..<at])
        }
        if comment.hasPrefix("adr ") { text = comment.components(separatedBy: " <")[0] }
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init).filter { !$0.hasPrefix("<") }
        guard !words.isEmpty else { return "" }
        for suffix in [".n", ".w"] where words[0].hasSuffix(suffix) { words[0].removeLast(2) }
        // objdump writes branch targets and the ADR alias's address as bare hex.
        let lastIsBareHex = words[0] == "adr" || words[0].hasPrefix("b") && !["bx", "blx", "bics", "bkpt"].contains(words[0])
        if words[0] == "ldr", text.contains("[pc"), let target = comment.split(separator: " ").first {
            words += [";", "0x" + target]
        }
        let aliases = ["sl": "r10", "fp": "r11", "ip": "r12"]
        let lastIndex = words.count - 1
        let tokens = words.enumerated().map { index, word -> String in
            var core = word
            var trailing = ""
            while let last = core.last, ",]}".contains(last) { trailing = String(last) + trailing; core.removeLast() }
            var leading = ""
            while let first = core.first, "[{#".contains(first) { leading.append(first); core.removeFirst() }
            if let alias = aliases[core] { core = alias }
            if core.hasPrefix("0x"), let value = UInt32(core.dropFirst(2), radix: 16) {
                core = String(value)
            } else if lastIsBareHex, index == lastIndex, let value = UInt32(core, radix: 16) {
                core = String(value)
            }
            return leading + core + trailing
        }
        return tokens.filter { !$0.isEmpty }.joined(separator: " ")
    }

    @Test("Each sample decodes to objdump's instruction and armsim prints the same text", arguments: samples)
    func sampleDecodesLikeObjdump(_ sample: Sample) {
        let instruction = Self.decode(sample)
        #expect(instruction.op == sample.op)
        #expect(Int(instruction.byteCount) == sample.halfwords.count * 2)
        if let d = sample.d { #expect(instruction.d == d) }
        if let n = sample.n { #expect(instruction.n == n) }
        if let m = sample.m { #expect(instruction.m == m) }
        if let imm = sample.imm { #expect(instruction.imm == imm) }
        #expect(instruction.condition == sample.condition)
        let text = Disassembler.text(instruction)
        #expect(text == sample.armsim)
        var objdump = Self.normalize(sample.objdump)
        if sample.op == .mulsRegister { objdump += ", r\(sample.d ?? 0)" }
        #expect(Self.normalize(text) == objdump, "objdump: \(sample.objdump)")
    }

    @Test("Every row of both tables has at least one sample")
    func everyRowHasASample() {
        var covered16 = Set<Int>()
        var covered32 = Set<Int>()
        for sample in Self.samples {
            if sample.halfwords.count == 1 {
                let row = Self.v6M.row16(for: sample.halfwords[0])
                if let index = Encodings16.rows.firstIndex(where: { $0.pattern == row?.pattern && $0.name == row?.name }) {
                    covered16.insert(index)
                }
            } else {
                let raw = UInt32(sample.halfwords[0]) << 16 | UInt32(sample.halfwords[1])
                let row = Self.v6M.row32(for: raw)
                if let index = Encodings32.rows.firstIndex(where: { $0.pattern == row?.pattern && $0.name == row?.name }) {
                    covered32.insert(index)
                }
            }
        }
        // ARMv7-M rows have their samples in the Thumb-2 decoder suites.
        let missing16 = Encodings16.rows.indices.filter { !covered16.contains($0) && Encodings16.rows[$0].level == .v6M }
            .map { Self.label(Encodings16.rows[$0]) }
        let missing32 = Encodings32.rows.indices.filter { !covered32.contains($0) && Encodings32.rows[$0].level == .v6M }
            .map { Self.label(Encodings32.rows[$0]) }
        #expect(missing16.isEmpty)
        #expect(missing32.isEmpty)
    }
    // MARK: - (c) The whole instruction space

    /// A small deterministic generator (SplitMix64), so a failure names a reproducible input.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let everyInstructionSet: [InstructionSet] = [.armv6M, [.v6M, .v7M, .v7EMDSP], [.v6M, .v7M, .v7EMDSP, .fpv4SP]]

    @Test("All 65,536 first halfwords decode without a crash, to the size their top bits give")
    func everyHalfwordDecodes() {
        var generator = SplitMix64(state: 0x0419)
        for set in Self.everyInstructionSet {
            let decoder = ThumbDecoder(instructionSet: set)
            for first in 0...0xFFFF {
                let second = UInt16.random(in: 0...0xFFFF, using: &generator)
                let instruction = decoder.decode(first: UInt16(first), second: second, address: 0x0800_0000)
                let isWide = first >= 0xE800
                #expect(instruction.byteCount == (isWide ? 4 : 2))
                if instruction.op == .undefined {
                    #expect(instruction.raw == (isWide ? UInt32(first) << 16 | UInt32(second) : UInt32(first)))
                }
                _ = Disassembler.text(instruction)
            }
        }
    }

    /// Halfwords below 0xE800 that objdump 2.40 prints as `<UNDEFINED> instruction`
    /// (39 ranges, 844 halfwords).
    static let objdumpUndefined: [ClosedRange<UInt16>] = [
        0x4781...0x4783, 0x4785...0x4787, 0x4789...0x478B, 0x478D...0x478F, 0x4791...0x4793, 0x4795...0x4797,
        0x4799...0x479B, 0x479D...0x479F, 0x47A1...0x47A3, 0x47A5...0x47A7, 0x47A9...0x47AB, 0x47AD...0x47AF,
        0x47B1...0x47B3, 0x47B5...0x47B7, 0x47B9...0x47BB, 0x47BD...0x47BF, 0x47C1...0x47C3, 0x47C5...0x47C7,
        0x47C9...0x47CB, 0x47CD...0x47CF, 0x47D1...0x47D3, 0x47D5...0x47D7, 0x47D9...0x47DB, 0x47DD...0x47DF,
        0x47E1...0x47E3, 0x47E5...0x47E7, 0x47E9...0x47EB, 0x47ED...0x47EF, 0x47F1...0x47F3, 0x47F5...0x47F7,
        0x47F9...0x47FB, 0x47FD...0x47FF, 0xB600...0xB60F, 0xB611...0xB617, 0xB619...0xB64F, 0xB651...0xB657,
        0xB659...0xB65F, 0xB668...0xB66F, 0xB678...0xB8FF,
    ]

    /// Halfwords objdump 2.40 decodes, even with `-m armv6s-m`, as instructions that
    /// ARMv6-M does not have (objdump does not filter 16-bit Thumb by architecture):
    /// CBZ/CBNZ and IT (v7-M), HLT, SETEND, SETPAN, SEVL, BXNS/BLXNS (v8), and the
    /// `nop {n}` hints 0xBF60–0xBFF0, which DDI 0419 A5.2.5 (Table A5-6) does not list.
    static let objdumpNonV6M: [ClosedRange<UInt16>] = {
        var ranges: [ClosedRange<UInt16>] = [
            0xB100...0xB1FF, 0xB300...0xB3FF, 0xB900...0xB9FF, 0xBB00...0xBBFF,  // cbz, cbnz
            0xBA80...0xBABF,  // hlt
            0xB610...0xB610, 0xB618...0xB618, 0xB650...0xB650, 0xB658...0xB658,  // setpan, setend
            0xBF50...0xBF50,  // sevl
        ]
        for hint: UInt16 in stride(from: 0xBF60, through: 0xBFF0, by: 0x10) { ranges.append(hint...hint) }  // nop {6}...{15}
        for hint: UInt16 in stride(from: 0xBF00, through: 0xBFF0, by: 0x10) { ranges.append((hint + 1)...(hint + 0xF)) }  // it
        for branch: UInt16 in stride(from: 0x4704, through: 0x47FC, by: 8) { ranges.append(branch...branch) }  // bxns, blxns
        return ranges
    }()

    /// The encoding with its should-be bits set as DDI 0419 draws them, for the rows whose
    /// should-be bits objdump checks: BX/BLX `(0)(0)(0)` (A6.7.14, A6.7.15) and CPS
    /// `(0)(0)(1)(0)` (B4.2.1). A mismatch is UNPREDICTABLE, not UNDEFINED, and armsim's
    /// documented choice (EncodingRow) is to execute it as the drawn encoding. nil for
    /// every other halfword.
    static func shouldBeCanonical(_ halfword: UInt16) -> UInt16? {
        if halfword & 0xFF00 == 0x4700 { return halfword & ~0x0007 }
        if halfword & 0xFFE0 == 0xB660 { return (halfword & ~0x000F) | 0x0002 }
        return nil
    }

    @Test("Every halfword objdump calls undefined or non-v6-M decodes as undefined on ARMv6-M")
    func objdumpUndefinedIsUndefined() {
        var checked = 0
        for halfword in (Self.objdumpUndefined + Self.objdumpNonV6M).joined() {
            checked += 1
            let instruction = Self.v6M.decode(first: halfword, second: 0, address: 0)
            if let canonical = Self.shouldBeCanonical(halfword) {
                var expected = Self.v6M.decode(first: canonical, second: 0, address: 0)
                expected.raw = UInt32(halfword)
                // CPS carries its I and F bits in `options` for ARMv7-M; an ARMv6-M core
                // ignores them (it always writes PRIMASK), so they are not compared.
                if halfword & 0xFFE0 == 0xB660 { expected.options = instruction.options }
                #expect(instruction == expected, "0x\(String(halfword, radix: 16)) should execute as 0x\(String(canonical, radix: 16))")
            } else {
                #expect(instruction.op == .undefined, "0x\(String(halfword, radix: 16)) decodes as \(Disassembler.text(instruction))")
            }
        }
        #expect(checked == 844 + 1375)
    }

    @Test("Every other 16-bit halfword, one objdump decodes as an ARMv6-M instruction, is defined on ARMv6-M")
    func objdumpDefinedIsDefined() {
        var excluded = Set<UInt16>()
        for halfword in (Self.objdumpUndefined + Self.objdumpNonV6M).joined() { excluded.insert(halfword) }
        var defined = 0
        for halfword in UInt16(0)..<0xE800 where !excluded.contains(halfword) {
            let instruction = Self.v6M.decode(first: halfword, second: 0, address: 0)
            #expect(instruction.op != .undefined, "0x\(String(halfword, radix: 16))")
            defined += 1
        }
        #expect(defined == 0xE800 - excluded.count)
    }

    /// What DDI 0419 A5.3 and A5.3.1 (Tables A5-8 and A5-9) allocate in the 32-bit space
    /// on ARMv6-M, written from the manual independently of Encodings32: op1 = hw1[12:11]
    /// must be 10 and hw2[15] 1; then op1' = hw1[10:4] and op2 = hw2[14:12] select.
    static func armv6MClass(_ raw: UInt32) -> Op {
        let hw1 = raw >> 16
        let hw2 = raw & 0xFFFF
        guard hw1 >> 11 == 0b11110, hw2 >> 15 == 1 else { return .undefined }
        let op1 = (hw1 >> 4) & 0x7F
        let op2 = (hw2 >> 12) & 0x7
        if op2 & 0b101 == 0b101 { return .bl }
        if op2 & 0b101 == 0b000 {
            if op1 >> 1 == 0b011100 { return .msr }
            if op1 == 0b0111011 { return [0b0100, 0b0101, 0b0110].contains((hw2 >> 4) & 0xF) ? .barrier : .undefined }
            if op1 >> 1 == 0b011111 { return .mrs }
        }
        if op2 == 0b010 && op1 == 0b1111111 { return .udf }
        return .undefined
    }

    @Test("A large random sample of 32-bit pairs decodes as DDI 0419 A5.3.1 allocates them")
    func randomThirtyTwoBitPairs() {
        var generator = SplitMix64(state: 0x0403)
        var hits: [Op: Int] = [:]
        for index in 0..<300_000 {
            // Half the sample is biased to the 11110 prefix with hw2[15] set, where every v6-M encoding lives.
            var raw = UInt32.random(in: 0xE800_0000...0xFFFF_FFFF, using: &generator)
            if index & 1 == 0 { raw = (raw & 0x07FF_7FFF) | 0xF000_8000 }
            let instruction = Self.v6M.decode(first: UInt16(raw >> 16), second: UInt16(raw & 0xFFFF), address: 0x100)
            let expected = Self.armv6MClass(raw)
            #expect(instruction.op == expected, "0x\(String(raw, radix: 16))")
            hits[instruction.op, default: 0] += 1
        }
        for op in [Op.bl, .msr, .mrs, .udf, .undefined] { #expect(hits[op, default: 0] > 0, "no \(op) in the sample") }
    }

    // MARK: - (d) Pattern parsing

    @Test(
        "Should-be bits (0)/(1) are variable bits, alone, adjacent, or inside a token with other bits",
        arguments: [
            ("010001110 Rm:4 (0)(0)(0)", UInt32(0xFF80), UInt32(0x4700), 16),
            ("10110110011 im:1 (0) (0) (1) (0)", 0xFFE0, 0xB660, 16),
            ("1011(1)(0)01 imm8:8", 0xF300, 0xB100, 16),
            ("1011 imm4:4(1)(0)(0)(0)(0)(0)(0)(0)", 0xF000, 0xB000, 16),
            ("11110 0 1111 1 (0)(1)(1)(1)(1) | 10 (0) 0 Rd:4 SYSm:8", 0xFFE0_D000, 0xF3E0_8000, 32),
            ("11110 0 1110 0 (0) Rn:4 | 10 (0) 0 (1)(0)(0)(0) SYSm:8", 0xFFE0_D000, 0xF380_8000, 32),
        ])
    func shouldBeBitsParse(pattern: String, mask: UInt32, value: UInt32, bitCount: Int) {
        let parsed = EncodingRow.parse(pattern)
        #expect(parsed.bitCount == bitCount)
        #expect(parsed.mask == mask, "mask 0x\(String(parsed.mask, radix: 16))")
        #expect(parsed.value == value, "value 0x\(String(parsed.value, radix: 16))")
    }
}
