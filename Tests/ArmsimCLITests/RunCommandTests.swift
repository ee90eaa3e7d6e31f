import Foundation
import Testing

/// The repository root, found from this file's path (Tests/ArmsimCLITests/RunCommandTests.swift).
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// What one `armsim` process did.
struct Invocation {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// Runs `executable` with `arguments` from the repository root, with empty stdin. Its
/// output goes to temporary files, so neither stream can fill a pipe and block it.
private func spawn(_ executable: URL, _ arguments: [String]) throws -> Invocation {
    let directory = FileManager.default.temporaryDirectory
    let outputURL = directory.appendingPathComponent("armsim-out-\(UUID().uuidString)")
    let errorURL = directory.appendingPathComponent("armsim-err-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: outputURL)
        try? FileManager.default.removeItem(at: errorURL)
    }
    let output = try FileHandle(forWritingTo: outputURL)
    let error = try FileHandle(forWritingTo: errorURL)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try output.close()
    try error.close()
    return Invocation(
        status: process.terminationStatus,
        standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
        standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
}

/// The `armsim` executable that `swift build`/`swift test` built: next to the test bundle,
/// else `.build/debug/armsim`.
private func armsimExecutable() throws -> URL {
    var candidates: [URL] = []
    if let testBinary = Bundle.main.executableURL {
        candidates.append(testBinary.deletingLastPathComponent().appendingPathComponent("armsim"))
    }
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("armsim"))
    candidates.append(repositoryRoot.appendingPathComponent(".build/debug/armsim"))
    let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    return try #require(found, "no armsim executable at \(candidates.map(\.path)): run `swift build` first")
}

/// Runs `armsim` with `arguments`.
private func armsim(_ arguments: String...) throws -> Invocation {
    try spawn(try armsimExecutable(), arguments)
}

/// The path of a firmware ELF built by `make -C firmware`; records a clear issue when missing.
private func firmware(_ program: String, board: String = "microbit-v1") throws -> String {
    let path = "firmware/build/\(board)/\(program).elf"
    try #require(
        FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(path).path),
        "\(path) is missing: run `make -C firmware` from the repository root first")
    return path
}

/// The expected stdout of a program, printed by its Python reference model.
private func reference(_ program: String) throws -> String {
    let invocation = try spawn(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "firmware/reference/\(program).py"])
    try #require(invocation.status == 0, "firmware/reference/\(program).py failed: \(invocation.standardError)")
    return invocation.standardOutput
}

@Suite("RunCommand")
struct RunCommandTests {
    /// The 13 board presets (docs/boards.md).
    static let boardKeys = [
        "nano33", "nano33iot", "pico", "microbit-v1", "microbit-v2", "sparkfun-edge", "nucleo-l4r5zi", "nucleo-f411re",
        "disco-f407", "nucleo-f072rb", "nucleo-l476rg", "nucleo-g0b1re", "mps2-an386",
    ]

    @Test("stdout carries exactly the firmware's output and the report goes to stderr; status 0",
          arguments: ["microbit-v1", "nano33iot", "pico", "nucleo-g0b1re", "nucleo-f072rb"])
    func helloPrintsExactlyTheFirmwareOutput(board: String) throws {
        let result = try armsim("run", try firmware("hello", board: board), "--board", board)
        #expect(result.status == 0)
        #expect(result.standardOutput == (try reference("hello")))
        #expect(result.standardError.hasPrefix("armsim: firmware/build/\(board)/hello.elf on \(board) ("))
        #expect(result.standardError.contains("firmware exited with status 0"))
        #expect(result.standardError.contains("cycles"))
    }

    @Test("--quiet drops the report: stderr is empty")
    func quietDropsTheReport() throws {
        let result = try armsim("run", try firmware("hello"), "--board", "microbit-v1", "--quiet")
        #expect(result.status == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == (try reference("hello")))
    }

    @Test("the firmware's exit status passes through: exitcode.elf exits 3")
    func firmwareExitStatusPassesThrough() throws {
        let result = try armsim("run", try firmware("exitcode"), "--board", "microbit-v1")
        #expect(result.status == 3)
        #expect(result.standardOutput == (try reference("exitcode")))
    }

    @Test("a firmware that faults exits 70 (EX_SOFTWARE) after printing what it printed")
    func faultExitsSeventy() throws {
        let result = try armsim("run", try firmware("fault"), "--board", "microbit-v1")
        #expect(result.status == 70)
        #expect(result.standardOutput == (try reference("fault")))
        #expect(result.standardError.contains("ADP_Stopped_RunTimeErrorUnknown"))
    }

    @Test("reaching --max-cycles exits 124, as timeout(1) does")
    func cycleLimitExits124() throws {
        let result = try armsim("run", try firmware("hello"), "--board", "microbit-v1", "--max-cycles", "1000")
        #expect(result.status == 124)
        #expect(result.standardError.contains("cycle limit"))
    }

    @Test("a file that is not an ELF, or an ELF for another machine, exits 65 (EX_DATAERR)")
    func nonELFInputExits65() throws {
        let text = FileManager.default.temporaryDirectory.appendingPathComponent("armsim-not-elf-\(UUID().uuidString).txt")
        try Data("not an elf\n".utf8).write(to: text)
        defer { try? FileManager.default.removeItem(at: text) }
        for path in [text.path, "/bin/true"] {
            let result = try armsim("run", path, "--board", "microbit-v1")
            #expect(result.status == 65, "\(path)")
            #expect(result.standardError.hasPrefix("armsim: error: "), "\(path)")
            #expect(result.standardOutput == "")
        }
    }

    @Test("a missing file exits 66 (EX_NOINPUT)")
    func missingFileExits66() throws {
        let result = try armsim("run", "firmware/build/no-such-board/none.elf", "--board", "microbit-v1")
        #expect(result.status == 66)
        #expect(result.standardError.contains("none.elf"))
    }

    @Test("a missing --board is a usage error: exit 64 (EX_USAGE)")
    func missingBoardExits64() throws {
        let result = try armsim("run", try firmware("hello"))
        #expect(result.status == 64)
        #expect(result.standardError.contains("--board"))
    }

    @Test("an unknown board exits 65 with one line listing every board key")
    func unknownBoardExits65WithTheKeys() throws {
        let result = try armsim("run", try firmware("hello"), "--board", "no-such-board")
        #expect(result.status == 65)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        let line = String(lines.first ?? "")
        #expect(line.contains("'no-such-board'"))
        for key in Self.boardKeys + ["generic-m0", "generic-m0plus", "generic-m4"] {
            #expect(line.contains(key), "\(key)")
        }
    }

    @Test("an ARMv6-M image runs unchanged on a Cortex-M4 board (ARMv7-M executes ARMv6-M code)")
    func armv6MImageRunsOnCortexM4Board() throws {
        let result = try armsim("run", try firmware("hello"), "--board", "nano33")
        #expect(result.status == 0)
        #expect(result.standardError.contains("Cortex-M4"))
        #expect(result.standardOutput == (try reference("hello")))
    }

    @Test("an ARMv7E-M hard-float image on a Cortex-M0 board exits 65 with one line naming the image's architecture and the core")
    func coreMismatchExits65() throws {
        let result = try armsim("run", try firmware("kws", board: "nano33"), "--board", "microbit-v1")
        #expect(result.status == 65)
        #expect(result.standardOutput == "")
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first == "armsim: error: firmware/build/nano33/kws.elf is built for ARMv7E-M with an FPU (Tag_FP_arch VFPv4-D16, hard-float ABI), which the Cortex-M0 (ARMv6-M, no FPU) of microbit-v1 cannot run")
    }

    @Test("--ignore-build-attributes runs the mismatched image into its fault (exit 70)")
    func ignoringBuildAttributesRunsIntoTheFault() throws {
        let result = try armsim("run", try firmware("hello", board: "nano33"), "--board", "microbit-v1", "--ignore-build-attributes")
        #expect(result.status == 70)
        #expect(result.standardError.contains("undefined instruction"))
    }

    @Test("a report redirected to a file has no colour escape codes, even with warnings and failures")
    func redirectedReportIsPlain() throws {
        for arguments in [["run", try firmware("fault"), "--board", "microbit-v1"], ["run", try firmware("hello"), "--board", "microbit-v1"]] {
            let result = try spawn(try armsimExecutable(), arguments)
            #expect(!result.standardError.contains("\u{1B}"), "\(arguments)")
            #expect(!result.standardError.isEmpty)
        }
    }

    /// Runs hello with `--json` and returns the parsed object.
    private func jsonReport() throws -> [String: Any] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("armsim-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try armsim("run", try firmware("hello"), "--board", "microbit-v1", "--quiet", "--json", path.path)
        #expect(result.status == 0)
        let data = try Data(contentsOf: path)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("--json writes schema_version 1 with board, core, counts, time and stop, and two runs give the same cycles")
    func jsonReportIsCompleteAndDeterministic() throws {
        let first = try jsonReport()
        for key in ["schema_version", "board", "core", "instructions", "cycles", "seconds", "exit_code", "stop_reason"] {
            #expect(first[key] != nil, "\(key)")
        }
        #expect(first["schema_version"] as? Int == 1)
        #expect(first["board"] as? String == "microbit-v1")
        #expect(first["core"] as? String == "m0")
        #expect(first["exit_code"] as? Int == 0)
        #expect(first["stop_reason"] as? String == "exit")
        let cycles = try #require(first["cycles"] as? Int)
        #expect(cycles > 0)
        #expect((first["instructions"] as? Int ?? 0) > 0)
        #expect((first["seconds"] as? Double ?? 0) > 0)
        let second = try jsonReport()
        #expect(second["cycles"] as? Int == cycles)
        #expect(second["instructions"] as? Int == first["instructions"] as? Int)
    }

    @Test("armsim boards lists all 13 preset keys")
    func boardsListsEveryKey() throws {
        let result = try armsim("boards")
        #expect(result.status == 0)
        let firstColumn = Set(result.standardOutput.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        for key in Self.boardKeys {
            #expect(firstColumn.contains(key), "\(key)")
        }
    }

    @Test("armsim --help explains the exit codes")
    func helpMentionsExitCodes() throws {
        let result = try armsim("--help")
        #expect(result.status == 0)
        let help = result.standardOutput
        #expect(help.contains("Exit status"))
        for code in ["64", "65", "66", "70", "124"] {
            #expect(help.contains(code), "\(code)")
        }
        #expect(help.contains("docs/exit-codes.md"))
    }
}
