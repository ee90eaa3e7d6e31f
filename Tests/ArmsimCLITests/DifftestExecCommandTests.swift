import Testing
@testable import ArmsimCLI

/// `armsim difftest-exec`: the case format it reads and the result line it prints
/// (docs/difftest.md). The expected line is derived by hand from the case.
@Suite("difftest-exec")
struct DifftestExecCommandTests {
    /// `MOVS r0, #5; ADDS r0, r0, r1; PUSH {r0, r1}; BKPT #0` from r1 = 1, SP = 0x20000800 and
    /// all four flags set: ADDS gives 6 with N Z C V clear, PUSH stores 6 and 1 below SP.
    static let caseLine =
        "c1 core=m0 code=0520401803b400be r=0,1,2,3,4,5,6,7,8,9,a,b,c,20000800,ffffffff apsr=f0000000 "
        + "fill=20000000:2000:1234 end=406"

    @Test("a case runs from its registers and flags, and the result lists registers, xPSR and changed SRAM words")
    func caseRunsAndPrintsItsFinalState() throws {
        let testCase = try DifftestCase(parsing: ArraySlice(Self.caseLine.utf8))
        var output: [UInt8] = []
        DifftestMachine.run(testCase, maxCycles: 1000, into: &output)
        let registers = "00000006,00000001,00000002,00000003,00000004,00000005,00000006,00000007,"
            + "00000008,00000009,0000000a,0000000b,0000000c,200007f8,ffffffff,00000406"
        #expect(String(decoding: output, as: UTF8.self)
            == "c1 stop=bkpt:406:0 n=3 r=\(registers) xpsr=01000000 mem=200007f8:00000006,200007fc:00000001\n")
    }

    @Test("the fill generator is the murmur3 finaliser of seed + index * 0x9E3779B9")
    func fillWordMatchesTheSharedDefinition() {
        // The value of fill_word(5, 0) in firmware/tools/difftest/cases.py (its numpy and its
        // plain-Python paths agree): the two sides must fill SRAM identically.
        #expect(DifftestIO.fillWord(seed: 5, index: 0) == 0xCC0D_53CD)
    }

    @Test("a malformed case is rejected with the offending key")
    func malformedCaseIsRejected() {
        #expect(throws: DifftestFormatError.self) {
            try DifftestCase(parsing: ArraySlice("c1 core=m0 code=00be r=1,2 apsr=0".utf8))
        }
        #expect(throws: DifftestFormatError.self) {
            try DifftestCase(parsing: ArraySlice("c1 core=m7 code=00be".utf8))
        }
    }
}
