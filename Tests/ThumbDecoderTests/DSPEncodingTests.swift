import Testing
@testable import ThumbDecoder

/// The DSP extension rows of the 32-bit table (DDI 0403E A5.3.12-A5.3.17, plus SSAT16
/// and USAT16 of A5.3.3 and PKHBT/PKHTB of A5.3.11): they are disjoint from every
/// other row, each has a sample that `arm-none-eabi-objdump` agrees with, the rest of
/// their encoding space is UNDEFINED, and a core without the DSP extension refuses them.
///
/// Reference encodings and texts: GNU binutils 2.40, `arm-none-eabi-as -mcpu=cortex-m4
/// -mthumb`, then `arm-none-eabi-objdump -d`. They are pinned on purpose: when armsim
/// disagrees, fix armsim or explain the difference next to the sample. The only
/// difference is register naming: objdump writes r10, r11, r12 as sl, fp, ip, armsim
/// keeps the numbers (`armsim:` gives armsim's text where it differs).
@Suite("DSP encodings")
struct DSPEncodingTests {
    static let decoder = ThumbDecoder(instructionSet: [.v6M, .v7M, .v7EMDSP])

    static func decode(_ raw: UInt32, address: UInt32 = 0x100) -> Instruction {
        decoder.decode(first: UInt16(raw >> 16), second: UInt16(raw & 0xFFFF), address: address)
    }

    static func label(_ row: EncodingRow) -> String { "\(row.name) \(row.form) [\(row.pattern)]" }

    /// The DSP ops, to recognise an encoding that decodes into this class.
    static let dspOps: Set<Op> = Set(samples.map(\.op))

    static func isDSP(_ op: Op) -> Bool { dspOps.contains(op) }

    // MARK: - Disjointness

    /// The DSP rows come after the Thumb-2 rows in match order; a DSP row that overlaps
    /// any other row would be shadowed (or shadow it). No pair may overlap, including
    /// two DSP rows, so the order of the table does not matter for them.
    @Test("Every DSP row is disjoint from every other 32-bit row")
    func dspRowsAreDisjointFromAllOthers() {
        let rows = Encodings32.rows
        let dspIndices = rows.indices.filter { rows[$0].level == .v7EMDSP }
        #expect(dspIndices.count == Encodings32.dspRows.count)
        for i in dspIndices {
            for j in rows.indices where j != i {
                let overlaps = (rows[i].value ^ rows[j].value) & rows[i].mask & rows[j].mask == 0
                #expect(!overlaps, "\(Self.label(rows[i])) overlaps \(Self.label(rows[j]))")
            }
        }
    }

    @Test("Every DSP row is a 32-bit pattern at level v7EMDSP")
    func dspRowsAreThirtyTwoBitDSPRows() {
        for row in Encodings32.dspRows {
            #expect(row.bitCount == 32, "\(Self.label(row))")
            #expect(row.level == .v7EMDSP, "\(Self.label(row))")
        }
    }

    // MARK: - One objdump-checked sample per row

    /// One reference encoding: its raw bits (first halfword high), what objdump
    /// printed, the op and fields armsim must decode, and armsim's text.
    struct Sample: CustomTestStringConvertible, Sendable {
        var raw: UInt32
        var objdump: String
        var op: Op
        var d: UInt8?
        var n: UInt8?
        var m: UInt8?
        var a: UInt8?
        var options: UInt8?
        var imm: UInt32?
        var armsim: String

        init(
            _ raw: UInt32, _ objdump: String, _ op: Op, d: UInt8? = nil, n: UInt8? = nil, m: UInt8? = nil,
            a: UInt8? = nil, options: UInt8? = nil, imm: UInt32? = nil, armsim: String? = nil
        ) {
            self.raw = raw
            self.objdump = objdump
            self.op = op
            self.d = d
            self.n = n
            self.m = m
            self.a = a
            self.options = options
            self.imm = imm
            self.armsim = armsim ?? objdump
        }

        var testDescription: String { objdump }
    }

    /// Rows written with `notAll1s` (Rn or Ra any value but 1111) have one sample per
    /// pattern: the register is one of r0-r9, r8-r11, r12 and lr.
    // swift-format-ignore
    static let samples: [Sample] = [
        Sample(0xFA91_F002, "sadd16 r0, r1, r2", .sadd16, d: 0, n: 1, m: 2),
        Sample(0xFAA4_F305, "sasx r3, r4, r5", .sasx, d: 3, n: 4, m: 5),
        Sample(0xFAE7_F608, "ssax r6, r7, r8", .ssax, d: 6, n: 7, m: 8),
        Sample(0xFAD0_F901, "ssub16 r9, r0, r1", .ssub16, d: 9, n: 0, m: 1),
        Sample(0xFA83_F204, "sadd8 r2, r3, r4", .sadd8, d: 2, n: 3, m: 4),
        Sample(0xFAC6_F507, "ssub8 r5, r6, r7", .ssub8, d: 5, n: 6, m: 7),
        Sample(0xFA99_F810, "qadd16 r8, r9, r0", .qadd16, d: 8, n: 9, m: 0),
        Sample(0xFAA2_F113, "qasx r1, r2, r3", .qasx, d: 1, n: 2, m: 3),
        Sample(0xFAE5_F416, "qsax r4, r5, r6", .qsax, d: 4, n: 5, m: 6),
        Sample(0xFAD8_F719, "qsub16 r7, r8, r9", .qsub16, d: 7, n: 8, m: 9),
        Sample(0xFA82_F014, "qadd8 r0, r2, r4", .qadd8, d: 0, n: 2, m: 4),
        Sample(0xFAC3_F115, "qsub8 r1, r3, r5", .qsub8, d: 1, n: 3, m: 5),
        Sample(0xFA94_F226, "shadd16 r2, r4, r6", .shadd16, d: 2, n: 4, m: 6),
        Sample(0xFAA5_F327, "shasx r3, r5, r7", .shasx, d: 3, n: 5, m: 7),
        Sample(0xFAE6_F428, "shsax r4, r6, r8", .shsax, d: 4, n: 6, m: 8),
        Sample(0xFAD7_F529, "shsub16 r5, r7, r9", .shsub16, d: 5, n: 7, m: 9),
        Sample(0xFA88_F620, "shadd8 r6, r8, r0", .shadd8, d: 6, n: 8, m: 0),
        Sample(0xFAC9_F721, "shsub8 r7, r9, r1", .shsub8, d: 7, n: 9, m: 1),
        Sample(0xFA90_F842, "uadd16 r8, r0, r2", .uadd16, d: 8, n: 0, m: 2),
        Sample(0xFAA1_F943, "uasx r9, r1, r3", .uasx, d: 9, n: 1, m: 3),
        Sample(0xFAE3_F046, "usax r0, r3, r6", .usax, d: 0, n: 3, m: 6),
        Sample(0xFAD4_F147, "usub16 r1, r4, r7", .usub16, d: 1, n: 4, m: 7),
        Sample(0xFA85_F248, "uadd8 r2, r5, r8", .uadd8, d: 2, n: 5, m: 8),
        Sample(0xFAC6_F349, "usub8 r3, r6, r9", .usub8, d: 3, n: 6, m: 9),
        Sample(0xFA97_F450, "uqadd16 r4, r7, r0", .uqadd16, d: 4, n: 7, m: 0),
        Sample(0xFAA8_F551, "uqasx r5, r8, r1", .uqasx, d: 5, n: 8, m: 1),
        Sample(0xFAE9_F652, "uqsax r6, r9, r2", .uqsax, d: 6, n: 9, m: 2),
        Sample(0xFAD0_F753, "uqsub16 r7, r0, r3", .uqsub16, d: 7, n: 0, m: 3),
        Sample(0xFA81_F854, "uqadd8 r8, r1, r4", .uqadd8, d: 8, n: 1, m: 4),
        Sample(0xFAC2_F955, "uqsub8 r9, r2, r5", .uqsub8, d: 9, n: 2, m: 5),
        Sample(0xFA94_F068, "uhadd16 r0, r4, r8", .uhadd16, d: 0, n: 4, m: 8),
        Sample(0xFAA5_F169, "uhasx r1, r5, r9", .uhasx, d: 1, n: 5, m: 9),
        Sample(0xFAE6_F260, "uhsax r2, r6, r0", .uhsax, d: 2, n: 6, m: 0),
        Sample(0xFAD7_F361, "uhsub16 r3, r7, r1", .uhsub16, d: 3, n: 7, m: 1),
        Sample(0xFA88_F462, "uhadd8 r4, r8, r2", .uhadd8, d: 4, n: 8, m: 2),
        Sample(0xFAC9_F563, "uhsub8 r5, r9, r3", .uhsub8, d: 5, n: 9, m: 3),
        Sample(0xFA82_F081, "qadd r0, r1, r2", .qadd, d: 0, n: 2, m: 1),
        Sample(0xFA85_F394, "qdadd r3, r4, r5", .qdadd, d: 3, n: 5, m: 4),
        Sample(0xFA88_F6A7, "qsub r6, r7, r8", .qsub, d: 6, n: 8, m: 7),
        Sample(0xFA8E_F9B0, "qdsub r9, r0, lr", .qdsub, d: 9, n: 14, m: 0),
        Sample(0xFAA2_F183, "sel r1, r2, r3", .sel, d: 1, n: 2, m: 3),
        Sample(0xFA01_F082, "sxtah r0, r1, r2", .sxtah, d: 0, n: 1, m: 2, imm: 0),
        Sample(0xFA09_F092, "sxtah r0, r9, r2, ror #8", .sxtah, d: 0, n: 9, m: 2, imm: 8),
        Sample(0xFA0C_F0A2, "sxtah r0, ip, r2, ror #16", .sxtah, d: 0, n: 12, m: 2, imm: 16, armsim: "sxtah r0, r12, r2, ror #16"),
        Sample(0xFA0E_F0B2, "sxtah r0, lr, r2, ror #24", .sxtah, d: 0, n: 14, m: 2, imm: 24),
        Sample(0xFA14_F385, "uxtah r3, r4, r5", .uxtah, d: 3, n: 4, m: 5, imm: 0),
        Sample(0xFA18_F395, "uxtah r3, r8, r5, ror #8", .uxtah, d: 3, n: 8, m: 5, imm: 8),
        Sample(0xFA1C_F3A5, "uxtah r3, ip, r5, ror #16", .uxtah, d: 3, n: 12, m: 5, imm: 16, armsim: "uxtah r3, r12, r5, ror #16"),
        Sample(0xFA1E_F3B5, "uxtah r3, lr, r5, ror #24", .uxtah, d: 3, n: 14, m: 5, imm: 24),
        Sample(0xFA22_F183, "sxtab16 r1, r2, r3", .sxtab16, d: 1, n: 2, m: 3, imm: 0),
        Sample(0xFA2A_F193, "sxtab16 r1, sl, r3, ror #8", .sxtab16, d: 1, n: 10, m: 3, imm: 8, armsim: "sxtab16 r1, r10, r3, ror #8"),
        Sample(0xFA2C_F1A3, "sxtab16 r1, ip, r3, ror #16", .sxtab16, d: 1, n: 12, m: 3, imm: 16, armsim: "sxtab16 r1, r12, r3, ror #16"),
        Sample(0xFA2E_F1B3, "sxtab16 r1, lr, r3, ror #24", .sxtab16, d: 1, n: 14, m: 3, imm: 24),
        Sample(0xFA35_F486, "uxtab16 r4, r5, r6", .uxtab16, d: 4, n: 5, m: 6, imm: 0),
        Sample(0xFA3B_F496, "uxtab16 r4, fp, r6, ror #8", .uxtab16, d: 4, n: 11, m: 6, imm: 8, armsim: "uxtab16 r4, r11, r6, ror #8"),
        Sample(0xFA3C_F4A6, "uxtab16 r4, ip, r6, ror #16", .uxtab16, d: 4, n: 12, m: 6, imm: 16, armsim: "uxtab16 r4, r12, r6, ror #16"),
        Sample(0xFA3E_F4B6, "uxtab16 r4, lr, r6, ror #24", .uxtab16, d: 4, n: 14, m: 6, imm: 24),
        Sample(0xFA46_F785, "sxtab r7, r6, r5", .sxtab, d: 7, n: 6, m: 5, imm: 0),
        Sample(0xFA49_F795, "sxtab r7, r9, r5, ror #8", .sxtab, d: 7, n: 9, m: 5, imm: 8),
        Sample(0xFA4C_F7A5, "sxtab r7, ip, r5, ror #16", .sxtab, d: 7, n: 12, m: 5, imm: 16, armsim: "sxtab r7, r12, r5, ror #16"),
        Sample(0xFA4E_F7B5, "sxtab r7, lr, r5, ror #24", .sxtab, d: 7, n: 14, m: 5, imm: 24),
        Sample(0xFA50_F281, "uxtab r2, r0, r1", .uxtab, d: 2, n: 0, m: 1, imm: 0),
        Sample(0xFA58_F291, "uxtab r2, r8, r1, ror #8", .uxtab, d: 2, n: 8, m: 1, imm: 8),
        Sample(0xFA5C_F2A1, "uxtab r2, ip, r1, ror #16", .uxtab, d: 2, n: 12, m: 1, imm: 16, armsim: "uxtab r2, r12, r1, ror #16"),
        Sample(0xFA5E_F2B1, "uxtab r2, lr, r1, ror #24", .uxtab, d: 2, n: 14, m: 1, imm: 24),
        Sample(0xFA2F_F586, "sxtb16 r5, r6", .sxtb16, d: 5, n: 15, m: 6, imm: 0),
        Sample(0xFA2F_F5A6, "sxtb16 r5, r6, ror #16", .sxtb16, d: 5, n: 15, m: 6, imm: 16),
        Sample(0xFA3F_F788, "uxtb16 r7, r8", .uxtb16, d: 7, n: 15, m: 8, imm: 0),
        Sample(0xFA3F_F7B8, "uxtb16 r7, r8, ror #24", .uxtb16, d: 7, n: 15, m: 8, imm: 24),
        Sample(0xF321_0000, "ssat16 r0, #1, r1", .ssat16, d: 0, n: 1, imm: 1),
        Sample(0xF323_020F, "ssat16 r2, #16, r3", .ssat16, d: 2, n: 3, imm: 16),
        Sample(0xF3A5_0400, "usat16 r4, #0, r5", .usat16, d: 4, n: 5, imm: 0),
        Sample(0xF3A7_060F, "usat16 r6, #15, r7", .usat16, d: 6, n: 7, imm: 15),
        Sample(0xEAC1_0002, "pkhbt r0, r1, r2", .pkhbt, d: 0, n: 1, m: 2, imm: 0),
        Sample(0xEAC4_73C5, "pkhbt r3, r4, r5, lsl #31", .pkhbt, d: 3, n: 4, m: 5, imm: 31),
        Sample(0xEAC7_0668, "pkhtb r6, r7, r8, asr #1", .pkhtb, d: 6, n: 7, m: 8, imm: 1),
        Sample(0xEAC0_0921, "pkhtb r9, r0, r1, asr #32", .pkhtb, d: 9, n: 0, m: 1, imm: 32),
        Sample(0xFB11_F002, "smulbb r0, r1, r2", .smulxy, d: 0, n: 1, m: 2, options: 0),
        Sample(0xFB14_F335, "smultt r3, r4, r5", .smulxy, d: 3, n: 4, m: 5, options: 3),
        Sample(0xFB27_F608, "smuad r6, r7, r8", .smuad, d: 6, n: 7, m: 8, options: 0),
        Sample(0xFB20_F911, "smuadx r9, r0, r1", .smuad, d: 9, n: 0, m: 1, options: 1),
        Sample(0xFB33_F204, "smulwb r2, r3, r4", .smulwy, d: 2, n: 3, m: 4, options: 0),
        Sample(0xFB36_F517, "smulwt r5, r6, r7", .smulwy, d: 5, n: 6, m: 7, options: 1),
        Sample(0xFB49_F800, "smusd r8, r9, r0", .smusd, d: 8, n: 9, m: 0, options: 0),
        Sample(0xFB42_F113, "smusdx r1, r2, r3", .smusd, d: 1, n: 2, m: 3, options: 1),
        Sample(0xFB55_F406, "smmul r4, r5, r6", .smmul, d: 4, n: 5, m: 6, options: 0),
        Sample(0xFB58_F719, "smmulr r7, r8, r9", .smmul, d: 7, n: 8, m: 9, options: 1),
        Sample(0xFB61_3002, "smmls r0, r1, r2, r3", .smmls, d: 0, n: 1, m: 2, a: 3, options: 0),
        Sample(0xFB65_E416, "smmlsr r4, r5, r6, lr", .smmls, d: 4, n: 5, m: 6, a: 14, options: 1),
        Sample(0xFB78_F709, "usad8 r7, r8, r9", .usad8, d: 7, n: 8, m: 9),
        Sample(0xFB11_3002, "smlabb r0, r1, r2, r3", .smlaxy, d: 0, n: 1, m: 2, a: 3, options: 0),
        Sample(0xFB11_8012, "smlabt r0, r1, r2, r8", .smlaxy, d: 0, n: 1, m: 2, a: 8, options: 1),
        Sample(0xFB11_C022, "smlatb r0, r1, r2, ip", .smlaxy, d: 0, n: 1, m: 2, a: 12, options: 2, armsim: "smlatb r0, r1, r2, r12"),
        Sample(0xFB11_E032, "smlatt r0, r1, r2, lr", .smlaxy, d: 0, n: 1, m: 2, a: 14, options: 3),
        Sample(0xFB25_7406, "smlad r4, r5, r6, r7", .smlad, d: 4, n: 5, m: 6, a: 7, options: 0),
        Sample(0xFB25_9416, "smladx r4, r5, r6, r9", .smlad, d: 4, n: 5, m: 6, a: 9, options: 1),
        Sample(0xFB25_C406, "smlad r4, r5, r6, ip", .smlad, d: 4, n: 5, m: 6, a: 12, options: 0, armsim: "smlad r4, r5, r6, r12"),
        Sample(0xFB25_E416, "smladx r4, r5, r6, lr", .smlad, d: 4, n: 5, m: 6, a: 14, options: 1),
        Sample(0xFB32_4103, "smlawb r1, r2, r3, r4", .smlawy, d: 1, n: 2, m: 3, a: 4, options: 0),
        Sample(0xFB32_A113, "smlawt r1, r2, r3, sl", .smlawy, d: 1, n: 2, m: 3, a: 10, options: 1, armsim: "smlawt r1, r2, r3, r10"),
        Sample(0xFB32_C103, "smlawb r1, r2, r3, ip", .smlawy, d: 1, n: 2, m: 3, a: 12, options: 0, armsim: "smlawb r1, r2, r3, r12"),
        Sample(0xFB32_E113, "smlawt r1, r2, r3, lr", .smlawy, d: 1, n: 2, m: 3, a: 14, options: 1),
        Sample(0xFB46_0507, "smlsd r5, r6, r7, r0", .smlsd, d: 5, n: 6, m: 7, a: 0, options: 0),
        Sample(0xFB46_B517, "smlsdx r5, r6, r7, fp", .smlsd, d: 5, n: 6, m: 7, a: 11, options: 1, armsim: "smlsdx r5, r6, r7, r11"),
        Sample(0xFB46_C507, "smlsd r5, r6, r7, ip", .smlsd, d: 5, n: 6, m: 7, a: 12, options: 0, armsim: "smlsd r5, r6, r7, r12"),
        Sample(0xFB46_E517, "smlsdx r5, r6, r7, lr", .smlsd, d: 5, n: 6, m: 7, a: 14, options: 1),
        Sample(0xFB59_1800, "smmla r8, r9, r0, r1", .smmla, d: 8, n: 9, m: 0, a: 1, options: 0),
        Sample(0xFB59_8810, "smmlar r8, r9, r0, r8", .smmla, d: 8, n: 9, m: 0, a: 8, options: 1),
        Sample(0xFB59_C800, "smmla r8, r9, r0, ip", .smmla, d: 8, n: 9, m: 0, a: 12, options: 0, armsim: "smmla r8, r9, r0, r12"),
        Sample(0xFB59_E810, "smmlar r8, r9, r0, lr", .smmla, d: 8, n: 9, m: 0, a: 14, options: 1),
        Sample(0xFB73_5204, "usada8 r2, r3, r4, r5", .usada8, d: 2, n: 3, m: 4, a: 5),
        Sample(0xFB73_9204, "usada8 r2, r3, r4, r9", .usada8, d: 2, n: 3, m: 4, a: 9),
        Sample(0xFB73_C204, "usada8 r2, r3, r4, ip", .usada8, d: 2, n: 3, m: 4, a: 12, armsim: "usada8 r2, r3, r4, r12"),
        Sample(0xFB73_E204, "usada8 r2, r3, r4, lr", .usada8, d: 2, n: 3, m: 4, a: 14),
        Sample(0xFBC2_0183, "smlalbb r0, r1, r2, r3", .smlalxy, d: 0, n: 2, m: 3, a: 1, options: 0),
        Sample(0xFBC6_4597, "smlalbt r4, r5, r6, r7", .smlalxy, d: 4, n: 6, m: 7, a: 5, options: 1),
        Sample(0xFBC0_89A1, "smlaltb r8, r9, r0, r1", .smlalxy, d: 8, n: 0, m: 1, a: 9, options: 2),
        Sample(0xFBC4_23B5, "smlaltt r2, r3, r4, r5", .smlalxy, d: 2, n: 4, m: 5, a: 3, options: 3),
        Sample(0xFBC8_67C9, "smlald r6, r7, r8, r9", .smlald, d: 6, n: 8, m: 9, a: 7, options: 0),
        Sample(0xFBC4_02D6, "smlaldx r0, r2, r4, r6", .smlald, d: 0, n: 4, m: 6, a: 2, options: 1),
        Sample(0xFBD5_13C7, "smlsld r1, r3, r5, r7", .smlsld, d: 1, n: 5, m: 7, a: 3, options: 0),
        Sample(0xFBD7_98D6, "smlsldx r9, r8, r7, r6", .smlsld, d: 9, n: 7, m: 6, a: 8, options: 1),
        Sample(0xFBE3_5462, "umaal r5, r4, r3, r2", .umaal, d: 5, n: 3, m: 2, a: 4, options: 0),
    ]

    @Test("Each sample decodes to the fields and text objdump gives", arguments: samples)
    func sampleDecodes(_ sample: Sample) {
        let instruction = Self.decode(sample.raw)
        #expect(instruction.op == sample.op)
        #expect(instruction.byteCount == 4)
        #expect(instruction.condition == .al)
        #expect(instruction.setsFlags == false)
        if let d = sample.d { #expect(instruction.d == d) }
        if let n = sample.n { #expect(instruction.n == n) }
        if let m = sample.m { #expect(instruction.m == m) }
        if let a = sample.a { #expect(instruction.a == a) }
        if let options = sample.options { #expect(instruction.options == options) }
        if let imm = sample.imm { #expect(instruction.imm == imm) }
        #expect(Disassembler.text(instruction) == sample.armsim)
    }

    @Test("Every DSP row is matched by at least one sample")
    func everyRowHasASample() {
        for row in Encodings32.dspRows {
            #expect(Self.samples.contains { row.matches($0.raw) }, "no sample for \(Self.label(row))")
        }
    }

    @Test("Inside an IT block a DSP instruction carries the condition, and its text the suffix")
    func conditionalDSPInstruction() {
        let instruction = Self.decoder.decode(first: 0xFB21, second: 0x3002, address: 0x100, itCondition: .ne)
        #expect(instruction.op == .smlad)
        #expect(instruction.condition == .ne)
        #expect(Disassembler.text(instruction) == "smladne r0, r1, r2, r3")
    }

    // MARK: - UNPREDICTABLE registers and the rest of the space

    /// BadReg(d/n/m) (SP or PC), Ra = SP and RdHi = RdLo are UNPREDICTABLE on these
    /// pages; armsim decodes them as UNDEFINED (DDI 0403E A7.7, each page's decode).
    @Test(
        "SP or PC as an operand, Ra = SP, or RdHi = RdLo decode as undefined",
        arguments: [
            0xFA9D_F002,  // sadd16 r0, sp, r2
            0xFA91_FF02,  // sadd16 pc, r1, r2
            0xFA91_F00D,  // sadd16 r0, r1, sp
            0xFA8F_F081,  // qadd r0, r1, pc (Rn field)
            0xFA4D_F082,  // sxtab r0, sp, r2
            0xFA2F_FD82,  // sxtb16 sp, r2
            0xF32D_0000,  // ssat16 r0, #1, sp
            0xEAC1_0F02,  // pkhbt pc, r1, r2
            0xFB11_D002,  // smlabb r0, r1, r2, sp
            0xFB61_F002,  // smmls r0, r1, r2, pc (no SMMLS without Ra)
            0xFBC2_0083,  // smlalbb r0, r0, r2, r3
            0xFBE2_D163,  // umaal sp, r1, r2, r3
        ] as [UInt32])
    func badRegistersAreUndefined(_ raw: UInt32) {
        #expect(Self.decode(raw).op == .undefined)
    }

    /// What the manual allocates in A5.3.12 `11111010 op1:4 Rn:4 | 1111 Rd:4 op2:4 Rm:4`
    /// (Table A5-24 with A5.3.13-A5.3.15): "dsp" cells are ours, "base" cells belong to
    /// the Thumb-2 data-processing rows, the rest is UNDEFINED.
    static func dataProcessingRegisterOwner(op1: UInt32, op2: UInt32, rnIs15: Bool) -> String {
        if op1 & 0b1000 == 0 {
            if op2 == 0 { return "base" }  // LSL, LSR, ASR, ROR (register)
            if op2 & 0b1000 != 0 && op1 <= 0b0101 {
                // SXTAH/UXTAH/SXTAB/UXTAB with Rn = 1111 are SXTH/UXTH/SXTB/UXTB.W (base);
                // SXTAB16/UXTAB16 with Rn = 1111 are SXTB16/UXTB16 (DSP).
                return rnIs15 && (op1 == 0b0000 || op1 == 0b0001 || op1 == 0b0100 || op1 == 0b0101) ? "base" : "dsp"
            }
            return "undefined"
        }
        switch op2 >> 2 {
        case 0b00, 0b01:
            let operation = op1 & 0b111
            return operation == 0b011 || operation == 0b111 || op2 & 0b11 == 0b11 ? "undefined" : "dsp"
        case 0b10:
            guard op1 & 0b0100 == 0 else { return "undefined" }
            switch (op1 & 0b11, op2 & 0b11) {
            case (0b00, _), (0b10, 0b00): return "dsp"  // QADD, QDADD, QSUB, QDSUB; SEL
            case (0b01, _), (0b11, 0b00): return "base"  // REV, REV16, RBIT, REVSH; CLZ
            default: return "undefined"
            }
        default:
            return "undefined"
        }
    }

    @Test("A5.3.12 data processing (register): DSP cells decode as DSP, unallocated cells as undefined")
    func dataProcessingRegisterSpace() {
        for op1: UInt32 in 0..<16 {
            for op2: UInt32 in 0..<16 {
                for rn: UInt32 in [1, 15] {
                    let raw = 0xFA00_F000 | op1 << 20 | rn << 16 | 3 << 8 | op2 << 4 | 2
                    let owner = Self.dataProcessingRegisterOwner(op1: op1, op2: op2, rnIs15: rn == 15)
                    let op = Self.decode(raw).op
                    let label = "op1 \(String(op1, radix: 2)) op2 \(String(op2, radix: 2)) Rn \(rn)"
                    switch owner {
                    case "dsp":
                        // Rn = 15 is a BadReg for all but SXTB16/UXTB16.
                        let isPlainExtend16 = rn == 15 && (op1 == 0b0010 || op1 == 0b0011) && op2 & 0b1000 != 0
                        if rn == 1 || isPlainExtend16 {
                            #expect(Self.isDSP(op), "\(label) decodes as \(op)")
                        } else {
                            #expect(op == .undefined, "\(label) decodes as \(op)")
                        }
                    case "base": #expect(!Self.isDSP(op), "\(label) decodes as \(op)")
                    default: #expect(op == .undefined, "\(label) decodes as \(op)")
                    }
                }
            }
        }
    }

    /// A5.3.16 `11111 0110 op1:3 Rn:4 | Ra:4 Rd:4 op2:4 Rm:4` (op2 = bits 7:4, whose top
    /// two bits must be 00): op1 000 is MUL/MLA/MLS (base); DSP cells are op1 001 with
    /// op2 00xx, 010-110 with 000x, 111 with 0000.
    @Test("A5.3.16 multiply: DSP cells decode as DSP, unallocated cells as undefined")
    func multiplySpace() {
        for op1: UInt32 in 1..<8 {
            for op2: UInt32 in 0..<16 {
                for ra: UInt32 in [3, 15] {
                    let raw = 0xFB00_0000 | op1 << 20 | 1 << 16 | ra << 12 | 0 << 8 | op2 << 4 | 2
                    let isDSP: Bool
                    switch op1 {
                    case 0b001: isDSP = op2 >> 2 == 0
                    case 0b111: isDSP = op2 == 0
                    default: isDSP = op2 >> 1 == 0
                    }
                    let op = Self.decode(raw).op
                    let label = "op1 \(String(op1, radix: 2)) op2 \(String(op2, radix: 2)) Ra \(ra)"
                    if isDSP && !(op1 == 0b110 && ra == 15) {
                        #expect(Self.isDSP(op), "\(label) decodes as \(op)")
                    } else {
                        #expect(op == .undefined, "\(label) decodes as \(op)")
                    }
                }
            }
        }
    }

    /// A5.3.17 `11111 0111 op1:3 Rn:4 | RdLo:4 RdHi:4 op2:4 Rm:4`: SMULL, SDIV, UMULL,
    /// UDIV, SMLAL, UMLAL are base; DSP cells are (100, 10xx), (100, 110x), (101, 110x),
    /// (110, 0110).
    @Test("A5.3.17 long multiply: DSP cells decode as DSP, unallocated cells as undefined")
    func longMultiplySpace() {
        let base: Set<[UInt32]> = [[0b000, 0b0000], [0b001, 0b1111], [0b010, 0b0000], [0b011, 0b1111], [0b100, 0b0000], [0b110, 0b0000]]
        for op1: UInt32 in 0..<8 {
            for op2: UInt32 in 0..<16 {
                let raw = 0xFB80_0000 | op1 << 20 | 2 << 16 | 0 << 12 | 1 << 8 | op2 << 4 | 3
                let isDSP =
                    (op1 == 0b100 && op2 >> 2 == 0b10) || (op1 == 0b100 && op2 >> 1 == 0b110)
                    || (op1 == 0b101 && op2 >> 1 == 0b110) || (op1 == 0b110 && op2 == 0b0110)
                let op = Self.decode(raw).op
                let label = "op1 \(String(op1, radix: 2)) op2 \(String(op2, radix: 2))"
                if isDSP {
                    #expect(Self.isDSP(op), "\(label) decodes as \(op)")
                } else if base.contains([op1, op2]) {
                    #expect(!Self.isDSP(op), "\(label) decodes as \(op)")
                } else {
                    #expect(op == .undefined, "\(label) decodes as \(op)")
                }
            }
        }
    }

    /// PKHBT/PKHTB: S = 1 or T (bit 4) = 1 is UNDEFINED (DDI 0403E A7.7 PKHBT, PKHTB).
    @Test("PKHBT/PKHTB with S or T set decode as undefined", arguments: [0xEAD1_0002, 0xEAC1_0012, 0xEAC1_0032] as [UInt32])
    func packHalfwordReservedBits(_ raw: UInt32) {
        #expect(Self.decode(raw).op == .undefined)
    }

    /// Should-be-zero bits are matched as variable (EncodingRow): SSAT16 with hw2 bit 5
    /// or 4 set, and the extends with hw2 bit 6 set, still decode.
    @Test("Should-be bits of SSAT16 and the extends do not change the decode")
    func shouldBeBitsAreIgnored() {
        #expect(Self.decode(0xF321_0030).op == .ssat16)
        #expect(Self.decode(0xFA41_F0C2).op == .sxtab)
    }

    @Test("A core without the DSP extension (Cortex-M3: v6M + v7M) decodes every DSP sample as undefined")
    func cortexM3RefusesDSP() {
        let m3 = ThumbDecoder(instructionSet: [.v6M, .v7M])
        for sample in Self.samples {
            #expect(m3.decode(first: UInt16(sample.raw >> 16), second: UInt16(sample.raw & 0xFFFF), address: 0x100).op == .undefined, "\(sample.objdump)")
        }
    }
}
