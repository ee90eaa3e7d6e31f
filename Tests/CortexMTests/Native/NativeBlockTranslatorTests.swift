import Testing
@testable import CortexM

/// Translated blocks (Sources/CortexM/Native/) must do exactly what the interpreter does:
/// same registers, flags, memory, cycles and instruction counts at every stop. Each test
/// runs the same program twice, translated and interpreted only (`stopTranslating`).
@Suite("Native block translation")
struct NativeBlockTranslatorTests {
    /// What a run leaves behind, for comparing the two ways of running it.
    struct Outcome: Equatable, CustomStringConvertible {
        var registers: [UInt32]
        var xpsr: UInt32
        var cycles: UInt64
        var instructions: UInt64
        var memory: [UInt32]
        var description: String { "r=\(registers.map { String($0, radix: 16) }) xpsr=\(String(xpsr, radix: 16)) cycles=\(cycles) instructions=\(instructions)" }
    }

    static let buffer = TestMachine.sramBase + 0x100

    static func outcome(
        _ kind: CoreKind, _ code: [UInt16], translated: Bool, cycleLimit: UInt64 = 1_000_000, codeInSRAM: Bool = false,
        setUp: (TestMachine) -> Void = { _ in }
    ) -> Outcome {
        let machine = TestMachine(kind, code: code, codeInSRAM: codeInSRAM)
        if !translated { machine.core.stopTranslating() }
        setUp(machine)
        machine.run(cycleLimit: cycleLimit)
        return Outcome(
            registers: (0..<16).map { machine.register($0) }, xpsr: machine.core.xpsr, cycles: machine.core.cycles,
            instructions: machine.core.instructions,
            memory: (0..<32).map { machine.word(at: buffer + UInt32($0) * 4) ?? 0 })
    }

    @Test("Blocks are translated on x86-64 Linux")
    func translationIsAvailable() {
        let machine = TestMachine(.m0, code: [0x2001, 0x2102])
        #if arch(x86_64) && os(Linux)
            #expect(machine.core.nativeTranslator != nil)
        #else
            #expect(machine.core.nativeTranslator == nil)
        #endif
    }

    @Test("A counted loop that translated code goes round itself costs what the TRM says", arguments: [10, 1, 200])
    func countedLoop(iterations: Int) {
        // movs r0,#n; loop: subs r0,#1; bne loop. M0 TRM Table 3-1: MOVS, SUBS 1 cycle;
        // B<cond> 3 taken, 1 not taken.
        let code: [UInt16] = [0x2000 | UInt16(iterations & 0xFF), 0x3801, 0xD1FD]
        let n = UInt64(iterations)
        let translated = Self.outcome(.m0, code, translated: true)
        #expect(translated.cycles - 1 == 1 + n + 3 * (n - 1) + 1)
        #expect(translated.instructions == 2 + 2 * n)
        #expect(translated == Self.outcome(.m0, code, translated: false))
    }

    @Test("A run stops at the same boundary with and without translation, for every cycle limit", arguments: [CoreKind.m0, .m4])
    func cycleLimitSweep(kind: CoreKind) {
        // r0 = 6; outer: movs r1,#3; inner: adds r2,r1; str r2,[r6]; subs r1,#1; bne inner;
        // ldr r3,[r6]; subs r0,#1; bne outer: loops of two blocks linked to each other.
        let code: [UInt16] = [0x2006, 0x2103, 0x188A, 0x6032, 0x3901, 0xD1FB, 0x6833, 0x3801, 0xD1F7]
        for limit in UInt64(1)...140 {
            let setUp: (TestMachine) -> Void = { $0.setRegister(6, Self.buffer) }
            let translated = Self.outcome(kind, code, translated: true, cycleLimit: limit, setUp: setUp)
            let interpreted = Self.outcome(kind, code, translated: false, cycleLimit: limit, setUp: setUp)
            #expect(translated == interpreted, "limit \(limit)")
        }
    }

    @Test("A store into the block being run leaves translated code, and the new instruction runs")
    func storeIntoOwnBlock() {
        // Code in SRAM: strh r1,[r2] overwrites the movs r3,#1 two instructions later with
        // movs r3,#7 (0x2307, in r1); then adds r4,#1 and the patched instruction.
        let code: [UInt16] = [0x8011, 0x3401, 0x2301, 0x3401]
        let setUp: (TestMachine) -> Void = {
            $0.setRegister(1, 0x2307)
            $0.setRegister(2, TestMachine.sramBase + 0x100 + 4)
        }
        let translated = Self.outcome(.m0, code, translated: true, codeInSRAM: true, setUp: setUp)
        #expect(translated.registers[3] == 7)
        #expect(translated == Self.outcome(.m0, code, translated: false, codeInSRAM: true, setUp: setUp))
    }

    @Test("An unaligned word load leaves translated code for the interpreter's fault (M0) or access (M4)", arguments: [CoreKind.m0, .m4])
    func unalignedLoad(kind: CoreKind) {
        // movs r0,#1; ldr r1,[r6,#0] with r6 odd; adds r2,#1.
        let code: [UInt16] = [0x2001, 0x6831, 0x3201]
        let setUp: (TestMachine) -> Void = { $0.setRegister(6, Self.buffer + 1) }
        #expect(Self.outcome(kind, code, translated: true, setUp: setUp) == Self.outcome(kind, code, translated: false, setUp: setUp))
    }

    @Test("In a run that watches memory, translated loads and stores keep the written-byte map as the interpreter does", arguments: [CoreKind.m0, .m4])
    func watchedMemory(kind: CoreKind) {
        // str r1,[r6,#0]; ldr r2,[r6,#0] (written); ldr r3,[r6,#8] (never written: reported);
        // push {r1,r2}; pop {r4,r5}; ldrb r0,[r6,#9] (never written); adds r0,#1.
        let code: [UInt16] = [0x6031, 0x6832, 0x68B3, 0xB406, 0xBC30, 0x7A70, 0x3001]
        func watchedRun(translated: Bool) -> (reads: [MemoryWatch.UninitializedRead], total: UInt64, outcome: Outcome) {
            let machine = TestMachine(kind, code: code)
            if !translated { machine.core.stopTranslating() }
            let watch = MemoryWatch(bus: machine.bus)
            machine.core.watchMemory(watch)
            machine.setRegister(1, 0x1234_5678)
            machine.setRegister(6, Self.buffer)
            machine.run()
            let outcome = Outcome(
                registers: (0..<16).map { machine.register($0) }, xpsr: machine.core.xpsr, cycles: machine.core.cycles,
                instructions: machine.core.instructions, memory: [])
            return (watch.reads, watch.totalCount, outcome)
        }
        let translated = watchedRun(translated: true)
        let interpreted = watchedRun(translated: false)
        #expect(translated.total == 2)
        #expect(translated.reads.map(\.address) == [Self.buffer + 8, Self.buffer + 9])
        #expect(translated.reads == interpreted.reads)
        #expect(translated.total == interpreted.total)
        #expect(translated.outcome == interpreted.outcome)
    }

    @Test("Random programs of translated instructions give the interpreter's results", arguments: [CoreKind.m0, .m4])
    func randomPrograms(kind: CoreKind) {
        var generator = ProgramGenerator(seed: kind == .m0 ? 0x5EED_0000 : 0x5EED_0004, allowsIT: kind == .m4)
        for program in 0..<300 {
            let code = generator.program(length: 40)
            let setUp: (TestMachine) -> Void = { machine in
                machine.setRegister(5, 8)
                machine.setRegister(6, Self.buffer)
                for register in 0..<5 { machine.setRegister(register, generator.seedValue(register + program)) }
            }
            let translated = Self.outcome(kind, code, translated: true, setUp: setUp)
            let interpreted = Self.outcome(kind, code, translated: false, setUp: setUp)
            #expect(translated == interpreted, "program \(program): \(code.map { String($0, radix: 16) })")
        }
    }
}

/// Random straight-line Thumb programs of the instructions the translator handles, run 4
/// times round a loop (r7 counts): ALU operations on r0-r4 (any of r0-r7 as sources),
/// loads and stores at r6 (a buffer in SRAM) plus small immediates or r5 (8), PUSH/POP,
/// forward B<cond> over one instruction and, on the M4, IT blocks.
struct ProgramGenerator {
    var state: UInt64
    let allowsIT: Bool

    init(seed: UInt64, allowsIT: Bool) {
        state = seed
        self.allowsIT = allowsIT
    }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    func seedValue(_ index: Int) -> UInt32 {
        [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1234_5678, 31, 32, 0xFFFF_0000][index % 9]
    }

    /// One instruction that writes only r0-r4 (and memory at r6).
    mutating func instruction() -> UInt16 {
        let d = UInt16(next(5)), n = UInt16(next(8)), m = UInt16(next(8))
        switch next(12) {
        case 0: return [0x1800, 0x1A00][next(2)] | m << 6 | n << 3 | d
        case 1: return [0x1C00, 0x1E00][next(2)] | UInt16(next(8)) << 6 | n << 3 | d
        case 2: return [0x2000, 0x2800, 0x3000, 0x3800][next(4)] | d << 8 | UInt16(next(256))
        case 3, 4:
            // AND EOR LSL LSR ASR ADC SBC ROR TST RSB CMP CMN ORR MUL BIC MVN (register).
            return 0x4000 | UInt16(next(16)) << 6 | m << 3 | d
        case 5: return [0x0000, 0x0800, 0x1000][next(3)] | UInt16(next(32)) << 6 | m << 3 | d
        case 6:
            let (opcode, scale) = [(0x6000, 4), (0x6800, 4), (0x7000, 1), (0x7800, 1), (0x8000, 2), (0x8800, 2)][next(6)]
            let t = opcode & 0x0800 != 0 ? d : UInt16(next(8))
            return UInt16(opcode) | UInt16(next(16 / scale * 2)) << 6 | 6 << 3 | t
        case 7:
            let opcode = [0x5000, 0x5200, 0x5400, 0x5600, 0x5800, 0x5A00, 0x5C00, 0x5E00][next(8)]
            let t = opcode == 0x5000 || opcode == 0x5200 || opcode == 0x5400 ? UInt16(next(8)) : d
            return UInt16(opcode) | 5 << 6 | 6 << 3 | t
        case 8: return [0xB200, 0xB240, 0xB280, 0xB2C0][next(4)] | m << 3 | d
        case 9: return 0x4600 | m << 3 | d  // mov (register)
        case 10: return 0x4400 | m << 3 | d  // add (register)
        default: return 0x4240 | m << 3 | d  // rsbs
        }
    }

    mutating func program(length: Int) -> [UInt16] {
        var body: [UInt16] = []
        while body.count < length {
            switch next(10) {
            case 0:
                // B<cond> over one instruction.
                body.append(0xD000 | UInt16(next(14)) << 8)
                body.append(instruction())
            case 1:
                // push {r0-r4}; a few instructions; pop {r0-r4} (or the reverse registers).
                let list = UInt16(1 + next(31))
                body.append(0xB400 | list)
                body.append(instruction())
                body.append(0xBC00 | list)
            case 2 where allowsIT:
                let condition = UInt16(next(14))
                body.append(0xBF00 | condition << 4 | [0x8, 0x4, 0xC, 0x2][next(4)])
                for _ in 0..<4 { body.append(instruction()) }
            default:
                body.append(instruction())
            }
        }
        // movs r7,#4; body; subs r7,#1; bne body.
        let back = -(body.count + 3)
        return [0x2704] + body + [0x3F01, 0xD100 | UInt16(UInt8(truncatingIfNeeded: back))]
    }
}
