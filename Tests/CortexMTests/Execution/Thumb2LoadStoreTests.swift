import Testing
@testable import CortexM

/// Thumb-2 loads, stores, branches and miscellaneous control on the Cortex-M4 (DDI 0403
/// A5.3.4-A5.3.10). Expected values come from the Arm pseudocode, applied by hand or by
/// the small reference functions below (`patternByte`, `reference`), never from armsim.
/// Encodings: arm-none-eabi-as -mcpu=cortex-m4 -mthumb, checked with objdump (binutils
/// 2.40); the comment gives each instruction's offset from the start of the code.
@Suite("Thumb-2 loads, stores and control")
struct Thumb2LoadStoreTests {
    static let hardFaultHandler: UInt32 = 0x400  // BKPT #3
    static let svcHandlerAddress: UInt32 = 0x500
    /// Data area in SRAM: 8 KiB of pattern bytes.
    static let dataBase: UInt32 = 0x2000_0000
    static let base: UInt32 = 0x2000_0800

    /// The pattern byte at `address` (an arbitrary mix of values above and below 0x80).
    static func patternByte(_ address: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: (address &* 37) &+ 11) }

    /// MemU[address, size] over the pattern: little-endian.
    static func patternValue(_ address: UInt32, size: UInt32) -> UInt32 {
        (0..<size).reduce(UInt32(0)) { $0 | UInt32(patternByte(address &+ $1)) << (8 * $1) }
    }

    static func machine(_ code: [UInt16], registers: [Int: UInt32] = [:], data: [(UInt32, [UInt8])] = [],
                        vectors: [Int: UInt32] = [:], extraCode: [(UInt32, [UInt8])] = []) -> TestMachine {
        let pattern = (0..<UInt32(0x2000)).map { patternByte(dataBase &+ $0) }
        let machine = TestMachine(
            .m4, code: code, vectors: [3: hardFaultHandler].merging(vectors) { $1 },
            data: [(hardFaultHandler, [0x03, 0xBE]), (dataBase, pattern)] + extraCode + data)
        for (index, value) in registers { machine.setRegister(index, value) }
        return machine
    }

    static func bytes(_ machine: TestMachine, _ address: UInt32, _ count: Int) -> [UInt8] {
        machine.bus.hostRead(address: address, length: count) ?? []
    }

    static func littleEndian(_ value: UInt32, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    // MARK: - Single loads (A7.7.43-A7.7.66)

    /// One load: the code, the address it reads, its size and signedness, and Rn after it
    /// (r1 = Rt, r2 = Rn = `base`, r3 = 5 as the offset register).
    struct LoadCase: CustomTestStringConvertible, Sendable {
        var text: String
        var code: [UInt16]
        var address: UInt32
        var size: UInt32
        var signed: Bool
        var rnAfter: UInt32
        var testDescription: String { text }
    }

    static let b = base
    // swift-format-ignore
    static let loads: [LoadCase] = [
        LoadCase(text: "ldr.w r1, [r2, #4095]", code: [
            0xF8D2, 0x1FFF,  // 0: ldr.w r1, [r2, #4095]
        ], address: b + 4095, size: 4, signed: false, rnAfter: b),
        LoadCase(text: "ldr r1, [r2, #-255]", code: [
            0xF852, 0x1CFF,  // 0: ldr.w r1, [r2, #-255]
        ], address: b - 255, size: 4, signed: false, rnAfter: b),
        LoadCase(text: "ldr r1, [r2, #255]!", code: [
            0xF852, 0x1FFF,  // 0: ldr.w r1, [r2, #255]!
        ], address: b + 255, size: 4, signed: false, rnAfter: b + 255),
        LoadCase(text: "ldr r1, [r2, #-4]!", code: [
            0xF852, 0x1D04,  // 0: ldr.w r1, [r2, #-4]!
        ], address: b - 4, size: 4, signed: false, rnAfter: b - 4),
        LoadCase(text: "ldr r1, [r2], #4", code: [
            0xF852, 0x1B04,  // 0: ldr.w r1, [r2], #4
        ], address: b, size: 4, signed: false, rnAfter: b + 4),
        LoadCase(text: "ldr r1, [r2], #-8", code: [
            0xF852, 0x1908,  // 0: ldr.w r1, [r2], #-8
        ], address: b, size: 4, signed: false, rnAfter: b - 8),
        LoadCase(text: "ldrt r1, [r2, #8]", code: [
            0xF852, 0x1E08,  // 0: ldrt r1, [r2, #8]
        ], address: b + 8, size: 4, signed: false, rnAfter: b),
        LoadCase(text: "ldr.w r1, [r2, r3, lsl #2]", code: [
            0xF852, 0x1023,  // 0: ldr.w r1, [r2, r3, lsl #2]
        ], address: b + 20, size: 4, signed: false, rnAfter: b),
        LoadCase(text: "ldr.w r1, [r2, r3]", code: [
            0xF852, 0x1003,  // 0: ldr.w r1, [r2, r3]
        ], address: b + 5, size: 4, signed: false, rnAfter: b),
        LoadCase(text: "ldrb.w r1, [r2, #7]", code: [
            0xF892, 0x1007,  // 0: ldrb.w r1, [r2, #7]
        ], address: b + 7, size: 1, signed: false, rnAfter: b),
        LoadCase(text: "ldrb r1, [r2, #-7]", code: [
            0xF812, 0x1C07,  // 0: ldrb.w r1, [r2, #-7]
        ], address: b - 7, size: 1, signed: false, rnAfter: b),
        LoadCase(text: "ldrb r1, [r2], #1", code: [
            0xF812, 0x1B01,  // 0: ldrb.w r1, [r2], #1
        ], address: b, size: 1, signed: false, rnAfter: b + 1),
        LoadCase(text: "ldrb.w r1, [r2, r3, lsl #1]", code: [
            0xF812, 0x1013,  // 0: ldrb.w r1, [r2, r3, lsl #1]
        ], address: b + 10, size: 1, signed: false, rnAfter: b),
        LoadCase(text: "ldrbt r1, [r2, #3]", code: [
            0xF812, 0x1E03,  // 0: ldrbt r1, [r2, #3]
        ], address: b + 3, size: 1, signed: false, rnAfter: b),
        LoadCase(text: "ldrsb.w r1, [r2, #1]", code: [
            0xF992, 0x1001,  // 0: ldrsb.w r1, [r2, #1]
        ], address: b + 1, size: 1, signed: true, rnAfter: b),
        LoadCase(text: "ldrsb.w r1, [r2, #4]", code: [
            0xF992, 0x1004,  // 0: ldrsb.w r1, [r2, #4]
        ], address: b + 4, size: 1, signed: true, rnAfter: b),
        LoadCase(text: "ldrsb r1, [r2, #-7]!", code: [
            0xF912, 0x1D07,  // 0: ldrsb.w r1, [r2, #-7]!
        ], address: b - 7, size: 1, signed: true, rnAfter: b - 7),
        LoadCase(text: "ldrsb.w r1, [r2, r3, lsl #3]", code: [
            0xF912, 0x1033,  // 0: ldrsb.w r1, [r2, r3, lsl #3]
        ], address: b + 40, size: 1, signed: true, rnAfter: b),
        LoadCase(text: "ldrsbt r1, [r2, #3]", code: [
            0xF912, 0x1E03,  // 0: ldrsbt r1, [r2, #3]
        ], address: b + 3, size: 1, signed: true, rnAfter: b),
        LoadCase(text: "ldrh.w r1, [r2, #6]", code: [
            0xF8B2, 0x1006,  // 0: ldrh.w r1, [r2, #6]
        ], address: b + 6, size: 2, signed: false, rnAfter: b),
        LoadCase(text: "ldrh r1, [r2, #-6]", code: [
            0xF832, 0x1C06,  // 0: ldrh.w r1, [r2, #-6]
        ], address: b - 6, size: 2, signed: false, rnAfter: b),
        LoadCase(text: "ldrh.w r1, [r2, #3] (unaligned, allowed on the M4)", code: [
            0xF8B2, 0x1003,  // 0: ldrh.w r1, [r2, #3]
        ], address: b + 3, size: 2, signed: false, rnAfter: b),
        LoadCase(text: "ldrh.w r1, [r2, r3]", code: [
            0xF832, 0x1003,  // 0: ldrh.w r1, [r2, r3]
        ], address: b + 5, size: 2, signed: false, rnAfter: b),
        LoadCase(text: "ldrht r1, [r2, #2]", code: [
            0xF832, 0x1E02,  // 0: ldrht r1, [r2, #2]
        ], address: b + 2, size: 2, signed: false, rnAfter: b),
        LoadCase(text: "ldrsh.w r1, [r2, #6]", code: [
            0xF9B2, 0x1006,  // 0: ldrsh.w r1, [r2, #6]
        ], address: b + 6, size: 2, signed: true, rnAfter: b),
        LoadCase(text: "ldrsh.w r1, [r2, #2]", code: [
            0xF9B2, 0x1002,  // 0: ldrsh.w r1, [r2, #2]
        ], address: b + 2, size: 2, signed: true, rnAfter: b),
        LoadCase(text: "ldrsh r1, [r2], #-6", code: [
            0xF932, 0x1906,  // 0: ldrsh.w r1, [r2], #-6
        ], address: b, size: 2, signed: true, rnAfter: b - 6),
        LoadCase(text: "ldrsh.w r1, [r2, r3, lsl #1]", code: [
            0xF932, 0x1013,  // 0: ldrsh.w r1, [r2, r3, lsl #1]
        ], address: b + 10, size: 2, signed: true, rnAfter: b),
        LoadCase(text: "ldrsht r1, [r2, #2]", code: [
            0xF932, 0x1E02,  // 0: ldrsht r1, [r2, #2]
        ], address: b + 2, size: 2, signed: true, rnAfter: b),
        LoadCase(text: "pop.w {r1} is LDR r1, [sp], #4 (POP T3)", code: [
            0x4695,  // 0: mov sp, r2
            0xF85D, 0x1B04,  // 2: ldr.w r1, [sp], #4
            0x466A,  // 6: mov r2, sp
        ], address: b, size: 4, signed: false, rnAfter: b + 4),
    ]

    @Test("Single loads read MemU[address] and extend it as the pseudocode says, with Rn's writeback", arguments: loads)
    func singleLoad(_ load: LoadCase) {
        let machine = Self.machine(load.code, registers: [1: 0xDEAD_BEEF, 2: Self.base, 3: 5])
        #expect(machine.run() == .breakpoint(pc: TestMachine.codeAddress + UInt32(load.code.count * 2), immediate: 0))
        var expected = Self.patternValue(load.address, size: load.size)
        if load.signed {
            let shift = UInt32(32 - 8 * load.size)
            expected = UInt32(bitPattern: Int32(bitPattern: expected << shift) >> shift)
        }
        #expect(machine.register(1) == expected)
        #expect(machine.register(2) == load.rnAfter)
    }

    @Test("Sign and zero extension at the edges: 0x7F, 0x80, 0x7FFF, 0x8000")
    func extensionEdges() {
        let machine = Self.machine([
            0xF990, 0x1000,  // 0: ldrsb.w r1, [r0]
            0xF990, 0x2001,  // 4: ldrsb.w r2, [r0, #1]
            0xF890, 0x3001,  // 8: ldrb.w r3, [r0, #1]
            0xF9B0, 0x4002,  // c: ldrsh.w r4, [r0, #2]
            0xF9B0, 0x5004,  // 10: ldrsh.w r5, [r0, #4]
            0xF8B0, 0x6004,  // 14: ldrh.w r6, [r0, #4]
        ], registers: [0: 0x2000_1000], data: [(0x2000_1000, [0x7F, 0x80, 0xFF, 0x7F, 0x00, 0x80])])
        machine.run()
        #expect(machine.register(1) == 0x7F)
        #expect(machine.register(2) == 0xFFFF_FF80)
        #expect(machine.register(3) == 0x80)
        #expect(machine.register(4) == 0x7FFF)
        #expect(machine.register(5) == 0xFFFF_8000)
        #expect(machine.register(6) == 0x8000)
    }

    @Test("Literal loads use Align(PC, 4) ± imm12 from a halfword-aligned instruction (A7.7.44)")
    func literalLoads() {
        // Code at 0x100: nop at 0x100, ldr.w at 0x102 (PC = 0x106, Align = 0x104), ...
        let machine = Self.machine([
            0xBF00,  // 0: nop
            0xF8DF, 0x100C,  // 2: ldr.w r1, [pc, #12]
            0xF9BF, 0x200A,  // 6: ldrsh.w r2, [pc, #10]
            0xF81F, 0x3004,  // a: ldrb.w r3, [pc, #-4]
            0xF99F, 0x4005,  // e: ldrsb.w r4, [pc, #5]
            0xF83F, 0x500A,  // 12: ldrh.w r5, [pc, #-10]
        ])
        machine.run()
        func flash(_ address: UInt32, _ size: Int) -> UInt32 {
            Self.bytes(machine, address, size).enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
        }
        #expect(machine.register(1) == flash(0x104 + 12, 4))  // ldr.w at 0x102
        #expect(machine.register(2) == UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: flash(0x108 + 10, 2)))))  // at 0x106
        #expect(machine.register(3) == flash(0x10C - 4, 1))  // at 0x10A
        #expect(machine.register(4) == UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: flash(0x110 + 5, 1)))))  // at 0x10E
        #expect(machine.register(5) == flash(0x114 - 10, 2))  // at 0x112
    }

    @Test("LDR with writeback and Rn = Rt (UNPREDICTABLE): the loaded data wins, as the pseudocode orders it")
    func loadWritebackSameRegister() {
        let machine = Self.machine([
            0xF852, 0x2B04,  // 0: ldr.w r2, [r2], #4
        ], registers: [2: Self.base])
        machine.run()
        #expect(machine.register(2) == Self.patternValue(Self.base, size: 4))
    }

    // MARK: - Single stores (A7.7.161-A7.7.173)

    struct StoreCase: CustomTestStringConvertible, Sendable {
        var text: String
        var code: [UInt16]
        var address: UInt32
        var size: Int
        var rnAfter: UInt32
        var testDescription: String { text }
    }

    // swift-format-ignore
    static let stores: [StoreCase] = [
        StoreCase(text: "str.w r1, [r2, #4095]", code: [
            0xF8C2, 0x1FFF,  // 0: str.w r1, [r2, #4095]
        ], address: b + 4095, size: 4, rnAfter: b),
        StoreCase(text: "str r1, [r2, #-255]", code: [
            0xF842, 0x1CFF,  // 0: str.w r1, [r2, #-255]
        ], address: b - 255, size: 4, rnAfter: b),
        StoreCase(text: "str r1, [r2, #4]!", code: [
            0xF842, 0x1F04,  // 0: str.w r1, [r2, #4]!
        ], address: b + 4, size: 4, rnAfter: b + 4),
        StoreCase(text: "str r1, [r2], #-4", code: [
            0xF842, 0x1904,  // 0: str.w r1, [r2], #-4
        ], address: b, size: 4, rnAfter: b - 4),
        StoreCase(text: "str.w r1, [r2, r3, lsl #2]", code: [
            0xF842, 0x1023,  // 0: str.w r1, [r2, r3, lsl #2]
        ], address: b + 20, size: 4, rnAfter: b),
        StoreCase(text: "strt r1, [r2, #4]", code: [
            0xF842, 0x1E04,  // 0: strt r1, [r2, #4]
        ], address: b + 4, size: 4, rnAfter: b),
        StoreCase(text: "strb.w r1, [r2, #1]", code: [
            0xF882, 0x1001,  // 0: strb.w r1, [r2, #1]
        ], address: b + 1, size: 1, rnAfter: b),
        StoreCase(text: "strb r1, [r2, #-1]!", code: [
            0xF802, 0x1D01,  // 0: strb.w r1, [r2, #-1]!
        ], address: b - 1, size: 1, rnAfter: b - 1),
        StoreCase(text: "strb.w r1, [r2, r3]", code: [
            0xF802, 0x1003,  // 0: strb.w r1, [r2, r3]
        ], address: b + 5, size: 1, rnAfter: b),
        StoreCase(text: "strbt r1, [r2]", code: [
            0xF802, 0x1E00,  // 0: strbt r1, [r2]
        ], address: b, size: 1, rnAfter: b),
        StoreCase(text: "strh.w r1, [r2, #2]", code: [
            0xF8A2, 0x1002,  // 0: strh.w r1, [r2, #2]
        ], address: b + 2, size: 2, rnAfter: b),
        StoreCase(text: "strh r1, [r2], #2", code: [
            0xF822, 0x1B02,  // 0: strh.w r1, [r2], #2
        ], address: b, size: 2, rnAfter: b + 2),
        StoreCase(text: "strh.w r1, [r2, r3, lsl #1]", code: [
            0xF822, 0x1013,  // 0: strh.w r1, [r2, r3, lsl #1]
        ], address: b + 10, size: 2, rnAfter: b),
        StoreCase(text: "strht r1, [r2, #2]", code: [
            0xF822, 0x1E02,  // 0: strht r1, [r2, #2]
        ], address: b + 2, size: 2, rnAfter: b),
        StoreCase(text: "push.w {r1} is STR r1, [sp, #-4]! (PUSH T3)", code: [
            0x4695,  // 0: mov sp, r2
            0xF84D, 0x1D04,  // 2: str.w r1, [sp, #-4]!
            0x466A,  // 6: mov r2, sp
        ], address: b - 4, size: 4, rnAfter: b - 4),
    ]

    @Test("Single stores write the low bytes of Rt at the address, with Rn's writeback", arguments: stores)
    func singleStore(_ store: StoreCase) {
        let machine = Self.machine(store.code, registers: [1: 0xCAFE_BABE, 2: Self.base, 3: 5])
        machine.run()
        #expect(Self.bytes(machine, store.address, store.size) == Self.littleEndian(0xCAFE_BABE, store.size))
        #expect(Self.bytes(machine, store.address &+ UInt32(store.size), 1) == [Self.patternByte(store.address &+ UInt32(store.size))])
        #expect(machine.register(2) == store.rnAfter)
    }

    @Test("STR with writeback and Rn = Rt (UNPREDICTABLE) stores the original Rt")
    func storeWritebackSameRegister() {
        let machine = Self.machine([
            0xF842, 0x2F08,  // 0: str.w r2, [r2, #8]!
        ], registers: [2: Self.base])
        machine.run()
        #expect(Self.bytes(machine, Self.base + 8, 4) == Self.littleEndian(Self.base, 4))
        #expect(machine.register(2) == Self.base + 8)
    }

    // MARK: - LDR to PC (A7.7.43-A7.7.45, LoadWritePC)

    @Test("LDR PC, [Rn, #imm] branches to the loaded address, interworking")
    func loadToPCBranches() {
        // 0x100: ldr.w pc, [r0]; 0x104: movs r1, #1 (skipped); 0x106: movs r2, #2; bkpt
        let machine = Self.machine([
            0xF8D0, 0xF000,  // 0: ldr.w pc, [r0]
            0x2101,  // 4: movs r1, #1
            0x2202,  // 6: movs r2, #2
        ], registers: [0: 0x2000_1000], data: [(0x2000_1000, Self.littleEndian(0x107, 4))])
        machine.run()
        #expect(machine.register(1) == 0)
        #expect(machine.register(2) == 2)
    }

    @Test("LDR PC literal and LDR PC, [Rn, Rm, LSL #2] jump-table forms")
    func loadToPCLiteralAndRegister() {
        // 0x100: ldr.w pc, [pc, #4] → word at 0x108 = 0x10D → 0x10C: ldr.w pc, [r0, r1, lsl #2]
        let machine = Self.machine([
            0xF8DF, 0xF004,  // 0: ldr.w pc, [pc, #4]
            0x2505,  // 4: movs r5, #5
            0xBF00,  // 6: nop
            0x010D,  // 8: data
            0x0000,  // a: data
            0xF850, 0xF021,  // c: ldr.w pc, [r0, r1, lsl #2]
            0x2606,  // 10: movs r6, #6
            0x2707,  // 12: movs r7, #7
        ], registers: [0: 0x2000_1000, 1: 2], data: [(0x2000_1008, Self.littleEndian(0x113, 4))])
        machine.run()
        #expect(machine.register(5) == 0)
        #expect(machine.register(6) == 0)
        #expect(machine.register(7) == 7)
    }

    @Test("POP.W {pc} (LDR PC, [SP], #4) raises SP and returns")
    func popPC() {
        let machine = Self.machine([
            0xF85D, 0xFB04,  // 0: ldr.w pc, [sp], #4
            0x2101,  // 4: movs r1, #1
            0x2202,  // 6: movs r2, #2
        ], registers: [13: 0x2000_1000], data: [(0x2000_1000, Self.littleEndian(0x107, 4))])
        machine.run()
        #expect(machine.register(13) == 0x2000_1004)
        #expect(machine.register(1) == 0)
        #expect(machine.register(2) == 2)
    }

    @Test("LDR PC of an even address clears EPSR.T: INVSTATE UsageFault, escalated to HardFault")
    func loadToPCEvenAddressFaults() {
        let machine = Self.machine([
            0xF8D0, 0xF000,  // 0: ldr.w pc, [r0]
        ], registers: [0: 0x2000_1000], data: [(0x2000_1000, Self.littleEndian(0x106, 4))])
        #expect(machine.run() == .breakpoint(pc: Self.hardFaultHandler, immediate: 3))
        #expect(machine.core.scs.cfsr & (1 << 17) != 0, "CFSR.INVSTATE")
    }

    @Test("LDR PC from an unaligned address (UNPREDICTABLE) raises UNALIGNED")
    func loadToPCUnaligned() {
        let machine = Self.machine([
            0xF8D0, 0xF002,  // 0: ldr.w pc, [r0, #2]
        ], registers: [0: 0x2000_1000])
        #expect(machine.run() == .breakpoint(pc: Self.hardFaultHandler, immediate: 3))
        #expect(machine.core.scs.cfsr & (1 << 24) != 0, "CFSR.UNALIGNED")
    }

    // MARK: - Dual (A7.7.50, A7.7.51, A7.7.166)

    @Test("LDRD offset, pre-indexed and post-indexed forms, with writeback")
    func loadDual() {
        let machine = Self.machine([
            0xE9D2, 0x0102,  // 0: ldrd r0, r1, [r2, #8]
            0xE973, 0x4502,  // 4: ldrd r4, r5, [r3, #-8]!
            0xE8F8, 0x6704,  // 8: ldrd r6, r7, [r8], #16
        ], registers: [2: Self.base, 3: Self.base, 8: Self.base])
        machine.run()
        #expect(machine.register(0) == Self.patternValue(Self.base + 8, size: 4))
        #expect(machine.register(1) == Self.patternValue(Self.base + 12, size: 4))
        #expect(machine.register(4) == Self.patternValue(Self.base - 8, size: 4))
        #expect(machine.register(5) == Self.patternValue(Self.base - 4, size: 4))
        #expect(machine.register(3) == Self.base - 8)
        #expect(machine.register(6) == Self.patternValue(Self.base, size: 4))
        #expect(machine.register(7) == Self.patternValue(Self.base + 4, size: 4))
        #expect(machine.register(8) == Self.base + 16)
        #expect(machine.register(2) == Self.base)
    }

    @Test("LDRD literal reads two words at Align(PC, 4) ± imm")
    func loadDualLiteral() {
        // 0x100: ldrd at PC = 0x104 + 4 = 0x108
        let machine = Self.machine([
            0xE9DF, 0x0101,  // 0: ldrd r0, r1, [pc, #4]
            0xE004,  // 4: b.n 10 <.text+0x10>
            0xBF00,  // 6: nop
            0x3344,  // 8: data
            0x1122,  // a: data
            0x7788,  // c: data
            0x5566,  // e: data
            0xBF00,  // 10: nop
        ])
        machine.run()
        #expect(machine.register(0) == 0x1122_3344)
        #expect(machine.register(1) == 0x5566_7788)
    }

    @Test("STRD stores Rt then Rt2, with the index forms")
    func storeDual() {
        let machine = Self.machine([
            0xE962, 0x0102,  // 0: strd r0, r1, [r2, #-8]!
            0xE8E3, 0x0102,  // 4: strd r0, r1, [r3], #8
        ], registers: [0: 0x0102_0304, 1: 0x0506_0708, 2: Self.base, 3: Self.base + 0x100])
        machine.run()
        #expect(Self.bytes(machine, Self.base - 8, 8) == Self.littleEndian(0x0102_0304, 4) + Self.littleEndian(0x0506_0708, 4))
        #expect(Self.bytes(machine, Self.base + 0x100, 8) == Self.littleEndian(0x0102_0304, 4) + Self.littleEndian(0x0506_0708, 4))
        #expect(machine.register(2) == Self.base - 8)
        #expect(machine.register(3) == Self.base + 0x108)
    }

    @Test("LDRD and STRD fault on an unaligned address even on the M4 (MemA), leaving registers unchanged")
    func dualUnalignedFaults() {
        for code: [UInt16] in [[0xE9D2, 0x0100], [0xE9C2, 0x0100]] {  // ldrd r0, r1, [r2]; strd r0, r1, [r2]
            let machine = Self.machine(code, registers: [0: 7, 1: 8, 2: Self.base + 2])
            #expect(machine.run() == .breakpoint(pc: Self.hardFaultHandler, immediate: 3))
            #expect(machine.core.scs.cfsr & (1 << 24) != 0)
            #expect(machine.register(0) == 7)
            #expect(machine.register(1) == 8)
            #expect(Self.bytes(machine, Self.base + 2, 1) == [Self.patternByte(Self.base + 2)])
        }
    }

    // MARK: - Multiple (A7.7.41, A7.7.42, A7.7.99, A7.7.101, A7.7.159, A7.7.160)

    @Test("STMIA.W, STMDB and PUSH.W store ascending from the lowest address; writeback as W says")
    func storeMultiple() {
        let machine = Self.machine([
            0xE8A0, 0x0106,  // 0: stmia.w r0!, {r1, r2, r8}
            0xE903, 0x0006,  // 4: stmdb r3, {r1, r2}
            0xE92D, 0x4106,  // 8: stmdb sp!, {r1, r2, r8, lr}
        ], registers: [0: Self.base, 1: 0x11, 2: 0x22, 8: 0x88, 14: 0xEE, 3: Self.base + 0x100, 13: Self.base + 0x200])
        machine.run()
        let words: (UInt32, Int) -> [UInt32] = { address, count in
            (0..<count).map { index in
                Self.bytes(machine, address + UInt32(index) * 4, 4).enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
            }
        }
        #expect(words(Self.base, 3) == [0x11, 0x22, 0x88])
        #expect(machine.register(0) == Self.base + 12)
        #expect(words(Self.base + 0xF8, 2) == [0x11, 0x22])
        #expect(machine.register(3) == Self.base + 0x100)
        #expect(words(Self.base + 0x1F0, 4) == [0x11, 0x22, 0x88, 0xEE])
        #expect(machine.register(13) == Self.base + 0x1F0)
    }

    @Test("LDMIA.W, LDMDB and POP.W load ascending; writeback unless W = 0 or Rn is in the list")
    func loadMultiple() {
        let machine = Self.machine([
            0xE8B0, 0x0106,  // 0: ldmia.w r0!, {r1, r2, r8}
            0xE933, 0x0030,  // 4: ldmdb r3!, {r4, r5}
            0xE896, 0x00C0,  // 8: ldmia.w r6, {r6, r7}
            0xE8BD, 0x0E00,  // c: ldmia.w sp!, {r9, sl, fp}
            0xE91C, 0x5000,  // 10: ldmdb ip, {ip, lr}
        ], registers: [0: Self.base, 3: Self.base + 0x40, 6: Self.base + 0x80, 13: Self.base + 0xC0, 12: Self.base + 0x100])
        machine.run()
        let value: (UInt32) -> UInt32 = { Self.patternValue($0, size: 4) }
        #expect([machine.register(1), machine.register(2), machine.register(8)] == [value(Self.base), value(Self.base + 4), value(Self.base + 8)])
        #expect(machine.register(0) == Self.base + 12)
        #expect([machine.register(4), machine.register(5)] == [value(Self.base + 0x38), value(Self.base + 0x3C)])
        #expect(machine.register(3) == Self.base + 0x38)
        #expect([machine.register(6), machine.register(7)] == [value(Self.base + 0x80), value(Self.base + 0x84)])
        #expect([machine.register(9), machine.register(10), machine.register(11)] == [value(Self.base + 0xC0), value(Self.base + 0xC4), value(Self.base + 0xC8)])
        #expect(machine.register(13) == Self.base + 0xCC)
        #expect([machine.register(12), machine.register(14)] == [value(Self.base + 0xF8), value(Self.base + 0xFC)])
    }

    @Test("LDM with PC branches after loading the other registers; LDMDB with PC too")
    func loadMultipleWithPC() {
        let machine = Self.machine([
            0xE8B0, 0x8002,  // 0: ldmia.w r0!, {r1, pc}
            0x2202,  // 4: movs r2, #2
            0x2303,  // 6: movs r3, #3
            0xE934, 0x8020,  // 8: ldmdb r4!, {r5, pc}
            0x2606,  // c: movs r6, #6
            0x2707,  // e: movs r7, #7
        ], registers: [0: 0x2000_1000, 4: 0x2000_1010],
        data: [(0x2000_1000, Self.littleEndian(0x55, 4) + Self.littleEndian(0x107, 4) + Self.littleEndian(0x66, 4) + Self.littleEndian(0x10F, 4))])
        machine.run()
        #expect(machine.register(1) == 0x55)
        #expect(machine.register(0) == 0x2000_1008)
        #expect(machine.register(2) == 0)
        #expect(machine.register(3) == 3)
        #expect(machine.register(5) == 0x66)
        #expect(machine.register(4) == 0x2000_1008)
        #expect(machine.register(6) == 0)
        #expect(machine.register(7) == 7)
    }

    @Test("A fault part-way through LDM.W leaves every register unchanged")
    func loadMultipleFaultLeavesRegisters() {
        // The last word lies past the end of SRAM (0x2001_0000): BusFault → HardFault.
        let machine = Self.machine([
            0xE8B0, 0x000E,  // 0: ldmia.w r0!, {r1, r2, r3}
        ], registers: [0: 0x2000_FFF8, 1: 1, 2: 2, 3: 3])
        #expect(machine.run() == .breakpoint(pc: Self.hardFaultHandler, immediate: 3))
        #expect([machine.register(0), machine.register(1), machine.register(2), machine.register(3)] == [0x2000_FFF8, 1, 2, 3])
    }

    @Test("LDM.W and STM.W need a word-aligned address: UNALIGNED otherwise")
    func multipleUnalignedFaults() {
        let machine = Self.machine([
            0xE890, 0x0006,  // 0: ldmia.w r0, {r1, r2}
        ], registers: [0: Self.base + 2])
        #expect(machine.run() == .breakpoint(pc: Self.hardFaultHandler, immediate: 3))
        #expect(machine.core.scs.cfsr & (1 << 24) != 0)
    }

    @Test("In Handler mode, LDM {..., pc} of an EXC_RETURN returns from the exception")
    func loadMultipleExceptionReturn() {
        // SVC handler at 0x500: push.w {r4, lr}; movs r4, #9; pop.w {r4, pc}
        let handler: [UInt16] = [
            0xE92D, 0x4010,  // 0: stmdb sp!, {r4, lr}
            0x2409,  // 4: movs r4, #9
            0x4625,  // 6: mov r5, r4
            0xE8BD, 0x8010,  // 8: ldmia.w sp!, {r4, pc}
        ]
        let machine = Self.machine([
            0xDF00,  // 0: svc 0
            0x2606,  // 2: movs r6, #6
        ], registers: [4: 4], vectors: [11: Self.svcHandlerAddress],
        extraCode: [(Self.svcHandlerAddress, handler.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })])
        #expect(machine.run() == .breakpoint(pc: TestMachine.codeAddress + 4, immediate: 0))
        #expect(machine.register(4) == 4, "R4 restored by the stacked POP")
        #expect(machine.register(5) == 9)
        #expect(machine.register(6) == 6)
        #expect(machine.core.ipsr == 0)
    }

    // MARK: - Exclusives (A7.7.52-A7.7.54, A7.7.167-A7.7.169, A3.4)

    @Test("LDREX then STREX to the same address stores and returns 0; a second STREX fails with 1")
    func exclusivePair() {
        let machine = Self.machine([
            0xE850, 0x1F01,  // 0: ldrex r1, [r0, #4]
            0x3101,  // 4: adds r1, #1
            0xE840, 0x1201,  // 6: strex r2, r1, [r0, #4]
            0xE840, 0x1301,  // a: strex r3, r1, [r0, #4]
        ], registers: [0: Self.base, 2: 0xFF, 3: 0xFF])
        machine.run()
        let loaded = Self.patternValue(Self.base + 4, size: 4)
        #expect(machine.register(1) == loaded &+ 1)
        #expect(machine.register(2) == 0)
        #expect(machine.register(3) == 1)
        #expect(Self.bytes(machine, Self.base + 4, 4) == Self.littleEndian(loaded &+ 1, 4))
    }

    @Test("STREX fails without a preceding LDREX, after CLREX, and for another address")
    func exclusiveFailures() {
        let machine = Self.machine([
            0xE840, 0x1200,  // 0: strex r2, r1, [r0]
            0xE850, 0x4F00,  // 4: ldrex r4, [r0]
            0xF3BF, 0x8F2F,  // 8: clrex
            0xE840, 0x1300,  // c: strex r3, r1, [r0]
            0xE850, 0x4F00,  // 10: ldrex r4, [r0]
            0xE840, 0x1501,  // 14: strex r5, r1, [r0, #4]
        ], registers: [0: Self.base, 1: 0x1234_5678, 2: 0xFF, 3: 0xFF, 5: 0xFF])
        machine.run()
        #expect([machine.register(2), machine.register(3), machine.register(5)] == [1, 1, 1])
        #expect(Self.bytes(machine, Self.base, 8) == (0..<8).map { Self.patternByte(Self.base + UInt32($0)) })
    }

    @Test("LDREXB/LDREXH zero-extend; STREXB/STREXH store one byte / halfword")
    func exclusiveByteAndHalfword() {
        let machine = Self.machine([
            0xE8D0, 0x1F4F,  // 0: ldrexb r1, [r0]
            0xE8C0, 0x5F42,  // 4: strexb r2, r5, [r0]
            0xE8D4, 0x3F5F,  // 8: ldrexh r3, [r4]
            0xE8C4, 0x5F56,  // c: strexh r6, r5, [r4]
        ], registers: [0: Self.base + 1, 4: Self.base + 6, 5: 0xA1B2_C3D4, 2: 0xFF, 6: 0xFF])
        machine.run()
        #expect(machine.register(1) == Self.patternValue(Self.base + 1, size: 1))
        #expect(machine.register(3) == Self.patternValue(Self.base + 6, size: 2))
        #expect([machine.register(2), machine.register(6)] == [0, 0])
        #expect(Self.bytes(machine, Self.base + 1, 2) == [0xD4, Self.patternByte(Self.base + 2)])
        #expect(Self.bytes(machine, Self.base + 6, 3) == [0xD4, 0xC3, Self.patternByte(Self.base + 8)])
    }

    @Test("An exception between LDREX and STREX clears the monitor: the STREX fails")
    func exceptionClearsMonitor() {
        let handler: [UInt16] = [0x4770]  // bx lr
        let machine = Self.machine([
            0xE850, 0x1F00,  // 0: ldrex r1, [r0]
            0xDF00,  // 4: svc 0
            0xE840, 0x1200,  // 6: strex r2, r1, [r0]
        ], registers: [0: Self.base], vectors: [11: Self.svcHandlerAddress],
        extraCode: [(Self.svcHandlerAddress, handler.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })])
        machine.run()
        #expect(machine.register(2) == 1)
    }

    @Test("LDREX of an unaligned word raises UNALIGNED (MemA)")
    func exclusiveUnaligned() {
        let machine = Self.machine([
            0xE8D0, 0x1F5F,  // 0: ldrexh r1, [r0]
        ], registers: [0: Self.base + 1])
        #expect(machine.run() == .breakpoint(pc: Self.hardFaultHandler, immediate: 3))
        #expect(machine.core.scs.cfsr & (1 << 24) != 0)
    }

    // MARK: - Table branch (A7.7.185)

    @Test("TBB with Rn = PC: the byte table follows the instruction", arguments: [(0, 1), (1, 2), (2, 3)])
    func tableBranchByte(index: UInt32, expected: UInt32) {
        // 0x100: tbb [pc, r0]; table at 0x104: 2, 4, 6 → targets 0x104 + 2·entry
        let machine = Self.machine([
            0xE8DF, 0xF000,  // 0: tbb [pc, r0]
            0x0402,  // 4: data
            0x0006,  // 6: data
            0x2101,  // 8: movs r1, #1
            0xE002,  // a: b.n 12 <.text+0x12>
            0x2102,  // c: movs r1, #2
            0xE000,  // e: b.n 12 <.text+0x12>
            0x2103,  // 10: movs r1, #3
            0xBF00,  // 12: nop
        ], registers: [0: index])
        machine.run()
        #expect(machine.register(1) == expected)
    }

    @Test("TBH reads halfword entries at Rn + 2·Rm")
    func tableBranchHalfword() {
        // 0x100: tbh [r0, r1, lsl #1]; 0x104: movs r2, #1; 0x106: movs r3, #3
        let machine = Self.machine([
            0xE8D0, 0xF011,  // 0: tbh [r0, r1, lsl #1]
            0x2201,  // 4: movs r2, #1
            0x2303,  // 6: movs r3, #3
        ], registers: [0: 0x2000_1000, 1: 1], data: [(0x2000_1000, [0, 0, 1, 0])])
        machine.run()
        #expect(machine.register(2) == 0)
        #expect(machine.register(3) == 3)
    }

    // MARK: - Branches and hints (A7.7.12, A5.3.4)

    @Test("B.W (T4) reaches far forward; B<cond>.W (T3) branches only when its condition passes")
    func wideBranches() {
        let machine = Self.machine([
            0xF000, 0xB814,  // 0: b.w 2c <.text+0x2c>
            0x0000,  // 4: data
            0x0000,  // 6: data
            0x0000,  // 8: data
            0x0000,  // a: data
            0x0000,  // c: data
            0x0000,  // e: data
            0x0000,  // 10: data
            0x0000,  // 12: data
            0x0000,  // 14: data
            0x0000,  // 16: data
            0x0000,  // 18: data
            0x0000,  // 1a: data
            0x0000,  // 1c: data
            0x0000,  // 1e: data
            0x0000,  // 20: data
            0x0000,  // 22: data
            0x0000,  // 24: data
            0x0000,  // 26: data
            0x0000,  // 28: data
            0x0000,  // 2a: data
            0x2801,  // 2c: cmp r0, #1
            0xF000, 0x8001,  // 2e: beq.w 34 <.text+0x34>
            0x2101,  // 32: movs r1, #1
            0xF040, 0x8001,  // 34: bne.w 3a <.text+0x3a>
            0x2202,  // 38: movs r2, #2
            0xBF00,  // 3a: nop
        ], registers: [0: 1])
        machine.run()
        #expect(machine.register(1) == 0)
        #expect(machine.register(2) == 2)
    }

    @Test("B<cond>.W backward loop counts down")
    func wideConditionalLoop() {
        let machine = Self.machine([
            0x3101,  // 0: adds r1, #1
            0x3801,  // 2: subs r0, #1
            0xF47F, 0xAFFC,  // 4: bne.w 0 <.text>
        ], registers: [0: 5])
        machine.run()
        #expect(machine.register(1) == 5)
    }

    @Test("NOP.W, YIELD.W, DBG, PLD and PLI do nothing; SEV.W sets the event register so WFE.W returns")
    func hints() {
        let machine = Self.machine([
            0xF3AF, 0x8000,  // 0: nop.w
            0xF3AF, 0x8001,  // 4: yield.w
            0xF3AF, 0x80F3,  // 8: dbg #3
            0xF890, 0xF004,  // c: pld [r0, #4]
            0xF910, 0xF001,  // 10: pli [r0, r1]
            0xF81F, 0xF004,  // 14: pld [pc, #-4]
            0xF3AF, 0x8004,  // 18: sev.w
            0xF3AF, 0x8002,  // 1c: wfe.w
            0x2202,  // 20: movs r2, #2
        ], registers: [0: 0x6000_0000, 1: 4])
        #expect(machine.run() == .breakpoint(pc: TestMachine.codeAddress + 34, immediate: 0))
        #expect(machine.register(2) == 2)
        #expect(machine.core.sleepCycles == 0)
    }
}
