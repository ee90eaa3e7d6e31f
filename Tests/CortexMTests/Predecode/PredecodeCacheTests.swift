import Testing
@testable import CortexM

/// Blocks of decoded code (docs/hot-loop.md): stores into decoded code in RAM take
/// effect at the next instruction, blocks longer than the limit and taken branches into
/// decoded blocks chain correctly, and none of this costs simulated cycles.
@Suite("Predecode cache")
struct PredecodeCacheTests {
    static let codeAddress: UInt32 = TestMachine.sramBase + 0x100

    @Test("A store that rewrites the next instruction of the running block executes the new instruction, at no extra cycle")
    func storeIntoNextInstructionTakesEffect() {
        // 0x20000100 strh r2,[r1]; 0x20000102 movs r0,#1 (rewritten to movs r0,#2); bkpt
        let machine = TestMachine(.m0, code: [0x800A, 0x2001], codeInSRAM: true)
        machine.setRegister(1, Self.codeAddress + 2)
        machine.setRegister(2, 0x2002)
        machine.run()
        #expect(machine.register(0) == 2)
        // M0 TRM Table 3-1: STRH 2, MOVS 1.
        #expect(machine.cycles == 3)
    }

    @Test("Code rewritten after it was executed is decoded again")
    func codeRewrittenAfterExecutionIsDecodedAgain() {
        // loop: adds r0,#1 (rewritten by the first pass to adds r0,#5); adds r3,#1;
        // strh r2,[r1]; cmp r0,#6; bne loop; bkpt. Two passes: r0 = 1 + 5, r3 = 2. With the
        // stale decode it would take six passes.
        let machine = TestMachine(.m0, code: [0x3001, 0x3301, 0x800A, 0x2806, 0xD1FA], codeInSRAM: true)
        machine.setRegister(1, Self.codeAddress)
        machine.setRegister(2, 0x3005)
        machine.run()
        #expect(machine.register(0) == 6)
        #expect(machine.register(3) == 2)
        // M0 TRM Table 3-1: per pass ADDS 1, ADDS 1, STRH 2, CMP 1; BNE taken 3, not taken 1.
        #expect(machine.cycles == 2 * 5 + 3 + 1)
    }

    @Test("Straight-line code longer than one block runs through every block boundary")
    func longStraightLineCodeSpansBlocks() {
        let count = PredecodeCache.maximumInstructions * 2 + 7
        let machine = TestMachine(.m0, code: [UInt16](repeating: 0x3001, count: count))
        machine.run()
        #expect(machine.register(0) == UInt32(count))
        // M0 TRM Table 3-1: ADDS 1 each.
        #expect(machine.cycles == UInt64(count))
        #expect(machine.core.instructions == UInt64(count) + 1)
    }

    @Test("A loop whose taken branch goes straight on into its decoded block counts every pass")
    func loopBranchChainsIntoDecodedBlock() {
        // movs r0,#0; loop: adds r0,#1; cmp r0,#5; bne loop; bkpt. The first BNE leaves for the
        // lookup of `loop`, which decodes a block there; from then on BNE branches to the
        // first slot of its own block (`Slot.loopBack`).
        let machine = TestMachine(.m0, code: [0x2000, 0x3001, 0x2805, 0xD1FC])
        machine.run()
        #expect(machine.register(0) == 5)
        // M0 TRM Table 3-1: MOVS 1; per pass ADDS 1, CMP 1; BNE taken 3 (four times), not taken 1.
        #expect(machine.cycles == 1 + 5 * 2 + 4 * 3 + 1)
        // MOVS, five passes of three, and the BKPT that stops the run.
        #expect(machine.core.instructions == 1 + 5 * 3 + 1)
    }

    @Test("IT blocks across block boundaries: each instruction counted once, a failed one at its skipped cost")
    func itBlocksAcrossBlockBoundaries() {
        // cmp r2,r2 (Z = 1); then 40 times: ite eq; adds r0,#1 (runs); ldr r1,[r3] (skipped).
        // 121 instructions: the blocks split inside IT blocks, where a block starts with the
        // condition check of an IT-block instruction.
        let repeats = 40
        let code: [UInt16] = [0x4292] + [[UInt16]](repeating: [0xBF0C, 0x3001, 0x6819], count: repeats).flatMap { $0 }
        let machine = TestMachine(.m4, code: code)
        machine.setRegister(1, 0xCAFE)
        machine.setRegister(3, TestMachine.sramBase)
        machine.run()
        #expect(machine.register(0) == UInt32(repeats))
        #expect(machine.register(1) == 0xCAFE)
        // M4 TRM Table 3-1: CMP 1, IT 1 (not folded), ADD 1; an IT-block instruction whose
        // condition fails costs 1 (docs/cycle-model.md), where LDR would cost 2.
        #expect(machine.cycles == UInt64(1 + repeats * 3))
        // The instructions and the BKPT that stops the run.
        #expect(machine.core.instructions == UInt64(1 + repeats * 3) + 1)
    }

    @Test("The PC read between runs is the next instruction's, also when the run stops inside a block")
    func pcAtStopsInsideABlock() {
        // Ten adds r0,#1 (1 cycle each, M0 TRM Table 3-1) in one block, then the BKPT.
        let machine = TestMachine(.m0, code: [UInt16](repeating: 0x3001, count: 10))
        #expect(machine.run(cycleLimit: 4) == .cycleLimit)
        #expect(machine.register(0) == 4)
        #expect(machine.core.pc == TestMachine.codeAddress + 8)
        #expect(machine.core.instructions == 4)
        // The run goes on from there, in the middle of the decoded block.
        #expect(machine.run() == .breakpoint(pc: TestMachine.codeAddress + 20, immediate: 0))
        #expect(machine.register(0) == 10)
        #expect(machine.core.pc == TestMachine.codeAddress + 20)
        #expect(machine.core.instructions == 11)
    }

    @Test("Stores to RAM outside decoded code do not discard decoded code")
    func dataStoresLeaveDecodedCodeAlone() {
        // 0x20000100 str r2,[r1]; bkpt — r1 points at data well past the code.
        let machine = TestMachine(.m0, code: [0x600A], codeInSRAM: true)
        machine.setRegister(1, TestMachine.sramBase + 0x8000)
        machine.setRegister(2, 0xCAFE)
        machine.run()
        #expect(machine.word(at: TestMachine.sramBase + 0x8000) == 0xCAFE)
        #expect(machine.core.decodedRAMLow == Self.codeAddress)
        #expect(machine.core.decodedRAMHigh == Self.codeAddress + 4)
    }
}
