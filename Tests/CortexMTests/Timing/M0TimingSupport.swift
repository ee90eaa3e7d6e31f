import Testing
@testable import CortexM

/// Shared pieces of the Cortex-M0/M0+ timing suites.
///
/// Every program in these suites is hand-encoded; the comment next to each halfword
/// is the assembly it was checked against with `arm-none-eabi-as -mcpu=cortex-m0`
/// and `arm-none-eabi-objdump -d`. Addresses in those comments assume the program
/// starts at `TestMachine.codeAddress` (0x100).
enum M0Timing {
    /// The two ARMv6-M cores the TRM tables cover.
    static let cores: [CoreKind] = [.m0, .m0plus]

    /// The address of the `BKPT #0` the harness appends after `halfwordCount` halfwords.
    static func endAddress(afterHalfwords halfwordCount: Int, from start: UInt32 = TestMachine.codeAddress) -> UInt32 {
        start + UInt32(2 * halfwordCount)
    }

    /// Little-endian bytes of Thumb halfwords, for code placed with `data:`.
    static func bytes(_ halfwords: [UInt16]) -> [UInt8] {
        halfwords.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    /// Runs `machine` and records an issue unless it stopped at `BKPT #0` at `address`,
    /// so that a program that went astray cannot pass on its cycle count alone.
    static func run(
        _ machine: TestMachine, expectingBreakpointAt address: UInt32,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let stop = machine.run(cycleLimit: 10_000)
        #expect(stop == .breakpoint(pc: address, immediate: 0), sourceLocation: sourceLocation)
    }
}
