import Testing
@testable import CortexM

@Suite("Harness")
struct HarnessTests {
    @Test("MOVS r0,#1; ADDS r0,r0,#1 takes 2 cycles on M0 and M0+ (TRM Table 3-1: MOVS 1, ADDS 1)")
    func movsAddsTakesTwoCycles() {
        for kind in [CoreKind.m0, .m0plus] {
            let machine = TestMachine(kind, code: [0x2001, 0x1C40])
            let stop = machine.run()
            #expect(stop == .breakpoint(pc: TestMachine.codeAddress + 4, immediate: 0))
            #expect(machine.register(0) == 2)
            #expect(machine.cycles == 2)
        }
    }
}

@Suite("Run limits")
struct RunLimitTests {
    @Test("A wall-clock deadline stops an endless loop with .interrupted (armsim run --timeout, exit 124)")
    func wallClockDeadlineStopsTheRun() {
        // loop: adds r0, #1; b loop — not a branch to itself, so only a limit ends it.
        let machine = TestMachine(.m0, code: [0x3001, 0xE7FD])
        machine.core.wallClockDeadline = CortexMCore.monotonicNanoseconds()
        #expect(machine.run(cycleLimit: .max) == .interrupted)
        #expect(machine.core.cycles <= 2 * 4_000_000 + 16, "checked within one check interval")
    }

    @Test("The cycle limit stops an endless loop with .cycleLimit")
    func cycleLimitStopsTheRun() {
        let machine = TestMachine(.m0, code: [0x3001, 0xE7FD])
        #expect(machine.run(cycleLimit: 10_000) == .cycleLimit)
        #expect(machine.core.cycles >= 10_000 && machine.core.cycles < 10_010)
    }
}
