import MemoryBus
import Testing
@testable import CortexM

/// The flash accelerator approximation of docs/cycle-model.md ("Flash accelerators"):
/// sequential fetches are free, a taken branch pays the wait states when its target's line
/// misses the instruction cache, a data read when its line misses the data cache.
@Suite("Flash accelerator timing")
struct FlashAcceleratorTimingTests {
    /// 0x100 movs r0,#3; 0x102 subs r0,#1; 0x104 bne 0x102; 0x106 ldr r1,[pc,#8];
    /// 0x108 nop; 0x10A ldr r2,[pc,#4]; 0x10C bkpt — both loads read the word at 0x110.
    static let code: [UInt16] = [0x2003, 0x3801, 0xD1FD, 0x4902, 0xBF00, 0x4A01]
    static let literal: [(UInt32, [UInt8])] = [(0x110, [0x78, 0x56, 0x34, 0x12])]
    static let art = FlashAccelerator(lineBytes: 16, instructionCacheLines: 64, dataCacheLines: 8)

    @Test("Behind an accelerator only the first taken branch to a line and the first read of a line pay the 3 wait states")
    func acceleratorHidesRepeatedFetchesAndReads() {
        let machine = TestMachine(.m4, code: Self.code, flashWaitStates: 3, flashAccelerator: Self.art, data: Self.literal)
        machine.run()
        #expect(machine.register(1) == 0x1234_5678 && machine.register(2) == 0x1234_5678)
        // M4 TRM Table 3-1: MOVS 1, SUBS 1 ×3, BNE taken 1+P = 3 ×2 and not taken 1, LDR 2 ×2, NOP 1
        // = 16; plus 3 for the first branch to line 0x100 (miss) and 3 for the first read of
        // line 0x110 (miss); the second branch and the second read hit.
        #expect(machine.cycles == 16 + 3 + 3)
    }

    @Test("Without an accelerator every fetch word, unaligned branch target and flash read pays (the same program: 46 cycles)")
    func withoutAcceleratorEveryAccessPays() {
        let machine = TestMachine(.m4, code: Self.code, flashWaitStates: 3, data: Self.literal)
        machine.run()
        // Fetch words started: MOVS (0x100), BNE (0x104) ×3, NOP (0x108), and the final BKPT
        // (0x10C, whose fetch wait the harness does not subtract): 6 × 3; targets at 0x102
        // (bit 1 set) ×2: 2 × 3; two flash reads: 2 × 3.
        #expect(machine.cycles == 16 + 18 + 6 + 6)
    }

    @Test("A prefetch buffer without caches hides sequential fetches but every taken branch and read pays")
    func prefetchOnlyPaysOnEveryBranchAndRead() {
        let prefetchOnly = FlashAccelerator(lineBytes: 8, instructionCacheLines: 0, dataCacheLines: 0)
        let machine = TestMachine(.m4, code: Self.code, flashWaitStates: 3, flashAccelerator: prefetchOnly, data: Self.literal)
        machine.run()
        #expect(machine.cycles == 16 + 2 * 3 + 2 * 3)
    }

    @Test("Code in SRAM is not affected by the flash accelerator")
    func sramCodeIsUnaffected() {
        let machine = TestMachine(.m4, code: [0x2003, 0x3801, 0xD1FD], flashWaitStates: 3, flashAccelerator: Self.art, codeInSRAM: true)
        machine.run()
        #expect(machine.cycles == 1 + 3 + 3 + 3 + 1)
    }
}
