import ArgumentParser
import CortexM
import MemoryBus
import Profiler

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `armsim difftest-exec CASES`: runs a batch of differential-test cases and prints one
/// result line per case, for `firmware/tools/difftest/difftest.py` to compare with Unicorn.
///
/// Hidden from `--help`: it is a test harness, not a user command. The case and result
/// formats, the memory map and the prologue are described in docs/difftest.md; the
/// Python side (`firmware/tools/difftest/cases.py`) writes and reads the same formats.
///
/// Each case runs on a fresh `CortexMCore` and `Bus`, so no state leaks between cases.
/// Only public `CortexM` API is used. APSR (and, on the M4F, FPSCR and S0–S31) have no
/// public setter, and a run cannot be resumed after a `BKPT` stop, so one run does it
/// all: the registers are set through `setRegister`, a short prologue sets the rest
/// (`MSR APSR, r0`, with `VLDMIA`/`VMSR` before it on the M4F), restores its scratch
/// registers with `LDM` and branches to the body, which ends at its own `BKPT #0`.
struct DifftestExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "difftest-exec",
        abstract: "Run differential-test cases (one per line) and print the final states.",
        discussion: """
            The input format and the memory map are described in docs/difftest.md.

            Example:
              armsim difftest-exec cases.txt > results.txt
            """,
        shouldDisplay: false
    )

    @Argument(help: ArgumentHelp("The file of cases, one per line ('-' for stdin).", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("Cycle limit of each case's body.", valueName: "n"))
    var maxCycles: UInt64 = 100_000

    func run() throws {
        guard let input = DifftestIO.readAll(path: file) else {
            throw Terminal.fail("cannot read \(file)", status: ExitStatus.noInput)
        }
        var output: [UInt8] = []
        output.reserveCapacity(1 << 20)
        var lineNumber = 0
        var start = 0
        while start < input.count {
            var end = start
            while end < input.count && input[end] != 0x0A { end += 1 }
            lineNumber += 1
            let line = input[start..<end]
            start = end + 1
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            let testCase: DifftestCase
            do {
                testCase = try DifftestCase(parsing: line)
            } catch {
                throw Terminal.fail("\(file):\(lineNumber): \(error.message)", status: ExitStatus.inputRejected)
            }
            DifftestMachine.run(testCase, maxCycles: maxCycles, into: &output)
            if output.count > (1 << 20) - 4096 {
                Terminal.standardOutput(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        Terminal.standardOutput(output)
    }
}

/// A malformed case line.
struct DifftestFormatError: Error {
    /// One line, lower case, naming the offending token.
    let message: String
}

/// One differential-test case: a body of Thumb code and the state to start it from.
///
/// Line format (tokens separated by spaces; docs/difftest.md):
/// `NAME core=m0 code=HEX r=W0,…,W14 apsr=HEX [fpscr=HEX s=W0,…,W31] [fill=ADDR:LEN:SEED]… [mem=ADDR:HEX]… [end=ADDR]`
/// where `r` holds r0–r12, SP and LR, `code` the body's bytes (placed at `bodyAddress`,
/// ending with its own `BKPT #0` and literal pool), `fill` fills memory from the shared
/// hash generator (`DifftestIO.fillWord`), and `mem` writes explicit bytes after the fills.
struct DifftestCase {
    var name: Substring
    var kind: CoreKind = .m0
    var code: [UInt8] = []
    var registers = [UInt32](repeating: 0, count: 15)
    var apsr: UInt32 = 0
    var fpscr: UInt32?
    var singles: [UInt32]?
    var fills: [(address: UInt32, byteCount: UInt32, seed: UInt32)] = []
    var blocks: [(address: UInt32, bytes: [UInt8])] = []

    init(parsing line: ArraySlice<UInt8>) throws(DifftestFormatError) {
        let tokens = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard let first = tokens.first else { throw DifftestFormatError(message: "empty case") }
        name = Substring(String(decoding: first, as: UTF8.self))
        for token in tokens.dropFirst() {
            guard let equals = token.firstIndex(of: UInt8(ascii: "=")) else {
                throw DifftestFormatError(message: "token '\(String(decoding: token, as: UTF8.self))' has no '='")
            }
            let key = String(decoding: token[token.startIndex..<equals], as: UTF8.self)
            let value = token[(equals + 1)...]
            switch key {
            case "core":
                guard let kind = CoreKind(rawValue: String(decoding: value, as: UTF8.self)) else {
                    throw DifftestFormatError(message: "unknown core '\(String(decoding: value, as: UTF8.self))'")
                }
                self.kind = kind
            case "code": code = try DifftestIO.bytes(value, key: key)
            case "r":
                registers = try DifftestIO.words(value, key: key)
                guard registers.count == 15 else { throw DifftestFormatError(message: "r needs 15 words, got \(registers.count)") }
            case "apsr": apsr = try DifftestIO.word(value, key: key)
            case "fpscr": fpscr = try DifftestIO.word(value, key: key)
            case "s":
                let words = try DifftestIO.words(value, key: key)
                guard words.count == 32 else { throw DifftestFormatError(message: "s needs 32 words, got \(words.count)") }
                singles = words
            case "fill":
                let parts = value.split(separator: UInt8(ascii: ":"))
                guard parts.count == 3 else { throw DifftestFormatError(message: "fill needs ADDR:LEN:SEED") }
                fills.append((
                    try DifftestIO.word(parts[0], key: key), try DifftestIO.word(parts[1], key: key),
                    try DifftestIO.word(parts[2], key: key)))
            case "mem":
                let parts = value.split(separator: UInt8(ascii: ":"))
                guard parts.count == 2 else { throw DifftestFormatError(message: "mem needs ADDR:HEX") }
                blocks.append((try DifftestIO.word(parts[0], key: key), try DifftestIO.bytes(parts[1], key: key)))
            case "end":
                // The body's final BKPT, for the Unicorn runner's bound; armsim stops at any BKPT.
                break
            default:
                throw DifftestFormatError(message: "unknown key '\(key)'")
            }
        }
        guard !code.isEmpty else { throw DifftestFormatError(message: "case \(name) has no code") }
    }
}

/// The machine every case runs on, and the run itself.
///
/// Memory map (docs/difftest.md): FLASH 0x0000_0000–0x0000_1FFF holds the vector table
/// (SP = top of SRAM, reset → the prologue), the prologue at `prologueAddress`, its FP
/// data at `floatingPointDataAddress` and the body at `bodyAddress`; SRAM
/// 0x2000_0000–0x2000_1FFF holds the case's data and stack. Both are zero-wait-state.
enum DifftestMachine {
    static let flashSize: UInt32 = 0x2000
    static let sramBase: UInt32 = 0x2000_0000
    static let sramSize: UInt32 = 0x2000
    static let prologueAddress: UInt32 = 0x100
    static let floatingPointDataAddress: UInt32 = 0x180
    static let bodyAddress: UInt32 = 0x400

    /// Where the prologue's table of r0–r4 starts (word-aligned, after the longest prologue).
    static let prologueTableAddress: UInt32 = 0x140

    /// The prologue: sets what has no public setter, then restores the scratch registers
    /// and branches to the body. Every instruction here leaves the flags alone after the
    /// `MSR`, so APSR reaches the body as the case gives it.
    ///
    /// On entry r0 = APSR and, with FP state, r1 = CPACR, r2 = 0x00F00000 (CP10/CP11 full
    /// access), r3 = the S0–S31 data, r4 = FPSCR:
    /// `[STR r2,[r1]; DSB; ISB; VLDMIA r3,{s0-s31}; VMSR FPSCR,r4;] MSR APSR_nzcvq(g),r0;
    /// ADR r0,table; LDM r0,{r0-r4}; B body`.
    /// - Returns: the halfwords and how many instructions they execute.
    static func prologue(kind: CoreKind, floatingPoint: Bool) -> (halfwords: [UInt16], instructionCount: UInt64) {
        var code: [UInt16] = []
        var count: UInt64 = 0
        if floatingPoint {
            code += [0x600A, 0xF3BF, 0x8F4F, 0xF3BF, 0x8F6F, 0xEC93, 0x0A20, 0xEEE1, 0x4A10]
            count += 5
        }
        // MSR APSR_nzcvq, r0 (mask 0b10) on ARMv6-M, APSR_nzcvqg (mask 0b11) with the DSP extension.
        code += kind == .m4 ? [0xF380, 0x8C00] : [0xF380, 0x8800]
        let adrAddress = prologueAddress + UInt32(code.count * 2)
        let adrBase = (adrAddress + 4) & ~3
        code.append(0xA000 | UInt16((prologueTableAddress - adrBase) / 4))  // ADR r0, table
        code.append(0xC81F)  // LDM r0, {r0-r4} (r0 in the list: no writeback)
        let branchAddress = prologueAddress + UInt32(code.count * 2)
        code.append(0xE000 | UInt16(((bodyAddress - (branchAddress + 4)) / 2) & 0x7FF))  // B body
        return (code, count + 4)
    }

    static func run(_ testCase: DifftestCase, maxCycles: UInt64, into output: inout [UInt8]) {
        let bus = Bus(regions: [
            MemoryRegionSpec(name: "FLASH", baseAddress: 0, byteCount: flashSize, kind: .flash),
            MemoryRegionSpec(name: "SRAM", baseAddress: sramBase, byteCount: sramSize, kind: .ram, isExecutable: false),
        ])
        var table = [UInt32](repeating: 0, count: 48)
        table[0] = sramBase + sramSize
        table[1] = prologueAddress | 1
        bus.program(table.flatMap(littleEndian), at: 0)
        let usesFloatingPoint = testCase.kind == .m4 && (testCase.fpscr != nil || testCase.singles != nil)
        let prologue = prologue(kind: testCase.kind, floatingPoint: usesFloatingPoint)
        bus.program(prologue.halfwords.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, at: prologueAddress)
        bus.program(testCase.registers[0..<5].flatMap(littleEndian), at: prologueTableAddress)
        if usesFloatingPoint {
            bus.program((testCase.singles ?? [UInt32](repeating: 0, count: 32)).flatMap(littleEndian), at: floatingPointDataAddress)
        }
        guard bus.program(testCase.code, at: bodyAddress) else {
            append("\(testCase.name) stop=error:code-too-large\n", to: &output)
            return
        }
        var sram = [UInt8](repeating: 0, count: Int(sramSize))
        for fill in testCase.fills {
            var offset: UInt32 = 0
            while offset < fill.byteCount {
                let word = DifftestIO.fillWord(seed: fill.seed, index: offset / 4)
                for byte in 0..<4 where offset + UInt32(byte) < fill.byteCount {
                    let address = fill.address &+ offset &+ UInt32(byte)
                    if address &- sramBase < sramSize { sram[Int(address &- sramBase)] = UInt8(truncatingIfNeeded: word >> (8 * UInt32(byte))) }
                }
                offset += 4
            }
        }
        for block in testCase.blocks {
            for (index, byte) in block.bytes.enumerated() {
                let address = block.address &+ UInt32(index)
                if address &- sramBase < sramSize { sram[Int(address &- sramBase)] = byte }
            }
        }
        _ = bus.hostWrite(sram, at: sramBase)

        let semihosting = Semihosting(options: .init(), clockHz: 1_000_000, standardOutput: { _ in }, standardError: { _ in })
        let core = CortexMCore(
            configuration: CoreConfiguration(kind: testCase.kind, bootAddress: 0, hasFPU: testCase.kind == .m4),
            bus: bus, semihosting: semihosting)
        core.reset(entryPoint: nil)
        for index in 0..<15 { core.setRegister(index, testCase.registers[index]) }
        core.setRegister(0, testCase.apsr)
        if usesFloatingPoint {
            core.setRegister(1, 0xE000_ED88)
            core.setRegister(2, 0x00F0_0000)
            core.setRegister(3, floatingPointDataAddress)
            core.setRegister(4, testCase.fpscr ?? 0)
        }
        let stop = core.run(cycleLimit: maxCycles)
        let bodyInstructions = core.instructions &- prologue.instructionCount &- 1
        append("\(testCase.name) stop=\(describe(stop)) n=\(Int64(bitPattern: bodyInstructions)) r=", to: &output)
        for index in 0..<16 {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            appendHex(core.register(index), to: &output)
        }
        append(" xpsr=", to: &output)
        appendHex(core.xpsr, to: &output)
        if usesFloatingPoint {
            append(" fpscr=", to: &output)
            appendHex(core.floatingPointStatus, to: &output)
            append(" s=", to: &output)
            for index in 0..<32 {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                appendHex(core.single(index), to: &output)
            }
        }
        append(" mem=", to: &output)
        var first = true
        if let final = bus.hostRead(address: sramBase, length: Int(sramSize)) {
            var offset = 0
            while offset < final.count {
                if final[offset] != sram[offset] || final[offset + 1] != sram[offset + 1]
                    || final[offset + 2] != sram[offset + 2] || final[offset + 3] != sram[offset + 3]
                {
                    let word = UInt32(final[offset]) | UInt32(final[offset + 1]) << 8 | UInt32(final[offset + 2]) << 16
                        | UInt32(final[offset + 3]) << 24
                    if !first { output.append(UInt8(ascii: ",")) }
                    first = false
                    appendHex(sramBase + UInt32(offset), to: &output)
                    output.append(UInt8(ascii: ":"))
                    appendHex(word, to: &output)
                }
                offset += 4
            }
        }
        output.append(0x0A)
    }

    /// Eight lower-case hex digits, no prefix: the result format's word.
    static func appendHex(_ value: UInt32, to output: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        digits.withUTF8Buffer { table in
            var shift: UInt32 = 28
            while true {
                output.append(table[Int((value >> shift) & 0xF)])
                if shift == 0 { break }
                shift -= 4
            }
        }
    }

    /// `bkpt:ADDR:IMM` for a breakpoint stop (the expected end is `BKPT #0` at the body's
    /// end), otherwise a one-word kind and, for faults, the fault's description.
    static func describe(_ stop: StopReason) -> String {
        switch stop {
        case .breakpoint(let pc, let immediate): return "bkpt:\(hex(pc, digits: 1).dropFirst(2).lowercased()):\(immediate)"
        case .cycleLimit: return "cycle-limit"
        case .lockup(let report): return "lockup:" + report.kind.description.replacingSpaces
        case .infiniteLoop(let pc, let fault):
            return "loop:\(hex(pc))" + (fault.map { ":" + $0.kind.description.replacingSpaces } ?? "")
        case .exited(let status): return "exit:\(status)"
        case .abnormalExit(let reason, _): return "abnormal-exit:\(hex(reason))"
        case .sleepForever(let pc): return "sleep:\(hex(pc))"
        case .interrupted: return "interrupted"
        }
    }

    static func littleEndian(_ word: UInt32) -> [UInt8] {
        [UInt8(word & 0xFF), UInt8((word >> 8) & 0xFF), UInt8((word >> 16) & 0xFF), UInt8(word >> 24)]
    }

    static func append(_ text: String, to output: inout [UInt8]) {
        output.append(contentsOf: text.utf8)
    }
}

/// Reading the case file and its hex fields.
enum DifftestIO {
    /// The whole file (or stdin for `-`), or nil when it cannot be read.
    static func readAll(path: String) -> [UInt8]? {
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { if descriptor != 0 { close(descriptor) } }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 { return nil }
            if got == 0 { return result }
            result.append(contentsOf: buffer[0..<got])
        }
    }

    /// Word `index` of a `fill` block: the murmur3 finaliser of `seed + index * 0x9E3779B9`,
    /// a stateless hash so both sides can fill any block cheaply and identically.
    @inline(__always)
    static func fillWord(seed: UInt32, index: UInt32) -> UInt32 {
        var h = seed &+ index &* 0x9E37_79B9
        h ^= h >> 16
        h = h &* 0x85EB_CA6B
        h ^= h >> 13
        h = h &* 0xC2B2_AE35
        h ^= h >> 16
        return h
    }

    static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return character - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func word(_ text: ArraySlice<UInt8>, key: String) throws(DifftestFormatError) -> UInt32 {
        var digits = text
        if digits.count > 2 && digits.first == UInt8(ascii: "0")
            && (digits[digits.startIndex + 1] | 0x20) == UInt8(ascii: "x")
        {
            digits = digits.dropFirst(2)
        }
        guard !digits.isEmpty, digits.count <= 8 else {
            throw DifftestFormatError(message: "\(key): bad word '\(String(decoding: text, as: UTF8.self))'")
        }
        var value: UInt32 = 0
        for character in digits {
            guard let digit = nibble(character) else {
                throw DifftestFormatError(message: "\(key): bad word '\(String(decoding: text, as: UTF8.self))'")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    static func words(_ text: ArraySlice<UInt8>, key: String) throws(DifftestFormatError) -> [UInt32] {
        var result: [UInt32] = []
        for part in text.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            result.append(try word(part, key: key))
        }
        return result
    }

    /// Hex digits, two per byte, in memory order.
    static func bytes(_ text: ArraySlice<UInt8>, key: String) throws(DifftestFormatError) -> [UInt8] {
        guard text.count % 2 == 0 else { throw DifftestFormatError(message: "\(key): odd number of hex digits") }
        var result: [UInt8] = []
        result.reserveCapacity(text.count / 2)
        var index = text.startIndex
        while index < text.endIndex {
            guard let high = nibble(text[index]), let low = nibble(text[index + 1]) else {
                throw DifftestFormatError(message: "\(key): bad hex byte")
            }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }
}

extension String {
    fileprivate var replacingSpaces: String { String(map { $0 == " " ? "_" : $0 }) }
}
