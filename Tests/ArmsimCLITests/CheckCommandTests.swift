import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The repository root, found from this file's path (Tests/ArmsimCLITests/CheckCommandTests.swift).
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs `armsim` (built next to the test bundle, else `.build/debug/armsim`) from the
/// repository root with `arguments`; returns its status and stdout. Output goes through
/// files so that no pipe can fill and block.
private func armsimCheck(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    var candidates: [URL] = []
    if let testBinary = Bundle.main.executableURL { candidates.append(testBinary.deletingLastPathComponent().appendingPathComponent("armsim")) }
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("armsim"))
    candidates.append(root.appendingPathComponent(".build/debug/armsim"))
    let executable = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "run `swift build` first")
    let directory = try scratch()
    let outputURL = URL(fileURLWithPath: directory + "/stdout")
    let errorURL = URL(fileURLWithPath: directory + "/stderr")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    let process = Process()
    process.executableURL = executable
    process.arguments = ["check"] + arguments
    process.currentDirectoryURL = root
    process.standardOutput = try FileHandle(forWritingTo: outputURL)
    process.standardError = try FileHandle(forWritingTo: errorURL)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return (
        process.terminationStatus, String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
        String(decoding: try Data(contentsOf: errorURL), as: UTF8.self)
    )
}

/// A fresh temporary directory.
private func scratch() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("armsim-check-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

/// A firmware built by `make -C firmware`. The deliberately slow `bench-small-slow` is
/// built on demand when an older firmware build lacks it.
private func elf(_ program: String, board: String = "microbit-v1") throws -> String {
    let path = "firmware/build/\(board)/\(program).elf"
    if !FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) {
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = ["make", "-s", "-C", "firmware", "build/\(board)/\(program).elf"]
        make.currentDirectoryURL = root
        try make.run()
        make.waitUntilExit()
    }
    try #require(FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), "\(path) is missing: run `make -C firmware` first")
    return path
}

@Suite("CheckCommand")
struct CheckCommandTests {
    @Test("a firmware made slower on purpose fails the gate with status 2 and says so in JUnit and Markdown")
    func slowerFirmwareFailsTheGate() throws {
        let directory = try scratch()
        let baseline = directory + "/bench.json"
        let recorded = try armsimCheck([try elf("bench-small"), "--board", "microbit-v1", "--baseline", baseline, "--update"])
        #expect(recorded.status == 0, "\(recorded.output)\(recorded.error)")
        let junit = directory + "/junit.xml"
        let markdown = directory + "/summary.md"
        let json = directory + "/check.json"
        let slow = try armsimCheck([
            try elf("bench-small-slow"), "--board", "microbit-v1", "--baseline", baseline, "--name", "bench-small",
            "--expect-stdout", "ci/expected/bench-small.txt", "--junit", junit, "--markdown", markdown, "--json", json,
        ])
        #expect(slow.status == 2, "\(slow.output)\(slow.error)")
        #expect(slow.output.contains("bench-small on microbit-v1 (firmware/build/microbit-v1/bench-small-slow.elf): REGRESSED"))
        #expect(slow.output.hasSuffix("armsim check: 1 regressed (1 entry)\n"))

        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: junit))
        let failed = try document.nodes(forXPath: "//testcase[failure[@type='regression']]/@name").compactMap(\.stringValue)
        #expect(failed.contains("cycles"))
        #expect(try document.nodes(forXPath: "//testcase[@name='behaviour']/failure").isEmpty)

        let summary = try String(contentsOfFile: markdown, encoding: .utf8)
        let firstRow = summary.split(separator: "\n").first { $0.hasPrefix("| ❌") }
        #expect(firstRow?.hasPrefix("| ❌ regressed | `bench-small` | microbit-v1 | total cycles | 330,306 |") == true, "\(summary)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        #expect(report["exit_code"] as? Int == 2)
    }

    @Test("a baseline round trip: --update, then check, passes with every metric unchanged")
    func baselineRoundTripPasses() throws {
        let baseline = try scratch() + "/nested/dir/bench.json"
        let arguments = [try elf("bench-small", board: "generic-m4"), "--board", "generic-m4", "--baseline", baseline]
        #expect(try armsimCheck(arguments).status == 66)
        #expect(try armsimCheck(arguments + ["--update"]).status == 0)
        let checked = try armsimCheck(arguments)
        #expect(checked.status == 0, "\(checked.output)")
        #expect(checked.output.contains("total cycles"))
        #expect(checked.output.contains("skipped: board generic-m4 has no power figures"))
        #expect(!checked.output.contains("REGRESSED"))
    }

    @Test("a tolerance lets a small regression pass, and the baseline's tolerances are used")
    func toleranceLetsItPass() throws {
        let baseline = try scratch() + "/bench.json"
        _ = try armsimCheck([try elf("bench-small"), "--board", "microbit-v1", "--baseline", baseline, "--update"])
        let arguments = [try elf("bench-small-slow"), "--board", "microbit-v1", "--baseline", baseline]
        #expect(try armsimCheck(arguments + ["--tolerance", "all=20%"]).status == 0)
        #expect(try armsimCheck(arguments + ["--tolerance", "cycles=20%,energy=20%"]).status == 2)
        var text = try String(contentsOfFile: baseline, encoding: .utf8)
        text = text.replacingOccurrences(of: "\n}\n", with: ",\n  \"tolerances\": {\"all\": \"20%\"}\n}\n")
        try text.write(toFile: baseline, atomically: true, encoding: .utf8)
        #expect(try armsimCheck(arguments).status == 0)
    }

    @Test("a wrong exit status or stdout fails the run with status 1, and --expect-exit accepts the right one")
    func behaviourIsAsserted() throws {
        let baseline = try scratch() + "/exitcode.json"
        let arguments = [try elf("exitcode"), "--board", "microbit-v1", "--baseline", baseline]
        let wrongExit = try armsimCheck(arguments + ["--update"])
        #expect(wrongExit.status == 1)
        #expect(wrongExit.output.contains("run failed: exit status 3, expected 0: firmware exited with status 3"))
        #expect(wrongExit.output.contains("    | exitcode: returning 3"))
        #expect(try armsimCheck(arguments + ["--update", "--expect-exit", "3"]).status == 0)
        #expect(try armsimCheck(arguments + ["--expect-exit", "3", "--expect-stdout", "ci/expected/exitcode.txt"]).status == 0)
        let wrongOutput = try armsimCheck(arguments + ["--expect-exit", "3", "--expect-stdout", "ci/expected/kws.txt"])
        #expect(wrongOutput.status == 1)
        #expect(wrongOutput.output.contains("stdout differs from ci/expected/kws.txt at line 1"))
    }

    @Test("a manifest runs its entries in parallel with one verdict each")
    func manifestGivesOneVerdictPerEntry() throws {
        let directory = try scratch()
        let manifest = directory + "/armsim.json"
        let slow = root.appendingPathComponent(try elf("bench-small-slow")).path
        let fast = root.appendingPathComponent(try elf("bench-small")).path
        try """
            {"entries": [
              {"name": "fast", "file": "\(fast)", "board": "microbit-v1", "baseline": "fast.json"},
              {"name": "slow", "file": "\(slow)", "board": "microbit-v1", "baseline": "fast.json"},
              {"name": "missing", "file": "nowhere.elf", "board": "microbit-v1", "baseline": "fast.json"}
            ]}
            """.write(toFile: manifest, atomically: true, encoding: .utf8)
        _ = try armsimCheck([fast, "--board", "microbit-v1", "--baseline", directory + "/fast.json", "--update"])
        let result = try armsimCheck(["--manifest", manifest, "--jobs", "3"])
        #expect(result.status == 66, "\(result.output)")
        #expect(result.output.contains("fast on microbit-v1 (\(fast)): passed"))
        #expect(result.output.contains("slow on microbit-v1 (\(slow)): REGRESSED"))
        #expect(result.output.contains("missing on microbit-v1 (\(directory)/nowhere.elf): ERROR"))
        #expect(result.error.contains("armsim: error: missing: "))
    }

    @Test("per-entry options with --manifest, or a missing --baseline, are usage errors (64)")
    func usageErrors() throws {
        #expect(try armsimCheck(["--manifest", "ci/armsim.json", "--board", "pico"]).status == 64)
        #expect(try armsimCheck([try elf("bench-small"), "--board", "microbit-v1"]).status == 64)
        #expect(try armsimCheck([try elf("bench-small"), "--board", "microbit-v1", "--baseline", "b.json", "--tolerance", "cycels=1%"]).status == 64)
    }
}
