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
