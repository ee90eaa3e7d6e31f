import Testing
@testable import CortexM

/// Event stops (CortexMCore+EventStop.swift): the run loop compares the cycle count with
/// the next event once per block, with the block's static total, and replaces the op of
/// the slot where an event falls due. These tests stop runs with a cycle limit, which is
/// such an event: a run stops at the first instruction boundary whose count reaches the
/// limit, also when dynamic costs in the middle of the block move that boundary.
@Suite("Event stops")
struct EventStopTests {
    /// `adds r3,#1`: 1 cycle on both cores (M0 TRM Table 3-1, M4 TRM Table 3-1).
    static let addsR3: UInt16 = 0x3301

    /// Runs a fresh machine to each limit in `limits` and returns the cycles and
    /// instructions at each stop.
    static func stops(
        _ limits: ClosedRange<UInt64>, _ make: () -> TestMachine
    ) -> [(limit: UInt64, cycles: UInt64, instructions: UInt64)] {
        limits.map { limit in
            let machine = make()
            _ = machine.run(cycleLimit: limit)
            return (limit, machine.core.cycles, machine.core.instructions)
        }
    }

    /// The boundary, in cycles and instructions, where a run limited to `limit` must stop:
    /// the first one whose cumulative cost reaches it.
    static func expectedStop(_ costs: [UInt64], limit: UInt64) -> (cycles: UInt64, instructions: UInt64) {
        var cycles: UInt64 = 0
        for (index, cost) in costs.enumerated() {
            cycles += cost
            if cycles >= limit { return (cycles, UInt64(index + 1)) }
        }
        return (cycles, UInt64(costs.count))
    }

    @Test("A divide's early-termination cycles in the middle of a block move the stop to the right boundary")
    func divideInsideBlock() {
        // udiv r0,r1,r2 with r1 = 0xFFFFFFFF, r2 = 1: 32 quotient bits, 2 + 32/3 = 12 cycles
        // (M4 TRM Table 3-1 "2-12", armsim's rule in docs/cycle-model.md); six adds of 1.
        // Statically the block costs 1 + 6, so the limits 8-12 fall inside it only once
        // the divide has run.
        let costs: [UInt64] = [12, 1, 1, 1, 1, 1, 1]
        for stop in Self.stops(1...18, {
            let machine = TestMachine(.m4, code: TestMachine.wide(0xFBB1_F0F2) + Array(repeating: Self.addsR3, count: 6))
            machine.setRegister(1, 0xFFFF_FFFF)
            machine.setRegister(2, 1)
            return machine
        }) {
            let expected = Self.expectedStop(costs, limit: stop.limit)
            #expect(stop.cycles == expected.cycles, "limit \(stop.limit)")
            #expect(stop.instructions == expected.instructions, "limit \(stop.limit)")
        }
    }

    @Test("A data read's flash wait states in the middle of a block move the stop to the right boundary")
    func flashWaitStatesInsideBlock() {
        // Code in SRAM (no fetch wait states); ldr r0,[r1] reads flash with 2 wait states:
        // 2 + 2 cycles (M0 TRM Table 3-1 LDR 2, plus the region's wait states,
        // docs/cycle-model.md); then six adds of 1.
        let costs: [UInt64] = [4, 1, 1, 1, 1, 1, 1]
        for stop in Self.stops(1...10, {
            let machine = TestMachine(.m0, code: [0x6808] + Array(repeating: Self.addsR3, count: 6), flashWaitStates: 2, codeInSRAM: true)
            machine.setRegister(1, TestMachine.codeAddress)
            return machine
        }) {
            let expected = Self.expectedStop(costs, limit: stop.limit)
            #expect(stop.cycles == expected.cycles, "limit \(stop.limit)")
            #expect(stop.instructions == expected.instructions, "limit \(stop.limit)")
        }
    }

    @Test("An exception that WFI sleeps until is taken right after the WFI, in the middle of its block", arguments: [CoreKind.m0, .m4])
    func wakeFromSleepInsideBlock(kind: CoreKind) {
        // str r1,[r0,#4] (SYST_RVR = 50); str r2,[r0] (SYST_CSR = ENABLE, TICKINT, CLKSOURCE);
        // wfi; four adds; bkpt. SysTick handler: mov r4,r3; movs r5,#0; str r5,[r0]
        // (SysTick off); bx lr. Sleeping moves the count to the tick (B3.3.1), which is
        // then due before the first add.
        let handler = TestMachine.codeAddress + 16
        let code: [UInt16] = [0x6041, 0x6002, 0xBF30] + Array(repeating: Self.addsR3, count: 4) + [0xBE00]
            + [0x461C, 0x2500, 0x6005, 0x4770]
        let machine = TestMachine(kind, code: code, vectors: [ExceptionNumber.sysTick: handler])
        machine.setRegister(0, 0xE000_E010)
        machine.setRegister(1, 50)
        machine.setRegister(2, 7)
        machine.setRegister(4, 0xFF)
        #expect(machine.run() == .breakpoint(pc: TestMachine.codeAddress + 14, immediate: 0))
        #expect(machine.register(4) == 0, "the handler ran before the first add")
        #expect(machine.register(3) == 4)
        #expect(machine.core.sleepCycles > 0)
    }

    @Test("Every cycle limit over a loop with branches, divides and wait states stops at the first boundary that reaches it")
    func everyLimitStopsAtTheFirstBoundary() {
        // loop: ldr r0,[r1] (flash, 1 wait state); udiv r0,r2,r5; adds r3,#1; cmp r3,r4;
        // itt ne; addne r6,#1; udivne r0,r2,r3; bne loop; then two adds.
        // Per pass the divides cost more as r3 grows; the IT block runs on all passes but
        // the last. Whatever the costs, a run limited to L must stop at the first boundary
        // at or past L: that boundary is where some other limit's run stopped too, so a
        // stop past it would show as a boundary skipped over.
        let code: [UInt16] = [0x6808] + TestMachine.wide(0xFBB2_F0F5) + [0x3301, 0x42A3, 0xBF1C, 0x3601]
            + TestMachine.wide(0xFBB2_F0F3) + [0xD1F5, 0x3301, 0x3301]
        let limits: ClosedRange<UInt64> = 1...400
        let stops = Self.stops(limits) {
            let machine = TestMachine(.m4, code: code, flashWaitStates: 1, codeInSRAM: true)
            machine.setRegister(1, TestMachine.codeAddress)
            machine.setRegister(2, 0x7FFF_FFFF)
            machine.setRegister(4, 8)
            machine.setRegister(5, 3)
            return machine
        }
        let boundaries = Set(stops.map(\.cycles))
        let instructionsAtBoundary = Dictionary(stops.map { ($0.cycles, $0.instructions) }, uniquingKeysWith: { a, _ in a })
        let finished = stops.last!
        #expect(finished.cycles < limits.upperBound, "the program runs to its BKPT within the limits")
        for stop in stops where stop.limit <= finished.cycles {
            #expect(stop.cycles >= stop.limit, "limit \(stop.limit)")
            let skipped = boundaries.filter { $0 >= stop.limit && $0 < stop.cycles }
            #expect(skipped.isEmpty, "limit \(stop.limit) stopped at \(stop.cycles), past \(skipped.sorted())")
            #expect(instructionsAtBoundary[stop.cycles] == stop.instructions, "limit \(stop.limit)")
        }
    }
}
