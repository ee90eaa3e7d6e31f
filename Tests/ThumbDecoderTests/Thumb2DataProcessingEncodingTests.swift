import Testing
@testable import ThumbDecoder

/// The Thumb-2 data processing, multiply and divide encodings (DDI 0403 A5.3.1-A5.3.3,
/// A5.3.11, A5.3.12, A5.3.15-A5.3.17): one objdump-checked sample per row, the order of the
/// overlapping rows, and the whole space against a classifier written here from the
/// manual's tables, independently of `Encodings32.thumb2DataProcessingRows`.
///
/// Samples: GNU binutils 2.40, `arm-none-eabi-as -mcpu=cortex-m4 -mthumb` then
/// `arm-none-eabi-objdump -d`, pinned on purpose (fix armsim, never re-bless).
@Suite("Thumb-2 data processing encodings")
struct Thumb2DataProcessingEncodingTests {
    /// One objdump sample: halfwords, address, objdump's text (tabs as spaces), armsim's op.
    struct Sample: CustomTestStringConvertible, Sendable {
        var halfwords: [UInt16]
        var address: UInt32
        var objdump: String
        var op: Op
        var testDescription: String { objdump }
    }

    static func S(_ halfwords: [UInt16], _ address: UInt32, _ objdump: String, _ op: Op) -> Sample {
        Sample(halfwords: halfwords, address: address, objdump: objdump, op: op)
    }

    // swift-format-ignore
    static let samples: [Sample] = [
S([0xF001, 0x00FF], 0x0, "and.w r0, r1, #255 @ 0xff", .andImmediateT1),
        S([0xF013, 0x4200], 0x4, "ands.w r2, r3, #2147483648 @ 0x80000000", .andImmediateT1),
        S([0xF014, 0x1FFF], 0x8, "tst.w r4, #16711935 @ 0xff00ff", .tstImmediateT1),
        S([0xF036, 0x25AB], 0xC, "bics.w r5, r6, #2868947712 @ 0xab00ab00", .bicImmediateT1),
        S([0xF448, 0x777F], 0x10, "orr.w r7, r8, #1020 @ 0x3fc", .orrImmediateT1),
        S([0xF04F, 0x3955], 0x14, "mov.w r9, #1431655765 @ 0x55555555", .movImmediateT2),
        S([0xF05F, 0x417F], 0x18, "movs.w r1, #4278190080 @ 0xff000000", .movImmediateT2),
        S([0xF06B, 0x0A01], 0x1C, "orn sl, fp, #1", .ornImmediateT1),
        S([0xF46F, 0x7C00], 0x20, "mvn.w ip, #512 @ 0x200", .mvnImmediateT1),
        S([0xF07F, 0x007F], 0x24, "mvns.w r0, #127 @ 0x7f", .mvnImmediateT1),
        S([0xF482, 0x7180], 0x28, "eor.w r1, r2, #256 @ 0x100", .eorImmediateT1),
        S([0xF093, 0x4F40], 0x2C, "teq r3, #3221225472 @ 0xc0000000", .teqImmediateT1),
        S([0xF505, 0x5480], 0x30, "add.w r4, r5, #4096 @ 0x1000", .addImmediateT3),
        S([0xF115, 0x0401], 0x34, "adds.w r4, r5, #1", .addImmediateT3),
        S([0xF50D, 0x6D80], 0x38, "add.w sp, sp, #1024 @ 0x400", .addImmediateT3),
        S([0xF50D, 0x6600], 0x3C, "add.w r6, sp, #2048 @ 0x800", .addImmediateT3),
        S([0xF517, 0x3F80], 0x40, "cmn.w r7, #65536 @ 0x10000", .cmnImmediateT1),
        S([0xF149, 0x0802], 0x44, "adc.w r8, r9, #2", .adcImmediateT1),
        S([0xF57B, 0x4A7F], 0x48, "sbcs.w sl, fp, #65280 @ 0xff00", .sbcImmediateT1),
        S([0xF5A0, 0x3C00], 0x4C, "sub.w ip, r0, #131072 @ 0x20000", .subImmediateT3),
        S([0xF5AD, 0x7D80], 0x50, "sub.w sp, sp, #256 @ 0x100", .subImmediateT3),
        S([0xF1BD, 0x0104], 0x54, "subs.w r1, sp, #4", .subImmediateT3),
        S([0xF5B2, 0x2F00], 0x58, "cmp.w r2, #524288 @ 0x80000", .cmpImmediateT2),
        S([0xF5BD, 0x7F80], 0x5C, "cmp.w sp, #256 @ 0x100", .cmpImmediateT2),
        S([0xF1C4, 0x0300], 0x60, "rsb r3, r4, #0", .rsbImmediateT2),
        S([0xF1D6, 0x0501], 0x64, "rsbs r5, r6, #1", .rsbImmediateT2),
        S([0xF601, 0x70FF], 0x68, "addw r0, r1, #4095 @ 0xfff", .addImmediateT3),
        S([0xF20D, 0x027B], 0x6C, "addw r2, sp, #123 @ 0x7b", .addImmediateT3),
        S([0xF2A4, 0x0301], 0x70, "subw r3, r4, #1", .subImmediateT3),
        S([0xF2AD, 0x4D00], 0x74, "subw sp, sp, #1024 @ 0x400", .subImmediateT3),
        S([0xF2AF, 0x057C], 0x78, "subw r5, pc, #124 @ 0x7c", .adrT2),
        S([0xF20F, 0x1630], 0x7C, "addw r6, pc, #304 @ 0x130", .adrT2),
        S([0xF64A, 0x37CD], 0x80, "movw r7, #43981 @ 0xabcd", .movImmediateT3),
        S([0xF2C1, 0x2834], 0x84, "movt r8, #4660 @ 0x1234", .movtT1),
        S([0xF30A, 0x0907], 0x88, "ssat r9, #8, sl", .ssatT1),
        S([0xF30A, 0x79DF], 0x8C, "ssat r9, #32, sl, lsl #31", .ssatT1),
        S([0xF322, 0x410F], 0x90, "ssat r1, #16, r2, asr #16", .ssatT1),
        S([0xF322, 0x210F], 0x94, "ssat r1, #16, r2, asr #8", .ssatT1),
        S([0xF322, 0x1100], 0x98, "ssat r1, #1, r2, asr #4", .ssatT1),
        S([0xF322, 0x018F], 0x9C, "ssat r1, #16, r2, asr #2", .ssatT1),
        S([0xF322, 0x014F], 0xA0, "ssat r1, #16, r2, asr #1", .ssatT1),
        S([0xF384, 0x0307], 0xA4, "usat r3, #7, r4", .usatT1),
        S([0xF3A6, 0x75DF], 0xA8, "usat r5, #31, r6, asr #31", .usatT1),
        S([0xF3A6, 0x251F], 0xAC, "usat r5, #31, r6, asr #8", .usatT1),
        S([0xF3A6, 0x155F], 0xB0, "usat r5, #31, r6, asr #5", .usatT1),
        S([0xF3A6, 0x05DF], 0xB4, "usat r5, #31, r6, asr #3", .usatT1),
        S([0xF3A6, 0x055F], 0xB8, "usat r5, #31, r6, asr #1", .usatT1),
        S([0xF386, 0x1500], 0xBC, "usat r5, #0, r6, lsl #4", .usatT1),
        S([0xF348, 0x07C4], 0xC0, "sbfx r7, r8, #3, #5", .sbfxT1),
        S([0xF3CA, 0x091F], 0xC4, "ubfx r9, sl, #0, #32", .ubfxT1),
        S([0xF36C, 0x2B0B], 0xC8, "bfi fp, ip, #8, #4", .bfiT1),
        S([0xF36F, 0x70DF], 0xCC, "bfc r0, #31, #1", .bfcT1),
        S([0xEA01, 0x0002], 0xD0, "and.w r0, r1, r2", .andRegisterT2),
        S([0xEA11, 0x00C2], 0xD4, "ands.w r0, r1, r2, lsl #3", .andRegisterT2),
        S([0xEA13, 0x0F14], 0xD8, "tst.w r3, r4, lsr #32", .tstRegisterT2),
        S([0xEA26, 0x0567], 0xDC, "bic.w r5, r6, r7, asr #1", .bicRegisterT2),
        S([0xEA49, 0x18FA], 0xE0, "orr.w r8, r9, sl, ror #7", .orrRegisterT2),
        S([0xEA6C, 0x0B30], 0xE4, "orn fp, ip, r0, rrx", .ornRegisterT1),
        S([0xEA6F, 0x0142], 0xE8, "mvn.w r1, r2, lsl #1", .mvnRegisterT2),
        S([0xEA7F, 0x0304], 0xEC, "mvns.w r3, r4", .mvnRegisterT2),
        S([0xEA86, 0x0507], 0xF0, "eor.w r5, r6, r7", .eorRegisterT2),
        S([0xEA98, 0x0F29], 0xF4, "teq r8, r9, asr #32", .teqRegisterT1),
        S([0xEB0B, 0x0A8C], 0xF8, "add.w sl, fp, ip, lsl #2", .addRegisterT3),
        S([0xEB11, 0x0002], 0xFC, "adds.w r0, r1, r2", .addRegisterT3),
        S([0xEB0D, 0x0D03], 0x100, "add.w sp, sp, r3", .addRegisterT3),
        S([0xEB0D, 0x04C5], 0x104, "add.w r4, sp, r5, lsl #3", .addRegisterT3),
        S([0xEB16, 0x4F37], 0x108, "cmn.w r6, r7, ror #16", .cmnRegisterT2),
        S([0xEB49, 0x080A], 0x10C, "adc.w r8, r9, sl", .adcRegisterT2),
        S([0xEB7C, 0x0B50], 0x110, "sbcs.w fp, ip, r0, lsr #1", .sbcRegisterT2),
        S([0xEBA2, 0x0103], 0x114, "sub.w r1, r2, r3", .subRegisterT2),
        S([0xEBAD, 0x0D84], 0x118, "sub.w sp, sp, r4, lsl #2", .subRegisterT2),
        S([0xEBB5, 0x0F46], 0x11C, "cmp.w r5, r6, lsl #1", .cmpRegisterT3),
        S([0xEBBD, 0x0F07], 0x120, "cmp.w sp, r7", .cmpRegisterT3),
        S([0xEBC9, 0x080A], 0x124, "rsb r8, r9, sl", .rsbRegisterT1),
        S([0xEA4F, 0x0001], 0x128, "mov.w r0, r1", .movRegisterT3),
        S([0xEA5F, 0x0203], 0x12C, "movs.w r2, r3", .movRegisterT3),
        S([0xEA4F, 0x0D04], 0x130, "mov.w sp, r4", .movRegisterT3),
        S([0xEA4F, 0x050D], 0x134, "mov.w r5, sp", .movRegisterT3),
        S([0xEA4F, 0x0647], 0x138, "mov.w r6, r7, lsl #1", .movRegisterT3),
        S([0xEA5F, 0x0819], 0x13C, "movs.w r8, r9, lsr #32", .movRegisterT3),
        S([0xEA4F, 0x0A2B], 0x140, "mov.w sl, fp, asr #32", .movRegisterT3),
        S([0xEA4F, 0x7CF0], 0x144, "mov.w ip, r0, ror #31", .movRegisterT3),
        S([0xEA4F, 0x0132], 0x148, "mov.w r1, r2, rrx", .movRegisterT3),
        S([0xEA5F, 0x0334], 0x14C, "movs.w r3, r4, rrx", .movRegisterT3),
        S([0xFA01, 0xF002], 0x150, "lsl.w r0, r1, r2", .lslRegisterT2),
        S([0xFA14, 0xF305], 0x154, "lsls.w r3, r4, r5", .lslRegisterT2),
        S([0xFA27, 0xF608], 0x158, "lsr.w r6, r7, r8", .lsrRegisterT2),
        S([0xFA5A, 0xF90B], 0x15C, "asrs.w r9, sl, fp", .asrRegisterT2),
        S([0xFA60, 0xFC01], 0x160, "ror.w ip, r0, r1", .rorRegisterT2),
        S([0xFA4F, 0xF081], 0x164, "sxtb.w r0, r1", .sxtbT2),
        S([0xFA4F, 0xF293], 0x168, "sxtb.w r2, r3, ror #8", .sxtbT2),
        S([0xFA0F, 0xF4A5], 0x16C, "sxth.w r4, r5, ror #16", .sxthT2),
        S([0xFA5F, 0xF6B7], 0x170, "uxtb.w r6, r7, ror #24", .uxtbT2),
        S([0xFA1F, 0xF889], 0x174, "uxth.w r8, r9", .uxthT2),
        S([0xFAB1, 0xF081], 0x178, "clz r0, r1", .clzT1),
        S([0xFA93, 0xF2A3], 0x17C, "rbit r2, r3", .rbitT1),
        S([0xFA95, 0xF485], 0x180, "rev.w r4, r5", .revT2),
        S([0xFA97, 0xF697], 0x184, "rev16.w r6, r7", .rev16T2),
        S([0xFA99, 0xF8B9], 0x188, "revsh.w r8, r9", .revshT2),
        S([0xFB01, 0xF002], 0x18C, "mul.w r0, r1, r2", .mulT2),
        S([0xFB04, 0x6305], 0x190, "mla r3, r4, r5, r6", .mlaT1),
        S([0xFB08, 0xA719], 0x194, "mls r7, r8, r9, sl", .mlsT1),
        S([0xFB82, 0x0103], 0x198, "smull r0, r1, r2, r3", .smullT1),
        S([0xFBA6, 0x4507], 0x19C, "umull r4, r5, r6, r7", .umullT1),
        S([0xFBCA, 0x890B], 0x1A0, "smlal r8, r9, sl, fp", .smlalT1),
        S([0xFBE1, 0xC002], 0x1A4, "umlal ip, r0, r1, r2", .umlalT1),
        S([0xFB94, 0xF3F5], 0x1A8, "sdiv r3, r4, r5", .sdivT1),
        S([0xFBB7, 0xF6F8], 0x1AC, "udiv r6, r7, r8", .udivT1),
    ]

    /// ARMv7-M without the DSP extension: the DSP rows of this space decode as undefined.
    static let v7M = ThumbDecoder(instructionSet: [.v6M, .v7M])
    /// The Cortex-M4F set.
    static let v7EM = ThumbDecoder(instructionSet: [.v6M, .v7M, .v7EMDSP, .fpv4SP])

    static func decode(_ sample: Sample, _ decoder: ThumbDecoder = v7M) -> Instruction {
        decoder.decode(first: sample.halfwords[0], second: sample.halfwords[1], address: sample.address)
    }

    static func raw(_ sample: Sample) -> UInt32 { UInt32(sample.halfwords[0]) << 16 | UInt32(sample.halfwords[1]) }

    // MARK: - Samples

    @Test("Each sample decodes to its op and prints objdump's text", arguments: samples)
    func sampleDecodesLikeObjdump(_ sample: Sample) {
        for decoder in [Self.v7M, Self.v7EM] {
            let instruction = Self.decode(sample, decoder)
            #expect(instruction.op == sample.op)
            #expect(instruction.byteCount == 4)
            #expect(instruction.condition == .al)
            let text = Disassembler.text(instruction)
            if sample.op == .adrT2 {
                // objdump prints ADR.W as ADDW/SUBW Rd, pc, #imm; armsim prints the resolved
                // address, Align(PC, 4) ± imm12, like the 16-bit ADR.
                let words = sample.objdump.split(separator: " ")
                let imm12 = UInt32(words[3].dropFirst().split(separator: " ")[0])!
                let base = (sample.address + 4) & ~3
                let target = words[0] == "subw" ? base - imm12 : base + imm12
                #expect(instruction.imm == target)
                #expect(text == "adr \(words[1]) 0x\(String(target, radix: 16))")
            } else {
                #expect(EncodingTableTests.normalize(text) == EncodingTableTests.normalize(sample.objdump), "armsim: \(text)")
            }
        }
    }

    @Test("Every data-processing row has at least one sample")
    func everyRowHasASample() {
        let rows = Encodings32.thumb2DataProcessingRows
        var covered = Set<Int>()
        for sample in Self.samples {
            let raw = Self.raw(sample)
            if let index = rows.firstIndex(where: { $0.matches(raw) }) { covered.insert(index) }
        }
        let missing = rows.indices.filter { !covered.contains($0) }.map { EncodingTableTests.label(rows[$0]) }
        #expect(missing.isEmpty)
    }

    @Test("All rows are ARMv7-M base rows with 32-bit patterns")
    func rowsAreV7M() {
        for row in Encodings32.thumb2DataProcessingRows {
            #expect(row.level == .v7M, "\(EncodingTableTests.label(row))")
            #expect(row.bitCount == 32, "\(EncodingTableTests.label(row))")
        }
    }

    // MARK: - Overlaps

    /// Overlapping pairs whose earlier row is not strictly more specific: the compare forms
    /// (Rd = 1111, S = 1) and the SP forms (Rn = 1101) of ADD/SUB fix different bits. An
    /// encoding in both is the compare ("SEE CMN"/"SEE CMP" in A7.7.5, A7.7.6, A7.7.176, A7.7.177).
    static let declaredOverlaps: Set<String> = [
        "CMN (immediate) T1 > ADD (SP plus immediate) T3",
        "CMP (immediate) T2 > SUB (SP minus immediate) T2",
        "CMN (register) T2 > ADD (SP plus register) T3",
        "CMP (register) T3 > SUB (SP minus register) T1",
    ]

    @Test("Overlapping data-processing rows are ordered most specific first, or declared")
    func overlapsAreOrdered() {
        let rows = Encodings32.thumb2DataProcessingRows
        var declared = Set<String>()
        for (i, j) in EncodingTableTests.overlappingPairs(rows) {
            let name = "\(rows[i].name) \(rows[i].form) > \(rows[j].name) \(rows[j].form)"
            if Self.declaredOverlaps.contains(name) {
                declared.insert(name)
            } else {
                #expect(EncodingTableTests.resolves(rows[i], rows[j]), "\(EncodingTableTests.label(rows[i])) overlaps later \(EncodingTableTests.label(rows[j]))")
            }
        }
        #expect(declared == Self.declaredOverlaps)
    }

    @Test("Rows of other classes never shadow a data-processing row, and later rows are less specific")
    func otherTablesDoNotShadow() {
        let all = Encodings32.rows
        let mine = Set(Encodings32.thumb2DataProcessingRows.map { $0.pattern + $0.name })
        for (i, j) in EncodingTableTests.overlappingPairs(all) {
            let earlierIsMine = mine.contains(all[i].pattern + all[i].name)
            let laterIsMine = mine.contains(all[j].pattern + all[j].name)
            guard earlierIsMine != laterIsMine else { continue }
            #expect(EncodingTableTests.resolves(all[i], all[j]), "\(EncodingTableTests.label(all[i])) overlaps later \(EncodingTableTests.label(all[j]))")
        }
    }

    // MARK: - The whole space against the manual's tables

    /// What DDI 0403 allocates in this class's part of the 32-bit space on ARMv7-M without
    /// the DSP extension, with armsim's UNPREDICTABLE choice (undefined); nil outside the class.
    /// Written from Tables A5-11 (A5.3.1), A5-12 (A5.3.3), A5-21 (A5.3.11), A5-22 (A5.3.12),
    /// A5-25 (A5.3.15), A5-26 (A5.3.16), A5-27 (A5.3.17) and each instruction's decode text.
    static func reference(_ raw: UInt32) -> Op? {
        let hw1 = raw >> 16, hw2 = raw & 0xFFFF
        let rn = hw1 & 0xF, rd = (hw2 >> 8) & 0xF, rm = hw2 & 0xF, s = (hw1 >> 4) & 1 == 1
        func bad(_ r: UInt32) -> Bool { r == 13 || r == 15 }
        func pick(_ op: Op, unpredictable: Bool) -> Op { unpredictable ? .undefined : op }
        if hw1 >> 11 == 0b11110 && hw2 >> 15 == 0 && (hw1 >> 9) & 1 == 0 {
            // A5.3.1 data processing (modified immediate).
            let imm12 = ((hw1 >> 10) & 1) << 11 | ((hw2 >> 12) & 7) << 8 | hw2 & 0xFF
            if imm12 >> 10 == 0 && (imm12 >> 8) & 3 != 0 && imm12 & 0xFF == 0 { return .undefined }
            switch (hw1 >> 5) & 0xF {
            case 0b0000:
                if rd == 15 && s { return pick(.tstImmediateT1, unpredictable: bad(rn)) }
                return pick(.andImmediateT1, unpredictable: rd == 13 || rd == 15 || bad(rn))
            case 0b0001: return pick(.bicImmediateT1, unpredictable: bad(rd) || bad(rn))
            case 0b0010:
                if rn == 15 { return pick(.movImmediateT2, unpredictable: bad(rd)) }
                return pick(.orrImmediateT1, unpredictable: bad(rd) || rn == 13)
            case 0b0011:
                if rn == 15 { return pick(.mvnImmediateT1, unpredictable: bad(rd)) }
                return pick(.ornImmediateT1, unpredictable: bad(rd) || rn == 13)
            case 0b0100:
                if rd == 15 && s { return pick(.teqImmediateT1, unpredictable: bad(rn)) }
                return pick(.eorImmediateT1, unpredictable: rd == 13 || rd == 15 || bad(rn))
            case 0b1000:
                if rd == 15 && s { return pick(.cmnImmediateT1, unpredictable: rn == 15) }
                if rn == 13 { return pick(.addImmediateT3, unpredictable: rd == 15) }
                return pick(.addImmediateT3, unpredictable: rd == 13 || rd == 15 || rn == 15)
            case 0b1010: return pick(.adcImmediateT1, unpredictable: bad(rd) || bad(rn))
            case 0b1011: return pick(.sbcImmediateT1, unpredictable: bad(rd) || bad(rn))
            case 0b1101:
                if rd == 15 && s { return pick(.cmpImmediateT2, unpredictable: rn == 15) }
                if rn == 13 { return pick(.subImmediateT3, unpredictable: rd == 15) }
                return pick(.subImmediateT3, unpredictable: rd == 13 || rd == 15 || rn == 15)
            case 0b1110: return pick(.rsbImmediateT2, unpredictable: bad(rd) || bad(rn))
            default: return .undefined
            }
        }
        if hw1 >> 11 == 0b11110 && hw2 >> 15 == 0 {
            // A5.3.3 data processing (plain binary immediate).
            let shift = ((hw2 >> 12) & 7) << 2 | (hw2 >> 6) & 3
            let low5 = hw2 & 0x1F
            switch (hw1 >> 4) & 0x1F {
            case 0b00000:
                if rn == 15 { return pick(.adrT2, unpredictable: bad(rd)) }
                return pick(.addImmediateT3, unpredictable: rn == 13 ? rd == 15 : bad(rd))
            case 0b01010:
                if rn == 15 { return pick(.adrT2, unpredictable: bad(rd)) }
                return pick(.subImmediateT3, unpredictable: rn == 13 ? rd == 15 : bad(rd))
            case 0b00100: return pick(.movImmediateT3, unpredictable: bad(rd))
            case 0b01100: return pick(.movtT1, unpredictable: bad(rd))
            case 0b10000: return pick(.ssatT1, unpredictable: bad(rd) || bad(rn))
            case 0b10010: return shift == 0 ? .undefined : pick(.ssatT1, unpredictable: bad(rd) || bad(rn))  // SSAT16 is DSP
            case 0b10100: return pick(.sbfxT1, unpredictable: bad(rd) || bad(rn) || shift + low5 > 31)
            case 0b10110:
                if rn == 15 { return pick(.bfcT1, unpredictable: bad(rd) || low5 < shift) }
                return pick(.bfiT1, unpredictable: bad(rd) || rn == 13 || low5 < shift)
            case 0b11000: return pick(.usatT1, unpredictable: bad(rd) || bad(rn))
            case 0b11010: return shift == 0 ? .undefined : pick(.usatT1, unpredictable: bad(rd) || bad(rn))  // USAT16 is DSP
            case 0b11100: return pick(.ubfxT1, unpredictable: bad(rd) || bad(rn) || shift + low5 > 31)
            default: return .undefined
            }
        }
        if hw1 >> 9 == 0b1110101 {
            // A5.3.11 data processing (shifted register).
            let type = (hw2 >> 4) & 3
            let amount = ((hw2 >> 12) & 7) << 2 | (hw2 >> 6) & 3
            switch (hw1 >> 5) & 0xF {
            case 0b0000:
                if rd == 15 && s { return pick(.tstRegisterT2, unpredictable: bad(rn) || bad(rm)) }
                return pick(.andRegisterT2, unpredictable: rd == 13 || rd == 15 || bad(rn) || bad(rm))
            case 0b0001: return pick(.bicRegisterT2, unpredictable: bad(rd) || bad(rn) || bad(rm))
            case 0b0010:
                if rn == 15 {
                    if type == 0 && amount == 0 {
                        let unpredictable = s ? bad(rd) || bad(rm) : rd == 15 || rm == 15 || (rd == 13 && rm == 13)
                        return pick(.movRegisterT3, unpredictable: unpredictable)
                    }
                    return pick(.movRegisterT3, unpredictable: bad(rd) || bad(rm))
                }
                return pick(.orrRegisterT2, unpredictable: bad(rd) || rn == 13 || bad(rm))
            case 0b0011:
                if rn == 15 { return pick(.mvnRegisterT2, unpredictable: bad(rd) || bad(rm)) }
                return pick(.ornRegisterT1, unpredictable: bad(rd) || rn == 13 || bad(rm))
            case 0b0100:
                if rd == 15 && s { return pick(.teqRegisterT1, unpredictable: bad(rn) || bad(rm)) }
                return pick(.eorRegisterT2, unpredictable: rd == 13 || rd == 15 || bad(rn) || bad(rm))
            case 0b1000:
                if rd == 15 && s { return pick(.cmnRegisterT2, unpredictable: rn == 15 || bad(rm)) }
                if rn == 13 {
                    return pick(.addRegisterT3, unpredictable: rd == 15 || bad(rm) || (rd == 13 && (type != 0 || amount > 3)))
                }
                return pick(.addRegisterT3, unpredictable: rd == 13 || rd == 15 || rn == 15 || bad(rm))
            case 0b1010: return pick(.adcRegisterT2, unpredictable: bad(rd) || bad(rn) || bad(rm))
            case 0b1011: return pick(.sbcRegisterT2, unpredictable: bad(rd) || bad(rn) || bad(rm))
            case 0b1101:
                if rd == 15 && s { return pick(.cmpRegisterT3, unpredictable: rn == 15 || bad(rm)) }
                if rn == 13 {
                    return pick(.subRegisterT2, unpredictable: rd == 15 || bad(rm) || (rd == 13 && (type != 0 || amount > 3)))
                }
                return pick(.subRegisterT2, unpredictable: rd == 13 || rd == 15 || rn == 15 || bad(rm))
            case 0b1110: return pick(.rsbRegisterT1, unpredictable: bad(rd) || bad(rn) || bad(rm))
            default: return .undefined  // includes PKHBT/PKHTB (0110, DSP)
            }
        }
        if hw1 >> 8 == 0b11111010 {
            // A5.3.12 data processing (register); A5.3.15 miscellaneous operations.
            guard hw2 >> 12 == 0b1111 else { return .undefined }
            let op1 = (hw1 >> 4) & 0xF, op2 = (hw2 >> 4) & 0xF
            if op1 >> 3 == 0 && op2 == 0 {
                let ops: [Op] = [.lslRegisterT2, .lsrRegisterT2, .asrRegisterT2, .rorRegisterT2]
                return pick(ops[Int(op1 >> 1)], unpredictable: bad(rd) || bad(rn) || bad(rm))
            }
            if op1 >> 3 == 0 && op2 >> 3 == 1 {
                let extends: [UInt32: Op] = [0b0000: .sxthT2, 0b0001: .uxthT2, 0b0100: .sxtbT2, 0b0101: .uxtbT2]
                guard rn == 15, let op = extends[op1] else { return .undefined }  // the rest is DSP or unallocated
                return pick(op, unpredictable: bad(rd) || bad(rm))
            }
            if op1 >> 2 == 0b10 && op2 >> 2 == 0b10 {
                let misc: [UInt32: Op] = [0b0100: .revT2, 0b0101: .rev16T2, 0b0110: .rbitT1, 0b0111: .revshT2, 0b1100: .clzT1]
                guard let op = misc[((op1 & 3) << 2) | (op2 & 3)] else { return .undefined }  // QADD…, SEL are DSP
                return pick(op, unpredictable: bad(rd) || bad(rm) || rn != rm)
            }
            return .undefined
        }
        if hw1 >> 7 == 0b111110110 {
            // A5.3.16 multiply, multiply accumulate, and absolute difference.
            guard (hw2 >> 6) & 3 == 0, (hw1 >> 4) & 7 == 0 else { return .undefined }
            let ra = hw2 >> 12
            switch (hw2 >> 4) & 3 {
            case 0b00:
                if ra == 15 { return pick(.mulT2, unpredictable: bad(rd) || bad(rn) || bad(rm)) }
                return pick(.mlaT1, unpredictable: bad(rd) || bad(rn) || bad(rm) || ra == 13)
            case 0b01: return pick(.mlsT1, unpredictable: bad(rd) || bad(rn) || bad(rm) || bad(ra))
            default: return .undefined
            }
        }
        if hw1 >> 7 == 0b111110111 {
            // A5.3.17 long multiply, long multiply accumulate, and divide.
            let op1 = (hw1 >> 4) & 7, op2 = (hw2 >> 4) & 0xF
            let rdLo = hw2 >> 12, rdHi = rd
            let long: [UInt32: Op] = [0b000: .smullT1, 0b010: .umullT1, 0b100: .smlalT1, 0b110: .umlalT1]
            if op2 == 0, let op = long[op1] {
                return pick(op, unpredictable: bad(rdLo) || bad(rdHi) || bad(rn) || bad(rm) || rdLo == rdHi)
            }
            if op2 == 0b1111 && op1 == 0b001 { return pick(.sdivT1, unpredictable: bad(rd) || bad(rn) || bad(rm)) }
            if op2 == 0b1111 && op1 == 0b011 { return pick(.udivT1, unpredictable: bad(rd) || bad(rn) || bad(rm)) }
            return .undefined
        }
        return nil
    }

    /// The five prefixes of the class: (mask, value) over the 32-bit encoding.
    static let spaces: [(mask: UInt32, value: UInt32)] = [
        (0xF800_8000, 0xF000_0000),  // 11110 x x…  | 0…: modified and plain binary immediates
        (0xFE00_0000, 0xEA00_0000),  // 1110101: shifted register
        (0xFF00_F000, 0xFA00_F000),  // 11111010 | 1111: register
        (0xFF00_0000, 0xFA00_0000),  // 11111010 with any hw2[15:12]
        (0xFF00_0000, 0xFB00_0000),  // 1111101 1x: multiplies and divides
    ]

    @Test("A large random sample of the class's space decodes as the manual's tables allocate it")
    func randomEncodingsMatchTheManual() {
        var generator = EncodingTableTests.SplitMix64(state: 0xA5_03_01)
        var hits: [Op: Int] = [:]
        for index in 0..<200_000 {
            let space = Self.spaces[index % Self.spaces.count]
            var raw = UInt32.random(in: 0...UInt32.max, using: &generator) & ~space.mask | space.value
            // Bias register fields to SP/PC, where the UNPREDICTABLE rules and the Rn = 1111 forms live.
            if index & 2 == 0 { raw |= 0x000D_0000 }
            if index & 8 == 0 { raw |= 0x000F_0000 }
            if index & 16 == 0 { raw = raw & ~0xF | (raw >> 16) & 0xF }  // Rm = Rn, as CLZ/REV… require
            if index & 4 == 0 { raw |= 0x0000_0F00 }
            guard let expected = Self.reference(raw) else { continue }
            let instruction = Self.v7M.decode(first: UInt16(raw >> 16), second: UInt16(raw & 0xFFFF), address: 0x100)
            #expect(instruction.op == expected, "0x\(String(raw, radix: 16)): \(Disassembler.text(instruction))")
            hits[expected, default: 0] += 1
            if expected != .undefined {
                // The DSP rows never take an encoding of this class.
                let wide = Self.v7EM.decode(first: UInt16(raw >> 16), second: UInt16(raw & 0xFFFF), address: 0x100)
                #expect(wide.op == expected, "0x\(String(raw, radix: 16)) on ARMv7E-M")
            }
        }
        let ops = Set(Self.samples.map(\.op))
        for op in ops { #expect(hits[op, default: 0] > 0, "no \(op) in the sample") }
    }

    // MARK: - UNPREDICTABLE choices

    /// One encoding per documented UNPREDICTABLE choice (the comment on
    /// `thumb2DataProcessingRows`): each decodes as undefined.
    @Test(
        "UNPREDICTABLE encodings decode as undefined",
        arguments: [
            (UInt32(0xF001_0DFF), "and.w sp, r1, #255: Rd = SP"),
            (0xF00D_00FF, "and.w r0, sp, #255: Rn = SP"),
            (0xF001_0FFF, "and.w pc, r1, #255 without S: Rd = PC"),
            (0xF04F_1F01, "mov.w pc, #0x00010001: Rd = PC"),
            (0xF100_1100, "add.w r1, r0, #imm with imm8 = 0 in a replicated pattern (A5.3.2)"),
            (0xF10F_0101, "add.w r1, pc, #1: Rn = PC"),
            (0xF50D_6F80, "add.w pc, sp, #1024 without S: Rd = PC"),
            (0xF5A0_7D80, "sub.w sp, r0, #256: Rd = SP with Rn not SP"),
            (0xEA01_0D02, "and.w sp, r1, r2"),
            (0xEA01_000F, "and.w r0, r1, pc: Rm = PC"),
            (0xEA4F_0D0D, "mov.w sp, sp"),
            (0xEA5F_0D01, "movs.w sp, r1: Rd = SP with S"),
            (0xEB0D_1D03, "add.w sp, sp, r3, lsl #4: Rd = SP with a shift over 3"),
            (0xEBAD_0D53, "sub.w sp, sp, r3, lsr #1: Rd = SP with LSR"),
            (0xFA91_F082, "rev.w r0, r2 with Rn field r1: inconsistent Rm"),
            (0xFAB1_F08D, "clz r0 with Rm copies r1 and sp: inconsistent, and SP"),
            (0xFB82_0003, "smull r0, r0, r2, r3: RdHi = RdLo"),
            (0xFB90_FDF1, "sdiv sp, r0, r1"),
            (0xF36C_2B07, "bfi r11, r12, #8, msb 7: msb < lsb"),
            (0xF36F_2B07, "bfc r11, #8, msb 7: msb < lsb"),
            (0xF348_771F, "sbfx r7, r8, #28, #32: lsb + width > 32"),
            (0xF38D_0307, "usat r3, #7, sp"),
            (0xFB0D_F002, "mul r0, sp, r2"),
            (0xFB01_D002, "mla r0, r1, r2, sp"),
        ])
    func unpredictableIsUndefined(raw: UInt32, description: String) {
        let instruction = Self.v7M.decode(first: UInt16(raw >> 16), second: UInt16(raw & 0xFFFF), address: 0x100)
        #expect(instruction.op == .undefined, "\(description): \(Disassembler.text(instruction))")
    }

    // MARK: - IT blocks and ThumbExpandImm

    @Test("Inside an IT block a 32-bit flag-setting form keeps its S bit and takes the block's condition")
    func thirtyTwoBitFormsKeepSInsideIT() {
        // adds.w r0, r0, #1 (F110 0001) and, for contrast, the 16-bit adds r0, #1 (3001).
        let wide = Self.v7M.decode(first: 0xF110, second: 0x0001, address: 0x102, itCondition: .eq)
        #expect(wide.op == .addImmediateT3 && wide.setsFlags && wide.condition == .eq)
        let narrow = Self.v7M.decode(first: 0x3001, second: 0, address: 0x102, itCondition: .eq)
        #expect(narrow.op == .addsImmediate && !narrow.setsFlags && narrow.condition == .eq)
    }

    /// ThumbExpandImm_C from the pseudocode (A5.3.2), with a bit-by-bit ROR_C.
    static func referenceExpand(_ imm12: UInt32) -> (value: UInt32, rotated: Bool)? {
        let imm8 = imm12 & 0xFF
        if (imm12 >> 10) & 3 == 0 {
            let patterns: [UInt32] = [imm8, imm8 << 16 | imm8, imm8 << 24 | imm8 << 8, imm8 << 24 | imm8 << 16 | imm8 << 8 | imm8]
            let pattern = Int((imm12 >> 8) & 3)
            return pattern != 0 && imm8 == 0 ? nil : (patterns[pattern], false)
        }
        var value = 0x80 | imm12 & 0x7F
        for _ in 0..<Int(imm12 >> 7) { value = value >> 1 | (value & 1) << 31 }
        return (value, true)
    }

    @Test("ThumbExpandImm of all 4,096 imm12 values matches the pseudocode, with its carry rule")
    func thumbExpandImmediateMatchesPseudocode() {
        for imm12 in UInt32(0)..<4096 {
            let expected = Self.referenceExpand(imm12)
            let actual = Encodings32.thumbExpandImmediate(imm12)
            #expect(actual?.value == expected?.value && actual?.carryFromBit31 == expected?.rotated, "imm12 0x\(String(imm12, radix: 16))")
            // And through the decoder: ANDS r0, r1, #const carries the value and the carry rule.
            let raw = 0xF011_0000 | (imm12 >> 11) << 26 | ((imm12 >> 8) & 7) << 12 | imm12 & 0xFF
            let instruction = Self.v7M.decode(first: UInt16(raw >> 16), second: UInt16(raw & 0xFFFF), address: 0)
            if let expected {
                #expect(instruction.op == .andImmediateT1 && instruction.imm == expected.value)
                #expect((instruction.options & 1 != 0) == expected.rotated)
            } else {
                #expect(instruction.op == .undefined)
            }
        }
    }
}
