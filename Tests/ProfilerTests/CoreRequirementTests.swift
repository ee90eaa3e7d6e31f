import Boards
import CortexM
import ELFLoader
import Foundation
import Testing
@testable import Profiler


/// An image with only the given attributes and e_flags: what the requirement reads.
private func image(_ attributes: BuildAttributes?, flags: UInt32 = 0x0500_0200) -> FirmwareImage {
    FirmwareImage(
        path: "attrs.elf", entryAddress: 0x41, machineFlags: flags, segments: [], sections: [], symbols: SymbolTable(symbols: []),
        buildAttributes: attributes)
}

private let m0 = BoardCatalog.generic(core: .m0)
private let m0plus = BoardCatalog.generic(core: .m0plus)
private let m4f = BoardCatalog.generic(core: .m4)
private let m4WithoutFPU: Board = {
    var board = BoardCatalog.generic(core: .m4)
    board.hasFPU = false
    return board
}()

@Suite("Core requirement from build attributes")
struct CoreRequirementTests {
    /// Tag_CPU_arch / profile pairs and the boards that can run them (IHI 0045 values).
    @Test(
        "the architecture decides which cores run an image",
        arguments: [
            (BuildAttributes(cpuArchitecture: 11, cpuProfile: 0x4D), [true, true, true]),  // v6-M
            (BuildAttributes(cpuArchitecture: 12, cpuProfile: 0x4D), [true, true, true]),  // v6S-M
            (BuildAttributes(cpuArchitecture: 10, cpuProfile: 0x4D), [false, false, true]),  // v7-M
            (BuildAttributes(cpuArchitecture: 10), [false, false, true]),  // v7, common subset
            (BuildAttributes(cpuArchitecture: 13, cpuProfile: 0x4D), [false, false, true]),  // v7E-M
            (BuildAttributes(cpuArchitecture: 10, cpuProfile: 0x41), [false, false, false]),  // v7-A
            (BuildAttributes(cpuArchitecture: 16, cpuProfile: 0x4D), [false, false, false]),  // v8-M.baseline
            (BuildAttributes(cpuArchitecture: 17, cpuProfile: 0x4D), [false, false, false]),  // v8-M.mainline
            (BuildAttributes(cpuArchitecture: 2), [true, true, true]),  // v4T: not judged
            (BuildAttributes(cpuName: "custom"), [true, true, true]),  // no Tag_CPU_arch: not judged
        ] as [(BuildAttributes, [Bool])])
    func architectureDecidesTheCores(attributes: BuildAttributes, runsOn: [Bool]) {
        let requirement = CoreRequirement(image: image(attributes))
        #expect([m0, m0plus, m4f].map(requirement.isMet(by:)) == runsOn, "\(attributes)")
    }

    @Test("an image with no attributes is not judged, as before")
    func noAttributesIsNotJudged() {
        let requirement = CoreRequirement(image: image(nil))
        #expect(requirement.cores == nil && !requirement.needsFPU)
        #expect(requirement.isMet(by: m0))
    }

    @Test("the hard-float ABI, VFP-register arguments or an FP architecture need an FPU")
    func fpuEvidence() {
        let hardFloat = CoreRequirement(image: image(nil, flags: 0x0500_0400))
        #expect(hardFloat.fpuEvidence == ["hard-float ABI"])
        #expect(!hardFloat.isMet(by: m4WithoutFPU) && hardFloat.isMet(by: m4f) && !hardFloat.isMet(by: m0))
        let softFP = CoreRequirement(image: image(BuildAttributes(cpuArchitecture: 13, cpuProfile: 0x4D, fpArchitecture: 6)))
        #expect(softFP.needsFPU && !softFP.isMet(by: m4WithoutFPU))
        #expect(softFP.summary == "ARMv7E-M with an FPU (Tag_FP_arch VFPv4-D16)")
        let vfpArguments = CoreRequirement(image: image(BuildAttributes(vfpArguments: 1)))
        #expect(vfpArguments.fpuEvidence == ["Tag_ABI_VFP_args VFP registers"])
        // An EABI 4 file's 0x400 bit meant something else (IHI 0044): not hard-float.
        #expect(!CoreRequirement(image: image(nil, flags: 0x0400_0400)).needsFPU)
        #expect(!CoreRequirement(image: image(BuildAttributes(cpuArchitecture: 13, fpArchitecture: 0))).needsFPU)
    }

    @Test("an ARMv7E-M hard-float image on a Cortex-M0 board is refused before it runs, naming both in one line")
    func m4ImageOnM0BoardIsRefused() throws {
        let board = try BoardCatalog.board(key: "microbit-v1")
        let kws = try loadFirmware(board: "nano33", program: "kws")
        do {
            _ = try Session(image: kws, board: board, standardOutput: { _ in }, standardError: { _ in })
            Issue.record("kws.elf (ARMv7E-M, FPU) was accepted on microbit-v1 (Cortex-M0)")
        } catch {
            guard case .coreCannotRunImage(_, let imagePhrase, let boardKey, let core) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(imagePhrase == "ARMv7E-M with an FPU (Tag_FP_arch VFPv4-D16, hard-float ABI)")
            #expect(boardKey == "microbit-v1")
            #expect(core == "Cortex-M0 (ARMv6-M, no FPU)")
            #expect(error.description.hasSuffix("kws.elf is built for ARMv7E-M with an FPU (Tag_FP_arch VFPv4-D16, hard-float ABI), which the Cortex-M0 (ARMv6-M, no FPU) of microbit-v1 cannot run"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("an ARMv6-M image runs on a Cortex-M4 board")
    func v6MImageRunsOnM4() throws {
        let session = try Session(
            image: try loadFirmware(board: "generic-m0", program: "hello"), board: BoardCatalog.generic(core: .m4), standardOutput: { _ in },
            standardError: { _ in })
        #expect(session.run().stopReason == .exited(status: 0))
    }

    @Test("a hard-float image on a Cortex-M4 without FPU is refused")
    func hardFloatImageOnM4WithoutFPUIsRefused() throws {
        #expect(throws: ProfilerError.coreCannotRunImage(
            file: "attrs.elf", image: "ARMv7E-M with an FPU (Tag_FP_arch VFPv4-D16, hard-float ABI)", board: "generic-m4",
            core: "Cortex-M4 (ARMv7E-M, no FPU)")) {
            _ = try Session(
                image: image(BuildAttributes(cpuArchitecture: 13, cpuProfile: 0x4D, fpArchitecture: 6), flags: 0x0500_0400),
                board: m4WithoutFPU, standardOutput: { _ in }, standardError: { _ in })
        }
    }

    @Test("turning the check off runs the image into the fault it would hit")
    func overrideRunsIntoTheFault() throws {
        var options = RunOptions(maxCycles: 1_000_000)
        options.checksCoreRequirement = false
        let result = try Session(
            image: try loadFirmware(board: "nano33", program: "hello"), board: try BoardCatalog.board(key: "microbit-v1"), options: options,
            standardOutput: { _ in }, standardError: { _ in }
        ).run()
        guard case .undefinedInstruction = result.fault?.kind else {
            Issue.record("expected an undefined-instruction fault, got \(String(describing: result.fault)) / \(result.stopReason)")
            return
        }
    }

    @Test("fit judges a core mismatch from the attributes without running the image")
    func fitJudgesCoreMismatchWithoutARun() throws {
        let report = FitReport.evaluate(image: try loadFirmware(board: "nano33", program: "kws"), board: try BoardCatalog.board(key: "pico"))
        #expect(report.verdict == .coreMismatch)
        #expect(report.result == nil)
        #expect(report.file.hasSuffix("nano33/kws.elf"))
        #expect(report.reasons.first?.contains("Cortex-M0+ (ARMv6-M, no FPU) of pico") == true)
    }
}

@Suite("Report colours")
struct ReportColorTests {
    @Test("the plain style adds no escape codes; the ANSI style wraps text in SGR colour and reset")
    func paint() {
        #expect(TextStyle.plain.paint("FITS", .green) == "FITS")
        #expect(TextStyle.ansi.paint("FITS", .green) == "\u{1B}[32mFITS\u{1B}[0m")
        #expect(TextStyle.ansi.paint("x", .red) == "\u{1B}[31mx\u{1B}[0m")
        #expect(TextStyle.ansi.paint("", .yellow) == "")
    }

    @Test("the run report is plain by default and coloured only when asked: stop reason and warnings")
    func textReportColours() throws {
        let result = try RecursionImage.run(depth: 4, readsUninitialized: true)
        let plain = TextReport.render(result)
        #expect(!plain.contains("\u{1B}"))
        let colored = TextReport.render(result, style: .ansi)
        #expect(colored.contains("  stop          \u{1B}[32mfirmware exited with status 0\u{1B}[0m"))
        #expect(colored.contains("  \u{1B}[33mwarning\u{1B}[0m       "))
        // Colour changes no character of the text itself.
        #expect(colored.replacingOccurrences(of: "\u{1B}[32m", with: "").replacingOccurrences(of: "\u{1B}[33m", with: "")
            .replacingOccurrences(of: "\u{1B}[0m", with: "") == plain)
    }

    @Test("the check report colours a regression red and keeps the table's plain text")
    func checkReportColoursRegressions() {
        var outcome = CheckOutcome(entry: CheckEntry(name: "kws", file: "kws.elf", board: "nano33", baselinePath: "b.json"))
        outcome.comparisons = [CheckComparison(metric: .cycles, baseline: 100, now: 200, tolerance: .exact)]
        let plain = CheckTextReport.render([outcome])
        #expect(!plain.contains("\u{1B}"))
        let colored = CheckTextReport.render([outcome], style: .ansi)
        #expect(colored.contains("kws on nano33 (kws.elf): \u{1B}[31mREGRESSED\u{1B}[0m"))
        #expect(colored.replacingOccurrences(of: "\u{1B}[31m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "") == plain)
    }
}
