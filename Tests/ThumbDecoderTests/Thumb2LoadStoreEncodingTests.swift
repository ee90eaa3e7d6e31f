import Foundation
import Testing
@testable import ThumbDecoder

/// The Thumb-2 load/store, branch and miscellaneous-control encodings (DDI 0403 A5.3.4-
/// A5.3.10): overlaps resolved by declared order, one objdump-checked sample per row,
/// and the unallocated and UNPREDICTABLE corners of the space.
///
/// Reference encodings and texts: GNU binutils 2.40, `arm-none-eabi-as -mcpu=cortex-m4
/// -mthumb` then `arm-none-eabi-objdump -d`, pinned here on purpose: when armsim
/// disagrees, fix armsim or explain the difference next to the sample.
@Suite("Thumb-2 load/store and control encodings")
struct Thumb2LoadStoreEncodingTests {
    /// BadReg() (DDI 0403 A7.3): SP or PC; LR is an ordinary register.
    static func bad<T: BinaryInteger>(_ register: T) -> Bool { register == 13 || register == 15 }

    /// The Cortex-M4F decoder: every other class's rows are present, so a sample also
    /// checks that no other table claims these encodings first.
    static let m4 = ThumbDecoder(instructionSet: [.v6M, .v7M, .v7EMDSP, .fpv4SP])

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

        init(_ halfwords: [UInt16], at address: UInt32, _ objdump: String, _ op: Op, d: UInt8? = nil, n: UInt8? = nil,
             m: UInt8? = nil, imm: UInt32? = nil, condition: Condition = .al) {
            self.halfwords = halfwords
            self.address = address
            self.objdump = objdump
            self.op = op
            self.d = d
            self.n = n
            self.m = m
            self.imm = imm
            self.condition = condition
        }

        var testDescription: String { objdump }
        var raw: UInt32 { UInt32(halfwords[0]) << 16 | UInt32(halfwords[1]) }
    }

    // swift-format-ignore
    static let samples: [Sample] = [
        Sample([0xF8D2, 0x1FFF], at: 0x0, "ldr.w r1, [r2, #4095] @ 0xfff", .ldrImmediateWide, d: 1, n: 2),
        Sample([0xF852, 0x1CFF], at: 0x4, "ldr.w r1, [r2, #-255]", .ldrImmediateWide, d: 1, n: 2),
        Sample([0xF852, 0x1FFF], at: 0x8, "ldr.w r1, [r2, #255]!", .ldrImmediateWide, d: 1, n: 2),
        Sample([0xF852, 0x1D04], at: 0xC, "ldr.w r1, [r2, #-4]!", .ldrImmediateWide, d: 1, n: 2),
        Sample([0xF852, 0x1B04], at: 0x10, "ldr.w r1, [r2], #4", .ldrImmediateWide, d: 1, n: 2),
        Sample([0xF852, 0x1908], at: 0x14, "ldr.w r1, [r2], #-8", .ldrImmediateWide, d: 1, n: 2),
        Sample([0xF852, 0x1E08], at: 0x18, "ldrt r1, [r2, #8]", .ldrImmediateWide, d: 1, n: 2),
        Sample([0xF852, 0x1023], at: 0x1C, "ldr.w r1, [r2, r3, lsl #2]", .ldrRegisterWide, d: 1, n: 2, m: 3),
        Sample([0xF852, 0x1003], at: 0x20, "ldr.w r1, [r2, r3]", .ldrRegisterWide, d: 1, n: 2, m: 3),
        Sample([0xF85F, 0x3010], at: 0x24, "ldr.w r3, [pc, #-16] @ 18 <_start+0x18>", .ldrLiteralWide, d: 3, imm: 0x18),
        Sample([0xF8DF, 0x33E8], at: 0x28, "ldr.w r3, [pc, #1000] @ 414 <_start+0x414>", .ldrLiteralWide, d: 3, imm: 0x414),
        Sample([0xF8D2, 0xF004], at: 0x2C, "ldr.w pc, [r2, #4]", .ldrToPC, d: 15, n: 2),
        Sample([0xF852, 0xFB04], at: 0x30, "ldr.w pc, [r2], #4", .ldrToPC, d: 15, n: 2),
        Sample([0xF852, 0xF023], at: 0x34, "ldr.w pc, [r2, r3, lsl #2]", .ldrToPC, d: 15, n: 2, m: 3),
        Sample([0xF8DF, 0xF008], at: 0x38, "ldr.w pc, [pc, #8] @ 44 <_start+0x44>", .ldrToPC, d: 15, imm: 0x44),
        Sample([0xF85D, 0x4B04], at: 0x3C, "ldr.w r4, [sp], #4", .ldrImmediateWide, d: 4, n: 13),
        Sample([0xF84D, 0x4D04], at: 0x40, "str.w r4, [sp, #-4]!", .strImmediateWide, d: 4, n: 13),
        Sample([0xF85D, 0xFB04], at: 0x44, "ldr.w pc, [sp], #4", .ldrToPC, d: 15, n: 13),
        Sample([0xF892, 0x1007], at: 0x48, "ldrb.w r1, [r2, #7]", .ldrbImmediateWide, d: 1, n: 2),
        Sample([0xF812, 0x1C07], at: 0x4C, "ldrb.w r1, [r2, #-7]", .ldrbImmediateWide, d: 1, n: 2),
        Sample([0xF812, 0x1B01], at: 0x50, "ldrb.w r1, [r2], #1", .ldrbImmediateWide, d: 1, n: 2),
        Sample([0xF812, 0x1013], at: 0x54, "ldrb.w r1, [r2, r3, lsl #1]", .ldrbRegisterWide, d: 1, n: 2, m: 3),
        Sample([0xF89F, 0x1014], at: 0x58, "ldrb.w r1, [pc, #20] @ 70 <_start+0x70>", .ldrbLiteral, d: 1, imm: 0x70),
        Sample([0xF812, 0x1E03], at: 0x5C, "ldrbt r1, [r2, #3]", .ldrbImmediateWide, d: 1, n: 2),
        Sample([0xF992, 0x1007], at: 0x60, "ldrsb.w r1, [r2, #7]", .ldrsbImmediateWide, d: 1, n: 2),
        Sample([0xF912, 0x1D07], at: 0x64, "ldrsb.w r1, [r2, #-7]!", .ldrsbImmediateWide, d: 1, n: 2),
        Sample([0xF912, 0x1033], at: 0x68, "ldrsb.w r1, [r2, r3, lsl #3]", .ldrsbRegisterWide, d: 1, n: 2, m: 3),
        Sample([0xF91F, 0x1014], at: 0x6C, "ldrsb.w r1, [pc, #-20] @ 5c <_start+0x5c>", .ldrsbLiteral, d: 1, imm: 0x5c),
        Sample([0xF912, 0x1E03], at: 0x70, "ldrsbt r1, [r2, #3]", .ldrsbImmediateWide, d: 1, n: 2),
        Sample([0xF8B2, 0x1006], at: 0x74, "ldrh.w r1, [r2, #6]", .ldrhImmediateWide, d: 1, n: 2),
        Sample([0xF832, 0x1C06], at: 0x78, "ldrh.w r1, [r2, #-6]", .ldrhImmediateWide, d: 1, n: 2),
        Sample([0xF832, 0x1003], at: 0x7C, "ldrh.w r1, [r2, r3]", .ldrhRegisterWide, d: 1, n: 2, m: 3),
        Sample([0xF8BF, 0x1014], at: 0x80, "ldrh.w r1, [pc, #20] @ 98 <_start+0x98>", .ldrhLiteral, d: 1, imm: 0x98),
        Sample([0xF832, 0x1E02], at: 0x84, "ldrht r1, [r2, #2]", .ldrhImmediateWide, d: 1, n: 2),
        Sample([0xF9B2, 0x1006], at: 0x88, "ldrsh.w r1, [r2, #6]", .ldrshImmediateWide, d: 1, n: 2),
        Sample([0xF932, 0x1906], at: 0x8C, "ldrsh.w r1, [r2], #-6", .ldrshImmediateWide, d: 1, n: 2),
        Sample([0xF932, 0x1013], at: 0x90, "ldrsh.w r1, [r2, r3, lsl #1]", .ldrshRegisterWide, d: 1, n: 2, m: 3),
        Sample([0xF93F, 0x1016], at: 0x94, "ldrsh.w r1, [pc, #-22] @ 82 <_start+0x82>", .ldrshLiteral, d: 1, imm: 0x82),
        Sample([0xF932, 0x1E02], at: 0x98, "ldrsht r1, [r2, #2]", .ldrshImmediateWide, d: 1, n: 2),
        Sample([0xF8C2, 0x1FFF], at: 0x9C, "str.w r1, [r2, #4095] @ 0xfff", .strImmediateWide, d: 1, n: 2),
        Sample([0xF842, 0x1CFF], at: 0xA0, "str.w r1, [r2, #-255]", .strImmediateWide, d: 1, n: 2),
        Sample([0xF842, 0x1F04], at: 0xA4, "str.w r1, [r2, #4]!", .strImmediateWide, d: 1, n: 2),
        Sample([0xF842, 0x1904], at: 0xA8, "str.w r1, [r2], #-4", .strImmediateWide, d: 1, n: 2),
        Sample([0xF842, 0x1023], at: 0xAC, "str.w r1, [r2, r3, lsl #2]", .strRegisterWide, d: 1, n: 2, m: 3),
        Sample([0xF842, 0x1E04], at: 0xB0, "strt r1, [r2, #4]", .strImmediateWide, d: 1, n: 2),
        Sample([0xF882, 0x1001], at: 0xB4, "strb.w r1, [r2, #1]", .strbImmediateWide, d: 1, n: 2),
        Sample([0xF802, 0x1C01], at: 0xB8, "strb.w r1, [r2, #-1]", .strbImmediateWide, d: 1, n: 2),
        Sample([0xF802, 0x1003], at: 0xBC, "strb.w r1, [r2, r3]", .strbRegisterWide, d: 1, n: 2, m: 3),
        Sample([0xF802, 0x1E00], at: 0xC0, "strbt r1, [r2]", .strbImmediateWide, d: 1, n: 2),
        Sample([0xF8A2, 0x1002], at: 0xC4, "strh.w r1, [r2, #2]", .strhImmediateWide, d: 1, n: 2),
        Sample([0xF822, 0x1B02], at: 0xC8, "strh.w r1, [r2], #2", .strhImmediateWide, d: 1, n: 2),
        Sample([0xF822, 0x1013], at: 0xCC, "strh.w r1, [r2, r3, lsl #1]", .strhRegisterWide, d: 1, n: 2, m: 3),
        Sample([0xF822, 0x1E02], at: 0xD0, "strht r1, [r2, #2]", .strhImmediateWide, d: 1, n: 2),
        Sample([0xF892, 0xF064], at: 0xD4, "pld [r2, #100] @ 0x64", .preload, n: 2),
        Sample([0xF812, 0xFC64], at: 0xD8, "pld [r2, #-100]", .preload, n: 2),
        Sample([0xF812, 0xF023], at: 0xDC, "pld [r2, r3, lsl #2]", .preload, n: 2),
        Sample([0xF89F, 0xF064], at: 0xE0, "pld [pc, #100] @ 148 <_start+0x148>", .preload, n: 15),
        Sample([0xF81F, 0xF064], at: 0xE4, "pld [pc, #-100] @ 84 <_start+0x84>", .preload, n: 15),
        Sample([0xF992, 0xF064], at: 0xE8, "pli [r2, #100] @ 0x64", .preload, n: 2),
        Sample([0xF912, 0xFC64], at: 0xEC, "pli [r2, #-100]", .preload, n: 2),
        Sample([0xF912, 0xF003], at: 0xF0, "pli [r2, r3]", .preload, n: 2),
        Sample([0xF99F, 0xF064], at: 0xF4, "pli [pc, #100] @ 15c <_start+0x15c>", .preload, n: 15),
        Sample([0xE9D2, 0x0102], at: 0xF8, "ldrd r0, r1, [r2, #8]", .ldrdImmediate, d: 0, n: 2),
        Sample([0xE972, 0x0102], at: 0xFC, "ldrd r0, r1, [r2, #-8]!", .ldrdImmediate, d: 0, n: 2),
        Sample([0xE8F2, 0x0102], at: 0x100, "ldrd r0, r1, [r2], #8", .ldrdImmediate, d: 0, n: 2),
        Sample([0xE9DF, 0x0104], at: 0x104, "ldrd r0, r1, [pc, #16] @ 118 <_start+0x118>", .ldrdLiteral, d: 0, imm: 0x118),
        Sample([0xE95F, 0x0104], at: 0x108, "ldrd r0, r1, [pc, #-16] @ fc <_start+0xfc>", .ldrdLiteral, d: 0, imm: 0xfc),
        Sample([0xE9C2, 0x0102], at: 0x10C, "strd r0, r1, [r2, #8]", .strdImmediate, d: 0, n: 2),
        Sample([0xE962, 0x0102], at: 0x110, "strd r0, r1, [r2, #-8]!", .strdImmediate, d: 0, n: 2),
        Sample([0xE862, 0x0102], at: 0x114, "strd r0, r1, [r2], #-8", .strdImmediate, d: 0, n: 2),
        Sample([0xE851, 0x0F00], at: 0x118, "ldrex r0, [r1]", .ldrex, d: 0, n: 1),
        Sample([0xE851, 0x0F02], at: 0x11C, "ldrex r0, [r1, #8]", .ldrex, d: 0, n: 1),
        Sample([0xE841, 0x0200], at: 0x120, "strex r2, r0, [r1]", .strex, d: 2, n: 1, m: 0),
        Sample([0xE841, 0x0202], at: 0x124, "strex r2, r0, [r1, #8]", .strex, d: 2, n: 1, m: 0),
        Sample([0xE8D1, 0x0F4F], at: 0x128, "ldrexb r0, [r1]", .ldrexb, d: 0, n: 1),
        Sample([0xE8D1, 0x0F5F], at: 0x12C, "ldrexh r0, [r1]", .ldrexh, d: 0, n: 1),
        Sample([0xE8C1, 0x0F42], at: 0x130, "strexb r2, r0, [r1]", .strexb, d: 2, n: 1, m: 0),
        Sample([0xE8C1, 0x0F52], at: 0x134, "strexh r2, r0, [r1]", .strexh, d: 2, n: 1, m: 0),
        Sample([0xE8D0, 0xF001], at: 0x138, "tbb [r0, r1]", .tbb, n: 0, m: 1),
        Sample([0xE8D0, 0xF011], at: 0x13C, "tbh [r0, r1, lsl #1]", .tbh, n: 0, m: 1),
        Sample([0xE8DF, 0xF001], at: 0x140, "tbb [pc, r1]", .tbb, n: 15, m: 1),
        Sample([0xE8DF, 0xF011], at: 0x144, "tbh [pc, r1, lsl #1]", .tbh, n: 15, m: 1),
        Sample([0xE8A0, 0x0106], at: 0x148, "stmia.w r0!, {r1, r2, r8}", .stmWide, n: 0, imm: 0x106),
        Sample([0xE880, 0x0106], at: 0x14C, "stmia.w r0, {r1, r2, r8}", .stmWide, n: 0, imm: 0x106),
        Sample([0xE8B0, 0x0106], at: 0x150, "ldmia.w r0!, {r1, r2, r8}", .ldmWide, n: 0, imm: 0x106),
        Sample([0xE890, 0x8106], at: 0x154, "ldmia.w r0, {r1, r2, r8, pc}", .ldmWide, n: 0, imm: 0x8106),
        Sample([0xE920, 0x0006], at: 0x158, "stmdb r0!, {r1, r2}", .stmdb, n: 0, imm: 0x6),
        Sample([0xE900, 0x0006], at: 0x15C, "stmdb r0, {r1, r2}", .stmdb, n: 0, imm: 0x6),
        Sample([0xE930, 0x0006], at: 0x160, "ldmdb r0!, {r1, r2}", .ldmdb, n: 0, imm: 0x6),
        Sample([0xE910, 0x4006], at: 0x164, "ldmdb r0, {r1, r2, lr}", .ldmdb, n: 0, imm: 0x4006),
        Sample([0xE92D, 0x41F0], at: 0x168, "stmdb sp!, {r4, r5, r6, r7, r8, lr}", .stmdb, n: 13, imm: 0x41f0),
        Sample([0xE8BD, 0x81F0], at: 0x16C, "ldmia.w sp!, {r4, r5, r6, r7, r8, pc}", .ldmWide, n: 13, imm: 0x81f0),
        Sample([0xE8BD, 0x0110], at: 0x170, "ldmia.w sp!, {r4, r8}", .ldmWide, n: 13, imm: 0x110),
        Sample([0xF3BF, 0x8F2F], at: 0x174, "clrex", .clrex),
        Sample([0xF3AF, 0x8000], at: 0x178, "nop.w", .nop),
        Sample([0xF3AF, 0x8001], at: 0x17C, "yield.w", .nop),
        Sample([0xF3AF, 0x8002], at: 0x180, "wfe.w", .wfe),
        Sample([0xF3AF, 0x8003], at: 0x184, "wfi.w", .wfi),
        Sample([0xF3AF, 0x8004], at: 0x188, "sev.w", .sev),
        Sample([0xF3AF, 0x80F5], at: 0x18C, "dbg #5", .nop),
        Sample([0xF43F, 0xAF36], at: 0x190, "beq.w 0 <_start>", .bConditional, imm: 0x0, condition: .eq),
        Sample([0xF040, 0x83EE], at: 0x194, "bne.w 974 <fwd>", .bConditional, imm: 0x974, condition: .ne),
        Sample([0xF300, 0x83EC], at: 0x198, "bgt.w 974 <fwd>", .bConditional, imm: 0x974, condition: .gt),
        Sample([0xF7FF, 0xBF30], at: 0x19C, "b.w 0 <_start>", .b, imm: 0x0),
        Sample([0xF000, 0xBBE8], at: 0x1A0, "b.w 974 <fwd>", .b, imm: 0x974),
        Sample([0xE85D, 0x3FFF], at: 0x976, "ldrex r3, [sp, #1020] @ 0x3fc", .ldrex, d: 3, n: 13),
        Sample([0xF83F, 0x1014], at: 0x97A, "ldrh.w r1, [pc, #-20] @ 968 <_start+0x968>", .ldrhLiteral, d: 1, imm: 0x968),
        Sample([0xF91F, 0xF064], at: 0x97E, "pli [pc, #-100] @ 91c <_start+0x91c>", .preload, n: 15),
        Sample([0xF892, 0x1000], at: 0x982, "ldrb.w r1, [r2]", .ldrbImmediateWide, d: 1, n: 2),
        Sample([0xF8C2, 0x1000], at: 0x986, "str.w r1, [r2]", .strImmediateWide, d: 1, n: 2),
        Sample([0xF852, 0x1D04], at: 0x98A, "ldr.w r1, [r2, #-4]!", .ldrImmediateWide, d: 1, n: 2),
        Sample([0xF67F, 0xAB37], at: 0x98E, "bls.w 0 <_start>", .bConditional, imm: 0x0, condition: .ls),
        Sample([0xF5FF, 0xAFEF], at: 0x992, "bvc.w 974 <fwd>", .bConditional, imm: 0x974, condition: .vc),
        Sample([0xE930, 0x8006], at: 0x996, "ldmdb r0!, {r1, r2, pc}", .ldmdb, n: 0, imm: 0x8006),
        Sample([0xF85D, 0xEB04], at: 0x99A, "ldr.w lr, [sp], #4", .ldrImmediateWide, d: 14, n: 13),
    ]

    static func decode(_ sample: Sample) -> Instruction {
        m4.decode(first: sample.halfwords[0], second: sample.halfwords[1], address: sample.address)
    }

    /// Brings objdump's and armsim's texts to one form: spacing, `.w` suffixes, `@`
    /// comments (a literal's target is kept as `; 0x<address>`), `<symbol>` labels,
    /// register aliases and numbers (hex and decimal compared as decimal); branch targets,
    /// which objdump writes as bare hex, become decimal too.
    static func normalize(_ text: String) -> String {
        var text = text.replacingOccurrences(of: "\t", with: " ")
        var comment = ""
        if let at = text.firstIndex(of: "@") {
            comment = String(text[text.index(after: at)...]).trimmingCharacters(in: .whitespaces)
            text = String(text[..<at])
        }
        if let semicolon = text.firstIndex(of: ";") {
            comment = String(text[text.index(after: semicolon)...]).trimmingCharacters(in: .whitespaces)
            if comment.hasPrefix("0x") { comment.removeFirst(2) }
            text = String(text[..<semicolon])
        }
        var words = text.split(separator: " ").map(String.init).filter { !$0.hasPrefix("<") }
        guard !words.isEmpty else { return "" }
        if words[0].hasSuffix(".w") { words[0].removeLast(2) }
        let isBranch = words[0].hasPrefix("b") && words[0] != "bkpt"
        if text.contains("[pc"), let target = comment.split(separator: " ").first, let value = UInt32(target, radix: 16) {
            words += [";", String(value)]
        }
        let aliases = ["sl": "r10", "fp": "r11", "ip": "r12"]
        return words.enumerated().map { index, word -> String in
            var core = word
            var trailing = ""
            while let last = core.last, ",]}!".contains(last) { trailing = String(last) + trailing; core.removeLast() }
            var leading = ""
            while let first = core.first, "[{#".contains(first) { leading.append(first); core.removeFirst() }
            if let alias = aliases[core] { core = alias }
            if core.hasPrefix("0x"), let value = UInt32(core.dropFirst(2), radix: 16) {
                core = String(value)
            } else if isBranch, index == 1, let value = UInt32(core, radix: 16) {
                core = String(value)
            }
            return leading + core + trailing
        }.joined(separator: " ")
    }

    @Test("Each sample decodes to objdump's instruction and fields, and armsim prints the same text", arguments: samples)
    func sampleDecodesLikeObjdump(_ sample: Sample) {
        let instruction = Self.decode(sample)
        #expect(instruction.op == sample.op)
        #expect(instruction.byteCount == 4)
        #expect(instruction.raw == sample.raw)
        if let d = sample.d { #expect(instruction.d == d) }
        if let n = sample.n { #expect(instruction.n == n) }
        if let m = sample.m { #expect(instruction.m == m) }
        if let imm = sample.imm { #expect(instruction.imm == imm) }
        #expect(instruction.condition == sample.condition)
        let text = Disassembler.text(instruction)
        #expect(Self.normalize(text) == Self.normalize(sample.objdump), "armsim: \(text)")
    }

    /// Hints that objdump 2.40 names with ARMv7-A/ARMv8 mnemonics (`pldw`, `esb`, `sevl`),
    /// which DDI 0403 A5.3.4 and A5.3.8 make unallocated hints on ARMv7-M: they execute as
    /// NOPs and armsim says so in their text.
    static let unallocatedHints: [(UInt32, String)] = [
        (0xF8B2_F006, "nop.w ; unallocated memory hint"),  // objdump: pldw [r2, #6]
        (0xF832_FC06, "nop.w ; unallocated memory hint"),  // objdump: pldw [r2, #-6]
        (0xF832_F003, "nop.w ; unallocated memory hint"),  // objdump: pldw [r2, r3]
        (0xF8BF_F014, "nop.w ; unallocated memory hint"),  // objdump: pldw [pc, #20]
        (0xF9B2_F006, "nop.w ; unallocated memory hint"),  // objdump: ldrsh.w pc, [r2, #6]
        (0xF93F_F014, "nop.w ; unallocated memory hint"),  // objdump: ldrsh.w pc, [pc, #-20]
        (0xF3AF_8010, "nop.w {16}"),  // objdump: esb
        (0xF3AF_8005, "nop.w {5}"),  // objdump: sevl.w
    ]

    @Test("Unallocated hints decode as no-ops", arguments: unallocatedHints)
    func unallocatedHintsAreNoOps(raw: UInt32, text: String) {
        let instruction = Self.m4.decode(first: UInt16(raw >> 16), second: UInt16(raw & 0xFFFF), address: 0)
        #expect(instruction.op == .preload || instruction.op == .nop)
        #expect(Disassembler.text(instruction) == text)
    }

    /// Encodings of this space that DDI 0403 leaves unallocated (UNDEFINED) or calls
    /// UNPREDICTABLE where armsim's documented choice is UNDEFINED.
    static let undefinedEncodings: [(UInt32, String)] = [
        (0xF852_1808, "LDR imm8 with P = 0, W = 0 (A5.3.7: UNDEFINED)"),
        (0xF812_1A01, "LDRB imm8 with P = 0, W = 0"),
        (0xF8D2_1000 | 0x0100_0000, "load word with S = 1 (LDRSW does not exist)"),
        (0xF952_1C04, "load word with S = 1, imm8 form"),
        (0xF862_1000, "store with size 11"),
        (0xF8E2_1000, "store imm12 with size 11"),
        (0xF872_1000, "load with size 11"),
        (0xF852_1103, "register form with hw2[11:6] = 000100"),
        (0xF8CF_1000, "STR with Rn = PC"),
        (0xF80F_1C01, "STRB imm8 with Rn = PC"),
        (0xF8C2_F000, "STR with Rt = PC (UNPREDICTABLE)"),
        (0xF812_FD01, "LDRB Rt = PC pre-indexed (UNPREDICTABLE; objdump: pld [r2, #-1]!)"),
        (0xF812_FE01, "LDRBT Rt = PC (UNPREDICTABLE)"),
        (0xF852_FE04, "LDRT Rt = PC (UNPREDICTABLE)"),
        (0xF852_100F, "LDR register with Rm = PC (UNPREDICTABLE)"),
        (0xF842_100D, "STR register with Rm = SP (UNPREDICTABLE)"),
        (0xE810_0006, "LDM/STM op = 00 (SRS/RFE in ARMv7-A)"),
        (0xE990_0006, "LDM/STM op = 11"),
        (0xE89F_0006, "LDM with Rn = PC"),
        (0xE8D1_FF00 | 0x0020, "exclusive/table-branch space, op3 = 0010"),
        (0xE8C1_0F62, "STREXB-space op3 = 0110"),
        (0xE8D0_F021, "TBB-space op3 = 0010"),
        (0xE8D0_F00F, "TBB with Rm = PC (UNPREDICTABLE)"),
        (0xE85F_0F00, "LDREX with Rn = PC (UNPREDICTABLE)"),
        (0xE841_0F00, "STREX with Rd = PC (UNPREDICTABLE)"),
        (0xE9D2_F102, "LDRD with Rt = PC (UNPREDICTABLE)"),
        (0xE9CF_0102, "STRD with Rn = PC (UNPREDICTABLE)"),
        (0xE97F_0102, "LDRD literal with writeback (UNPREDICTABLE)"),
        (0xF3BF_8F3F, "miscellaneous control op = 0011 (B T3 cond 1110 space)"),
        (0xF3BF_8F7F, "miscellaneous control op = 0111"),
        (0xF3CF_8000, "BXJ (ARMv7-A only)"),
        (0xF3DE_8F00, "SUBS PC, LR (ARMv7-A only)"),
        (0xF3AF_8100, "CPS.W (hint space with hw2[10:8] != 000)"),
        (0xF000_C000, "BLX T2 (hw2[14] = 1, hw2[12] = 0: not on M profile)"),
    ]

    @Test("Unallocated and UNPREDICTABLE-as-undefined encodings decode as undefined", arguments: undefinedEncodings)
    func undefinedEncodingsAreUndefined(raw: UInt32, reason: String) {
        let instruction = Self.m4.decode(first: UInt16(raw >> 16), second: UInt16(raw & 0xFFFF), address: 0)
        #expect(instruction.op == .undefined, "\(reason): \(Disassembler.text(instruction))")
        #expect(instruction.raw == raw)
    }

    static func label(_ row: EncodingRow) -> String { "\(row.name) \(row.form)" }

    /// Overlaps in these tables that are resolved by order although the earlier row does
    /// not fix every bit of the later one: the literal rows (Rn = 1111, U variable) come
    /// before the immediate rows, which fix hw1[7] (= U of the literal form), so each
    /// literal row overlaps the imm12 row (U = 1) or the imm8/register rows (U = 0) of
    /// its size; the halfword-space hint rows overlap the same way.
    static let declaredOverlaps: Set<String> = {
        var pairs: Set<String> = []
        var literalOverImmediate: [(String, [String])] = [
            ("PLD (literal) T1", ["PLD (immediate) T1", "PLD (immediate) T2", "PLD (register) T1", "LDRB (immediate) T2", "LDRB (immediate) T3", "LDRB (register) T2"]),
            ("PLI (literal) T3", ["PLI (immediate) T1", "PLI (immediate) T2", "PLI (register) T1", "LDRSB (immediate) T1", "LDRSB (immediate) T2", "LDRSB (register) T2"]),
            ("Unallocated memory hint (literal) -", [
                "Unallocated memory hint (immediate) -", "Unallocated memory hint (negative immediate) -",
                "Unallocated memory hint (register) -", "LDRH (immediate) T2", "LDRH (immediate) T3", "LDRH (register) T2",
                "LDRSH (immediate) T1", "LDRSH (immediate) T2", "LDRSH (register) T2"]),
            ("LDRB (literal) T1", ["PLD (immediate) T1", "PLD (immediate) T2", "PLD (register) T1", "LDRB (immediate) T2", "LDRB (immediate) T3", "LDRB (register) T2"]),
            ("LDRSB (literal) T1", ["PLI (immediate) T1", "PLI (immediate) T2", "PLI (register) T1", "LDRSB (immediate) T1", "LDRSB (immediate) T2", "LDRSB (register) T2"]),
            ("LDRH (literal) T1", ["Unallocated memory hint (immediate) -", "Unallocated memory hint (negative immediate) -", "Unallocated memory hint (register) -", "LDRH (immediate) T2", "LDRH (immediate) T3", "LDRH (register) T2"]),
            ("LDRSH (literal) T1", ["Unallocated memory hint (immediate) -", "Unallocated memory hint (negative immediate) -", "Unallocated memory hint (register) -", "LDRSH (immediate) T1", "LDRSH (immediate) T2", "LDRSH (register) T2"]),
            ("LDR (literal) T2", ["LDR (immediate) T3", "LDR (immediate) T4", "LDR (register) T2"]),
        ]
        // The exclusive and table-branch rows (P = 0, W = 0, any Rn) come before LDRD
        // (literal) (Rn = 1111, any P and W), whose decoder makes P = 0, W = 0 UNDEFINED.
        for earlier in ["LDREX T1", "TBB T1", "TBH T1", "LDREXB T1", "LDREXH T1"] {
            pairs.insert("\(earlier) > LDRD (literal) T1")
        }
        // The halfword-space hint rows leave S variable (one row for LDRH and LDRSH).
        literalOverImmediate += [
            ("Unallocated memory hint (literal) -", ["LDRH (literal) T1", "LDRSH (literal) T1"]),
            ("Unallocated memory hint (immediate) -", ["LDRH (immediate) T2", "LDRSH (immediate) T1"]),
            ("Unallocated memory hint (negative immediate) -", ["LDRH (immediate) T3", "LDRSH (immediate) T2"]),
            ("Unallocated memory hint (register) -", ["LDRH (register) T2", "LDRSH (register) T2"]),
        ]
        for (earlier, laters) in literalOverImmediate {
            for later in laters { pairs.insert("\(earlier) > \(later)") }
        }
        return pairs
    }()

    @Test("Every overlap involving these rows is resolved by order: the earlier row is more specific or declared")
    func overlapsAreOrdered() {
        let rows = Encodings32.rows
        let mine = Set((Encodings32.thumb2ControlRows + Encodings32.thumb2LoadStoreRows).map { $0.pattern + $0.name })
        var undeclared: [String] = []
        var declaredSeen: Set<String> = []
        for i in rows.indices {
            for j in rows.indices where j > i {
                let a = rows[i], b = rows[j]
                guard mine.contains(a.pattern + a.name) || mine.contains(b.pattern + b.name) else { continue }
                guard (a.value ^ b.value) & a.mask & b.mask == 0 else { continue }
                let moreSpecific = a.mask & b.mask == b.mask && a.mask != b.mask && a.value & b.mask == b.value
                let name = "\(Self.label(a)) > \(Self.label(b))"
                if Self.declaredOverlaps.contains(name) {
                    declaredSeen.insert(name)
                } else if !moreSpecific {
                    undeclared.append(name)
                }
            }
        }
        #expect(undeclared.isEmpty, "\(undeclared)")
        #expect(declaredSeen == Self.declaredOverlaps, "declared but not overlapping: \(Self.declaredOverlaps.subtracting(declaredSeen))")
    }

    @Test("Every row of the two tables has a sample or an unallocated-hint case")
    func everyRowHasASample() {
        let rows = Encodings32.thumb2ControlRows + Encodings32.thumb2LoadStoreRows
        var covered = Set<String>()
        let raws = Self.samples.map(\.raw) + Self.unallocatedHints.map(\.0)
        for raw in raws {
            if let row = Self.m4.row32(for: raw) { covered.insert(row.pattern + row.name) }
        }
        let missing = rows.filter { !covered.contains($0.pattern + $0.name) }.map(Self.label)
        #expect(missing.isEmpty, "\(missing)")
    }

    @Test("The Thumb-2 rows are not decoded on ARMv6-M")
    func notOnARMv6M() {
        let v6M = ThumbDecoder(instructionSet: .armv6M)
        for sample in Self.samples {
            #expect(v6M.decode(first: sample.halfwords[0], second: sample.halfwords[1], address: sample.address).op == .undefined)
        }
    }

    /// SplitMix64, so a failure names a reproducible input.
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

    /// What A5.3.7-A5.3.10 allocate in the single load/store space (hw1 = 1111 100x xxxx),
    /// written from the manual's tables independently of the rows: the class of
    /// instruction (load, store, hint, load to PC) or nil where UNDEFINED, including
    /// armsim's UNPREDICTABLE-as-UNDEFINED choices.
    static func singleClass(_ raw: UInt32) -> String? {
        let hw1 = raw >> 16, hw2 = raw & 0xFFFF
        let s = (hw1 >> 8) & 1, imm12 = (hw1 >> 7) & 1, size = (hw1 >> 5) & 3, isLoad = (hw1 >> 4) & 1 == 1
        let rn = hw1 & 0xF, rt = hw2 >> 12, op2 = (hw2 >> 6) & 0x3F
        guard size != 3 else { return nil }
        if !isLoad {
            guard s == 0, rn != 15, rt != 15 else { return nil }
        } else if s == 1 && size == 2 {
            return nil
        }
        if isLoad && rn == 15 {
            if rt == 15 { return size == 2 ? "pc" : "hint" }
            return "load"
        }
        let isRegister = imm12 == 0 && op2 == 0
        let isImm8 = imm12 == 0 && op2 & 0x20 != 0
        guard imm12 == 1 || isRegister || isImm8 else { return nil }
        let p = (hw2 >> 10) & 1, u = (hw2 >> 9) & 1, w = (hw2 >> 8) & 1
        if isImm8 && p == 0 && w == 0 { return nil }
        // PLD/PLI (register) with Rm = SP/PC are UNPREDICTABLE; armsim executes the hint as a NOP.
        if isRegister && Self.bad(hw2 & 0xF) && !(isLoad && rt == 15 && size != 2) { return nil }
        if isLoad && rt == 15 {
            if size == 2 { return isImm8 && p == 1 && u == 1 && w == 0 ? nil : "pc" }
            if imm12 == 1 || isRegister || (p == 1 && u == 0 && w == 0) { return "hint" }
            return nil
        }
        return isLoad ? "load" : "store"
    }

    static func armsimClass(_ instruction: Instruction) -> String? {
        switch instruction.op {
        case .undefined: return nil
        case .preload: return "hint"
        case .ldrToPC: return "pc"
        case .ldrImmediateWide, .ldrbImmediateWide, .ldrhImmediateWide, .ldrsbImmediateWide, .ldrshImmediateWide,
            .ldrRegisterWide, .ldrbRegisterWide, .ldrhRegisterWide, .ldrsbRegisterWide, .ldrshRegisterWide,
            .ldrLiteralWide, .ldrbLiteral, .ldrhLiteral, .ldrsbLiteral, .ldrshLiteral:
            return "load"
        case .strImmediateWide, .strbImmediateWide, .strhImmediateWide, .strRegisterWide, .strbRegisterWide, .strhRegisterWide:
            return "store"
        default: return "other \(instruction.op)"
        }
    }

    @Test("A large random sample of the single load/store space decodes as A5.3.7-A5.3.10 allocate it")
    func randomSingleLoadStores() {
        var generator = SplitMix64(state: 0x0403_0537)
        var hits: [String: Int] = [:]
        for _ in 0..<200_000 {
            let raw = 0xF800_0000 | UInt32.random(in: 0...0x01FF_FFFF, using: &generator)
            let instruction = Self.m4.decode(first: UInt16(raw >> 16), second: UInt16(raw & 0xFFFF), address: 0x100)
            let expected = Self.singleClass(raw)
            #expect(Self.armsimClass(instruction) == expected, "0x\(String(raw, radix: 16))")
            hits[expected ?? "undefined", default: 0] += 1
        }
        for kind in ["load", "store", "hint", "pc", "undefined"] { #expect(hits[kind, default: 0] > 0, "no \(kind)") }
    }

    /// What A5.3.5 and A5.3.6 allocate in hw1 = 1110 100x xxxx, written from the manual's
    /// tables independently of the rows, with armsim's UNPREDICTABLE-as-UNDEFINED choices
    /// (Rn = PC for LDM/STM/LDREX/STREX/STRD, SP/PC as a transferred or status register,
    /// TBB/TBH Rm = SP/PC, LDRD (literal) with writeback).
    static func multipleDualExclusiveOp(_ raw: UInt32) -> Op {
        let hw1 = raw >> 16, hw2 = raw & 0xFFFF
        let rn = hw1 & 0xF, isLoad = (hw1 >> 4) & 1 == 1
        if (hw1 >> 6) & 1 == 0 {
            guard rn != 15 else { return .undefined }
            switch (hw1 >> 7) & 3 {
            case 1: return isLoad ? .ldmWide : .stmWide
            case 2: return isLoad ? .ldmdb : .stmdb
            default: return .undefined
            }
        }
        let p = (hw1 >> 8) & 1, u = (hw1 >> 7) & 1, w = (hw1 >> 5) & 1
        let rt = hw2 >> 12, rt2OrRd = (hw2 >> 8) & 0xF, op3 = (hw2 >> 4) & 0xF, low = hw2 & 0xF
        if p == 0 && w == 0 {
            if u == 0 {
                guard rn != 15, !Self.bad(rt) else { return .undefined }
                if isLoad { return .ldrex }
                return !Self.bad(rt2OrRd) ? .strex : .undefined
            }
            switch (isLoad, op3) {
            case (false, 4), (false, 5):
                guard rn != 15, !Self.bad(rt), !Self.bad(low) else { return .undefined }
                return op3 == 4 ? .strexb : .strexh
            case (true, 0), (true, 1):
                return !Self.bad(low) ? (op3 == 0 ? .tbb : .tbh) : .undefined
            case (true, 4), (true, 5):
                guard rn != 15, !Self.bad(rt) else { return .undefined }
                return op3 == 4 ? .ldrexb : .ldrexh
            default:
                return .undefined
            }
        }
        guard !Self.bad(rt), !Self.bad(rt2OrRd) else { return .undefined }
        if !isLoad { return rn == 15 ? .undefined : .strdImmediate }
        if rn == 15 { return w == 1 ? .undefined : .ldrdLiteral }
        return .ldrdImmediate
    }

    @Test("A large random sample of the multiple, dual and exclusive space decodes as A5.3.5-A5.3.6 allocate it")
    func randomMultipleDualExclusive() {
        var generator = SplitMix64(state: 0x0403_0536)
        var hits: [Op: Int] = [:]
        for index in 0..<200_000 {
            var raw = 0xE800_0000 | UInt32.random(in: 0...0x01FF_FFFF, using: &generator)
            // Bias a quarter of the sample to P = 0, W = 0, U = 1 with a canonical hw2, where the
            // byte/halfword exclusives and table branches live.
            if index & 3 == 0 { raw = (raw & 0xFFDF_00FF & ~0x0100_0000) | 0x0080_0000 | 0xFF00 }
            let instruction = Self.m4.decode(first: UInt16(raw >> 16), second: UInt16(raw & 0xFFFF), address: 0x100)
            let expected = Self.multipleDualExclusiveOp(raw)
            #expect(instruction.op == expected, "0x\(String(raw, radix: 16))")
            hits[expected, default: 0] += 1
        }
        let ops: [Op] = [.ldmWide, .stmWide, .ldmdb, .stmdb, .ldrex, .strex, .ldrexb, .ldrexh, .strexb, .strexh, .tbb, .tbh,
                         .ldrdImmediate, .ldrdLiteral, .strdImmediate, .undefined]
        for op in ops { #expect(hits[op, default: 0] > 0, "no \(op) in the sample") }
    }

    /// What A5.3.4 (Table A5-13 and the hint and miscellaneous-control tables) allocates
    /// for hw1 = 11110xxx xxxxxxxx, hw2[15] = 1, written independently of the rows.
    /// Should-be bits are ignored, as everywhere in armsim.
    static func branchControlOp(_ raw: UInt32) -> Op {
        let hw1 = raw >> 16, hw2 = raw & 0xFFFF
        let op1 = (hw1 >> 4) & 0x7F, op2 = (hw2 >> 12) & 7
        switch op2 & 0b101 {
        case 0b101: return .bl
        case 0b100: return .undefined  // BLX (immediate): not on M profile
        case 0b001: return .b
        default: break
        }
        if op1 & 0b0111000 != 0b0111000 { return .bConditional }
        if op1 == 0x7F && op2 == 0b010 { return .udf }
        switch op1 {
        case 0b0111000, 0b0111001: return .msr
        case 0b0111110, 0b0111111: return .mrs
        case 0b0111010:
            guard (hw2 >> 8) & 7 == 0 else { return .undefined }
            switch hw2 & 0xFF {
            case 2: return .wfe
            case 3: return .wfi
            case 4: return .sev
            default: return .nop
            }
        case 0b0111011:
            switch (hw2 >> 4) & 0xF {
            case 0b0010: return .clrex
            case 0b0100, 0b0101, 0b0110: return .barrier
            default: return .undefined
            }
        default: return .undefined
        }
    }

    @Test("A large random sample of the branch and miscellaneous-control space decodes as A5.3.4 allocates it")
    func randomBranchControl() {
        var generator = SplitMix64(state: 0x0403_0534)
        var hits: [Op: Int] = [:]
        for index in 0..<200_000 {
            var raw = 0xF000_8000 | UInt32.random(in: 0...0x07FF_7FFF, using: &generator)
            // Bias half the sample to the miscellaneous-control rows (cond = 111x, S = 0, hw2[12] = 0).
            if index & 1 == 0 { raw = (raw & ~0x0400_1000) | 0x0380_0000 }
            let instruction = Self.m4.decode(first: UInt16(raw >> 16), second: UInt16(raw & 0xFFFF), address: 0x100)
            let expected = Self.branchControlOp(raw)
            #expect(instruction.op == expected, "0x\(String(raw, radix: 16))")
            hits[expected, default: 0] += 1
        }
        let ops: [Op] = [.bl, .b, .bConditional, .msr, .mrs, .nop, .clrex, .barrier, .undefined]
        for op in ops { #expect(hits[op, default: 0] > 0, "no \(op) in the sample") }
    }

    @Test("Every 32-bit pair of these spaces decodes without a crash and renders text")
    func randomPairsDecode() {
        var generator = SplitMix64(state: 0x0403_0534)
        for prefix: UInt32 in [0xE800_0000, 0xF000_8000, 0xF800_0000] {
            for _ in 0..<50_000 {
                let raw = prefix | UInt32.random(in: 0...0x07FF_FFFF, using: &generator) & (prefix == 0xF000_8000 ? 0x07FF_7FFF : 0x07FF_FFFF)
                let instruction = Self.m4.decode(first: UInt16(raw >> 16), second: UInt16(raw & 0xFFFF), address: 0x100)
                #expect(instruction.byteCount == 4)
                #expect(!Disassembler.text(instruction).isEmpty)
            }
        }
    }
}
